"""The doctor's checks of ``hx``: the pair ``(h_0, c_0)``, each state's rank and every axis,
against what the input says. One message per mistake, naming both states when they share it."""

from __future__ import annotations

from typing import Any

import torch

from lstm_course.doctor.inputs import CallInput
from lstm_course.doctor.phrasing import axes, subject
from lstm_course.i18n import _, ngettext
from lstm_course.shapes import LSTMConfig, axis_names, lstm_shapes, named_shape

STATES = ("h_0", "c_0")


def expected_state(config: LSTMConfig, name: str, info: CallInput) -> tuple[tuple[str, ...], tuple]:
    """Axis names and shape that state ``name`` must have for the input ``info``."""
    # The states' shapes do not depend on seq_len; 1 is any valid length.
    return axis_names(config, info.batched)[name], lstm_shapes(config, 1, info.batch)[name]


def _stacked_pair(config: LSTMConfig, hx: torch.Tensor, info: CallInput | None) -> bool:
    """Whether ``hx`` is ``torch.stack([h_0, c_0])`` of valid states where torch reads only
    ``hx[0]`` and ``hx[1]`` and so accepts it."""
    if info is None or not info.reads_two_items or hx.dim() == 0 or hx.size(0) < 2:
        return False
    return all(tuple(hx[index].shape) == expected_state(config, name, info)[1]
               for index, name in enumerate(STATES))


def read_states(config: LSTMConfig, hx: Any, info: CallInput | None,
                problems: list[str]) -> dict[str, torch.Tensor] | None:
    """The states in ``hx`` by name, or None when there are none or ``hx`` is malformed.

    Torch takes a tuple or list of exactly two tensors, except where it reads only ``hx[0]``
    and ``hx[1]`` (``CallInput.reads_two_items``); the doctor does the same.
    """
    if hx is None:
        return None
    lenient = info is not None and info.reads_two_items
    if isinstance(hx, torch.Tensor) and _stacked_pair(config, hx, info):
        return {"h_0": hx[0], "c_0": hx[1]}
    if isinstance(hx, torch.Tensor):
        problems.append(_("hx is a single tensor of shape {shape}, but an LSTM carries two "
                          "states and takes the pair (h_0, c_0): pass lstm(x, (h_0, c_0)), or "
                          "leave hx out to start both from zeros. (A tensor alone is what "
                          "nn.GRU and nn.RNN take.)").format(shape=tuple(hx.shape)))
        return None
    if not isinstance(hx, (tuple, list)):
        problems.append(_("hx must be the pair (h_0, c_0) or None, got {kind}. Pass "
                          "lstm(x, (h_0, c_0)).").format(kind=type(hx).__name__))
        return None
    if len(hx) < 2 or (len(hx) > 2 and not lenient):
        problems.append(ngettext(
            "hx holds {count} item: expected exactly two, (h_0, c_0), the hidden state and the "
            "cell state. c_0 is missing. Pass lstm(x, (h_0, c_0)).",
            "hx holds {count} items: expected exactly two, (h_0, c_0), the hidden state and the "
            "cell state. Pass lstm(x, (h_0, c_0)).", len(hx)).format(count=len(hx)))
        return None
    not_tensors = [(name, state) for name, state in zip(STATES, hx[:2], strict=True)
                   if not isinstance(state, torch.Tensor)]
    for name, state in not_tensors:
        problems.append(_("{name} must be a tensor, got {kind}. Pass both states, or leave hx "
                          "out (None) to start both from zeros.").format(
            name=name, kind=type(state).__name__))
    return None if not_tensors else dict(zip(STATES, hx[:2], strict=True))


