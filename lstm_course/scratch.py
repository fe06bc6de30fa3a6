"""An LSTM written from scratch: the gate equations in a plain loop, equal to ``nn.LSTM``.

``lstm_step`` is one time step of one layer. ``ScratchLSTM`` is a drop-in copy of
``nn.LSTM``: the same parameter names and shapes, the same configuration
attributes, the same call, and the same results for every option, because it runs
``lstm_step`` over layers, directions and time steps with the module's own weights.

Letters follow PyTorch's documentation: ``L`` sequence length, ``N`` batch size,
``H_in`` input size, ``H_cell`` hidden size, ``H_out`` the size of ``h``
(``proj_size`` if set, else ``hidden_size``), ``D`` the number of directions.
"""

from __future__ import annotations

import math
import warnings
from typing import NamedTuple

import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torch.nn.utils.rnn import PackedSequence

from lstm_course._checks import (
    require_between,
    require_bool,
    require_instance,
    require_int,
    require_items,
    require_lstm,
)
from lstm_course.i18n import _
from lstm_course.scratch_checks import (
    check_construction,
    check_direction,
    check_features,
    check_input,
    check_step,
    initial_state,
)
from lstm_course.shapes import lstm_config, parameter_shapes


class LSTMStep(NamedTuple):
    """What one step computes: the gates ``i, f, g, o``, the new cell state ``c`` and ``h``.

    After one step each field is ``(N, H_cell)`` (``h``: ``(N, H_out)``), or
    without the ``N`` axis for a single vector.
    """

    i: Tensor
    f: Tensor
    g: Tensor
    o: Tensor
    c: Tensor
    h: Tensor


