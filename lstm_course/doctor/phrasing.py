"""How the doctor's messages are phrased: lists of tensor names, axis counts, layouts."""

from __future__ import annotations

from lstm_course.i18n import _, ngettext
from lstm_course.shapes import LSTMConfig, input_layout


def layout(config: LSTMConfig, batched: bool = True) -> str:
    """The input's axes by name, e.g. ``(seq_len, batch, input_size)``."""
    return input_layout(config.batch_first, batched)


def subject(names: list[str]) -> str:
    """``h_0``, or ``h_0 and c_0`` when both states share a mistake."""
    # Translators: joins tensor names, as in "h_0 and c_0".
    return _(" and ").join(names)


def axes(count: int) -> str:
    """``1 axis``, ``3 axes``."""
    return ngettext("{count} axis", "{count} axes", count).format(count=count)
