"""lstm_course.dtw: batched dynamic time warping, checked against the textbook O(n m) table."""

import pytest
import torch

from lstm_course.dtw import dtw_distances


def direct_dtw(a: torch.Tensor, b: torch.Tensor) -> float:
    """The textbook recursion, one cell at a time, in float64."""
    a, b = a.double(), b.double()
    table = [[float("inf")] * (len(b) + 1) for _ in range(len(a) + 1)]
    table[0][0] = 0.0
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = float(((a[i - 1] - b[j - 1]) ** 2).sum())
            table[i][j] = cost + min(table[i - 1][j], table[i][j - 1], table[i - 1][j - 1])
    return table[len(a)][len(b)]


def random_sequences(count, generator, features=3, longest=9):
    lengths = torch.randint(1, longest + 1, (count,), generator=generator)
    return [torch.randn(int(n), features, generator=generator, dtype=torch.float64)
            for n in lengths]


@pytest.mark.parametrize("chunk", [1, 3, 64])
def test_equals_the_textbook_table_for_every_pair(chunk):
    generator = torch.Generator().manual_seed(0)
    queries, references = random_sequences(7, generator), random_sequences(5, generator)
    expected = torch.tensor([[direct_dtw(q, r) for r in references] for q in queries],
                            dtype=torch.float64)
    got = dtw_distances(queries, references, chunk=chunk)
    assert got.shape == (7, 5) and got.dtype == torch.float64
    torch.testing.assert_close(got, expected)


def test_float32_recordings_of_different_lengths():
    generator = torch.Generator().manual_seed(1)
    queries = [q.float() for q in random_sequences(4, generator, features=12, longest=29)]
    references = [r.float() for r in random_sequences(6, generator, features=12, longest=29)]
    expected = torch.tensor([[direct_dtw(q, r) for r in references] for q in queries])
    torch.testing.assert_close(dtw_distances(queries, references), expected, rtol=1e-4,
                               atol=1e-3)


def test_stretching_in_time_costs_nothing_and_the_distance_is_symmetric():
    generator = torch.Generator().manual_seed(2)
    a = torch.randn(5, 2, generator=generator, dtype=torch.float64)
    stretched = a.repeat_interleave(torch.tensor([1, 3, 1, 2, 1]), dim=0)
    b = torch.randn(4, 2, generator=generator, dtype=torch.float64)
    assert dtw_distances([a], [stretched]).item() == pytest.approx(0.0, abs=1e-12)
    torch.testing.assert_close(dtw_distances([a, b], [b, a]).diagonal(),
                               dtw_distances([b, a], [a, b]).diagonal())


def test_wrong_arguments_are_explained():
    with pytest.raises(TypeError, match="non-empty list of 2-D tensors"):
        dtw_distances(torch.randn(3, 4, 2), [torch.randn(4, 2)])
    with pytest.raises(ValueError, match=r"queries\[0\] must be a recording"):
        dtw_distances([torch.randn(4)], [torch.randn(4, 2)])
    with pytest.raises(TypeError, match=r"references\[1\] must hold floating-point"):
        dtw_distances([torch.randn(4, 2)], [torch.randn(4, 2), torch.ones(3, 2, dtype=torch.long)])
    with pytest.raises(ValueError, match="chunk must be at least 1"):
        dtw_distances([torch.randn(4, 2)], [torch.randn(4, 2)], chunk=0)
    with pytest.raises(ValueError, match="same number of features"):
        dtw_distances([torch.randn(4, 2)], [torch.randn(4, 3)])
