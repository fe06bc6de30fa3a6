"""lstm_course.viz.tensors: the input block, labelled, and clear errors."""

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from lstm_course.viz import plot_input_tensor


def test_input_tensor_figure_is_labelled_with_names_and_sizes():
    fig = plot_input_tensor(torch.randn(5, 2, 10), step=3, sample=1)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "time step\n(seq_len=5)"
    assert ax.get_ylabel() == "batch\n(batch=2)"
    assert ax.get_zlabel() == "feature\n(input_size=10)"
    assert "highlighted: x[3, 1]" in ax.get_title()
    assert fig.axes[1].get_ylabel() == "value"  # the colour bar


def test_batch_first_input_is_drawn_sequence_first():
    x = torch.randn(5, 2, 10)
    ax = plot_input_tensor(x.transpose(0, 1), batch_first=True).axes[0]
    assert ax.get_xlabel() == "time step\n(seq_len=5)"
    assert "(batch, seq_len, input_size)" in ax.get_title()


def test_draws_on_a_given_3d_axes():
    fig = plt.figure()
    ax = fig.add_subplot(projection="3d")
    assert plot_input_tensor(torch.randn(2, 3, 4), ax=ax) is fig
    plt.close(fig)


@pytest.mark.parametrize("shape", [(5, 10), (5, 2, 10, 1), ()])
def test_rank_other_than_3_names_the_expected_layout(shape):
    with pytest.raises(ValueError, match=r"rank 3, laid out \(seq_len, batch, input_size\)"):
        plot_input_tensor(torch.zeros(shape))


def test_bad_highlight_and_axes_are_clear_errors():
    x = torch.randn(5, 2, 10)
    with pytest.raises(ValueError, match="step=5 is outside the seq_len axis of size 5"):
        plot_input_tensor(x, step=5)
    with pytest.raises(ValueError, match="projection='3d'"):
        plot_input_tensor(x, ax=plt.figure().add_subplot())
    with pytest.raises(TypeError, match="torch.Tensor"):
        plot_input_tensor([[[1.0]]])
    plt.close("all")


def _pixels(fig: Figure) -> np.ndarray:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def touching_texts(fig: Figure) -> list[str]:
    """Pairs of text groups (each axis label, each axis's tick labels, the title, the colour
    bar) whose drawn pixels touch: a group's pixels are those that change when it is hidden."""
    ax, colorbar = fig.axes
    groups = {"title": [ax.title], "colorbar": [colorbar]}
    for name in "xyz":
        axis = getattr(ax, f"{name}axis")
        groups[f"{name} label"] = [axis.label]
        groups[f"{name} ticks"] = [tick.label1 for tick in axis.get_major_ticks()]
    for cells in ax.collections:  # the cells do not move the texts; skip drawing them
        cells.set_visible(False)
    everything = _pixels(fig)
    ink = {}
    for name, artists in groups.items():
        for artist in artists:
            artist.set_visible(False)
        ink[name] = (_pixels(fig) != everything).any(axis=-1)
        for artist in artists:
            artist.set_visible(True)
    return [f"{a} / {b}" for a, b in itertools.combinations(ink, 2) if (ink[a] & ink[b]).any()]


@pytest.mark.parametrize("shape", [(5, 2, 10), (5, 4, 3), (1, 1, 1), (20, 1, 3), (2, 16, 1),
                                   (1, 2, 32), (20, 16, 32)])
def test_labels_ticks_title_and_colour_bar_never_overlap(shape):
    # (5, 2, 10) is lessons 01 and 03's input; the others are extreme block proportions.
    fig = plot_input_tensor(torch.randn(shape), step=0)
    assert touching_texts(fig) == []


@pytest.mark.parametrize("x", [torch.zeros(0, 2, 3), torch.zeros(100, 64, 10)])
def test_an_empty_or_oversized_tensor_is_refused_instead_of_drawn(x):
    with pytest.raises(ValueError, match="x needs 1 to 10240 numbers"):
        plot_input_tensor(x)
