"""Cut a series into (window, what follows it) pairs: the training examples of a forecaster."""

from __future__ import annotations

import torch

from lstm_course._checks import require_int, require_tensor
from lstm_course.i18n import _


def sliding_windows(series: torch.Tensor, window: int,
                    horizon: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
    """Return ``(inputs, targets)`` of shapes ``(N, window)`` and ``(N, horizon)``.

    Row ``i`` of ``inputs`` is ``series[i : i + window]`` and row ``i`` of ``targets``
    the ``horizon`` values right after it, so ``N = T - window - horizon + 1`` for a
    series of length ``T``. Both are fresh tensors (copies, not views of ``series``).

    >>> inputs, targets = sliding_windows(torch.arange(5.), window=3)
    >>> inputs.tolist(), targets.tolist()
    ([[0.0, 1.0, 2.0], [1.0, 2.0, 3.0]], [[3.0], [4.0]])
    """
    require_tensor("series", series, ranks=(1,), layout=_(
        "a 1-D tensor of length T (one series at a time, e.g. values or values.flatten())"))
    require_int("window", window, 1)
    require_int("horizon", horizon, 1)
    length = series.shape[0]
    if length < window + horizon:
        raise ValueError(_("a series of length {length} is too short for window={window} and "
                           "horizon={horizon}: it needs at least window + horizon = {least} "
                           "values. Use a smaller window or a longer series.").format(
            length=length, window=window, horizon=horizon, least=window + horizon))
    count = length - window - horizon + 1
    # unfold(0, size, 1) gives every run of `size` consecutive values as a row (a view).
    inputs = series.unfold(0, window, 1)[:count]
    targets = series[window:].unfold(0, horizon, 1)
    return (inputs.clone(memory_format=torch.contiguous_format),
            targets.clone(memory_format=torch.contiguous_format))
