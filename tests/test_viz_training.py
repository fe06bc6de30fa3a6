"""lstm_course.viz.training: learning curves, labelled, drawn from the data given."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from lstm_course.train import History
from lstm_course.viz import plot_history
from lstm_course.viz.training import running_mean


def history(losses, evals=()):
    return History(losses=list(losses), grad_norms=[2.0 * v for v in losses], evals=list(evals))


def test_running_mean_matches_numpy_convolution_once_the_window_is_full():
    values = np.random.default_rng(0).random(50)
    full = np.convolve(values, np.ones(7) / 7, mode="valid")
    np.testing.assert_allclose(running_mean(values, 7)[6:], full)
    np.testing.assert_allclose(running_mean(values, 7)[:3], np.cumsum(values[:3]) / [1, 2, 3])
    np.testing.assert_allclose(running_mean(values, 1), values)


def test_history_figure_has_one_labelled_line_per_model_and_curve():
    histories = {"LSTM": history([1.0, 0.5, 0.25, 0.1], [(2, 0.4), (4, 0.05)]),
                 "RNN": history([1.0, 0.9, 0.9, 0.9], [(2, 0.9), (4, 0.9)])}
    fig = plot_history(histories, smooth=2, eval_label="test MSE", lines={"target": 0.1})
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["LSTM: training loss (mean of 2 steps)", "LSTM: test MSE",
                      "RNN: training loss (mean of 2 steps)", "RNN: test MSE", "target"]
    assert ax.get_xlabel() == "training step" and ax.get_yscale() == "log"
    assert ax.get_ylabel() == "training loss / test MSE (log scale)" and ax.get_title()
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), [0.4, 0.05])
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [1.0, 0.75, 0.375, 0.175])


def test_gradient_norm_curve_of_one_history_on_a_given_axes():
    fig, ax = plt.subplots()
    assert plot_history(history([1.0, 3.0]), curves=("grad_norm",), smooth=1, log=False,
                        ax=ax) is fig
    (line,) = ax.get_lines()
    assert line.get_label() == "model: gradient norm" and ax.get_ylabel() == "gradient norm"
    np.testing.assert_allclose(line.get_ydata(), [2.0, 6.0])
    plt.close(fig)


def test_history_arguments_are_checked():
    with pytest.raises(TypeError, match="History or a dict"):
        plot_history([1.0, 2.0])
    with pytest.raises(ValueError, match="curves must be a list of some of"):
        plot_history(history([1.0]), curves=("accuracy",))
    with pytest.raises(ValueError, match="smooth must be at least 1, got 0"):
        plot_history(history([1.0]), smooth=0)


def test_models_differ_in_line_style_and_marker_and_the_first_is_drawn_on_top():
    # Two runs whose curves coincide (lesson 05's clipped and unclipped gradient norms
    # overlap for many steps): the first must stay visible above the second.
    same = {"clipped": history([1.0, 2.0, 3.0]), "not clipped": history([1.0, 2.0, 3.0])}
    lines = plot_history(same, curves=("grad_norm",), smooth=1).axes[0].get_lines()
    assert lines[0].get_linestyle() != lines[1].get_linestyle()
    assert lines[0].get_color() != lines[1].get_color()
    assert lines[0].get_zorder() > lines[1].get_zorder()
    evals = {name: history([1.0, 0.5], [(1, 0.9), (2, 0.4)]) for name in ("LSTM", "GRU")}
    eval_lines = plot_history(evals, curves=("eval",)).axes[0].get_lines()
    assert eval_lines[0].get_marker() != eval_lines[1].get_marker()
    plt.close("all")
