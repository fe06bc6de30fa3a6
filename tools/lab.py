"""The learner's JupyterLab: every lesson opens from your own copy, so the course stays clean.

    make lab                 # copy lessons you do not have yet into my-notebooks/, start JupyterLab
    make fresh LESSON=03     # a fresh copy of lesson 03; your old copy is kept as a backup
    make lab-source          # contributors: JupyterLab on the committed lessons in notebooks/

Reading and running a lesson changes only ``my-notebooks/`` (git-ignored): the committed
notebooks, with the widget state the website renders, stay byte for byte as they are, so
``git pull`` always works. JupyterLab's root is the repository, so the package's source
(``lstm_course/…``) that lessons point to is one click away; ``notebooks/`` itself is hidden
there. Authentication stays on whatever your own Jupyter configuration says: the server
listens on 127.0.0.1 only and needs the token in the link it prints.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "notebooks"
WORKSPACE_VARIABLE = "LSTM_COURSE_WORKSPACE"
#: Files JupyterLab never lists: its own defaults, plus the committed lessons.
HIDDEN = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*.so", "*.dylib", "*~", "notebooks"]


def workspace() -> Path:
    """The folder of the learner's copies: ``my-notebooks/`` unless ``LSTM_COURSE_WORKSPACE``
    names another folder of the repository."""
    return ROOT / os.environ.get(WORKSPACE_VARIABLE, "my-notebooks")


def lesson_files(source: Path = SOURCE) -> list[Path]:
    """Every file of the course's notebook folder (lessons, other editions, their assets)."""
    return sorted(path for path in source.rglob("*") if path.is_file()
                  and ".ipynb_checkpoints" not in path.parts)


def sync(target: Path, source: Path = SOURCE) -> list[Path]:
    """Copy into ``target`` every lesson file it lacks; never touch a file already there.

    Returns the paths copied, relative to ``target``.
    """
    added = []
    for path in lesson_files(source):
        relative = path.relative_to(source)
        copy = target / relative
        if copy.exists():
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        added.append(relative)
    return added


def fresh(lesson: str, target: Path, source: Path = SOURCE) -> tuple[Path, Path | None]:
    """Replace ``target``'s copy of ``lesson`` (a prefix such as ``03`` or ``es/03``) with the
    committed one, keeping the old copy as ``…backup-<time>.ipynb``; returns (copy, backup)."""
    folder, _, prefix = lesson.rpartition("/")
    matches = sorted((source / folder).glob(f"{prefix}_*.ipynb")) if prefix else []
    if len(matches) != 1:
        known = ", ".join(path.relative_to(source).as_posix()[:-6]
                          for path in sorted(source.rglob("[0-9][0-9]_*.ipynb")))
        raise SystemExit(f"no single lesson {lesson!r}; give its number, e.g. LESSON=03. "
                         f"Lessons: {known}.")
    committed = matches[0]
    copy = target / committed.relative_to(source)
    backup = None
    if copy.exists():
        backup = copy.with_name(f"{copy.stem}.backup-{time.strftime('%Y%m%d-%H%M%S')}.ipynb")
        copy.rename(backup)
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(committed, copy)
    return copy, backup


def lab_command(root_dir: Path, open_folder: Path | None, token: str,
                port: int | None = None) -> list[str]:
    """The ``jupyter lab`` command line: 127.0.0.1 only, token authentication on.

    Command-line options win over every Jupyter configuration file, so a user's
    configuration cannot turn authentication off for this server.
    """
    command = [sys.executable, "-m", "jupyter", "lab", "--ServerApp.ip=127.0.0.1",
               "--ServerApp.allow_remote_access=False",
               "--ServerApp.allow_unauthenticated_access=False",
               "--ServerApp.disable_check_xsrf=False",
               f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root_dir}"]
    command += [f"--ContentsManager.hide_globs={name}" for name in HIDDEN]
    if open_folder is not None:
        command.append(f"--LabApp.default_url=/lab/tree/{open_folder.relative_to(root_dir)}")
    if port is not None:
        command += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        command.append("--allow-root")  # Jupyter refuses root (e.g. in a container) otherwise
    return command


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action")
    sub.add_parser("serve", help="copy new lessons, then start JupyterLab (the default)")
    sub.add_parser("sync", help="only copy the lessons you do not have yet")
    fresh_parser = sub.add_parser("fresh", help="a fresh copy of one lesson")
    fresh_parser.add_argument("lesson", help="its number, e.g. 03 (es/03 for the Spanish twin)")
    sub.add_parser("source", help="contributors: JupyterLab on the committed notebooks/")
    args = parser.parse_args(argv)
    target = workspace()
    if args.action == "fresh":
        copy, backup = fresh(args.lesson, target)
        kept = f"; your previous copy is {backup.relative_to(ROOT)}" if backup else ""
        print(f"fresh copy: {copy.relative_to(ROOT)}{kept}")
        return
    if args.action == "source":
        print("Editing the committed lessons: regenerate outputs with `make notebooks` before "
              "you commit.")
        command = lab_command(SOURCE, None, secrets.token_hex(24))
        command.remove("--ContentsManager.hide_globs=notebooks")
        raise SystemExit(subprocess.call(command))
    added = sync(target)
    if added:
        print(f"copied {len(added)} lesson file(s) into {target.relative_to(ROOT)}/: "
              + ", ".join(path.as_posix() for path in added[:8])
              + (" …" if len(added) > 8 else ""))
    print(f"Your lessons are in {target.relative_to(ROOT)}/ (yours to change; "
          f"`make fresh LESSON=NN` gets a clean copy).")
    if args.action == "sync":
        return
    raise SystemExit(subprocess.call(lab_command(ROOT, target, secrets.token_hex(24))))


if __name__ == "__main__":
    main(sys.argv[1:])
