"""The doctor's checks of dtypes and devices: every tensor of a call must match the module."""

from __future__ import annotations

from typing import Any

import torch
from torch.nn.utils.rnn import PackedSequence

from lstm_course.doctor.phrasing import subject
from lstm_course.i18n import _, ngettext


def _module_parameter(lstm: Any) -> torch.Tensor | None:
    """One parameter of ``lstm``, whose dtype and device are the module's; None for a
    look-alike without parameters."""
    parameters = getattr(lstm, "parameters", None)
    if not callable(parameters):
        return None
    return next(iter(parameters()), None)


def _dtype_message(names: list[str], dtype: torch.dtype, of_module: bool,
                   expected: torch.dtype) -> str:
    if of_module:
        text = ngettext("{names} is {dtype}, but the LSTM's parameters are {expected}",
                        "{names} are {dtype}, but the LSTM's parameters are {expected}",
                        len(names))
    else:
        text = ngettext("{names} is {dtype}, but the input is {expected}",
                        "{names} are {dtype}, but the input is {expected}", len(names))
    text = text.format(names=subject(names), dtype=dtype, expected=expected)
    if "input" in names and not dtype.is_floating_point:
        return text + _(": an LSTM reads vectors of real numbers. Token ids need an nn.Embedding "
                        "first; other numbers need x.to({expected}).").format(expected=expected)
    variables = ["x" if name == "input" else name for name in names]
    conversions = subject([f"{variable}.to({expected})" for variable in variables])
    if "input" not in names:
        return text + _(": convert with {conversions}.").format(conversions=conversions)
    text += _(": convert with {conversions}, or convert the model with lstm.to({dtype}).").format(
        conversions=conversions, dtype=dtype)
    if dtype == torch.float64:
        text += _(" (NumPy data is float64 unless you say otherwise.)")
    return text


def _device_message(names: list[str], device: torch.device, of_module: bool,
                    expected: torch.device) -> str:
    if of_module:
        text = ngettext("{names} is on {device}, but the LSTM's parameters are on {expected}",
                        "{names} are on {device}, but the LSTM's parameters are on {expected}",
                        len(names))
    else:
        text = ngettext("{names} is on {device}, but the input is on {expected}",
                        "{names} are on {device}, but the input is on {expected}", len(names))
    return (text + _(": every tensor of the call must be on one device. Move with "
                     ".to('{expected}'), or move the model.")).format(
        names=subject(names), device=device, expected=expected)


def check_types(lstm: Any, input: Any, states: dict[str, torch.Tensor] | None,
                problems: list[str]) -> None:
    """Every tensor of the call must share the module's dtype and device."""
    data = input.data if isinstance(input, PackedSequence) else input
    tensors = {"input": data} if isinstance(data, torch.Tensor) else {}
    tensors.update(states or {})
    reference = _module_parameter(lstm)
    of_module = True
    if reference is None:  # a look-alike without parameters: the states follow the input
        reference, of_module = tensors.pop("input", None), False
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
        problems.append(_dtype_message(names, dtype, of_module, reference.dtype))
    for device, names in by_device.items():
        problems.append(_device_message(names, device, of_module, reference.device))
