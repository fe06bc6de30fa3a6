"""Babel extractor for ``lstm_course/exercises/lessonNN.py`` (``babel.cfg``, ``make catalogs``):
each lesson's ``_()`` messages, then every comment of the reference solutions that
``solution()`` prints, in the context ``"solution comment"``. A contributor's tool, kept out of
the package so that the package does not need Babel.
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import IO, Any

from babel.messages.extract import extract_python

from lstm_course.exercises.solution_text import CONTEXT, comment_blocks, source_of


def extract(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
            options: Mapping[str, Any]) -> Iterator[tuple[int, str, Any, list[str]]]:
    """Babel extractor for ``exercises/lessonNN.py``: its ``_()`` messages, then the comments
    of its reference solutions, each as ``pgettext("solution comment", text)``."""
    yield from extract_python(fileobj, keywords, comment_tags, options)
    for exercise_id, exercise in _lesson_module(Path(fileobj.name)).EXERCISES.items():
        for block in comment_blocks(source_of(exercise)):
            yield 0, "pgettext", (CONTEXT, block.text), [
                f"A comment in the reference solution of {exercise_id}, printed by solution(). "
                "Break the lines where you like, each within 100 columns with its indentation; "
                "a comment after code stays on one line."]


def _lesson_module(path: Path) -> ModuleType:
    """The lesson module at ``path``, imported: its solutions are what solution() prints."""
    module = importlib.import_module(f"lstm_course.exercises.{path.stem}")
    if Path(module.__file__ or "").resolve() != path.resolve():
        raise RuntimeError(f"{module.__name__} was imported from {module.__file__}, not from "
                           f"{path}: run Babel from the repository root (make catalogs).")
    return module
