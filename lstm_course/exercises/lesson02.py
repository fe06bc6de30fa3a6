"""Exercises of lesson 02, inside the cell. The right answers come from torch itself."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from lstm_course.exercises import Exercise, call
from lstm_course.exercises.answers import plain_tensor, same_values, whole_number
from lstm_course.i18n import _


def _gate(k: int) -> str:
    """The name of gate block ``k`` in PyTorch's order i, f, g, o."""
    return (_("input gate i"), _("forget gate f"), _("cell candidate g"), _("output gate o"))[k]


# 02.1 — write the forget-gate line.

def forget_gate(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor,
                weight_hh: torch.Tensor, bias_ih: torch.Tensor,
                bias_hh: torch.Tensor) -> torch.Tensor:
    """The forget gate f of one step, from the input x_t, the previous h and the stacked weights."""
    hidden = weight_ih.shape[0] // 4  # 4 * hidden_size rows: the gates i, f, g, o stacked
    rows = slice(hidden, 2 * hidden)  # f is the second block
    return torch.sigmoid(x @ weight_ih[rows].T + bias_ih[rows] + h @ weight_hh[rows].T
                         + bias_hh[rows])


def _forget_gate_from_torch(cell: nn.LSTMCell, x: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    # c_t = f * c_prev + i * g: raising c_prev from 0 to 1 raises c_t by exactly f.
    zeros, ones = torch.zeros_like(h), torch.ones_like(h)
    return cell(x, (h, ones))[1] - cell(x, (h, zeros))[1]


def _judge_forget_gate(answer: Any) -> str | None:
    torch.manual_seed(3)
    cases = []
    for input_size, hidden, batch in ((10, 6, 2), (3, 4, 5), (7, 2, 1)):
        cell = nn.LSTMCell(input_size, hidden).double()
        x, h = torch.randn(batch, input_size).double(), torch.randn(batch, hidden).double()
        weights = tuple(w.detach() for w in (cell.weight_ih, cell.weight_hh, cell.bias_ih,
                                             cell.bias_hh))
        with torch.no_grad():
            expected = _forget_gate_from_torch(cell, x, h)
            input_part = x @ cell.weight_ih.T + cell.bias_ih
            pre = (input_part + h @ cell.weight_hh.T + cell.bias_hh).chunk(4, dim=1)
            one_bias = [torch.sigmoid(pre[1] - bias.chunk(4)[1]) for bias in weights[2:]]
        cases.append((x, h, weights, expected, pre, one_bias))
    for x, h, weights, expected, pre, one_bias in cases:
        got = plain_tensor(call(answer, x, h, *weights), "f")
        if got.shape != expected.shape:
            return _("f has one value per sequence and hidden unit: shape (batch, hidden_size) "
                     "= {expected}; yours is {got}. Take hidden_size rows of each weight, not "
                     "all 4 * hidden_size.").format(expected=tuple(expected.shape),
                                                    got=tuple(got.shape))
        if same_values(got, expected):
            continue
        for k in (0, 2, 3):
            if same_values(got, torch.sigmoid(pre[k])):
                return _("Those are the rows of the {gate}. PyTorch stacks the gates in the "
                         "order i, f, g, o: f is the second block, rows hidden_size to "
                         "2 * hidden_size.").format(gate=_gate(k))
        if same_values(got, pre[1]):
            return _("Right rows; now squash the sum with torch.sigmoid, so f lies between 0 "
                     "and 1.")
        if any(same_values(got, candidate) for candidate in one_bias):
            return _("Add both biases: f = sigmoid(W_if x + b_if + W_hf h + b_hf) uses bias_ih "
                     "and bias_hh.")
        return _("Not f yet. f = sigmoid(W_if x + b_if + W_hf h + b_hf), with both biases and "
                 "the second block of rows of each weight.")
    return None


# 02.2 — find the output gate's rows in weight_hh_l0.

def output_gate_rows(lstm: nn.LSTM) -> torch.Tensor:
    """The rows of ``lstm.weight_hh_l0`` through which the previous h reaches the output gate."""
    hidden = lstm.hidden_size
    return lstm.weight_hh_l0[3 * hidden:4 * hidden]  # i, f, g, o: o is the fourth block


def _judge_output_gate_rows(answer: Any) -> str | None:
    torch.manual_seed(4)
    cases = []
    for lstm in (nn.LSTM(10, 6, 2), nn.LSTM(3, 4), nn.LSTM(5, 8, proj_size=3)):
        # The documented layout: weight_hh_l0 is (W_hi | W_hf | W_hg | W_ho), stacked by rows.
        cases.append((lstm, lstm.weight_hh_l0.detach().clone().chunk(4),
                      lstm.weight_ih_l0.detach().clone().chunk(4)[3]))
    for lstm, blocks, input_rows in cases:
        got = plain_tensor(call(answer, lstm), _("The result"))
        if same_values(got, input_rows, exact=True):
            return _("Take the rows from weight_hh_l0 (the h_{t-1} weights), not weight_ih_l0.")
        if got.shape != blocks[3].shape:
            return _("For hidden_size={hidden} the block has {hidden} rows and as many columns "
                     "as h: shape {expected}; yours is {got}.").format(
                         hidden=lstm.hidden_size, expected=tuple(blocks[3].shape),
                         got=tuple(got.shape))
        if same_values(got, blocks[3], exact=True):
            continue
        for k in range(3):
            if same_values(got, blocks[k], exact=True):
                return _("Those rows feed the {gate}. PyTorch stacks i, f, g, o, so the output "
                         "gate is the last block.").format(gate=_gate(k))
        return _("Not the output gate's rows yet: use lstm.weight_hh_l0 and lstm.hidden_size.")
    return None


# 02.3 — count the parameters by formula.

def lstm_parameter_count(input_size: int, hidden_size: int, num_layers: int) -> int:
    """How many numbers ``nn.LSTM(input_size, hidden_size, num_layers)`` learns."""
    total = 0
    for layer in range(num_layers):
        layer_input = input_size if layer == 0 else hidden_size  # layer k reads layer k-1's h
        total += 4 * hidden_size * (layer_input + hidden_size)  # weight_ih and weight_hh
        total += 2 * 4 * hidden_size  # bias_ih and bias_hh
    return total


def _judge_parameter_count(answer: Any) -> str | None:
    cases = [(sizes, sum(p.numel() for p in nn.LSTM(*sizes).parameters()))
             for sizes in ((10, 6, 2), (3, 5, 1), (4, 8, 3), (7, 2, 4))]
    for sizes, expected in cases:
        got = whole_number(call(answer, *sizes), _("The count"))
        if got == expected:
            continue
        input_size, hidden, layers = sizes
        if got == expected - 4 * hidden * layers:
            return _("There are two bias vectors per layer, bias_ih and bias_hh, each "
                     "4 * hidden_size long.")
        if got == layers * (4 * hidden * (input_size + hidden) + 8 * hidden) and layers > 1:
            return _("Layers above the first read the hidden state of the layer below: their "
                     "input size is hidden_size, not input_size.")
        if got == expected // 4:
            return _("That is the count of one gate. Each of the four gates (i, f, g, o) has "
                     "its own rows in every weight and bias: multiply by 4.")
        return _("nn.LSTM({input_size}, {hidden}, {layers}) has {expected} parameters; your "
                 "function gives {got}. Each of the four gates has its own rows in every "
                 "weight.").format(input_size=input_size, hidden=hidden, layers=layers,
                                   expected=expected, got=got)
    return None


EXERCISES = {
    "02.1": Exercise(_judge_forget_gate, forget_gate, answer_is_function=True),
    "02.2": Exercise(_judge_output_gate_rows, output_gate_rows, answer_is_function=True),
    "02.3": Exercise(_judge_parameter_count, lstm_parameter_count, answer_is_function=True),
}
