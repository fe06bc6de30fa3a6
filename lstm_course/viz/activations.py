"""What a few hidden units do while an LSTM reads text: a row per unit, a column per character."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lstm_course._checks import describe, require_items, require_str, require_tensor
from lstm_course.i18n import _
from lstm_course.viz.common import CMAP, new_figure

#: The longest text drawn, one labelled column per character.
MAX_CHARS = 400

#: How characters that print as nothing are shown under the heatmap.
VISIBLE = {"\n": "⏎", " ": "·", "\t": "⇥"}


def plot_unit_activations(text: str, activations: torch.Tensor, units: Sequence[int], *,
                          unit_labels: Sequence[str] | None = None,
                          title: str | None = None,
                          ax: Axes | None = None) -> Figure:
    """Heatmap of ``activations[:, units]`` (``activations`` is ``(L, H_out)``, one row per char).

    Each column is one character of ``text`` (spaces as ·, newlines as ⏎); values of
    ``h`` lie in (-1, 1), so the colour scale is fixed to that range. ``title`` is "Hidden
    units while reading the text" by default.
    """
    require_str("text", text)
    require_str("title", title, optional=True)
    if not 1 <= len(text) <= MAX_CHARS:
        raise ValueError(_("text must hold 1 to {limit} characters, one column each, got {count}. "
                           "Draw a slice, e.g. text[:120].").format(limit=MAX_CHARS,
                                                                   count=len(text)))
    require_tensor("activations", activations, ranks=(2,), layout=_(
        "the outputs of one unbatched sequence, (L, H_out), e.g. output[0] for batch 1"))
    if activations.shape[0] != len(text):
        raise ValueError(_("activations must have shape (L, H_out) with L = len(text) = {length}, "
                           "got {got}. Pass the output for exactly these characters.").format(
            length=len(text), got=describe(activations)))
    hidden = activations.shape[1]
    if (isinstance(units, torch.Tensor) and units.dim() == 1 and not units.is_floating_point()
            and units.dtype != torch.bool) \
            or (isinstance(units, np.ndarray) and units.ndim == 1 and units.dtype.kind in "iu"):
        units = units.tolist()  # a tensor or array of indices, e.g. from topk
    require_items("units", units, int, _("a non-empty list of unit numbers in 0..{top}").format(
        top=hidden - 1))
    if not units or not all(0 <= u < hidden for u in units):
        raise ValueError(_("units must be a non-empty list of unit numbers in 0..{top}, got "
                           "{got}.").format(top=hidden - 1, got=describe(units)))
    if unit_labels is not None:
        require_items("unit_labels", unit_labels, str, _("a list of strings, one per unit"))
    labels = list(unit_labels) if unit_labels is not None else [
        _("unit {unit}").format(unit=u) for u in units]
    if len(labels) != len(units):
        raise ValueError(_("give one label per unit: {units} units, {labels} labels.").format(
            units=len(units), labels=len(labels)))
    fig, ax = new_figure((max(6.0, 0.16 * len(text)), 0.5 * len(units) + 1.6), ax=ax)
    image = ax.imshow(activations[:, list(units)].detach().cpu().T.numpy(), cmap=CMAP,
                      vmin=-1.0, vmax=1.0, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(text)), [VISIBLE.get(char, char) for char in text],
                  fontfamily="monospace", fontsize=8)
    ax.tick_params(axis="x", length=0)
    ax.set_yticks(range(len(units)), labels)
    ax.set_xlabel(_("character read (· space, ⏎ newline)"))
    ax.set_title(_("Hidden units while reading the text") if title is None else title)
    fig.colorbar(image, ax=ax, label=_("hidden state h"), fraction=0.03, pad=0.01)
    return fig