def lstm_step(x: Tensor, h: Tensor, c: Tensor, weight_ih: Tensor, weight_hh: Tensor,
              bias_ih: Tensor | None = None, bias_hh: Tensor | None = None,
              weight_hr: Tensor | None = None) -> LSTMStep:
    """One LSTM step: from input ``x`` and state ``(h, c)`` to the gates and the new state.

    ``x`` is ``(N, H_in)`` or ``(H_in,)``; ``h`` is ``(N, H_out)``, ``c`` is ``(N, H_cell)``
    (or without ``N``). The weights are stacked as in ``nn.LSTM``, gates in the order
    i, f, g, o: ``weight_ih`` ``(4*H_cell, H_in)``, ``weight_hh`` ``(4*H_cell, H_out)``,
    biases ``(4*H_cell,)``, and ``weight_hr`` ``(H_out, H_cell)`` for a projection.
    """
    check_step(x, h, c, {"weight_ih": weight_ih, "weight_hh": weight_hh, "bias_ih": bias_ih,
                         "bias_hh": bias_hh, "weight_hr": weight_hr})
    gates = x @ weight_ih.T + h @ weight_hh.T
    if bias_ih is not None:
        gates = gates + bias_ih
    if bias_hh is not None:
        gates = gates + bias_hh
    i, f, g, o = gates.chunk(4, dim=-1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c = f * c + i * g
    h = o * torch.tanh(c)
    if weight_hr is not None:
        h = h @ weight_hr.T
    return LSTMStep(i, f, g, o, c, h)


def run_direction(steps: list[Tensor], h: Tensor, c: Tensor, weights: dict[str, Tensor],
                  reverse: bool = False) -> tuple[list[LSTMStep], Tensor, Tensor]:
    """Run one direction of one layer over ``steps``, one ``(N_t, H_in)`` tensor per time step.

    Starts from ``h`` ``(N, H_out)`` and ``c`` ``(N, H_cell)``; ``reverse`` reads the steps
    last to first. ``N_t`` is ``N`` for a padded batch; in a packed batch only the first
    ``N_t`` sequences (the longest) have a step ``t``, as ``PackedSequence.batch_sizes`` says.
    Returns every step's ``LSTMStep`` in input time order (entry ``t`` belongs to
    ``steps[t]`` in both directions) and the final ``h`` and ``c`` of every sequence.
    """
    check_direction(steps, h, c, weights, reverse)
    order = reversed(range(len(steps))) if reverse else range(len(steps))
    records = []
    for t in order:
        n = len(steps[t])
        step = lstm_step(steps[t], h[:n], c[:n], **weights)
        # Sequences n.. have no step t and keep their state: forwards it is final (they
        # have ended), backwards it is still the initial state (they start later).
        h, c = torch.cat([step.h, h[n:]]), torch.cat([step.c, c[n:]])
        records.append(step)
    if reverse:
        records.reverse()
    return records, h, c


def stack_steps(records: list[LSTMStep]) -> LSTMStep:
    """One ``LSTMStep`` whose fields are those of ``records`` stacked over time: ``(L, ...)``."""
    require_items("records", records, LSTMStep, _("a non-empty list of LSTMStep (what "
                                                  "lstm_step returns)"), empty=False)
    return LSTMStep(*(torch.stack(field) for field in zip(*records, strict=True)))


class ScratchLSTM(nn.Module):
    """``nn.LSTM`` rebuilt from ``lstm_step``: same parameters, same call, same results.

    Takes ``nn.LSTM``'s arguments and keeps them as attributes of the same names, so
    ``lstm_shapes`` reads it and ``scratch.load_state_dict(lstm.state_dict())`` works.
    """

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0,
                 bidirectional: bool = False, proj_size: int = 0,
                 device: torch.device | str | None = None, dtype: torch.dtype | None = None,
                 ) -> None:
        super().__init__()
        require_bool("bias", bias)
        require_bool("batch_first", batch_first)
        try:  # the probability of zeroing an element
            dropout = require_between("dropout", dropout, 0, 1, 0.2)
        except TypeError as err:  # nn.LSTM raises ValueError for a wrong type here too
            raise ValueError(str(err)) from None
        if dropout > 0 and num_layers == 1:
            warnings.warn(_("dropout acts between layers only, so it does nothing with "
                            "num_layers=1 (got dropout={dropout}).").format(dropout=dropout),
                          stacklevel=2)
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        check_construction(self, device, dtype)
        # Checks the sizes (ints, positive, proj_size < hidden_size) and gives the
        # parameters' names and shapes in nn.LSTM's order.
        for name, shape in parameter_shapes(self).items():
            setattr(self, name, nn.Parameter(torch.empty(shape, device=device, dtype=dtype)))
        self.reset_parameters()

    @classmethod
    def from_torch(cls, lstm: nn.LSTM) -> ScratchLSTM:
        """A ``ScratchLSTM`` with ``lstm``'s configuration, dtype, device, mode and a copy
        of its weights (changing one model afterwards leaves the other alone)."""
        require_lstm("ScratchLSTM.from_torch", lstm)
        require_instance("lstm", lstm, nn.LSTM, _("an nn.LSTM"),
                         _("Pass the module, e.g. ScratchLSTM.from_torch(nn.LSTM(10, 6, 2))."))
        first = next(lstm.parameters())
        scratch = cls(lstm.input_size, lstm.hidden_size, lstm.num_layers, lstm.bias,
                      lstm.batch_first, lstm.dropout, lstm.bidirectional, lstm.proj_size,
                      device=first.device, dtype=first.dtype)
        scratch.load_state_dict(lstm.state_dict())  # copies the values
        return scratch.train(lstm.training)

    def reset_parameters(self) -> None:
        """Draw every parameter from U(-1/sqrt(H_cell), 1/sqrt(H_cell)), as ``nn.LSTM`` does."""
        bound = 1 / math.sqrt(self.hidden_size)
        for parameter in self.parameters():
            nn.init.uniform_(parameter, -bound, bound)

    def extra_repr(self) -> str:
        """The settings that differ from the defaults, as ``nn.LSTM`` prints them."""
        text = f"{self.input_size}, {self.hidden_size}"
        defaults = {"proj_size": 0, "num_layers": 1, "bias": True, "batch_first": False,
                    "dropout": 0.0, "bidirectional": False}  # nn.LSTM's order
        for name, default in defaults.items():
            if getattr(self, name) != default:
                text += f", {name}={getattr(self, name)}"
        return text

    def weights(self, layer: int, direction: int) -> dict[str, Tensor]:
        """The parameters of one layer and direction, keyed by ``lstm_step``'s argument names."""
        for name, value, count in (("layer", layer, self.num_layers),
                                   ("direction", direction, 2 if self.bidirectional else 1)):
            if require_int(name, value, 0) >= count:
                raise ValueError(_("{name} must be below {count} for this {module}, got "
                                   "{value}.").format(name=name, count=count, value=value,
                                                      module=self.extra_repr()))
        suffix = f"_l{layer}" + ("_reverse" if direction == 1 else "")
        names = ["weight_ih", "weight_hh"]
        if self.bias:
            names += ["bias_ih", "bias_hh"]
        if self.proj_size > 0:
            names += ["weight_hr"]
        return {name: getattr(self, name + suffix) for name in names}

    def forward(self, input: Tensor | PackedSequence,
                hx: tuple[Tensor, Tensor] | list[Tensor] | None = None
                ) -> tuple[Tensor | PackedSequence, tuple[Tensor, Tensor]]:
        """Run the LSTM over ``input``; returns ``(output, (h_n, c_n))`` as ``nn.LSTM`` does.

        ``input`` is ``(L, N, H_in)`` (``(N, L, H_in)`` with ``batch_first``), ``(L, H_in)``
        unbatched, or a ``PackedSequence`` (then ``output`` is one too); ``hx`` is
        ``(h_0, c_0)``, ``(D*num_layers, N, H_out)`` and ``(D*num_layers, N, H_cell)``, zeros
        if omitted. ``output`` is ``(L, N, D*H_out)`` (batch first with ``batch_first``);
        ``h_n`` and ``c_n`` are shaped like ``h_0`` and ``c_0``.
        """
        if isinstance(input, PackedSequence):
            return self._forward_packed(input, hx)
        output, state, _ = self._forward_padded(input, hx, keep_gates=False)
        return output, state

    def gates(self, input: Tensor, hx: tuple[Tensor, Tensor] | list[Tensor] | None = None
              ) -> list[LSTMStep]:
        """What happens inside the call ``self(input, hx)``: one ``LSTMStep`` per layer and
        direction, in ``h_n``'s order, its fields stacked over input time.

        Each field is ``(L, N, ·)`` whatever ``batch_first`` (``(L, ·)`` unbatched): ``i``,
        ``f``, ``g``, ``o`` and ``c`` are ``H_cell`` wide, ``h`` is ``H_out`` wide. Padded
        input only: the steps of a ``PackedSequence`` have different batch sizes.
        """
        if isinstance(input, PackedSequence):
            raise ValueError(_("gates needs a padded tensor: the steps of a PackedSequence have "
                               "different batch sizes and do not stack. Unpack it with "
                               "pad_packed_sequence first."))
        return self._forward_padded(input, hx, keep_gates=True)[2]

    def _forward_padded(self, input: Tensor, hx: tuple[Tensor, Tensor] | list[Tensor] | None,
                        keep_gates: bool
                        ) -> tuple[Tensor, tuple[Tensor, Tensor], list[LSTMStep]]:
        """The call on a padded or unbatched tensor; the gates are stacked if ``keep_gates``."""
        batched = check_input(self, input)
        x = input if batched else input.unsqueeze(1)
        if batched and self.batch_first:
            x = x.transpose(0, 1)
        # From here on x is time first, (L, N, H_in), also for unbatched input (N = 1).
        h_0, c_0 = initial_state(self, hx, x.shape[1] if batched else None, x)
        outputs, h_n, c_n, records = self._run_layers(list(x.unbind(0)), h_0, c_0)
        output = torch.stack(outputs)
        if batched and self.batch_first:
            output = output.transpose(0, 1)
        gates = [stack_steps(direction) for direction in records] if keep_gates else []
        if not batched:
            output, h_n, c_n = output.squeeze(1), h_n.squeeze(1), c_n.squeeze(1)
            gates = [LSTMStep(*(field.squeeze(1) for field in record)) for record in gates]
        return output, (h_n, c_n), gates

    def _forward_packed(self, input: PackedSequence, hx: tuple[Tensor, Tensor] | list[Tensor]
                        | None) -> tuple[PackedSequence, tuple[Tensor, Tensor]]:
        """The packed call: ``input.data`` cut into its time steps by ``batch_sizes``.

        ``h_0``, ``c_0``, ``h_n`` and ``c_n`` are in the caller's batch order; inside, the
        sequences run sorted longest first, as ``sorted_indices`` orders them.
        """
        data, batch_sizes, sorted_indices, unsorted_indices = input
        check_features(self, data, "input.data")
        h_0, c_0 = initial_state(self, hx, int(batch_sizes[0]), data)
        if sorted_indices is not None:
            h_0, c_0 = h_0[:, sorted_indices], c_0[:, sorted_indices]
        steps = list(data.split(batch_sizes.tolist()))
        outputs, h_n, c_n, _ = self._run_layers(steps, h_0, c_0)
        output = PackedSequence(torch.cat(outputs), batch_sizes, sorted_indices, unsorted_indices)
        if unsorted_indices is not None:
            h_n, c_n = h_n[:, unsorted_indices], c_n[:, unsorted_indices]
        return output, (h_n, c_n)

    def _run_layers(self, steps: list[Tensor], h_0: Tensor, c_0: Tensor
                    ) -> tuple[list[Tensor], Tensor, Tensor, list[list[LSTMStep]]]:
        """Every layer and direction over ``steps`` (one ``(N_t, H_in)`` tensor per time step).

        Returns the top layer's output at each step, ``h_n``, ``c_n`` and, for every layer
        and direction, the ``LSTMStep`` of each time step.
        """
        directions = lstm_config(self).num_directions
        h_n, c_n, all_records = [], [], []
        for layer in range(self.num_layers):
            if layer > 0 and self.training and self.dropout > 0:
                steps = self._dropout(steps)
            per_direction = []
            for direction in range(directions):
                k = layer * directions + direction  # this layer and direction's row of h_n
                records, h, c = run_direction(
                    steps, h_0[k], c_0[k], self.weights(layer, direction), reverse=direction == 1)
                per_direction.append([step.h for step in records])
                h_n.append(h)
                c_n.append(c)
                all_records.append(records)
            # The next layer reads both directions side by side at each step.
            steps = [torch.cat(pair, dim=-1) for pair in zip(*per_direction, strict=True)]
        return steps, torch.stack(h_n), torch.stack(c_n), all_records

    def _dropout(self, steps: list[Tensor]) -> list[Tensor]:
        """``F.dropout`` on a layer's whole output, drawn in the order ``nn.LSTM`` draws it."""
        dropped = F.dropout(torch.cat(steps), self.dropout, training=True)
        return list(dropped.split([len(step) for step in steps]))
