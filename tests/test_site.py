"""The course website in a real browser: every page of ``site/_build/html`` (``make site``),
served on 127.0.0.1 and opened in headless Chromium with every request that would leave the
machine aborted and counted.

For every page: no request leaves the machine, no console error, no missing file (a link,
an image, a script or a font), every internal link and anchor resolves, every image has a
real alt text, the math is rendered by MathJax where the page has math, and axe-core finds no
serious or critical accessibility violation (light theme, and dark theme for the lessons).
Lesson 03 shows its saved widgets; the search finds lesson 03 for ``proj_size``; every lesson
can be downloaded as the committed notebook. The Spanish edition (``es/``) is checked the same
way, and every page links to the same page in the other language.

Needs the built site (``make site``; ``make test`` builds it where npm exists), axe-core in
``node_modules`` (``npm ci``), Debian's ``chromium`` and the pinned ``playwright`` package
(``executable_path``, never ``playwright install``). Without them the tests are skipped,
unless ``LSTM_COURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) turns the skip into a failure.
A failing page leaves a screenshot in ``test-artifacts/``.
"""

from __future__ import annotations

import functools
import html.parser
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from browser_support import browser_missing, chromium, served, skip_unless_ready

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site" / "_build" / "html"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
LOOPBACK = {"127.0.0.1", "localhost"}
NOT_PAGES = {"_static", "_sources", "_images", "_downloads", "@jupyter-widgets"}
RENDER_S = 60
PAGES = sorted(str(path.relative_to(SITE)) for path in SITE.rglob("*.html")
               if not NOT_PAGES & set(path.relative_to(SITE).parts)) if SITE.is_dir() else []
