"""The layout of a PackedSequence: which row of ``data`` holds which sequence's step."""

from __future__ import annotations

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from torch.nn.utils.rnn import pack_padded_sequence

from lstm_course.i18n import _
from lstm_course.sequences import length_mask
from lstm_course.viz.common import CMAP, new_figure

#: The largest batch that plot_packed_batch draws, with a label on every step.
MAX_SEQUENCES, MAX_STEPS = 40, 60


def plot_packed_batch(lengths: torch.Tensor | list[int], *, ax: Axes | None = None) -> Figure:
    """Draw a packed batch: one column per time step, one row per sequence, longest first.

    Each real step is labelled with its row in ``PackedSequence.data``; padding is left
    blank. Column ``t`` holds ``batch_sizes[t]`` steps, which ``data`` stores one after
    the other. The layout comes from ``pack_padded_sequence`` itself.
    """
    mask = length_mask(lengths)  # checks the lengths; (L, N)
    seq_len, batch = mask.shape
    if not 1 <= batch <= MAX_SEQUENCES or seq_len > MAX_STEPS:
        raise ValueError(_("plot_packed_batch labels every step, so it draws 1 to {sequences} "
                           "sequences of at most {steps} steps; got {batch} sequences of up to "
                           "{seq_len} steps. Draw a few short lengths, e.g. [5, 3, 2].").format(
            sequences=MAX_SEQUENCES, steps=MAX_STEPS, batch=batch, seq_len=seq_len))
    # Pack the numbers t * N + b to learn where torch puts step t of sequence b.
    where = torch.arange(seq_len * batch, dtype=torch.float64).view(seq_len, batch, 1)
    packed = pack_padded_sequence(where, mask.sum(0), enforce_sorted=False)
    row_of = np.full((seq_len, batch), np.nan)
    for row, position in enumerate(packed.data.view(-1).long().tolist()):
        row_of[position // batch, position % batch] = row
    order = packed.sorted_indices.tolist()  # sequences, longest first
    grid = row_of[:, order].T  # (N, L), packed order

    fig, ax = new_figure((2.5 + 0.8 * seq_len, 1.5 + 0.55 * batch), ax=ax)
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=CMAP, aspect="auto",
                      vmin=0, vmax=max(len(packed.data) - 1, 1))
    for (y, x), value in np.ndenumerate(grid):
        if not np.isnan(value):
            shade = "white" if value < 0.6 * len(packed.data) else "black"
            ax.text(x, y, str(int(value)), ha="center", va="center", color=shade)
    sizes = packed.batch_sizes.tolist()
    ax.set_xticks(range(seq_len), labels=[f"t={t}\n{n}" for t, n in enumerate(sizes)])
    ax.set_yticks(range(batch), labels=[
        _("sequence {b} (length {length})").format(b=b, length=int(mask[:, b].sum()))
        for b in order])
    ax.set_xlabel(_("time step, and batch_sizes[t]: how many sequences have that step"))
    ax.set_ylabel(_("sequence, longest first"))
    ax.set_title(_("PackedSequence: data has {rows} rows, batch_sizes = {sizes}\nnumbers: the "
                   "row of data holding that step; blank: padding, not stored").format(
        rows=len(packed.data), sizes=sizes))
    fig.colorbar(image, ax=ax, label=_("row of packed.data"))
    return fig
