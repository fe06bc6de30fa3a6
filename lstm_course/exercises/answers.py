"""Reading and comparing a learner's answers: plain values only, whatever form they come in.

Numbers may be ``int``, ``float``, NumPy scalars or one-element tensors; tensors must be plain
``torch.Tensor`` (a subclass could answer ``True`` to every comparison), and another floating
dtype is compared after a cast. A wrong form raises :class:`Hint`, which the check shows.
The comparisons use torch's real functions, captured here before any learner's code runs.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import torch
from torch import nn

from lstm_course.i18n import _

_ALLCLOSE, _EQUAL = torch.allclose, torch.equal
_PLAIN_TENSORS = (torch.Tensor, nn.Parameter)  # Parameter turns its __torch_function__ off
# Tolerances for each floating dtype, as torch.testing.assert_close uses them.
_TOLERANCES = {torch.float16: (1e-3, 1e-5), torch.bfloat16: (1.6e-2, 1e-5),
               torch.float32: (1.3e-6, 1e-5), torch.float64: (1e-7, 1e-7)}


class Hint(Exception):
    """The answer is wrong, and ``str(self)`` says why; a judge raises it from a helper."""


def describe_answer(value: Any) -> str:
    """A few words on ``value`` that never run the learner's own methods (``repr`` could)."""
    if type(value) in _PLAIN_TENSORS:
        return _("a tensor of shape {shape}, {dtype}").format(
            shape=tuple(value.shape), dtype=str(value.dtype).removeprefix("torch."))
    if value is None or type(value) in (bool, int, float, str):
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."
    if type(value) in (tuple, list) and all(type(v) in (bool, int, float) for v in value) \
            and len(value) <= 8:
        return f"{type(value).__name__} {value!r}"
    if type(value).__module__ == "numpy" and hasattr(value, "dtype"):
        return _("a NumPy {kind} of dtype {dtype}").format(
            kind="array" if type(value) is np.ndarray else "scalar", dtype=value.dtype)
    return _("an object of type {type}").format(type=type(value).__name__)


def plain_tensor(value: Any, what: str) -> torch.Tensor:
    """``value`` itself if it is a plain ``torch.Tensor`` of real numbers; else a :class:`Hint`."""
    if type(value) not in _PLAIN_TENSORS:
        kind = (_("a subclass of torch.Tensor, {type}").format(type=type(value).__name__)
                if isinstance(value, torch.Tensor) else describe_answer(value))
        raise Hint(_("{what} should be a torch.Tensor; you returned {got}.").format(
            what=what, got=kind))
    if value.layout != torch.strided or value.is_complex() or value.is_quantized:
        raise Hint(_("{what} should be an ordinary tensor of real numbers; yours has layout "
                     "{layout} and dtype {dtype}.").format(what=what, layout=value.layout,
                                                          dtype=value.dtype))
    return value


def number(value: Any, what: str) -> float:
    """``value`` as a ``float``: an int, a float, a NumPy number or a one-element tensor."""
    if type(value) in _PLAIN_TENSORS and value.numel() == 1 and not value.is_complex() \
            and value.dtype != torch.bool and value.device.type != "meta":
        return float(value.detach().cpu().reshape(()).item())
    if type(value).__module__ == "numpy" and hasattr(value, "dtype") and value.size == 1 \
            and value.dtype.kind in "iuf":
        return float(np.asarray(value).reshape(()))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:  # the built-in value, never a subclass's own __float__
            return float(int.__int__(value)) if isinstance(value, int) else float.__float__(value)
        except OverflowError:
            return math.inf
    if type(value) in _PLAIN_TENSORS:
        raise Hint(_("{what} should be one number; you gave a tensor of shape {shape}.")
                   .format(what=what, shape=tuple(value.shape)))
    raise Hint(_("{what} should be one number (an int, a float, a NumPy number or a "
                 "one-element tensor); you gave {got}.").format(what=what,
                                                                got=describe_answer(value)))


