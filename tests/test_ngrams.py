"""NGramModel against a direct, dictionary-based Witten–Bell on small texts."""

import math
from collections import Counter

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from lstm_course.ngrams import NGramModel


def witten_bell(train: list[int], vocab_size: int, order: int, context: list[int], w: int) -> float:
    """p(w | context) by the recursion, with plain counting over the training list."""
    p = 1.0 / vocab_size
    for k in range(order):
        if k > len(context):
            break
        h = tuple(context[len(context) - k:]) if k else ()
        follows = Counter(train[t] for t in range(k, len(train)) if tuple(train[t - k:t]) == h)
        c_h = sum(follows.values())
        if c_h:
            p = (follows[w] + len(follows) * p) / (c_h + len(follows))
    return p


texts = st.lists(st.integers(0, 3), min_size=5, max_size=40)


@given(train=texts, row=st.lists(st.integers(0, 3), min_size=2, max_size=12),
       order=st.integers(1, 4))
def test_matches_the_recursion_counted_directly(train, row, order):
    model = NGramModel(order, 4).fit(torch.tensor(train))
    got = model.log_probs(torch.tensor([row])).exp()[0]
    want = [witten_bell(train, 4, order, row[:t], row[t]) for t in range(1, len(row))]
    torch.testing.assert_close(got, torch.tensor(want, dtype=torch.float64))


@given(train=texts, context=st.lists(st.integers(0, 3), min_size=1, max_size=6),
       order=st.integers(1, 5))
def test_each_prediction_is_a_distribution(train, context, order):
    model = NGramModel(order, 4).fit(torch.tensor(train))
    rows = torch.tensor([context + [w] for w in range(4)])
    total = model.log_probs(rows)[:, -1].exp().sum()
    assert math.isclose(total.item(), 1.0, rel_tol=1e-9)


def test_more_context_fits_the_training_text_better():
    torch.manual_seed(0)
    text = torch.randint(0, 5, (2000,))
    text[1::3] = (text[0::3][: len(text[1::3])] + 1) % 5  # a character that follows from the last
    losses = [NGramModel(n, 5).fit(text).loss(text.view(20, 100)) for n in (1, 2, 3)]
    assert losses[0] > losses[1] > losses[2]


def test_a_lower_order_of_a_fitted_model_is_that_order_fitted_alone():
    torch.manual_seed(1)
    text, rows = torch.randint(0, 6, (500,)), torch.randint(0, 6, (4, 30))
    big = NGramModel(4, 6).fit(text)
    for order in (1, 2, 3, 4):
        torch.testing.assert_close(big.log_probs(rows, order),
                                   NGramModel(order, 6).fit(text).log_probs(rows))


def test_mistakes_are_named():
    with pytest.raises(TypeError, match="int64"):
        NGramModel(2, 4).fit([0, 1, 2])
    with pytest.raises(ValueError, match="outside"):
        NGramModel(2, 4).fit(torch.tensor([0, 9, 1]))
    with pytest.raises(ValueError, match="not fitted"):
        NGramModel(2, 4).log_probs(torch.tensor([[0, 1]]))
    with pytest.raises(ValueError, match="at most the model's order 2"):
        NGramModel(2, 4).fit(torch.tensor([0, 1, 2])).loss(torch.tensor([[0, 1]]), order=3)
    with pytest.raises(ValueError, match="L >= 2"):
        NGramModel(2, 4).fit(torch.tensor([0, 1, 2])).loss(torch.tensor([[0]]))
