"""The site's JavaScript shape explorer (``site/explorer/``) against ``lstm_course``.

The page is served from 127.0.0.1 and opened in headless Chromium; every request that would
leave the machine is aborted and counted (there must be none). ``window.lstmShapes.explore``
is driven over a grid of settings that covers every value of every control, valid and
invalid, and each answer (shapes, named shapes, parameter shapes and count, module
expression, message) is compared with ``lstm_shapes``/``lstm_config`` and their siblings; the
page's rendered text is compared with ``ShapeExplorer``'s for every setting the controls can
reach. A few real interactions go through the controls themselves, found by their labels, and
the page's text stays legible in light and dark colours.

Needs Debian's ``chromium`` and the pinned ``playwright`` package, as ``test_browser.py``;
without them the test is skipped, unless ``LSTM_COURSE_REQUIRE_BROWSER=1`` (set by
``.ci/run``) turns the skip into a failure. A failing test leaves a screenshot in
``test-artifacts/``.
"""

from __future__ import annotations

import html
import ipaddress
import itertools
import json
import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlsplit

import pytest
from browser_support import browser_missing, chromium, served, skip_unless_ready

from lstm_course.i18n import get_language, set_language
from lstm_course.shapes import (
    LSTMConfig,
    axis_names,
    lstm_shapes,
    module_expression,
    named_shape,
    parameter_count,
    parameter_shapes,
)
from lstm_course.widgets import TENSORS, ShapeExplorer

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site" / "explorer"
ARTIFACTS = ROOT / "test-artifacts"
DEFAULTS, RANGES = ShapeExplorer.DEFAULTS, ShapeExplorer.RANGES
CHECKBOXES = ("bidirectional", "batch_first", "unbatched")
# Sizes no control reaches, and values of the wrong type: the package's messages, not NaN.
OUT_OF_RANGE = {"seq_len": [0, -1], "batch": [0, -1], "input_size": [0, -3],
                "hidden_size": [0], "num_layers": [0, -1], "proj_size": [-1]}
WRONG_TYPES = [2.5, True, False, None, "3"]
MIN_CONTRAST = 4.5  # WCAG AA for normal text


def grid() -> list[dict[str, Any]]:
    """Over 500 settings: every layer count, direction, layout and batching with sizes that
    are valid and invalid together, every value of each slider alone, random draws from the
    controls' ranges, and values outside them or of the wrong type."""
    rng = random.Random(14)
    sizes = [(1, 0), (2, 1), (6, 0), (6, 5), (6, 6), (7, 12), (12, 4), (32, 0), (32, 31)]
    settings = []
    for layers, *flags, (hidden, proj) in itertools.product(
            range(1, 5), *[(False, True)] * 3, sizes):
        settings.append({"num_layers": layers, **dict(zip(CHECKBOXES, flags, strict=True)),
                         "hidden_size": hidden, "proj_size": proj,
                         **{name: rng.randint(*RANGES[name])
                            for name in ("seq_len", "batch", "input_size")}})
    for name, (low, high) in RANGES.items():
        start = {"proj_size": 3} if name == "hidden_size" else {}
        settings += [start | {name: value} for value in range(low, high + 1)]
    settings += [{"hidden_size": 32, "proj_size": value} for value in range(32)]
    for _ in range(100):
        settings.append({name: rng.randint(*RANGES[name]) for name in RANGES}
                        | {name: rng.random() < 0.5 for name in CHECKBOXES})
    for name, values in OUT_OF_RANGE.items():
        settings += [{name: value} for value in values]
        settings += [{name: value} for value in WRONG_TYPES]
    settings += [{"unbatched": True, "batch": -1}, {"unbatched": True, "batch": 2.5},
                 {"hidden_size": 0, "proj_size": -1}, {"seq_len": 0, "proj_size": 6},
                 {"seq_length": 5}, {"seq_len": 3, "bias": False, "dropout": 0.5}]
    return settings


def expected(settings: dict[str, Any]) -> dict[str, Any]:
    """What ``lstm_course.shapes`` says for these explorer settings (bias on, as in the
    explorer): the shapes and parameters, or the error's type and message."""
    if set(settings) - set(DEFAULTS):
        with pytest.raises(TypeError) as unknown:
            ShapeExplorer(**settings)
        return {"valid": False, "error": "TypeError", "problem": str(unknown.value)}
    values = DEFAULTS | settings
    config = LSTMConfig(**{name: values[name] for name in LSTMConfig._fields if name != "bias"},
                        bias=True)
    batch = None if values["unbatched"] else values["batch"]
    try:
        shapes = lstm_shapes(config, values["seq_len"], batch)
    except (TypeError, ValueError) as err:
        return {"valid": False, "error": type(err).__name__, "problem": str(err)}
    names = axis_names(config, batched=batch is not None)
    return {"valid": True, "module": module_expression(config),
            "shapes": {name: list(shape) for name, shape in shapes.items()},
            "named": {name: named_shape(names[name], shapes[name]) for name in TENSORS},
            "parameters": [[name, list(shape)] for name, shape in parameter_shapes(config).items()],
            "parameter_count": parameter_count(config)}


