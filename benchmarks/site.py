"""The course website's budgets: build time, size, heaviest page, time to first render.

    python benchmarks/site.py            # make benchmark-site; 3 builds, 3 page loads

- build time: median of 3 full builds of both editions (``sphinx-build -E`` into a fresh
  folder, English then Spanish into its ``es/``, as ``make site`` runs them; goal 60 s or
  less on the 2-core machine);
- the size of the built folder, and of the English edition without ``es/`` (goal 25 MB or
  less);
- the heaviest page: the bytes it loads in headless Chromium from the local server, HTML,
  scripts, styles, fonts and images together, as served and gzip-compressed (goal 3 MB);
- the time to first render of lesson 01 (first contentful paint), median of 3 loads in a
  fresh browser each (goal 1.5 s).

Needs ``npm ci``, the site's requirements, Debian's ``chromium`` and ``playwright``.
Prints a Markdown table.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
NOT_PAGES = {"_static", "_sources", "_images", "_downloads", "@jupyter-widgets"}


def build(outdir: Path) -> float:
    """Seconds for one full build of both editions into ``outdir`` (Spanish in ``es/``)."""
    start = time.perf_counter()
    spanish = outdir.with_name(outdir.name + "-es")
    for source, target in [(ROOT / "site", outdir), (ROOT / "site" / "es", spanish)]:
        subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going",
                        "-q", "-E", "-d", str(target) + ".doctrees", str(source), str(target)],
                       check=True)
    shutil.copytree(spanish, outdir / "es")
    return time.perf_counter() - start


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def page_weights(browser, base: str, folder: Path, pages: list[str]) -> dict[str, tuple]:
    """Per page: (bytes as served, bytes gzip-compressed) of everything it loads."""
    weights = {}
    for page_path in pages:
        context = browser.new_context()
        loaded: list[bytes] = []
        page = context.new_page()
        page.on("response", lambda r, loaded=loaded: r.ok and loaded.append(r.body()))
        page.goto(base + page_path, wait_until="networkidle")
        weights[page_path] = (sum(map(len, loaded)),
                              sum(len(gzip.compress(body, 6)) for body in loaded))
        context.close()
    return weights


def first_render(browser, url: str) -> float:
    """Seconds from navigation to the first contentful paint, in a fresh context."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    paint = page.evaluate("""() => new Promise(done => new PerformanceObserver(
        (list, observer) => { observer.disconnect(); done(list.getEntries()[0].startTime); }
    ).observe({type: 'paint', buffered: true}))""")
    context.close()
    return paint / 1000


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        times = [build(Path(tmp) / f"html{run}") for run in range(3)]
        folder = Path(tmp) / "html2"
        size, spanish = folder_size(folder), folder_size(folder / "es")
        pages = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.html")
                       if not NOT_PAGES & set(p.relative_to(folder).parts))
        httpd, base = serve(folder)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                                 headless=True, args=ARGS)
            weights = page_weights(browser, base, folder, pages)
            renders = [first_render(browser, base + "lessons/01_lstm_fundamentals.html")
                       for _ in range(3)]
            browser.close()
        httpd.shutdown()
    heaviest = max(weights, key=lambda page: weights[page][0])
    raw, packed = weights[heaviest]
    print("| budget | measured | goal |\n| --- | ---: | ---: |")
    print(f"| build time, median of 3 (s) | {statistics.median(times):.1f} "
          f"(min {min(times):.1f}, max {max(times):.1f}) | ≤ 60 |")
    print(f"| size of the built folder, both editions (MB) | {size / 1e6:.1f} | ≤ 25 |")
    print(f"| size of the English edition alone (MB) | {(size - spanish) / 1e6:.1f} | ≤ 25 |")
    print(f"| heaviest page, `{heaviest}` (MB, as served / gzip) | {raw / 1e6:.2f} / "
          f"{packed / 1e6:.2f} | ≤ 3 |")
    print(f"| first render of lesson 01, median of 3 (s) | {statistics.median(renders):.2f} "
          f"| ≤ 1.5 |")


if __name__ == "__main__":
    main()
