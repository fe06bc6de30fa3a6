"""The checks of a ``ScratchLSTM`` call: its input and its initial state ``(h_0, c_0)``.

Kept apart from ``scratch`` so that the computation there reads top to bottom. Each check
raises the error ``nn.LSTM`` would, in words: what was expected, what was given, the fix.
"""

from __future__ import annotations

from typing import Any

from torch import Tensor

from lstm_course._checks import describe
from lstm_course.i18n import _
from lstm_course.shapes import input_layout, lstm_shapes


def check_input(lstm: Any, input: Any) -> bool:
    """Check rank, size and dtype of ``input`` for ``lstm``; return whether it is batched."""
    if not isinstance(input, Tensor):
        raise TypeError(_("input must be a torch.Tensor or a PackedSequence, got {got}. Convert "
                          "it with torch.tensor(...).").format(got=describe(input)))
    layout = input_layout(lstm.batch_first)
    if input.dim() not in (2, 3):
        raise ValueError(_("input must be 3-D {layout} for a batch or 2-D {unbatched} for one "
                           "sequence; got shape {shape} ({rank}-D). Reshape it to one of these "
                           "layouts.").format(layout=layout, unbatched=input_layout(batched=False),
                                              shape=tuple(input.shape), rank=input.dim()))
    check_features(lstm, input, "input")
    time_axis = 1 if lstm.batch_first and input.dim() == 3 else 0
    if input.shape[time_axis] == 0:
        raise ValueError(_("input has no time steps: shape {shape} with {layout}. A sequence "
                           "needs at least one step.").format(shape=tuple(input.shape),
                                                              layout=layout))
    return input.dim() == 3


def check_features(lstm: Any, input: Tensor, name: str) -> None:
    """Check that ``input``'s last axis is ``input_size`` and its dtype the weights'."""
    if input.shape[-1] != lstm.input_size:
        raise ValueError(_("{name} has {got} features per step (its last axis) but this LSTM has "
                           "input_size={size}. Give it inputs of that size, or build the LSTM "
                           "with input_size={got}.").format(name=name, got=input.shape[-1],
                                                            size=lstm.input_size))
    dtype = lstm.weight_ih_l0.dtype
    if input.dtype != dtype:
        raise ValueError(_("{name} is {got} but the weights are {dtype}. Convert one of them: "
                           "input.to({dtype}) or model.to({got}).").format(
            name=name, got=input.dtype, dtype=dtype))


def initial_state(lstm: Any, hx: Any, batch: int | None, like: Tensor) -> tuple[Tensor, Tensor]:
    """``(h_0, c_0)`` checked and with a batch axis; zeros (of ``like``'s dtype) without ``hx``.

    ``batch`` is ``N``, or ``None`` for one unbatched sequence, whose ``hx`` has no ``N`` axis.
    """
    if hx is None:
        zeros = lstm_shapes(lstm, 1, 1 if batch is None else batch)
        return like.new_zeros(zeros["h_0"]), like.new_zeros(zeros["c_0"])
    if not isinstance(hx, (tuple, list)) or len(hx) != 2 \
            or not all(isinstance(state, Tensor) for state in hx):
        raise TypeError(_("hx must be a pair (h_0, c_0) of tensors, got {got}. Pass both states: "
                          "model(x, (h_0, c_0)).").format(got=describe(hx)))
    expected = lstm_shapes(lstm, 1, batch)  # the states' shapes do not depend on L
    for name, state in zip(("h_0", "c_0"), hx, strict=True):
        if tuple(state.shape) != expected[name]:
            size = "H_out" if name == "h_0" else "H_cell"
            axes = f"(D*num_layers, {size})" if batch is None else f"(D*num_layers, N, {size})"
            where = (_("one unbatched sequence") if batch is None
                     else _("a batch of N={batch}").format(batch=batch))
            raise ValueError(_("{name} must have shape {expected} = {axes} for {where}; got "
                               "{got}. Create it with torch.zeros{expected}, or leave hx out to "
                               "start from zeros.").format(name=name, expected=expected[name],
                                                           axes=axes, where=where,
                                                           got=tuple(state.shape)))
        if state.dtype != like.dtype:
            raise ValueError(_("{name} is {got} but the input is {dtype}. Convert it: "
                               "{name}.to({dtype}).").format(name=name, got=state.dtype,
                                                             dtype=like.dtype))
    h_0, c_0 = hx
    if batch is None:
        h_0, c_0 = h_0.unsqueeze(1), c_0.unsqueeze(1)
    return h_0, c_0
