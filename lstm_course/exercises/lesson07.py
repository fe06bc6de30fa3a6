"""Exercises of lesson 07, generating text. The right answers come from torch itself."""

from __future__ import annotations

import math
from typing import Any

import torch

from lstm_course.baselines import unigram_log_probs
from lstm_course.data import CharVocab, torch_source_corpus
from lstm_course.exercises import Exercise, LearnerError, call
from lstm_course.exercises.answers import close, number, whole_number
from lstm_course.i18n import _

# 07.1 — the loss of a model that knows nothing.


def _reference_uniform_loss() -> float:
    # Every one of the V characters gets probability 1 / V, so each one costs -log(1 / V) nats.
    vocab_size = len(CharVocab(torch_source_corpus()))
    return math.log(vocab_size)


_UNIFORM_LOSS_SOLUTION = """\
import math

# Each of the 96 characters gets probability 1/96, and each one costs -log(1/96) nats.
answer_07_1 = math.log(96)  # 4.564"""


def _judge_uniform_loss(answer: Any) -> str | None:
    vocab_size = len(CharVocab(torch_source_corpus()))
    probabilities = torch.full((1, vocab_size), 1.0 / vocab_size)
    right = torch.nn.functional.nll_loss(probabilities.log(), torch.tensor([0])).item()
    value = number(answer, _("Your answer"))
    if close(value, right, 5e-3):  # the lesson prints it with two decimals
        return None
    if close(value, vocab_size, 0.5):
        return _("{size} is the perplexity of the uniform model, exp(loss). The loss is its "
                 "natural logarithm.").format(size=vocab_size)
    if close(value, math.log2(vocab_size), 5e-3):
        return _("That is in bits (log base 2). Cross-entropy in PyTorch uses the natural log.")
    if close(value, 1 / vocab_size, 1e-3):
        return _("That is the probability of one character; the loss is -log of it.")
    if close(value, -right, 5e-3):
        return _("A loss is -log p, a positive number for p below 1: check the sign.")
    if close(value, right, 0.05):
        return _("Close: give at least two decimals, e.g. with math.log.")
    return _("The vocabulary has {size} characters, each with probability 1/{size}.").format(
        size=vocab_size)


# 07.2 — sampling one character with a temperature.

def sample_next(logits: torch.Tensor, temperature: float) -> int:
    """Draw one class index from ``softmax(logits / temperature)``; ``logits`` is ``(V,)``."""
    probabilities = torch.softmax(logits / temperature, dim=-1)
    return int(torch.multinomial(probabilities, num_samples=1))


def _judge_sample_next(answer: Any) -> str | None:
    torch.manual_seed(7)
    logits = torch.tensor([2.0, 1.0, 0.0, -1.0])
    cases = [(t, torch.softmax(logits / t, dim=0), torch.softmax(logits * t, dim=0))
             for t in (0.5, 2.0)]
    for temperature, right, multiplied in cases:
        counts = [0] * len(logits)
        draws = 3000
        for _draw in range(draws):
            got = whole_number(call(answer, logits, temperature), _("The index"))
            if not 0 <= got < len(logits):
                return _("Return one class index from 0 to {last}; got {got}. "
                         "int(torch.multinomial(...)) gives one.").format(
                             last=len(logits) - 1, got=got)
            counts[got] += 1
        found = torch.tensor(counts, dtype=torch.float32) / draws
        if (found - right).abs().max() < 0.04:
            continue
        if found.max() == 1.0:
            return _("You always return the same character: that is greedy decoding "
                     "(temperature near 0). Sample from the probabilities with "
                     "torch.multinomial.")
        if (found - multiplied).abs().max() < 0.04:
            return _("Divide the logits by the temperature, do not multiply: a temperature "
                     "below 1 must make the likely characters more likely.")
        return _("At temperature {temperature} the frequencies you draw are {found}, expected "
                 "about {expected} = softmax(logits / temperature).").format(
                     temperature=temperature, found=[round(f, 2) for f in found.tolist()],
                     expected=[round(p, 2) for p in right.tolist()])
    return None


# 07.3 — the unigram baseline, with add-one smoothing.

def unigram_loss(train_ids: torch.Tensor, eval_ids: torch.Tensor, vocab_size: int) -> float:
    """Mean -log p(char) over ``eval_ids``, with p from add-one-smoothed counts of ``train_ids``."""
    counts = torch.bincount(train_ids, minlength=vocab_size) + 1.0
    log_p = (counts / counts.sum()).log()
    return -log_p[eval_ids].mean().item()


def _loss(train_ids: torch.Tensor, eval_ids: torch.Tensor, vocab_size: int) -> float:
    log_p = unigram_log_probs(train_ids, vocab_size)
    return torch.nn.functional.cross_entropy(log_p.expand(len(eval_ids), vocab_size),
                                             eval_ids).item()


def _judge_unigram_loss(answer: Any) -> str | None:
    generator = torch.Generator().manual_seed(9)
    cases = []
    for seen, vocab_size, unseen_in_eval in ((5, 7, [5]), (7, 9, [])):
        # ids from `seen` up never appear in train_ids; the first case scores one of them
        train_ids = torch.randint(0, seen, (200,), generator=generator)
        eval_ids = torch.cat([torch.randint(0, seen, (50,), generator=generator),
                              torch.tensor(unseen_in_eval, dtype=torch.int64)])
        cases.append((train_ids, eval_ids, vocab_size, _loss(train_ids, eval_ids, vocab_size),
                      _loss(eval_ids, eval_ids, vocab_size)))
    for train_ids, eval_ids, vocab_size, right, leaked in cases:
        try:
            got = number(call(answer, train_ids, eval_ids, vocab_size), _("The loss"))
        except LearnerError as err:
            if not isinstance(err.error, IndexError):
                raise
            return _("Your function raised IndexError: an id of eval_ids has no count. Count "
                     "over the whole vocabulary, torch.bincount(train_ids, "
                     "minlength=vocab_size), so that characters never seen get a count too.")
        if math.isinf(got):
            return _("A character that never appears in the training text gets probability 0, "
                     "so its loss is infinite. Add 1 to every count before dividing (add-one "
                     "smoothing).")
        if close(got, right, 1e-4):
            continue
        if close(got, -right, 1e-4):
            return _("The loss is minus the mean log-probability: check the sign.")
        if close(got, right / math.log(2), 1e-4):
            return _("That is in bits (log base 2). Use the natural log, as cross-entropy in "
                     "PyTorch does.")
        if close(got, leaked, 1e-4):
            return _("You counted eval_ids. The baseline learns its counts from train_ids only "
                     "and is then scored on eval_ids, text it has not seen.")
        return _("Count each id in train_ids, add 1 to every count, divide by the total, then "
                 "average -log p over eval_ids.")
    return None


EXERCISES = {
    "07.1": Exercise(_judge_uniform_loss, _reference_uniform_loss,
                     solution_code=_UNIFORM_LOSS_SOLUTION),
    "07.2": Exercise(_judge_sample_next, sample_next, answer_is_function=True),
    "07.3": Exercise(_judge_unigram_loss, unigram_loss, answer_is_function=True),
}
