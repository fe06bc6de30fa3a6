"""Character n-gram models with interpolated Witten–Bell smoothing: baselines that count context.

An order-``n`` model predicts a character from the ``n - 1`` before it. Witten–Bell mixes each
order with the one below it, trusting a context more the more often it was seen and the fewer
different characters followed it:

    p_k(w | h) = (c(h, w) + T(h) · p_{k-1}(w | h')) / (c(h) + T(h))

where ``c(h, w)`` counts ``w`` after the context ``h`` of length ``k`` in the training text,
``c(h)`` counts ``h``, ``T(h)`` is the number of distinct characters seen after ``h``, ``h'`` is
``h`` without its oldest character, and ``p_{-1}`` is the uniform ``1 / V``. A context never seen
in training leaves the lower order's probability unchanged.
"""

from __future__ import annotations

import torch

from lstm_course._checks import describe, require_int, require_tensor
from lstm_course.i18n import _


def _codes(rows: torch.Tensor, k: int, vocab_size: int) -> torch.Tensor:
    """Integer code of the ``k`` characters before each position ``t >= k`` of each row."""
    codes = torch.zeros(rows.shape[0], rows.shape[1] - k, dtype=torch.int64)
    for j in range(k):
        codes = codes * vocab_size + rows[:, j:rows.shape[1] - k + j]
    return codes


def _lookup(keys: torch.Tensor, counts: torch.Tensor, query: torch.Tensor) -> torch.Tensor:
    """``counts`` of each ``query`` in the sorted unique ``keys``; 0 where it is absent."""
    where = torch.searchsorted(keys, query).clamp(max=len(keys) - 1)
    return torch.where(keys[where] == query, counts[where], 0)


class NGramModel:
    """An order-``order`` character model, interpolated Witten–Bell, fitted on training ids only.

    ``NGramModel(5, V).fit(train_ids).loss(rows)`` is the mean nats per character of the
    characters ``rows[:, 1:]``, each predicted from the characters before it in its own row,
    so it scores exactly what a language model reading the same rows is scored on.
    """

    def __init__(self, order: int, vocab_size: int) -> None:
        self.order = require_int("order", order, minimum=1)
        self.vocab_size = require_int("vocab_size", vocab_size, minimum=1)
        self.tables: list[tuple[torch.Tensor, ...]] = []

    def fit(self, train_ids: torch.Tensor) -> NGramModel:
        """Count every context of length 0 … order − 1 and what follows it in ``train_ids``."""
        ids = self._ids(train_ids, "train_ids").reshape(1, -1)
        if ids.shape[1] < self.order:
            raise ValueError(_("train_ids has {n} characters, fewer than the order {order}: fit "
                               "on a longer text.").format(n=ids.shape[1], order=self.order))
        self.tables = []
        for k in range(self.order):
            joint = _codes(ids, k, self.vocab_size) * self.vocab_size + ids[:, k:]
            pairs, pair_counts = torch.unique(joint, return_counts=True)
            contexts, context_counts = torch.unique(joint // self.vocab_size, return_counts=True)
            _unused, types = torch.unique(pairs // self.vocab_size, return_counts=True)
            self.tables.append((pairs, pair_counts, contexts, context_counts, types))
        return self

    def log_probs(self, rows: torch.Tensor, order: int | None = None) -> torch.Tensor:
        """``log p(rows[:, t] | rows[:, :t])`` for ``t = 1 …``: shape ``(R, L - 1)``, float64.

        ``order`` (at most the model's) scores with the counts of the shorter contexts only:
        a fitted order-6 model is also the order-1 … 5 models, at no extra counting.
        """
        if not self.tables:
            raise ValueError(_("this NGramModel is not fitted yet: call .fit(train_ids) first."))
        order = self.order if order is None else require_int("order", order, minimum=1)
        if order > self.order:
            raise ValueError(_("order must be at most the model's order {top}, got {order}: "
                               "build NGramModel({order}, ...) for longer contexts.").format(
                                   top=self.order, order=order))
        rows = self._ids(rows, "rows")
        if rows.dim() == 1:
            rows = rows.reshape(1, -1)
        if rows.dim() != 2 or rows.shape[1] < 2:
            raise ValueError(_("rows must be (R, L) character ids with L >= 2, got shape {shape}."
                               ).format(shape=tuple(rows.shape)))
        p = torch.full(rows[:, 1:].shape, 1.0 / self.vocab_size, dtype=torch.float64)
        for k, (pairs, pair_counts, contexts, context_counts, types) in enumerate(
                self.tables[:order]):
            if k >= rows.shape[1]:
                break
            codes = _codes(rows, k, self.vocab_size)  # contexts of positions k … L-1
            c_hw = _lookup(pairs, pair_counts, codes * self.vocab_size + rows[:, k:]).double()
            c_h = _lookup(contexts, context_counts, codes).double()
            t_h = _lookup(contexts, types, codes).double()
            start = max(k, 1) - 1  # position t's probability sits at column t - 1
            lower = p[:, start:]
            n = lower.shape[1]  # the unigram also scores position 0, which is never predicted
            c_hw, c_h, t_h = c_hw[:, -n:], c_h[:, -n:], t_h[:, -n:]
            mixed = (c_hw + t_h * lower) / (c_h + t_h).clamp(min=1)
            p[:, start:] = torch.where(c_h > 0, mixed, lower)
        return p.log()

    def loss(self, rows: torch.Tensor, order: int | None = None) -> float:
        """Mean nats per character of ``rows[:, 1:]`` (see :meth:`log_probs`)."""
        return -self.log_probs(rows, order).mean().item()

    def _ids(self, ids: object, name: str) -> torch.Tensor:
        layout = _("an int64 tensor of character ids")
        if require_tensor(name, ids, kind="integer", layout=layout).dtype != torch.int64:
            raise TypeError(_("{name} must be {expected}, got {got}. {fix}").format(
                name=name, expected=layout, got=describe(ids), fix=_("Use vocab.encode(text).")))
        if ids.numel() and (ids.min() < 0 or ids.max() >= self.vocab_size):
            raise ValueError(_("{name} holds ids outside 0 … {top}: build the model with the "
                               "vocabulary's size.").format(name=name, top=self.vocab_size - 1))
        return ids.cpu()
