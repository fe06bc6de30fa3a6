"""Execute lesson notebooks top to bottom, each in a fresh kernel, and save them.

``make notebooks`` runs this over ``notebooks/*.ipynb``; it is the only way the
committed outputs are regenerated. Pass paths to execute only some lessons.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def lesson_paths(args: list[str]) -> list[Path]:
    """The notebooks named in ``args``, or every lesson in ``notebooks/`` (editions included)."""
    if args:
        return [Path(arg).resolve() for arg in args]
    return sorted(path for path in NOTEBOOKS.rglob("[0-9][0-9]_*.ipynb")
                  if ".ipynb_checkpoints" not in path.parts)


def execute(nb: nbformat.NotebookNode, folder: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run every cell of ``nb`` in a fresh ``python3`` kernel started in ``folder``."""
    client = NotebookClient(nb, kernel_name="python3", timeout=timeout, record_timing=False,
                            store_widget_state=True,
                            resources={"metadata": {"path": str(folder)}})
    return client.execute()


def write_atomically(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write ``nb`` to ``path`` so that a failed or interrupted write leaves the old file whole.

    The notebook goes to a temporary file beside ``path`` first, then replaces it in one
    ``os.replace``, which is atomic on the same file system.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            nbformat.write(nb, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(args: list[str]) -> None:
    for path in lesson_paths(args):
        print(f"executing {path.name} ...", flush=True)
        nb = nbformat.read(path, as_version=4)
        execute(nb, path.parent)
        nb.metadata["kernelspec"] = dict(KERNELSPEC)
        write_atomically(nb, path)


if __name__ == "__main__":
    main(sys.argv[1:])
