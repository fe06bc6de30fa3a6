"""Where a bidirectional LSTM's final states sit inside its output."""

from __future__ import annotations

import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from lstm_course._checks import describe, require_index, require_tensor
from lstm_course.i18n import _
from lstm_course.viz.common import CMAP, new_figure


def plot_bidirectional_output(output: torch.Tensor, *, sample: int = 0,
                              ax: Axes | None = None) -> Figure:
    """Draw ``output[:, sample]`` of a bidirectional LSTM as time steps × features, framing
    the forward direction's final state (``output[-1, sample, :H_out]``, equal to
    ``h_n[-2, sample]``) and the backward one's (``output[0, sample, H_out:]``, equal to
    ``h_n[-1, sample]``).

    ``output`` is ``(L, N, 2*H_out)``, sequence first.
    """
    layout = _("a bidirectional LSTM's output, (seq_len, batch, 2*H_out) with an even last "
               "axis (with batch_first=True pass output.transpose(0, 1))")
    require_tensor("output", output, ranks=(3,), kind="float", layout=layout, empty=False)
    if output.size(-1) % 2:
        raise ValueError(_("output must be {layout}; got {got}.").format(layout=layout,
                                                                        got=describe(output)))
    require_index("sample", sample, output.size(1), _("the batch axis"))
    values = output[:, sample].detach().cpu().double().numpy()
    seq_len, width = values.shape
    h_out = width // 2

    fig, ax = new_figure((7.0, 3.2), ax=ax)
    image = ax.imshow(values, cmap=CMAP, aspect="auto")
    ax.axvline(h_out - 0.5, color="white", linewidth=2)
    frames = ((seq_len - 1, 0, _("forward, last step: h_n[-2]")),
              (0, h_out, _("backward, last step: h_n[-1]")))
    for row, column, label in frames:
        ax.add_patch(Rectangle((column - 0.5, row - 0.5), h_out, 1, fill=False,
                               edgecolor="red", linewidth=2.5))
        ax.text(column + h_out / 2 - 0.5, row + (0.9 if row else -0.9), label, color="black",
                ha="center", va="top" if row else "bottom", fontsize=8,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    ax.set_xticks([h_out / 2 - 0.5, h_out + h_out / 2 - 0.5],
                  labels=[_("forward  [:, :{h_out}]\nreads t = 0 → {last}").format(
                              h_out=h_out, last=seq_len - 1),
                          _("backward  [:, {h_out}:]\nreads t = {last} → 0").format(
                              h_out=h_out, last=seq_len - 1)])
    ax.set_xlabel(_("feature of output (D*H_out = {width})").format(width=width))
    ax.set_yticks(range(seq_len))
    ax.set_ylabel(_("time step t"))
    ax.set_ylim(seq_len - 0.5 + 1.2, -0.5 - 1.2)  # room for the labels above and below
    ax.set_title(_("output[:, {sample}] of a bidirectional LSTM: each direction ends at a "
                   "different step").format(sample=sample), fontsize=10)
    fig.colorbar(image, ax=ax, label=_("value"))
    return fig
