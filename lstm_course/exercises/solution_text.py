"""What ``solution()`` prints: a reference solution, its comments in the learner's language.

Each comment of a reference solution is a catalogue message in the context
``"solution comment"``: a run of full-line comments is one message (its lines joined by
newlines, so the translator chooses the line breaks), a comment after code is another.
``tools/solution_comments.py`` is the Babel extractor that finds them (``babel.cfg``);
:func:`translate_comments` puts the translations back at print time. Code never changes.
"""

from __future__ import annotations

import dataclasses
import inspect
import io
import re
import textwrap
import tokenize
from typing import Any

from lstm_course.i18n import pgettext

CONTEXT = "solution comment"
_WORDS = re.compile(r"[^\W\d_]")  # a letter: "# 0.731" has nothing to translate


@dataclasses.dataclass(frozen=True)
class CommentBlock:
    """Comments translated as one message: a run of full-line ones, or one after code."""

    row: int  # the first line's index in the source, from 0
    column: int
    lines: tuple[str, ...]  # each line's text after "# "
    after_code: bool

    @property
    def text(self) -> str:
        """The message: the lines joined by newlines."""
        return "\n".join(self.lines)


def source_of(exercise: Any) -> str:
    """The reference solution of ``exercise`` as written in the package (English comments)."""
    return exercise.solution_code.strip() or textwrap.dedent(
        inspect.getsource(exercise.reference)).rstrip()


def comment_blocks(source: str) -> list[CommentBlock]:
    """The comments of ``source`` with words in them, grouped as they are translated."""
    lines = source.splitlines()
    blocks: list[CommentBlock] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        row, column = token.start[0] - 1, token.start[1]
        text = token.string[1:].removeprefix(" ").rstrip()
        after_code = bool(lines[row][:column].strip())
        last = blocks[-1] if blocks else None
        if (last is not None and not after_code and not last.after_code
                and last.column == column and last.row + len(last.lines) == row):
            blocks[-1] = dataclasses.replace(last, lines=(*last.lines, text))
        else:
            blocks.append(CommentBlock(row, column, (text,), after_code))
    return [block for block in blocks if _WORDS.search(block.text)]


def translate_comments(source: str) -> str:
    """``source`` with each comment in the current language; every code token as it was."""
    lines = source.splitlines()
    for block in reversed(comment_blocks(source)):
        translated = pgettext(CONTEXT, block.text)
        if translated == block.text:
            continue  # English, or no translation: the comment exactly as written
        if block.after_code:
            line = lines[block.row]
            lines[block.row] = line[:block.column] + _comment(" ".join(translated.split("\n")))
        else:
            lines[block.row:block.row + len(block.lines)] = [
                " " * block.column + _comment(text) for text in translated.split("\n")]
    return "\n".join(lines)


def _comment(text: str) -> str:
    return f"# {text}" if text else "#"
