"""lstm_course.evaluation: the circular block bootstrap against closed forms and NumPy."""

import itertools
import math

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from lstm_course.evaluation import circular_block_indices, paired_rmse_bootstrap


def numpy_rmse_difference(a: np.ndarray, b: np.ndarray, steps: np.ndarray) -> float:
    """Mean RMSE of a's rows minus b's on ``steps``, written independently with NumPy."""
    def mean_rmse(rows):
        return float(np.mean([math.sqrt(np.mean(row[steps] ** 2)) for row in rows]))
    return mean_rmse(np.atleast_2d(a)) - mean_rmse(np.atleast_2d(b))


def test_indices_are_blocks_of_consecutive_steps_that_wrap():
    steps = circular_block_indices(10, 4, 50, generator=torch.Generator().manual_seed(0))
    assert steps.shape == (50, 10) and steps.dtype == torch.int64
    assert 0 <= int(steps.min()) and int(steps.max()) <= 9
    for offset in (1, 2, 3, 5, 6, 7, 9):  # inside a block each step follows the one before
        assert torch.equal(steps[:, offset], (steps[:, offset - 1] + 1) % 10)
    assert bool((steps[:, 4] != (steps[:, 3] + 1) % 10).any())  # a new block starts anywhere
    assert bool((steps[:, 1:] < steps[:, :-1]).any())  # some blocks wrap round from 9 to 0


def test_every_step_is_drawn_equally_often():
    # A moving-block bootstrap (no wrapping) draws step 0 in 1 of the 8 blocks of length 5
    # that fit in 12 steps, step 5 in 5 of them: this test tells the two schemes apart.
    steps = circular_block_indices(12, 5, 40_000, generator=torch.Generator().manual_seed(1))
    draws_per_resample = torch.bincount(steps.view(-1), minlength=12) / 40_000
    torch.testing.assert_close(draws_per_resample, torch.ones(12),
                               atol=0.02, rtol=0)


