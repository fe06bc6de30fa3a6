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

After the build, the downloadable sources of the lessons are the committed notebooks.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SITE = ROOT / "site"
LESSONS = SITE / "lessons"
GENERATED = SITE / "_gen"
EXPLORER = SITE / "explorer"
NODE = ROOT / "node_modules"
TITLE = re.compile(r"""\btitle=["']([^"']+)["']""")
CHECK_CALL = re.compile(r"""\bcheck\(\s*["'](\d\d\.\d+)["']""")
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


def lessons() -> list[Path]:
    """Every lesson of the course, in order: ``notebooks/NN_*.ipynb``."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _markdown(source: str, key: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": f"site-{key}", "metadata": {}, "source": source}


def solution_text(exercise_id: str) -> tuple[str, str]:
    """The title line and the code that ``solution(exercise_id)`` prints."""
    from lstm_course.exercises import solution

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        solution(exercise_id)
    title, _, code = printed.getvalue().partition("\n")
    return title.rstrip(":"), code.strip("\n")


def exercise_cell(exercise_id: str) -> dict[str, Any]:
    """How to check an answer, and the reference solution behind a collapsed toggle."""
    title, code = solution_text(exercise_id)
    source = (f"To check your answer, run this lesson in Jupyter (`make lab`), fill in the "
              f"cell above and run it: `check(\"{exercise_id}\", answer)` says whether the "
              f"answer is right, or gives a hint.\n\n"
              f":::{{admonition}} {title}\n:class: dropdown\n\n````python\n{code}\n````\n:::\n")
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


def widget_note_cell(cell: dict[str, Any], state: dict[str, Any], key: str) -> dict | None:
    """The line under a cell whose widget has controls, which need a kernel; else None."""
    views = [output["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
             for output in cell.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in output.get("data", {})]
    if not any(_has_controls(view, state, set()) for view in views):
        return None
    described = next((output["data"].get("text/plain") for output in cell["outputs"]
                      if "text/plain" in output.get("data", {})), "")
    described = "".join(described).partition("\n")[0]
    source = ("*On this website the widget above shows the state it was saved in: its "
              "controls need a running Python kernel. Run the lesson in Jupyter "
              "(`make lab`) to move them.*"
              f'<span class="widget-alt" data-alt="{html.escape(f"Saved widget: {described}")}">'
              "</span>")
    if "ShapeExplorer(" in "".join(cell["source"]) and (EXPLORER / "shape_explorer.js").exists():
        source += ("\n\nThe same shape explorer in JavaScript computes in your browser (also on "
                   '<a href="../explorer/shape_explorer.html">a page of its own</a>):\n\n'
                   '<div data-lstm-shape-explorer></div>\n'
                   '<script src="../explorer/shape_explorer.js"></script>\n')
    return _markdown(source, f"widget-{key}")


def _plain(markdown: str) -> str:
    """Markdown as plain text for an alt attribute: no comments, code marks or links."""
    text = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("`", "").replace("*", "")
    return " ".join(text.split())


def figure_alt(cells: list[dict[str, Any]], index: int) -> str:
    """A description of the figure that code cell ``index`` draws: its title, and the
    sentence of the text before it that says what the figure shows."""
    code = "".join(cells[index]["source"])
    title = TITLE.search(code)
    before = next(("".join(cell["source"]) for cell in reversed(cells[:index])
                   if cell["cell_type"] == "markdown"), "")
    sentences = re.split(r"(?<=[.:;])\s+", _plain(before))
    described = [s for s in sentences if re.search(r"\b(figure|panels?|shows?)\b", s, re.I)]
    sentence = (described or sentences)[-1].rstrip(":;")
    parts = [f"Figure: {title[1]}." if title else "Figure.", sentence]
    return " ".join(part for part in parts if part)


def site_notebook(path: Path) -> dict[str, Any]:
    """The lesson at ``path`` as the website shows it (outputs as committed)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    state = nb["metadata"].get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    download = _markdown(f'Download this lesson as a notebook: <a href="../_sources/lessons/'
                         f'{path.name}" download>{path.name}</a>.', "download")
    cells = [nb["cells"][0], download]
    for index, cell in enumerate(nb["cells"][1:], start=1):
        cells.append(cell)
        if cell["cell_type"] != "code":
            continue
        if any("image/png" in output.get("data", {}) for output in cell.get("outputs", [])):
            cell.setdefault("metadata", {}).setdefault("mystnb", {})["image"] = {
                "alt": figure_alt(nb["cells"], index)}
        note = widget_note_cell(cell, state, str(index))
        if note:
            cells.append(note)
        match = CHECK_CALL.search("".join(cell["source"]))
        if match:
            cells.append(exercise_cell(match[1]))
    nb["cells"] = cells
    return nb


