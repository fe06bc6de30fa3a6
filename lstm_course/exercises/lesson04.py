"""Exercises of lesson 04, variable-length sequences. The right answers come from torch itself."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from lstm_course.exercises import Exercise, call

CASES = ([5, 3, 4, 2], [1], [3, 3, 3], [2, 6, 1, 6, 4])


# 04.1 — predict batch_sizes.

def batch_sizes_of(lengths: list[int]) -> list[int]:
    """``batch_sizes`` of a packed batch: for each time step, how many sequences reach it."""
    return [sum(1 for n in lengths if n > t) for t in range(max(lengths))]


def _judge_batch_sizes(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def batch_sizes_of(lengths): return [...]"
    for lengths in CASES:
        padded = torch.zeros(max(lengths), len(lengths), 1)
        expected = pack_padded_sequence(padded, lengths, enforce_sorted=False).batch_sizes
        got = call(answer, list(lengths))
        got = got.tolist() if isinstance(got, torch.Tensor) else got
        if not isinstance(got, (list, tuple)):
            return f"Return a list of ints, not {type(got).__name__}."
        if list(got) == expected.tolist():
            continue
        if sorted(got, reverse=True) == sorted(lengths, reverse=True):
            return ("Those are the lengths. batch_sizes has one entry per time step, not per "
                    "sequence: how many sequences are still running at step t?")
        return (f"For lengths {lengths}, batch_sizes is {expected.tolist()}; you gave "
                f"{list(got)}. Entry t counts the sequences longer than t.")
    return None


# 04.2 — gather each sequence's last output.

def last_outputs(output: torch.Tensor, lengths: list[int]) -> torch.Tensor:
    """Each sequence's output at its own last step, from a padded time-first ``output``."""
    last_step = torch.tensor(lengths) - 1
    return output[last_step, torch.arange(len(lengths))]


def _judge_last_outputs(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def last_outputs(output, lengths): return ..."
    torch.manual_seed(5)
    lstm = nn.LSTM(3, 4)
    for lengths in CASES:
        padded = torch.randn(max(lengths), len(lengths), 3)
        packed = pack_padded_sequence(padded, lengths, enforce_sorted=False)
        with torch.no_grad():
            packed_output, (h_n, _) = lstm(packed)
            output, _ = nn.utils.rnn.pad_packed_sequence(packed_output)
            got = call(answer, output, list(lengths))
        if not isinstance(got, torch.Tensor):
            return f"Return a tensor, not {type(got).__name__}."
        if got.shape != h_n[-1].shape:
            return (f"Expected one vector per sequence, shape (batch, hidden) = "
                    f"{tuple(h_n[-1].shape)}; yours is {tuple(got.shape)}.")
        if torch.allclose(got, h_n[-1]):
            continue
        if torch.equal(got, output[-1]):
            return ("output[-1] is padding (zeros) for every sequence shorter than the "
                    "longest. Take step lengths[b] - 1 of sequence b.")
        return "Not each sequence's last real step yet: sequence b ends at step lengths[b] - 1."
    return None


# 04.3 — average over real steps only.

def masked_mean(values: torch.Tensor, lengths: list[int]) -> torch.Tensor:
    """The mean of a padded ``(L, N)`` tensor of per-step values over the real steps only."""
    mask = torch.arange(values.shape[0])[:, None] < torch.tensor(lengths)[None, :]
    return values[mask].mean()


def _judge_masked_mean(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def masked_mean(values, lengths): return ..."
    torch.manual_seed(6)
    for lengths in CASES:
        values = torch.rand(max(lengths), len(lengths)) + 1.0  # padding steps hold values too
        expected = torch.cat([values[:n, b] for b, n in enumerate(lengths)]).mean()
        got = call(answer, values, list(lengths))
        if not isinstance(got, (torch.Tensor, float)):
            return f"Return a number (a 0-D tensor), not {type(got).__name__}."
        got = torch.as_tensor(got, dtype=values.dtype)
        if got.numel() != 1:
            return f"Return one number, the mean; yours has shape {tuple(got.shape)}."
        if torch.allclose(got, expected):
            continue
        if torch.allclose(got, values.mean()):
            return "That mean counts the padding steps too. Keep only steps t < lengths[b]."
        per_sequence = torch.stack([values[:n, b].mean() for b, n in enumerate(lengths)])
        if torch.allclose(got, per_sequence.mean()):
            return ("That is the mean of the per-sequence means, which gives a short sequence's "
                    "steps more weight. Average over all real steps at once.")
        return "Not the mean over the real steps yet: sum the real steps and divide by their count."
    return None


EXERCISES = {
    "04.1": Exercise(_judge_batch_sizes, batch_sizes_of, answer_is_function=True),
    "04.2": Exercise(_judge_last_outputs, last_outputs, answer_is_function=True),
    "04.3": Exercise(_judge_masked_mean, masked_mean, answer_is_function=True),
}
