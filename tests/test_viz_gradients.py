"""lstm_course.viz.gradients: gradient norms by input step, one labelled curve per model."""

import pytest
import torch

from lstm_course.viz import plot_gradient_norms


def test_gradient_norm_figure_gives_each_ratio_in_the_legend():
    norms = {"RNN": torch.logspace(-20, 0, 100, dtype=torch.float64),
             "LSTM": torch.ones(100, dtype=torch.float64)}
    ax = plot_gradient_norms(norms).axes[0]
    assert [line.get_label() for line in ax.get_lines()] == [
        "RNN: log10(first/last) = -20.0", "LSTM: log10(first/last) = +0.0"]
    assert ax.get_yscale() == "log" and "x_t" in ax.get_ylabel() and ax.get_title()
    with pytest.raises(ValueError, match="1-D tensor"):
        plot_gradient_norms({"RNN": torch.ones(3, 2)})
