"""The shape doctor: what is wrong with a call ``lstm(input, hx)``, in plain words.

``diagnose`` checks a call against the shape and type rules of ``torch.nn.LSTM``
(``lstm_course.shapes``) without running the module, and returns one message per
problem, each saying what was expected, what was given and the likely fix.
``explain`` prints that diagnosis, or the shapes a valid call returns.

Letters follow PyTorch's documentation: ``L`` sequence length, ``N`` batch size,
``D`` number of directions, ``H_out`` the size of ``h`` (``proj_size`` if set,
else ``hidden_size``).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

import torch
from torch.nn.utils.rnn import PackedSequence

from lstm_course.shapes import LSTMConfig, axis_names, lstm_config, lstm_shapes, named_shape

STATES = ("h_0", "c_0")


@dataclass(frozen=True)
class _Input:
    """What the states are checked against, read from a well-formed input."""

    batched: bool  # the states need a batch axis
    batch: int | None  # N (None for unbatched input)
    seq_axis_size: int | None  # the size of the input's other leading axis, for layout hints
    seq_len: int
    batch_sizes: list[int] | None  # packed input only
    # Torch reads only hx[0] and hx[1] (of any tuple, list or tensor) for unbatched input and
    # for packed input that carries a sorting order; elsewhere hx must be exactly a pair.
    reads_two_items: bool


def _layout(config: LSTMConfig, batched: bool = True) -> str:
    return "(" + ", ".join(axis_names(config, batched)["input"]) + ")"


def _subject(names: list[str]) -> str:
    return " and ".join(names)


def _is(names: list[str]) -> str:
    return "are" if len(names) > 1 else "is"


def _has(names: list[str]) -> str:
    return "have" if len(names) > 1 else "has"


def _axes(count: int) -> str:
    return f"{count} axis" if count == 1 else f"{count} axes"


# --- the input ----------------------------------------------------------------------------

def _rank_message(config: LSTMConfig, shape: tuple[int, ...]) -> str:
    text = (f"input has {_axes(len(shape))}, shape {shape}: expected 3 axes "
            f"{_layout(config)} for a batch of sequences, or 2 axes "
            f"{_layout(config, batched=False)} for one sequence.")
    if len(shape) == 1 and shape[0] == config.input_size:
        fix = "If this is one time step of one sequence, make it a sequence: x.view(1, -1)."
    elif len(shape) == 1:
        fix = ("If this is one sequence of single numbers, add a feature axis: x.unsqueeze(-1), "
               "with input_size=1.")
    elif len(shape) == 0:
        fix = "A single number is not a sequence: build a tensor of time steps."
    elif 1 in shape:
        fix = (f"Drop the extra axis of size 1 with x.squeeze({shape.index(1)}), "
               f"or reshape the data to 3 axes.")
    else:
        fix = ("Merge the extra axes into the feature axis (e.g. x.flatten(2) and a matching "
               "input_size) or reshape the data to 3 axes.")
    return f"{text} {fix}"


def _feature_message(config: LSTMConfig, shape: tuple[int, ...]) -> str:
    names = axis_names(config, batched=len(shape) == 3)["input"]
    expected = ", ".join(names[:-1]) + f", input_size={config.input_size}"
    text = (f"input has {shape[-1]} features per time step (its last axis), but the LSTM was "
            f"built with input_size={config.input_size}: expected ({expected}), got {shape}.")
    misplaced = [axis for axis in range(len(shape) - 1) if shape[axis] == config.input_size]
    if misplaced:
        fix = (f"Size {config.input_size} sits on axis {misplaced[0]}: the features look "
               f"misplaced. Move them last with x.movedim({misplaced[0]}, -1), then check that "
               f"the axes read {_layout(config, batched=len(shape) == 3)}.")
    elif len(shape) == 2 and config.input_size == 1:
        fix = ("This looks like sequences of single numbers without a feature axis: add it with "
               "x.unsqueeze(-1), and use batch_first=True if the first axis is the batch.")
    else:
        fix = (f"Give every time step {config.input_size} features, or build the LSTM with "
               f"input_size={shape[-1]}.")
    return f"{text} {fix}"


def _check_packed(config: LSTMConfig, packed: PackedSequence, problems: list[str]) -> _Input | None:
    data, batch_sizes = packed.data, packed.batch_sizes.tolist()
    if data.dim() != 2:
        problems.append(f"the packed input's data has {data.dim()} axes, shape "
                        f"{tuple(data.shape)}: expected 2 axes (sum of lengths, input_size). "
                        f"Pack sequences of shape (seq_len, input_size), or a (seq_len, batch, "
                        f"input_size) tensor with pack_padded_sequence.")
    elif data.size(-1) != config.input_size:
        problems.append(f"the packed input has {data.size(-1)} features per time step, but the "
                        f"LSTM was built with input_size={config.input_size}: expected data of "
                        f"shape (sum of lengths={data.size(0)}, input_size={config.input_size}), "
                        f"got {tuple(data.shape)}. Check the feature axis of the sequences "
                        f"you packed, or build the LSTM with input_size={data.size(-1)}.")
    if not batch_sizes:
        problems.append("the packed input holds no time steps (its batch_sizes is empty): "
                        "expected at least one step. Pack sequences of length 1 or more.")
        return None
    return _Input(batched=True, batch=batch_sizes[0], seq_axis_size=None,
                  seq_len=len(batch_sizes), batch_sizes=batch_sizes,
                  reads_two_items=packed.sorted_indices is not None)


def _check_input(config: LSTMConfig, input: Any, problems: list[str]) -> _Input | None:
    """Check ``input`` alone; return what the states must match, or None if it is unreadable."""
    if isinstance(input, PackedSequence):
        return _check_packed(config, input, problems)
    if not isinstance(input, torch.Tensor):
        problems.append(f"input must be a torch.Tensor (or a PackedSequence), got "
                        f"{type(input).__name__}. Convert it with torch.tensor(data, "
                        f"dtype=torch.float32), laid out {_layout(config)}.")
        return None
    shape = tuple(input.shape)
    if len(shape) not in (2, 3):
        problems.append(_rank_message(config, shape))
        return None
    if shape[-1] != config.input_size:
        problems.append(_feature_message(config, shape))
    if len(shape) == 2:
        info = _Input(batched=False, batch=None, seq_axis_size=None, seq_len=shape[0],
                      batch_sizes=None, reads_two_items=True)
    else:
        seq_axis, batch_axis = (1, 0) if config.batch_first else (0, 1)
        info = _Input(batched=True, batch=shape[batch_axis], seq_axis_size=shape[seq_axis],
                      seq_len=shape[seq_axis], batch_sizes=None, reads_two_items=False)
    if info.seq_len == 0:
        problems.append(f"input has seq_len=0, shape {shape} laid out "
                        f"{_layout(config, info.batched)}: expected at least one time step. "
                        f"Check how the sequences were sliced or windowed.")
    return info


# --- the states ---------------------------------------------------------------------------

def _stacked_pair(config: LSTMConfig, hx: torch.Tensor, info: _Input | None) -> bool:
    """Whether ``hx`` is ``torch.stack([h_0, c_0])`` of valid states where torch reads only
    ``hx[0]`` and ``hx[1]`` and so accepts it."""
    if info is None or not info.reads_two_items or hx.dim() == 0 or hx.size(0) < 2:
        return False
    return all(tuple(hx[index].shape) == _expected_state(config, name, info)[1]
               for index, name in enumerate(STATES))


def _read_states(config: LSTMConfig, hx: Any, info: _Input | None,
                 problems: list[str]) -> dict[str, torch.Tensor] | None:
    """The states in ``hx`` by name, or None when there are none or ``hx`` is malformed.

    Torch takes a tuple or list of exactly two tensors, except where it reads only ``hx[0]``
    and ``hx[1]`` (``_Input.reads_two_items``); the doctor does the same.
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


