"""Helper package of the course "LSTMs in PyTorch".

Import the module you need, e.g. ``from lstm_course.shapes import lstm_shapes``;
importing ``lstm_course`` itself loads nothing heavy.
"""

__version__ = "0.1.0"
