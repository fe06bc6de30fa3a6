"""Count-based language models: the baselines a character-level LSTM has to beat.

A unigram model predicts every character from its frequency alone; a bigram model
from the one character before it. Both are tables of log-probabilities, smoothed
by adding ``smoothing`` to every count so that no character gets probability 0.
"""

from __future__ import annotations

import torch

from lstm_course._checks import require_elements, require_int, require_number, require_tensor
from lstm_course.i18n import _


def _check_ids(ids: torch.Tensor, vocab_size: int, smoothing: float, least: int,
               table: int) -> None:
    """Refuse ids that are not a long enough 1-D integer tensor within ``0..vocab_size-1``."""
    require_tensor("ids", ids, ranks=(1,), kind="integer",
                   layout=_("a 1-D integer tensor (e.g. vocab.encode(text))"))
    require_int("vocab_size", vocab_size, 1)
    require_number("smoothing", smoothing, positive=True)
    require_elements(_("a table for vocab_size={size}").format(size=vocab_size),
                     vocab_size ** table, _("Pass vocab_size=len(vocab)."))
    if len(ids) < least:
        raise ValueError(_("ids must hold at least {least} character(s), got {count}.").format(
            least=least, count=len(ids)))
    if ids.min() < 0 or ids.max() >= vocab_size:
        raise ValueError(_("ids must lie in 0..vocab_size-1 = 0..{top}, got values from {low} to "
                           "{high}. Pass vocab_size=len(vocab) of the vocabulary that encoded "
                           "them.").format(top=vocab_size - 1, low=int(ids.min()),
                                           high=int(ids.max())))


def unigram_log_probs(ids: torch.Tensor, vocab_size: int,
                      smoothing: float = 1.0) -> torch.Tensor:
    """``log p(char)`` from the character counts of ``ids``: a tensor of shape ``(V,)``."""
    _check_ids(ids, vocab_size, smoothing, least=1, table=1)
    counts = torch.bincount(ids, minlength=vocab_size).double() + smoothing
    return (counts / counts.sum()).log()


def bigram_log_probs(ids: torch.Tensor, vocab_size: int,
                     smoothing: float = 1.0) -> torch.Tensor:
    """``log p(next | previous)`` from the pairs of neighbours in ``ids``: shape ``(V, V)``.

    Row ``a`` is the distribution of the character that follows ``a``; every row sums to 1.
    """
    _check_ids(ids, vocab_size, smoothing, least=2, table=2)
    pairs = ids[:-1] * vocab_size + ids[1:]  # one number per (previous, next) pair
    counts = torch.bincount(pairs, minlength=vocab_size * vocab_size).double() + smoothing
    counts = counts.view(vocab_size, vocab_size)
    return (counts / counts.sum(dim=1, keepdim=True)).log()
