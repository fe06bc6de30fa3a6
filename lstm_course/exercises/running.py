"""Running a learner's code while it is judged: a time limit, copies of its inputs, captured
printing and warnings, and every global setting put back afterwards (``kernel_state``).

:func:`judging` wraps one whole ``check()``; :func:`call` runs the learner's function inside it.
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from lstm_course.exercises.kernel_state import KernelState
from lstm_course.exercises.time_limit import TimeLimit, TimeLimitExceeded

TIME_LIMIT_S = 5.0  # one call of the learner's function
CHECK_LIMIT_FACTOR = 6  # the whole check (the judge's own work included): 6 * TIME_LIMIT_S
_EQUAL = torch.equal  # the real function, whatever the learner's code later rebinds


class NotAttempted(Exception):
    """Raised by :func:`call` when the learner's function is still a stub returning ``None``."""


class LearnerError(Exception):
    """The learner's function raised ``error`` (any exception, ``KeyboardInterrupt`` too)."""

    def __init__(self, error: BaseException, function: str, line: int | None) -> None:
        super().__init__(f"{function}: {type(error).__name__}")
        self.error, self.function, self.line = error, function, line


@dataclass
class Session:
    """What one ``check()`` observed of the learner's code."""

    time_limit: TimeLimit
    in_learner_code: bool = False
    current_function: str = ""  # the name of the learner's function running last
    calls: int = 0  # how many times the learner's function was called
    mutated: dict[str, list[str]] = field(default_factory=dict)  # function -> argument names
    printed_lines: int = 0
    first_printed: str = ""
    warnings: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # torch functions the learner rebound


_session: Session | None = None


def current_session() -> Session | None:
    """The session of the check in progress, or ``None`` outside ``check()``."""
    return _session


# --- the learner's function --------------------------------------------------------------

def call(function: Callable[..., Any], *args: Any, in_place: bool = False) -> Any:
    """Call the learner's ``function`` on copies of ``args`` and return what it returns.

    A result of ``None`` raises :class:`NotAttempted` (the stub is untouched); an exception
    in the learner's code raises :class:`LearnerError`. The learner's function never sees
    the judge's objects: it gets copies, and a copy it changed is remembered, so that the
    check can tell it changed its input. With ``in_place=True`` (an exercise whose task is
    to change its argument) the objects themselves are passed.
    """
    given = args if in_place else tuple(_copy(value) for value in args)
    session = _session
    if session is not None:
        session.current_function, session.in_learner_code = _name(function), True
        session.calls += 1
        session.time_limit.enter_learner()
    try:
        result = function(*given)
    except TimeLimitExceeded:
        raise
    except BaseException as err:  # KeyboardInterrupt and SystemExit too: one line, no traceback
        raise LearnerError(err, _name(function), _learner_line(err, function)) from None
    finally:
        if session is not None:
            session.in_learner_code = False
            session.time_limit.leave_learner()
    if not in_place and session is not None:
        changed = [k for k, (old, new) in enumerate(zip(args, given, strict=True))
                   if _differs(old, new)]
        if changed:
            names = session.mutated.setdefault(_name(function), [])
            all_names = _parameter_names(function, len(args))
            names.extend(all_names[k] for k in changed if all_names[k] not in names)
    if result is None:
        raise NotAttempted
    return result


def _name(function: Callable[..., Any]) -> str:
    """The function's name, or ``""`` for a lambda or a callable object."""
    name = getattr(function, "__name__", "")
    return name if isinstance(name, str) and name.isidentifier() else ""


def _parameter_names(function: Callable[..., Any], count: int) -> list[str]:
    try:
        names = [p.name for p in inspect.signature(function).parameters.values()
                 if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):
        names = []
    names += [f"#{k + 1}" for k in range(len(names), count)]
    return names[:count]


def _learner_line(err: BaseException, function: Callable[..., Any]) -> int | None:
    """The line of ``function`` (1 = its ``def``) where ``err`` left the learner's code."""
    code = getattr(function, "__code__", None)
    if code is None:
        return None
    line, tb = None, err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code is code:
            line = tb.tb_lineno - code.co_firstlineno + 1
        tb = tb.tb_next
    return line


