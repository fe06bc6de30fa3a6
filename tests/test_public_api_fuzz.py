"""Every public function answers a mistake in words (issue 11): hypothesis throws drawn bad
inputs at each of them and accepts only a ``TypeError`` or ``ValueError`` with a message,
raised by the package itself, within ``BOUND_S`` seconds.

The functions are found, not listed: every name in a module's ``__all__`` (or, without one,
every public function and class defined there) of every top-level module and subpackage of
``lstm_course``, and the public methods of those classes. A new function is covered as soon
as it exists: ``test_every_public_callable_has_a_valid_call`` fails until ``VALID`` holds a
correct call of it, from which one argument at a time is replaced by a bad value.
"""

from __future__ import annotations

import importlib
import inspect
import math
import pkgutil
import signal
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

import lstm_course
from lstm_course.data import CharVocab, adding_problem
from lstm_course.ngrams import NGramModel
from lstm_course.scratch import ScratchLSTM, lstm_step
from lstm_course.shapes import lstm_config
from lstm_course.train import History
from lstm_course.widgets import ShapeExplorer, TensorExplorer

PACKAGE = Path(lstm_course.__file__).resolve().parent
HERE = Path(__file__).resolve()
BOUND_S = 5.0  # the slowest a call may be (a figure or widget: ~0.5 s; 10x for a loaded machine)
HANG_S = 10.0  # a call still running after this is stopped and reported

EXCLUDED_MODULES = {
    "exercises": "check() and solution() judge answers and print a verdict instead of raising; "
                 "tests/test_exercise_safety.py throws hanging, mutating and always-equal "
                 "answers at every exercise",
    "i18n": "translation plumbing; its learner-facing set_language and get_language are "
            "fuzzed through lstm_course's own __all__",
    "scratch_checks": "the checks a ScratchLSTM call runs, fuzzed through forward and gates",
    "train_checks": "the checks fit runs, fuzzed through fit",
    "widget_parts": "internal helpers of the explorers, fuzzed through widgets",
}
EXCLUDED = {
    "lstm_course.shapes.LSTMConfig": "a record that lstm_config builds from a checked module",
    "lstm_course.scratch.LSTMStep": "a NamedTuple of results that lstm_step returns",
    "lstm_course.train.History": "a dataclass of results that fit fills in",
    "lstm_course.evaluation.PairedInterval": "a NamedTuple of results",
    "lstm_course.data.VowelSplit": "a NamedTuple of results that load_japanese_vowels returns",
}
# Arguments whose large values ask for a long computation, not a mistake.
LONG_ON_PURPOSE = {("lstm_course.train.fit", "steps"): "steps=10**6 asks for a long run"}


def units() -> list[Any]:
    """``lstm_course`` and each of its public top-level modules and subpackages."""
    found = [lstm_course]
    for info in pkgutil.iter_modules(lstm_course.__path__):
        if not info.name.startswith("_") and info.name not in EXCLUDED_MODULES:
            found.append(importlib.import_module(f"lstm_course.{info.name}"))
    return found


def public_callables() -> dict[str, Callable[..., Any]]:
    """Every public function, class and public method, keyed ``module.name[.method]``."""
    found = {}
    for module in units():
        names = getattr(module, "__all__", None)
        if names is None:
            names = [name for name, value in vars(module).items() if not name.startswith("_")
                     and getattr(value, "__module__", None) == module.__name__]
        for name in names:
            value = getattr(module, name)
            key = f"{module.__name__}.{name}"
            if not callable(value) or key in EXCLUDED:
                continue
            found[key] = value
            if inspect.isclass(value):
                for method, attribute in vars(value).items():
                    if not method.startswith("_") and (inspect.isfunction(attribute)
                                                       or isinstance(attribute, classmethod)):
                        found[f"{key}.{method}"] = getattr(value, method)
    return found


# --- a correct call of each -------------------------------------------------------------

def _lstm() -> nn.LSTM:
    return nn.LSTM(3, 4)


def _step_weights() -> dict[str, torch.Tensor]:
    return {"weight_ih": torch.randn(16, 3), "weight_hh": torch.randn(16, 4),
            "bias_ih": torch.randn(16), "bias_hh": torch.randn(16)}


