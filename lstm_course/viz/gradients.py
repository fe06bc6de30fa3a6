"""Gradient norms by input step: how much of the gradient reaches each step of a sequence."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lstm_course._checks import require_items, require_tensor
from lstm_course.i18n import _
from lstm_course.viz.common import line_colours, new_figure


def plot_gradient_norms(norms: Mapping[str, torch.Tensor], *, ax: Axes | None = None) -> Figure:
    """Draw, for each model, the gradient norm of the loss with respect to each input step.

    ``norms`` maps a model's name to a tensor of shape ``(L,)``: ``norms[name][t]``
    is ``‖∂loss/∂x_t‖``. The y axis is logarithmic; the legend gives
    log10(first / last), how many powers of ten the gradient loses on the way back.
    """
    layout = _("a 1-D tensor of per-step gradient norms")
    require_items("norms", norms, torch.Tensor, _("a non-empty dict of name -> {layout}").format(
        layout=layout), mapping=True, empty=False)
    for name, values in norms.items():
        require_tensor(f"norms[{name!r}]", values, ranks=(1,), layout=layout, empty=False)
    fig, ax = new_figure((8.0, 4.2), ax=ax)
    styles = ("-", "--", "-.", ":")
    for index, ((name, values), colour) in enumerate(
            zip(norms.items(), line_colours(len(norms)), strict=True)):
        values = values.detach().cpu().double()
        ratio = torch.log10(values[0] / values[-1]).item()
        ax.plot(np.arange(len(values)), values.numpy(), color=colour,
                linestyle=styles[index % len(styles)], linewidth=1.8,
                label=_("{name}: log10(first/last) = {ratio}").format(
                    name=name, ratio=f"{ratio:+.1f}"))
    ax.set_yscale("log")
    ax.set_xlabel(_("time step t of the input"))
    ax.set_ylabel(_("‖∂loss/∂x_t‖ (log scale)"))
    ax.set_title(_("How much of the gradient reaches each input step"))
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    ax.grid(alpha=0.3)
    return fig
