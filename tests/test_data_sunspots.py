"""lstm_course.data.sunspots: the yearly sunspot numbers that statsmodels ships."""

import subprocess
import sys

import pytest
import torch

from lstm_course.data import load_sunspots


def test_sunspots_are_309_years_with_known_values():
    years, values = load_sunspots()
    assert years.dtype == torch.int64 and values.dtype == torch.float32
    assert years.shape == values.shape == (309,)
    assert torch.equal(years, torch.arange(1700, 2009))
    # Spot checks against the published yearly series (statsmodels' sunspots.csv).
    assert values[:5].tolist() == [5.0, 11.0, 16.0, 23.0, 36.0]
    assert values[-1].item() == pytest.approx(2.9)
    assert values[years == 1957].item() == pytest.approx(190.2)  # the highest maximum
    assert values.min() >= 0 and values.argmax() == 257


def test_importing_the_data_package_does_not_import_statsmodels():
    code = "import sys, lstm_course.data; print('statsmodels' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
