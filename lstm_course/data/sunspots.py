"""The yearly sunspot numbers 1700–2008, as shipped inside statsmodels (no download)."""

from __future__ import annotations

import torch


def load_sunspots() -> tuple[torch.Tensor, torch.Tensor]:
    """Return ``(years, values)``: 309 years 1700–2008 (int64) and their sunspot numbers (float32).

    The data are public domain and ship with the pinned ``statsmodels``, so every
    machine reads the same numbers offline. statsmodels is imported here, not at
    module level, so that importing ``lstm_course.data`` stays quick.
    """
    from statsmodels.datasets import sunspots

    frame = sunspots.load_pandas().data
    years = torch.tensor(frame["YEAR"].to_numpy(), dtype=torch.int64)
    values = torch.tensor(frame["SUNACTIVITY"].to_numpy(), dtype=torch.float32)
    return years, values
