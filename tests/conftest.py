"""Shared test set-up: a hypothesis profile for this shared, noisy 2-core machine."""

import matplotlib
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")  # no display in tests

# Reproducible (derandomize), never flaky on timing (deadline=None), thorough enough.
settings.register_profile("course", deadline=None, derandomize=True, max_examples=100,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("course")
