"""Execute lesson notebooks top to bottom, each in a fresh kernel, and save them.

``make notebooks`` runs this over ``notebooks/*.ipynb``; it is the only way the
committed outputs are regenerated. Pass paths to execute only some lessons.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def lesson_paths(args: list[str]) -> list[Path]:
    """The notebooks named in ``args``, or every lesson in ``notebooks/``."""
    if args:
        return [Path(arg).resolve() for arg in args]
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def execute(nb: nbformat.NotebookNode, folder: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run every cell of ``nb`` in a fresh ``python3`` kernel started in ``folder``."""
    client = NotebookClient(nb, kernel_name="python3", timeout=timeout, record_timing=False,
                            store_widget_state=True,
                            resources={"metadata": {"path": str(folder)}})
    return client.execute()


def main(args: list[str]) -> None:
    for path in lesson_paths(args):
        print(f"executing {path.name} ...", flush=True)
        nb = nbformat.read(path, as_version=4)
        execute(nb, path.parent)
        nb.metadata["kernelspec"] = dict(KERNELSPEC)
        nbformat.write(nb, path)


if __name__ == "__main__":
    main(sys.argv[1:])
