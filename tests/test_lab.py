"""tools/lab.py: the learner works on copies, never on the committed lessons; auth stays on."""

import fnmatch
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import lab  # noqa: E402


def make_course(folder: Path) -> Path:
    source = folder / "notebooks"
    (source / "es").mkdir(parents=True)
    for name in ("01_a.ipynb", "02_b.ipynb", "es/01_a_es.ipynb", "es/GLOSARIO.md"):
        (source / name).write_text(f"committed {name}")
    return source


def test_sync_copies_missing_lessons_and_never_overwrites_the_learners_work(tmp_path):
    source, target = make_course(tmp_path), tmp_path / "mine"
    assert {p.as_posix() for p in lab.sync(target, source)} == {
        "01_a.ipynb", "02_b.ipynb", "es/01_a_es.ipynb", "es/GLOSARIO.md"}
    (target / "01_a.ipynb").write_text("my answers")
    (source / "03_c.ipynb").write_text("a new lesson")  # a later `git pull`
    assert [p.as_posix() for p in lab.sync(target, source)] == ["03_c.ipynb"]
    assert (target / "01_a.ipynb").read_text() == "my answers"


def test_fresh_copy_keeps_the_old_one_as_a_backup(tmp_path):
    source, target = make_course(tmp_path), tmp_path / "mine"
    lab.sync(target, source)
    (target / "02_b.ipynb").write_text("my answers")
    copy, backup = lab.fresh("02", target, source)
    assert copy.read_text() == "committed 02_b.ipynb"
    assert backup.read_text() == "my answers" and backup.name.startswith("02_b.backup-")
    copy, backup = lab.fresh("es/01", target, source)
    assert copy == target / "es" / "01_a_es.ipynb"
    with pytest.raises(SystemExit, match="no single lesson .09.*01_a, 02_b, es/01_a_es"):
        lab.fresh("09", target, source)


def test_the_workspace_is_ignored_by_git():
    name = lab.workspace().relative_to(lab.ROOT).as_posix()
    result = subprocess.run(["git", "check-ignore", "-q", f"{name}/01_x.ipynb"], cwd=lab.ROOT)
    assert result.returncode == 0, f"{name}/ must be git-ignored"


def test_a_user_configuration_cannot_turn_authentication_off(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "jupyter_server_config.json").write_text(json.dumps({
        "IdentityProvider": {"token": ""}, "ServerApp": {"ip": "0.0.0.0", "token": "",
                                                         "allow_unauthenticated_access": True,
                                                         "disable_check_xsrf": True}}))
    port = 18000 + os.getpid() % 1000
    command = lab.lab_command(lab.ROOT, None, "sesame", port=port) + ["--no-browser"]
    env = os.environ | {"JUPYTER_CONFIG_DIR": str(config),
                        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/api/contents"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"{base}?token=sesame", timeout=5) as response:
                    listed = {item["name"] for item in json.load(response)["content"]}
                break
            except OSError:
                assert process.poll() is None, "JupyterLab exited"
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start")
        with pytest.raises(urllib.error.HTTPError, match="403"):
            urllib.request.urlopen(base, timeout=5)
        assert "lstm_course" in listed and "notebooks" not in listed
    finally:
        process.terminate()
        process.wait(timeout=30)


def lesson_markdown() -> list[tuple[Path, str]]:
    """Every markdown cell of every committed lesson, with its notebook's path."""
    return [(path, "".join(cell["source"]))
            for path in sorted(lab.SOURCE.rglob("[0-9][0-9]_*.ipynb"))
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if cell["cell_type"] == "markdown"]


def test_the_files_a_lesson_points_to_are_in_the_learners_lab():
    # make lab serves the repository root with notebooks/ hidden, the lessons copied into
    # the workspace at the same depth: a file named in a lesson must be in that tree.
    top = {path.name for path in lab.ROOT.iterdir()} - {"notebooks"}
    named = {(path.name, match) for path, text in lesson_markdown()
             for match in re.findall(r"`([\w.-]+/[\w./-]*\w)`", text)
             if match.split("/")[0] in top}
    assert ("02_inside_the_cell.ipynb", "lstm_course/scratch.py") in named
    for lesson, name in sorted(named):
        assert (lab.ROOT / name).exists(), f"{lesson} names {name}, which does not exist"
        assert not any(fnmatch.fnmatch(part, glob) for part in Path(name).parts
                       for glob in lab.HIDDEN), f"{lesson} names {name}, hidden in make lab"
    workspace = lab.ROOT / "my-notebooks"
    for path, text in lesson_markdown():
        copy = workspace / path.relative_to(lab.SOURCE)
        for link in re.findall(r"\]\(([^)#\s]+)", text):
            if re.match(r"[a-z]+:", link):
                continue
            target = (copy.parent / link).resolve()
            in_workspace = target.is_relative_to(workspace)
            where = lab.SOURCE / target.relative_to(workspace) if in_workspace else target
            assert where.exists() and target.is_relative_to(lab.ROOT), \
                f"{path.name} links to {link}, which the learner's copy cannot reach"