def _expected_state(config: LSTMConfig, name: str, info: _Input) -> tuple[tuple[str, ...], tuple]:
    """Axis names and shape that state ``name`` must have for the input ``info``."""
    names = axis_names(config, info.batched)[name]
    size = config.h_out if name == "h_0" else config.hidden_size
    batch = (info.batch,) if info.batched else ()
    return names, (config.num_directions * config.num_layers, *batch, size)


def _rank_state_message(config: LSTMConfig, info: _Input, names: list[str], got: int) -> str:
    expected = " and ".join(f"{name} {named_shape(*_expected_state(config, name, info))}"
                            for name in names)
    text = (f"{_subject(names)} {_has(names)} {_axes(got)}: expected "
            f"{_axes(3 if info.batched else 2)}, {expected}, because the input is ")
    if info.batched:
        return text + ("batched. Add a batch axis (h_0.unsqueeze(1) for a batch of one), or "
                       "build the states with shape (D*num_layers, batch, ...).")
    return text + ("one unbatched sequence. Either drop the states' batch axis "
                   "(h_0.squeeze(1) when it has size 1) or give the input one: x.unsqueeze("
                   f"{0 if config.batch_first else 1}).")


def _layers_message(config: LSTMConfig, names: list[str], got: int) -> str:
    layers, directions = config.num_layers, config.num_directions
    text = (f"{_subject(names)} {_has(names)} {got} entries on axis 0: expected D*num_layers = "
            f"{directions}*{layers} = {directions * layers}, one per layer and direction "
            f"(D={directions} because bidirectional={config.bidirectional}).")
    if directions == 2 and got == layers:
        return text + (" A bidirectional LSTM keeps a separate state for each direction: "
                       f"make axis 0 of size {2 * layers}.")
    return text + f" Make axis 0 of size {directions * layers}."


