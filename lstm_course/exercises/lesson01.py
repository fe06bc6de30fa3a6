"""Exercises of lesson 01, LSTM fundamentals. The right answers come from torch itself."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from lstm_course.exercises import Exercise, call


def _shapes_of_call(lstm: nn.LSTM, x: torch.Tensor) -> dict[str, tuple[int, ...]]:
    with torch.no_grad():
        output, (h_n, c_n) = lstm(x)
    return {"output": tuple(output.shape), "h_n": tuple(h_n.shape), "c_n": tuple(c_n.shape)}


# 01.1 — predict the shapes of a call before running it.

def _reference_shapes() -> dict[str, tuple[int, ...]]:
    # nn.LSTM(input_size=4, hidden_size=8, num_layers=3) on an input of shape (12, 5, 4):
    # output: every time step of the top layer; h_n, c_n: the last step of every layer.
    return {"output": (12, 5, 8), "h_n": (3, 5, 8), "c_n": (3, 5, 8)}


def _judge_shapes(answer: Any) -> str | None:
    if not isinstance(answer, dict):
        return "Give a dict such as {'output': (1, 2, 3), 'h_n': (...), 'c_n': (...)}."
    torch.manual_seed(0)
    right = _shapes_of_call(nn.LSTM(4, 8, 3), torch.zeros(12, 5, 4))
    missing = [name for name in right if name not in answer]
    if missing:
        return f"Your dict has no {', '.join(repr(name) for name in missing)}."
    for name, expected in right.items():
        given = tuple(answer[name])
        if given == expected:
            continue
        if name == "output" and len(given) == 2:
            return ("output has three axes: (seq_len, batch, hidden). "
                    "The batch axis is the one that is easy to forget.")
        if name != "output" and given[:1] == (12,):
            return f"{name} holds one entry per layer, not one per time step."
        return f"{name} should have {len(expected)} axes; check which size goes on which axis."
    return None


# 01.2 — find h_n[-1] inside output.

def top_layer_final(output: torch.Tensor) -> torch.Tensor:
    """The top layer's hidden state after the last step, read from ``output``."""
    return output[-1]


def _judge_top_layer_final(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function of output, e.g. def top_layer_final(output): return ..."
    torch.manual_seed(1)
    for lstm, x in ((nn.LSTM(10, 6, 2), torch.randn(5, 2, 10)),
                    (nn.LSTM(3, 4, 1), torch.randn(7, 3, 3)),
                    (nn.LSTM(5, 2, 3), torch.randn(4, 1, 5))):
        with torch.no_grad():
            output, (h_n, _) = lstm(x)
            got = call(answer, output)
        if not isinstance(got, torch.Tensor):
            return f"Your function should return a tensor, it returned {type(got).__name__}."
        if got.shape == output[0].shape and torch.equal(got, output[0]):
            return "That is the first time step. h_n holds the state after the last one."
        if got.shape != h_n[-1].shape:
            return (f"Expected shape (batch, hidden_size) = {tuple(h_n[-1].shape)}, got "
                    f"{tuple(got.shape)}. Time is axis 0 of output.")
        if not torch.allclose(got, h_n[-1]):
            return "The shape is right but the values differ from h_n[-1]."
    return None


# 01.3 — the initial state that equals leaving it out.

def zero_state(lstm: nn.LSTM, batch: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The ``(h_0, c_0)`` pair that gives the same result as calling ``lstm(x)`` alone."""
    shape = (lstm.num_layers, batch, lstm.hidden_size)
    return torch.zeros(shape), torch.zeros(shape)


def _judge_zero_state(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def zero_state(lstm, batch): return h_0, c_0"
    torch.manual_seed(2)
    for lstm, batch in ((nn.LSTM(10, 6, 2), 2), (nn.LSTM(3, 5, 1), 1), (nn.LSTM(4, 8, 3), 7)):
        state = call(answer, lstm, batch)
        if not isinstance(state, (tuple, list)) or len(state) != 2:
            return "Return a pair (h_0, c_0): two tensors in a tuple."
        expected = (lstm.num_layers, batch, lstm.hidden_size)
        for name, tensor in zip(("h_0", "c_0"), state, strict=True):
            if not isinstance(tensor, torch.Tensor):
                return f"{name} should be a tensor, got {type(tensor).__name__}."
            if tuple(tensor.shape) != expected:
                return (f"For nn.LSTM({lstm.input_size}, {lstm.hidden_size}, {lstm.num_layers}) "
                        f"and batch={batch}, {name} should have shape {expected} = (num_layers, "
                        f"batch, hidden_size); yours is {tuple(tensor.shape)}. "
                        f"Read the sizes from lstm.num_layers and lstm.hidden_size.")
        x = torch.randn(4, batch, lstm.input_size)
        with torch.no_grad():
            default, _ = lstm(x)
            given, _ = lstm(x, tuple(state))
        if not torch.allclose(given, default):
            return ("The shapes are right, but the output differs from lstm(x): the default "
                    "initial state is all zeros.")
    return None


EXERCISES = {
    "01.1": Exercise(_judge_shapes, _reference_shapes),
    "01.2": Exercise(_judge_top_layer_final, top_layer_final, answer_is_function=True),
    "01.3": Exercise(_judge_zero_state, zero_state, answer_is_function=True),
}
