"""requirements.txt (and requirements-site.txt, the website's) and environment.yml pin the same
packages at the same versions."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = (ROOT / "requirements.txt").read_text().splitlines()
SITE_REQUIREMENTS = (ROOT / "requirements-site.txt").read_text().splitlines()
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)$")


def pins(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        match = PIN.match(line.split("#")[0].strip().removeprefix("- ").strip())
        if match:
            found[match[1].lower().replace("_", "-")] = match[2]
    return found


def test_every_requirement_is_pinned_exactly():
    lines = [line.split("#")[0].strip() for line in REQUIREMENTS + SITE_REQUIREMENTS]
    lines = [line for line in lines if line]
    assert lines and all(PIN.match(line) for line in lines), lines


def test_torch_is_the_cpu_wheel_on_this_machine():
    assert pins(REQUIREMENTS)["torch"] == "2.13.0"


def test_environment_yml_matches_requirements():
    environment = (ROOT / "environment.yml").read_text()
    assert "python=3.11" in environment
    assert pins(environment.splitlines()) == pins(REQUIREMENTS) | pins(SITE_REQUIREMENTS)


def test_the_site_requirements_do_not_repeat_the_course_ones():
    assert not set(pins(SITE_REQUIREMENTS)) & set(pins(REQUIREMENTS))


def declared_dependencies() -> set[str]:
    text = (ROOT / "pyproject.toml").read_text()
    block = re.search(r"^dependencies = \[(.*?)\]", text, re.S | re.M)[1]
    return {name.lower() for name in re.findall(r'"([A-Za-z0-9_.\-]+)"', block)}


# Import names that differ from the distribution that provides them.
DISTRIBUTION = {"mpl_toolkits": "matplotlib", "IPython": "ipython"}


def third_party_imports() -> dict[str, str]:
    """Every top-level module the package imports (anywhere, lazily too) -> first file."""
    import ast
    import sys

    found: dict[str, str] = {}
    for path in sorted((ROOT / "lstm_course").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "lstm_course" and top not in sys.stdlib_module_names:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_import_of_the_package_is_a_declared_and_pinned_dependency():
    declared, pinned = declared_dependencies(), pins(REQUIREMENTS)
    for module, where in third_party_imports().items():
        name = DISTRIBUTION.get(module, module).lower()
        assert name in declared, f"{where} imports {module}: add {name!r} to pyproject.toml"
        assert name in pinned, f"{where} imports {module}: pin {name} in requirements.txt"


def test_the_version_comes_from_the_package_metadata():
    import lstm_course

    text = (ROOT / "pyproject.toml").read_text()
    assert lstm_course.__version__ == re.search(r'^version = "(.+)"', text, re.M)[1]
