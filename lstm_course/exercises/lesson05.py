"""Exercises of lesson 05, long memory. The right answers come from torch itself."""

from __future__ import annotations

import math
from typing import Any

import torch
from torch import nn

from lstm_course.data import adding_problem
from lstm_course.exercises import Exercise, LearnerError, NotAttempted, call
from lstm_course.exercises.answers import close, number, plain_tensor, same_values, tensor_pair
from lstm_course.i18n import _

# 05.1 — the forget gate of a cell whose input and state are zero.


def _reference_forget_gate() -> float:
    # Both bias vectors are added before the sigmoid: f = sigmoid(1.5 + (-0.5)) = sigmoid(1.0).
    return torch.sigmoid(torch.tensor(1.5 - 0.5)).item()


_FORGET_GATE_SOLUTION = """\
import math

# With zero weights, input and state, only the biases reach the gate, and both are added
# before the sigmoid: f = sigmoid(1.5 + (-0.5)) = sigmoid(1.0).
answer_05_1 = 1 / (1 + math.exp(-(1.5 - 0.5)))  # 0.731"""


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
    right = _forget_gate_from_torch(1.5, -0.5)
    value = number(answer, _("Your answer"))
    if close(value, right, 5e-4):  # three decimals, as the task asks
        return None
    for one_bias in (1.5, -0.5):
        if close(value, 1 / (1 + math.exp(-one_bias)), 1e-3):
            return _("That is sigmoid({bias}): the gate adds both biases, bias_ih + bias_hh, "
                     "before the sigmoid.").format(bias=one_bias)
    if close(value, 1.0, 1e-3):
        return _("1.0 is the sum of the biases; a gate passes its sum through the sigmoid.")
    if close(value, math.tanh(1.0), 1e-3):
        return _("That is tanh(1.0). Gates use the sigmoid, which keeps them between 0 and 1.")
    if close(value, right, 0.01):
        return _("Close: give three decimals.")
    return _("With zero input and zero state, f = sigmoid(bias_ih[f] + bias_hh[f]).")


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
    torch.manual_seed(5)
    cases = [(nn.LSTM(3, 5, 2), 1.0), (nn.LSTM(2, 4, 1, bidirectional=True), 2.5)]
    befores = [{name: p.detach().clone() for name, p in lstm.named_parameters()}
               for lstm, _value in cases]
    for (lstm, value), before in zip(cases, befores, strict=True):
        try:
            returned = call(answer, lstm, value, in_place=True)
        except NotAttempted:
            if any(not same_values(p, before[n], exact=True) for n, p in lstm.named_parameters()):
                return _("Your function changed lstm but returned None: end it with "
                         "return lstm.")
            raise
        if returned is not lstm:
            return _("Change lstm in place and return it (return lstm).")
        hint = _forget_bias_hint(lstm, value, before)
        if hint is not None:
            return hint
    return None


