"""Exercises with automatic feedback, for every lesson.

In a notebook: ``check("01.2", answer)`` prints one line, a pass or a hint, and
returns whether the answer is right; ``solution("01.2")`` prints the reference
solution. Lesson ``NN``'s exercises live in ``lstm_course.exercises.lessonNN``
as a dict ``EXERCISES`` from id to :class:`Exercise`.
"""

from __future__ import annotations

import importlib
import inspect
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch


@dataclass(frozen=True)
class Exercise:
    """How to judge one exercise and its reference solution.

    ``judge(answer)`` returns ``None`` for a right answer, else a hint for the
    learner. ``reference`` is the right answer when the learner writes a
    function (``answer_is_function``), else a function that builds it; its
    source code is what :func:`solution` shows. Judges run a learner's
    function through :func:`call`, so a stub returning ``None`` counts as
    not attempted.
    """

    judge: Callable[[Any], str | None]
    reference: Callable[..., Any]
    answer_is_function: bool = False

    def reference_answer(self) -> Any:
        """The answer the reference solution gives, ready for ``judge``."""
        return self.reference if self.answer_is_function else self.reference()


class NotAttempted(Exception):
    """Raised by :func:`call` when the learner's function is still a stub returning ``None``."""


def call(function: Callable[..., Any], *args: Any) -> Any:
    """Call the learner's ``function``; a result of ``None`` means the stub is untouched."""
    result = function(*args)
    if result is None:
        raise NotAttempted
    return result


def find(exercise_id: str) -> Exercise:
    """The exercise called ``exercise_id`` (e.g. ``"01.2"``), or a ``ValueError``."""
    if not isinstance(exercise_id, str) or not re.fullmatch(r"\d\d\.\d+", exercise_id):
        raise ValueError(f"exercise ids look like '01.2' (lesson.number), got {exercise_id!r}.")
    lesson = exercise_id.split(".")[0]
    try:
        exercises = importlib.import_module(f"lstm_course.exercises.lesson{lesson}").EXERCISES
    except ModuleNotFoundError as err:
        if err.name != f"lstm_course.exercises.lesson{lesson}":
            raise  # the lesson's module exists but something it imports is missing
        exercises = {}
    if exercise_id not in exercises:
        known = ", ".join(exercises) or "none"
        raise ValueError(f"there is no exercise {exercise_id!r}; lesson {lesson} has: {known}.")
    return exercises[exercise_id]


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return f"{type(err).__name__}: {text.splitlines()[0]}" if text else type(err).__name__


def check(exercise_id: str, answer: Any) -> bool:
    """Print whether ``answer`` solves the exercise (or a hint) and return it as a bool.

    Never raises: an unknown id, a stub (``None``, or a function that returns
    ``None``) and an answer or learner's function that raises are each
    reported in one line.
    """
    try:
        exercise = find(exercise_id)
    except ValueError as err:
        print(f"✗ {err}")
        return False
    not_attempted = f"… {exercise_id}: not attempted yet. Write your answer and run the cell again."
    if answer is None:
        print(not_attempted)
        return False
    try:
        with torch.random.fork_rng(devices=[]):  # judging must not move the learner's seed
            hint = exercise.judge(answer)
    except NotAttempted:
        print(not_attempted)
        return False
    except Exception as err:  # the learner's code (or answer) failed: report, never a traceback
        hint = (f"checking your answer raised {_first_line(err)}. "
                f"Run your code on its own to see where it fails.")
    if hint is None:
        print(f"✓ {exercise_id}: correct. Well done!")
        return True
    print(f"✗ {exercise_id}: not yet. {hint}")
    return False


def solution(exercise_id: str) -> None:
    """Print the reference solution of ``exercise_id``."""
    exercise = find(exercise_id)
    source = textwrap.dedent(inspect.getsource(exercise.reference)).rstrip()
    print(f"Reference solution for {exercise_id}:\n\n{source}")


__all__ = ["Exercise", "NotAttempted", "call", "check", "find", "solution"]
