"""The examples in the docstrings of the functions learners call run, and print what they say."""

import doctest
import importlib

import pytest
import torch
from torch import nn

# module -> the functions learners call from it, each of which must carry an example.
LEARNER_FUNCTIONS = {
    "lstm_course.shapes": ["lstm_shapes"],
    "lstm_course.sequences": ["last_valid", "length_mask"],
    "lstm_course.data.windows": ["sliding_windows"],
    "lstm_course.doctor": ["diagnose", "explain"],
    "lstm_course.train": ["fit"],
}


@pytest.mark.parametrize("name", sorted(LEARNER_FUNCTIONS))
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    found = doctest.DocTestFinder().find(module, globs={"torch": torch, "nn": nn})
    tests = {t.name.rsplit(".", 1)[-1]: t for t in found if t.examples}
    missing = [f for f in LEARNER_FUNCTIONS[name] if f not in tests]
    assert not missing, f"{name}: give {missing} a >>> example in the docstring"
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    torch.manual_seed(0)
    for test in tests.values():
        test.globs.update(vars(module))
        test.globs.update({"torch": torch, "nn": nn})
        runner.run(test)
    assert runner.failures == 0, f"{name}: {runner.failures} docstring example(s) failed (above)"