def _forget_bias_hint(lstm: nn.LSTM, value: float, before: dict[str, torch.Tensor]) -> str | None:
    hidden, params = lstm.hidden_size, dict(lstm.named_parameters())
    forget = slice(hidden, 2 * hidden)
    others = [r for r in range(4 * hidden) if not hidden <= r < 2 * hidden]
    target = torch.full((hidden,), float(value), dtype=torch.float64)
    for count, name in enumerate(n for n in params if n.startswith("bias_ih")):
        partner = name.replace("_ih", "_hh")
        ih, hh = params[name].detach(), params[partner].detach()
        if not same_values(ih[forget] + hh[forget], target):
            if same_values(ih[forget] + hh[forget], 2 * target):
                return _("In {name} the forget gate's bias is {twice}, not {value}: it adds "
                         "bias_ih and bias_hh, so set one of them to {value} and the other to "
                         "0.").format(name=name, twice=2 * value, value=value)
            if same_values(ih[forget], target) and same_values(hh[forget], before[partner][forget],
                                                               exact=True):
                return _("The forget rows of {name} are {value}, but {partner} still adds its "
                         "own values: the gate uses their sum. Set the forget rows of {partner} "
                         "to 0.").format(name=name, value=value, partner=partner)
            if count > 0 and all(same_values(p[forget], before[n][forget], exact=True)
                                 for n, p in ((name, ih), (partner, hh))):
                return _("{name} and {partner} are unchanged: every layer and direction has "
                         "its own biases. Loop over lstm.named_parameters() to reach them "
                         "all.").format(name=name, partner=partner)
            return _("The forget-gate rows of {name} and {partner} should add up to {value}. "
                     "The gates are stacked i, f, g, o: f is rows hidden_size:2*hidden_size."
                     ).format(name=name, partner=partner, value=value)
        for kind in (name, partner):
            if not same_values(params[kind].detach()[others], before[kind][others], exact=True):
                return _("Rows other than the forget gate changed in {name}; only rows "
                         "hidden_size:2*hidden_size belong to f.").format(name=kind)
    if any(not same_values(p, before[n], exact=True) for n, p in params.items() if "weight" in n):
        return _("Leave the weights alone; only the biases set the gate's starting point.")
    return None


# 05.3 — the gradient norm of the loss with respect to each input step.

class _Regressor(nn.Module):
    """A small RNN reading an adding-problem batch ``(L, N, 2)`` and predicting ``(N,)``."""

    def __init__(self, recurrent_scale: float = 1.0) -> None:
        super().__init__()
        self.rnn, self.head = nn.RNN(2, 8), nn.Linear(8, 1)
        with torch.no_grad():  # a smaller weight_hh makes the early gradients vanish faster
            self.rnn.weight_hh_l0.mul_(recurrent_scale)

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
    cases = []
    # The second model's first gradients are about 1e-24: their float32 squares underflow.
    for seed, scale in ((6, 1.0), (6, 0.3)):
        torch.manual_seed(seed)
        model = _Regressor(scale)
        x, y = adding_problem(16, 30, generator=torch.Generator().manual_seed(seed))
        x_grad = x.clone().requires_grad_()
        with torch.enable_grad():
            (grad,) = torch.autograd.grad(nn.functional.mse_loss(model(x_grad), y), x_grad)
        cases.append((model, x, y, grad.double().norm(dim=(1, 2)),
                      grad.norm(dim=(1, 2)).double()))
    for model, x, y, expected, float32_norms in cases:
        norms = plain_tensor(call(answer, model, x, y), _("The norms"))
        if norms.shape != expected.shape:
            return _("Return one norm per time step: shape (seq_len,) = {expected}, got {got}. "
                     "Take the gradient with respect to x, then the norm of each "
                     "grad[t].").format(expected=tuple(expected.shape), got=tuple(norms.shape))
        if norms.dtype != torch.float64:
            return _("Your norms are {dtype}; compute them in float64 (grad.double()): squares "
                     "of tiny float32 gradients underflow to 0.").format(
                         dtype=str(norms.dtype).removeprefix("torch."))
        if same_values(norms, expected, rtol=1e-4, atol=0.0):
            continue
        if same_values(norms, float32_norms, rtol=1e-4, atol=0.0):
            return _("Your norms are float64, but they were computed in float32 and cast "
                     "afterwards: the first steps' tiny gradients square to 0 in float32. "
                     "Convert the gradient before the norm: grad.double().norm(...).")
        if same_values(norms, expected * x.shape[1], rtol=1e-4, atol=0.0):
            return _("Your norms are {count} times too large: the loss is the mean squared "
                     "error over the batch (reduction='mean', the default).").format(
                         count=x.shape[1])
        return _("The values differ from the gradient norms: use the mean squared error of "
                 "model(x) and y, differentiate it with respect to x, and take the norm of each "
                 "time step (over the batch and the features).")
    return None


# 05.4 — an initial state that fits every batch.