def _step() -> dict[str, Any]:
    return {"x": torch.randn(2, 3), "h": torch.zeros(2, 4), "c": torch.zeros(2, 4),
            **_step_weights(), "weight_hr": None}


def _fit() -> dict[str, Any]:
    model = nn.Linear(1, 1)
    return {"model": model, "loss_fn": lambda m, b: ((m(b) - b) ** 2).mean(),
            "batches": [torch.ones(4, 1)], "optimizer": torch.optim.SGD(model.parameters(), lr=0.1),
            "steps": 2, "clip_grad_norm": 1.0, "evaluate": lambda m: 0.5, "eval_every": 1,
            "target": 0.1, "progress": False, "desc": "fit"}


def _history() -> History:
    return History(losses=[1.0, 0.5, 0.25], grad_norms=[1.0, 0.8, 0.5], evals=[(3, 0.3)])


def _adding() -> dict[str, Any]:
    x, y = adding_problem(2, 6, generator=torch.Generator().manual_seed(0))
    return {"x": x, "y": y, "sample": 0, "batch_first": False}


IDS = lambda: torch.tensor([0, 1, 2, 1, 0, 2, 2, 1])  # noqa: E731

# Each entry: the keyword arguments of a correct call (built fresh for every call).
VALID: dict[str, Callable[[], dict[str, Any]]] = {
    "lstm_course.get_language": dict,
    "lstm_course.set_language": lambda: {"language": "en"},
    "lstm_course.baselines.bigram_log_probs": lambda: {"ids": IDS(), "vocab_size": 3,
                                                       "smoothing": 1.0},
    "lstm_course.baselines.unigram_log_probs": lambda: {"ids": IDS(), "vocab_size": 3,
                                                        "smoothing": 1.0},
    "lstm_course.data.adding_problem": lambda: {"n": 3, "seq_len": 6, "batch_first": False,
                                                "generator": torch.Generator()},
    "lstm_course.data.load_sunspots": dict,
    "lstm_course.data.load_japanese_vowels": dict,  # reads two small files: ~0.1 s
    "lstm_course.data.sliding_windows": lambda: {"series": torch.randn(20), "window": 5,
                                                 "horizon": 1},
    "lstm_course.data.torch_source_corpus": lambda: {"max_chars": 200},
    "lstm_course.data.CharVocab": lambda: {"text": "hello"},
    "lstm_course.data.CharVocab.encode": lambda: {"text": "hole"},
    "lstm_course.data.CharVocab.decode": lambda: {"ids": torch.tensor([0, 1, 2])},
    "lstm_course.doctor.diagnose": lambda: {"lstm": _lstm(), "input": torch.randn(5, 2, 3),
                                            "hx": None},
    "lstm_course.doctor.explain": lambda: {"lstm": _lstm(), "input": torch.randn(5, 2, 3),
                                           "hx": None},
    "lstm_course.dtw.dtw_distances": lambda: {
        "queries": [torch.randn(5, 3), torch.randn(7, 3)], "references": [torch.randn(4, 3)],
        "chunk": 1},
    "lstm_course.evaluation.circular_block_indices": lambda: {
        "length": 20, "block": 4, "resamples": 10, "generator": torch.Generator()},
    "lstm_course.evaluation.paired_rmse_bootstrap": lambda: {
        "errors_a": torch.randn(2, 20), "errors_b": torch.randn(20), "block": 4,
        "resamples": 50, "level": 0.9, "seed": 0},
    "lstm_course.ngrams.NGramModel": lambda: {"order": 2, "vocab_size": 3},
    "lstm_course.ngrams.NGramModel.fit": lambda: {"train_ids": IDS()},
    "lstm_course.ngrams.NGramModel.log_probs": lambda: {"rows": IDS()[:6].reshape(2, 3),
                                                        "order": None},
    "lstm_course.ngrams.NGramModel.loss": lambda: {"rows": IDS()[:6].reshape(2, 3),
                                                   "order": 1},
    "lstm_course.scratch.lstm_step": _step,
    "lstm_course.scratch.run_direction": lambda: {
        "steps": [torch.randn(2, 3) for _ in range(3)], "h": torch.zeros(2, 4),
        "c": torch.zeros(2, 4), "weights": _step_weights(), "reverse": True},
    "lstm_course.scratch.stack_steps": lambda: {"records": [lstm_step(**_step())] * 2},
    "lstm_course.scratch.ScratchLSTM": lambda: {
        "input_size": 3, "hidden_size": 4, "num_layers": 2, "bias": True, "batch_first": False,
        "dropout": 0.0, "bidirectional": False, "proj_size": 0, "device": None, "dtype": None},
    "lstm_course.scratch.ScratchLSTM.from_torch": lambda: {"lstm": _lstm()},
    "lstm_course.scratch.ScratchLSTM.reset_parameters": dict,
    "lstm_course.scratch.ScratchLSTM.extra_repr": dict,
    "lstm_course.scratch.ScratchLSTM.weights": lambda: {"layer": 0, "direction": 0},
    "lstm_course.scratch.ScratchLSTM.forward": lambda: {"input": torch.randn(5, 2, 3),
                                                        "hx": None},
    "lstm_course.scratch.ScratchLSTM.gates": lambda: {"input": torch.randn(5, 2, 3), "hx": None},
    "lstm_course.sequences.last_valid": lambda: {"output": torch.randn(4, 2, 3),
                                                 "lengths": [4, 2], "batch_first": False},
    "lstm_course.sequences.length_mask": lambda: {"lengths": [3, 1], "max_len": 4,
                                                  "batch_first": False},
    "lstm_course.shapes.axis_names": lambda: {"lstm": _lstm(), "batched": True},
    "lstm_course.shapes.input_layout": lambda: {"batch_first": False, "batched": True},
    "lstm_course.shapes.lstm_config": lambda: {"lstm": _lstm(), "caller": "lstm_config"},
    "lstm_course.shapes.lstm_shapes": lambda: {"lstm": _lstm(), "seq_len": 5, "batch": 2},
    "lstm_course.shapes.module_expression": lambda: {"config": lstm_config(_lstm())},
    "lstm_course.shapes.named_shape": lambda: {"names": ("L", "N", "H_in"), "shape": (5, 2, 3)},
    "lstm_course.shapes.parameter_count": lambda: {"lstm": _lstm()},
    "lstm_course.shapes.parameter_shapes": lambda: {"lstm": _lstm()},
    "lstm_course.shapes.sequence_first": lambda: {"x": torch.randn(5, 2, 3),
                                                  "batch_first": True},
    "lstm_course.shapes.slice_expression": lambda: {"step": 1, "sample": 0,
                                                    "batch_first": False},
    "lstm_course.train.default_device": dict,
    "lstm_course.train.fit": _fit,
    "lstm_course.viz.plot_adding_sequence": _adding,
    "lstm_course.viz.plot_bidirectional_output": lambda: {"output": torch.randn(5, 2, 8),
                                                          "sample": 1},
    "lstm_course.viz.plot_gate_blocks": lambda: {"weight": torch.randn(16, 3),
                                                 "name": "weight_ih_l0"},
    "lstm_course.viz.plot_confusion_matrix": lambda: {
        "matrix": torch.tensor([[3, 1, 0], [0, 4, 1], [1, 0, 2]]), "class_names": ["a", "b", "c"],
        "title": "speakers"},
    "lstm_course.viz.plot_gates": lambda: {
        "gates": ScratchLSTM(3, 4).gates(torch.randn(5, 2, 3))[0], "sample": 1,
        "title": "layer 0"},
    "lstm_course.viz.plot_gradient_norms": lambda: {"norms": {"LSTM": torch.rand(10) + 0.1}},
    "lstm_course.viz.plot_history": lambda: {
        "histories": {"a": _history(), "b": _history()}, "curves": ("loss", "eval"),
        "smooth": 2, "log": True, "eval_label": "test", "lines": {"target": 0.2},
        "title": "curves"},
    "lstm_course.viz.plot_input_tensor": lambda: {"x": torch.randn(5, 2, 3),
                                                  "batch_first": False, "step": 1, "sample": 0},
    "lstm_course.viz.plot_lstm_call": lambda: {"lstm": _lstm(), "seq_len": 5, "batch": 2},
    "lstm_course.viz.plot_packed_batch": lambda: {"lengths": [3, 2, 1]},
    "lstm_course.viz.plot_recording": lambda: {"recording": torch.randn(7, 12),
                                               "title": "one recording"},
    "lstm_course.viz.plot_series": lambda: {
        "lines": {"truth": (torch.arange(10.0), torch.randn(10))}, "spans": {"train": (0, 5)},
        "title": "series", "xlabel": "t", "ylabel": "value"},
    "lstm_course.viz.plot_unit_activations": lambda: {
        "text": "hello", "activations": torch.rand(5, 4) * 2 - 1, "units": [0, 3],
        "unit_labels": ["a", "b"], "title": "units"},
    "lstm_course.widgets.ShapeExplorer": lambda: {"seq_len": 4, "batch": 3, "hidden_size": 5,
                                                  "bidirectional": True},
    "lstm_course.widgets.ShapeExplorer.named_shapes": dict,
    "lstm_course.widgets.TensorExplorer": lambda: {"x": torch.randn(5, 2, 3),
                                                   "batch_first": False},
    "lstm_course.widgets.TensorExplorer.selected": dict,
    "lstm_course.widgets.TensorExplorer.expression": dict,
}

