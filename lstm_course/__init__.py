"""Helper package of the course "LSTMs in PyTorch".

Import the module you need, e.g. ``from lstm_course.shapes import lstm_shapes``;
importing ``lstm_course`` itself loads nothing heavy. ``set_language("es")`` shows
the package's messages in Spanish.
"""

from importlib.metadata import PackageNotFoundError, version

from lstm_course.i18n import get_language, set_language

try:  # pyproject.toml is the one place the version is written
    __version__ = version("lstm_course")
except PackageNotFoundError:  # imported from a checkout that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__", "get_language", "set_language"]
