"""Exercises of lesson 06, forecasting real data. The right answers come from torch itself."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from lstm_course.exercises import Exercise, call
from lstm_course.exercises.answers import plain_tensor, same_values, tensor_pair
from lstm_course.i18n import _

# 06.1 — the persistence forecast.


def persistence(inputs: torch.Tensor) -> torch.Tensor:
    """Next value = the last value of each window: ``(N, window)`` -> ``(N, 1)``."""
    return inputs[:, -1:]


def _judge_persistence(answer: Any) -> str | None:
    generator = torch.Generator().manual_seed(6)
    cases = [torch.rand(count, window, generator=generator) * 100
             for count, window in ((7, 5), (3, 1), (12, 20))]
    for inputs in cases:
        right = inputs[:, -1:]
        got = plain_tensor(call(answer, inputs), _("The forecast"))
        if same_values(got, right[:, 0], exact=True):
            return _("The values are right, but keep the shape (N, 1) of the targets: index "
                     "with `-1:` rather than `-1`.")
        if got.shape != right.shape:
            return _("Expected shape (N, 1) = {expected}, got {got}.").format(
                expected=tuple(right.shape), got=tuple(got.shape))
        if inputs.shape[1] > 1 and same_values(got, inputs[:, :1], exact=True):
            return _("That is the oldest value of each window (column 0). Persistence repeats "
                     "the most recent one: the last column.")
        if not same_values(got, right, exact=True):
            return _("The shape is right but the values are not the last value of each "
                     "window.")
    return None


# 06.2 — normalise with statistics of the training part only.

def standardise(values: torch.Tensor, is_train: torch.Tensor) -> torch.Tensor:
    """``values`` shifted and scaled by the mean and std of the training part, ``values[is_train]``.

    Both statistics come from the training part only: the test part is the future.
    """
    mean, std = values[is_train].mean(), values[is_train].std()
    return (values - mean) / std


def _judge_standardise(answer: Any) -> str | None:
    generator = torch.Generator().manual_seed(7)
    cases = []
    for length, cut in ((40, 25), (100, 70)):
        # A series with a trend: the later (test) part has a higher mean than the training part.
        values = torch.linspace(0, 50, length) + torch.randn(length, generator=generator)
        is_train = torch.arange(length) < cut
        train = values[is_train]
        scaled = {(mean_from, std_from, c): (values - a.mean()) / b.std(correction=c)
                  for mean_from, a in (("train", train), ("all", values))
                  for std_from, b in (("train", train), ("all", values)) for c in (0, 1)}
        cases.append((values, is_train, scaled))
    for values, is_train, scaled in cases:
        got = plain_tensor(call(answer, values, is_train), _("The result"))
        if got.shape == (int(is_train.sum()),):
            return _("Return all of values, scaled: the test part too, with the training "
                     "part's mean and std.")
        if got.shape != values.shape:
            return _("Return one number per value: shape {expected}, got {got}.").format(
                expected=tuple(values.shape), got=tuple(got.shape))
        matches = {key[:2] for key, right in scaled.items()
                   if same_values(got, right, rtol=1e-5, atol=1e-5)}
        if ("train", "train") in matches:
            continue
        if ("all", "all") in matches:
            return _("You used the mean and std of the whole series, test part included. "
                     "Compute them from values[is_train] only: the test years are the future.")
        if matches:
            return _("Take both statistics, the mean and the std, from values[is_train]; one "
                     "of yours comes from the whole series.")
        return _("Subtract the training part's mean and divide by its std: (values - mean) / "
                 "std with both computed on values[is_train].")
    return None


# 06.3 — detach the state carried to the next chunk.

def detach_state(state: tuple[torch.Tensor, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """The same ``(h, c)`` values, cut off from the graph of the chunk that produced them."""
    h, c = state
    return h.detach(), c.detach()


def _judge_detach_state(answer: Any) -> str | None:
    torch.manual_seed(8)
    lstm = nn.LSTM(1, 4)
    series = torch.randn(30, 1, 1)
    states, carried = [], None
    with torch.enable_grad():
        for start in range(0, 30, 10):  # three chunks, one backward each, the state carried
            output, state = lstm(series[start:start + 10], carried)
            output.sum().backward()
            states.append(state)  # still attached to the (now freed) graph of its chunk
            carried = tuple(s.detach() for s in state)
    for state in states:
        new = tensor_pair(call(answer, state), ("h", "c"))
        for name, old, tensor in zip(("h", "c"), state, new, strict=True):
            if not same_values(tensor, old, exact=True):
                return _("{name} must keep its values (and shape {shape}): only its link to "
                         "the graph should go.").format(name=name, shape=tuple(old.shape))
            if tensor.requires_grad:
                return _("{name} still requires grad: it is attached to the graph of the chunk "
                         "that made it, so the next backward() would go back through that "
                         "freed graph. Call .detach() on it.").format(name=name)
    return None


EXERCISES = {
    "06.1": Exercise(_judge_persistence, persistence, answer_is_function=True),
    "06.2": Exercise(_judge_standardise, standardise, answer_is_function=True),
    "06.3": Exercise(_judge_detach_state, detach_state, answer_is_function=True),
}
