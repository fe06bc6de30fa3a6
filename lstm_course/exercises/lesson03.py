"""Exercises of lesson 03, shapes and options. The right answers come from torch itself."""

from __future__ import annotations

import warnings
from typing import Any

import torch
from torch import nn

from lstm_course.exercises import Exercise, call
from lstm_course.exercises.answers import plain_tensor, same_values, shape_dict, tensor_pair
from lstm_course.i18n import _


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


_SHAPES_SOLUTION = """\
# nn.LSTM(8, 16, num_layers=2, batch_first=True, bidirectional=True, proj_size=4) on x of
# shape (3, 7, 8): batch 3, 7 steps. batch_first moves the batch axis of output only;
# h and output have proj_size = 4 features per direction (D = 2), c keeps hidden_size = 16;
# h_n and c_n hold D * num_layers = 4 states.
answer_03_1 = {"output": (3, 7, 2 * 4), "h_n": (2 * 2, 3, 4), "c_n": (2 * 2, 3, 16)}"""


def _judge_shapes(answer: Any) -> str | None:
    lstm = nn.LSTM(8, 16, num_layers=2, batch_first=True, bidirectional=True, proj_size=4)
    output, h_n, c_n = _run(lstm, torch.zeros(3, 7, 8))
    right = {"output": tuple(output.shape), "h_n": tuple(h_n.shape), "c_n": tuple(c_n.shape)}
    given = shape_dict(answer, right)
    for name in ("h_n", "c_n"):
        if given[name][:1] == (3,):
            return _("batch_first moves the batch axis of input and output only; {name} stays "
                     "(D*num_layers, batch, ...).").format(name=name)
        if given[name][:1] == (2,):
            return _("{name} holds one state per layer and per direction: D*num_layers on "
                     "axis 0.").format(name=name)
    if given["c_n"] != right["c_n"] and given["c_n"][-1:] == (4,):
        return _("The cell state is never projected: c_n keeps hidden_size features.")
    if given["h_n"] != right["h_n"] and given["h_n"][-1:] == (16,):
        return _("With proj_size set, h (and so h_n) has proj_size features, not hidden_size.")
    if given["output"][:2] == (7, 3):
        return _("batch_first=True puts the batch first in output too: (batch, seq_len, "
                 "D*H_out).")
    if given["output"] != right["output"] and given["output"][-1:] in ((4,), (16,), (32,)):
        return _("output concatenates both directions, and each direction's h has proj_size "
                 "features: its last axis is D*H_out.")
    for name, expected in right.items():
        if given[name] != expected:
            return _("{name} is not right yet; write down the axes, then fill in each "
                     "size.").format(name=name)
    return None


# 03.2 — turn batch-first data into the time-first layout.

def fix_layout(x: torch.Tensor) -> torch.Tensor:
    """Batch-first ``x`` ``(N, L, H_in)`` as a time-first LSTM expects it, ``(L, N, H_in)``."""
    return x.transpose(0, 1)