def test_resampled_mean_matches_the_circular_block_bootstrap_in_closed_form():
    # With T = k * block, a resample is k blocks drawn independently among the T circular
    # blocks, so its mean has expectation x.mean() and variance var(block means) / k.
    x = torch.tensor([9.0, 0, 1, 0, 2, 0, 0, 3, 0, 1, 0, 8], dtype=torch.float64)
    length, block = len(x), 3
    block_means = torch.stack([x[[(s + j) % length for j in range(block)]].mean()
                               for s in range(length)])
    expected_var = block_means.var(correction=0) / (length // block)
    steps = circular_block_indices(length, block, 100_000,
                                   generator=torch.Generator().manual_seed(2))
    means = x[steps].mean(dim=1)
    monte_carlo_se = math.sqrt(expected_var / 100_000)
    assert abs(float(means.mean() - x.mean())) < 4 * monte_carlo_se
    assert abs(float(means.var()) / float(expected_var) - 1) < 0.02


def test_exact_distribution_on_a_tiny_series():
    # T = 4, block = 2: two blocks, each starting at one of 4 steps, 16 equally likely resamples.
    x = np.array([0.0, 1.0, 4.0, 9.0])
    exact = sorted(float(x[[s, (s + 1) % 4, t, (t + 1) % 4]].sum())
                   for s, t in itertools.product(range(4), repeat=2))
    steps = circular_block_indices(4, 2, 64_000, generator=torch.Generator().manual_seed(3))
    sums = torch.tensor(x)[steps].sum(dim=1).numpy()
    for value in set(exact):
        assert abs(np.mean(sums == value) - exact.count(value) / 16) < 0.01


def test_paired_difference_and_interval_agree_with_numpy():
    generator = torch.Generator().manual_seed(4)
    truth_noise = torch.randn(30, generator=generator) * 10  # shared by both models
    errors_a = truth_noise + torch.randn(5, 30, generator=generator)
    errors_b = truth_noise + 2 * torch.randn(30, generator=generator)
    result = paired_rmse_bootstrap(errors_a, errors_b, block=6, resamples=500, level=0.9, seed=7)
    a, b = errors_a.double().numpy(), errors_b.double().numpy()
    assert result.difference == pytest.approx(numpy_rmse_difference(a, b, np.arange(30)),
                                              abs=1e-12)
    steps = circular_block_indices(30, 6, 500, generator=torch.Generator().manual_seed(7))
    by_numpy = np.array([numpy_rmse_difference(a, b, row) for row in steps.numpy()])
    np.testing.assert_allclose(result.resampled.numpy(), by_numpy, rtol=0, atol=1e-12)
    assert (result.low, result.high) == pytest.approx(tuple(np.quantile(by_numpy, [0.05, 0.95])),
                                                      abs=1e-12)
    assert result.share_below_zero == pytest.approx(np.mean(by_numpy < 0), abs=1e-12)


def test_pairing_cancels_what_both_models_share():
    generator = torch.Generator().manual_seed(5)
    shared = torch.randn(40, generator=generator) * 20
    same = paired_rmse_bootstrap(shared, shared.clone(), block=5, resamples=200)
    assert same.difference == same.low == same.high == 0.0 and same.share_below_zero == 0.0
    close = paired_rmse_bootstrap(shared + 0.1 * torch.randn(40, generator=generator), shared,
                                  block=5, resamples=2_000)
    rmse_a_alone = paired_rmse_bootstrap(shared, torch.zeros(40), block=5, resamples=2_000)
    assert close.high - close.low < 0.1 * (rmse_a_alone.high - rmse_a_alone.low)


def test_a_block_as_long_as_the_series_only_rotates_it():
    errors_a, errors_b = torch.randn(3, 20), torch.randn(20)
    result = paired_rmse_bootstrap(errors_a, errors_b, block=20, resamples=100)
    torch.testing.assert_close(result.resampled, torch.full((100,), result.difference,
                                                            dtype=torch.float64))


@given(st.integers(1, 3), st.integers(1, 3), st.integers(2, 12), st.integers(1, 12),
       st.integers(0, 2**16))
def test_swapping_the_models_mirrors_the_interval(k_a, k_b, length, block, seed):
    block = min(block, length)
    generator = torch.Generator().manual_seed(seed)
    errors_a, errors_b = torch.randn(k_a, length, generator=generator), torch.randn(
        k_b, length, generator=generator)
    ab = paired_rmse_bootstrap(errors_a, errors_b, block=block, resamples=50, seed=seed)
    ba = paired_rmse_bootstrap(errors_b, errors_a, block=block, resamples=50, seed=seed)
    assert ab.low <= ab.high and 0 <= ab.share_below_zero <= 1
    assert ab.difference == pytest.approx(-ba.difference, abs=1e-12)
    assert (ab.low, ab.high) == pytest.approx((-ba.high, -ba.low), abs=1e-12)


@pytest.mark.parametrize("call, error, message", [
    (lambda: paired_rmse_bootstrap([1.0], torch.zeros(1), block=1, resamples=1),
     TypeError, "errors_a must be a tensor"),
    (lambda: paired_rmse_bootstrap(torch.zeros(2, 3, 4), torch.zeros(4), block=1, resamples=1),
     ValueError, r"shape \(T,\) or \(k, T\).*\(2, 3, 4\)"),
    (lambda: paired_rmse_bootstrap(torch.zeros(5), torch.zeros(4), block=1, resamples=1),
     ValueError, "same steps: got 5 and 4"),
    (lambda: paired_rmse_bootstrap(torch.zeros(5), torch.zeros(5), block=6, resamples=1),
     ValueError, "block must be at most the number of steps, 5, got 6"),
    (lambda: paired_rmse_bootstrap(torch.zeros(5), torch.zeros(5), block=2.0, resamples=1),
     TypeError, "block must be an int, got float"),
    (lambda: paired_rmse_bootstrap(torch.zeros(5), torch.zeros(5), block=2, resamples=0),
     ValueError, "resamples must be at least 1, got 0"),
    (lambda: paired_rmse_bootstrap(torch.zeros(5), torch.zeros(5), block=2, resamples=9,
                                   level=95), ValueError, "between 0 and 1, e.g. 0.95, got 95"),
])
def test_mistakes_get_clear_messages(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_bad_seeds_generators_and_resamples_are_refused_in_words():
    errors = torch.ones(20)
    with pytest.raises(TypeError, match="seed must be an int, got float 1.5"):
        paired_rmse_bootstrap(errors, errors, block=4, resamples=10, seed=1.5)
    with pytest.raises(ValueError, match="resamples must be at most 100,000"):
        paired_rmse_bootstrap(errors, errors, block=4, resamples=10**6)
    with pytest.raises(TypeError, match="generator must be a torch.Generator or None"):
        circular_block_indices(20, 4, 10, generator=0)
