"""Exercises of lesson 08, classifying sequences. The right answers come from torch itself."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from lstm_course.exercises import Exercise, LearnerError, call
from lstm_course.exercises.answers import close, number, plain_tensor, same_values
from lstm_course.i18n import _

HIDDEN_SIZE = 5  # no batch below has 2 * 5 = 10 sequences: shapes read one way only
LENGTHS = ([5, 3, 4, 2], [2, 6, 1, 6, 4], [1])


# 08.1 — each sequence's final state from a bidirectional packed call, unpacked.

def final_states(output: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
    """Forward half at each sequence's last real step, backward half at step 0: ``(N, 2H)``."""
    hidden = output.shape[2] // 2
    last_step = lengths - 1
    forward = output[last_step, torch.arange(len(lengths)), :hidden]
    return torch.cat([forward, output[0, :, hidden:]], dim=1)


def _judge_final_states(answer: Any) -> str | None:
    torch.manual_seed(8)
    lstm = nn.LSTM(3, HIDDEN_SIZE, bidirectional=True)
    cases = []
    for lengths in LENGTHS:
        packed = pack_padded_sequence(torch.randn(max(lengths), len(lengths), 3), lengths,
                                      enforce_sorted=False)
        with torch.no_grad():
            packed_output, (h_n, _c_n) = lstm(packed)
        output, _lengths = pad_packed_sequence(packed_output)
        rows = torch.tensor(lengths) - 1, torch.arange(len(lengths))
        cases.append((torch.tensor(lengths), output, torch.cat([h_n[-2], h_n[-1]], dim=1),
                      output[rows], torch.cat([h_n[-1], h_n[-2]], dim=1)))
    for lengths, output, expected, at_last_step, swapped in cases:
        try:
            got = plain_tensor(call(answer, output, lengths.clone()), _("The result"))
        except LearnerError as err:
            if not isinstance(err.error, IndexError):
                raise
            return _("An index ran past the end of output. Sequence b ends at step "
                     "lengths[b] - 1, because steps count from 0.")
        if got.shape != expected.shape:
            return _("Expected one vector per sequence with both directions, shape (N, 2 * H) "
                     "= {expected}; yours is {got}.").format(expected=tuple(expected.shape),
                                                            got=tuple(got.shape))
        if same_values(got, expected):
            continue
        if same_values(got, at_last_step):
            return _("The forward half is right, but the backward direction runs from the end "
                     "to the start: at the last step it has read one element. Its summary is "
                     "at step 0: output[0, :, H:].")
        if same_values(got, output[-1], exact=True):
            return _("output[-1] is padding (zeros) for every sequence shorter than the "
                     "longest. Take the forward half at step lengths[b] - 1.")
        if same_values(got, output[0], exact=True):
            return _("The backward half of output[0] is right, but the forward half at step 0 "
                     "has read one element. Take it at step lengths[b] - 1.")
        if same_values(got, swapped):
            return _("Put the forward direction first, as h_n[-2] comes before h_n[-1].")
        return _("Not the final states yet: the forward half output[..., :H] at step "
                 "lengths[b] - 1, then the backward half output[..., H:] at step 0.")
    return None


# 08.2 — the order-blind features of one utterance.

def pooled_features(utterance: torch.Tensor) -> torch.Tensor:
    """The mean, then the standard deviation, of each coefficient over time: ``(2 * H_in,)``."""
    return torch.cat([utterance.mean(dim=0), utterance.std(dim=0)])


def _judge_pooled_features(answer: Any) -> str | None:
    generator = torch.Generator().manual_seed(8)
    cases = []
    for steps in (7, 20):
        utterance = torch.randn(steps, 12, generator=generator) * 2 + 1
        mean, std = utterance.mean(dim=0), utterance.std(dim=0)
        cases.append((utterance, torch.cat([mean, std]), torch.cat([std, mean]),
                      torch.cat([mean, utterance.std(dim=0, correction=0)]),
                      torch.cat([mean, utterance.var(dim=0)])))
    for utterance, expected, swapped, biased, variance in cases:
        got = plain_tensor(call(answer, utterance), _("The result"))
        if got.shape == (2 * len(utterance),):
            return _("You pooled over the 12 coefficients (dim=1). Pool over time, dim=0: one "
                     "mean and one SD per coefficient.")
        if got.shape == (12,):
            return _("12 numbers: one statistic. Concatenate the 12 means and the 12 standard "
                     "deviations, 24 numbers.")
        if got.shape != expected.shape:
            return _("Expected 24 numbers, shape (24,); yours has shape {got}.").format(
                got=tuple(got.shape))
        if same_values(got, expected):
            continue
        if same_values(got, swapped):
            return _("The means come first, then the standard deviations.")
        if same_values(got, biased):
            return _("That SD divides by T; torch.std's default divides by T - 1 "
                     "(correction=1). Use utterance.std(dim=0).")
        if same_values(got, variance):
            return _("That is the variance; the standard deviation is its square root.")
        return _("Not yet: torch.cat([utterance.mean(dim=0), utterance.std(dim=0)]) has the "
                 "24 numbers asked for.")
    return None


# 08.3 — the majority-class baseline.

def majority_accuracy(train_labels: torch.Tensor, test_labels: torch.Tensor) -> float:
    """Test accuracy of always answering the most common training class (lowest on a tie)."""
    majority = train_labels.bincount().argmax()
    return (test_labels == majority).float().mean().item()


def _judge_majority_accuracy(answer: Any) -> str | None:
    cases = []
    for train, test in (([3] * 5 + [1] * 3 + [2] * 2, [2] * 6 + [3] * 2 + [1] * 2),
                        ([1, 1, 2, 2, 0], [2, 1, 1, 0, 0, 0])):
        train, test = torch.tensor(train), torch.tensor(test)
        majority = int(train.bincount().argmax())
        tied = int(max(c for c in range(len(train.bincount()))
                       if train.bincount()[c] == train.bincount().max()))
        cases.append((train, test, majority, {
            "right": (test == majority).float().mean().item(),
            "test_majority": (test == test.bincount().argmax()).float().mean().item(),
            "count": float((test == majority).sum()),
            "train_fraction": (train == majority).float().mean().item(),
            "highest_tie": (test == tied).float().mean().item()}))
    for train, test, majority, values in cases:
        got = number(call(answer, train, test), _("The accuracy"))
        if close(got, values["right"], 1e-6):
            continue
        if close(got, values["test_majority"], 1e-6):
            return _("You took the most common class of test_labels: the baseline may learn "
                     "only from train_labels, then it is scored on test_labels.")
        if close(got, values["count"], 1e-6):
            return _("That is a count of right answers; divide by len(test_labels).")
        if close(got, float(majority), 1e-6):
            return _("That is the majority class itself; return its accuracy, the fraction of "
                     "test_labels equal to it.")
        if close(got, values["train_fraction"], 1e-6):
            return _("That is how common the class is in train_labels; score it on "
                     "test_labels.")
        if close(got, values["highest_tie"], 1e-6):
            return _("On a tie, take the lowest class, as train_labels.bincount().argmax() "
                     "does.")
        return _("Find the most common class of train_labels, then the fraction of "
                 "test_labels equal to it.")
    return None


EXERCISES = {
    "08.1": Exercise(_judge_final_states, final_states, answer_is_function=True),
    "08.2": Exercise(_judge_pooled_features, pooled_features, answer_is_function=True),
    "08.3": Exercise(_judge_majority_accuracy, majority_accuracy, answer_is_function=True),
}
