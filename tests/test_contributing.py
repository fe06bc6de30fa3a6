"""CONTRIBUTING.md's package map is the package: every module listed, every lesson that uses
a module named beside it, every test file it names present."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lstm_course"
ROW = re.compile(r"^\| `([\w.]+)` \| [^|]+ \| ([^|]+) \| ([^|]+) \|$", re.M)


def table() -> dict[str, tuple[set[str], list[str]]]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = {}
    for name, lessons, tests in ROW.findall(text):
        rows[name] = ({n for n in re.findall(r"\d\d", lessons)}, re.split(r",\s*", tests.strip()))
    return rows


def units() -> set[str]:
    """The package's top-level modules and subpackages."""
    found = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return found | {p.parent.name for p in PACKAGE.glob("*/__init__.py")}


def lessons_using(unit: str) -> set[str]:
    pattern = re.compile(rf"lstm_course\.{unit}\b|from lstm_course import [^\n]*\b{unit}\b")
    used = set()
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        if pattern.search(code):
            used.add(path.name[:2])
    return used


def test_every_module_is_in_the_map_and_nothing_else():
    listed, real = set(table()), units()
    assert not real - listed, f"add {sorted(real - listed)} to CONTRIBUTING.md's package map"
    gone = sorted(listed - real)
    assert not gone, f"CONTRIBUTING.md maps modules that do not exist: {gone}"


def test_the_map_names_exactly_the_lessons_that_use_each_module():
    for unit, (lessons, _tests) in table().items():
        assert lessons == lessons_using(unit), (
            f"CONTRIBUTING.md: {unit} is used by lessons {sorted(lessons_using(unit))}, "
            f"the map says {sorted(lessons)}")


def test_the_test_files_the_map_names_exist():
    for unit, (_lessons, tests) in table().items():
        for pattern in tests:
            assert list((ROOT / "tests").glob(pattern)), f"{unit}: no test file {pattern}"