def whole_number(value: Any, what: str) -> int:
    """``value`` as an ``int``: an int, a NumPy integer or a one-element integer tensor."""
    if type(value) in _PLAIN_TENSORS and value.numel() == 1 and value.device.type != "meta" \
            and not value.is_floating_point() and not value.is_complex() \
            and value.dtype != torch.bool:
        return int(value.detach().cpu().reshape(()).item())
    if type(value).__module__ == "numpy" and hasattr(value, "dtype") and value.size == 1 \
            and value.dtype.kind in "iu":
        return int(np.asarray(value).reshape(()))
    if isinstance(value, int) and not isinstance(value, bool):
        return int.__int__(value)
    raise Hint(_("{what} should be a whole number (an int); you gave {got}.").format(
        what=what, got=describe_answer(value)))


def int_list(value: Any, what: str) -> list[int]:
    """``value`` as a list of ints: a list, tuple, ``torch.Size``, 1-D tensor or NumPy array."""
    if type(value) in _PLAIN_TENSORS and value.dim() == 1:
        return [whole_number(v, what) for v in value.detach().cpu()]
    if type(value) is np.ndarray and value.ndim == 1:
        return [whole_number(v, what) for v in value]
    if type(value) in (list, tuple, torch.Size):
        return [whole_number(v, what) for v in value]
    raise Hint(_("{what} should be a list of ints; you gave {got}.").format(
        what=what, got=describe_answer(value)))


def shape_dict(answer: Any, names: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """A dict of shapes, ``{"output": (12, 5, 8), ...}``, read from the learner's dict."""
    names = list(names)
    if not isinstance(answer, dict):
        raise Hint(_("Give a dict such as {example}; you gave {got}.").format(
            example="{'output': (1, 2, 3), 'h_n': (...), 'c_n': (...)}",
            got=describe_answer(answer)))
    plain = {key: item for key, item in dict.items(answer) if type(key) is str}  # no key's
    missing = [name for name in names if name not in plain]  # own __eq__ runs
    if missing:
        raise Hint(_("Your dict has no {names}.").format(
            names=", ".join(repr(name) for name in missing)))
    shapes = {}
    for name in names:
        value = plain[name]
        try:
            shapes[name] = tuple(int_list(value, name))
        except Hint:
            raise Hint(_("Give {name} as a tuple of ints such as (2, 3, 4); you gave {got}.")
                       .format(name=name, got=describe_answer(value))) from None
    return shapes


def tensor_pair(value: Any, names: tuple[str, str]) -> tuple[torch.Tensor, torch.Tensor]:
    """Two plain tensors given as a tuple or list, e.g. ``(h_0, c_0)``."""
    if type(value) not in (tuple, list) or len(value) != 2:
        raise Hint(_("Return a pair ({first}, {second}): two tensors in a tuple; you returned "
                     "{got}.").format(first=names[0], second=names[1],
                                      got=describe_answer(value)))
    return plain_tensor(value[0], names[0]), plain_tensor(value[1], names[1])


def same_values(got: torch.Tensor, expected: torch.Tensor, *, exact: bool = False,
                rtol: float | None = None, atol: float | None = None) -> bool:
    """Whether ``got`` holds ``expected``'s values: same shape, values within tolerance.

    Another floating dtype is cast and compared with the tolerance of the less precise one;
    ``exact`` asks for equal values (a cast that loses no digit still passes).
    """
    if tuple(got.shape) != tuple(expected.shape) or got.device.type == "meta":
        return False
    with torch._C.DisableTorchFunction():  # no torch-function mode can answer for us
        a = got.detach().to("cpu", torch.float64)
        b = expected.detach().to("cpu", torch.float64)
        if exact:
            return bool(_EQUAL(a, b))
        default_rtol, default_atol = max((_TOLERANCES.get(t.dtype, _TOLERANCES[torch.float32])
                                          for t in (got, expected)), key=lambda tol: tol[0])
        return bool(_ALLCLOSE(a, b, rtol=default_rtol if rtol is None else rtol,
                              atol=default_atol if atol is None else atol))


def close(got: float, expected: float, tolerance: float) -> bool:
    """Whether the number ``got`` lies within ``tolerance`` of ``expected`` (NaN never does)."""
    return math.isfinite(got) and abs(got - expected) <= tolerance
