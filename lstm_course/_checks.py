"""Argument checks shared by the package: one mistake, one exception type, one wording.

A wrong type raises ``TypeError``, a wrong value ``ValueError``. Each message names the
argument, says what was expected and what was given, and how to fix it.
"""

from __future__ import annotations

import sys
from typing import Any

from lstm_course.i18n import _


def describe(value: Any) -> str:
    """What was passed, in a few words: ``a tensor of shape (5, 2, 10), float32``, ``int 3``."""
    torch = sys.modules.get("torch")  # a tensor exists only once torch is imported
    if torch is not None and isinstance(value, torch.Tensor):
        return _("a tensor of shape {shape}, {dtype}").format(
            shape=tuple(value.shape), dtype=str(value.dtype).removeprefix("torch."))
    if value is None:
        return "None"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def require_int(name: str, value: Any, minimum: int | None = None) -> int:
    """``value`` if it is an ``int`` (not a ``bool``) of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        example = max(minimum if minimum is not None else 1, 1)
        raise TypeError(_("{name} must be an int, got {got}. Pass a whole number such as "
                          "{example}.").format(name=name, got=describe(value), example=example))
    if minimum is not None and value < minimum:
        raise ValueError(_("{name} must be at least {minimum}, got {value}.").format(
            name=name, minimum=minimum, value=value))
    return value


def require_bool(name: str, value: Any) -> bool:
    """``value`` if it is ``True`` or ``False``; ``1`` and ``"False"`` are refused, as in torch."""
    if not isinstance(value, bool):
        raise TypeError(_("{name} must be True or False, got {got}. Pass {name}=True or "
                          "{name}=False.").format(name=name, got=describe(value)))
    return value


def require_lstm(name: str, value: Any) -> Any:
    """``value`` unless it is ``nn.GRU``, ``nn.RNN`` or a module unlike an LSTM."""
    torch = sys.modules.get("torch")  # a module exists only once torch is imported
    nn = torch.nn if torch is not None else None
    if nn is not None and isinstance(value, nn.Module) and not isinstance(value, nn.LSTM) \
            and (isinstance(value, nn.RNNBase) or not hasattr(value, "hidden_size")):
        raise TypeError(_("{name} needs an nn.LSTM, got nn.{kind}. This function reads an "
                          "LSTM's gates and (h, c) state, which {kind} does not have; pass an "
                          "nn.LSTM, e.g. nn.LSTM(10, 6, 2).").format(
                              name=name, kind=type(value).__name__))
    return value
