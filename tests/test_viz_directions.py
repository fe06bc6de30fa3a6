"""lstm_course.viz.directions: where each direction of a bidirectional LSTM ends."""


import pytest
import torch
from torch import nn

from lstm_course.viz import plot_bidirectional_output


def test_bidirectional_figure_frames_both_final_states():
    lstm = nn.LSTM(3, 4, bidirectional=True)
    with torch.no_grad():
        output, _ = lstm(torch.randn(6, 2, 3))
    ax = plot_bidirectional_output(output, sample=1).axes[0]
    frames = [(patch.get_x(), patch.get_y(), patch.get_width()) for patch in ax.patches]
    assert frames == [(-0.5, 4.5, 4), (3.5, -0.5, 4)]  # output[-1, :4] and output[0, 4:]
    assert {"forward, last step: h_n[-2]", "backward, last step: h_n[-1]"} <= \
        {text.get_text() for text in ax.texts}
    assert ax.get_ylabel() == "time step t" and "D*H_out = 8" in ax.get_xlabel()
    with pytest.raises(ValueError, match="even last axis"):
        plot_bidirectional_output(torch.zeros(6, 2, 3))
