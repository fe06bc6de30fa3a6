"""Exercises of lesson 04, variable-length sequences. The right answers come from torch itself."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from lstm_course.exercises import Exercise, LearnerError, call
from lstm_course.exercises.answers import close, int_list, number, plain_tensor, same_values
from lstm_course.i18n import _

CASES = ([5, 3, 4, 2], [1], [3, 3, 3], [2, 6, 1, 6, 4])
HIDDEN_SIZE = 6  # no batch of CASES has 6 sequences: a (batch, hidden) shape reads one way


# 04.1 — predict batch_sizes.

def batch_sizes_of(lengths: list[int]) -> list[int]:
    """``batch_sizes`` of a packed batch: for each time step, how many sequences reach it."""
    return [sum(1 for n in lengths if n > t) for t in range(max(lengths))]


def _judge_batch_sizes(answer: Any) -> str | None:
    cases = []
    for lengths in CASES:
        padded = torch.zeros(max(lengths), len(lengths), 1)
        packed = pack_padded_sequence(padded, lengths, enforce_sorted=False)
        cases.append((lengths, packed.batch_sizes.tolist()))
    for lengths, expected in cases:
        got = int_list(call(answer, list(lengths)), "batch_sizes")
        if got == expected:
            continue
        if sorted(got, reverse=True) == sorted(lengths, reverse=True):
            return _("Those are the lengths. batch_sizes has one entry per time step, not per "
                     "sequence: how many sequences are still running at step t?")
        return _("For lengths {lengths}, batch_sizes is {expected}; you gave {got}. Entry t "
                 "counts the sequences longer than t.").format(lengths=lengths,
                                                               expected=expected, got=got)
    return None


# 04.2 — gather each sequence's last output.

def last_outputs(output: torch.Tensor, lengths: list[int]) -> torch.Tensor:
    """Each sequence's output at its own last step, from a padded time-first ``output``."""
    last_step = torch.tensor(lengths) - 1
    return output[last_step, torch.arange(len(lengths))]


def _judge_last_outputs(answer: Any) -> str | None:
    torch.manual_seed(5)
    lstm = nn.LSTM(3, HIDDEN_SIZE)
    cases = []
    for lengths in CASES:
        packed = pack_padded_sequence(torch.randn(max(lengths), len(lengths), 3), lengths,
                                      enforce_sorted=False)
        with torch.no_grad():
            packed_output, (h_n, _c_n) = lstm(packed)
            output, _lengths = pad_packed_sequence(packed_output)
        cases.append((lengths, output, h_n[-1]))
    for lengths, output, expected in cases:
        try:
            got = plain_tensor(call(answer, output, list(lengths)), _("The result"))
        except LearnerError as err:
            if not isinstance(err.error, IndexError):
                raise
            return _("An index ran past the end of output ({error}). Sequence b ends at step "
                     "lengths[b] - 1, because steps count from 0.").format(
                         error=str(err.error).splitlines()[0] if str(err.error) else "")
        if got.shape != expected.shape:
            return _("Expected one vector per sequence, shape (batch, hidden_size) = "
                     "{expected}; yours is {got}.").format(expected=tuple(expected.shape),
                                                          got=tuple(got.shape))
        if same_values(got, expected):
            continue
        if same_values(got, output[-1], exact=True):
            return _("output[-1] is padding (zeros) for every sequence shorter than the "
                     "longest. Take step lengths[b] - 1 of sequence b.")
        return _("Not each sequence's last real step yet: sequence b ends at step "
                 "lengths[b] - 1.")
    return None


# 04.3 — average over real steps only.

def masked_mean(values: torch.Tensor, lengths: list[int]) -> torch.Tensor:
    """The mean of a padded ``(L, N)`` tensor of per-step values over the real steps only."""
    mask = torch.arange(values.shape[0])[:, None] < torch.tensor(lengths)[None, :]
    return values[mask].mean()


def _judge_masked_mean(answer: Any) -> str | None:
    torch.manual_seed(6)
    cases = []
    for lengths in CASES:
        values = torch.rand(max(lengths), len(lengths)) + 1.0  # padding steps hold values too
        exact = values.double()
        real = [exact[:n, b] for b, n in enumerate(lengths)]
        cases.append((lengths, values, torch.cat(real).mean().item(), exact.mean().item(),
                      torch.stack([r.mean() for r in real]).mean().item()))
    for lengths, values, expected, with_padding, mean_of_means in cases:
        got = number(call(answer, values, list(lengths)), _("The mean"))
        if close(got, expected, 1e-5):
            continue
        if close(got, with_padding, 1e-5):
            return _("That mean counts the padding steps too. Keep only steps t < lengths[b].")
        if close(got, mean_of_means, 1e-5):
            return _("That is the mean of the per-sequence means, which gives a short "
                     "sequence's steps more weight. Average over all real steps at once.")
        return _("Not the mean over the real steps yet: sum the real steps and divide by "
                 "their count.")
    return None


EXERCISES = {
    "04.1": Exercise(_judge_batch_sizes, batch_sizes_of, answer_is_function=True),
    "04.2": Exercise(_judge_last_outputs, last_outputs, answer_is_function=True),
    "04.3": Exercise(_judge_masked_mean, masked_mean, answer_is_function=True),
}