def _rank_state_message(config: LSTMConfig, info: CallInput, names: list[str], got: int) -> str:
    expected = " and ".join(f"{name} {named_shape(*expected_state(config, name, info))}"
                            for name in names)
    if info.batched:
        text = ngettext(
            "{names} has {got}: expected {wanted}, {expected}, because the input is batched. "
            "Add a batch axis (h_0.unsqueeze(1) for a batch of one), or build the states with "
            "shape (D*num_layers, batch, ...).",
            "{names} have {got}: expected {wanted}, {expected}, because the input is batched. "
            "Add a batch axis (h_0.unsqueeze(1) for a batch of one), or build the states with "
            "shape (D*num_layers, batch, ...).", len(names))
    else:
        text = ngettext(
            "{names} has {got}: expected {wanted}, {expected}, because the input is one "
            "unbatched sequence. Either drop the states' batch axis (h_0.squeeze(1) when it has "
            "size 1) or give the input one: x.unsqueeze({axis}).",
            "{names} have {got}: expected {wanted}, {expected}, because the input is one "
            "unbatched sequence. Either drop the states' batch axis (h_0.squeeze(1) when it has "
            "size 1) or give the input one: x.unsqueeze({axis}).", len(names))
    return text.format(names=subject(names), got=axes(got), wanted=axes(3 if info.batched else 2),
                       expected=expected, axis=0 if config.batch_first else 1)


def _layers_message(config: LSTMConfig, names: list[str], got: int) -> str:
    layers, directions = config.num_layers, config.num_directions
    text = ngettext("{names} has {got} entries on axis 0: expected D*num_layers = "
                    "{directions}*{layers} = {size}, one per layer and direction (D={directions} "
                    "because bidirectional={bidirectional}).",
                    "{names} have {got} entries on axis 0: expected D*num_layers = "
                    "{directions}*{layers} = {size}, one per layer and direction (D={directions} "
                    "because bidirectional={bidirectional}).", len(names))
    if directions == 2 and got == layers:
        text += _(" A bidirectional LSTM keeps a separate state for each direction: make axis 0 "
                  "of size {size}.")
    else:
        text += _(" Make axis 0 of size {size}.")
    return text.format(names=subject(names), got=got, directions=directions, layers=layers,
                       size=directions * layers, bidirectional=config.bidirectional)


def _states_batch_first_message(config: LSTMConfig, info: CallInput, names: list[str]) -> str:
    expected = " and ".join(f"{name} {named_shape(*expected_state(config, name, info))}"
                            for name in names)
    fix = " and ".join(f"{name}.transpose(0, 1).contiguous()" for name in names)
    return ngettext("{names} has the batch on axis 0 and D*num_layers on axis 1: expected "
                    "{expected}. States always put the batch second, even with batch_first=True, "
                    "which moves the batch axis of input and output only. Use {fix}, or build "
                    "the states in that order.",
                    "{names} have the batch on axis 0 and D*num_layers on axis 1: expected "
                    "{expected}. States always put the batch second, even with batch_first=True, "
                    "which moves the batch axis of input and output only. Use {fix}, or build "
                    "the states in that order.", len(names)).format(
        names=subject(names), expected=expected, fix=fix)


def _layout_message(config: LSTMConfig, info: CallInput, names: list[str], got: int) -> str:
    sizes = {"seq_len": info.seq_len, "batch": info.batch, "input_size": config.input_size}
    shape = tuple(sizes[name] for name in axis_names(config)["input"])
    other = not config.batch_first
    seq_axis = 1 if config.batch_first else 0
    return ngettext("the input looks laid out for batch_first={other}: {names} is sized for a "
                    "batch of {got}, which is the size of input axis {axis}, the seq_len axis "
                    "when batch_first={current}. This LSTM reads the input as {reads}. Build it "
                    "with batch_first={other}, or transpose the input: x.transpose(0, 1).",
                    "the input looks laid out for batch_first={other}: {names} are sized for a "
                    "batch of {got}, which is the size of input axis {axis}, the seq_len axis "
                    "when batch_first={current}. This LSTM reads the input as {reads}. Build it "
                    "with batch_first={other}, or transpose the input: x.transpose(0, 1).",
                    len(names)).format(
        other=other, names=subject(names), got=got, axis=seq_axis, current=config.batch_first,
        reads=named_shape(axis_names(config)["input"], shape))


