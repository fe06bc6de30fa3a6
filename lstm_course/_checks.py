"""Argument checks shared by the package: one mistake, one exception type, one wording.

A wrong type raises ``TypeError``, a wrong value ``ValueError``. Each message names the
argument, says what was expected and what was given, and how to fix it.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from numbers import Real
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


def require_number(name: str, value: Any, *, positive: bool = False,
                   finite: bool = True, example: float = 1.0) -> float:
    """``value`` as a ``float`` if it is a real number (also a NumPy or 0-d tensor one),
    finite unless ``finite=False``, above 0 when ``positive``; ``example`` is a good one."""
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.Tensor) and value.numel() == 1 \
            and value.dim() == 0 and (value.dtype.is_floating_point or value.dtype in (
                torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8)):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(_("{name} must be a number, got {got}. Pass e.g. {name}={example}.")
                        .format(name=name, got=describe(value), example=example))
    if (finite and not math.isfinite(value)) or math.isnan(value) or (positive and value <= 0):
        expected = _("a finite number above 0") if positive else _("a finite number")
        raise ValueError(_("{name} must be {expected}, got {value}. Pass e.g. "
                           "{name}={example}.").format(name=name, expected=expected, value=value,
                                                       example=example))
    return float(value)


def require_tensor(name: str, value: Any, *, ranks: tuple[int, ...] | None = None,
                   kind: str = "any", layout: str = "", empty: bool = True) -> Any:
    """``value`` if it is a ``torch.Tensor`` of one of ``ranks`` and of the ``kind`` asked
    (``"float"``, ``"integer"`` or ``"any"``), not empty unless ``empty``; ``layout`` names
    the expected shape in the messages, e.g. ``(L, N, H_in)``."""
    import torch

    expected = layout or (_("a {ranks}-D tensor").format(
        ranks=" or ".join(map(str, ranks))) if ranks else _("a tensor"))
    if isinstance(value, torch.nn.utils.rnn.PackedSequence) or not isinstance(value,
                                                                             torch.Tensor):
        fix = _("Unpack it first with pad_packed_sequence.") if isinstance(
            value, torch.nn.utils.rnn.PackedSequence) else _("Convert it with torch.tensor(...).")
        raise TypeError(_("{name} must be {expected}, got {got}. {fix}").format(
            name=name, expected=expected, got=describe(value), fix=fix))
    if ranks is not None and value.dim() not in ranks:
        raise ValueError(_("{name} must be {expected}, got {got} ({rank}-D).").format(
            name=name, expected=expected, got=describe(value), rank=value.dim()))
    if kind == "float" and not value.dtype.is_floating_point:
        raise TypeError(_("{name} must hold floating-point numbers, got {got}. Convert it: "
                          "{name}.float().").format(name=name, got=describe(value)))
    if kind == "integer" and (value.dtype.is_floating_point or value.dtype.is_complex
                              or value.dtype == torch.bool):
        raise TypeError(_("{name} must be {expected}, got {got}. Convert it: "
                          "{name}.long().").format(name=name, expected=expected,
                                                   got=describe(value)))
    if not empty and value.numel() == 0:
        raise ValueError(_("{name} is empty: {got}. Pass {expected} with at least one "
                           "element.").format(name=name, got=describe(value), expected=expected))
    return value


#: The most elements a function of the course makes in one tensor (400 MB of float32).
MAX_ELEMENTS = 10**8


def require_elements(what: str, count: int, fix: str) -> None:
    """Refuse a request for more than ``MAX_ELEMENTS`` numbers: a typo, not a lesson's size."""
    if count > MAX_ELEMENTS:
        raise ValueError(_("{what} would hold {count:,} numbers, more than the {limit:,} this "
                           "course ever needs (and than memory allows). {fix}").format(
            what=what, count=count, limit=MAX_ELEMENTS, fix=fix))


def require_generator(generator: Any) -> Any:
    """``generator`` if it is ``None`` or a ``torch.Generator``."""
    import torch

    if generator is not None and not isinstance(generator, torch.Generator):
        raise TypeError(_("generator must be a torch.Generator or None, got {got}. Pass e.g. "
                          "generator=torch.Generator().manual_seed(0).").format(
            got=describe(generator)))
    return generator


