"""Exercises of lesson 02, inside the cell. The right answers come from torch itself."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from lstm_course.exercises import Exercise, call

GATES = ("input gate i", "forget gate f", "cell candidate g", "output gate o")


# 02.1 — write the forget-gate line.

def forget_gate(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor,
                weight_hh: torch.Tensor, bias_ih: torch.Tensor,
                bias_hh: torch.Tensor) -> torch.Tensor:
    """The forget gate f of one step, from the input x_t, the previous h and the stacked weights."""
    hidden = weight_hh.shape[1]
    rows = slice(hidden, 2 * hidden)  # gates are stacked i, f, g, o: f is the second block
    return torch.sigmoid(x @ weight_ih[rows].T + bias_ih[rows] + h @ weight_hh[rows].T
                         + bias_hh[rows])


def _forget_gate_from_torch(cell: nn.LSTMCell, x: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    # c_t = f * c_prev + i * g: raising c_prev from 0 to 1 raises c_t by exactly f.
    zeros, ones = torch.zeros_like(h), torch.ones_like(h)
    return cell(x, (h, ones))[1] - cell(x, (h, zeros))[1]


def _judge_forget_gate(answer: Any) -> str | None:
    if not callable(answer):
        return ("Give a function, e.g. def forget_gate(x, h, weight_ih, weight_hh, bias_ih, "
                "bias_hh): return ...")
    torch.manual_seed(3)
    for input_size, hidden, batch in ((10, 6, 2), (3, 4, 5), (7, 2, 1)):
        cell = nn.LSTMCell(input_size, hidden).double()
        x, h = torch.randn(batch, input_size).double(), torch.randn(batch, hidden).double()
        weights = (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
        with torch.no_grad():
            got = call(answer, x, h, *weights)
            expected = _forget_gate_from_torch(cell, x, h)
            pre_activation = (x @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T
                              + cell.bias_hh).chunk(4, dim=1)
        if not isinstance(got, torch.Tensor):
            return f"Return a tensor, not {type(got).__name__}."
        if got.shape != expected.shape:
            return (f"f has one value per sequence and hidden unit: shape (batch, hidden_size) "
                    f"= {tuple(expected.shape)}; yours is {tuple(got.shape)}. Take "
                    f"hidden_size rows of each weight, not all 4 * hidden_size.")
        if torch.allclose(got, expected, atol=1e-10):
            continue
        for k, gate in enumerate(GATES):
            if k != 1 and torch.allclose(got, torch.sigmoid(pre_activation[k]), atol=1e-10):
                return (f"Those are the rows of the {gate}. PyTorch stacks the gates in the "
                        f"order i, f, g, o: f is the second block, rows hidden_size to "
                        f"2 * hidden_size.")
        if torch.allclose(got, pre_activation[1], atol=1e-10):
            return "Right rows; now squash the sum with torch.sigmoid, so f lies between 0 and 1."
        return ("Not f yet. f = sigmoid(W_if x + b_if + W_hf h + b_hf), with both biases and the "
                "second block of rows of each weight.")
    return None


# 02.2 — find the output gate's rows in weight_hh_l0.

def output_gate_rows(lstm: nn.LSTM) -> torch.Tensor:
    """The rows of ``lstm.weight_hh_l0`` through which the previous h reaches the output gate."""
    hidden = lstm.hidden_size
    return lstm.weight_hh_l0[3 * hidden:4 * hidden]  # i, f, g, o: o is the fourth block


def _judge_output_gate_rows(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function of the LSTM, e.g. def output_gate_rows(lstm): return ..."
    torch.manual_seed(4)
    for lstm in (nn.LSTM(10, 6, 2), nn.LSTM(3, 4), nn.LSTM(5, 8, proj_size=3)):
        got = call(answer, lstm)
        blocks = lstm.weight_hh_l0.chunk(4)  # documented layout: (W_hi | W_hf | W_hg | W_ho)
        if not isinstance(got, torch.Tensor):
            return f"Return a tensor, not {type(got).__name__}."
        if torch.equal(got, lstm.weight_ih_l0.chunk(4)[3]):
            return "Take the rows from weight_hh_l0 (the h_{t-1} weights), not weight_ih_l0."
        if got.shape != blocks[3].shape:
            return (f"For hidden_size={lstm.hidden_size} the block has {lstm.hidden_size} rows "
                    f"and as many columns as h: shape {tuple(blocks[3].shape)}; yours is "
                    f"{tuple(got.shape)}.")
        if torch.equal(got, blocks[3]):
            continue
        for k, gate in enumerate(GATES[:3]):
            if torch.equal(got, blocks[k]):
                return (f"Those rows feed the {gate}. PyTorch stacks i, f, g, o, so the output "
                        f"gate is the last block.")
        return "Not the output gate's rows yet: use lstm.weight_hh_l0 and lstm.hidden_size."
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
    if not callable(answer):
        return ("Give a function, e.g. def lstm_parameter_count(input_size, hidden_size, "
                "num_layers): return ...")
    for sizes in ((10, 6, 2), (3, 5, 1), (4, 8, 3), (7, 2, 4)):
        got = call(answer, *sizes)
        expected = sum(p.numel() for p in nn.LSTM(*sizes).parameters())
        if got == expected:
            continue
        input_size, hidden, layers = sizes
        one_bias = expected - 4 * hidden * layers
        same_input = layers * (4 * hidden * (input_size + hidden) + 8 * hidden)
        if got == one_bias:
            return ("There are two bias vectors per layer, bias_ih and bias_hh, each "
                    "4 * hidden_size long.")
        if got == same_input and layers > 1:
            return ("Layers above the first read the hidden state of the layer below: their "
                    "input size is hidden_size, not input_size.")
        return (f"nn.LSTM({input_size}, {hidden}, {layers}) has {expected} parameters; your "
                f"function gives {got}. Each of the four gates has its own rows in every weight.")
    return None


EXERCISES = {
    "02.1": Exercise(_judge_forget_gate, forget_gate, answer_is_function=True),
    "02.2": Exercise(_judge_output_gate_rows, output_gate_rows, answer_is_function=True),
    "02.3": Exercise(_judge_parameter_count, lstm_parameter_count, answer_is_function=True),
}
