"""Exercises of lesson 03, shapes and options. The right answers come from torch itself."""

from __future__ import annotations

import warnings
from typing import Any

import torch
from torch import nn

from lstm_course.exercises import Exercise, call


def _run(lstm: nn.LSTM, x: torch.Tensor, hx: Any = None) -> tuple[torch.Tensor, ...]:
    """``output, h_n, c_n`` of a call, without autograd and without the oneDNN notice."""
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        output, (h_n, c_n) = lstm(x, hx)
    return output, h_n, c_n


# 03.1 — predict the shapes when every option is on.

def _reference_shapes() -> dict[str, tuple[int, ...]]:
    # nn.LSTM(8, 16, num_layers=2, batch_first=True, bidirectional=True, proj_size=4) on
    # x of shape (3, 7, 8): batch 3, 7 steps. batch_first moves the batch axis of output
    # only; h and output have proj_size features per direction; c keeps hidden_size.
    return {"output": (3, 7, 8), "h_n": (4, 3, 4), "c_n": (4, 3, 16)}


def _judge_shapes(answer: Any) -> str | None:
    if not isinstance(answer, dict):
        return "Give a dict such as {'output': (1, 2, 3), 'h_n': (...), 'c_n': (...)}."
    lstm = nn.LSTM(8, 16, num_layers=2, batch_first=True, bidirectional=True, proj_size=4)
    output, h_n, c_n = _run(lstm, torch.zeros(3, 7, 8))
    right = {"output": tuple(output.shape), "h_n": tuple(h_n.shape), "c_n": tuple(c_n.shape)}
    missing = [name for name in right if name not in answer]
    if missing:
        return f"Your dict has no {', '.join(repr(name) for name in missing)}."
    given = {name: tuple(answer[name]) for name in right}
    for name in ("h_n", "c_n"):
        if given[name][:1] == (3,):
            return (f"batch_first moves the batch axis of input and output only; {name} stays "
                    f"(D*num_layers, batch, ...).")
        if given[name][:1] == (2,):
            return f"{name} holds one state per layer and per direction: D*num_layers on axis 0."
    if given["c_n"] != right["c_n"] and given["c_n"][-1:] == (4,):
        return "The cell state is never projected: c_n keeps hidden_size features."
    if given["h_n"] != right["h_n"] and given["h_n"][-1:] == (16,):
        return "With proj_size set, h (and so h_n) has proj_size features, not hidden_size."
    if given["output"] != right["output"] and given["output"][-1:] in ((4,), (16,), (32,)):
        return ("output concatenates both directions, and each direction's h has proj_size "
                "features: its last axis is D*H_out.")
    for name, expected in right.items():
        if given[name] != expected:
            return f"{name} is not right yet; write down the axes, then fill in each size."
    return None


# 03.2 — turn batch-first data into the time-first layout.

def fix_layout(x: torch.Tensor) -> torch.Tensor:
    """Batch-first ``x`` ``(N, L, H_in)`` as a time-first LSTM expects it, ``(L, N, H_in)``."""
    return x.transpose(0, 1)


