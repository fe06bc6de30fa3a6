"""Exercises with automatic feedback, for every lesson.

In a notebook: ``check("01.2", answer)`` prints one line, a pass or a hint, and returns
whether the answer is right; ``solution("01.2")`` prints the reference solution. Lesson
``NN``'s exercises live in ``lstm_course.exercises.lessonNN`` as a dict ``EXERCISES`` from id
to :class:`Exercise`. The learner's code runs under a time limit, on copies of the judge's
objects, with its printing captured and the kernel's global state put back afterwards
(:mod:`lstm_course.exercises.running`); answers are read and compared with
:mod:`lstm_course.exercises.answers`.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lstm_course.exercises.answers import Hint, describe_answer
from lstm_course.exercises.running import (
    LearnerError,
    NotAttempted,
    Session,
    call,
    judging,
)
from lstm_course.exercises.solution_text import source_of, translate_comments
from lstm_course.exercises.time_limit import TimeLimitExceeded
from lstm_course.i18n import _, ngettext


@dataclass(frozen=True)
class Exercise:
    """How to judge one exercise and its reference solution.

    ``judge(answer)`` returns ``None`` for a right answer, else a hint for the learner (or
    raises :class:`Hint`). It builds its cases and expected values first, then runs the
    learner's function through :func:`call`, which passes copies. ``reference`` is the right
    answer when the learner writes a function (``answer_is_function``; :func:`solution`
    shows its source), else a function that builds it; then ``solution_code`` is what
    :func:`solution` shows, code a learner would write that assigns the answer.
    ``dtype_matters``: the answer's dtype is part of the task (a cast is not the same answer).
    """

    judge: Callable[[Any], str | None]
    reference: Callable[..., Any]
    answer_is_function: bool = False
    solution_code: str = ""
    dtype_matters: bool = False

    def reference_answer(self) -> Any:
        """The answer the reference solution gives, ready for ``judge``."""
        return self.reference if self.answer_is_function else self.reference()


def find(exercise_id: str) -> Exercise:
    """The exercise called ``exercise_id`` (e.g. ``"01.2"``), or a ``ValueError``."""
    if not isinstance(exercise_id, str) or not re.fullmatch(r"\d\d\.\d+", exercise_id):
        raise ValueError(_("exercise ids look like '01.2' (lesson.number), got {got}.").format(
            got=describe_answer(exercise_id)))
    lesson = exercise_id.split(".")[0]
    try:
        exercises = importlib.import_module(f"lstm_course.exercises.lesson{lesson}").EXERCISES
    except ModuleNotFoundError as err:
        if err.name != f"lstm_course.exercises.lesson{lesson}":
            raise  # the lesson's module exists but something it imports is missing
        exercises = {}
    if exercise_id not in exercises:
        raise ValueError(_("there is no exercise {id!r}; lesson {lesson} has: {known}.").format(
            id=exercise_id, lesson=lesson, known=", ".join(exercises) or _("none")))
    return exercises[exercise_id]


def check(exercise_id: str, answer: Any) -> bool:
    """Print whether ``answer`` solves the exercise (or a hint) and return it as a bool.

    Never raises: an unknown id, a stub (``None``, or a function that returns ``None``), a
    learner's function that raises, hangs or is interrupted, and a failing checker are
    each reported in one line; notes on what the learner's code printed follow.
    """
    try:
        exercise = find(exercise_id)
    except ValueError as err:
        print(f"✗ {err}")
        return False
    not_attempted = _("… {id}: not attempted yet. Write your answer and run the cell "
                      "again.").format(id=exercise_id)
    if answer is None:
        print(not_attempted)
        return False
    if exercise.answer_is_function and not callable(answer):
        print(_("✗ {id}: not yet. {hint}").format(id=exercise_id, hint=_(
            "Give a function, e.g. {example}; you gave {got}.").format(
                example=_stub(exercise.reference), got=describe_answer(answer))))
        return False
    kind, text, session = _judge(exercise, answer)
    if kind is NotAttempted:
        print(not_attempted)
        return False
    if kind == "right":
        print(_("✓ {id}: correct. Well done!").format(id=exercise_id))
    elif kind == "hint":
        print(_("✗ {id}: not yet. {hint}").format(id=exercise_id, hint=text))
    else:  # the check itself could not finish: not the learner's mistake
        print(f"✗ {exercise_id}: {text}")
    for note in _notes(session):
        print(note)
    return kind == "right"


def _judge(exercise: Exercise, answer: Any) -> tuple[Any, str, Session | None]:
    """``("right" | "hint" | "stopped" | NotAttempted, message, what the session saw)``."""
    session = None
    try:
        with judging() as session:
            try:
                hint = exercise.judge(answer)
                if hint is not None and not isinstance(hint, str):
                    raise TypeError(_("the judge returned {type}, not a hint or None").format(
                        type=type(hint).__name__))
                if hint is None and session.mutated:
                    hint = _mutation_hint(session)  # says it all: no note after it
                    session.mutated.clear()
                return ("right", "", session) if hint is None else ("hint", hint, session)
            except Hint as hint:
                return "hint", str(hint), session
            except NotAttempted:
                return NotAttempted, "", session
            except LearnerError as err:
                return "hint", _learner_error(err), session
            except TimeLimitExceeded:
                raise
            except Exception as err:  # the checker's own mistake, and said so
                return "stopped", _("The checker itself failed ({error}). This is a mistake "
                                    "in the course, not in your answer; please report "
                                    "it.").format(error=_first_line(err)), session
            except BaseException:  # KeyboardInterrupt while the checker's own code ran
                return "stopped", _("Checking was interrupted before it finished. Run the "
                                    "cell again to check your answer."), session
    except TimeLimitExceeded:
        limit = session.time_limit  # judging() has yielded: the limit runs only after that
        if limit.stopped_call:
            return "hint", _("{function} ran for more than {limit:g} seconds and was "
                             "stopped. Look for a loop that never ends.").format(
                                 function=_who(session.current_function),
                                 limit=limit.seconds), session
        if limit.stopped_in_learner_code:
            return "hint", _("The checker called {function} {count} times and stopped after "
                             "{limit:g} seconds in all. Make it faster: printing inside it, "
                             "for example, is slow.").format(
                                 function=_who(session.current_function, start=False),
                                 count=session.calls, limit=limit.cap_s), session
        return "stopped", _("Checking your answer took more than {limit:g} seconds and was "
                            "stopped.").format(limit=limit.cap_s), session


def _who(function: str, start: bool = True) -> str:
    """The learner's function by its name; a lambda is "your function"."""
    if function:
        return function
    return _("Your function") if start else _("your function")


