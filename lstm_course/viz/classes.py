"""Figures for classifying whole sequences: one recording as an image, and a confusion matrix."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lstm_course._checks import describe, require_items, require_str, require_tensor
from lstm_course.i18n import _
from lstm_course.viz.common import CMAP, new_figure

#: The most classes a confusion matrix draws: each cell is written out in a fixed-size figure.
MAX_CLASSES = 40


def plot_recording(recording: torch.Tensor, *, title: str | None = None,
                   ax: Axes | None = None) -> Figure:
    """One recording ``(T, features)`` as an image: time steps across, features down."""
    require_str("title", title, optional=True)
    require_tensor("recording", recording, ranks=(2,), empty=False, layout=_(
        "one sequence of shape (T, features)"))
    if recording.dtype.is_complex:
        raise TypeError(_("recording must hold real numbers, got {got}. Pass e.g. "
                          "train.utterances[0].").format(got=describe(recording)))
    fig, ax = new_figure((4.0, 2.6), ax=ax)
    values = recording.detach().cpu().double().T.numpy()
    image = ax.imshow(values, aspect="auto", cmap=CMAP, origin="lower", interpolation="nearest")
    fig.colorbar(image, ax=ax, label=_("value"))
    ax.set_xlabel(_("time step (frame)"))
    ax.set_ylabel(_("feature"))
    ax.set_title(title or _("{steps} steps").format(steps=recording.shape[0]))
    return fig


def plot_confusion_matrix(matrix: torch.Tensor, class_names: Sequence[str], *,
                          title: str | None = None, ax: Axes | None = None) -> Figure:
    """A ``(classes, classes)`` count matrix, true class down and predicted across, each cell
    written out; the diagonal holds the right answers."""
    require_str("title", title, optional=True)
    require_items("class_names", class_names, str, _("a list of strings, one per class"),
                  _('Pass e.g. class_names=["speaker 1", "speaker 2"].'))
    require_tensor("matrix", matrix, ranks=(2,), layout=_(
        "a square tensor (classes, classes) of counts"))
    if matrix.shape[0] != matrix.shape[1] or matrix.shape[0] != len(class_names):
        raise ValueError(_("matrix must be a square tensor (classes, classes) with one name per "
                           "class; got {got} for {names} names. Count matrix[true, predicted]."
                           ).format(got=describe(matrix), names=len(class_names)))
    if not 1 <= len(class_names) <= MAX_CLASSES:
        raise ValueError(_("a confusion matrix here shows 1 to {limit} classes, got {count}. "
                           "Draw a few classes at a time, e.g. matrix[:10, :10].").format(
                               limit=MAX_CLASSES, count=len(class_names)))
    values = matrix.detach().cpu().double() if not matrix.dtype.is_complex else None
    if values is None or not torch.isfinite(values).all() or (values < 0).any() \
            or (values != values.round()).any():
        raise ValueError(_("matrix must hold counts (whole numbers from 0 up), got {got}. Add 1 "
                           "to matrix[true, predicted] for each answer.").format(
                               got=describe(matrix)))
    counts = values.long().numpy()
    fig, ax = new_figure((4.6, 4.0), ax=ax)
    image = ax.imshow(counts, cmap=CMAP, vmin=0)
    fig.colorbar(image, ax=ax, label=_("utterances"))
    ticks = np.arange(len(class_names))
    ax.set_xticks(ticks, list(class_names))
    ax.set_yticks(ticks, list(class_names))
    ax.set_xlabel(_("predicted class"))
    ax.set_ylabel(_("true class"))
    ax.set_title(title or _("confusion matrix"))
    middle = counts.max() / 2
    for (row, column), count in np.ndenumerate(counts):
        if count:  # white on the dark end of viridis, black on the light end
            ax.text(column, row, str(count), ha="center", va="center", fontsize=8,
                    color="black" if count > middle else "white")
    return fig
