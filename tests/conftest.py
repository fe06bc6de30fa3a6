"""Shared test set-up: a hypothesis profile for this shared, noisy 2-core machine."""

import matplotlib
import pytest
import torch
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")  # no display in tests

# Reproducible (derandomize), never flaky on timing (deadline=None), thorough enough, and
# writing no example database (.hypothesis/) into the checkout.
settings.register_profile("course", deadline=None, derandomize=True, max_examples=100,
                          database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("course")


@pytest.fixture(scope="module")
def one_thread():
    """Run a test module's tiny tensors on one thread: on a loaded 2-core machine the thread
    pool's hand-offs cost more than the arithmetic. The thread count is restored after."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