def _learner_error(err: LearnerError) -> str:
    error = err.error
    if isinstance(error, KeyboardInterrupt):
        return _("{function} was interrupted (KeyboardInterrupt) before it returned.").format(
            function=_who(err.function))
    if isinstance(error, SystemExit):
        return _("{function} called exit() (SystemExit); a function should return its "
                 "answer.").format(function=_who(err.function))
    if err.line is None:
        return _("{function} raised {error}. Run it on its own to see the whole "
                 "traceback.").format(function=_who(err.function), error=_first_line(error))
    return _("{function} raised {error} at its line {line}. Run it on its own to see the "
             "whole traceback.").format(function=_who(err.function), error=_first_line(error),
                                        line=err.line)


def _mutation_hint(session: Session) -> str:
    function, names = next(iter(session.mutated.items()))
    return _("{function} returns the right answer but changes {names} in place, so the "
             "caller's own objects would change too. Work on new objects instead: values - "
             "mean rather than values -= mean, sorted(lengths) rather than lengths.sort(), or "
             "a copy (x.clone(), copy.deepcopy(model)).").format(
                 function=_who(function), names=", ".join(names))


def _notes(session: Session | None) -> list[str]:
    """Lines after the verdict: what the learner's code did besides answering."""
    if session is None:
        return []
    notes = []
    if session.mutated:
        notes += [_("Note: {function} changed its input {names} in place.").format(
            function=_who(function, start=False), names=", ".join(names))
            for function, names in session.mutated.items()]
    if session.printed_lines:
        notes.append(ngettext(
            "Note: your code printed {count} line while it was checked (not shown): {first}",
            "Note: your code printed {count} lines while it was checked (not shown); the "
            "first: {first}", session.printed_lines).format(
                count=session.printed_lines, first=session.first_printed))
    if session.warnings:
        notes.append(ngettext(
            "Note: your code gave {count} warning while it was checked: {first}",
            "Note: your code gave {count} warnings while it was checked; the first: {first}",
            len(session.warnings)).format(count=len(session.warnings),
                                          first=session.warnings[0]))
    if session.replaced:
        notes.append(_("Note: your code replaced {names} while it was checked; the checker "
                       "put the originals back.").format(names=", ".join(session.replaced)))
    return notes


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return f"{type(err).__name__}: {text.splitlines()[0]}" if text else type(err).__name__


def _stub(reference: Callable[..., Any]) -> str:
    """``def name(a, b): return ...``, the first line of the function the learner writes."""
    parameters = ", ".join(inspect.signature(reference).parameters)
    return f"def {reference.__name__}({parameters}): return ..."


def solution(exercise_id: str) -> None:
    """Print the reference solution of ``exercise_id``, its comments in the current language
    (an unknown id: one line)."""
    try:
        exercise = find(exercise_id)
    except ValueError as err:
        print(f"✗ {err}")
        return
    source = translate_comments(source_of(exercise))
    print(_("Reference solution for {id}:").format(id=exercise_id) + f"\n\n{source}")


__all__ = ["Exercise", "Hint", "LearnerError", "NotAttempted", "call", "check", "find",
           "solution"]
