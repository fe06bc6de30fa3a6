"""The inside of an LSTM as pictures: gate activations over time, and the stacked gate weights."""

from __future__ import annotations

from collections.abc import Sequence

import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lstm_course._checks import (
    describe,
    require_index,
    require_instance,
    require_int,
    require_str,
    require_tensor,
)
from lstm_course.i18n import _
from lstm_course.scratch import LSTMStep
from lstm_course.viz.common import CMAP, new_figure

GATE_ORDER = ("i", "f", "g", "o")  # how nn.LSTM stacks the gates in its weights


def field_names() -> dict[str, str]:
    """What each field of an ``LSTMStep`` is, for panel titles, in the current language."""
    return {"i": _("input gate"), "f": _("forget gate"), "g": _("cell candidate"),
            "o": _("output gate"), "c": _("cell state"), "h": _("hidden state")}


def _colour_range(field: str, values: torch.Tensor) -> tuple[float, float]:
    """Fixed ranges where the activation bounds the values, so colours compare across figures."""
    if field in ("i", "f", "o"):
        return 0.0, 1.0  # sigmoid
    if field == "g":
        return -1.0, 1.0  # tanh
    # c is unbounded; h is within (-1, 1) unless a projection (weight_hr) rescales it.
    largest = float(values.abs().max()) if values.numel() else 0.0
    if field == "h":
        largest = max(largest, 1.0)
    return (-largest, largest) if largest > 0 else (-1.0, 1.0)


def plot_gates(gates: LSTMStep, *, sample: int = 0, title: str | None = None,
               axes: Sequence[Axes] | None = None) -> Figure:
    """Heatmaps of one sequence's gates ``i, f, g, o``, cell state ``c`` and ``h``: unit × time.

    ``gates`` is an ``LSTMStep`` whose fields are stacked over time, as a ``ScratchLSTM``
    ``scratch.gates(x)`` returns them: ``(L, N, H)`` (``sample``
    picks the sequence) or ``(L, H)`` for unbatched input. ``title`` names what is shown
    (e.g. the layer). ``axes``, if given, holds six axes, one per field; otherwise a new
    figure stacks them over a shared time axis.
    """
    require_instance("gates", gates, LSTMStep, _("an LSTMStep (one entry of the list that "
                                                 "ScratchLSTM.gates returns)"))
    require_str("title", title, optional=True)
    if gates.i.dim() not in (2, 3):
        raise ValueError(_("the fields of gates must be stacked over time, (L, N, H) or (L, H); "
                           "got i of shape {shape}. Pass one entry of the list that "
                           "ScratchLSTM.gates gives, not a single step.").format(
            shape=tuple(gates.i.shape)))
    batched = gates.i.dim() == 3
    if batched:
        require_index("sample", sample, gates.i.shape[1], _("the batch"))
    else:
        require_int("sample", sample)
    if axes is None:
        fig, first = new_figure((8.0, 10.0))
        first.remove()  # replaced by a column of six panels sharing the time axis
        fig.set_layout_engine("constrained")
        axes = fig.subplots(len(LSTMStep._fields), 1, sharex=True)
    elif len(axes) != len(LSTMStep._fields):
        raise ValueError(_("axes must hold {count} axes, one per field {fields}; got "
                           "{got}.").format(count=len(LSTMStep._fields),
                                            fields=", ".join(LSTMStep._fields), got=len(axes)))
    fig = axes[0].figure

    for ax, field in zip(axes, LSTMStep._fields, strict=True):
        values = getattr(gates, field).detach().cpu().double()
        values = values[:, sample] if batched else values  # (L, H)
        low, high = _colour_range(field, values)
        image = ax.imshow(values.T.numpy(), aspect="auto", cmap=CMAP, vmin=low, vmax=high,
                          interpolation="nearest")
        ax.set_title(f"{field}: {field_names()[field]}", fontsize=10)
        ax.set_ylabel(_("unit"))
        fig.colorbar(image, ax=ax, pad=0.02, label=_("value"))
    axes[-1].set_xlabel(_("time step"))
    who = _("sequence {sample}").format(sample=sample) if batched else _("one sequence")
    fig.suptitle(_("Gates and states over time, {who}").format(who=who)
                 + (f": {title}" if title else ""))
    return fig


def plot_gate_blocks(weight: torch.Tensor, *, name: str = "weight_ih_l0",
                     ax: Axes | None = None) -> Figure:
    """Heatmap of a stacked LSTM weight ``(4*H_cell, columns)`` with its i, f, g, o blocks marked.

    Works for ``weight_ih_lk`` and ``weight_hh_lk``; ``name`` is used in the title.
    """
    layout = _("a 2-D tensor whose rows are four gate blocks, (4*hidden_size, columns), e.g. "
               "lstm.weight_ih_l0")
    require_tensor("weight", weight, ranks=(2,), kind="float", layout=layout, empty=False)
    require_str("name", name)
    if weight.shape[0] % 4:
        raise ValueError(_("weight must be {layout}; got {got}.").format(layout=layout,
                                                                        got=describe(weight)))
    rows, columns = weight.shape
    hidden = rows // 4
    fig, ax = new_figure((6.0, 5.0), ax=ax)
    values = weight.detach().cpu().double()
    largest = float(values.abs().max()) or 1.0
    image = ax.imshow(values.numpy(), aspect="auto", cmap=CMAP, vmin=-largest, vmax=largest,
                      interpolation="nearest")
    for k in range(1, 4):
        ax.axhline(k * hidden - 0.5, color="white", linewidth=2)
    ax.set_yticks([k * hidden + (hidden - 1) / 2 for k in range(4)],
                  labels=[_("{gate}: rows {first}–{last}").format(
                              gate=gate, first=k * hidden, last=(k + 1) * hidden - 1)
                          for k, gate in enumerate(GATE_ORDER)])
    ax.set_xlabel(_("column (one per input feature)") if "_ih" in name
                  else _("column (one per unit of h)"))
    ax.set_ylabel(_("gate block"))
    ax.set_title(_("{name}: {rows} × {columns}, four gate blocks of {hidden} rows").format(
        name=name, rows=rows, columns=columns, hidden=hidden))
    fig.colorbar(image, ax=ax, label=_("weight value"))
    return fig
