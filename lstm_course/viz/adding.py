"""One sequence of the adding problem (lesson 05): its values, its two marked steps, its target."""

from __future__ import annotations

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lstm_course._checks import describe, require_bool, require_index, require_tensor
from lstm_course.i18n import _
from lstm_course.shapes import input_layout
from lstm_course.viz.common import line_colours, new_figure


def plot_adding_sequence(x: torch.Tensor, y: torch.Tensor, *, sample: int = 0,
                         batch_first: bool = False, ax: Axes | None = None) -> Figure:
    """Draw sequence ``sample`` of an adding-problem batch: its values, its two markers, its target.

    ``x`` is ``(L, N, 2)`` (``(N, L, 2)`` with ``batch_first=True``) and ``y`` is
    ``(N,)``, as ``lstm_course.data.adding_problem`` returns them.
    """
    require_bool("batch_first", batch_first)
    layout = _("an adding-problem batch {layout} (batch_first={batch_first})").format(
        layout=input_layout(batch_first, features="2"), batch_first=batch_first)
    require_tensor("x", x, ranks=(3,), kind="float", layout=layout, empty=False)
    if x.shape[-1] != 2:
        raise ValueError(_("x must be {layout}, got {got}.").format(layout=layout,
                                                                   got=describe(x)))
    sequences = x.detach().cpu().transpose(0, 1) if not batch_first else x.detach().cpu()
    require_index("sample", sample, len(sequences), _("the batch"))
    require_tensor("y", y, ranks=(1,), layout=_("the targets (batch,)"))
    if len(y) != len(sequences):
        raise ValueError(_("y must hold one target per sequence, {count}; got {got}.").format(
            count=len(sequences), got=describe(y)))
    values, markers = sequences[sample, :, 0].numpy(), sequences[sample, :, 1].numpy()
    marked = np.flatnonzero(markers)
    seq_len = len(values)

    fig, ax = new_figure((8.0, 3.2), ax=ax)
    colours = line_colours(2)
    ax.bar(np.arange(seq_len), values, color=colours[1], alpha=0.35, label=_("value (channel 0)"))
    ax.bar(marked, values[marked], color=colours[0], label=_("marked value (channel 1 = 1)"))
    for step in marked:
        ax.annotate(f"{values[step]:.2f}", (step, values[step]), textcoords="offset points",
                    xytext=(0, 4), ha="center", fontsize="small")
    ax.axvline(seq_len // 2 - 0.5, color="black", linestyle="--", linewidth=1.0,
               label=_("boundary between the halves"))
    ax.set(xlim=(-1, seq_len), ylim=(0, 1.4), xlabel=_("time step"), ylabel=_("value"))
    ax.set_title(_("One sequence of the adding problem: target {sum} = {target}").format(
        sum=" + ".join(f"{values[s]:.2f}" for s in marked),
        target=f"{float(y.detach().cpu()[sample]):.2f}"))
    ax.legend(fontsize="small", loc="upper center", ncols=3)
    return fig
