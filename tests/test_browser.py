"""Lessons in a real browser: JupyterLab, started as ``make lab`` starts it, and headless
Chromium, at a 1280 px window with the file browser open, run every cell of lessons 01 and 03
without an error. In lesson 03 a ShapeExplorer slider moves and the displayed output shape
follows, every slider's readout stays in view (also with a long description line and in an
invalid state), the TensorExplorer shows its "none" choice, and saving the lesson changes only
the learner's copy: ``git status`` is the same before and after.

Needs Debian's ``chromium`` (``apt-get install chromium``) and the pinned ``playwright``
package, driven with ``executable_path`` (never ``playwright install``). Without them the
test is skipped, unless ``LSTM_COURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) turns the
skip into a failure. A failing run leaves a screenshot and the server's log in
``test-artifacts/``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from browser_support import browser_missing, chromium, skip_unless_ready

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
# Generous limits for a loaded 2-core machine; every wait ends as soon as its condition holds.
SERVER_START_S = 180
PAGE_READY_S = 180
RUN_ALL_S = 420
WIDGET_REACTS_S = 60

# JavaScript run in the page, through the app that --LabApp.expose_app_in_browser exposes.
NOTEBOOK = "window.jupyterapp && window.jupyterapp.shell.currentWidget"
KERNEL_IDLE = f"""() => {{
    const panel = {NOTEBOOK};
    const kernel = panel && panel.sessionContext && panel.sessionContext.session
        && panel.sessionContext.session.kernel;
    return !!(kernel && kernel.status === 'idle' && panel.content.widgets.length > 0);
}}"""
ALL_CELLS_RAN = f"""() => {{
    const panel = {NOTEBOOK};
    const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    return !!kernel && kernel.status === 'idle'
        && cells.every(cell => cell.model.executionCount !== null
                               && cell.promptNode.textContent.indexOf('*') < 0);
}}"""
NO_COUNTS = f"""() => {NOTEBOOK}.content.widgets
    .every(cell => cell.model.type !== 'code' || cell.model.executionCount === null)"""
# Every slider of the first shape explorer whose readout is not fully in view, or whose track
# is squeezed (an empty list when all show). "In view" means inside every ancestor that clips.
HIDDEN_READOUTS = """() => {
    const explorer = document.querySelector('.lstm-shape-explorer');
    const visibleWidth = element => {
        const box = element.getBoundingClientRect();
        let left = box.left, right = box.right;
        for (let node = element.parentElement; node; node = node.parentElement) {
            if (getComputedStyle(node).overflowX !== 'visible') {
                const clip = node.getBoundingClientRect();
                left = Math.max(left, clip.left);
                right = Math.min(right, clip.right);
            }
            if (node.classList.contains('jp-OutputArea-output')) break;
        }
        return Math.max(0, right - left);
    };
    return [...explorer.querySelectorAll('.widget-slider')].flatMap(slider => {
        const name = slider.querySelector('.widget-label').textContent;
        const readout = slider.querySelector('.widget-readout');
        const track = slider.querySelector('.slider-container');
        const problems = [];
        const full = readout.getBoundingClientRect().width;
        if (full < 8 || visibleWidth(readout) < full - 1) problems.push(name + ': readout cut off');
        if (visibleWidth(track) < 60) problems.push(name + ': slider squeezed');
        return problems;
    });
}"""
ERRORS = f"""() => {NOTEBOOK}.content.widgets
    .filter(cell => cell.model.type === 'code')
    .flatMap(cell => cell.model.outputs.toJSON())
    .filter(output => output.output_type === 'error')
    .map(output => output.ename + ': ' + output.evalue)"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_settings(folder: Path) -> None:
    """Test-only JupyterLab settings: no news or update checks (the machine is offline)."""
    plugin = folder / "@jupyterlab" / "apputils-extension"
    plugin.mkdir(parents=True)
    notification = plugin / "notification.jupyterlab-settings"
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))


def _wait_for_server(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"JupyterLab exited with code {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)  # poll again: the server is still starting
    pytest.fail(f"JupyterLab did not answer within {SERVER_START_S} s:\n{log.read_text()}")


def _git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path, Path]]:
    """JupyterLab exactly as ``make lab`` starts it (tools/lab.py: the repository as root, the
    learner's copies in a git-ignored workspace), on a free port; the workspace is a fresh,
    test-only folder. Yields the URL, the token and the server's log, and checks afterwards
    that the repository's ``git status`` is what it was: opening, running and saving lessons
    changed only the learner's copies."""
    skip_unless_ready(browser_missing())
    sys.path.insert(0, str(ROOT / "tools"))
    import lab as lab_tool

    root = tmp_path_factory.mktemp("lab")
    workspace = ROOT / f"my-notebooks-test-{secrets.token_hex(4)}"
    lab_tool.sync(workspace)
    _write_settings(root / "settings")
    status_before = _git_status()
    port, token = _free_port(), secrets.token_hex(16)
    log = root / "jupyter.log"
    command = lab_tool.lab_command(ROOT, workspace, token, port=port) + [
        "--no-browser", f"--LabApp.user_settings_dir={root / 'settings'}",
        f"--LabApp.workspaces_dir={root / 'workspaces'}", "--LabApp.expose_app_in_browser=True"]
    env = os.environ | {"JUPYTER_RUNTIME_DIR": str(root / "runtime"),
                        "JUPYTER_CONFIG_DIR": str(root / "config")}
    with log.open("w") as log_file:
        process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, env=env,
                                   cwd=root)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for_server(f"{base}/api/status?token={token}", process, log)
        yield base, token, log, workspace
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(workspace, ignore_errors=True)
    assert _git_status() == status_before, "working in the Lab changed the repository"