def require_index(name: str, value: Any, size: int, what: str) -> int:
    """``value`` if it is an ``int`` from 0 to ``size - 1``: a position along ``what``."""
    require_int(name, value)
    if not 0 <= value < size:
        raise ValueError(_("{name}={value} is outside {what} of size {size}; use a value from 0 "
                           "to {top}.").format(name=name, value=value, what=what, size=size,
                                               top=size - 1))
    return value


def require_str(name: str, value: Any, *, optional: bool = False) -> Any:
    """``value`` if it is a ``str`` (or ``None`` when ``optional``)."""
    if not (isinstance(value, str) or (optional and value is None)):
        raise TypeError(_("{name} must be a string{none}, got {got}.").format(
            name=name, none=_(" or None") if optional else "", got=describe(value)))
    return value


def require_instance(name: str, value: Any, kinds: type | tuple[type, ...], expected: str,
                     fix: str = "") -> Any:
    """``value`` if it is an instance of ``kinds``; ``expected`` says what in words, e.g.
    ``a torch.nn.Module``, and ``fix`` how to get one."""
    if not isinstance(value, kinds):
        raise TypeError(_("{name} must be {expected}, got {got}. {fix}").format(
            name=name, expected=expected, got=describe(value), fix=fix).rstrip())
    return value


def require_items(name: str, value: Any, kinds: type | tuple[type, ...], expected: str,
                  fix: str = "", *, mapping: bool = False, empty: bool = True,
                  count: int | None = None) -> Any:
    """``value`` if it is a list or tuple (a dict when ``mapping``: its values) of instances
    of ``kinds`` (a bool only if ``bool`` is one), not empty unless ``empty``, of ``count``
    items if given; a wrong kind is a ``TypeError``, a wrong size a ``ValueError``."""
    allowed = kinds if isinstance(kinds, tuple) else (kinds,)
    container = Mapping if mapping else (list, tuple, range)
    items = value.values() if isinstance(value, Mapping) else value
    if not isinstance(value, container) or not all(
            isinstance(item, allowed) and (bool in allowed or not isinstance(item, bool))
            for item in items):
        error: type[Exception] = TypeError
    elif (not empty and not value) or (count is not None and len(value) != count):
        error = ValueError
    else:
        return value
    raise error(_("{name} must be {expected}, got {got}. {fix}").format(
        name=name, expected=expected, got=describe(value), fix=fix).rstrip())


def require_between(name: str, value: Any, low: float, high: float, example: float, *,
                    inclusive: bool = True) -> float:
    """``value`` as a ``float`` if it is a number from ``low`` to ``high`` (strictly between
    them unless ``inclusive``), e.g. a probability or a confidence level."""
    number = require_number(name, value, example=example)
    if not (low <= number <= high if inclusive else low < number < high):
        span = (_("from {low} to {high}") if inclusive else _("between {low} and {high}")).format(
            low=low, high=high)
        raise ValueError(_("{name} must be a number {span}, e.g. {example}, got {value}.").format(
            name=name, span=span, example=example, value=value))
    return number


def require_settings(caller: str, values: dict[str, Any], ranges: dict[str, tuple[int, int]],
                     flags: tuple[str, ...]) -> None:
    """Refuse unknown keyword settings, ints outside ``ranges`` and flags that are not bools."""
    unknown = sorted(set(values) - set(ranges) - set(flags))
    if unknown:
        raise TypeError(_("unknown setting(s) {unknown}; {caller} takes {names}.").format(
            unknown=", ".join(unknown), caller=caller, names=", ".join([*ranges, *flags])))
    for name, value in values.items():
        if name in flags:
            require_bool(name, value)
        elif not ranges[name][0] <= require_int(name, value) <= ranges[name][1]:
            raise ValueError(_("{name} must be from {low} to {high} (the slider's range), got "
                               "{value}.").format(name=name, low=ranges[name][0],
                                                  high=ranges[name][1], value=value))
