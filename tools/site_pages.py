"""The course website's generated pages and files: a Sphinx extension that site/conf.py loads.

Before Sphinx checks its configuration it writes, into git-ignored folders of ``site/``:

- ``lessons/NN_*.ipynb``: each committed lesson of ``notebooks/`` (never re-executed) with,
  under its title, a download link (to ``_sources``, which ends up as the committed lesson);
  after each exercise a line on ``check(id, answer)`` and the reference solution (the text
  ``solution(id)`` prints) in a collapsed toggle; for each figure an alt text from the
  lesson's own description; after each widget with controls a line saying that they need a
  kernel (lesson 03's shape explorer is followed by the JavaScript explorer of
  ``site/explorer/`` where that folder exists);
- ``_gen/*.md``: README sections and lesson 03's cheat-sheet, included by the written pages;
- ``_gen/static/vendor`` and ``_gen/extra``: MathJax, require.js and the widget renderer,
  copied from ``node_modules`` (``npm ci``), so that no page loads anything from a CDN, and
  ``site/explorer/`` (the JavaScript shape explorer) where it exists.

The Spanish edition (``site/es/``, built into ``_build/html/es``) is made the same way from
``notebooks/es/`` and ``README.es.md``; it loads the English edition's copies of the
JavaScript. Every page carries a link to the same page in the other language.

After the build, the downloadable sources of the lessons are the committed notebooks.
"""

from __future__ import annotations

import contextlib
import functools
import html
import io
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SITE = ROOT / "site"
GENERATED = SITE / "_gen"
EXPLORER = SITE / "explorer"
NODE = ROOT / "node_modules"
TITLE = re.compile(r"""\btitle=["']([^"']+)["']""")
CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](\d\d\.\d+)["']""")
# A link from a Spanish lesson to an English one (``../NN_name.ipynb``), not yet translated.
ENGLISH_LESSON = re.compile(r"\[([^\]]+)\]\(\.\./(\d\d_\w+)\.ipynb(#[^)]*)?\)")
# Widget models a learner moves; a progress bar has none and works as saved.
CONTROLS = re.compile(r"(Slider|Checkbox|Dropdown|ToggleButton|Text|Select|Button)Model$")
# (source in node_modules, destination under _gen/, files to take: a glob)
VENDOR = [
    ("mathjax/es5", "static/vendor/mathjax", ["tex-mml-chtml.js", "output/chtml/fonts/woff-v2/*",
                                              "input/tex/extensions/*.js"]),
    ("requirejs", "static/vendor", ["require.js"]),
    ("@jupyter-widgets/html-manager/dist", "static/vendor", ["embed-amd.js"]),
    # embed-amd.js asks for its icon fonts at this path relative to the page (the lessons).
    ("@jupyter-widgets/html-manager/dist", "extra/lessons/@jupyter-widgets/html-manager/dist",
     ["*.woff2"]),  # the only format Chromium, Firefox and Safari ask for
]


@dataclass(frozen=True)
class Edition:
    """One language of the website: where its lessons, pages and README are, and its words."""

    language: str
    notebooks: Path  # the committed lessons it shows
    source: Path  # its Sphinx folder (conf.py and the hand-written pages)
    readme: Path
    prefix: str  # its folder inside _build/html ("" or "es/")
    label: str  # its name, in its own language, for the other edition's switch
    sections: dict[str, str]  # _gen/NAME.md: the README section of that title
    words: dict[str, str]

    @property
    def lessons_dir(self) -> Path:
        return self.source / "lessons"

    @property
    def generated(self) -> Path:
        return self.source / "_gen"

    def lessons(self) -> list[Path]:
        """Every lesson of this edition, in order: ``NN_*.ipynb``."""
        return sorted(self.notebooks.glob("[0-9][0-9]_*.ipynb"))


