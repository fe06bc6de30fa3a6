"""Keep the Spanish edition (``notebooks/es/``) in step with the English lessons.

    python tools/translation.py status            # every Spanish cell that is out of date
    python tools/translation.py skeleton 03 es/03_formas_y_opciones.ipynb
                                                  # a new twin: English cells, stamped, to translate
    python tools/translation.py stamp es/03 14    # cell 14 now translates the current English cell
    python tools/translation.py links             # point lesson links at the edition's own files

A Spanish lesson has the same cells as its English twin, in the same order. Code cells are
the same code token for token (comments and string literals are translated). Each markdown
cell records, in ``metadata["lstm_course"]["translates"]``, a hash of the English cell it
translates, so a change to the English text shows up as a stale translation until the
translator updates the Spanish cell and stamps it again. ``tests/test_translations.py``
checks all of this; the functions here are what it uses.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EDITIONS = {"es": NOTEBOOKS / "es"}
KEY = "lstm_course"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    return "".join(cell["source"])


def cell_hash(cell: dict) -> str:
    """The hash a translation records of the English cell it translates."""
    return hashlib.sha256(source(cell).encode("utf-8")).hexdigest()[:16]


def lessons(folder: Path) -> dict[str, Path]:
    """``{"03": path, …}``: the lessons of one folder by their two-digit prefix."""
    return {path.name[:2]: path for path in sorted(folder.glob("[0-9][0-9]_*.ipynb"))}


def pairs(language: str = "es") -> list[tuple[str, Path, Path]]:
    """``(prefix, english, translation)`` for every lesson both editions have."""
    english, translated = lessons(NOTEBOOKS), lessons(EDITIONS[language])
    return [(prefix, english[prefix], translated[prefix])
            for prefix in sorted(english.keys() & translated.keys())]


def code_tokens(code: str) -> list[tuple[int, str]]:
    """The tokens of ``code`` that translation must keep: comments dropped, string literals
    (f-strings included) reduced to their kind. IPython magics (``%…``) are kept as text."""
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))]
    magics = [line.strip() for line in code.splitlines() if line.lstrip().startswith(("%", "!"))]
    kept: list[tuple[int, str]] = [(-1, magic) for magic in magics]
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return kept + [(-2, "\n".join(lines))]
    for token in tokens:
        if token.type in (tokenize.COMMENT, tokenize.NL):
            continue
        if token.type == tokenize.STRING:
            kept.append((token.type, re.match(r"[A-Za-z]*", token.string)[0].lower() + "str"))
        else:
            kept.append((token.type, token.string))
    return kept


INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$[^$\n]+\$", re.S)
LINK = re.compile(r"\]\(([^)\s]+)\)")
LESSON_LINK = re.compile(r"^(?:\.\./)?(\d\d)_[\w-]+\.ipynb(#\S*)?$")  # ../ : English


def link_target(target: str) -> str:
    """A link as both editions must share it: a lesson by its number (each edition links its
    own file for that lesson), anything else as written."""
    match = LESSON_LINK.match(target)
    return f"lesson {match.group(1)}" if match else target
MARKER = re.compile(r"<!--\s*(?:out:.*?|const)\s*-->")


def protected(markdown: str) -> dict[str, list[str]]:
    """What a translation must not change: inline code, math, link targets, number markers."""
    without_fences = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    return {"inline code": sorted(INLINE_CODE.findall(without_fences)),
            "math": sorted(MATH.findall(without_fences)),
            "links": sorted(link_target(t) for t in LINK.findall(without_fences)),
            "number markers": sorted(m.count("<!--") * "marker" for m in
                                     MARKER.findall(without_fences))}


#: Printed numbers and shapes: what both editions must print alike (sanitised as nbval is).
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![\w])")
VOLATILE = [re.compile(pattern) for pattern in (
    r"0x[0-9a-fA-F]+", r"\[\d\d:\d\d<\d\d:\d\d, +[\d.]+ ?\w+/s\]", r"\S*/site-packages/\S*")]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def printed_numbers(cell: dict) -> list[str]:
    """Every number a code cell prints or shows as text, sorted (word order may differ)."""
    texts = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if WIDGET_VIEW in data:
            continue  # a widget's text/plain fallback is its own repr, not a result
        texts.append("".join(output.get("text") or data.get("text/plain", "")))
    text = "\n".join(texts)
    for pattern in VOLATILE:
        text = pattern.sub(" ", text)
    return sorted(NUMBER.findall(text))


def problems(english: dict, translated: dict, lesson: str) -> list[str]:
    """Every way ``translated`` fails to be a faithful, up-to-date twin of ``english`` (the
    printed numbers of cells nbval ignores, such as timings, are not compared)."""
    found = []
    en_cells, es_cells = english["cells"], translated["cells"]
    en_kinds = [cell["cell_type"] for cell in en_cells]
    es_kinds = [cell["cell_type"] for cell in es_cells]
    if en_kinds != es_kinds:
        return [f"{lesson}: the cells differ: English has {len(en_kinds)} "
                f"({', '.join(k[0] for k in en_kinds)}), the translation {len(es_kinds)} "
                f"({', '.join(k[0] for k in es_kinds)}); keep the same cells in the same order"]
    for index, (en, es) in enumerate(zip(en_cells, es_cells, strict=True)):
        where = f"cell {index} of {lesson}"
        if en["cell_type"] == "code":
            if code_tokens(source(en)) != code_tokens(source(es)):
                found.append(f"{where}: the code differs from the English cell (only comments "
                             f"and string literals may be translated)")
            compared = "NBVAL_IGNORE_OUTPUT" not in source(en)  # timings differ run to run
            if compared and printed_numbers(en) != printed_numbers(es):
                found.append(f"{where}: prints other numbers than the English cell: "
                             f"{printed_numbers(es)[:8]} vs {printed_numbers(en)[:8]}")
        elif en["cell_type"] == "markdown":
            stamp = es.get("metadata", {}).get(KEY, {}).get("translates")
            if stamp != cell_hash(en):
                found.append(f"{where} changed in English: update the Spanish, then run "
                             f"`python tools/translation.py stamp {lesson} {index}`")
            en_kept, es_kept = protected(source(en)), protected(source(es))
            for kind in en_kept:
                if en_kept[kind] != es_kept[kind]:
                    missing = sorted(set(en_kept[kind]) - set(es_kept[kind]))
                    extra = sorted(set(es_kept[kind]) - set(en_kept[kind]))
                    found.append(f"{where}: its {kind} differ from the English cell "
                                 f"(missing {missing}, extra {extra})")
    return found


def _find(lesson: str) -> Path:
    folder, _, prefix = lesson.rpartition("/")
    edition = EDITIONS[folder] if folder else NOTEBOOKS
    match = lessons(edition).get(prefix)
    if match is None:
        raise SystemExit(f"no lesson {lesson!r}")
    return match


def localise_links(markdown: str, folder: Path) -> str:
    """``markdown`` with each link to a lesson pointing at that lesson's file in ``folder``
    (left as it is where ``folder`` has no such lesson yet)."""
    names = {prefix: path.name for prefix, path in lessons(folder).items()}

    def replace(match: re.Match) -> str:
        lesson = LESSON_LINK.match(match.group(1))
        if lesson is None or lesson.group(1) not in names:
            return match.group(0)
        return f"]({names[lesson.group(1)]}{lesson.group(2) or ''})"

    return LINK.sub(replace, markdown)


def localise_all_links(language: str = "es") -> None:
    """Rewrite the lesson links of every lesson of ``language`` (see ``localise_links``)."""
    folder = EDITIONS[language]
    for path in lessons(folder).values():
        nb = load(path)
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                text = localise_links(source(cell), folder)
                if text != source(cell):
                    cell["source"] = text.splitlines(keepends=True)
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def skeleton(prefix: str, target: Path) -> None:
    """Start a twin of English lesson ``prefix`` at ``target``: the English cells, every
    markdown cell stamped with its hash, outputs cleared (translate, then execute)."""
    nb = load(lessons(NOTEBOOKS)[prefix])
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            cell.setdefault("metadata", {})[KEY] = {"translates": cell_hash(cell)}
            cell["source"] = localise_links(source(cell), target.parent).splitlines(True)
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def stamp(lesson: str, indices: list[int]) -> None:
    """Record that the listed markdown cells of ``lesson`` (e.g. ``es/03``) translate the
    current English cells."""
    path = _find(lesson)
    english = load(lessons(NOTEBOOKS)[path.name[:2]])
    nb = load(path)
    for index in indices:
        cell = nb["cells"][index]
        if cell["cell_type"] != "markdown":
            raise SystemExit(f"cell {index} of {lesson} is not a markdown cell")
        cell.setdefault("metadata", {})[KEY] = {"translates": cell_hash(english["cells"][index])}
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str]) -> None:
    if argv[:1] == ["status"]:
        found = [line for prefix, en, es in pairs()
                 for line in problems(load(en), load(es), f"es/{prefix}")]
        print("\n".join(found) or "the Spanish edition is in step with the English lessons")
        raise SystemExit(1 if found else 0)
    if argv[:1] == ["links"]:
        localise_all_links()
        return
    if argv[:1] == ["skeleton"] and len(argv) == 3:
        skeleton(argv[1], ROOT / "notebooks" / argv[2])
        return
    if argv[:1] == ["stamp"] and len(argv) >= 3:
        stamp(argv[1], [int(index) for index in argv[2:]])
        return
    raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
