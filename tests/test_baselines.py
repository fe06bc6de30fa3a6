"""lstm_course.baselines: the unigram and bigram tables, against counts done by hand and torch."""

import math

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from lstm_course.baselines import bigram_log_probs, unigram_log_probs

id_lists = st.integers(2, 6).flatmap(
    lambda vocab_size: st.tuples(st.just(vocab_size),
                                 st.lists(st.integers(0, vocab_size - 1), min_size=2, max_size=40)))


def test_unigram_counts_by_hand():
    # ids 0,0,0,1 over a vocabulary of 3, add-one: counts 4, 2, 1 out of 7.
    log_p = unigram_log_probs(torch.tensor([0, 0, 0, 1]), vocab_size=3)
    torch.testing.assert_close(log_p.exp(), torch.tensor([4 / 7, 2 / 7, 1 / 7],
                                                         dtype=torch.float64))


def test_bigram_counts_by_hand():
    # "abab" → pairs ab, ba, ab. With smoothing 0.5 over a vocabulary of 2:
    # after a: (0.5, 2.5) / 3, after b: (1.5, 0.5) / 2.
    log_p = bigram_log_probs(torch.tensor([0, 1, 0, 1]), vocab_size=2, smoothing=0.5)
    torch.testing.assert_close(log_p.exp(), torch.tensor([[0.5 / 3, 2.5 / 3], [0.75, 0.25]],
                                                         dtype=torch.float64))


@given(id_lists)
def test_tables_are_distributions(case):
    vocab_size, ids = case
    ids = torch.tensor(ids)
    unigram, bigram = unigram_log_probs(ids, vocab_size), bigram_log_probs(ids, vocab_size)
    assert unigram.shape == (vocab_size,) and bigram.shape == (vocab_size, vocab_size)
    torch.testing.assert_close(unigram.exp().sum(), torch.tensor(1.0, dtype=torch.float64))
    torch.testing.assert_close(bigram.exp().sum(dim=1), torch.ones(vocab_size,
                                                                  dtype=torch.float64))
    assert torch.isfinite(unigram).all() and torch.isfinite(bigram).all()


@given(id_lists)
def test_bigram_loss_equals_torchs_cross_entropy_on_the_table(case):
    vocab_size, ids = case
    ids = torch.tensor(ids)
    table = bigram_log_probs(ids, vocab_size)
    by_index = -table[ids[:-1], ids[1:]].mean()
    by_torch = F.cross_entropy(table[ids[:-1]], ids[1:])  # log-probs are valid logits
    torch.testing.assert_close(by_index, by_torch)


def test_a_bigram_beats_a_unigram_on_alternating_text():
    ids = torch.tensor([0, 1] * 50)
    unigram = -unigram_log_probs(ids, 2)[ids[1:]].mean()
    bigram = -bigram_log_probs(ids, 2)[ids[:-1], ids[1:]].mean()
    assert unigram == pytest.approx(math.log(2), abs=1e-3) and bigram < 0.05


@pytest.mark.parametrize("function, ids, vocab_size, smoothing, error, message", [
    (unigram_log_probs, torch.tensor([0.0, 1.0]), 2, 1.0, TypeError, "1-D integer tensor"),
    (unigram_log_probs, torch.tensor([], dtype=torch.long), 2, 1.0, ValueError, "at least 1"),
    (bigram_log_probs, torch.tensor([1]), 2, 1.0, ValueError, "at least 2"),
    (bigram_log_probs, torch.tensor([0, 2]), 2, 1.0, ValueError, "0..1"),
    (bigram_log_probs, torch.tensor([0, 1]), 2, 0.0, ValueError,
     "smoothing must be a finite number above 0"),
    (bigram_log_probs, torch.tensor([0, 1]), 10**6, 1.0, ValueError, "more than the"),
])
def test_mistakes_get_a_message(function, ids, vocab_size, smoothing, error, message):
    with pytest.raises(error, match=message):
        function(ids, vocab_size, smoothing)
