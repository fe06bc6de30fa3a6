"""The adding problem: a task that only a network with long memory can solve.

Each sequence has two channels. Channel 0 holds random numbers from [0, 1);
channel 1 marks two of the steps with a 1, one in the first half and one in
the second half. The target is the sum of the two marked numbers. The first
marker can be as far as ``seq_len - 1`` steps from the end, so the network
must remember a number for that long (Hochreiter & Schmidhuber 1997; the
variant of Le, Jaitly & Hinton 2015).

Always answering 1 (the mean of the target) gives a mean squared error of
1/6 ≈ 0.167: the variance of a sum of two uniform numbers, the bar to beat.
"""

from __future__ import annotations

import torch

from lstm_course._checks import require_bool, require_elements, require_generator, require_int
from lstm_course.i18n import _

#: The mean squared error of always predicting 1, the target's mean: Var(u1 + u2) = 2/12.
CONSTANT_GUESS_MSE = 1 / 6


def adding_problem(n: int, seq_len: int, *, batch_first: bool = False,
                   generator: torch.Generator | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Draw ``n`` sequences of the adding problem; return ``(x, y)``, both float32.

    ``x`` is ``(L, N, 2)`` with ``L = seq_len`` and ``N = n`` (``(N, L, 2)`` with
    ``batch_first=True``): channel 0 the values, channel 1 the markers, one in
    steps ``[0, L // 2)`` and one in ``[L // 2, L)``. ``y`` is ``(N,)``, the sum
    of the two marked values. The same seeded ``generator`` gives the same data.
    """
    require_int("n", n, 1)
    if require_int("seq_len", seq_len) < 2:
        raise ValueError(_("seq_len must be at least 2 (one marker in each half), got "
                           "{value}.").format(value=seq_len))
    require_bool("batch_first", batch_first)
    require_generator(generator)
    require_elements(_("the adding problem's x"), 2 * n * seq_len,
                     _("The lessons use a few thousand sequences of up to a few hundred steps."))
    half = seq_len // 2
    values = torch.rand(seq_len, n, generator=generator)
    first = torch.randint(0, half, (n,), generator=generator)
    second = torch.randint(half, seq_len, (n,), generator=generator)
    sequence = torch.arange(n)
    markers = torch.zeros(seq_len, n)
    markers[first, sequence] = 1.0
    markers[second, sequence] = 1.0
    x = torch.stack([values, markers], dim=-1)
    y = values[first, sequence] + values[second, sequence]
    return (x.transpose(0, 1).contiguous() if batch_first else x), y
