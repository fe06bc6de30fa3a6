"""lstm_course.viz.adding: one adding-problem sequence, its marked values and its target."""

import pytest
import torch

from lstm_course.data import adding_problem
from lstm_course.viz import plot_adding_sequence


def test_adding_sequence_figure_marks_the_two_values_and_states_the_target():
    x, y = adding_problem(3, 20, generator=torch.Generator().manual_seed(0))
    ax = plot_adding_sequence(x, y, sample=2).axes[0]
    marked = x[:, 2, 1].nonzero().flatten()
    a, b = x[marked, 2, 0].tolist()
    assert f"{a:.2f} + {b:.2f} = {y[2].item():.2f}" in ax.get_title()
    assert [text.get_text() for text in ax.texts] == [f"{a:.2f}", f"{b:.2f}"]
    assert ax.get_xlabel() == "time step" and ax.get_ylabel() == "value"
    xb, _ = adding_problem(3, 20, batch_first=True, generator=torch.Generator().manual_seed(0))
    ax_b = plot_adding_sequence(xb, y, sample=2, batch_first=True).axes[0]
    assert ax_b.get_title() == ax.get_title()


def test_adding_sequence_errors_name_the_expected_shape():
    with pytest.raises(ValueError, match=r"\(seq_len, batch, 2\)"):
        plot_adding_sequence(torch.zeros(5, 3), torch.zeros(3))
    with pytest.raises(ValueError, match="sample=3 is outside the batch of size 3"):
        plot_adding_sequence(torch.zeros(5, 3, 2), torch.zeros(3), sample=3)
