"""Exercises of lesson 07, generating text. The right answers come from torch itself."""

from __future__ import annotations

import math
from typing import Any

import torch

from lstm_course.baselines import unigram_log_probs
from lstm_course.data import CharVocab, torch_source_corpus
from lstm_course.exercises import Exercise, call

# 07.1 — the loss of a model that knows nothing.

def _reference_uniform_loss() -> float:
    # Every one of the V characters gets probability 1 / V, so each one costs -log(1 / V) nats.
    vocab_size = len(CharVocab(torch_source_corpus()))
    return math.log(vocab_size)


def _judge_uniform_loss(answer: Any) -> str | None:
    if isinstance(answer, bool) or not isinstance(answer, (int, float, torch.Tensor)):
        return "Give one number: the loss in nats per character, e.g. 1.23."
    value = float(answer)
    vocab_size = len(CharVocab(torch_source_corpus()))
    probabilities = torch.full((1, vocab_size), 1.0 / vocab_size)
    right = torch.nn.functional.nll_loss(probabilities.log(), torch.tensor([0])).item()
    if abs(value - right) < 1e-3:
        return None
    if abs(value - vocab_size) < 0.5:
        return (f"{vocab_size} is the perplexity of the uniform model, exp(loss). "
                f"The loss is its natural logarithm.")
    if abs(value - math.log2(vocab_size)) < 1e-3:
        return "That is in bits (log base 2). Cross-entropy in PyTorch uses the natural log."
    if abs(value - 1 / vocab_size) < 1e-3:
        return "That is the probability of one character; the loss is -log of it."
    return f"The vocabulary has {vocab_size} characters, each with probability 1/{vocab_size}."


# 07.2 — sampling one character with a temperature.

def sample_next(logits: torch.Tensor, temperature: float) -> int:
    """Draw one class index from ``softmax(logits / temperature)``; ``logits`` is ``(V,)``."""
    probabilities = torch.softmax(logits / temperature, dim=-1)
    return int(torch.multinomial(probabilities, num_samples=1))


def _frequencies(answer: Any, logits: torch.Tensor, temperature: float,
                 draws: int) -> torch.Tensor | str:
    counts = torch.zeros(len(logits))
    for _ in range(draws):
        got = call(answer, logits.clone(), temperature)
        if isinstance(got, torch.Tensor) and got.numel() == 1:
            got = got.item()
        if isinstance(got, bool) or not isinstance(got, int) or not 0 <= got < len(logits):
            return (f"Return one class index, an int from 0 to {len(logits) - 1}; "
                    f"got {got!r}. int(torch.multinomial(...)) gives one.")
        counts[got] += 1
    return counts / draws


def _judge_sample_next(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def sample_next(logits, temperature): return ..."
    torch.manual_seed(7)
    logits = torch.tensor([2.0, 1.0, 0.0, -1.0])
    for temperature in (0.5, 2.0):
        found = _frequencies(answer, logits, temperature, draws=3000)
        if isinstance(found, str):
            return found
        right = torch.softmax(logits / temperature, dim=0)
        if (found - right).abs().max() < 0.04:
            continue
        if found.max() == 1.0:
            return ("You always return the same character: that is greedy decoding "
                    "(temperature near 0). Sample from the probabilities with torch.multinomial.")
        if (found - torch.softmax(logits * temperature, dim=0)).abs().max() < 0.04:
            return ("Divide the logits by the temperature, do not multiply: a temperature "
                    "below 1 must make the likely characters more likely.")
        return (f"At temperature {temperature} the frequencies you draw are "
                f"{[round(f, 2) for f in found.tolist()]}, expected about "
                f"{[round(p, 2) for p in right.tolist()]} = softmax(logits / temperature).")
    return None


# 07.3 — the unigram baseline, with add-one smoothing.

def unigram_loss(train_ids: torch.Tensor, eval_ids: torch.Tensor, vocab_size: int) -> float:
    """Mean -log p(char) over ``eval_ids``, with p from add-one-smoothed counts of ``train_ids``."""
    counts = torch.bincount(train_ids, minlength=vocab_size) + 1.0
    log_p = (counts / counts.sum()).log()
    return -log_p[eval_ids].mean().item()


def _judge_unigram_loss(answer: Any) -> str | None:
    if not callable(answer):
        return "Give a function, e.g. def unigram_loss(train_ids, eval_ids, vocab_size): ..."
    generator = torch.Generator().manual_seed(9)
    train_ids = torch.randint(0, 5, (200,), generator=generator)  # ids 5 and 6 never appear
    eval_ids = torch.cat([torch.randint(0, 5, (50,), generator=generator), torch.tensor([5])])
    got = call(answer, train_ids.clone(), eval_ids.clone(), 7)
    if isinstance(got, torch.Tensor) and got.numel() == 1:
        got = got.item()
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return f"Return one number (the mean loss in nats), got {type(got).__name__}."
    right = torch.nn.functional.cross_entropy(unigram_log_probs(train_ids, 7).expand(51, 7),
                                              eval_ids).item()
    if math.isinf(got):
        return ("A character that never appears in the training text gets probability 0, so "
                "its loss is infinite. Add 1 to every count before dividing (add-one smoothing).")
    if abs(got - right) < 1e-4:
        return None
    if abs(got + right) < 1e-4:
        return "The loss is minus the mean log-probability: check the sign."
    if abs(got + unigram_log_probs(train_ids, 5)[eval_ids[:-1]].mean().item()) < 0.3:
        return ("Count over the whole vocabulary: torch.bincount(train_ids, "
                "minlength=vocab_size), so that characters never seen get a count too.")
    return ("Count each id in train_ids, add 1 to every count, divide by the total, then "
            "average -log p over eval_ids.")


EXERCISES = {
    "07.1": Exercise(_judge_uniform_loss, _reference_uniform_loss),
    "07.2": Exercise(_judge_sample_next, sample_next, answer_is_function=True),
    "07.3": Exercise(_judge_unigram_loss, unigram_loss, answer_is_function=True),
}
