"""The doctor's checks of dtypes and devices: every tensor of a call must match the module."""

from __future__ import annotations

from typing import Any

import torch
from torch.nn.utils.rnn import PackedSequence

from lstm_course.doctor.phrasing import is_are, subject


def _module_parameter(lstm: Any) -> torch.Tensor | None:
    """One parameter of ``lstm``, whose dtype and device are the module's; None for a
    look-alike without parameters."""
    parameters = getattr(lstm, "parameters", None)
    if not callable(parameters):
        return None
    return next(iter(parameters()), None)


def _dtype_message(names: list[str], dtype: torch.dtype, owner: str,
                   expected: torch.dtype) -> str:
    text = f"{subject(names)} {is_are(names)} {dtype}, but {owner} {expected}"
    if "input" in names and not dtype.is_floating_point:
        return text + (": an LSTM reads vectors of real numbers. Token ids need an nn.Embedding "
                       f"first; other numbers need x.to({expected}).")
    variables = ["x" if name == "input" else name for name in names]
    text += ": convert with " + " and ".join(f"{variable}.to({expected})" for variable in variables)
    if "input" not in names:
        return text + "."
    text += f", or convert the model with lstm.to({dtype})."
    if dtype == torch.float64:
        text += " (NumPy data is float64 unless you say otherwise.)"
    return text


def check_types(lstm: Any, input: Any, states: dict[str, torch.Tensor] | None,
                problems: list[str]) -> None:
    """Every tensor of the call must share the module's dtype and device."""
    data = input.data if isinstance(input, PackedSequence) else input
    tensors = {"input": data} if isinstance(data, torch.Tensor) else {}
    tensors.update(states or {})
    reference = _module_parameter(lstm)
    owner = "the LSTM's parameters are"
    if reference is None:  # a look-alike without parameters: the states follow the input
        reference, owner = tensors.pop("input", None), "the input is"
    if reference is None:
        return
    by_dtype: dict[torch.dtype, list[str]] = {}
    by_device: dict[torch.device, list[str]] = {}
    for name, tensor in tensors.items():
        if tensor.dtype != reference.dtype:
            by_dtype.setdefault(tensor.dtype, []).append(name)
        if tensor.device != reference.device:
            by_device.setdefault(tensor.device, []).append(name)
    for dtype, names in by_dtype.items():
        problems.append(_dtype_message(names, dtype, owner, reference.dtype))
    for device, names in by_device.items():
        problems.append(f"{subject(names)} {is_are(names)} on {device}, but {owner} on "
                        f"{reference.device}: every tensor of the call must be on one device. "
                        f"Move with .to('{reference.device}'), or move the model.")
