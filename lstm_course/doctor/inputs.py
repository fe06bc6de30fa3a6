"""The doctor's checks of the input alone: a tensor or a PackedSequence of the right rank,
feature size and length. What they learn about the input is what the states must match."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
from torch.nn.utils.rnn import PackedSequence

from lstm_course.doctor.phrasing import axes, layout
from lstm_course.i18n import _
from lstm_course.shapes import LSTMConfig, axis_names


@dataclass(frozen=True)
class CallInput:
    """What the states are checked against, read from a well-formed input."""

    batched: bool  # the states need a batch axis
    batch: int | None  # N (None for unbatched input)
    seq_axis_size: int | None  # the size of the input's other leading axis, for layout hints
    seq_len: int
    batch_sizes: list[int] | None  # packed input only
    # Torch reads only hx[0] and hx[1] (of any tuple, list or tensor) for unbatched input and
    # for packed input that carries a sorting order; elsewhere hx must be exactly a pair.
    reads_two_items: bool


def _rank_message(config: LSTMConfig, shape: tuple[int, ...]) -> str:
    text = _("input has {axes}, shape {shape}: expected 3 axes {batched} for a batch of "
             "sequences, or 2 axes {unbatched} for one sequence.").format(
        axes=axes(len(shape)), shape=shape, batched=layout(config),
        unbatched=layout(config, batched=False))
    if len(shape) == 1 and shape[0] == config.input_size:
        fix = _("If this is one time step of one sequence, make it a sequence: x.view(1, -1).")
    elif len(shape) == 1:
        fix = _("If this is one sequence of single numbers, add a feature axis: x.unsqueeze(-1), "
                "with input_size=1.")
    elif len(shape) == 0:
        fix = _("A single number is not a sequence: build a tensor of time steps.")
    elif 1 in shape:
        fix = _("Drop the extra axis of size 1 with x.squeeze({axis}), or reshape the data to "
                "3 axes.").format(axis=shape.index(1))
    else:
        fix = _("Merge the extra axes into the feature axis (e.g. x.flatten(2) and a matching "
                "input_size) or reshape the data to 3 axes.")
    return f"{text} {fix}"


def _feature_message(config: LSTMConfig, shape: tuple[int, ...]) -> str:
    names = axis_names(config, batched=len(shape) == 3)["input"]
    expected = ", ".join(names[:-1]) + f", input_size={config.input_size}"
    text = _("input has {got} features per time step (its last axis), but the LSTM was built "
             "with input_size={size}: expected ({expected}), got {shape}.").format(
        got=shape[-1], size=config.input_size, expected=expected, shape=shape)
    misplaced = [axis for axis in range(len(shape) - 1) if shape[axis] == config.input_size]
    if misplaced:
        fix = _("Size {size} sits on axis {axis}: the features look misplaced. Move them last "
                "with x.movedim({axis}, -1), then check that the axes read {layout}.").format(
            size=config.input_size, axis=misplaced[0],
            layout=layout(config, batched=len(shape) == 3))
    elif len(shape) == 2 and config.input_size == 1:
        fix = _("This looks like sequences of single numbers without a feature axis: add it "
                "with x.unsqueeze(-1), and use batch_first=True if the first axis is the batch.")
    else:
        fix = _("Give every time step {size} features, or build the LSTM with "
                "input_size={got}.").format(size=config.input_size, got=shape[-1])
    return f"{text} {fix}"


def _check_packed(config: LSTMConfig, packed: PackedSequence,
                  problems: list[str]) -> CallInput | None:
    data, batch_sizes = packed.data, packed.batch_sizes.tolist()
    if data.dim() != 2:
        problems.append(_("the packed input's data has {axes}, shape {shape}: expected 2 axes "
                          "(sum of lengths, input_size). Pack sequences of shape {unbatched}, "
                          "or a {layout} tensor with pack_padded_sequence.").format(
            axes=axes(data.dim()), shape=tuple(data.shape),
            unbatched=layout(config, batched=False), layout=layout(config)))
    elif data.size(-1) != config.input_size:
        problems.append(_("the packed input has {got} features per time step, but the LSTM was "
                          "built with input_size={size}: expected data of shape (sum of "
                          "lengths={rows}, input_size={size}), got {shape}. Check the feature "
                          "axis of the sequences you packed, or build the LSTM with "
                          "input_size={got}.").format(got=data.size(-1), size=config.input_size,
                                                      rows=data.size(0),
                                                      shape=tuple(data.shape)))
    if not batch_sizes:
        problems.append(_("the packed input holds no time steps (its batch_sizes is empty): "
                          "expected at least one step. Pack sequences of length 1 or more."))
        return None
    return CallInput(batched=True, batch=batch_sizes[0], seq_axis_size=None,
                  seq_len=len(batch_sizes), batch_sizes=batch_sizes,
                  reads_two_items=packed.sorted_indices is not None)


def check_input(config: LSTMConfig, input: Any, problems: list[str]) -> CallInput | None:
    """Check ``input`` alone; return what the states must match, or None if it is unreadable."""
    if isinstance(input, PackedSequence):
        return _check_packed(config, input, problems)
    if not isinstance(input, torch.Tensor):
        problems.append(_("input must be a torch.Tensor (or a PackedSequence), got {kind}. "
                          "Convert it with torch.tensor(data, dtype=torch.float32), laid out "
                          "{layout}.").format(kind=type(input).__name__, layout=layout(config)))
        return None
    shape = tuple(input.shape)
    if len(shape) not in (2, 3):
        problems.append(_rank_message(config, shape))
        return None
    if shape[-1] != config.input_size:
        problems.append(_feature_message(config, shape))
    if len(shape) == 2:
        info = CallInput(batched=False, batch=None, seq_axis_size=None, seq_len=shape[0],
                      batch_sizes=None, reads_two_items=True)
    else:
        seq_axis, batch_axis = (1, 0) if config.batch_first else (0, 1)
        info = CallInput(batched=True, batch=shape[batch_axis], seq_axis_size=shape[seq_axis],
                      seq_len=shape[seq_axis], batch_sizes=None, reads_two_items=False)
    if info.seq_len == 0:
        problems.append(_("input has seq_len=0, shape {shape} laid out {layout}: expected at "
                          "least one time step. Check how the sequences were sliced or "
                          "windowed.").format(shape=shape, layout=layout(config, info.batched)))
    return info
