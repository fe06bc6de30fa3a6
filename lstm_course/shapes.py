"""The shape rules of ``torch.nn.LSTM``, computed from its settings alone.

Every function here reads only the constructor settings (``input_size``,
``hidden_size``, ``num_layers``, ``bias``, ``batch_first``, ``bidirectional``,
``proj_size``) of the object it is given. It never runs the module and never
looks at its parameters, so it works for ``nn.LSTM``, for the course's
``ScratchLSTM`` and for any object that carries those attributes.

Letters follow PyTorch's documentation: ``L`` sequence length, ``N`` batch
size, ``H_in`` input size, ``H_cell`` hidden size, ``H_out`` the size of ``h``
(``proj_size`` if it is set, else ``hidden_size``), ``D`` the number of
directions (2 if bidirectional, else 1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from lstm_course._checks import (
    require_bool,
    require_instance,
    require_int,
    require_items,
    require_lstm,
    require_str,
)
from lstm_course.i18n import _

if TYPE_CHECKING:
    import torch

SETTINGS = ("input_size", "hidden_size", "num_layers", "bias", "batch_first",
            "bidirectional", "proj_size")


class LSTMConfig(NamedTuple):
    """The constructor settings of an LSTM that decide every shape."""

    input_size: int
    hidden_size: int
    num_layers: int
    bias: bool
    batch_first: bool
    bidirectional: bool
    proj_size: int

    @property
    def num_directions(self) -> int:
        """``D``: 2 for a bidirectional LSTM, else 1."""
        return 2 if self.bidirectional else 1

    @property
    def h_out(self) -> int:
        """``H_out``: the size of ``h`` and of each direction's output."""
        return self.proj_size if self.proj_size > 0 else self.hidden_size


def lstm_config(lstm: Any, caller: str = "lstm_config") -> LSTMConfig:
    """Read and check the shape-deciding settings of ``lstm`` (an ``nn.LSTM`` or look-alike).

    Raises ``TypeError`` when a setting is missing or a size is not an int, and
    ``ValueError`` for values ``nn.LSTM`` would refuse (a size below its minimum,
    ``proj_size >= hidden_size``).
    """
    require_lstm(caller, lstm)
    missing = [name for name in SETTINGS if not hasattr(lstm, name)]
    if missing:
        raise TypeError(_("expected an nn.LSTM or an object with its settings; {kind} has no "
                          "{missing}. Pass the LSTM module itself, e.g. nn.LSTM(10, 6, 2).").format(
            kind=type(lstm).__name__, missing=", ".join(missing)))
    config = LSTMConfig(**{name: getattr(lstm, name) for name in SETTINGS})
    require_int("input_size", config.input_size, 1)
    require_int("hidden_size", config.hidden_size, 1)
    require_int("num_layers", config.num_layers, 1)
    require_int("proj_size", config.proj_size, 0)
    require_bool("bias", config.bias)
    require_bool("batch_first", config.batch_first)
    if not (isinstance(config.bidirectional, int) and config.bidirectional in (0, 1)):
        require_bool("bidirectional", config.bidirectional)  # nn.LSTM also takes 0 and 1
    config = config._replace(bidirectional=bool(config.bidirectional))
    if config.proj_size >= config.hidden_size:
        raise ValueError(_("proj_size must be smaller than hidden_size, got proj_size={proj} and "
                           "hidden_size={hidden}. Use proj_size=0 (no projection) or a value "
                           "below {hidden}.").format(proj=config.proj_size,
                                                     hidden=config.hidden_size))
    return config


def module_expression(config: LSTMConfig) -> str:
    """How a module with these settings is built, e.g. ``nn.LSTM(10, 6, num_layers=2)``."""
    require_instance("config", config, LSTMConfig, _("an LSTMConfig"),
                     _("Make one with lstm_config(lstm)."))
    options = [f"num_layers={config.num_layers}"] if config.num_layers != 1 else []
    options += [f"{name}=True" for name in ("batch_first", "bidirectional")
                if getattr(config, name)]
    if config.proj_size:
        options.append(f"proj_size={config.proj_size}")
    if not config.bias:
        options.append("bias=False")
    return f"nn.LSTM({', '.join([str(config.input_size), str(config.hidden_size), *options])})"


