"""lstm_course.viz.activations: labelled figures, clear errors."""

import matplotlib.pyplot as plt
import pytest
import torch

from lstm_course.viz import plot_unit_activations


def test_activation_heatmap_shows_each_character_and_unit():
    text = "def f(x):\n    return x"
    fig = plot_unit_activations(text, torch.rand(len(text), 8) * 2 - 1, [3, 5],
                                unit_labels=["unit 3 (indent)", "unit 5"])
    ax = fig.axes[0]
    ticks = [label.get_text() for label in ax.get_xticklabels()]
    assert len(ticks) == len(text) and ticks[9] == "⏎" and ticks[10] == "·"
    assert [label.get_text() for label in ax.get_yticklabels()] == ["unit 3 (indent)", "unit 5"]
    assert ax.get_xlabel().startswith("character read") and ax.get_title()
    assert fig.axes[1].get_ylabel() == "hidden state h"  # the colour bar
    assert ax.images[0].get_clim() == (-1.0, 1.0)
    plt.close("all")


@pytest.mark.parametrize("activations, units, message", [
    (torch.zeros(4, 8), [0], r"L = len\(text\) = 3"),
    (torch.zeros(3), [0], r"\(L, H_out\)"),
    (torch.zeros(3, 8), [8], r"0\.\.7"),
    (torch.zeros(3, 8), [], "non-empty"),
])
def test_activation_heatmap_rejects_mistakes(activations, units, message):
    with pytest.raises(ValueError, match=message):
        plot_unit_activations("abc", activations, units)


def test_activation_heatmap_needs_one_label_per_unit():
    with pytest.raises(ValueError, match="one label per unit"):
        plot_unit_activations("abc", torch.zeros(3, 8), [0, 1], unit_labels=["a"])


def test_units_may_be_a_tensor_or_array_of_indices_and_mistakes_are_named():
    import numpy as np
    import pytest

    activations = torch.rand(5, 4) * 2 - 1
    for units in (torch.tensor([0, 3]), np.array([0, 3])):
        fig = plot_unit_activations("hello", activations, units)
        assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["unit 0", "unit 3"]
    with pytest.raises(ValueError, match=r"units must be a non-empty list .* in 0\.\.3"):
        plot_unit_activations("hello", activations, [4])
    with pytest.raises(ValueError, match="activations must have shape"):
        plot_unit_activations("hello", activations[:3], [0])
    with pytest.raises(TypeError, match="text must be a string"):
        plot_unit_activations(None, activations, [0])