def _batch_message(config: LSTMConfig, info: CallInput, names: list[str], got: int) -> str:
    if info.batch_sizes is not None:
        where, source = _("the packed input"), "batch_sizes[0]"
    else:
        where, source = _("the input"), f"x.size({0 if config.batch_first else 1})"
    return ngettext("{names} is sized for a batch of {got} (axis 1), but {where} has a batch of "
                    "{batch}: expected axis 1 of size {batch}. Size the states from the input "
                    "({source}) rather than a fixed batch size: the last batch of an epoch is "
                    "often smaller.",
                    "{names} are sized for a batch of {got} (axis 1), but {where} has a batch of "
                    "{batch}: expected axis 1 of size {batch}. Size the states from the input "
                    "({source}) rather than a fixed batch size: the last batch of an epoch is "
                    "often smaller.", len(names)).format(
        names=subject(names), got=got, where=where, batch=info.batch, source=source)


def _size_message(config: LSTMConfig, name: str, got: int) -> str:
    if name == "h_0" and config.proj_size > 0 and got == config.hidden_size:
        return _("h_0's last axis is hidden_size={got}, but this LSTM projects h to "
                 "proj_size={proj}: expected H_out={proj}. With proj_size set, h_0 (like h_n and "
                 "output) has proj_size features; only c_0 keeps hidden_size.").format(
            got=got, proj=config.proj_size)
    if name == "c_0" and config.proj_size > 0 and got == config.proj_size:
        return _("c_0's last axis is proj_size={got}, but the cell state is never projected: "
                 "expected hidden_size={hidden}. Only h_0 uses proj_size.").format(
            got=got, hidden=config.hidden_size)
    if name == "h_0":
        source = "proj_size" if config.proj_size > 0 else "hidden_size"
        expected = f"H_out = {source} = {config.h_out}"
    else:
        expected = f"hidden_size = {config.hidden_size}"
    return _("{name} has size {got} on its last axis: expected {expected}. Build {name} with "
             "that size on its last axis.").format(name=name, got=got, expected=expected)


def check_states(config: LSTMConfig, info: CallInput | None, states: dict[str, torch.Tensor],
                 problems: list[str]) -> None:
    """Check the states' shapes against the input; one message per mistake, naming
    both states when they share it."""
    layers = config.num_directions * config.num_layers
    findings: dict[tuple, list[str]] = {}  # (kind, detail) -> the states that have it
    ranks = (3 if info.batched else 2,) if info is not None else (2, 3)
    for name, state in states.items():
        shape = tuple(state.shape)
        if len(shape) not in ranks:
            if info is not None:
                findings.setdefault(("rank", len(shape)), []).append(name)
            continue
        if (info is not None and info.batched and shape[0] == info.batch and shape[1] == layers
                and shape[0] != shape[1]):
            findings.setdefault(("batch first", shape[0]), []).append(name)
        else:
            if shape[0] != layers:
                findings.setdefault(("layers", shape[0]), []).append(name)
            if info is not None and info.batched and shape[1] != info.batch:
                kind = "layout" if shape[1] == info.seq_axis_size else "batch"
                findings.setdefault((kind, shape[1]), []).append(name)
        expected_size = config.h_out if name == "h_0" else config.hidden_size
        if shape[-1] != expected_size:
            findings.setdefault(("size", name, shape[-1]), []).append(name)
    for (kind, *detail), names in findings.items():
        if kind == "rank":
            problems.append(_rank_state_message(config, info, names, detail[0]))
        elif kind == "batch first":
            problems.append(_states_batch_first_message(config, info, names))
        elif kind == "layers":
            problems.append(_layers_message(config, names, detail[0]))
        elif kind == "layout":
            problems.append(_layout_message(config, info, names, detail[0]))
        elif kind == "batch":
            problems.append(_batch_message(config, info, names, detail[0]))
        else:
            problems.append(_size_message(config, *detail))
