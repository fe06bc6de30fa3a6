"""lstm_course.viz.gates: the gate heatmaps and the gate blocks of a weight, labelled."""

import matplotlib.pyplot as plt
import pytest
import torch
from matplotlib.figure import Figure
from torch import nn

from lstm_course.scratch import ScratchLSTM, lstm_step
from lstm_course.viz import plot_gate_blocks, plot_gates


def gates_of(x, **settings):
    torch.manual_seed(0)
    return ScratchLSTM(3, 4, **settings).gates(x)


def test_one_labelled_heatmap_per_field_unit_by_time():
    gates = gates_of(torch.randn(7, 2, 3), num_layers=2)
    fig = plot_gates(gates[-1], sample=1)
    assert isinstance(fig, Figure)
    panels = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert [ax.get_title() for ax in panels] == [
        "i: input gate", "f: forget gate", "g: cell candidate", "o: output gate",
        "c: cell state", "h: hidden state"]
    assert all(ax.get_ylabel() == "unit" for ax in panels)
    assert panels[-1].get_xlabel() == "time step"
    assert "sequence 1" in fig._suptitle.get_text()
    image = panels[1].images[0]
    assert image.get_array().shape == (4, 7)  # units × time steps
    assert image.get_clim() == (0.0, 1.0)  # a sigmoid gate
    assert panels[2].images[0].get_clim() == (-1.0, 1.0)  # tanh
    expected = gates[-1].f[:, 1].detach().T.double().numpy()
    assert (image.get_array() == expected).all()
    assert len(fig.axes) == 12  # six panels, six colour bars


def test_unbatched_gates_and_given_axes():
    gates = gates_of(torch.randn(5, 3))
    fig, axes = plt.subplots(6, 1)
    assert plot_gates(gates[0], axes=axes) is fig
    assert "one sequence" in fig._suptitle.get_text()
    plt.close(fig)


def test_wrong_gates_are_clear_errors():
    gates = gates_of(torch.randn(5, 2, 3))
    with pytest.raises(ValueError, match="sample=2 is outside the batch of size 2"):
        plot_gates(gates[0], sample=2)
    with pytest.raises(TypeError, match="must be an LSTMStep"):
        plot_gates(gates)
    cell = nn.LSTMCell(3, 4)
    one_step = lstm_step(torch.randn(3), torch.zeros(4), torch.zeros(4),
                         cell.weight_ih, cell.weight_hh)
    with pytest.raises(ValueError, match="stacked over time"):
        plot_gates(one_step)
    with pytest.raises(ValueError, match="axes must hold 6 axes"):
        plot_gates(gates[0], axes=plt.subplots(2, 1)[1])
    plt.close("all")


def test_gate_blocks_are_marked_in_pytorchs_order():
    lstm = nn.LSTM(10, 6, 2)
    fig = plot_gate_blocks(lstm.weight_ih_l0)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "i: rows 0–5", "f: rows 6–11", "g: rows 12–17", "o: rows 18–23"]
    assert ax.get_title() == "weight_ih_l0: 24 × 10, four gate blocks of 6 rows"
    assert fig.axes[1].get_ylabel() == "weight value"
    with pytest.raises(ValueError, match=r"four gate blocks, \(4\*hidden_size, columns\)"):
        plot_gate_blocks(lstm.bias_ih_l0)
