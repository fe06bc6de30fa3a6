"""The course's one training loop, and where to run it.

``fit`` is a plain loop (no framework) that lessons 05-07 share::

    history = fit(model, loss_fn, batches, optimizer, steps=2000,
                  clip_grad_norm=1.0, evaluate=test_mse, eval_every=25, target=0.01)

Each step takes the next batch, calls ``loss_fn(model, batch)`` for a scalar
loss, back-propagates, optionally clips the gradient norm, and steps the
optimizer. What a batch is, how it reaches the model and what the loss is are
all up to ``loss_fn``; a closure can also keep state between steps, e.g. the
hidden state carried (and detached) from one chunk of a long series to the
next. ``fit`` never moves tensors: put the model and the data on
``default_device()`` yourself, where the reader can see it.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn
from tqdm.auto import tqdm
from tqdm.notebook import tqdm as notebook_tqdm

from lstm_course._checks import describe
from lstm_course.i18n import _
from lstm_course.train_checks import check_setup, checked_eval, checked_loss

#: Set this environment variable to a device name (``cpu``, ``cuda``, ``cuda:1``) to choose
#: the device yourself; ``make test`` and ``make notebooks`` set ``LSTM_COURSE_DEVICE=cpu``.
DEVICE_VARIABLE = "LSTM_COURSE_DEVICE"


def default_device() -> torch.device:
    """Where the lessons train: ``$LSTM_COURSE_DEVICE`` if set, else CUDA if present, else CPU.

    Validated notebook outputs never depend on a GPU because the tests force
    ``LSTM_COURSE_DEVICE=cpu``.
    """
    requested = os.environ.get(DEVICE_VARIABLE, "").strip()
    if not requested:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        return torch.device(requested)
    except RuntimeError:
        raise ValueError(_("{variable}={requested!r} is not a device torch knows. Use 'cpu' "
                           "or 'cuda' (or 'cuda:1'), or unset it to choose automatically.").format(
            variable=DEVICE_VARIABLE, requested=requested)) from None


@dataclass
class History:
    """What happened during ``fit``: one entry per step, plus the evaluations.

    ``losses[k]`` and ``grad_norms[k]`` belong to step ``k + 1``; a gradient norm
    is the total norm over all parameters *before* clipping. ``evals`` holds
    ``(step, value)`` pairs. ``solved_at`` is the step whose evaluation first
    went below ``target`` (``None`` if it never did). ``seconds`` is the time
    spent in training steps; evaluations are not counted.
    """

    losses: list[float] = field(default_factory=list)
    grad_norms: list[float] = field(default_factory=list)
    evals: list[tuple[int, float]] = field(default_factory=list)
    solved_at: int | None = None
    seconds: float = 0.0

    @property
    def steps(self) -> int:
        """How many optimizer steps were taken."""
        return len(self.losses)

    @property
    def best_eval(self) -> float:
        """The lowest evaluation seen (``nan`` if there was none)."""
        return min((value for _, value in self.evals), default=math.nan)


def _forever(batches: Iterable[Any]) -> Iterator[Any]:
    """Pass over ``batches`` again and again; a pass that yields nothing is an error."""
    while True:
        empty = True
        for batch in batches:
            empty = False
            yield batch
        if empty:
            raise ValueError(_("batches ran out: it yielded nothing on a new pass. A generator "
                               "can be read only once; pass a list, a DataLoader or a function "
                               "that returns one batch per call."))


def _calls(make_batch: Callable[[], Any]) -> Iterator[Any]:
    """Call ``make_batch()`` for every batch."""
    while True:
        yield make_batch()


def _batch_source(batches: Iterable[Any] | Callable[[], Any]) -> Iterator[Any]:
    """An endless iterator over the batches ``fit`` was given, or a ``TypeError``."""
    if isinstance(batches, (torch.Tensor, nn.Module)):
        raise TypeError(_("batches must be a list of batches (or a DataLoader, or a function "
                          "that returns one batch), got {got}. For one batch of a tensor x, "
                          "pass [x] or [(x, y)].").format(got=describe(batches)))
    if isinstance(batches, Iterable):
        return _forever(batches)
    if callable(batches):
        return _calls(batches)
    raise TypeError(_("batches must be an iterable of batches (a list, a DataLoader) or a "
                      "function of no arguments that returns one batch; got {got}.").format(
        got=describe(batches)))


def _evaluated(model: nn.Module, evaluate: Callable[[nn.Module], float]) -> float:
    """``evaluate(model)`` in eval mode without autograd; the model is back in train mode after."""
    model.eval()
    try:
        # no_grad, not inference_mode: tensors made here may later be used in training.
        with torch.no_grad():
            return checked_eval(evaluate(model))
    finally:
        model.train()


def _show_as_finished(bar: tqdm) -> None:
    """Make a bar stopped early look finished: a notebook bar left short of its total turns red."""
    if bar.disable:
        return
    done, started = bar.n, bar.start_t
    bar.reset(total=done)
    bar.start_t = started  # keep the elapsed time and rate that reset() would clear
    bar.update(done)


def _progress_bar(steps: int, desc: str | None, progress: bool) -> tuple[tqdm, Any]:
    """A progress bar, and in a notebook its display handle (``None`` elsewhere).

    A notebook keeps the text a widget had when it was first displayed; updating the
    display at the end stores the finished bar's text instead of "0%".
    """
    if progress and issubclass(tqdm, notebook_tqdm):
        from IPython.display import display
        bar = tqdm(total=steps, desc=desc, display=False)
        return bar, display(bar.container, display_id=True)
    return tqdm(total=steps, desc=desc, disable=not progress), None


def fit(model: nn.Module, loss_fn: Callable[[nn.Module, Any], torch.Tensor],
        batches: Iterable[Any] | Callable[[], Any], optimizer: torch.optim.Optimizer, *,
        steps: int, clip_grad_norm: float | None = None,
        evaluate: Callable[[nn.Module], float] | None = None, eval_every: int = 100,
        target: float | None = None, progress: bool = True, desc: str | None = None) -> History:
    """Train ``model`` for ``steps`` optimizer steps and return the :class:`History`.

    - ``loss_fn(model, batch)`` returns the scalar loss of one batch.
    - ``batches`` is an iterable (read again from the start when it runs out, so
      a list or a ``DataLoader`` gives epochs) or a function that returns a new
      batch on every call.
    - ``clip_grad_norm``: rescale the gradients whenever their total norm exceeds it.
    - ``evaluate(model)`` returns a number, lower is better (a test loss). It runs
      every ``eval_every`` steps and after the last one, with ``model.eval()`` and
      ``torch.no_grad()``; training resumes in ``model.train()``.
    - ``target``: stop as soon as an evaluation is below it.
    - ``progress``: show a progress bar (a widget in Jupyter, text in a terminal).

    A set-up that cannot train (an optimizer of another model, a clip that is not a
    positive number, ...) is refused before the first step; a loss cut off from the
    gradients, or not finite, stops the run naming the step. Whatever happens, the model
    is left in ``model.train()``.

    >>> model = nn.Linear(1, 1)
    >>> batch = torch.ones(4, 1)
    >>> history = fit(model, lambda m, x: ((m(x) - 2 * x) ** 2).mean(), [batch],
    ...               torch.optim.SGD(model.parameters(), lr=0.1), steps=20, progress=False)
    >>> len(history.losses), history.losses[-1] < history.losses[0]
    (20, True)
    """
    check_setup(model, loss_fn, optimizer, steps=steps, clip_grad_norm=clip_grad_norm,
                evaluate=evaluate, eval_every=eval_every, target=target, progress=progress,
                desc=desc)
    history = History()
    source = _batch_source(batches)
    parameters = [p for p in model.parameters() if p.requires_grad]
    max_norm = math.inf if clip_grad_norm is None else float(clip_grad_norm)
    model.train()
    bar, shown_at = _progress_bar(steps, desc, progress)
    try:
        _run(model, loss_fn, source, optimizer, parameters, max_norm, evaluate, eval_every,
             target, bar, history, steps)
    finally:
        model.train()  # also after an error in loss_fn, evaluate or a check
        bar.close()
    if shown_at is not None:
        shown_at.update(bar.container)
    return history


def _run(model: nn.Module, loss_fn: Callable[[nn.Module, Any], torch.Tensor],
         source: Iterator[Any], optimizer: torch.optim.Optimizer, parameters: list[nn.Parameter],
         max_norm: float, evaluate: Callable[[nn.Module], float] | None, eval_every: int,
         target: float | None, bar: tqdm, history: History, steps: int) -> None:
    """The steps of ``fit``, recorded in ``history`` and shown on ``bar``."""
    for step in range(1, steps + 1):
        started = time.perf_counter()
        loss, value = checked_loss(loss_fn(model, next(source)), step)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        # With max_norm=inf this only measures the norm; otherwise it also rescales.
        grad_norm = nn.utils.clip_grad_norm_(parameters, max_norm)
        optimizer.step()
        history.losses.append(value)
        history.grad_norms.append(grad_norm.item())
        history.seconds += time.perf_counter() - started
        bar.update()
        if step % eval_every and step != steps:
            continue
        shown = {"loss": f"{history.losses[-1]:.4f}"}
        if evaluate is not None:
            history.evals.append((step, _evaluated(model, evaluate)))
            shown["eval"] = f"{history.evals[-1][1]:.4f}"
        bar.set_postfix(shown, refresh=False)
        if target is not None and history.evals[-1][1] < target:
            history.solved_at = step
            _show_as_finished(bar)
            break


__all__ = ["DEVICE_VARIABLE", "History", "default_device", "fit"]
