"""Helper package of the course "LSTMs in PyTorch".

Import the module you need, e.g. ``from lstm_course.shapes import lstm_shapes``;
importing ``lstm_course`` itself loads nothing heavy. ``set_language("es")`` shows
the package's messages in Spanish.
"""

from lstm_course.i18n import get_language, set_language

__version__ = "0.1.0"

__all__ = ["__version__", "get_language", "set_language"]
