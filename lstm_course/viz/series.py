"""Time series against time: a real series, its forecasts, and the periods a split cuts it into."""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Real

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lstm_course._checks import (
    describe,
    require_instance,
    require_items,
    require_str,
    require_tensor,
)
from lstm_course.i18n import _
from lstm_course.viz.common import line_colours, new_figure

_DASHES = ("--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)))


def _span_shades(count: int) -> list[str]:
    """``count`` grey levels, light to darker: periods that differ in lightness, not in hue."""
    if count == 1:
        return ["0.9"]
    return [f"{level:.3f}" for level in np.linspace(0.95, 0.76, count)]


def plot_series(lines: Mapping[str, tuple[torch.Tensor, torch.Tensor]], *,
                spans: Mapping[str, tuple[float, float]] | None = None,
                title: str | None = None, xlabel: str | None = None,
                ylabel: str | None = None, ax: Axes | None = None) -> Figure:
    """Draw each ``name: (times, values)`` of ``lines`` as a labelled line against time.

    The first line (the truth) is solid black; the others get colours of the course
    colormap and dashes, so they differ without colour too. ``values`` of shape
    ``(k, T)`` draws ``k`` thin lines under one label (e.g. one per seed).
    ``spans`` shades labelled periods, each in its own grey, e.g. ``{"train": (1700, 1928)}``.
    """
    require_items("lines", lines, tuple, _("a non-empty dict of name -> (times, values), e.g. "
                                           "{'observed': (years, values)}"),
                  mapping=True, empty=False)
    for name, value in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        require_str(name, value, optional=True)
    spans = {} if spans is None else spans
    require_items("spans", spans, tuple, _("a dict of label -> (start, end), e.g. "
                                           "{'train': (1700, 1928)}"), mapping=True)
    if not all(len(span) == 2 and all(isinstance(end, Real) for end in span)
               for span in spans.values()):
        raise TypeError(_("spans must be a dict of label -> (start, end), e.g. "
                          "{{'train': (1700, 1928)}}, got {got}.").format(got=describe(spans)))
    for name, pair in lines.items():
        if len(pair) != 2:
            raise ValueError(_("line {name!r} must be a pair (times, values), got {got}.").format(
                name=name, got=describe(pair)))
    fig, ax = new_figure((10.0, 3.8), ax=ax)
    for shade, (label, (start, end)) in zip(_span_shades(len(spans)), spans.items(), strict=True):
        ax.axvspan(start - 0.5, end + 0.5, color=shade, zorder=0)
        ax.text((start + end) / 2, 1.0, label, transform=ax.get_xaxis_transform(),
                ha="center", va="bottom", fontsize="small")
    colours = line_colours(len(lines) - 1)
    for index, (name, pair) in enumerate(lines.items()):
        times, values = pair
        require_instance(f"lines[{name!r}][0]", times, (torch.Tensor, np.ndarray, list, range),
                         _("the times: a tensor, array or list"))
        if np.ndim(times) != 1:
            raise ValueError(_("line {name!r}: times must be 1-D (one time per value), got "
                               "{got}.").format(name=name, got=describe(times)))
        require_tensor(f"lines[{name!r}][1]", values, ranks=(1, 2),
                       layout=_("the values, (T,) or (k, T)"))
        if values.shape[-1] != len(times):
            raise ValueError(_("line {name!r}: values must have shape (T,) or (k, T) with T = "
                               "len(times) = {length}, got {shape}.").format(
                name=name, length=len(times), shape=tuple(values.shape)))
        rows = values.detach().cpu().reshape(-1, values.shape[-1])
        if index == 0:
            style = {"color": "black", "linewidth": 1.4}
        else:
            style = {"color": colours[index - 1], "linestyle": _DASHES[(index - 1) % 4],
                     "linewidth": 1.0 if len(rows) > 1 else 1.8}
        for row_index, row in enumerate(rows):
            ax.plot(np.asarray(times), row.numpy(), label=name if row_index == 0 else None,
                    **style)
    ax.set_xlabel(_("year") if xlabel is None else xlabel)
    ax.set_ylabel(_("sunspot number") if ylabel is None else ylabel)
    ax.set_title(_("Yearly sunspot number") if title is None else title,
                 pad=16 if spans else None)
    ax.legend(fontsize="small", loc="upper left")
    ax.grid(alpha=0.3)
    return fig
