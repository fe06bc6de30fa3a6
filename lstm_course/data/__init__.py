"""Data sets of the course, generated or shipped with a pinned package: nothing is downloaded.

Each module holds one data set; the names it exports are re-exported here, so
``from lstm_course.data import adding_problem`` works. Importing this package is
quick: heavy libraries (statsmodels, sktime) load only when a loader runs.
"""

from lstm_course.data.adding import CONSTANT_GUESS_MSE, adding_problem
from lstm_course.data.sunspots import load_sunspots
from lstm_course.data.text import CharVocab, torch_source_corpus
from lstm_course.data.vowels import VowelSplit, load_japanese_vowels
from lstm_course.data.windows import sliding_windows

__all__ = [
    "CONSTANT_GUESS_MSE",
    "CharVocab",
    "VowelSplit",
    "adding_problem",
    "load_japanese_vowels",
    "load_sunspots",
    "sliding_windows",
    "torch_source_corpus",
]