def reachable(settings: dict[str, Any]) -> bool:
    """Whether the explorer's controls can be set to these values."""
    if set(settings) - set(DEFAULTS):
        return False
    values = DEFAULTS | settings
    return all(type(values[name]) is int and low <= values[name] <= high
               for name, (low, high) in RANGES.items()) and all(
        type(values[name]) is bool for name in CHECKBOXES)


def shown_text(explorer: ShapeExplorer, settings: dict[str, Any]) -> str:
    """The text ShapeExplorer's tables show (its HTML without tags) for these settings."""
    explorer.controls["proj_size"].value = 0
    for name, value in (DEFAULTS | settings).items():
        explorer.controls[name].value = value
    markup = explorer._table.value + explorer._parameters.value
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The page speaks English: compare with the package's English messages."""
    language = get_language()
    set_language("en")
    yield
    set_language(language)


@pytest.fixture(scope="module")
def python_explorer() -> Iterator[ShapeExplorer]:
    """A ShapeExplorer whose drawing is skipped: only its tables are compared."""
    with mock.patch.object(ShapeExplorer, "_draw"):
        yield ShapeExplorer()


@pytest.fixture(scope="module")
def site_url() -> Iterator[str]:
    """``site/explorer`` served over HTTP on 127.0.0.1, on a free port."""
    with served(SITE) as url:
        yield url + "shape_explorer.html"


def _loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if parts.hostname == "localhost":
        return True
    try:
        return ipaddress.ip_address(parts.hostname).is_loopback
    except ValueError:
        return False


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium, or a skip (a failure in CI) where it is missing."""
    skip_unless_ready(browser_missing())
    with chromium() as browser:
        yield browser


@contextmanager
def explorer_page(browser: Any, site_url: str, name: str) -> Iterator[Any]:
    """The explorer page, opened fresh; afterwards no request left the machine and no
    console error was logged. A failure leaves a screenshot in ``test-artifacts/``."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    external: list[str] = []
    errors: list[str] = []

    def guard(route: Any) -> None:
        if _loopback(route.request.url):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(site_url)
        page.wait_for_function("() => !!window.lstmShapeExplorer")
        yield page
        assert external == [], f"requests left the machine: {external}"
        assert errors == [], f"console errors: {errors}"
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"site_explorer_{name}.png", full_page=True)
        raise
    finally:
        page.close()


def test_the_page_is_self_contained():
    """No address of another site in the page or its script: nothing to fetch, no CDN."""
    page = (SITE / "shape_explorer.html").read_text(encoding="utf-8")
    assert re.findall(r"<script[^>]*>", page) == ['<script src="shape_explorer.js">']
    for path in (SITE / "shape_explorer.html", SITE / "shape_explorer.js"):
        assert not re.search(r"\b(https?:)?//[\w.-]+\.\w", path.read_text(encoding="utf-8")), path
    assert "<link" not in page and "@import" not in page


def test_the_js_explorer_agrees_with_the_package_on_every_setting_of_the_grid(
        browser, site_url, python_explorer):
    settings = grid()
    assert len(settings) >= 500
    for name in RANGES:  # every value of every slider, and both states of every checkbox
        values = {s[name] for s in settings if name in s and type(s[name]) is int}
        assert set(range(RANGES[name][0], RANGES[name][1] + 1)) <= values, name
    for name in CHECKBOXES:
        assert {s.get(name, DEFAULTS[name]) for s in settings} >= {False, True}
    assert any(not expected(s)["valid"] for s in settings if reachable(s))

    with explorer_page(browser, site_url, "grid") as page:
        assert page.evaluate("[lstmShapes.DEFAULTS, lstmShapes.RANGES, lstmShapes.TENSORS]") == [
            DEFAULTS, {name: list(span) for name, span in RANGES.items()}, list(TENSORS)]
        # Both ways as one JSON string: Playwright's own transfer of 600 nested objects is slow.
        answers = json.loads(page.evaluate("""text => JSON.stringify(JSON.parse(text).map(
            ([s, onPage]) => [lstmShapes.explore(s),
                              onPage ? (lstmShapeExplorer.set({...lstmShapes.DEFAULTS, ...s}),
                                        lstmShapeExplorer.view.textContent) : null]))""",
                                           json.dumps([[s, reachable(s)] for s in settings])))

    for setting, (answer, text) in zip(settings, answers, strict=True):
        want = expected(setting)
        assert {key: answer.get(key) for key in want} == want, setting
        if text is not None:
            assert text == shown_text(python_explorer, setting), setting


