"""Batches of sequences of different lengths: what torch's padding and packing leave to you.

Pad with ``torch.nn.utils.rnn.pad_sequence``, pack with ``pack_padded_sequence`` and
unpack with ``pad_packed_sequence``. This module adds the two things a padded batch
still needs: each sequence's output at its own last step (``last_valid``) and a mask
of the real steps (``length_mask``) for losses and averages.

Letters follow PyTorch's documentation: ``L`` the padded length, ``N`` batch size.
"""

from __future__ import annotations

import torch
from torch import Tensor
from torch.nn.utils.rnn import PackedSequence

from lstm_course._checks import (
    describe,
    require_bool,
    require_elements,
    require_int,
    require_tensor,
)
from lstm_course.i18n import _
from lstm_course.shapes import input_layout


def _lengths_tensor(lengths: Tensor | list[int], padded_length: int | None) -> Tensor:
    """``lengths`` as a 1-D int64 tensor, each from 1 to ``padded_length`` (if given)."""
    if isinstance(lengths, Tensor):
        if lengths.dim() != 1 or lengths.dtype.is_floating_point or lengths.dtype.is_complex \
                or lengths.dtype == torch.bool:
            raise TypeError(_("lengths must be a 1-D integer tensor or a list of ints, got "
                              "{got}. Use e.g. torch.tensor([5, 3, 2]).").format(
                got=describe(lengths)))
        lengths = lengths.long()
    elif isinstance(lengths, (list, tuple)) and all(
            isinstance(n, int) and not isinstance(n, bool) for n in lengths):
        lengths = torch.tensor(lengths, dtype=torch.long)
    else:
        raise TypeError(_("lengths must be a 1-D integer tensor or a list of ints, got {got}. "
                          "Use e.g. [5, 3, 2].").format(got=describe(lengths)))
    if len(lengths) and int(lengths.min()) < 1:
        raise ValueError(_("every length must be at least 1 (a sequence has a first step), got "
                           "{lengths}. Leave empty sequences out of the batch.").format(
            lengths=lengths.tolist()))
    if padded_length is not None and len(lengths) and int(lengths.max()) > padded_length:
        raise ValueError(_("a length of {length} does not fit a padded batch of {padded} steps "
                           "(lengths {lengths}). Check that the lengths belong to this batch and "
                           "that batch_first is right.").format(
            length=int(lengths.max()), padded=padded_length, lengths=lengths.tolist()))
    return lengths


def length_mask(lengths: Tensor | list[int], max_len: int | None = None,
                batch_first: bool = False) -> Tensor:
    """True on real steps, False on padding: ``(max_len, N)`` (``(N, max_len)`` if batch_first).

    ``mask[t, b]`` is ``t < lengths[b]``; ``max_len`` defaults to the longest length, the
    padded length that ``pad_sequence`` gives. Multiply a per-step loss by it, or index
    with it, so that padding does not count.

    >>> length_mask([3, 1])
    tensor([[ True,  True],
            [ True, False],
            [ True, False]])
    """
    require_bool("batch_first", batch_first)
    if max_len is not None:
        require_int("max_len", max_len, 0)
    lengths = _lengths_tensor(lengths, max_len)
    if max_len is None:
        max_len = int(lengths.max()) if len(lengths) else 0
    require_elements(_("the mask"), max_len * len(lengths), _("Pass max_len=the padded length, "
                                                              "e.g. x.shape[0]."))
    steps = torch.arange(max_len, device=lengths.device)
    mask = steps[:, None] < lengths[None, :]  # (max_len, N)
    return mask.T if batch_first else mask


def last_valid(output: Tensor, lengths: Tensor | list[int], batch_first: bool = False) -> Tensor:
    """Each sequence's output at its own last real step: ``(N, features)``.

    ``output`` is a padded ``(L, N, features)`` (``(N, L, features)`` with ``batch_first``),
    e.g. from ``pad_packed_sequence``; ``lengths`` holds each sequence's length.
    For one direction this equals the top layer of ``h_n`` from a packed call.
    For a bidirectional output ``(…, 2 * H_out)`` only the forward half ``[:, :H_out]`` is
    a summary of the sequence: the backward half at the last step is the backward
    direction's *first* step, which has seen one element. The backward direction's
    summary sits at time step 0: ``output[0, :, H_out:]`` (``output[:, 0, H_out:]`` with
    ``batch_first``), which is ``h_n[-1]`` of a packed call.

    >>> last_valid(torch.arange(12.).reshape(3, 2, 2), lengths=[3, 1])
    tensor([[8., 9.],
            [2., 3.]])
    """
    require_bool("batch_first", batch_first)
    if isinstance(output, PackedSequence):
        raise TypeError(_("output is a PackedSequence; unpack it first: output, lengths = "
                          "pad_packed_sequence(packed_output). (For one direction, h_n[-1] of "
                          "the packed call already holds each sequence's last output.)"))
    layout = input_layout(batch_first, features="features")
    require_tensor("output", output, layout=_("a padded batch, a tensor {layout}").format(
        layout=layout))
    if output.dim() != 3:
        raise ValueError(_("output must be a padded batch {layout}; got {got}. For one "
                           "unbatched sequence, its last output is output[-1].").format(
            layout=layout, got=describe(output)))
    time_axis, batch_axis = (1, 0) if batch_first else (0, 1)
    lengths = _lengths_tensor(lengths, output.shape[time_axis]).to(output.device)
    if len(lengths) != output.shape[batch_axis]:
        raise ValueError(_("got {count} lengths for a batch of {batch} sequences (output "
                           "{shape}, batch_first={batch_first}). Give one length per "
                           "sequence.").format(count=len(lengths), batch=output.shape[batch_axis],
                                               shape=tuple(output.shape),
                                               batch_first=batch_first))
    sequence = torch.arange(len(lengths), device=output.device)
    last_step = lengths - 1
    return output[sequence, last_step] if batch_first else output[last_step, sequence]