EDITIONS = {
    "en": Edition("en", NOTEBOOKS, SITE, ROOT / "README.md", "", "English", {
        "audience": "What you need to know first", "syllabus": "Syllabus",
        "licences": "Licences", "times": "How long the lessons take"}, {
        "download": "Download this lesson as a notebook",
        "check": "To check your answer, run this lesson in Jupyter (`make lab`), fill in the "
                 "cell above and run it: `check(\"{id}\", answer)` says whether the answer "
                 "is right, or gives a hint.",
        "widget": "*On this website the widget above shows the state it was saved in: its "
                  "controls need a running Python kernel. Run the lesson in Jupyter "
                  "(`make lab`) to move them.*",
        "saved": "Saved widget: {what}",
        "explorer": "The same shape explorer in JavaScript computes in your browser (also on "
                    '<a href="{page}">a page of its own</a>):',
        "explorer_link": 'Try every setting in the <a href="{page}">shape explorer</a>: it '
                         "computes these shapes in your browser.",
        "figure": "Figure",
        "describes": r"\b(figure|panels?|shows?)\b",
        "cheatsheet": "Shape cheat-sheet",
    }),
    "es": Edition("es", NOTEBOOKS / "es", SITE / "es", ROOT / "README.es.md", "es/", "Español", {
        "syllabus": "Temario"}, {
        "download": "Descarga esta lección como cuaderno",
        "check": "Para comprobar tu respuesta, ejecuta esta lección en Jupyter (`make lab`), "
                 "completa la celda de arriba y ejecútala: `check(\"{id}\", answer)` te dice "
                 "si la respuesta es correcta o te da una pista.",
        "widget": "*En este sitio web, el widget de arriba muestra el estado en que se guardó: "
                  "sus controles necesitan un núcleo (kernel) de Python en marcha. Ejecuta la "
                  "lección en Jupyter (`make lab`) para moverlos.*",
        "saved": "Widget guardado: {what}",
        "explorer": "El mismo explorador de formas, escrito en JavaScript, calcula en tu "
                    'navegador (sus textos están en inglés; también en <a href="{page}">una '
                    "página propia</a>):",
        "explorer_link": 'Prueba cada ajuste en el <a href="{page}">explorador de formas</a> '
                         "(en inglés): calcula estas formas en tu navegador.",
        "figure": "Figura",
        "describes": r"\b(figura|panel(es)?|muestra[n]?)\b",
        "cheatsheet": "Chuleta de formas",
    }),
}


def _markdown(source: str, key: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": f"site-{key}", "metadata": {}, "source": source}


def solution_text(exercise_id: str, language: str = "en") -> tuple[str, str]:
    """The title line and the code that ``solution(exercise_id)`` prints in ``language``."""
    from lstm_course.exercises import solution
    from lstm_course.i18n import get_language, set_language

    printed, before = io.StringIO(), get_language()
    set_language(language)
    try:
        with contextlib.redirect_stdout(printed):
            solution(exercise_id)
    finally:
        set_language(before)
    title, _, code = printed.getvalue().partition("\n")
    return title.rstrip(":"), code.strip("\n")


def exercise_cell(exercise_id: str, edition: Edition = EDITIONS["en"]) -> dict[str, Any]:
    """How to check an answer, and the reference solution behind a collapsed toggle."""
    title, code = solution_text(exercise_id, edition.language)
    source = (edition.words["check"].format(id=exercise_id) +
              f"\n\n:::{{admonition}} {title}\n:class: dropdown\n\n````python\n{code}\n````\n:::\n")
    return _markdown(source, f"solution-{exercise_id}")


def _has_controls(model_id: str, state: dict[str, Any], seen: set[str]) -> bool:
    """Whether the widget ``model_id`` or a widget inside it is a control."""
    if model_id in seen or model_id not in state:
        return False
    seen.add(model_id)
    model = state[model_id]
    if CONTROLS.search(model["model_name"]):
        return True
    children = re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(model["state"]))
    return any(_has_controls(child, state, seen) for child in children)