def initial_state(lstm: nn.LSTM, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Zero ``(h_0, c_0)`` sized for the batch of ``x``, on its device and dtype."""
    batch = x.size(0) if lstm.batch_first else x.size(1)
    layers = lstm.num_layers * (2 if lstm.bidirectional else 1)
    h_0 = x.new_zeros(layers, batch, lstm.proj_size or lstm.hidden_size)
    return h_0, x.new_zeros(layers, batch, lstm.hidden_size)


def _judge_initial_state(answer: Any) -> str | None:
    torch.manual_seed(7)
    cases = [(nn.LSTM(2, 32), torch.randn(50, 64, 2)), (nn.LSTM(2, 32), torch.randn(50, 40, 2)),
             (nn.LSTM(3, 4, 2, batch_first=True), torch.randn(5, 7, 3)),
             (nn.LSTM(3, 6, 1, bidirectional=True), torch.randn(4, 2, 3)),
             (nn.LSTM(3, 5).double(), torch.randn(6, 3, 3, dtype=torch.float64)),
             # "meta" tensors have sizes, a dtype and a device but no values: a second device
             # that every machine has.
             (nn.LSTM(3, 5), torch.empty(6, 2, 3, device="meta"))]
    expected_states = []
    for lstm, x in cases:
        one_step = (x.shape[0], 1, x.shape[2]) if lstm.batch_first else (1, *x.shape[1:])
        with torch.no_grad():  # the states' shapes do not depend on the length
            _output, (h_n, c_n) = lstm(torch.zeros(one_step, dtype=x.dtype))
        expected_states.append((torch.zeros_like(h_n), torch.zeros_like(c_n)))
    for (lstm, x), expected in zip(cases, expected_states, strict=True):
        try:
            state = tensor_pair(call(answer, lstm, x), ("h_0", "c_0"))
        except LearnerError as err:
            if x.device.type != "meta":
                raise
            return _("Your function failed for an x on the 'meta' device, which has sizes, a "
                     "dtype and a device but no values ({error}). Build the zeros from x's "
                     "sizes, dtype and device alone.").format(error=type(err.error).__name__)
        for name, tensor, zeros in zip(("h_0", "c_0"), state, expected, strict=True):
            if tensor.shape != zeros.shape:
                return _("For x of shape {shape} (batch_first={batch_first}, bidirectional="
                         "{bidirectional}) {name} should have shape {expected}, got {got}. Read "
                         "the batch size from x: x.size(1), or x.size(0) with "
                         "batch_first=True.").format(
                             shape=tuple(x.shape), batch_first=lstm.batch_first,
                             bidirectional=lstm.bidirectional, name=name,
                             expected=tuple(zeros.shape), got=tuple(tensor.shape))
            if tensor.dtype != x.dtype:
                return _("{name} is {got} but x is {dtype}: create it with x's dtype and "
                         "device, e.g. x.new_zeros(...).").format(
                             name=name, got=str(tensor.dtype).removeprefix("torch."),
                             dtype=str(x.dtype).removeprefix("torch."))
            if tensor.device != x.device:
                return _("{name} is on the device {got} but x is on {device}: create it on "
                         "x's device, e.g. x.new_zeros(...) or torch.zeros(..., "
                         "device=x.device).").format(name=name, got=tensor.device,
                                                     device=x.device)
            if x.device.type != "meta" and not same_values(tensor, zeros, exact=True):
                return _("The shapes are right, but the state should be zeros, like lstm's "
                         "default.")
    return None


EXERCISES = {
    "05.1": Exercise(_judge_forget_gate, _reference_forget_gate,
                     solution_code=_FORGET_GATE_SOLUTION),
    "05.2": Exercise(_judge_set_forget_bias, set_forget_bias, answer_is_function=True),
    "05.3": Exercise(_judge_input_gradient_norms, input_gradient_norms, answer_is_function=True,
                     dtype_matters=True),
    "05.4": Exercise(_judge_initial_state, initial_state, answer_is_function=True,
                     dtype_matters=True),
}