@contextmanager
def lesson_run_in_lab(lab: tuple[str, str, Path, Path], lesson: str) -> Iterator:
    """Open ``lesson`` in JupyterLab, clear its stored outputs, run all cells in the kernel and
    yield the page once every cell has run without an error output. On any failure, keep a
    screenshot and the server's log in ``test-artifacts/``."""
    base, token, log, workspace = lab
    lesson = f"{workspace.name}/{lesson}"
    with chromium() as browser:
        # JupyterLab's default layout at a common laptop width: the file browser open.
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        name = Path(lesson).stem
        try:
            # A workspace of its own per lesson: nothing another test opened is restored.
            page.goto(f"{base}/lab/workspaces/{name}/tree/{lesson}?token={token}",
                      timeout=PAGE_READY_S * 1000)
            # The notebook is rendered and its kernel has started and is idle.
            page.wait_for_function(KERNEL_IDLE, timeout=PAGE_READY_S * 1000, polling=500)
            page.evaluate("window.jupyterapp.commands.execute('filebrowser:activate')")
            # Clearing resets the stored execution counts, so only this run can satisfy
            # ALL_CELLS_RAN.
            page.evaluate("window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
            assert page.evaluate(NO_COUNTS), "stored execution counts were not cleared"
            page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function(ALL_CELLS_RAN, timeout=RUN_ALL_S * 1000, polling=1000)
            assert page.evaluate(ERRORS) == []
            yield page
        except BaseException:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"browser_{name}.png", full_page=True)
            shutil.copy(log, ARTIFACTS / f"browser_{name}_jupyter.log")
            raise
        finally:
            browser.close()


def test_lesson_01_runs_in_the_browser(lab):
    from playwright.sync_api import expect

    with lesson_run_in_lab(lab, "01_lstm_fundamentals.ipynb") as page:
        expect(page.get_by_text("✓ output[-1] equals h_n[-1]").first).to_be_visible()
        expect(page.locator(".jp-OutputArea-output img").first).to_be_visible()


def test_lesson_03_runs_in_the_browser_and_the_explorer_follows_its_slider(lab):
    """Also: saving the lesson (as autosave would) changes only the learner's copy."""
    from playwright.sync_api import expect

    committed = ROOT / "notebooks" / "03_shapes_and_options.ipynb"
    before, copy = committed.read_bytes(), lab[3] / committed.name
    with lesson_run_in_lab(lab, committed.name) as page:
        explorer = page.locator(".lstm-shape-explorer").first
        output_row = explorer.locator('tr[data-tensor="output"]')
        expect(output_row).to_contain_text("(seq_len=5, batch=2, D*H_out=6)",
                                           timeout=WIDGET_REACTS_S * 1000)
        slider = explorer.locator(".widget-slider", has_text="seq_len")
        slider.locator(".noUi-handle").click()
        page.keyboard.press("ArrowRight")
        expect(output_row).to_contain_text("(seq_len=6, batch=2, D*H_out=6)",
                                           timeout=WIDGET_REACTS_S * 1000)
        assert page.evaluate(HIDDEN_READOUTS) == []

        # A long description line, then an invalid state: every readout stays in view.
        for name in ("bidirectional", "batch_first"):
            explorer.locator(".widget-checkbox", has_text=name).locator("input").click()
        for name, presses in (("hidden_size", 20), ("num_layers", 2), ("proj_size", 4)):
            explorer.locator(".widget-slider", has_text=name).locator(".noUi-handle").click()
            for _ in range(presses):
                page.keyboard.press("ArrowRight")
        expect(explorer).to_contain_text("bidirectional=True, proj_size=4",
                                          timeout=WIDGET_REACTS_S * 1000)
        assert page.evaluate(HIDDEN_READOUTS) == []
        explorer.locator(".widget-slider", has_text="proj_size").locator(".noUi-handle").click()
        page.keyboard.press("End")
        expect(explorer).to_contain_text("This combination is invalid",
                                          timeout=WIDGET_REACTS_S * 1000)
        assert page.evaluate(HIDDEN_READOUTS) == []

        # Choosing "none" in the tensor explorer keeps "none" on show, not an empty box.
        tensor_explorer = page.locator(".lstm-tensor-explorer").first
        for dropdown in tensor_explorer.locator("select").all():
            dropdown.select_option(label="none")
        expect(tensor_explorer).to_contain_text("Pick a step or a sample",
                                                timeout=WIDGET_REACTS_S * 1000)
        page.wait_for_timeout(1000)  # the kernel's answer to the change reaches the page
        shown = tensor_explorer.locator("select").evaluate_all(
            "all => all.map(el => el.selectedIndex < 0 ? '' : el.options[el.selectedIndex].text)")
        assert shown == ["none", "none"]

        copied_at = copy.stat().st_mtime_ns
        page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
        deadline = time.monotonic() + WIDGET_REACTS_S
        while copy.stat().st_mtime_ns == copied_at and time.monotonic() < deadline:
            time.sleep(0.5)
    assert copy.stat().st_mtime_ns > copied_at, "the save did not reach the learner's copy"
    assert committed.read_bytes() == before, "the committed lesson changed"