def _widget_views(cell: dict[str, Any]) -> list[str]:
    return [output["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
            for output in cell.get("outputs", [])
            if "application/vnd.jupyter.widget-view+json" in output.get("data", {})]


def widget_note_cell(cell: dict[str, Any], state: dict[str, Any], key: str,
                     edition: Edition = EDITIONS["en"]) -> dict | None:
    """The line under a cell whose widget has controls, which need a kernel; else None."""
    if not any(_has_controls(view, state, set()) for view in _widget_views(cell)):
        return None
    described = next((output["data"].get("text/plain") for output in cell["outputs"]
                      if "text/plain" in output.get("data", {})), "")
    described = "".join(described).partition("\n")[0]
    alt = html.escape(edition.words["saved"].format(what=described))
    source = edition.words["widget"] + f'<span class="widget-alt" data-alt="{alt}"></span>'
    if "ShapeExplorer(" in "".join(cell["source"]) and (EXPLORER / "shape_explorer.js").exists():
        explorer = "../" * edition.prefix.count("/") + "../explorer/"
        source += ("\n\n" + edition.words["explorer"].format(
                       page=explorer + "shape_explorer.html") +
                   f'\n\n<div data-lstm-shape-explorer></div>\n'
                   f'<script src="{explorer}shape_explorer.js"></script>\n')
    return _markdown(source, f"widget-{key}")


def as_text(cell: dict[str, Any], state: dict[str, Any]) -> None:
    """Replace each saved widget without controls (a finished progress bar) by its text, so
    that a page without controls does not load the 3.6 MB widget renderer."""
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        view = data.get("application/vnd.jupyter.widget-view+json")
        if view and not _has_controls(view["model_id"], state, set()) and "text/plain" in data:
            output["data"] = {"text/plain": data["text/plain"]}


def _plain(markdown: str) -> str:
    """Markdown as plain text for an alt attribute: no comments, code marks or links."""
    text = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("`", "").replace("*", "")
    return " ".join(text.split())


def figure_alt(cells: list[dict[str, Any]], index: int,
               edition: Edition = EDITIONS["en"]) -> str:
    """A description of the figure that code cell ``index`` draws: its title, and the
    sentence of the text before it that says what the figure shows."""
    code = "".join(cells[index]["source"])
    title = TITLE.search(code)
    before = next(("".join(cell["source"]) for cell in reversed(cells[:index])
                   if cell["cell_type"] == "markdown"), "")
    sentences = re.split(r"(?<=[.:;])\s+", _plain(before))
    described = [s for s in sentences if re.search(edition.words["describes"], s, re.I)]
    sentence = (described or sentences)[-1].rstrip(":;")
    figure = edition.words["figure"]
    parts = [f"{figure}: {title[1]}." if title else f"{figure}.", sentence]
    return " ".join(part for part in parts if part)


def site_notebook(path: Path, edition: Edition = EDITIONS["en"]) -> dict[str, Any]:
    """The lesson at ``path`` as the website shows it (outputs as committed)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    state = nb["metadata"].get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    download = _markdown(f'{edition.words["download"]}: <a href="../_sources/lessons/'
                         f'{path.name}" download>{path.name}</a>.', "download")
    cells = [nb["cells"][0], download]
    for index, cell in enumerate(nb["cells"][1:], start=1):
        cells.append(cell)
        if cell["cell_type"] == "markdown" and edition.prefix:
            cell["source"] = ENGLISH_LESSON.sub(  # the English edition's page, one folder up
                r'<a href="../../lessons/\2.html\3" hreflang="en">\1</a>', "".join(cell["source"]))
        if cell["cell_type"] != "code":
            continue
        as_text(cell, state)
        if any("image/png" in output.get("data", {}) for output in cell.get("outputs", [])):
            cell.setdefault("metadata", {}).setdefault("mystnb", {})["image"] = {
                "alt": figure_alt(nb["cells"], index, edition)}
        note = widget_note_cell(cell, state, str(index), edition)
        if note:
            cells.append(note)
        match = CHECK_CALL.search("".join(cell["source"]))
        if match:
            cells.append(exercise_cell(match[1], edition))
    nb["cells"] = cells
    if not any(_widget_views(cell) for cell in cells):
        nb["metadata"].pop("widgets", None)  # nothing left for the widget renderer to draw
    return nb


def readme_section(title: str, edition: Edition = EDITIONS["en"]) -> str:
    """The body of the edition's README ``## title`` section, its links pointing into the
    website."""
    text = edition.readme.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if match is None:
        raise ValueError(f"{edition.readme.name} has no section '## {title}'")
    body = match[1].strip() + "\n"
    body = re.sub(r"\(notebooks/03_shapes_and_options\.ipynb#Shape-cheat-sheet\)",
                  "(cheatsheet.md)", body)
    body = re.sub(r"\(notebooks/(?:es/)?([\w.]+\.ipynb)\)", r"(lessons/\1)", body)
    return body.replace("(LICENSE)", "(_gen/LICENSE.txt)")


def cheatsheet(edition: Edition = EDITIONS["en"]) -> str:
    """Lesson 03's cheat-sheet cell without its heading."""
    heading = f"## {edition.words['cheatsheet']}"
    path = next(edition.notebooks.glob("03_*.ipynb"))
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.startswith(heading):
            return source.partition("\n")[2].strip() + "\n"
    raise ValueError(f"{path.name} has no '{heading}' cell")


def explorer_link(edition: Edition = EDITIONS["en"]) -> str:
    """A line linking the JavaScript shape explorer, where the site has one."""
    if not (EXPLORER / "shape_explorer.html").exists():
        return ""
    page = "../" * edition.prefix.count("/") + "explorer/shape_explorer.html"
    return edition.words["explorer_link"].format(page=page) + "\n"


def write_if_changed(path: Path, text: str | bytes) -> None:
    """Write ``path`` only when its content changes, so Sphinx rebuilds only what changed."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def vendor(edition: Edition) -> None:
    """Copy the JavaScript the pages load from ``node_modules`` into ``_gen`` (the icon fonts
    only for the Spanish edition, which loads the English edition's scripts)."""
    for source, destination, patterns in VENDOR:
        if edition.prefix and not destination.startswith("extra/"):
            continue
        folder = NODE / source
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder} is missing: run `npm ci` (make site does)")
        for pattern in patterns:
            for path in folder.glob(pattern):
                write_if_changed(edition.generated / destination / path.relative_to(folder),
                                 path.read_bytes())


def prepare(app: Any = None, config: Any = None) -> None:
    """Write every generated page and file of the edition in ``config.language``
    (Sphinx's ``config-inited``, before any check)."""
    edition = EDITIONS[getattr(config, "language", None) or "en"]
    wanted = {path.name for path in edition.lessons()}
    for stale in edition.lessons_dir.glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()
    for path in edition.lessons():
        write_if_changed(edition.lessons_dir / path.name, json.dumps(
            site_notebook(path, edition), indent=1, ensure_ascii=False) + "\n")
    for name, title in edition.sections.items():
        write_if_changed(edition.generated / f"{name}.md", readme_section(title, edition))
    write_if_changed(edition.generated / "cheatsheet.md", cheatsheet(edition))
    write_if_changed(edition.generated / "explorer_link.md", explorer_link(edition))
    write_if_changed(edition.generated / "LICENSE.txt", (ROOT / "LICENSE").read_bytes())
    if not edition.prefix:
        shutil.rmtree(GENERATED / "extra" / "explorer", ignore_errors=True)
        if EXPLORER.is_dir():
            shutil.copytree(EXPLORER, GENERATED / "extra" / "explorer")
    vendor(edition)
    if app is not None:
        app.connect("html-page-context", functools.partial(language_switch, edition))


def twin(edition: Edition, other: Edition, pagename: str) -> str:
    """The page of ``other`` that translates ``pagename`` of ``edition``: the lesson with the
    same number, the page of the same name, or else the other edition's landing page."""
    folder, _, name = pagename.rpartition("/")
    if folder == "lessons":
        number = name[:2]
        match = next((path.stem for path in other.lessons() if path.name[:2] == number), None)
        return f"lessons/{match}" if match else "index"
    built = pagename in {"search", "genindex"} or (other.source / f"{pagename}.md").exists()
    return pagename if built else "index"


def language_switch(edition: Edition, app: Any, pagename: str, templatename: str,
                    context: dict[str, Any], doctree: Any) -> None:
    """Give the page template a link to the same page in the other language."""
    other = EDITIONS["es" if edition.language == "en" else "en"]
    up = "../" * (pagename.count("/") + edition.prefix.count("/"))
    context["language_switch"] = {"href": f"{up}{other.prefix}{twin(edition, other, pagename)}"
                                          ".html", "label": other.label, "lang": other.language}


def restore_sources(app: Any, exception: Exception | None) -> None:
    """The theme's download button serves ``_sources``: make it the committed lessons."""
    if exception is not None or app.builder.format != "html":
        return
    for path in EDITIONS[app.config.language or "en"].lessons():
        target = Path(app.outdir) / "_sources" / "lessons" / path.name
        if target.exists():
            shutil.copyfile(path, target)


def setup(app: Any) -> dict[str, Any]:
    """Register with Sphinx."""
    app.connect("config-inited", prepare)
    app.connect("build-finished", restore_sources)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
