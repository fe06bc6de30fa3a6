"""The state a learner's code can change for the whole kernel, saved before a check and put
back after it: random generators, torch's global settings, warning filters aside (the
check's ``warnings.catch_warnings`` keeps those), and torch's own functions.
"""

from __future__ import annotations

import random
import sys
import types
from typing import Any

import torch

_PATCHABLE = (torch, torch.nn.functional, torch.linalg, torch.Tensor)


class KernelState:
    """Everything the learner's code may change for the whole kernel, to put back after."""

    def __init__(self) -> None:
        self.torch_rng = torch.get_rng_state()
        self.cuda_rng = torch.cuda.get_rng_state_all() if torch.cuda.is_initialized() else None
        self.python_rng = random.getstate()
        numpy = sys.modules.get("numpy")
        self.numpy_rng = numpy.random.get_state() if numpy is not None else None
        self.numpy_errors = numpy.geterr() if numpy is not None else None
        self.default_dtype = torch.get_default_dtype()
        self.default_device = torch.get_default_device()
        self.grad_enabled = torch.is_grad_enabled()
        self.anomaly = torch.is_anomaly_enabled()
        self.deterministic = (torch.are_deterministic_algorithms_enabled(),
                              torch.is_deterministic_algorithms_warn_only_enabled())
        self.threads = torch.get_num_threads()
        self.print_options = vars(torch._tensor_str.PRINT_OPTS).copy()
        self.functions = [(owner, dict(vars(owner))) for owner in _PATCHABLE]

    def restore(self) -> list[str]:
        """Put everything back; the names of the torch functions that had been replaced."""
        replaced = []
        torch.set_rng_state(self.torch_rng)
        if self.cuda_rng is not None:
            torch.cuda.set_rng_state_all(self.cuda_rng)
        random.setstate(self.python_rng)
        numpy = sys.modules.get("numpy")
        if numpy is not None and self.numpy_rng is not None:
            numpy.random.set_state(self.numpy_rng)
            numpy.seterr(**self.numpy_errors)
        if torch.get_default_dtype() != self.default_dtype:
            torch.set_default_dtype(self.default_dtype)
        if torch.get_default_device() != self.default_device:
            torch.set_default_device(self.default_device)
        torch.set_grad_enabled(self.grad_enabled)
        torch.set_anomaly_enabled(self.anomaly)
        if (torch.are_deterministic_algorithms_enabled(),
                torch.is_deterministic_algorithms_warn_only_enabled()) != self.deterministic:
            torch.use_deterministic_algorithms(self.deterministic[0],
                                               warn_only=self.deterministic[1])
        if torch.get_num_threads() != self.threads:
            torch.set_num_threads(self.threads)
        vars(torch._tensor_str.PRINT_OPTS).update(self.print_options)
        for owner, before in self.functions:
            now = dict(vars(owner))
            for name, value in before.items():
                if now.get(name, value) is not value and _is_function(value):
                    setattr(owner, name, value)
                    replaced.append(f"{_owner_name(owner)}.{name}")
            if isinstance(owner, type):  # a method added to torch.Tensor hides the real one
                for name in now.keys() - before.keys():
                    if _is_function(now[name]):
                        delattr(owner, name)
                        replaced.append(f"{_owner_name(owner)}.{name}")
        return replaced


def _is_function(value: Any) -> bool:
    return callable(value) and not isinstance(value, (type, types.ModuleType))


def _owner_name(owner: Any) -> str:
    return {torch: "torch", torch.nn.functional: "torch.nn.functional",
            torch.linalg: "torch.linalg", torch.Tensor: "torch.Tensor"}[owner]