def lstm_shapes(lstm: Any, seq_len: int, batch: int | None) -> dict[str, tuple[int, ...]]:
    """Shapes of ``input``, ``h_0``, ``c_0``, ``output``, ``h_n`` and ``c_n`` for one call.

    ``batch=None`` means unbatched input ``(L, H_in)``; then the batch axis is
    dropped everywhere. ``batch_first`` moves the batch axis of ``input`` and
    ``output`` only, never of the states::

        input   (L, N, H_in)        or (N, L, H_in) with batch_first
        h_0     (D * num_layers, N, H_out)
        c_0     (D * num_layers, N, H_cell)
        output  (L, N, D * H_out)   or (N, L, D * H_out) with batch_first
        h_n     like h_0;  c_n like c_0

    >>> lstm_shapes(nn.LSTM(3, 5, batch_first=True), seq_len=7, batch=2)["output"]
    (2, 7, 5)
    """
    config = lstm_config(lstm, "lstm_shapes")
    require_int("seq_len", seq_len, 1)
    if batch is not None:
        require_int("batch", batch, 0)  # torch accepts an empty batch

    states = config.num_directions * config.num_layers

    def sequence(features: int) -> tuple[int, ...]:
        if batch is None:
            return (seq_len, features)
        return (batch, seq_len, features) if config.batch_first else (seq_len, batch, features)

    def state(size: int) -> tuple[int, ...]:
        return (states, size) if batch is None else (states, batch, size)

    return {
        "input": sequence(config.input_size),
        "h_0": state(config.h_out),
        "c_0": state(config.hidden_size),
        "output": sequence(config.num_directions * config.h_out),
        "h_n": state(config.h_out),
        "c_n": state(config.hidden_size),
    }


def parameter_shapes(lstm: Any) -> dict[str, tuple[int, ...]]:
    """Every parameter name, in ``named_parameters()`` order, mapped to its shape.

    Layer ``k`` direction ``d`` holds ``weight_ih_lk`` ``(4*H_cell, in_k)``,
    ``weight_hh_lk`` ``(4*H_cell, H_out)``, ``bias_ih_lk`` and ``bias_hh_lk``
    ``(4*H_cell,)`` when ``bias`` is set, and ``weight_hr_lk`` ``(H_out, H_cell)``
    when ``proj_size`` is set; ``in_0 = H_in`` and ``in_k = D * H_out`` above it.
    The reverse direction's names end in ``_reverse``.
    """
    config = lstm_config(lstm, "parameter_shapes")
    gates = 4 * config.hidden_size
    shapes: dict[str, tuple[int, ...]] = {}
    for layer in range(config.num_layers):
        layer_input = config.input_size if layer == 0 else config.num_directions * config.h_out
        for suffix in ("", "_reverse")[: config.num_directions]:
            tag = f"_l{layer}{suffix}"
            shapes["weight_ih" + tag] = (gates, layer_input)
            shapes["weight_hh" + tag] = (gates, config.h_out)
            if config.bias:
                shapes["bias_ih" + tag] = (gates,)
                shapes["bias_hh" + tag] = (gates,)
            if config.proj_size > 0:
                shapes["weight_hr" + tag] = (config.proj_size, config.hidden_size)
    return shapes


def parameter_count(lstm: Any) -> int:
    """Number of trainable values in ``lstm``, by the closed formula.

    Per layer and direction: ``4*H_cell*(in_k + H_out)`` weights, ``2*4*H_cell``
    biases when ``bias`` is set, and ``H_out*H_cell`` projection weights when
    ``proj_size`` is set. ``nn.LSTM(10, 6, 2)`` has 768.
    """
    config = lstm_config(lstm, "parameter_count")
    hidden, h_out, directions = config.hidden_size, config.h_out, config.num_directions
    total = 0
    for layer in range(config.num_layers):
        layer_input = config.input_size if layer == 0 else directions * h_out
        per_direction = 4 * hidden * (layer_input + h_out)
        if config.bias:
            per_direction += 2 * 4 * hidden
        if config.proj_size > 0:
            per_direction += h_out * hidden
        total += directions * per_direction
    return total


