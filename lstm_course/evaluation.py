"""Comparing two forecasters scored on the same time steps: a paired, circular block bootstrap.

Two models scored on the same years make errors that move together (a hard year is hard for
both), so the uncertainty of their *difference* is a question about pairs of errors. The
bootstrap here redraws the years in blocks (errors of neighbouring years are correlated) and
scores both models on the same redrawn years. Blocks wrap round from the last step to the
first (Politis and Romano's circular block bootstrap), so every step is drawn equally often:
a plain moving-block bootstrap draws the first and last steps less often, which moves the
centre of its resamples whenever the edges differ from the middle.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import torch

from lstm_course._checks import (
    require_between,
    require_elements,
    require_generator,
    require_int,
    require_tensor,
)
from lstm_course.i18n import _

#: The most resamples drawn; 10,000 pin a 95% interval down well, more only take longer.
MAX_RESAMPLES = 100_000


class PairedInterval(NamedTuple):
    """A difference of scores on the same steps, with its bootstrap percentile interval."""

    difference: float  # mean RMSE of a's rows minus mean RMSE of b's rows, on the steps as they are
    low: float  # lower end of the interval
    high: float  # upper end of the interval
    share_below_zero: float  # share of resamples in which a's mean RMSE is below b's
    resampled: torch.Tensor  # (resamples,) the difference in each resample, float64


def circular_block_indices(length: int, block: int, resamples: int, *,
                           generator: torch.Generator | None = None) -> torch.Tensor:
    """Step indices ``(resamples, length)``: blocks of ``block`` consecutive steps, each
    starting anywhere with equal chance and wrapping from step ``length - 1`` to step 0."""
    length = require_int("length", length, 1)
    block = require_int("block", block, 1)
    resamples = require_int("resamples", resamples, 1)
    if resamples > MAX_RESAMPLES:
        raise ValueError(_("resamples must be at most {limit:,}, got {value:,}: 10,000 already "
                           "pin a 95 percent interval down well.").format(limit=MAX_RESAMPLES,
                                                                   value=resamples))
    require_generator(generator)
    require_elements(_("the resampled steps"), resamples * length,
                     _("Use fewer resamples: 10_000 pin a 95 percent interval down well."))
    if block > length:
        raise ValueError(_("block must be at most the number of steps, {length}, got {block}. "
                           "Use a shorter block.").format(length=length, block=block))
    starts = torch.randint(0, length, (resamples, math.ceil(length / block)), generator=generator)
    steps = starts.unsqueeze(-1) + torch.arange(block)  # (resamples, blocks, block)
    return steps.reshape(resamples, -1)[:, :length] % length


def _as_rows(errors: object, name: str) -> torch.Tensor:
    require_tensor(name, errors, ranks=(1, 2), layout=_(
        "a tensor of forecast errors, shape (T,) or (k, T): k runs scored on T steps"),
        empty=False)
    return errors.detach().cpu().double().reshape(-1, errors.shape[-1])


def paired_rmse_bootstrap(errors_a: torch.Tensor, errors_b: torch.Tensor, *, block: int,
                          resamples: int, level: float = 0.95, seed: int = 0) -> PairedInterval:
    """How the mean RMSE of model a's runs minus that of model b's runs moves when the steps
    are redrawn by a circular block bootstrap, the same steps for both models.

    ``errors_a`` is ``(k_a, T)`` or ``(T,)``: forecast minus truth for ``k_a`` runs (e.g.
    seeds) of model a on the same ``T`` steps as ``errors_b``. ``level`` is the share of
    resamples between ``low`` and ``high``; ``seed`` fixes the draws.
    """
    rows_a, rows_b = _as_rows(errors_a, "errors_a"), _as_rows(errors_b, "errors_b")
    if rows_a.shape[-1] != rows_b.shape[-1]:
        raise ValueError(_("errors_a and errors_b must score the same steps: got {a} and {b} "
                           "steps.").format(a=rows_a.shape[-1], b=rows_b.shape[-1]))
    level = require_between("level", level, 0, 1, 0.95, inclusive=False)
    generator = torch.Generator().manual_seed(require_int("seed", seed))
    steps = circular_block_indices(rows_a.shape[-1], block, resamples, generator=generator)

    def mean_rmse(rows: torch.Tensor, steps: torch.Tensor | None = None) -> torch.Tensor:
        squared = rows.pow(2) if steps is None else rows.pow(2)[:, steps]  # (k, resamples, T)
        return squared.mean(-1).sqrt().mean(0)

    difference = float(mean_rmse(rows_a) - mean_rmse(rows_b))
    resampled = mean_rmse(rows_a, steps) - mean_rmse(rows_b, steps)
    low, high = torch.quantile(resampled, torch.tensor([(1 - level) / 2, (1 + level) / 2],
                                                       dtype=torch.float64)).tolist()
    return PairedInterval(difference, low, high, float((resampled < 0).double().mean()),
                          resampled)
