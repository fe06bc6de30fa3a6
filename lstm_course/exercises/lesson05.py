"""Exercises of lesson 05, long memory. The right answers come from torch itself."""

from __future__ import annotations

import math
from typing import Any

import torch
from torch import nn

from lstm_course.data import adding_problem
from lstm_course.exercises import Exercise, call

# 05.1 — the forget gate of a cell whose input and state are zero.


def _reference_forget_gate() -> float:
    # Both bias vectors are added before the sigmoid: f = sigmoid(1.5 + (-0.5)) = sigmoid(1.0).
    return torch.sigmoid(torch.tensor(1.5 - 0.5)).item()


def _forget_gate_from_torch(bias_ih: float, bias_hh: float) -> float:
    """Read f off an ``nn.LSTMCell``: zero weights, g = tanh(0) = 0 and c_0 = 1 give c_1 = f."""
    cell = nn.LSTMCell(1, 1)
    with torch.no_grad():
        for parameter in cell.parameters():
            parameter.zero_()
        cell.bias_ih[1] = bias_ih  # gates stacked i, f, g, o: row 1 is f when hidden_size is 1
        cell.bias_hh[1] = bias_hh
        _, c_1 = cell(torch.zeros(1, 1), (torch.zeros(1, 1), torch.ones(1, 1)))
    return c_1.item()


def _judge_forget_gate(answer: Any) -> str | None:
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return "Give one number, e.g. 0.5."
    right = _forget_gate_from_torch(1.5, -0.5)
    if math.isclose(answer, right, abs_tol=1e-3):
        return None
    if math.isclose(answer, torch.sigmoid(torch.tensor(1.5)).item(), abs_tol=1e-3):
        return "That is sigmoid(1.5): the gate adds both biases, bias_ih + bias_hh, first."
    if math.isclose(answer, 1.0, abs_tol=1e-3):
        return "1.0 is the sum of the biases; a gate passes its sum through the sigmoid."
    return "With zero input and zero state, f = sigmoid(bias_ih[f] + bias_hh[f])."


# 05.2 — set the forget-gate bias of every layer.

def set_forget_bias(lstm: nn.LSTM, value: float) -> nn.LSTM:
    """Make the forget gate's total bias equal ``value`` in every layer and direction."""
    hidden = lstm.hidden_size
    with torch.no_grad():
        for name, parameter in lstm.named_parameters():
            if name.startswith("bias_ih"):
                parameter[hidden:2 * hidden] = value  # rows H:2H are the forget gate (i, f, g, o)
            elif name.startswith("bias_hh"):
                parameter[hidden:2 * hidden] = 0.0  # the gate adds both biases: keep the sum
    return lstm


