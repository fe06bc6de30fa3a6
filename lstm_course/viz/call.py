"""The six tensors of one ``nn.LSTM`` call drawn to scale: one square per number."""

from __future__ import annotations

from typing import Any

from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle

from lstm_course.i18n import _
from lstm_course.shapes import axis_names, lstm_config, lstm_shapes, module_expression
from lstm_course.viz.common import CMAP, new_figure

#: The longest side plot_lstm_call draws; bigger calls take minutes and show nothing more.
MAX_SIDE = 200
_DEPTH = 0.45  # how far each sheet of a stack sits behind the previous one, in squares
#: Colour of each family of tensors: the input, the hidden states h, the cell states c.
_COLOURS = {"input": 0.2, "h_0": 0.55, "output": 0.55, "h_n": 0.55, "c_0": 0.85, "c_n": 0.85}


def _layers(shape: tuple[int, ...]) -> tuple[int, int, int]:
    """(sheets, rows, columns): a rank-3 tensor is a stack of axis-0 sheets."""
    return (shape[0], shape[1], shape[2]) if len(shape) == 3 else (1, shape[0], shape[1])


def _extent(shape: tuple[int, ...]) -> tuple[float, float]:
    """Width and height that the drawing of a tensor takes, labels excluded."""
    sheets, rows, columns = _layers(shape)
    return columns + _DEPTH * (sheets - 1), rows + _DEPTH * (sheets - 1)


def _draw_tensor(ax: Axes, name: str, shape: tuple[int, ...], names: tuple[str, ...],
                 x: float, top: float, unit: float, labels_right: bool) -> float:
    """Draw one tensor with its top-left corner at (x, top); return the height of the middle
    of its front sheet, where its arrow attaches. ``unit`` spaces the labels."""
    sheets, rows, columns = _layers(shape)
    colour = colormaps[CMAP](_COLOURS[name])
    width, height = _extent(shape)
    bottom = top - height
    for sheet in reversed(range(sheets)):  # back sheets first, the front sheet (index 0) last
        shift = _DEPTH * sheet
        ax.add_patch(Rectangle((x + shift, bottom + shift), columns, rows, facecolor=colour,
                               edgecolor="black", linewidth=0.6, alpha=0.9 if sheet == 0 else 0.5))
    grid = [[(x + c, bottom), (x + c, bottom + rows)] for c in range(1, columns)]
    grid += [[(x, bottom + r), (x + columns, bottom + r)] for r in range(1, rows)]
    ax.add_collection(LineCollection(grid, colors="black", linewidths=0.25, alpha=0.6))

    # Labels grow away from the module box: the inputs' to the left, the results' to the right.
    header = _("{name}: {axis}={size} sheets").format(name=name, axis=names[0], size=shape[0]) \
        if len(shape) == 3 else name
    ax.text(x if labels_right else x + width, top + 0.5 * unit, header, fontsize=8,
            fontweight="bold", ha="left" if labels_right else "right", va="bottom")
    ax.text(x + columns / 2, bottom - 0.5 * unit, f"{names[-1]}={shape[-1]}", fontsize=7,
            ha="center", va="top")
    rows_x = x + width + 0.5 * unit if labels_right else x - 0.5 * unit
    ax.text(rows_x, bottom + rows / 2, f"{names[-2]}={shape[-2]}", fontsize=7,
            ha="left" if labels_right else "right", va="center")
    return bottom + rows / 2


def plot_lstm_call(lstm: Any, seq_len: int, batch: int | None, *, ax: Axes | None = None) -> Figure:
    """Draw ``input``, ``h_0``, ``c_0`` → LSTM → ``output``, ``h_n``, ``c_n`` to one scale.

    ``lstm`` is an ``nn.LSTM`` or any object with its settings; ``batch=None`` draws an
    unbatched call. Every square is one number; a rank-3 tensor is a stack of sheets along
    axis 0, e.g. ``input`` ``(L, N, H_in)`` is ``L`` sheets of ``N`` rows by ``H_in`` columns.
    """
    config = lstm_config(lstm, "plot_lstm_call")
    shapes = lstm_shapes(lstm, seq_len, batch)
    names = axis_names(lstm, batched=batch is not None)
    largest = max(size for shape in shapes.values() for size in shape)
    if largest > MAX_SIDE:
        raise ValueError(_("plot_lstm_call draws one square per number, so every size must be "
                           "at most {limit}; this call has a side of {largest} ({shapes}). Draw a "
                           "small example of the same settings, e.g. seq_len=5, batch=2.").format(
            limit=MAX_SIDE, largest=largest, shapes=shapes))
    fig, ax = new_figure((8.0, 4.5), ax=ax)

    columns = (("input", "h_0", "c_0"), ("output", "h_n", "c_n"))
    widths = [max(_extent(shapes[name])[0] for name in column) for column in columns]
    heights = [sum(_extent(shapes[name])[1] for name in column) for column in columns]
    unit = max(1.0, (sum(widths) + max(heights)) / 60)  # labels and gaps grow with the drawing
    gap, box = 5 * unit, 8 * unit
    total_height = max(heights) + 3 * gap
    box_left = widths[0] + 2 * gap
    right = box_left + box + 2 * gap
    ax.add_patch(Rectangle((box_left, -total_height), box, total_height, facecolor="0.92",
                           edgecolor="black", linewidth=0.8))
    ax.text(box_left + box / 2, -total_height / 2, "nn.LSTM", rotation=90, ha="center",
            va="center", fontsize=10)

    for column, x in zip(columns, (0.0, right), strict=True):
        top = -gap / 2
        for name in column:
            middle = _draw_tensor(ax, name, shapes[name], names[name], x, top, unit,
                                  labels_right=x == right)
            if x == right:
                start, end = (box_left + box, middle), (x - 0.5 * unit, middle)
            else:
                start, end = (x + _extent(shapes[name])[0] + 0.5 * unit, middle), (box_left, middle)
            ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=8,
                                         color="0.3", linewidth=0.8))
            top -= _extent(shapes[name])[1] + gap

    ax.set_xlim(-3 * gap, right + widths[1] + 3 * gap)
    ax.set_ylim(-total_height - unit, 2 * unit)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(_("One call of {module}, to scale: one square per number").format(
        module=module_expression(config)), fontsize=9)
    return fig
