"""lstm_course.data.adding_problem: shapes, values, markers, target, determinism."""

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from lstm_course.data import CONSTANT_GUESS_MSE, adding_problem

sizes = st.integers(1, 20)
seq_lens = st.integers(2, 40)
seeds = st.integers(0, 2**32 - 1)


@given(n=sizes, seq_len=seq_lens, seed=seeds)
def test_shapes_dtypes_and_value_range(n, seq_len, seed):
    x, y = adding_problem(n, seq_len, generator=torch.Generator().manual_seed(seed))
    assert x.shape == (seq_len, n, 2) and y.shape == (n,)
    assert x.dtype == y.dtype == torch.float32
    assert ((0 <= x[..., 0]) & (x[..., 0] < 1)).all()
    assert ((0 <= y) & (y < 2)).all()


@given(n=sizes, seq_len=seq_lens, seed=seeds)
def test_one_marker_in_each_half_and_the_target_is_their_sum(n, seq_len, seed):
    x, y = adding_problem(n, seq_len, generator=torch.Generator().manual_seed(seed))
    values, markers = x[..., 0], x[..., 1]
    half = seq_len // 2
    assert set(markers.unique().tolist()) <= {0.0, 1.0}
    assert torch.equal(markers[:half].sum(0), torch.ones(n))
    assert torch.equal(markers[half:].sum(0), torch.ones(n))
    first, second = markers[:half].argmax(0), half + markers[half:].argmax(0)
    columns = torch.arange(n)
    torch.testing.assert_close(y, values[first, columns] + values[second, columns])


@given(n=sizes, seq_len=seq_lens, seed=seeds)
def test_seeded_generator_is_deterministic_and_batch_first_is_the_transpose(n, seq_len, seed):
    x, y = adding_problem(n, seq_len, generator=torch.Generator().manual_seed(seed))
    x2, y2 = adding_problem(n, seq_len, generator=torch.Generator().manual_seed(seed))
    xb, yb = adding_problem(n, seq_len, batch_first=True,
                            generator=torch.Generator().manual_seed(seed))
    assert torch.equal(x, x2) and torch.equal(y, y2)
    assert xb.shape == (n, seq_len, 2) and torch.equal(xb, x.transpose(0, 1))
    assert torch.equal(yb, y)


def test_markers_reach_both_ends_of_each_half():
    x, _ = adding_problem(2000, 6, generator=torch.Generator().manual_seed(0))
    positions = x[..., 1].nonzero()[:, 0]
    assert set(positions.tolist()) == {0, 1, 2, 3, 4, 5}


def test_the_global_seed_is_used_without_a_generator():
    torch.manual_seed(3)
    first = adding_problem(4, 10)
    torch.manual_seed(3)
    assert all(torch.equal(a, b) for a, b in zip(first, adding_problem(4, 10), strict=True))


def test_constant_guess_of_one_scores_about_one_sixth():
    _, y = adding_problem(100_000, 10, generator=torch.Generator().manual_seed(0))
    assert CONSTANT_GUESS_MSE == pytest.approx(1 / 6)
    assert ((y - 1) ** 2).mean().item() == pytest.approx(CONSTANT_GUESS_MSE, abs=0.003)
    assert y.mean().item() == pytest.approx(1.0, abs=0.005)


@pytest.mark.parametrize(("args", "error", "message"), [
    ((10, 1), ValueError, r"seq_len must be at least 2 \(one marker in each half\), got 1"),
    ((10, 0), ValueError, "seq_len must be at least 2"),
    ((0, 10), ValueError, "n must be at least 1, got 0"),
    ((10, 5.0), TypeError, "seq_len must be an int, got float 5.0"),
    ((True, 5), TypeError, "n must be an int, got bool"),
])
def test_bad_sizes_are_clear_errors(args, error, message):
    with pytest.raises(error, match=message):
        adding_problem(*args)


def test_oversized_requests_and_wrong_flags_are_refused_in_words():
    with pytest.raises(ValueError, match="more than the 100,000,000"):
        adding_problem(2**40, 10)
    with pytest.raises(TypeError, match="batch_first must be True or False"):
        adding_problem(4, 10, batch_first=torch.tensor([1]))
