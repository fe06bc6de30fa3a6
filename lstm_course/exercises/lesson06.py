"""Exercises of lesson 06, forecasting real data. The right answers come from torch itself."""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from lstm_course.exercises import Exercise, call


def _as_tensor(got: Any, what: str) -> torch.Tensor | str:
    """``got`` if it is a tensor, else the hint to give."""
    if isinstance(got, torch.Tensor):
        return got
    return f"Your function should return {what}, it returned {type(got).__name__}."


# 06.1 — the persistence forecast.

def persistence(inputs: torch.Tensor) -> torch.Tensor:
    """Next value = the last value of each window: ``(N, window)`` -> ``(N, 1)``."""
    return inputs[:, -1:]


def _judge_persistence(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def persistence(inputs): return ..."
    generator = torch.Generator().manual_seed(6)
    for count, window in ((7, 5), (3, 1), (12, 20)):
        inputs = torch.rand(count, window, generator=generator) * 100
        got = _as_tensor(call(answer, inputs.clone()), "a tensor of shape (N, 1)")
        if isinstance(got, str):
            return got
        right = inputs[:, -1:]
        if got.shape == (count,) and torch.equal(got, right[:, 0]):
            return ("The values are right, but keep the shape (N, 1) of the targets: "
                    "index with -1: rather than -1.")
        if got.shape != right.shape:
            return f"Expected shape (N, 1) = {tuple(right.shape)}, got {tuple(got.shape)}."
        if window > 1 and torch.equal(got, inputs[:, :1]):
            return ("That is the oldest value of each window (column 0). Persistence repeats "
                    "the most recent one: the last column.")
        if not torch.equal(got, right):
            return "The shape is right but the values are not the last value of each window."
    return None


# 06.2 — normalise with statistics of the training part only.

def standardise(values: torch.Tensor, is_train: torch.Tensor) -> torch.Tensor:
    """``values`` shifted and scaled by the mean and std of the training part, ``values[is_train]``.

    Both statistics come from the training part only: the test part is the future.
    """
    mean, std = values[is_train].mean(), values[is_train].std()
    return (values - mean) / std


def _judge_standardise(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def standardise(values, is_train): return ..."
    generator = torch.Generator().manual_seed(7)
    for length, cut in ((40, 25), (100, 70)):
        # A series with a trend: the later (test) part has a higher mean than the training part.
        values = torch.linspace(0, 50, length) + torch.randn(length, generator=generator)
        is_train = torch.arange(length) < cut
        got = _as_tensor(call(answer, values.clone(), is_train.clone()), "a tensor")
        if isinstance(got, str):
            return got
        if got.shape != values.shape:
            return (f"Return one number per value: shape {tuple(values.shape)}, got "
                    f"{tuple(got.shape)}.")
        train = values[is_train]
        candidates = [(values - train.mean()) / train.std(correction=c) for c in (0, 1)]
        if any(torch.allclose(got, right, atol=1e-5) for right in candidates):
            continue
        if any(torch.allclose(got, (values - values.mean()) / values.std(correction=c),
                              atol=1e-5) for c in (0, 1)):
            return ("You used the mean and std of the whole series, test part included. "
                    "Compute them from values[is_train] only: the test years are the future.")
        return ("Subtract the training part's mean and divide by its std: "
                "(values - mean) / std with both computed on values[is_train].")
    return None


# 06.3 — detach the state carried to the next chunk.

def detach_state(state: tuple[torch.Tensor, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """The same ``(h, c)`` values, cut off from the graph of the chunk that produced them."""
    h, c = state
    return h.detach(), c.detach()


def _judge_detach_state(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def detach_state(state): return h, c"
    torch.manual_seed(8)
    lstm = nn.LSTM(1, 4)
    series = torch.randn(30, 1, 1)
    state = None
    for start in range(0, 30, 10):  # three chunks, one backward each, state carried
        output, state = lstm(series[start:start + 10], state)
        output.sum().backward()
        carried = call(answer, state)
        if not isinstance(carried, (tuple, list)) or len(carried) != 2:
            return "Return a pair (h, c): two tensors in a tuple."
        for name, old, new in zip(("h", "c"), state, carried, strict=True):
            if not isinstance(new, torch.Tensor):
                return f"{name} should be a tensor, got {type(new).__name__}."
            if new.shape != old.shape or not torch.equal(new, old):
                return (f"{name} must keep its values (and shape {tuple(old.shape)}): only "
                        f"its link to the graph should go.")
            if new.requires_grad:
                return (f"{name} still requires grad: it is attached to the graph of the "
                        f"chunk that made it, so the next backward() would go back through "
                        f"that freed graph. Call .detach() on it.")
        state = tuple(carried)
    return None


EXERCISES = {
    "06.1": Exercise(_judge_persistence, persistence, answer_is_function=True),
    "06.2": Exercise(_judge_standardise, standardise, answer_is_function=True),
    "06.3": Exercise(_judge_detach_state, detach_state, answer_is_function=True),
}
