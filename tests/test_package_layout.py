"""The package stays readable: no module grows past ~300 lines."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 300
MODULES = sorted((ROOT / "lstm_course").rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_too_long(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LIMIT, (f"{path.relative_to(ROOT)} has {lines} lines (limit {LIMIT}): split it "
                            "by what it holds, as viz/ is split by the kind of picture")
