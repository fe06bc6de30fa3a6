"""Exercises of lesson 01, LSTM fundamentals. The right answers come from torch itself."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from lstm_course.exercises import Exercise, call
from lstm_course.exercises.answers import plain_tensor, same_values, shape_dict, tensor_pair
from lstm_course.i18n import _


def _shapes_of_call(lstm: nn.LSTM, x: torch.Tensor) -> dict[str, tuple[int, ...]]:
    with torch.no_grad():
        output, (h_n, c_n) = lstm(x)
    return {"output": tuple(output.shape), "h_n": tuple(h_n.shape), "c_n": tuple(c_n.shape)}


# 01.1 — predict the shapes of a call before running it.

def _reference_shapes() -> dict[str, tuple[int, ...]]:
    # nn.LSTM(input_size=4, hidden_size=8, num_layers=3) on an input of shape (12, 5, 4):
    # output: every time step of the top layer; h_n, c_n: the last step of every layer.
    return {"output": (12, 5, 8), "h_n": (3, 5, 8), "c_n": (3, 5, 8)}


_SHAPES_SOLUTION = """\
# nn.LSTM(input_size=4, hidden_size=8, num_layers=3) on x of shape (12, 5, 4):
# output holds every time step of the top layer: (seq_len, batch, hidden_size);
# h_n and c_n hold the last step of every layer: (num_layers, batch, hidden_size).
answer_01_1 = {"output": (12, 5, 8), "h_n": (3, 5, 8), "c_n": (3, 5, 8)}"""


def _judge_shapes(answer: Any) -> str | None:
    torch.manual_seed(0)
    right = _shapes_of_call(nn.LSTM(4, 8, 3), torch.zeros(12, 5, 4))
    given = shape_dict(answer, right)
    axes = {"output": "(seq_len, batch, hidden_size)", "h_n": "(num_layers, batch, hidden_size)",
            "c_n": "(num_layers, batch, hidden_size)"}
    for name, expected in right.items():
        shape = given[name]
        if shape == expected:
            continue
        if name == "output" and len(shape) == 2:
            return _("output has three axes: {axes}. The batch axis is the one that is easy to "
                     "forget.").format(axes=axes[name])
        if name != "output" and shape[:1] == (12,):
            return _("{name} holds one entry per layer, not one per time step: {axes}.").format(
                name=name, axes=axes[name])
        if sorted(shape) == sorted(expected):
            return _("The right sizes in the wrong order: {name} is {axes}.").format(
                name=name, axes=axes[name])
        if len(shape) != len(expected):
            return _("{name} has {count} axes, {axes}; yours has {given}.").format(
                name=name, count=len(expected), axes=axes[name], given=len(shape))
        return _("{name} is {axes}; check each size against the call.").format(
            name=name, axes=axes[name])
    return None


# 01.2 — find h_n[-1] inside output.

def top_layer_final(output: torch.Tensor) -> torch.Tensor:
    """The top layer's hidden state after the last step, read from ``output``."""
    return output[-1]


def _judge_top_layer_final(answer: Any) -> str | None:
    torch.manual_seed(1)
    cases = []
    for lstm, x in ((nn.LSTM(10, 6, 2), torch.randn(5, 2, 10)),
                    (nn.LSTM(3, 4, 1), torch.randn(7, 3, 3)),
                    (nn.LSTM(5, 2, 3), torch.randn(4, 1, 5))):
        with torch.no_grad():
            output, (h_n, _c_n) = lstm(x)
        cases.append((output, h_n[-1]))
    for output, expected in cases:
        got = plain_tensor(call(answer, output), _("The result"))
        if same_values(got, output[0], exact=True):
            return _("That is the first time step. h_n holds the state after the last one.")
        if got.shape != expected.shape:
            return _("Expected shape (batch, hidden_size) = {expected}, got {got}. Time is "
                     "axis 0 of output.").format(expected=tuple(expected.shape),
                                                 got=tuple(got.shape))
        if not same_values(got, expected):
            return _("The shape is right but the values differ from h_n[-1].")
    return None


# 01.3 — the initial state that equals leaving it out.

def zero_state(lstm: nn.LSTM, batch: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The ``(h_0, c_0)`` pair that gives the same result as calling ``lstm(x)`` alone."""
    shape = (lstm.num_layers, batch, lstm.hidden_size)
    return torch.zeros(shape), torch.zeros(shape)


def _judge_zero_state(answer: Any) -> str | None:
    # batch, num_layers and hidden_size all differ: a shape shows which size went where
    cases = [(nn.LSTM(10, 6, 2), 3), (nn.LSTM(3, 5, 1), 4), (nn.LSTM(4, 8, 3), 7)]
    for lstm, batch in cases:
        expected = torch.zeros(lstm.num_layers, batch, lstm.hidden_size)
        state = tensor_pair(call(answer, lstm, batch), ("h_0", "c_0"))
        for name, tensor in zip(("h_0", "c_0"), state, strict=True):
            if tensor.shape != expected.shape:
                return _("For nn.LSTM({input_size}, {hidden_size}, {num_layers}) and batch="
                         "{batch}, {name} should have shape {expected} = (num_layers, batch, "
                         "hidden_size); yours is {got}. Read the sizes from lstm.num_layers "
                         "and lstm.hidden_size.").format(
                             input_size=lstm.input_size, hidden_size=lstm.hidden_size,
                             num_layers=lstm.num_layers, batch=batch, name=name,
                             expected=tuple(expected.shape), got=tuple(tensor.shape))
            if not same_values(tensor, expected, exact=True):
                return _("The shapes are right, but lstm(x, (h_0, c_0)) would differ from "
                         "lstm(x): the default initial state is all zeros.")
    return None


EXERCISES = {
    "01.1": Exercise(_judge_shapes, _reference_shapes, solution_code=_SHAPES_SOLUTION),
    "01.2": Exercise(_judge_top_layer_final, top_layer_final, answer_is_function=True),
    "01.3": Exercise(_judge_zero_state, zero_state, answer_is_function=True),
}