# How to make the object whose methods are called.
INSTANCES: dict[str, Callable[[], Any]] = {
    "lstm_course.data.CharVocab": lambda: CharVocab("hello"),
    "lstm_course.ngrams.NGramModel": lambda: NGramModel(2, 3).fit(IDS()),
    "lstm_course.scratch.ScratchLSTM": lambda: ScratchLSTM(3, 4, 2),
    "lstm_course.widgets.ShapeExplorer": lambda: ShapeExplorer(),
    "lstm_course.widgets.TensorExplorer": lambda: TensorExplorer(torch.randn(5, 2, 3)),
}

CALLABLES = public_callables()


def bound(key: str) -> Callable[..., Any]:
    """The callable under ``key``; a method is bound to a fresh instance."""
    owner, _, method = key.rpartition(".")
    if owner in INSTANCES:
        return getattr(INSTANCES[owner](), method)
    return CALLABLES[key]


# --- the bad values ---------------------------------------------------------------------

def _bad_values() -> list[tuple[str, Callable[[], Any]]]:
    """What a learner might pass by mistake: labelled factories (fresh objects per call)."""
    shape = (5, 2, 3)
    return [
        ("None", lambda: None), ("True", lambda: True), ("0", lambda: 0), ("-1", lambda: -1),
        ("10**6", lambda: 10**6), ("2**40", lambda: 2**40), ("1.5", lambda: 1.5),
        ("nan", lambda: math.nan), ("inf", lambda: math.inf), ("'x'", lambda: "x"),
        ("''", lambda: ""), ("list", lambda: [1.0, 2.0]), ("nested list", lambda: [[1.0, 2.0]]),
        ("[]", list), ("tuple", lambda: (3,)), ("{}", dict), ("dict", lambda: {"a": 1}),
        ("object", object), ("ndarray", lambda: np.zeros(shape, dtype=np.float32)),
        ("numpy scalar", lambda: np.float64(1.0)), ("0-d tensor", lambda: torch.tensor(1.0)),
        ("empty", lambda: torch.zeros(0)), ("no steps", lambda: torch.zeros(0, 2, 3)),
        ("no batch", lambda: torch.zeros(5, 0, 3)),
        ("NaN tensor", lambda: torch.full(shape, math.nan)),
        ("inf tensor", lambda: torch.full(shape, math.inf)),
        ("int tensor", lambda: torch.ones(shape, dtype=torch.long)),
        ("half tensor", lambda: torch.randn(shape).half()),
        ("bool tensor", lambda: torch.ones(shape, dtype=torch.bool)),
        ("1-D", lambda: torch.randn(5)), ("2-D", lambda: torch.randn(5, 3)),
        ("4-D", lambda: torch.randn(2, *shape)),
        ("nn.GRU", lambda: nn.GRU(3, 4)), ("nn.RNN", lambda: nn.RNN(3, 4)),
        ("nn.Linear", lambda: nn.Linear(3, 4)), ("other nn.LSTM", lambda: nn.LSTM(2, 5, 3)),
    ]


