"""lstm_course.viz.tensors: the input block, labelled, and clear errors."""

import matplotlib.pyplot as plt
import pytest
import torch
from matplotlib.figure import Figure

from lstm_course.viz import plot_input_tensor


def test_input_tensor_figure_is_labelled_with_names_and_sizes():
    fig = plot_input_tensor(torch.randn(5, 2, 10), step=3, sample=1)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "time step (seq_len=5)"
    assert ax.get_ylabel() == "batch (batch=2)"
    assert ax.get_zlabel() == "feature (input_size=10)"
    assert "highlighted: x[3, 1]" in ax.get_title()
    assert fig.axes[1].get_ylabel() == "value"  # the colour bar


def test_batch_first_input_is_drawn_sequence_first():
    x = torch.randn(5, 2, 10)
    ax = plot_input_tensor(x.transpose(0, 1), batch_first=True).axes[0]
    assert ax.get_xlabel() == "time step (seq_len=5)"
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