LESSONS = sorted(path.stem for path in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LESSONS_ES = sorted(path.stem for path in (ROOT / "notebooks" / "es").glob("[0-9][0-9]_*.ipynb"))
# Each edition: its folder in the build, its lessons' folder in notebooks/, its lessons.
EDITIONS = {"en": ("", ROOT / "notebooks", LESSONS), "es": ("es/", ROOT / "notebooks" / "es",
                                                            LESSONS_ES)}
LESSON_PAGES = [f"lessons/{lesson}.html" for lesson in LESSONS] + [
    f"es/lessons/{lesson}.html" for lesson in LESSONS_ES]
SPHINX_PAGES = [page for page in PAGES if not page.startswith("explorer/")]

# Every image without a real description: no alt, an empty one, or a file name.
BAD_ALT = """() => [...document.images].filter(img => {
    const alt = (img.getAttribute('alt') || '').trim();
    return !alt || /\\.(png|jpe?g|svg|gif)$/i.test(alt);
}).map(img => img.getAttribute('src').slice(0, 80))"""
BROKEN_IMAGES = """() => [...document.images]
    .filter(img => !img.complete || img.naturalWidth === 0).map(img => img.src)"""
MATH_DONE = """() => {
    const math = document.querySelectorAll('.math').length;
    return document.querySelectorAll('mjx-container').length >= math;
}"""
WIDGETS_DONE = """() => [...document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]')].every(script =>
    script.parentElement.querySelector('.widget-subarea > *') !== null)"""
AXE_RUN = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — '
             + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


def _missing() -> str | None:
    """Why the website's browser tests cannot run here, or None."""
    if not (SITE / "index.html").exists():
        return "the website is not built (make site)"
    if not AXE.exists():
        return "axe-core is not installed (npm ci)"
    return browser_missing()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The built site on a free port of 127.0.0.1, as ``make site-serve`` serves it."""
    skip_unless_ready(_missing())
    with served(SITE) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator:
    with chromium() as launched:
        yield launched


class Visit:
    """One page opened offline: what it asked for, what failed, what it logged."""

    def __init__(self, browser, server: str, page_path: str, dark: bool = False) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900},
                                           color_scheme="dark" if dark else "light")
        self.external: list[str] = []
        self.missing: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.on("response", lambda r: r.status >= 400 and self.missing.append(
            f"{r.status} {r.url}"))
        self.page.on("requestfailed", lambda r: urlparse(r.url).hostname in LOOPBACK
                     and self.missing.append(f"failed {r.url}"))
        self.url = urljoin(server, page_path)

    def _route(self, route) -> None:
        if urlparse(route.request.url).hostname in LOOPBACK:
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def open(self, theme: str | None = None) -> None:
        """Load the page and wait for its widgets and math to render."""
        self.page.goto(self.url, wait_until="load", timeout=RENDER_S * 1000)
        if theme:  # the theme's own switch stores the choice on <html data-theme>
            self.page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
        self.page.wait_for_function(WIDGETS_DONE, timeout=RENDER_S * 1000, polling=200)
        self.page.wait_for_function(MATH_DONE, timeout=RENDER_S * 1000, polling=200)
        self.page.wait_for_load_state("networkidle", timeout=RENDER_S * 1000)

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=ARTIFACTS / f"site_{name}.png", full_page=True)


@pytest.fixture
def visit(browser, server: str, request: pytest.FixtureRequest) -> Iterator:
    """Open pages with ``visit(path)``; a failing test keeps a screenshot of each."""
    opened: list[tuple[str, Visit]] = []

    def open_page(page_path: str, dark: bool = False) -> Visit:
        seen = Visit(browser, server, page_path, dark)
        opened.append((page_path, seen))
        seen.open("dark" if dark else None)
        return seen

    failed_before = request.session.testsfailed
    yield open_page
    failed = request.session.testsfailed > failed_before  # this test's call has been reported
    for page_path, seen in opened:
        if failed:
            seen.screenshot(page_path.replace("/", "_").removesuffix(".html"))
        seen.context.close()


class _Links(html.parser.HTMLParser):
    """The ids of a page and the targets of its links, scripts and images."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for key in ("href", "src"):
            if values.get(key) and tag in {"a", "link", "script", "img", "source"}:
                self.targets.append(values[key])


@functools.cache
def parsed(path: Path) -> _Links:
    links = _Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def broken_links(page_path: str) -> list[str]:
    """The internal links of a page whose file or anchor does not exist in the build."""
    page = SITE / page_path
    broken = []
    for target in parsed(page).targets:
        url = urlparse(target)
        if url.scheme or target.startswith(("//", "mailto:", "data:")):
            continue  # an external link is never followed (the browser blocks it anyway)
        path = page if not url.path else (page.parent / unquote(url.path)).resolve()
        if path.is_dir():
            path = path / "index.html"
        if not path.is_relative_to(SITE.resolve()) or not path.exists():
            broken.append(target)
        elif url.fragment and path.suffix == ".html" and unquote(url.fragment) not in (
                parsed(path).ids):
            broken.append(target)
    return broken


def test_the_site_has_every_page_in_both_languages(server):
    pages = set(PAGES)
    expected = {"index.html", "cheatsheet.html", "instructors.html", "search.html"}
    assert expected | {f"es/{page}" for page in expected} | set(LESSON_PAGES) <= pages
    assert len(LESSONS_ES) == len(LESSONS)


@pytest.mark.parametrize("page_path", SPHINX_PAGES)
def test_every_page_links_to_itself_in_the_other_language(page_path: str):
    language = "es" if page_path.startswith("es/") else "en"
    links = _switches(SITE / page_path)
    assert len(links) == 1, "one language switch per page"
    target = (SITE / page_path).parent / links[0]
    assert target.resolve().is_relative_to((SITE / "es").resolve()) == (language == "en")
    text = target.read_text(encoding="utf-8")
    assert f'<html lang="{"en" if language == "es" else "es"}"' in text
    name = Path(page_path).name
    if "/lessons/" in f"/{page_path}":  # the lesson of the same number, once translated
        twins = [page for page in LESSON_PAGES if Path(page).name[:2] == name[:2]
                 and page.startswith("es/") == (language == "en")]
        assert [target.resolve()] == [(SITE / page).resolve() for page in twins]
    elif name in {"index.html", "cheatsheet.html", "instructors.html", "search.html"}:
        assert target.name == name


def _switches(page: Path) -> list[str]:
    """The targets of the page's language-switch links."""
    return re.findall(r'<a class="[^"]*language-switch[^"]*" href="([^"]+)"',
                      page.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page_path", PAGES)
def test_page_works_offline_and_is_accessible(visit, page_path: str):
    seen = visit(page_path)
    assert seen.external == [], "requests that would leave the machine"
    assert seen.missing == []
    assert seen.errors == [], "console errors"
    assert seen.page.evaluate(BROKEN_IMAGES) == []
    assert seen.page.evaluate(BAD_ALT) == [], "images without a real alt text"
    assert broken_links(page_path) == []
    assert seen.page.locator("mjx-merror").count() == 0, "MathJax could not render some math"
    assert "kernel connection is required" not in seen.page.content()
    seen.page.add_script_tag(path=str(AXE))
    assert seen.page.evaluate(AXE_RUN) == [], "axe-core: serious or critical violations"


@pytest.mark.parametrize("lesson_page", LESSON_PAGES)
def test_lesson_is_accessible_in_the_dark_theme(visit, lesson_page: str):
    seen = visit(lesson_page, dark=True)
    assert seen.page.evaluate("document.documentElement.dataset.theme") == "dark"
    seen.page.add_script_tag(path=str(AXE))
    assert seen.page.evaluate(AXE_RUN) == [], "axe-core (dark theme): serious or critical"


def test_lesson_02_renders_its_math(visit):
    seen = visit("lessons/02_inside_the_cell.html")
    assert seen.page.locator("mjx-container").count() >= 10


@pytest.mark.parametrize("language, note", [
    ("en", "its controls need a running Python kernel"),
    ("es", "sus controles necesitan un núcleo (kernel) de Python")])
def test_lesson_03_shows_its_saved_widgets(visit, language: str, note: str):
    prefix, _, lessons = EDITIONS[language]
    seen = visit(f"{prefix}lessons/{lessons[2]}.html")
    explorer = seen.page.locator(".lstm-shape-explorer").first
    assert explorer.locator(".widget-slider").count() >= 6
    assert "(seq_len=5, batch=2, D*H_out=6)" in explorer.inner_text()
    assert seen.page.get_by_text(note).count() >= 1


def test_only_pages_with_controls_load_the_widget_renderer(server):
    """A saved progress bar is shown as its text: only lesson 03 pays for embed-amd.js."""
    loading = {page for page in LESSON_PAGES
               if "embed-amd.js" in (SITE / page).read_text(encoding="utf-8")}
    assert loading == {f"lessons/{LESSONS[2]}.html", f"es/lessons/{LESSONS_ES[2]}.html"}


def test_exercises_show_the_check_line_and_a_collapsed_solution(visit):
    seen = visit("lessons/01_lstm_fundamentals.html")
    solution = seen.page.locator(".admonition.dropdown", has_text="Reference solution for 01.2")
    assert solution.count() == 1
    assert not solution.locator("pre").is_visible(), "the solution is shown before a click"
    solution.locator(".toggle-button, button").first.click()
    solution.locator("pre").wait_for(state="visible", timeout=RENDER_S * 1000)
    assert seen.page.get_by_text('check("01.2", answer)').count() >= 1


@pytest.mark.parametrize("language", EDITIONS)
def test_search_for_proj_size_finds_lesson_03(visit, language: str):
    prefix, _, lessons = EDITIONS[language]
    seen = visit(f"{prefix}search.html?q=proj_size")
    results = seen.page.locator(f"#search-results a[href*='{lessons[2]}']")
    results.first.wait_for(timeout=RENDER_S * 1000)
    assert seen.external == [] and seen.errors == []


@pytest.mark.parametrize("language", EDITIONS)
def test_each_lesson_downloads_as_the_committed_notebook(server, language: str):
    prefix, notebooks, lessons = EDITIONS[language]
    for lesson in lessons:
        page = (SITE / prefix / "lessons" / f"{lesson}.html").read_text(encoding="utf-8")
        assert f'href="../_sources/lessons/{lesson}.ipynb"' in page
        committed = (notebooks / f"{lesson}.ipynb").read_bytes()
        assert (SITE / prefix / "_sources" / "lessons" / f"{lesson}.ipynb").read_bytes() == (
            committed)