def axis_names(lstm: Any, batched: bool = True) -> dict[str, tuple[str, ...]]:
    """The name of every axis of each tensor in ``lstm_shapes``, in the same order.

    E.g. ``output`` is ``("seq_len", "batch", "D*H_out")``, or
    ``("batch", "seq_len", "D*H_out")`` with ``batch_first``; ``batched=False``
    drops the batch axis everywhere, as an unbatched call does.
    """
    config = lstm_config(lstm, "axis_names")
    require_bool("batched", batched)
    batch = ("batch",) if batched else ()
    h_state = ("D*num_layers", *batch, "H_out")
    c_state = ("D*num_layers", *batch, "hidden_size")
    return {"input": _sequence_axes(config.batch_first, batched, "input_size"),
            "h_0": h_state, "c_0": c_state,
            "output": _sequence_axes(config.batch_first, batched, "D*H_out"),
            "h_n": h_state, "c_n": c_state}


def _sequence_axes(batch_first: bool, batched: bool, features: str) -> tuple[str, ...]:
    """The axis names of a sequence tensor (an input or an output), in its layout."""
    if not batched:
        return ("seq_len", features)
    return ("batch", "seq_len", features) if batch_first else ("seq_len", "batch", features)


def named_shape(names: tuple[str, ...], shape: tuple[int, ...]) -> str:
    """Write a shape with its axis names, e.g. ``(seq_len=5, batch=2, D*H_out=6)``."""
    require_items("names", names, str, _("a tuple of axis names"))
    require_items("shape", shape, int, _("a tuple of sizes"))
    if len(names) != len(shape):
        raise ValueError(_("need one name per axis: got {count} names {names} for a shape of "
                           "{rank} axes {shape}.").format(count=len(names), names=tuple(names),
                                                          rank=len(shape), shape=tuple(shape)))
    return "(" + ", ".join(f"{name}={size}" for name, size in zip(names, shape, strict=True)) + ")"


def input_layout(batch_first: bool = False, batched: bool = True,
                 features: str = "input_size") -> str:
    """The axes of an LSTM input by name: ``(seq_len, batch, input_size)``, batch first, or
    ``(seq_len, input_size)`` for one unbatched sequence; ``features`` names the last axis."""
    require_bool("batch_first", batch_first)
    require_bool("batched", batched)
    require_str("features", features)
    return "(" + ", ".join(_sequence_axes(batch_first, batched, features)) + ")"


def slice_expression(step: int | None, sample: int | None, batch_first: bool = False) -> str:
    """How one time step and/or one sequence is indexed in ``x``'s own layout, e.g. ``x[:, 1]``."""
    require_bool("batch_first", batch_first)
    for name, index in (("step", step), ("sample", sample)):
        if index is not None:
            require_int(name, index)
    time = ":" if step is None else str(step)
    seq = ":" if sample is None else str(sample)
    index = f"{seq}, {time}" if batch_first else f"{time}, {seq}"
    return f"x[{index.removesuffix(', :')}]"


def sequence_first(x: torch.Tensor, batch_first: bool = False) -> torch.Tensor:
    """``x``, checked to be a rank-3 LSTM input, as a time-first ``(L, N, H_in)`` view.

    Raises ``TypeError``/``ValueError`` naming the expected layout otherwise.
    """
    import torch  # only callers that hold a tensor get here

    require_bool("batch_first", batch_first)
    require_instance("x", x, torch.Tensor, _("a torch.Tensor"),
                     _("Convert it with torch.tensor(...)."))
    if x.dim() != 3:
        raise ValueError(_("x must be rank 3, laid out {layout}; got shape {shape} (rank {rank}). "
                           "For one unbatched sequence use x.unsqueeze({axis}).").format(
            layout=input_layout(batch_first), shape=tuple(x.shape), rank=x.dim(),
            axis=0 if batch_first else 1))
    return x.transpose(0, 1) if batch_first else x