def _states_batch_first_message(config: LSTMConfig, info: _Input, names: list[str]) -> str:
    expected = " and ".join(f"{name} {named_shape(*_expected_state(config, name, info))}"
                            for name in names)
    fix = " and ".join(f"{name}.transpose(0, 1).contiguous()" for name in names)
    return (f"{_subject(names)} {_has(names)} the batch on axis 0 and D*num_layers on axis 1: "
            f"expected {expected}. States always put the batch second, even with "
            f"batch_first=True, which moves the batch axis of input and output only. "
            f"Use {fix}, or build the states in that order.")


def _layout_message(config: LSTMConfig, info: _Input, names: list[str], got: int) -> str:
    sizes = {"seq_len": info.seq_len, "batch": info.batch, "input_size": config.input_size}
    shape = tuple(sizes[name] for name in axis_names(config)["input"])
    other = not config.batch_first
    seq_axis = 1 if config.batch_first else 0
    return (f"the input looks laid out for batch_first={other}: {_subject(names)} {_is(names)} "
            f"sized for a batch of {got}, which is the size of input axis {seq_axis}, the "
            f"seq_len axis when batch_first={config.batch_first}. This LSTM reads the input as "
            f"{named_shape(axis_names(config)['input'], shape)}. Build it with "
            f"batch_first={other}, or transpose the input: x.transpose(0, 1).")


