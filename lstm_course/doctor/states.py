"""The doctor's checks of ``hx``: the pair ``(h_0, c_0)``, each state's rank and every axis,
against what the input says. One message per mistake, naming both states when they share it."""

from __future__ import annotations

from typing import Any

import torch

from lstm_course.doctor.inputs import CallInput
from lstm_course.doctor.phrasing import axes, has_have, is_are, subject
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
        problems.append(f"hx is a single tensor of shape {tuple(hx.shape)}, but an LSTM carries "
                        f"two states and takes the pair (h_0, c_0): pass lstm(x, (h_0, c_0)), "
                        f"or leave hx out to start both from zeros. (A tensor alone is what "
                        f"nn.GRU and nn.RNN take.)")
        return None
    if not isinstance(hx, (tuple, list)):
        problems.append(f"hx must be the pair (h_0, c_0) or None, got {type(hx).__name__}. "
                        f"Pass lstm(x, (h_0, c_0)).")
        return None
    if len(hx) < 2 or (len(hx) > 2 and not lenient):
        items = "1 item" if len(hx) == 1 else f"{len(hx)} items"
        missing = " c_0 is missing." if len(hx) == 1 else ""
        problems.append(f"hx holds {items}: expected exactly two, (h_0, c_0), the hidden state "
                        f"and the cell state.{missing} Pass lstm(x, (h_0, c_0)).")
        return None
    not_tensors = [(name, state) for name, state in zip(STATES, hx[:2], strict=True)
                   if not isinstance(state, torch.Tensor)]
    for name, state in not_tensors:
        problems.append(f"{name} must be a tensor, got {type(state).__name__}. Pass both states, "
                        f"or leave hx out (None) to start both from zeros.")
    return None if not_tensors else dict(zip(STATES, hx[:2], strict=True))


def _rank_state_message(config: LSTMConfig, info: CallInput, names: list[str], got: int) -> str:
    expected = " and ".join(f"{name} {named_shape(*expected_state(config, name, info))}"
                            for name in names)
    text = (f"{subject(names)} {has_have(names)} {axes(got)}: expected "
            f"{axes(3 if info.batched else 2)}, {expected}, because the input is ")
    if info.batched:
        return text + ("batched. Add a batch axis (h_0.unsqueeze(1) for a batch of one), or "
                       "build the states with shape (D*num_layers, batch, ...).")
    return text + ("one unbatched sequence. Either drop the states' batch axis "
                   "(h_0.squeeze(1) when it has size 1) or give the input one: x.unsqueeze("
                   f"{0 if config.batch_first else 1}).")


def _layers_message(config: LSTMConfig, names: list[str], got: int) -> str:
    layers, directions = config.num_layers, config.num_directions
    text = (f"{subject(names)} {has_have(names)} {got} entries on axis 0: expected D*num_layers = "
            f"{directions}*{layers} = {directions * layers}, one per layer and direction "
            f"(D={directions} because bidirectional={config.bidirectional}).")
    if directions == 2 and got == layers:
        return text + (" A bidirectional LSTM keeps a separate state for each direction: "
                       f"make axis 0 of size {2 * layers}.")
    return text + f" Make axis 0 of size {directions * layers}."


def _states_batch_first_message(config: LSTMConfig, info: CallInput, names: list[str]) -> str:
    expected = " and ".join(f"{name} {named_shape(*expected_state(config, name, info))}"
                            for name in names)
    fix = " and ".join(f"{name}.transpose(0, 1).contiguous()" for name in names)
    return (f"{subject(names)} {has_have(names)} the batch on axis 0 and D*num_layers on axis 1: "
            f"expected {expected}. States always put the batch second, even with "
            f"batch_first=True, which moves the batch axis of input and output only. "
            f"Use {fix}, or build the states in that order.")


def _layout_message(config: LSTMConfig, info: CallInput, names: list[str], got: int) -> str:
    sizes = {"seq_len": info.seq_len, "batch": info.batch, "input_size": config.input_size}
    shape = tuple(sizes[name] for name in axis_names(config)["input"])
    other = not config.batch_first
    seq_axis = 1 if config.batch_first else 0
    return (f"the input looks laid out for batch_first={other}: {subject(names)} {is_are(names)} "
            f"sized for a batch of {got}, which is the size of input axis {seq_axis}, the "
            f"seq_len axis when batch_first={config.batch_first}. This LSTM reads the input as "
            f"{named_shape(axis_names(config)['input'], shape)}. Build it with "
            f"batch_first={other}, or transpose the input: x.transpose(0, 1).")


def _batch_message(config: LSTMConfig, info: CallInput, names: list[str], got: int) -> str:
    if info.batch_sizes is not None:
        where, source = "the packed input has a batch of", "batch_sizes[0]"
    else:
        where = "the input has a batch of"
        source = f"x.size({0 if config.batch_first else 1})"
    return (f"{subject(names)} {is_are(names)} sized for a batch of {got} (axis 1), but {where} "
            f"{info.batch}: expected axis 1 of size {info.batch}. Size the states from the "
            f"input ({source}) rather than a fixed batch size: the last batch of an epoch is "
            f"often smaller.")


def _size_message(config: LSTMConfig, name: str, got: int) -> str:
    if name == "h_0" and config.proj_size > 0 and got == config.hidden_size:
        return (f"h_0's last axis is hidden_size={got}, but this LSTM projects h to "
                f"proj_size={config.proj_size}: expected H_out={config.proj_size}. With proj_size "
                f"set, h_0 (like h_n and output) has proj_size features; only c_0 keeps "
                f"hidden_size.")
    if name == "c_0" and config.proj_size > 0 and got == config.proj_size:
        return (f"c_0's last axis is proj_size={got}, but the cell state is never projected: "
                f"expected hidden_size={config.hidden_size}. Only h_0 uses proj_size.")
    if name == "h_0":
        source = "proj_size" if config.proj_size > 0 else "hidden_size"
        expected = f"H_out = {source} = {config.h_out}"
    else:
        expected = f"hidden_size = {config.hidden_size}"
    return (f"{name} has size {got} on its last axis: expected {expected}. "
            f"Build {name} with that size on its last axis.")


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
