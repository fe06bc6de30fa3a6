"""Learning curves: what ``lstm_course.train.fit`` recorded, for one model or several."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from numbers import Real

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lstm_course._checks import describe, require_bool, require_int, require_items, require_str
from lstm_course.i18n import _
from lstm_course.train import History
from lstm_course.viz.common import new_figure

CURVES = ("loss", "eval", "grad_norm")
# One look per model, told apart by colour (Okabe-Ito, safe for colour-blind readers),
# line style and marker alike, so that two models stay distinct in grey or where they overlap.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
LINE_STYLES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v", "P")


def model_style(index: int, count: int) -> dict[str, object]:
    """Colour, line style, marker and drawing order of model ``index`` of ``count``.

    The first model is drawn on top, so a later one cannot hide it.
    """
    return {"color": COLOURS[index % len(COLOURS)],
            "linestyle": LINE_STYLES[index % len(LINE_STYLES)],
            "zorder": 2 + count - index, "marker": MARKERS[index % len(MARKERS)]}


def running_mean(values: Sequence[float], window: int) -> np.ndarray:
    """At each position, the mean of the last ``window`` values up to it (fewer at the start)."""
    data = np.asarray(values, dtype=float)
    totals = np.cumsum(np.insert(data, 0, 0.0))
    starts = np.maximum(np.arange(1, len(data) + 1) - window, 0)
    return (totals[1:] - totals[starts]) / (np.arange(1, len(data) + 1) - starts)


def plot_history(histories: History | Mapping[str, History], *,
                 curves: Sequence[str] = ("loss", "eval"), smooth: int = 25, log: bool = True,
                 eval_label: str | None = None, lines: Mapping[str, float] | None = None,
                 title: str | None = None, ax: Axes | None = None) -> Figure:
    """Draw what ``fit`` recorded against the training step, one colour and line style per model.

    ``histories`` is one :class:`History` or a dict from a model's name to its
    history. ``curves`` picks what to draw: ``"loss"`` (training loss, running
    mean over ``smooth`` steps, thin), ``"eval"`` (the evaluations, thick, with
    markers, named ``eval_label`` in the legend, "evaluation" by default) and
    ``"grad_norm"`` (gradient norm before clipping, same smoothing). ``lines`` adds
    labelled horizontal references, e.g. ``{"target": 0.01}``. ``log`` puts the y axis
    on a log scale; ``title`` is "Learning curves" by default.
    """
    if isinstance(histories, History):
        histories = {"model": histories}
    require_items("histories", histories, History, _("a History or a dict of name -> History "
                                                     "(what fit returns)"), mapping=True)
    require_items("curves", curves, str, _("a list of some of {names}").format(names=CURVES))
    if not curves or not all(curve in CURVES for curve in curves):
        raise ValueError(_("curves must be a list of some of {names}, got {got}.").format(
            names=CURVES, got=describe(curves)))
    require_int("smooth", smooth, 1)  # 1 draws every step
    require_bool("log", log)
    require_str("eval_label", eval_label, optional=True)
    require_str("title", title, optional=True)
    eval_label = _("evaluation") if eval_label is None else eval_label
    lines = {} if lines is None else lines
    require_items("lines", lines, Real, _("a dict of label -> number, e.g. {'target': 0.01}"),
                  mapping=True)
    if not all(isinstance(label, str) for label in lines):
        raise TypeError(_("lines must be a dict of label -> number, e.g. {{'target': 0.01}}, "
                          "got {got}.").format(got=describe(lines)))

    fig, ax = new_figure((7.0, 4.2), ax=ax)
    # curve -> (History attribute, name on the plot)
    per_step = {"loss": ("losses", _("training loss")),
                "grad_norm": ("grad_norms", _("gradient norm"))}
    for index, (name, history) in enumerate(histories.items()):
        style = model_style(index, len(histories))
        marker = style.pop("marker")
        steps = np.arange(1, history.steps + 1)
        for curve in curves:
            if curve == "eval":
                if history.evals:
                    x, y = zip(*history.evals, strict=True)
                    ax.plot(x, y, **style, linewidth=2.2, marker=marker, markersize=4,
                            label=f"{name}: {eval_label}")
                continue
            attribute, label = per_step[curve]
            label += _(" (mean of {smooth} steps)").format(smooth=smooth) if smooth > 1 else ""
            ax.plot(steps, running_mean(getattr(history, attribute), smooth), **style,
                    linewidth=1.0 if "eval" in curves else 1.4,
                    alpha=0.55 if "eval" in curves else 0.85,
                    label=f"{name}: {label}")
    styles = ("--", ":", "-.")
    for index, (label, value) in enumerate(lines.items()):
        ax.axhline(value, color="black", linestyle=styles[index % len(styles)], linewidth=1.0,
                   label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(_("training step"))
    ax.set_ylabel(" / ".join(eval_label if c == "eval" else per_step[c][1] for c in curves)
                  + (_(" (log scale)") if log else ""))
    ax.set_title(_("Learning curves") if title is None else title)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    ax.grid(alpha=0.3)
    return fig