def _batch_message(config: LSTMConfig, info: _Input, names: list[str], got: int) -> str:
    if info.batch_sizes is not None:
        where, source = "the packed input has a batch of", "batch_sizes[0]"
    else:
        where = "the input has a batch of"
        source = f"x.size({0 if config.batch_first else 1})"
    return (f"{_subject(names)} {_is(names)} sized for a batch of {got} (axis 1), but {where} "
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


def _check_states(config: LSTMConfig, info: _Input | None, states: dict[str, torch.Tensor],
                  problems: list[str]) -> None:
    """Check the states' shapes against the input; one message per mistake, naming
    both states when they share it."""
    layers = config.num_directions * config.num_layers
    findings: dict[tuple, list[str]] = {}  # (kind, detail) -> the states that have it
    for name, state in states.items():
        shape = tuple(state.shape)
        ranks = (3 if info.batched else 2,) if info is not None else (2, 3)
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


# --- dtypes and devices -------------------------------------------------------------------

def _module_parameter(lstm: Any) -> torch.Tensor | None:
    """One parameter of ``lstm``, whose dtype and device are the module's; None for a
    look-alike without parameters."""
    parameters = getattr(lstm, "parameters", None)
    if not callable(parameters):
        return None
    return next(iter(parameters()), None)


def _dtype_message(names: list[str], dtype: torch.dtype, owner: str,
                   expected: torch.dtype) -> str:
    text = f"{_subject(names)} {_is(names)} {dtype}, but {owner} {expected}"
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


def _check_types(lstm: Any, input: Any, states: dict[str, torch.Tensor] | None,
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
        problems.append(f"{_subject(names)} {_is(names)} on {device}, but {owner} on "
                        f"{reference.device}: every tensor of the call must be on one device. "
                        f"Move with .to('{reference.device}'), or move the model.")


# --- the doctor ---------------------------------------------------------------------------

def _diagnose(lstm: Any, input: Any, hx: Any) -> tuple[list[str], LSTMConfig, _Input | None]:
    config = lstm_config(lstm)
    problems: list[str] = []
    info = _check_input(config, input, problems)
    states = _read_states(config, hx, info, problems)
    if states is not None:
        _check_states(config, info, states, problems)
    _check_types(lstm, input, states, problems)
    return problems, config, info


def diagnose(lstm: Any, input: torch.Tensor | PackedSequence,
             hx: tuple[torch.Tensor, torch.Tensor] | list[torch.Tensor] | None = None) -> list[str]:
    """One plain-language message per problem of the call ``lstm(input, hx)``; ``[]`` if none.

    ``input`` is ``(L, N, H_in)`` (``(N, L, H_in)`` with ``batch_first``), ``(L, H_in)``
    unbatched, or a ``PackedSequence``; ``hx`` is ``None`` or ``(h_0, c_0)`` with
    ``h_0`` ``(D*num_layers, N, H_out)`` and ``c_0`` ``(D*num_layers, N, hidden_size)``.
    Reads the settings, dtype and device of ``lstm`` (an ``nn.LSTM`` or look-alike),
    never runs it. A dtype or device that differs from the module's is always reported.
    """
    return _diagnose(lstm, input, hx)[0]


def _returned_shapes(config: LSTMConfig, info: _Input) -> list[tuple[str, str]]:
    """(name, named shape) of what a valid call returns."""
    names = axis_names(config, info.batched)
    if info.batch_sizes is None:
        shapes = lstm_shapes(config, info.seq_len, info.batch)
        return [(name, named_shape(names[name], shapes[name]))
                for name in ("output", "h_n", "c_n")]
    shapes = lstm_shapes(config, 1, info.batch)  # the states do not depend on seq_len
    data = (sum(info.batch_sizes), config.num_directions * config.h_out)
    return [("output.data", named_shape(("sum of lengths", "D*H_out"), data)),
            ("output.batch_sizes", str(info.batch_sizes))] + \
           [(name, named_shape(names[name], shapes[name])) for name in ("h_n", "c_n")]


def explain(lstm: Any, input: torch.Tensor | PackedSequence,
            hx: tuple[torch.Tensor, torch.Tensor] | list[torch.Tensor] | None = None) -> None:
    """Print the diagnosis of ``lstm(input, hx)``, or that it is valid and the shapes it returns."""
    problems, config, info = _diagnose(lstm, input, hx)
    if problems:
        print(f"✗ this call has {len(problems)} problem{'s' if len(problems) > 1 else ''}:")
        for number, problem in enumerate(problems, 1):
            print(textwrap.fill(problem, width=100, initial_indent=f"  {number}. ",
                                subsequent_indent="     "))
        return
    print("✓ this call is valid; it returns")
    for name, shape in _returned_shapes(config, info):
        print(f"  {name:<18} {shape}")
