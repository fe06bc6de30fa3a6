"""What every figure of the course shares: how it is created and its colormap."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from lstm_course.i18n import _

#: Colour-blind-safe, perceptually uniform colormap used for values.
CMAP = "viridis"


def new_figure(figsize: tuple[float, float], *, ax: Axes | None = None,
               projection: str | None = None) -> tuple[Figure, Axes]:
    """Return ``(figure, axes)``: ``ax`` and its figure if given, else a fresh pair.

    A fresh figure is closed in pyplot right away, so Jupyter shows it once when
    a cell returns it (not a second time at the end of the cell) and widgets
    that redraw often do not pile up open figures.
    """
    if ax is not None:
        if projection is not None and getattr(ax, "name", None) != projection:
            raise ValueError(_("ax must have projection={projection!r}, got an axes of kind "
                               "{kind!r}. Create it with fig.add_subplot(projection="
                               "{projection!r}).").format(
                projection=projection, kind=getattr(ax, "name", type(ax).__name__)))
        return ax.figure, ax
    fig = plt.figure(figsize=figsize)
    plt.close(fig)
    return fig, fig.add_subplot(projection=projection)


def line_colours(count: int) -> list[tuple[float, float, float, float]]:
    """``count`` colours spread along the course colormap, stopping short of its pale end."""
    return [colormaps[CMAP](value) for value in np.linspace(0.0, 0.8, max(count, 1))][:count]
