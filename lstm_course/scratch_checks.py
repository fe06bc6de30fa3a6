"""The checks of a ``ScratchLSTM`` call: its input and its initial state ``(h_0, c_0)``.

Kept apart from ``scratch`` so that the computation there reads top to bottom. Each check
raises the error ``nn.LSTM`` would, in words: what was expected, what was given, the fix.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import Tensor

from lstm_course._checks import (
    describe,
    require_bool,
    require_elements,
    require_instance,
    require_items,
    require_tensor,
)
from lstm_course.i18n import _
from lstm_course.shapes import input_layout, lstm_config, lstm_shapes, parameter_count


def check_input(lstm: Any, input: Any) -> bool:
    """Check rank, size and dtype of ``input`` for ``lstm``; return whether it is batched."""
    require_instance("input", input, Tensor, _("a torch.Tensor or a PackedSequence"),
                     _("Convert it with torch.tensor(...)."))
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
    require_items("hx", hx, Tensor, _("a pair (h_0, c_0) of tensors"),
                  _("Pass both states: model(x, (h_0, c_0))."), count=2)
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


def check_step(x: Any, h: Any, c: Any, weights: dict[str, Any]) -> None:
    """Check the arguments of ``lstm_step``: tensors, ranks, sizes and one dtype for all."""
    shown = {"x": "(N, H_in)", "h": "(N, H_out)", "c": "(N, H_cell)",
             "weight_ih": "(4*H_cell, H_in)", "weight_hh": "(4*H_cell, H_out)",
             "bias_ih": "(4*H_cell,)", "bias_hh": "(4*H_cell,)", "weight_hr": "(H_out, H_cell)"}
    tensors = {"x": x, "h": h, "c": c, **{k: v for k, v in weights.items()
                                          if v is not None or k in ("weight_ih", "weight_hh")}}
    for name, value in tensors.items():
        require_tensor(name, value, kind="float", layout=_("a tensor shaped {layout}").format(
            layout=shown[name]))
    if x.dim() == 3:
        raise ValueError(_("x is 3-D, {got}: a whole sequence, but lstm_step takes one time "
                           "step x_t, (N, H_in). Loop over the steps: for x_t in x: "
                           "step = lstm_step(x_t, h, c, ...); h, c = step.h, step.c.").format(
            got=describe(x)))
    for name in ("x", "h", "c"):
        if tensors[name].dim() not in (1, 2):
            raise ValueError(_("{name} must be {layout}, or 1-D for one vector; got {got}.").format(
                name=name, layout=shown[name], got=describe(tensors[name])))
    for name in ("weight_ih", "weight_hh", "weight_hr"):
        if name in tensors and tensors[name].dim() != 2:
            raise ValueError(_("{name} must be 2-D {layout}, got {got}. Pass e.g. lstm.{name}_l0."
                               ).format(name=name, layout=shown[name], got=describe(tensors[name])))
    rows = weights["weight_ih"].shape[0]
    h_out = weights["weight_hr"].shape[0] if weights.get("weight_hr") is not None else rows // 4
    expected = {"x": weights["weight_ih"].shape[1], "h": weights["weight_hh"].shape[1],
                "c": rows // 4, "weight_hh": rows, "bias_ih": rows, "bias_hh": rows,
                "weight_hr": rows // 4}
    if rows % 4 or rows == 0:
        raise ValueError(_("weight_ih must have 4*H_cell rows (the gates i, f, g, o stacked), got "
                           "{got}. Pass e.g. lstm.weight_ih_l0.").format(got=describe(rows)))
    for name, size in expected.items():
        if name not in tensors:
            continue
        axis = 0 if name.startswith(("weight_hh", "bias")) else -1
        if name in ("x", "h", "c") and tensors[name].shape[-1] != size:
            source = {"x": "weight_ih", "h": "weight_hh", "c": "weight_ih (4*H_cell rows)"}[name]
            raise ValueError(_("{name} has {got} features (its last axis) but {source} expects "
                               "{size}. Pass {name} shaped {layout}.").format(
                name=name, got=tensors[name].shape[-1], source=source, size=size,
                layout=shown[name]))
        if name in ("bias_ih", "bias_hh") and tensors[name].dim() != 1 \
                or tensors[name].shape[axis] != size:
            raise ValueError(_("{name} must be {layout} with {size} along axis {axis} to match "
                               "the other arguments (weight_ih is {weight}); got {got}.").format(
                name=name, layout=shown[name], size=size, axis=axis, got=describe(tensors[name]),
                weight=tuple(weights["weight_ih"].shape)))
    if h.shape[-1] != h_out:
        raise ValueError(_("h must have H_out={size} features, got {got}.").format(
            size=h_out, got=describe(h)))
    if not x.shape[:-1] == h.shape[:-1] == c.shape[:-1]:
        raise ValueError(_("x, h and c must have the same batch axis: got {x}, {h} and {c}. Give "
                           "them one row per sequence, (N, ·).").format(
            x=tuple(x.shape), h=tuple(h.shape), c=tuple(c.shape)))
    dtype = weights["weight_ih"].dtype
    for name, value in tensors.items():
        if value.dtype != dtype:
            raise ValueError(_("{name} is {got} but weight_ih is {dtype}: all arguments of "
                               "lstm_step need one dtype. Convert it: {name}.to({dtype}).").format(
                name=name, got=value.dtype, dtype=dtype))


def check_direction(steps: Any, h: Any, c: Any, weights: Any, reverse: Any) -> None:
    """Check the arguments of ``run_direction`` that ``lstm_step`` does not see whole."""
    require_bool("reverse", reverse)
    require_items("steps", steps, Tensor, _("a list of tensors, one (N_t, H_in) per time step"),
                  _("Split a sequence with list(x.unbind(0))."))
    for name, state in (("h", h), ("c", c)):
        require_tensor(name, state, ranks=(2,), kind="float", layout="(N, ·)")
    names = {"weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr"}
    require_instance("weights", weights, dict, _("a dict of tensors, as "
                                                 "ScratchLSTM.weights(layer, direction) returns"))
    if not {"weight_ih", "weight_hh"} <= set(weights) or not set(weights) <= names:
        raise ValueError(_("weights must be a dict with weight_ih, weight_hh and optionally "
                           "bias_ih, bias_hh, weight_hr, as ScratchLSTM.weights(layer, direction) "
                           "returns; got {got}.").format(got=describe(weights)))
    if any(len(x) > len(h) for x in steps):
        raise ValueError(_("a step has more rows than h ({rows}): h and c need one row per "
                           "sequence of the batch.").format(rows=len(h)))


def check_construction(lstm: Any, device: Any, dtype: Any) -> None:
    """Refuse sizes too big to build and a device or dtype torch cannot make parameters on."""
    config = lstm_config(lstm, "ScratchLSTM")
    if config.num_layers > MAX_LAYERS:
        raise ValueError(_("num_layers={layers} is more than the {limit} layers this course "
                           "builds; the lessons use 1 to 4.").format(layers=config.num_layers,
                                                                     limit=MAX_LAYERS))
    require_elements(_("this ScratchLSTM's parameters"), parameter_count(lstm),
                     _("Use smaller sizes: the lessons' LSTMs have at most a few thousand "
                       "units."))
    try:
        torch.empty(0, device=device, dtype=dtype)
    except (RuntimeError, TypeError, ValueError) as err:
        raise ValueError(_("device={device!r} and dtype={dtype!r} cannot hold parameters here "
                           "({error}). Use e.g. device='cpu' and dtype=torch.float32, or "
                           "leave them out.").format(device=device, dtype=dtype,
                                                     error=str(err).split("\n")[0])) from None


#: The deepest ScratchLSTM the course builds (the lessons use at most 4 layers).
MAX_LAYERS = 100