def readme_section(title: str) -> str:
    """The body of README's ``## title`` section, its links pointing into the website."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if match is None:
        raise ValueError(f"README.md has no section '## {title}'")
    body = match[1].strip() + "\n"
    body = re.sub(r"\(notebooks/03_shapes_and_options\.ipynb#Shape-cheat-sheet\)",
                  "(cheatsheet.md)", body)
    body = re.sub(r"\(notebooks/([\w.]+\.ipynb)\)", r"(lessons/\1)", body)
    return body.replace("(LICENSE)", "(_gen/LICENSE.txt)")


def cheatsheet() -> str:
    """Lesson 03's cheat-sheet cell without its heading."""
    nb = json.loads((NOTEBOOKS / "03_shapes_and_options.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and source.startswith("## Shape cheat-sheet"):
            return source.partition("\n")[2].strip() + "\n"
    raise ValueError("lesson 03 has no '## Shape cheat-sheet' cell")


def explorer_link() -> str:
    """A line linking the JavaScript shape explorer, where the site has one."""
    if not (EXPLORER / "shape_explorer.html").exists():
        return ""
    return ('Try every setting in the <a href="explorer/shape_explorer.html">shape '
            "explorer</a>: it computes these shapes in your browser.\n")


def write_if_changed(path: Path, text: str | bytes) -> None:
    """Write ``path`` only when its content changes, so Sphinx rebuilds only what changed."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def vendor() -> None:
    """Copy the JavaScript the pages load from ``node_modules`` into ``_gen``."""
    for source, destination, patterns in VENDOR:
        folder = NODE / source
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder} is missing: run `npm ci` (make site does)")
        for pattern in patterns:
            for path in folder.glob(pattern):
                write_if_changed(GENERATED / destination / path.relative_to(folder),
                                 path.read_bytes())


def prepare(_app: Any = None, _config: Any = None) -> None:
    """Write every generated page and file (Sphinx's ``config-inited``, before any check)."""
    wanted = {path.name for path in lessons()}
    for stale in LESSONS.glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()
    for path in lessons():
        write_if_changed(LESSONS / path.name, json.dumps(site_notebook(path), indent=1,
                                                         ensure_ascii=False) + "\n")
    for name, title in [("audience", "What you need to know first"), ("syllabus", "Syllabus"),
                        ("licences", "Licences"), ("times", "How long the lessons take")]:
        write_if_changed(GENERATED / f"{name}.md", readme_section(title))
    write_if_changed(GENERATED / "cheatsheet.md", cheatsheet())
    write_if_changed(GENERATED / "explorer_link.md", explorer_link())
    write_if_changed(GENERATED / "LICENSE.txt", (ROOT / "LICENSE").read_bytes())
    shutil.rmtree(GENERATED / "extra" / "explorer", ignore_errors=True)
    if EXPLORER.is_dir():
        shutil.copytree(EXPLORER, GENERATED / "extra" / "explorer")
    vendor()


def restore_sources(app: Any, exception: Exception | None) -> None:
    """The theme's download button serves ``_sources``: make it the committed lessons."""
    if exception is not None or app.builder.format != "html":
        return
    for path in lessons():
        target = Path(app.outdir) / "_sources" / "lessons" / path.name
        if target.exists():
            shutil.copyfile(path, target)


def setup(app: Any) -> dict[str, Any]:
    """Register with Sphinx."""
    app.connect("config-inited", prepare)
    app.connect("build-finished", restore_sources)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
