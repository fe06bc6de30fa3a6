"""lstm_course.data.windows: sliding windows over a series and the values right after them."""


import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from lstm_course.data import sliding_windows


@given(length=st.integers(2, 40), window=st.integers(1, 12), horizon=st.integers(1, 5))
def test_windows_hold_the_values_right_after_them(length, window, horizon):
    series = torch.arange(length, dtype=torch.float32) ** 2
    if length < window + horizon:
        with pytest.raises(ValueError, match="too short"):
            sliding_windows(series, window, horizon)
        return
    inputs, targets = sliding_windows(series, window, horizon)
    count = length - window - horizon + 1
    assert inputs.shape == (count, window) and targets.shape == (count, horizon)
    for i in range(count):
        assert torch.equal(inputs[i], series[i:i + window])
        assert torch.equal(targets[i], series[i + window:i + window + horizon])

@given(window=st.integers(1, 6), horizon=st.integers(1, 3))
def test_windows_are_copies_not_views(window, horizon):
    series = torch.randn(10)
    inputs, targets = sliding_windows(series, window, horizon)
    for tensor in (inputs, targets):
        assert tensor.is_contiguous()
        assert tensor.untyped_storage().data_ptr() != series.untyped_storage().data_ptr()
    before = series.clone()
    inputs.fill_(0), targets.fill_(0)
    assert torch.equal(series, before)

def test_windows_keep_the_dtype_and_a_named_example():
    inputs, targets = sliding_windows(torch.tensor([1, 2, 3, 4, 5]), window=3)
    assert torch.equal(inputs, torch.tensor([[1, 2, 3], [2, 3, 4]]))
    assert torch.equal(targets, torch.tensor([[4], [5]]))

@pytest.mark.parametrize("series, window, horizon, error, message", [
    (torch.zeros(3, 4), 2, 1, ValueError, "1-D tensor"),
    ([1.0, 2.0, 3.0], 1, 1, TypeError, "got list"),
    (torch.zeros(10), 0, 1, ValueError, "window must be at least 1, got 0"),
    (torch.zeros(10), 2.0, 1, TypeError, "window must be an int, got float 2.0"),
    (torch.zeros(10), 2, 0, ValueError, "horizon must be at least 1, got 0"),
    (torch.zeros(4), 4, 1, ValueError, "needs at least window \\+ horizon = 5"),
])
def test_windows_reject_mistakes_with_a_message(series, window, horizon, error, message):
    with pytest.raises(error, match=message):
        sliding_windows(series, window, horizon)
