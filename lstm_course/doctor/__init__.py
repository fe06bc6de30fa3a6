"""The shape doctor: what is wrong with a call ``lstm(input, hx)``, in plain words.

``diagnose`` checks a call against the shape and type rules of ``torch.nn.LSTM``
(``lstm_course.shapes``) without running the module, and returns one message per
problem, each saying what was expected, what was given and the likely fix.
``explain`` prints that diagnosis, or the shapes a valid call returns.

Letters follow PyTorch's documentation: ``L`` sequence length, ``N`` batch size,
``D`` number of directions, ``H_out`` the size of ``h`` (``proj_size`` if set,
else ``hidden_size``).
"""

from __future__ import annotations

import textwrap
from typing import Any

import torch
from torch.nn.utils.rnn import PackedSequence

from lstm_course.doctor.dtypes import check_types
from lstm_course.doctor.inputs import CallInput, check_input
from lstm_course.doctor.states import check_states, read_states
from lstm_course.i18n import _, ngettext
from lstm_course.shapes import LSTMConfig, axis_names, lstm_config, lstm_shapes, named_shape

__all__ = ["diagnose", "explain"]


def _diagnose(lstm: Any, input: Any, hx: Any,
              caller: str) -> tuple[list[str], LSTMConfig, CallInput | None]:
    config = lstm_config(lstm, caller)
    problems: list[str] = []
    info = check_input(config, input, problems)
    states = read_states(config, hx, info, problems)
    if states is not None:
        check_states(config, info, states, problems)
    check_types(lstm, input, states, problems)
    return problems, config, info


def diagnose(lstm: Any, input: torch.Tensor | PackedSequence,
             hx: tuple[torch.Tensor, torch.Tensor] | list[torch.Tensor] | None = None) -> list[str]:
    """One plain-language message per problem of the call ``lstm(input, hx)``; ``[]`` if none.

    ``input`` is ``(L, N, H_in)`` (``(N, L, H_in)`` with ``batch_first``), ``(L, H_in)``
    unbatched, or a ``PackedSequence``; ``hx`` is ``None`` or ``(h_0, c_0)`` with
    ``h_0`` ``(D*num_layers, N, H_out)`` and ``c_0`` ``(D*num_layers, N, hidden_size)``.
    Reads the settings, dtype and device of ``lstm`` (an ``nn.LSTM`` or look-alike),
    never runs it. A dtype or device that differs from the module's is always reported.

    >>> [problem] = diagnose(nn.LSTM(3, 5), torch.zeros(7, 2, 4))
    >>> problem.split(":")[0]
    'input has 4 features per time step (its last axis), but the LSTM was built with input_size=3'
    """
    return _diagnose(lstm, input, hx, "diagnose")[0]


def _returned_shapes(config: LSTMConfig, info: CallInput) -> list[tuple[str, str]]:
    """(name, named shape) of what a valid call returns."""
    names = axis_names(config, info.batched)
    if info.batch_sizes is None:
        shapes = lstm_shapes(config, info.seq_len, info.batch)
        return [(name, named_shape(names[name], shapes[name]))
                for name in ("output", "h_n", "c_n")]
    shapes = lstm_shapes(config, 1, info.batch)  # the states do not depend on seq_len
    data = (sum(info.batch_sizes), config.num_directions * config.h_out)
    return [("output.data", named_shape((_("sum of lengths"), "D*H_out"), data)),
            ("output.batch_sizes", str(info.batch_sizes))] + \
           [(name, named_shape(names[name], shapes[name])) for name in ("h_n", "c_n")]


def explain(lstm: Any, input: torch.Tensor | PackedSequence,
            hx: tuple[torch.Tensor, torch.Tensor] | list[torch.Tensor] | None = None) -> None:
    """Print the diagnosis of ``lstm(input, hx)``, or that it is valid and the shapes it returns.

    >>> explain(nn.LSTM(3, 5), torch.zeros(7, 2, 3))
    ✓ this call is valid; it returns
      output             (seq_len=7, batch=2, D*H_out=5)
      h_n                (D*num_layers=1, batch=2, H_out=5)
      c_n                (D*num_layers=1, batch=2, hidden_size=5)
    """
    problems, config, info = _diagnose(lstm, input, hx, "explain")
    if problems:
        print(ngettext("✗ this call has {count} problem:", "✗ this call has {count} problems:",
                       len(problems)).format(count=len(problems)))
        for number, problem in enumerate(problems, 1):
            print(textwrap.fill(problem, width=100, initial_indent=f"  {number}. ",
                                subsequent_indent="     "))
        return
    print(_("✓ this call is valid; it returns"))
    for name, shape in _returned_shapes(config, info):
        print(f"  {name:<18} {shape}")
