"""lstm_course.viz.call: the six tensors of one nn.LSTM call, drawn to scale and labelled."""


import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from torch import nn

from lstm_course.viz import plot_lstm_call


def test_call_figure_labels_every_tensor_with_its_named_axes():
    fig = plot_lstm_call(nn.LSTM(10, 6, 2, bidirectional=True, proj_size=3), 5, 2)
    assert isinstance(fig, Figure)
    texts = {text.get_text() for text in fig.axes[0].texts}
    assert {"input: seq_len=5 sheets", "h_n: D*num_layers=4 sheets", "D*H_out=6", "H_out=3",
            "hidden_size=6", "batch=2", "nn.LSTM"} <= texts
    assert "to scale" in fig.axes[0].get_title()


def test_call_figure_unbatched_and_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_lstm_call(nn.LSTM(3, 4), 2, None, ax=ax) is fig
    assert {"input", "seq_len=2", "D*num_layers=1"} <= {text.get_text() for text in ax.texts}
    plt.close(fig)


def test_an_oversized_call_is_refused_instead_of_drawn_for_minutes():
    import pytest

    with pytest.raises(ValueError, match="every size must be at most 200"):
        plot_lstm_call(nn.LSTM(3, 4), seq_len=10**6, batch=2)