def _judge_fix_layout(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function of x, e.g. def fix_layout(x): return ..."
    torch.manual_seed(3)
    for shape in ((4, 7, 3), (2, 5, 1), (3, 3, 2)):
        x = torch.randn(shape)
        got = call(answer, x)
        expected = x.transpose(0, 1)
        if not isinstance(got, torch.Tensor):
            return f"Your function should return a tensor, it returned {type(got).__name__}."
        if got.shape != expected.shape:
            return (f"For x of shape {shape} the result should have shape "
                    f"{tuple(expected.shape)}, got {tuple(got.shape)}.")
        if torch.equal(got, expected):
            continue
        if torch.equal(got, x.reshape(expected.shape)):
            return ("The shape is right but the values are scrambled: reshape and view keep "
                    "the numbers in memory order, which cuts the sequences apart. Swap the "
                    "two axes instead.")
        if torch.equal(got, x):
            return f"For x of shape {shape} you returned x unchanged; the axes must swap."
        return "The shape is right but the values are not where they should be."
    return None


# 03.3 — the zero initial state of any LSTM.

def initial_state(lstm: nn.LSTM, batch: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The zero ``(h_0, c_0)`` for ``lstm`` and a batch of ``batch``, whatever its options."""
    directions = 2 if lstm.bidirectional else 1
    h_out = lstm.proj_size if lstm.proj_size > 0 else lstm.hidden_size
    h_0 = torch.zeros(directions * lstm.num_layers, batch, h_out)
    c_0 = torch.zeros(directions * lstm.num_layers, batch, lstm.hidden_size)
    return h_0, c_0


def _judge_initial_state(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def initial_state(lstm, batch): return h_0, c_0"
    torch.manual_seed(4)
    lstms = (nn.LSTM(3, 5, 2, bidirectional=True), nn.LSTM(3, 6, 1, proj_size=2),
             nn.LSTM(4, 8, 3, batch_first=True, bidirectional=True, proj_size=5))
    for lstm, batch in zip(lstms, (2, 3, 4), strict=True):
        x = torch.randn((batch, 6, lstm.input_size) if lstm.batch_first
                        else (6, batch, lstm.input_size))
        output, h_n, c_n = _run(lstm, x)
        state = call(answer, lstm, batch)
        if not isinstance(state, (tuple, list)) or len(state) != 2:
            return "Return a pair (h_0, c_0): two tensors in a tuple."
        for name, tensor, final in zip(("h_0", "c_0"), state, (h_n, c_n), strict=True):
            if not isinstance(tensor, torch.Tensor):
                return f"{name} should be a tensor, got {type(tensor).__name__}."
            shape, expected = tuple(tensor.shape), tuple(final.shape)
            if shape == expected:
                continue
            if shape[:1] != expected[:1]:
                return (f"For {lstm}, axis 0 of {name} should be {expected[0]}: one state per "
                        f"layer and direction, D*num_layers.")
            if name == "h_0" and lstm.proj_size and shape[-1:] == (lstm.hidden_size,):
                return f"For {lstm}, h_0 has proj_size features, not hidden_size."
            return (f"For {lstm} and batch={batch}, {name} should have shape {expected}; "
                    f"yours is {shape}. Remember that batch_first never moves the states' batch.")
        given, _, _ = _run(lstm, x, tuple(state))
        if not torch.allclose(given, output):
            return "The shapes are right, but the output differs from lstm(x): use zeros."
    return None


# 03.4 — the top layer's two final states, side by side.

def final_features(h_n: torch.Tensor) -> torch.Tensor:
    """``(N, 2*H_out)``: the top layer's forward and backward final states of a bidirectional
    LSTM, forward first, read from ``h_n`` ``(2*num_layers, N, H_out)``."""
    return torch.cat([h_n[-2], h_n[-1]], dim=1)


def _judge_final_features(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function of h_n, e.g. def final_features(h_n): return ..."
    torch.manual_seed(5)
    for layers, hidden in ((2, 4), (3, 2), (1, 5)):
        lstm = nn.LSTM(3, hidden, layers, bidirectional=True)
        output, h_n, _ = _run(lstm, torch.randn(6, 2, 3))
        # From output itself: the forward direction ends at the last step, backward at step 0.
        expected = torch.cat([output[-1, :, :hidden], output[0, :, hidden:]], dim=1)
        got = call(answer, h_n)
        if not isinstance(got, torch.Tensor):
            return f"Your function should return a tensor, it returned {type(got).__name__}."
        if got.shape == h_n[-1].shape and torch.allclose(got, h_n[-1]):
            return ("h_n[-1] is only the top layer's backward direction; the forward one is "
                    "h_n[-2]. Put both side by side.")
        if got.shape != expected.shape:
            return (f"Expected shape (batch, 2*H_out) = {tuple(expected.shape)}, got "
                    f"{tuple(got.shape)}. Concatenate along the feature axis.")
        if torch.allclose(got, torch.cat([h_n[-1], h_n[-2]], dim=1)):
            return "Put the forward direction first, as output does: h_n[-2], then h_n[-1]."
        if not torch.allclose(got, expected):
            return (f"With num_layers={layers} those are not the top layer's states: the top "
                    f"layer is the last two entries of h_n.")
    return None


EXERCISES = {
    "03.1": Exercise(_judge_shapes, _reference_shapes),
    "03.2": Exercise(_judge_fix_layout, fix_layout, answer_is_function=True),
    "03.3": Exercise(_judge_initial_state, initial_state, answer_is_function=True),
    "03.4": Exercise(_judge_final_features, final_features, answer_is_function=True),
}