def _judge_fix_layout(answer: Any) -> str | None:
    torch.manual_seed(3)
    cases = [torch.randn(shape) for shape in ((4, 7, 3), (2, 5, 1), (3, 3, 2))]
    for x in cases:
        expected = x.transpose(0, 1)
        got = plain_tensor(call(answer, x), _("The result"))
        if same_values(got, x, exact=True):
            return _("For x of shape {shape} you returned x unchanged; the batch and time axes "
                     "must swap.").format(shape=tuple(x.shape))
        if got.shape != expected.shape:
            return _("For x of shape {shape} the result should have shape {expected}, got "
                     "{got}.").format(shape=tuple(x.shape), expected=tuple(expected.shape),
                                      got=tuple(got.shape))
        if same_values(got, expected, exact=True):
            continue
        if same_values(got, x.reshape(expected.shape), exact=True):
            return _("The shape is right but the values are scrambled: reshape and view keep "
                     "the numbers in memory order, which cuts the sequences apart. Swap the "
                     "two axes instead.")
        return _("The shape is right but the values are not where they should be.")
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
    torch.manual_seed(4)
    lstms = (nn.LSTM(3, 5, 2, bidirectional=True), nn.LSTM(3, 6, 1, proj_size=2),
             nn.LSTM(4, 8, 3, batch_first=True, bidirectional=True, proj_size=5))
    cases = []
    for lstm, batch in zip(lstms, (2, 3, 4), strict=True):
        x = torch.zeros((batch, 6, lstm.input_size) if lstm.batch_first
                        else (6, batch, lstm.input_size))
        _output, h_n, c_n = _run(lstm, x)
        cases.append((lstm, batch, torch.zeros_like(h_n), torch.zeros_like(c_n)))
    for lstm, batch, *finals in cases:
        states = 2 * lstm.num_layers if lstm.bidirectional else lstm.num_layers
        state = tensor_pair(call(answer, lstm, batch), ("h_0", "c_0"))
        for name, tensor, final in zip(("h_0", "c_0"), state, finals, strict=True):
            shape, expected = tuple(tensor.shape), tuple(final.shape)
            if shape == expected:
                if not same_values(tensor, final, exact=True):
                    return _("The shapes are right, but lstm(x, (h_0, c_0)) would differ "
                             "from lstm(x): use zeros.")
                continue
            if shape == (batch, states, *expected[2:]):
                return _("For {lstm}, {name} should have shape {expected}: the states keep the "
                         "batch on axis 1, and batch_first never moves it (it moves the batch "
                         "of input and output only).").format(lstm=lstm, name=name,
                                                               expected=expected)
            if shape[:1] != expected[:1]:
                return _("For {lstm}, axis 0 of {name} should be {count}: one state per layer "
                         "and direction, D*num_layers.").format(lstm=lstm, name=name,
                                                                count=expected[0])
            if name == "h_0" and lstm.proj_size and shape[-1:] == (lstm.hidden_size,):
                return _("For {lstm}, h_0 has proj_size features, not hidden_size.").format(
                    lstm=lstm)
            if name == "c_0" and lstm.proj_size and shape[-1:] == (lstm.proj_size,):
                return _("For {lstm}, c_0 keeps hidden_size features: only h is "
                         "projected.").format(lstm=lstm)
            return _("For {lstm} and batch={batch}, {name} should have shape {expected}; "
                     "yours is {got}.").format(lstm=lstm, batch=batch, name=name,
                                               expected=expected, got=shape)
    return None


# 03.4 — the top layer's two final states, side by side.

def final_features(h_n: torch.Tensor) -> torch.Tensor:
    """``(N, 2*H_out)``: the top layer's forward and backward final states of a bidirectional
    LSTM, forward first, read from ``h_n`` ``(2*num_layers, N, H_out)``."""
    return torch.cat([h_n[-2], h_n[-1]], dim=1)


def _judge_final_features(answer: Any) -> str | None:
    torch.manual_seed(5)
    cases = []
    for layers, hidden in ((2, 4), (3, 2), (1, 5)):
        output, h_n, _c_n = _run(nn.LSTM(3, hidden, layers, bidirectional=True),
                                 torch.randn(6, 2, 3))
        # From output itself: the forward direction ends at the last step, backward at step 0.
        expected = torch.cat([output[-1, :, :hidden], output[0, :, hidden:]], dim=1)
        cases.append((layers, h_n, expected, torch.cat([h_n[-1], h_n[-2]], dim=1)))
    for layers, h_n, expected, swapped in cases:
        got = plain_tensor(call(answer, h_n), _("The result"))
        if same_values(got, h_n[-1]):
            return _("h_n[-1] is only the top layer's backward direction; the forward one is "
                     "h_n[-2]. Put both side by side.")
        if got.shape != expected.shape:
            return _("Expected shape (batch, 2*H_out) = {expected}, got {got}. Concatenate "
                     "along the feature axis.").format(expected=tuple(expected.shape),
                                                       got=tuple(got.shape))
        if same_values(got, swapped):
            return _("Put the forward direction first, as output does: h_n[-2], then h_n[-1].")
        if not same_values(got, expected):
            return _("With num_layers={layers} those are not the top layer's states: the top "
                     "layer is the last two entries of h_n.").format(layers=layers)
    return None


EXERCISES = {
    "03.1": Exercise(_judge_shapes, _reference_shapes, solution_code=_SHAPES_SOLUTION),
    "03.2": Exercise(_judge_fix_layout, fix_layout, answer_is_function=True),
    "03.3": Exercise(_judge_initial_state, initial_state, answer_is_function=True),
    "03.4": Exercise(_judge_final_features, final_features, answer_is_function=True),
}