def test_the_controls_are_labelled_and_move_the_shapes(browser, site_url, python_explorer):
    from playwright.sync_api import expect

    with explorer_page(browser, site_url, "controls") as page:
        labels = page.locator(".lstm-shape-explorer label").all_text_contents()
        assert labels == list(DEFAULTS)
        for name in DEFAULTS:  # each control is found by its label, and only one is
            expect(page.get_by_label(name, exact=True)).to_have_count(1)
        view = page.locator(".lstm-shape-explorer-result")
        output_row = view.locator('tr[data-tensor="output"]')
        expect(output_row).to_contain_text("(seq_len=5, batch=2, D*H_out=6)")
        # Screen readers hear the one-line summary change; each table is a named region that
        # a keyboard can reach and scroll on a narrow screen.
        expect(view.locator('[aria-live="polite"]')).to_have_text(
            "nn.LSTM(10, 6, num_layers=2), a batch of 2 sequences of 5 steps")
        for region in ("Tensor shapes", "Parameter shapes"):
            expect(page.get_by_role("region", name=region)).to_have_attribute("tabindex", "0")

        page.get_by_label("seq_len", exact=True).press("ArrowRight")
        expect(output_row).to_contain_text("(seq_len=6, batch=2, D*H_out=6)")
        page.get_by_label("bidirectional", exact=True).check()
        page.get_by_label("batch_first", exact=True).check()
        page.get_by_label("hidden_size", exact=True).press("End")
        for _ in range(4):
            page.get_by_label("proj_size", exact=True).press("ArrowRight")
        expect(view).to_have_text(shown_text(python_explorer, {
            "seq_len": 6, "bidirectional": True, "batch_first": True, "hidden_size": 32,
            "proj_size": 4}))
        expect(output_row).to_contain_text("(batch=2, seq_len=6, D*H_out=8)")

        # An invalid combination: the package's own message, and no shapes.
        page.get_by_label("hidden_size", exact=True).press("Home")
        problem = expected({"hidden_size": 1, "proj_size": 4})["problem"]
        expect(view).to_have_text(f"This combination is invalid. {problem}")
        page.get_by_label("proj_size", exact=True).press("Home")
        page.get_by_label("unbatched", exact=True).check()
        expect(page.get_by_label("batch", exact=True)).to_be_disabled()
        expect(output_row).to_contain_text("(seq_len=6, D*H_out=2)")


CONTRAST = """selector => {
    const rgb = text => text.match(/[\\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => [r, g, b].map(v => v / 255)
        .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const canvas = document.createElement('div');
    canvas.style.backgroundColor = 'Canvas';
    document.body.appendChild(canvas);
    let background = rgb(getComputedStyle(canvas).backgroundColor);
    canvas.remove();
    const element = document.querySelector(selector);
    for (let node = element; node; node = node.parentElement) {
        const colour = rgb(getComputedStyle(node).backgroundColor);
        if (colour.length < 4 || colour[3] > 0) { background = colour.slice(0, 3); break; }
    }
    const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def test_the_page_is_legible_in_light_and_dark(browser, site_url):
    """The page follows the reader's colour scheme, and its text (an invalid combination's
    message included) keeps a contrast of at least 4.5:1 in both."""
    shown = ["h1", "main > p", "legend", ".lstm-shape-explorer label",
             ".lstm-shape-explorer output", ".lstm-shape-explorer-result code",
             "[data-parameter-count]"]
    text_colours = set()
    with explorer_page(browser, site_url, "legible") as page:
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.evaluate("lstmShapeExplorer.set(lstmShapes.DEFAULTS)")
            for selector in shown:
                assert page.evaluate(CONTRAST, selector) >= MIN_CONTRAST, (scheme, selector)
            page.evaluate("lstmShapeExplorer.set({hidden_size: 3, proj_size: 3})")
            assert page.evaluate(CONTRAST, "[data-problem]") >= MIN_CONTRAST, scheme
            text_colours.add(page.evaluate("getComputedStyle(document.body).color"))
    assert len(text_colours) == 2, "the page ignores the reader's colour scheme"
