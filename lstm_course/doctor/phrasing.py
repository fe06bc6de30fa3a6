"""How the doctor's messages are phrased: lists of tensor names, plurals, layouts."""

from __future__ import annotations

from lstm_course.shapes import LSTMConfig, input_layout


def layout(config: LSTMConfig, batched: bool = True) -> str:
    """The input's axes by name, e.g. ``(seq_len, batch, input_size)``."""
    return input_layout(config.batch_first, batched)


def subject(names: list[str]) -> str:
    """``h_0``, or ``h_0 and c_0`` when both states share a mistake."""
    return " and ".join(names)


def is_are(names: list[str]) -> str:
    """The verb that agrees with ``subject(names)``."""
    return "are" if len(names) > 1 else "is"


def has_have(names: list[str]) -> str:
    """The verb that agrees with ``subject(names)``."""
    return "have" if len(names) > 1 else "has"


def axes(count: int) -> str:
    """``1 axis``, ``3 axes``."""
    return f"{count} axis" if count == 1 else f"{count} axes"
