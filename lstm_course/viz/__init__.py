"""Labelled, colour-blind-safe figures for the lessons.

Every function takes an optional ``ax`` and returns the ``Figure`` it drew on.
"""

from lstm_course.viz.activations import plot_unit_activations
from lstm_course.viz.series import plot_series
from lstm_course.viz.tensors import plot_input_tensor

__all__ = ["plot_input_tensor", "plot_series", "plot_unit_activations"]