BAD = _bad_values()


class Hung(BaseException):
    """Raised into a call that runs past ``HANG_S``."""


def _stop(signum: int, frame: Any) -> None:
    raise Hung


def judged_call(key: str, kwargs: dict[str, Any]) -> tuple[BaseException | None, float]:
    """Call ``key`` with ``kwargs``; the exception it raised (or ``None``) and the seconds."""
    function = bound(key)
    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, HANG_S)
    started = time.perf_counter()
    try:
        function(**kwargs)
        error = None
    except BaseException as raised:  # noqa: BLE001 - judged below, Hung included
        error = raised
    finally:
        seconds = time.perf_counter() - started
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        plt.close("all")
        lstm_course.set_language("en")
    return error, seconds


def verdict(error: BaseException | None) -> str | None:
    """``None`` if ``error`` is an answer in words from the package, else what is wrong."""
    if error is None:
        return None
    frames = traceback.extract_tb(error.__traceback__)
    files = [Path(frame.filename).resolve() for frame in frames]
    if HERE in files[1:]:
        return None  # raised in the test's own callback: the learner's code, not the package
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    if isinstance(error, Hung):
        return f"still running after {HANG_S} s (at {where})"
    if not isinstance(error, (TypeError, ValueError)):
        return f"{type(error).__name__} at {where}: {error}"
    if not str(error).strip():
        return f"{type(error).__name__} without a message at {where}"
    if not files or PACKAGE not in files[-1].parents:
        return f"{type(error).__name__} raised outside lstm_course, at {where}: {error}"
    return None


