"""The rank-3 input of an LSTM drawn as a block of cells."""

from __future__ import annotations

import numpy as np
import torch
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from lstm_course._checks import describe, require_int
from lstm_course.i18n import _
from lstm_course.shapes import input_layout, sequence_first, slice_expression
from lstm_course.viz.common import CMAP, new_figure


def _check_index(name: str, index: int | None, size: int, axis: str) -> None:
    if index is None:
        return
    if not 0 <= require_int(name, index) < size:
        raise ValueError(_("{name}={index} is outside the {axis} axis of size {size}; use a "
                           "value from 0 to {top}, or None for no highlight.").format(
            name=name, index=index, axis=axis, size=size, top=size - 1))


#: The most numbers plot_input_tensor draws, one cube each (20 steps × 16 sequences × 32
#: features, the explorer's largest); much bigger ones take minutes to draw.
MAX_CELLS = 20 * 16 * 32

#: Camera (elevation, azimuth) in degrees: looking at the +time, -batch and +feature faces.
VIEW = (20, -55)
_GAP = 0.08  # space between neighbouring cells, in cell widths
_SHADE = (1.0, 0.82, 0.65)  # brightness of the time-facing, batch-facing and top faces


def _visible_faces(shape: tuple[int, int, int], colours: np.ndarray,
                   edges: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three faces of every cell that the camera at ``VIEW`` sees, with their colours.

    Each cell is a cube shrunk by ``_GAP`` so that every cell, inner ones included,
    shows its own faces; matplotlib orders the faces by depth.
    """
    t, b, f = (axis.ravel() for axis in np.indices(shape))
    lo = np.stack([t, b, f], axis=1) + _GAP
    hi = lo + 1 - 2 * _GAP
    x0, y0, z0 = lo.T
    x1, y1, z1 = hi.T
    corners = [
        [(x1, y0, z0), (x1, y1, z0), (x1, y1, z1), (x1, y0, z1)],  # facing +time
        [(x0, y0, z0), (x1, y0, z0), (x1, y0, z1), (x0, y0, z1)],  # facing -batch
        [(x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)],  # facing +feature (top)
    ]
    faces = np.concatenate([np.stack([np.stack(corner, axis=1) for corner in face], axis=1)
                            for face in corners])
    cell_colours = colours.reshape(-1, 4)
    face_colours = np.concatenate([cell_colours * (shade, shade, shade, 1.0) for shade in _SHADE])
    face_edges = np.tile(edges.reshape(-1, 4), (len(corners), 1))
    return faces, face_colours, face_edges


def plot_input_tensor(x: torch.Tensor, *, batch_first: bool = False, step: int | None = None,
                      sample: int | None = None, ax: Axes | None = None) -> Figure:
    """Draw ``x`` as a 3-D block of cells: time step × batch × feature, coloured by value.

    ``x`` is ``(L, N, H_in)``, or ``(N, L, H_in)`` with ``batch_first=True``; it is
    always drawn sequence-first so pictures of both layouts compare. ``step`` and
    ``sample`` highlight one time step (``x[step]``), one sequence (``x[:, sample]``)
    or, given both, the one vector ``x[step, sample]`` (sequence-first indices).
    ``ax``, if given, must be a 3-D axes (``projection="3d"``).
    """
    layout = input_layout(batch_first)
    values = sequence_first(x, batch_first).detach().cpu().double()
    seq_len, batch, features = values.shape
    if not 1 <= values.numel() <= MAX_CELLS:
        raise ValueError(_("plot_input_tensor draws every number of x as a cell, so x needs 1 "
                           "to {limit} numbers; got {got}. Draw a small example, e.g. x[:6, :4], "
                           "or a slice.").format(limit=MAX_CELLS, got=describe(x)))
    _check_index("step", step, seq_len, "seq_len")
    _check_index("sample", sample, batch, "batch")

    fig, ax = new_figure((6.4, 4.8), ax=ax, projection="3d")
    data = values.numpy()
    norm = Normalize(vmin=float(data.min()), vmax=float(data.max()))
    colours = colormaps[CMAP](norm(data))

    any_highlight = step is not None or sample is not None
    highlighted = np.zeros(data.shape, dtype=bool)
    if any_highlight:
        highlighted[slice(None) if step is None else step,
                    slice(None) if sample is None else sample] = True
    colours[..., 3] = np.where(highlighted, 1.0, 0.1 if any_highlight else 0.9)
    edges = np.where(highlighted[..., None], (0.0, 0.0, 0.0, 1.0), (0.3, 0.3, 0.3, 0.3))
    faces, face_colours, face_edges = _visible_faces(data.shape, colours, edges)
    ax.add_collection3d(Poly3DCollection(faces, facecolors=face_colours, edgecolors=face_edges,
                                         linewidths=0.5))
    ax.set(xlim=(0, seq_len), ylim=(0, batch), zlim=(0, features))

    # Two-line labels: on one line, the time and batch labels meet at the front corner.
    ax.set_xlabel(_("time step\n(seq_len={seq_len})").format(seq_len=seq_len), labelpad=16)
    ax.set_ylabel(_("batch\n(batch={batch})").format(batch=batch), labelpad=14)
    ax.set_zlabel(_("feature\n(input_size={features})").format(features=features), labelpad=14)
    # At most 5 ticks on the two slanted axes and 10 on the upright one, so none touch.
    for axis, size, most in ((ax.xaxis, seq_len, 5), (ax.yaxis, batch, 5),
                             (ax.zaxis, features, 10)):
        ticks = range(0, size, -(-size // most))
        axis.set_ticks([t + 0.5 for t in ticks], labels=[str(t) for t in ticks])
    # Short axes get a minimum length (3 cells, 40 % of the longest axis) so that
    # their labels stay readable and apart.
    shortest = max(3, max(seq_len, batch, features) / 2.5)
    ax.set_box_aspect(tuple(max(size, shortest) for size in (seq_len, batch, features)),
                      zoom=0.85)
    ax.view_init(elev=VIEW[0], azim=VIEW[1])

    title = f"x: {layout} = {tuple(x.shape)}"
    if any_highlight:
        title += _("\nhighlighted: {slice}").format(slice=slice_expression(step, sample,
                                                                          batch_first))
    ax.set_title(title)
    fig.colorbar(ScalarMappable(norm=norm, cmap=CMAP), ax=ax, shrink=0.6, pad=0.18,
                 label=_("value"))
    return fig
