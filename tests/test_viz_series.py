"""lstm_course.viz.series: labelled figures of a series, its forecasts and its split."""

import matplotlib.pyplot as plt
import pytest
import torch
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from lstm_course.viz import plot_series


def test_series_figure_has_labels_legend_and_spans():
    years = torch.arange(1700, 1720)
    fig = plot_series({"observed": (years, torch.rand(20)),
                       "forecast": (years[10:], torch.rand(3, 10))},
                      spans={"train": (1700, 1709), "test": (1710, 1719)})
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "year" and ax.get_ylabel() == "sunspot number" and ax.get_title()
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["observed", "forecast"]
    assert len(ax.get_lines()) == 1 + 3  # one truth line, three seeds under one label
    assert ax.get_lines()[0].get_color() == "black"
    assert {text.get_text() for text in ax.texts} == {"train", "test"}


def test_each_period_of_a_split_has_its_own_shade():
    years = torch.arange(1700, 1730)
    fig = plot_series({"observed": (years, torch.rand(30))},
                      spans={"train": (1700, 1709), "validation": (1710, 1719),
                             "test": (1720, 1729)})
    shades = [to_rgb(patch.get_facecolor()) for patch in fig.axes[0].patches]
    assert len(shades) == 3 and len(set(shades)) == 3
    lightness = [sum(shade) / 3 for shade in shades]
    assert lightness == sorted(lightness, reverse=True)  # in time order, light to darker
    assert all(level[0] == level[1] == level[2] for level in shades)  # greys: no hue to miss


def test_series_draws_on_a_given_axes_and_rejects_mismatched_lengths():
    fig, ax = plt.subplots()
    assert plot_series({"a": (torch.arange(3), torch.zeros(3))}, ax=ax, ylabel="error") is fig
    assert ax.get_ylabel() == "error"
    with pytest.raises(ValueError, match=r"shape \(T,\) or \(k, T\) with T = len\(times\) = 3"):
        plot_series({"a": (torch.arange(3), torch.zeros(4))})
    with pytest.raises(ValueError, match="non-empty dict"):
        plot_series({})
    plt.close("all")
