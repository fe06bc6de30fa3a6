"""solution() in Spanish: every comment of a reference solution translated, the code itself
token for token as in English (lstm_course/exercises/solution_text.py)."""

from __future__ import annotations

import importlib
import io
import sys
import tokenize
from pathlib import Path

import pytest

from lstm_course import i18n
from lstm_course.exercises import find, solution
from lstm_course.exercises.solution_text import (
    CONTEXT,
    comment_blocks,
    source_of,
    translate_comments,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from solution_comments import extract  # noqa: E402 (the Babel extractor, in tools/)

LESSONS = sorted((ROOT / "lstm_course" / "exercises").glob("lesson[0-9][0-9].py"))
ALL_IDS = [exercise_id for path in LESSONS for exercise_id in importlib.import_module(
    f"lstm_course.exercises.{path.stem}").EXERCISES]
WITH_COMMENTS = [i for i in ALL_IDS if comment_blocks(source_of(find(i)))]
LAYOUT = (tokenize.COMMENT, tokenize.NL)  # a translated comment may take more or fewer lines


@pytest.fixture(autouse=True)
def _english_after() -> None:
    """Every test leaves the package speaking English."""
    yield
    i18n.set_language("en")


def printed(exercise_id: str, language: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The code solution() prints in ``language``, without its heading."""
    i18n.set_language(language)
    solution(exercise_id)
    return capsys.readouterr().out.split("\n\n", 1)[1].rstrip("\n")


def code_tokens(source: str) -> list[tuple[int, str]]:
    return [(t.type, t.string) for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type not in LAYOUT]


def comments(source: str) -> list[str]:
    return [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type == tokenize.COMMENT]


def test_the_solutions_have_comments_to_translate() -> None:
    assert {"01.1", "02.1", "03.1", "05.2"} <= set(WITH_COMMENTS), WITH_COMMENTS


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_spanish_solution_is_the_english_code_with_spanish_comments(
        exercise_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    english = printed(exercise_id, "en", capsys)
    assert english == source_of(find(exercise_id))  # English: exactly the package's source
    spanish = printed(exercise_id, "es", capsys)
    assert code_tokens(spanish) == code_tokens(english), \
        f"{exercise_id}: solution() in Spanish changed code, not only comments"
    for block in comment_blocks(english):
        for line in block.lines:
            assert line not in spanish, f"{exercise_id}: {line!r} is still in English. Run " \
                "`make catalogs` and translate it in the .po (msgctxt \"solution comment\")."
    assert len(comments(spanish)) >= len(comment_blocks(english))
    english_lines = set(english.splitlines())
    for line in spanish.splitlines():
        assert len(line) <= 100 or line in english_lines, \
            f"{exercise_id}: a translated line is {len(line)} characters (at most 100): {line}"


def test_spanish_heading(capsys: pytest.CaptureFixture[str]) -> None:
    i18n.set_language("es")
    solution("01.1")
    out = capsys.readouterr().out
    assert out.startswith("Solución de referencia de 01.1:\n\n# nn.LSTM(input_size=4, "
                          "hidden_size=8, num_layers=3) sobre x de forma (12, 5, 4):\n"), out


def test_comment_blocks_group_full_line_runs_and_keep_comments_after_code_apart() -> None:
    source = ("# one sentence that\n# goes on here\nx = 1  # after code\n\n# a new run\n"
              "if x:\n    # indented: its own run\n    y = 2  # 0.5\n")
    blocks = comment_blocks(source)
    assert [(b.row, b.column, b.text, b.after_code) for b in blocks] == [
        (0, 0, "one sentence that\ngoes on here", False), (2, 7, "after code", True),
        (4, 0, "a new run", False), (6, 4, "indented: its own run", False)]  # "0.5": no words


def test_translation_may_change_the_number_of_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    spanish = {"one\ntwo": "uno, dos y\ntres", "after code": "tras\nel código", "x": ""}
    monkeypatch.setattr("lstm_course.exercises.solution_text.pgettext",
                        lambda context, text: spanish.get(text, text))
    source = "def f():\n    # one\n    # two\n    return 1  # after code\n# x"
    assert translate_comments(source) == (
        "def f():\n    # uno, dos y\n    # tres\n    return 1  # tras el código\n#")


def test_the_extractor_gives_each_comment_its_context() -> None:
    path = ROOT / "lstm_course" / "exercises" / "lesson02.py"
    with path.open("rb") as handle:
        found = list(extract(handle, ["_", "ngettext", "pgettext"], [], {}))
    comment_messages = [m for _line, name, m, _notes in found if name == "pgettext"]
    assert (CONTEXT, "f is the second block") in comment_messages
    assert (CONTEXT, "weight_ih and weight_hh") in comment_messages
    assert any(name == "_" for _line, name, _m, _notes in found)  # its hints too