def _judge_set_forget_bias(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def set_forget_bias(lstm, value): ... return lstm"
    torch.manual_seed(5)
    for lstm, value in ((nn.LSTM(3, 5, 2), 1.0), (nn.LSTM(2, 4, 1, bidirectional=True), 2.5)):
        before = {name: p.detach().clone() for name, p in lstm.named_parameters()}
        if call(answer, lstm, value) is not lstm:
            return "Change lstm in place and return it (return lstm)."
        hidden, params = lstm.hidden_size, dict(lstm.named_parameters())
        forget, others = slice(hidden, 2 * hidden), [r for r in range(4 * hidden)
                                                      if not hidden <= r < 2 * hidden]
        for name in (n for n in params if n.startswith("bias_ih")):
            ih, hh = params[name].detach(), params[name.replace("_ih", "_hh")].detach()
            total = ih[forget] + hh[forget]
            if torch.allclose(total, torch.full_like(total, 2 * value)):
                return (f"In {name} the forget gate's bias is {2 * value}, not {value}: it adds "
                        f"bias_ih and bias_hh, so set one of them to {value} and the other to 0.")
            if not torch.allclose(total, torch.full_like(total, value)):
                return (f"The forget-gate rows of {name} and {name.replace('_ih', '_hh')} should "
                        f"add up to {value}. The gates are stacked i, f, g, o: f is rows "
                        f"hidden_size:2*hidden_size, and every layer (and direction) has its own "
                        f"biases.")
            for kind in (name, name.replace("_ih", "_hh")):
                if not torch.equal(params[kind].detach()[others], before[kind][others]):
                    return (f"Rows other than the forget gate changed in {kind}; only rows "
                            f"hidden_size:2*hidden_size belong to f.")
        if any(not torch.equal(p.detach(), before[n]) for n, p in params.items() if "weight" in n):
            return "Leave the weights alone; only the biases set the gate's starting point."
    return None


# 05.3 — the gradient norm of the loss with respect to each input step.

class _Regressor(nn.Module):
    """A small RNN reading an adding-problem batch ``(L, N, 2)`` and predicting ``(N,)``."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn, self.head = nn.RNN(2, 8), nn.Linear(8, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        output, _ = self.rnn(x)
        return self.head(output[-1]).squeeze(-1)


def input_gradient_norms(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """``(L,)`` float64: the norm of ∂MSE/∂x_t for each time step t of ``x`` ``(L, N, H_in)``."""
    x = x.clone().requires_grad_()
    loss = nn.functional.mse_loss(model(x), y)
    (grad,) = torch.autograd.grad(loss, x)
    return grad.double().norm(dim=(1, 2))  # float64: tiny squares would underflow in float32


def _judge_input_gradient_norms(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def input_gradient_norms(model, x, y): ... return norms"
    torch.manual_seed(6)
    model = _Regressor()
    x, y = adding_problem(16, 30, generator=torch.Generator().manual_seed(6))
    norms = call(answer, model, x, y)
    if not isinstance(norms, torch.Tensor):
        return f"Return a tensor, got {type(norms).__name__}."
    if norms.shape != (30,):
        return (f"Return one norm per time step: shape (seq_len,) = (30,), got "
                f"{tuple(norms.shape)}. Take the gradient with respect to x, then the norm of "
                f"each grad[t].")
    if norms.dtype != torch.float64:
        return (f"Your norms are {norms.dtype}; compute them in float64 (grad.double()): "
                f"squares of tiny float32 gradients underflow to 0.")
    expected = input_gradient_norms(model, x, y)
    if not torch.allclose(norms, expected, rtol=1e-5, atol=0):
        return ("The values differ from the gradient norms: use the mean squared error of "
                "model(x) and y, differentiate it with respect to x, and take the norm of "
                "each time step (over the batch and the features).")
    return None


# 05.4 — an initial state that fits every batch.

def initial_state(lstm: nn.LSTM, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Zero ``(h_0, c_0)`` sized for the batch of ``x``, on its device and dtype."""
    batch = x.size(0) if lstm.batch_first else x.size(1)
    layers = lstm.num_layers * (2 if lstm.bidirectional else 1)
    h_0 = x.new_zeros(layers, batch, lstm.proj_size or lstm.hidden_size)
    return h_0, x.new_zeros(layers, batch, lstm.hidden_size)


def _judge_initial_state(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def initial_state(lstm, x): ... return h_0, c_0"
    torch.manual_seed(7)
    cases = ((nn.LSTM(2, 32), torch.randn(50, 64, 2)), (nn.LSTM(2, 32), torch.randn(50, 40, 2)),
             (nn.LSTM(3, 4, 2, batch_first=True), torch.randn(5, 7, 3)),
             (nn.LSTM(3, 6, 1, bidirectional=True), torch.randn(4, 2, 3)))
    for lstm, x in cases:
        state = call(answer, lstm, x)
        if not isinstance(state, (tuple, list)) or len(state) != 2:
            return "Return a pair (h_0, c_0)."
        with torch.no_grad():
            output, (h_n, c_n) = lstm(x)
        for name, tensor, expected in (("h_0", state[0], h_n), ("c_0", state[1], c_n)):
            if not isinstance(tensor, torch.Tensor):
                return f"{name} should be a tensor, got {type(tensor).__name__}."
            if tensor.shape != expected.shape:
                return (f"For x of shape {tuple(x.shape)} (batch_first={lstm.batch_first}, "
                        f"bidirectional={lstm.bidirectional}) {name} should have shape "
                        f"{tuple(expected.shape)}, got {tuple(tensor.shape)}. Read the batch "
                        f"size from x: x.size(1), or x.size(0) with batch_first=True.")
            if tensor.dtype != x.dtype or tensor.device != x.device:
                return f"Create {name} on x's device and with its dtype, e.g. x.new_zeros(...)."
        with torch.no_grad():
            given, _ = lstm(x, tuple(state))
        if not torch.allclose(given, output):
            return "The shapes are right, but the state should be zeros, like lstm's default."
    return None


EXERCISES = {
    "05.1": Exercise(_judge_forget_gate, _reference_forget_gate),
    "05.2": Exercise(_judge_set_forget_bias, set_forget_bias, answer_is_function=True),
    "05.3": Exercise(_judge_input_gradient_norms, input_gradient_norms, answer_is_function=True),
    "05.4": Exercise(_judge_initial_state, initial_state, answer_is_function=True),
}
