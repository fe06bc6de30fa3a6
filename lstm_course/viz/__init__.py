"""Labelled, colour-blind-safe figures for the lessons.

Every function takes an optional ``ax`` and returns the ``Figure`` it drew on.
"""

from lstm_course.viz.activations import plot_unit_activations
from lstm_course.viz.adding import plot_adding_sequence
from lstm_course.viz.call import plot_lstm_call
from lstm_course.viz.classes import plot_confusion_matrix, plot_recording
from lstm_course.viz.directions import plot_bidirectional_output
from lstm_course.viz.gates import plot_gate_blocks, plot_gates
from lstm_course.viz.gradients import plot_gradient_norms
from lstm_course.viz.packing import plot_packed_batch
from lstm_course.viz.series import plot_series
from lstm_course.viz.tensors import plot_input_tensor
from lstm_course.viz.training import plot_history

__all__ = [
    "plot_adding_sequence",
    "plot_bidirectional_output",
    "plot_confusion_matrix",
    "plot_gate_blocks",
    "plot_gates",
    "plot_gradient_norms",
    "plot_history",
    "plot_input_tensor",
    "plot_lstm_call",
    "plot_packed_batch",
    "plot_recording",
    "plot_series",
    "plot_unit_activations",
]
