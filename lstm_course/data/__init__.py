"""Data sets of the course, generated or shipped with a package: nothing is downloaded.

Each module holds one data set; the names it exports are re-exported here, so
``from lstm_course.data import adding_problem`` works.
"""

from lstm_course.data.adding import CONSTANT_GUESS_MSE, adding_problem

__all__ = ["CONSTANT_GUESS_MSE", "adding_problem"]
