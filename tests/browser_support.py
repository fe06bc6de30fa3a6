"""What every browser test shares: Debian's Chromium driven headless by Playwright, the
rule that a missing browser skips the test but fails it in CI, and a folder served on
127.0.0.1.

Never ``playwright install`` (it downloads a browser): the tests launch ``chromium`` from the
system path. ``.ci/run`` sets ``LSTM_COURSE_REQUIRE_BROWSER=1``, so a skip there is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REQUIRED = os.environ.get("LSTM_COURSE_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def browser_missing() -> str | None:
    """Why headless Chromium cannot be driven here, or None."""
    if shutil.which("chromium") is None:
        return "Chromium is not installed (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements.txt)"
    return None


def skip_unless_ready(reason: str | None) -> None:
    """Skip the test for ``reason`` (None: go on), or fail it where CI requires it to run."""
    if reason and REQUIRED:
        pytest.fail(f"{reason}; LSTM_COURSE_REQUIRE_BROWSER=1 requires the browser tests to run.")
    if reason:
        pytest.skip(f"{reason}. CI installs it and sets LSTM_COURSE_REQUIRE_BROWSER=1.")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium (a Playwright ``Browser``), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # the tests report what matters
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on a free port of 127.0.0.1: its base URL, ending in /."""
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
