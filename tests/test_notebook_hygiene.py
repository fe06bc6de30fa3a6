"""Every committed lesson is clean: python3 kernel, one fresh in-order run, no errors, small."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# Folders that exist on one machine only: POSIX homes and temp, site-packages, C:\\Users\\.
MACHINE_PATH = re.compile(
    r"(/tmp/|/root/|/home/|/Users/|site-packages|[A-Za-z]:\\(Users|Windows)\\)")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb: dict) -> list[dict]:
    return [cell for cell in nb["cells"]
            if cell["cell_type"] == "code" and "".join(cell["source"]).strip()]


def test_lessons_exist_and_are_numbered():
    assert NOTEBOOKS, "no notebooks found"
    for path in NOTEBOOKS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernel_is_python3(path):
    assert load(path)["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_top_to_bottom_in_one_fresh_run(path):
    counts = [cell["execution_count"] for cell in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), "run `make notebooks` to regenerate"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_error_outputs_and_no_machine_paths(path):
    for index, cell in enumerate(code_cells(load(path))):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"code cell {index} has an error output"
            text = "".join(output.get("text", "")) + "".join(
                "".join(value) for kind, value in output.get("data", {}).items()
                if kind.startswith("text/"))
            assert not MACHINE_PATH.search(text), f"code cell {index} shows a machine path"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_seeded_and_small(path):
    sources = "\n".join("".join(cell["source"]) for cell in code_cells(load(path)))
    assert "torch.manual_seed(" in sources
    assert path.stat().st_size < 1_000_000, "keep figures small (dpi) and prints short"
