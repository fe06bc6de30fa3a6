"""lstm_course.viz.classes: a recording as an image and a labelled confusion matrix."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from matplotlib.figure import Figure

from lstm_course.viz import plot_confusion_matrix, plot_recording
from lstm_course.viz.common import CMAP


def test_confusion_matrix_draws_the_counts_with_labels_and_the_course_colormap():
    matrix = torch.tensor([[5, 1, 0], [0, 4, 2], [0, 0, 7]])
    fig = plot_confusion_matrix(matrix, ["a", "b", "c"])
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"
    assert ax.get_title() == "confusion matrix"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    image = ax.get_images()[0]
    assert image.get_cmap().name == CMAP
    np.testing.assert_array_equal(image.get_array(), matrix.numpy())
    # every non-zero cell is written out, at (column = predicted, row = true)
    written = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text()
               for t in ax.texts}
    assert written == {(0, 0): "5", (0, 1): "1", (1, 1): "4", (1, 2): "2", (2, 2): "7"}
    assert fig.axes[1].get_ylabel() == "utterances"  # the colour bar says what it counts


def test_confusion_matrix_draws_on_a_given_axes_and_rejects_a_wrong_matrix():
    fig, ax = plt.subplots()
    assert plot_confusion_matrix(torch.eye(2), ["x", "y"], title="t", ax=ax) is fig
    assert ax.get_title() == "t"
    with pytest.raises(ValueError, match="square tensor"):
        plot_confusion_matrix(torch.zeros(2, 3), ["x", "y"])
    with pytest.raises(ValueError, match="one name per class"):
        plot_confusion_matrix(torch.zeros(2, 2), ["x", "y", "z"])
    with pytest.raises(TypeError, match="class_names must be a list of strings"):
        plot_confusion_matrix(torch.zeros(2, 2), "xy")
    with pytest.raises(ValueError, match="whole numbers from 0 up"):
        plot_confusion_matrix(torch.tensor([[1.5, 0.0], [-1.0, 2.0]]), ["x", "y"])
    plt.close("all")


def test_recording_is_drawn_with_time_across_and_features_down():
    recording = torch.arange(12.0).reshape(4, 3)  # 4 steps, 3 features
    fig = plot_recording(recording)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "time step (frame)" and ax.get_ylabel() == "feature"
    assert ax.get_title() == "4 steps"
    np.testing.assert_array_equal(ax.get_images()[0].get_array(), recording.T.numpy())
    fig, ax = plt.subplots()
    assert plot_recording(recording, title="speaker 1", ax=ax) is fig and \
        ax.get_title() == "speaker 1"
    with pytest.raises(ValueError, match=r"shape \(T, features\)"):
        plot_recording(torch.zeros(2, 3, 4))
    with pytest.raises(TypeError, match=r"shape \(T, features\), got list"):
        plot_recording([[1.0, 2.0]])
    plt.close("all")
