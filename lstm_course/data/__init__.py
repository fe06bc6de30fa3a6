"""Data sets of the course, each in its own module, all shipped with pinned packages (offline).

Importing this package is quick: heavy libraries (statsmodels) load only when a loader runs.
"""

from lstm_course.data.sunspots import load_sunspots
from lstm_course.data.text import CharVocab, torch_source_corpus
from lstm_course.data.windows import sliding_windows

__all__ = ["CharVocab", "load_sunspots", "sliding_windows", "torch_source_corpus"]
