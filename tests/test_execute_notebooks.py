"""tools/execute_notebooks.py: a failed or interrupted write never leaves a broken notebook."""

import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import execute_notebooks  # noqa: E402


def notebook(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])


def test_a_write_replaces_the_notebook_and_keeps_its_permissions(tmp_path):
    path = tmp_path / "01_x.ipynb"
    nbformat.write(notebook("old"), path)
    path.chmod(0o644)
    execute_notebooks.write_atomically(notebook("new"), path)
    assert nbformat.read(path, as_version=4).cells[0].source == "new"
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["01_x.ipynb"]  # no temporary file left


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()])
def test_a_write_that_fails_halfway_leaves_the_old_notebook_whole(tmp_path, monkeypatch,
                                                                  failure):
    path = tmp_path / "01_x.ipynb"
    nbformat.write(notebook("old"), path)
    before = path.read_bytes()

    def write_half_then_fail(nb, file):
        file.write('{"cells": [')
        raise failure

    monkeypatch.setattr(execute_notebooks.nbformat, "write", write_half_then_fail)
    with pytest.raises(type(failure)):
        execute_notebooks.write_atomically(notebook("new"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["01_x.ipynb"]