def parameters(key: str) -> list[str]:
    """The names of the arguments a correct call of ``key`` passes."""
    return sorted(VALID[key]())


FUZZED = [key for key in sorted(CALLABLES) if key in VALID and parameters(key)]


# --- the tests --------------------------------------------------------------------------

@pytest.fixture(scope="module", autouse=True)
def warm():
    """Call each function once first: a first import (statsmodels, fonts) is not its speed."""
    for key in sorted(VALID):
        judged_call(key, VALID[key]())


def test_every_public_callable_has_a_valid_call():
    missing = sorted(set(CALLABLES) - set(VALID))
    assert not missing, (f"add a correct call of {missing} to VALID in {HERE.name} (or exclude "
                         f"it with a reason in EXCLUDED)")
    stale = sorted(set(VALID) - set(CALLABLES))
    assert not stale, f"VALID names callables that are not public (any more): {stale}"


@pytest.mark.parametrize("key", sorted(VALID))
def test_the_valid_call_succeeds_within_the_bound(key):
    error, seconds = judged_call(key, VALID[key]())
    assert error is None, f"{key}: the correct call raised {error!r}"
    assert seconds < BOUND_S, f"{key}: the correct call took {seconds:.1f} s"


@pytest.mark.parametrize("key", FUZZED)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_a_bad_argument_is_answered_in_words_within_the_bound(key, data):
    kwargs = VALID[key]()
    name = data.draw(st.sampled_from(parameters(key)), label="argument")
    label, make = data.draw(st.sampled_from(BAD), label="bad value")
    kwargs[name] = make()
    error, seconds = judged_call(key, kwargs)
    problem = verdict(error)
    assert problem is None, f"{key}({name}={label}): {problem}"
    if (key, name) not in LONG_ON_PURPOSE:
        assert seconds < BOUND_S, f"{key}({name}={label}) took {seconds:.1f} s"


LSTM_ARGUMENTS = [(key, name) for key in sorted(VALID) for name, value in VALID[key]().items()
                  if isinstance(value, nn.LSTM)]


def test_the_lstm_only_functions_are_found():
    assert {key for key, _ in LSTM_ARGUMENTS} >= {
        "lstm_course.shapes.parameter_count", "lstm_course.doctor.diagnose",
        "lstm_course.viz.plot_lstm_call", "lstm_course.scratch.ScratchLSTM.from_torch"}


@pytest.mark.parametrize("kind", [nn.GRU, nn.RNN])
@pytest.mark.parametrize(("key", "name"), LSTM_ARGUMENTS)
def test_every_lstm_only_function_refuses_gru_and_rnn_by_name(key, name, kind):
    # Every argument that a correct call fills with an nn.LSTM is LSTM-only.
    kwargs = VALID[key]()
    kwargs[name] = kind(3, 4)
    error, _ = judged_call(key, kwargs)
    assert isinstance(error, TypeError), f"{key}({name}=nn.{kind.__name__}) gave {error!r}"
    assert f"nn.{kind.__name__}" in str(error) and "nn.LSTM" in str(error), str(error)