def _copy(value: Any) -> Any:
    """A copy of ``value`` that shares no tensor or module with it."""
    if isinstance(value, torch.Tensor):
        if value.requires_grad and value.grad_fn is not None:
            return value.clone()  # keeps the link to its graph, as the original has
        return value.detach().clone().requires_grad_(value.requires_grad)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple, PackedSequence
        return type(value)(*(_copy(item) for item in value))
    if isinstance(value, (tuple, list)):
        return type(value)(_copy(item) for item in value)
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if value is None or isinstance(value, (bool, int, float, str, torch.Generator)):
        return value
    return copy.deepcopy(value)


def _differs(old: Any, new: Any) -> bool:
    """Whether the learner's code changed the copy ``new`` of ``old`` (values, not grads)."""
    if isinstance(old, torch.Tensor):
        if not isinstance(new, torch.Tensor):
            return True
        with torch._C.DisableTorchFunction():
            if new.shape != old.shape or new.dtype != old.dtype or new.device != old.device:
                return True
            return old.device.type != "meta" and not _EQUAL(new.detach(), old.detach())
    if type(new) is not type(old):
        return True
    if isinstance(old, (bool, int, float, str)):
        return old != new and old == old  # NaN stays NaN
    if isinstance(old, nn.Module):
        return _module_fingerprint(old) != _module_fingerprint(new)
    if isinstance(old, (tuple, list)):
        return len(new) != len(old) or any(_differs(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, dict):
        return new.keys() != old.keys() or any(_differs(old[k], new[k]) for k in old)
    return False


def _module_fingerprint(module: nn.Module) -> list[Any]:
    """Every parameter and buffer (as bytes) and every plain setting of ``module`` (not its
    gradients or train/eval mode, which a right answer may touch on the way)."""
    marks: list[Any] = []
    for name, tensor in module.state_dict().items():
        tensor = tensor.detach().cpu()
        marks.append((name, tuple(tensor.shape), str(tensor.dtype),
                      tensor.contiguous().view(torch.uint8).numpy().tobytes()
                      if tensor.numel() else b""))
    for name, sub in module.named_modules():
        marks.append((name, sorted((k, v) for k, v in vars(sub).items() if k != "training"
                                   and isinstance(v, (bool, int, float, str, type(None))))))
    return marks


# --- one whole check ---------------------------------------------------------------------

@contextlib.contextmanager
def judging(limit_s: float | None = None) -> Iterator[Session]:
    """Run a check: time limit, captured output and warnings, global state put back after."""
    global _session
    seconds = TIME_LIMIT_S if limit_s is None else limit_s
    session, outer = Session(TimeLimit(seconds, CHECK_LIMIT_FACTOR * seconds)), _session
    state = KernelState()
    printed = _Printed(session)
    _session = session
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(printed), \
                contextlib.redirect_stderr(printed):
            warnings.showwarning = _warning_recorder(session)
            with session.time_limit:
                yield session
    finally:
        _session = outer
        session.replaced += state.restore()


class _Printed(io.TextIOBase):
    """A stream that counts what the learner's code prints and keeps its first line."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session, self._open_line, self._first = session, False, ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            text = str(text)
        session = self._session
        if "\n" not in self._first and len(self._first) < 80:  # the first line that shows
            self._first = (self._first + text).lstrip()  # something, up to 80 characters
            session.first_printed = self._first.split("\n")[0][:80].strip()
        for piece in text.splitlines(keepends=True):
            if not self._open_line:
                session.printed_lines += 1
            self._open_line = not piece.endswith("\n")
        return len(text)


def _warning_recorder(session: Session) -> Callable[..., None]:
    def record(message: Any, category: type, *args: Any, **kwargs: Any) -> None:
        if session.in_learner_code:  # the judges' own notices are not the learner's business
            text = str(message).split(" (Triggered")[0].strip().splitlines()
            session.warnings.append(f"{category.__name__}: {text[0] if text else ''}")
    return record
