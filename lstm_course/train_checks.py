"""The checks of a ``fit`` call: its set-up before the first step, and each step's loss.

Kept apart from ``train`` so that the loop there reads top to bottom. A broken set-up is
refused before any step runs; a broken step stops the run with the step's number.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

import torch
from torch import nn

from lstm_course._checks import (
    describe,
    require_bool,
    require_instance,
    require_int,
    require_number,
    require_str,
)
from lstm_course.i18n import _


def check_setup(model: Any, loss_fn: Any, optimizer: Any, *, steps: Any, clip_grad_norm: Any,
                evaluate: Any, eval_every: Any, target: Any, progress: Any, desc: Any) -> None:
    """Refuse a ``fit`` call that cannot train: wrong types, sizes, or an unrelated optimizer."""
    require_instance("model", model, nn.Module, _("a torch.nn.Module"),
                     _("Pass the network you train, e.g. nn.LSTM(1, 8)."))
    for name, function in (("loss_fn", loss_fn), ("evaluate", evaluate)):
        if function is not None and not callable(function):
            raise TypeError(_("{name} must be a function, got {got}. Pass the function "
                              "itself, without calling it: {name}={name}, not "
                              "{name}=...(...).").format(name=name, got=describe(function)))
    if isinstance(loss_fn, nn.Module):
        raise TypeError(_("loss_fn is called as loss_fn(model, batch), but got the module "
                          "{got}, which takes (output, target). Wrap it: loss_fn=lambda model, "
                          "batch: {got}(model(batch[0]), batch[1]).").format(
            got=type(loss_fn).__name__ + "()"))
    if isinstance(evaluate, nn.Module):
        raise TypeError(_("evaluate is called as evaluate(model) and must return one number, "
                          "but got the module {got}. Pass a function of the model, e.g. one "
                          "that returns the test loss.").format(got=type(evaluate).__name__))
    if loss_fn is None:
        raise TypeError(_("loss_fn must be a function of (model, batch) that returns the loss, "
                          "got None."))
    require_int("steps", steps, 1)
    require_int("eval_every", eval_every, 1)
    require_bool("progress", progress)
    require_str("desc", desc, optional=True)
    if clip_grad_norm is not None:
        require_number("clip_grad_norm", clip_grad_norm, positive=True)
    if target is not None:
        require_number("target", target)
        if evaluate is None:
            raise ValueError(_("target needs evaluate: pass evaluate=a function of the model "
                               "that returns the number to compare with target."))
    check_optimizer(model, optimizer)


def check_optimizer(model: nn.Module, optimizer: Any) -> None:
    """Refuse an optimizer that is not one, or that holds none of ``model``'s parameters."""
    require_instance("optimizer", optimizer, torch.optim.Optimizer, _("a torch.optim.Optimizer"),
                     _("Build one from the model: torch.optim.Adam(model.parameters(), lr=0.01)."))
    trained = {id(p) for p in model.parameters() if p.requires_grad}
    if not trained:
        raise ValueError(_("model has no parameter that requires grad, so training cannot "
                           "change it. Unfreeze its parameters (p.requires_grad_(True)) or "
                           "pass the model you mean to train."))
    held = {id(p) for group in optimizer.param_groups for p in group["params"]}
    if not trained & held:
        raise ValueError(_("optimizer holds none of model's parameters: it was built for "
                           "another model (or before the model was made again), so a step "
                           "would change nothing. Build it from this model: "
                           "torch.optim.Adam(model.parameters(), lr=0.01)."))


def checked_loss(loss: Any, step: int) -> tuple[torch.Tensor, float]:
    """``loss`` and its value if it is a finite one-element tensor that requires grad."""
    if isinstance(loss, Real) and not isinstance(loss, bool):
        raise TypeError(_("loss_fn must return a tensor with one element, got the number "
                          "{got}. Return the loss tensor itself: .item() and float() cut it "
                          "off from the gradients.").format(got=loss))
    one_number = _("loss_fn must return a tensor with one element, got {got}. Reduce the loss "
                   "to one number, e.g. with .mean().").format(got=describe(loss))
    if not isinstance(loss, torch.Tensor):
        raise TypeError(one_number)
    if loss.numel() != 1:
        raise ValueError(one_number)
    if not loss.requires_grad:
        raise ValueError(_("the loss of step {step} does not require grad, so backward() "
                           "cannot reach the model's parameters. Compute it from the model's "
                           "output, outside torch.no_grad(), and without .item(), .detach() or "
                           "torch.tensor(...) on the way.").format(step=step))
    value = loss.item()
    if not math.isfinite(value):
        raise ValueError(_("the loss of step {step} is {value}: training diverged, so fit "
                           "stopped before that step changed the weights. Lower the learning "
                           "rate, pass clip_grad_norm=1.0, or look for NaN in the batch.").format(
            step=step, value=value))
    return loss, value


def checked_eval(value: Any) -> float:
    """What ``evaluate`` returned as a ``float``, if it is one number."""
    if isinstance(value, torch.Tensor) and value.numel() == 1 and not value.dtype.is_complex:
        return float(value.item())
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(_("evaluate must return one number (lower is better), got {got}. "
                          "Return e.g. the test loss: loss.item() or float(loss).").format(
            got=describe(value)))
    return float(value)
