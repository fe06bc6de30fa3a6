"""Interactive explorers for the lessons: move a control, see every shape change.

Both explorers draw into ``HTML`` and ``Image`` widgets (never an ``Output`` widget, whose
prints would land in the cell's stdout under nbval), and both display with static fallbacks
(their drawing, their tables, a plain-text summary), so that a notebook rendered without a
kernel still shows the state it was displayed in.
"""

from __future__ import annotations

import base64
import html
from typing import Any

import ipywidgets as widgets
import torch
from traitlets import observe

from lstm_course._checks import require_settings
from lstm_course.i18n import _
from lstm_course.shapes import (
    LSTMConfig,
    axis_names,
    input_layout,
    lstm_shapes,
    module_expression,
    named_shape,
    parameter_count,
    parameter_shapes,
    sequence_first,
    slice_expression,
)
from lstm_course.viz.call import plot_lstm_call
from lstm_course.viz.tensors import plot_input_tensor
from lstm_course.widget_parts import fit_width, img_html, png, wrapping_row

TENSORS = ("input", "h_0", "c_0", "output", "h_n", "c_n")
PARAMETER_KINDS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr")


class _OptionalIndex(widgets.Dropdown):
    """A dropdown whose first option, "none", stands for the value ``None``.

    A plain ``Dropdown`` treats ``value=None`` as "nothing selected" and shows an empty
    box; here ``None`` selects the "none" option, so its label stays visible.
    """

    @observe("value")
    def _propagate_value(self, change: Any) -> None:
        if change.new is None:
            if self.index != 0:
                self.index = 0
            return
        super()._propagate_value(change)


class ShapeExplorer:
    """Controls for every setting of ``nn.LSTM`` and of its input, with the shapes they give.

    ``controls`` maps ``seq_len``, ``batch``, ``input_size``, ``hidden_size``,
    ``num_layers``, ``proj_size``, ``bidirectional``, ``batch_first`` and ``unbatched``
    to their ipywidgets; ``shapes`` is ``lstm_shapes`` for the current values (``None``
    while they are invalid, e.g. ``proj_size >= hidden_size``); ``widget`` is the view.
    Keyword arguments override the starting values (the seed lesson's ``nn.LSTM(10, 6, 2)``
    on an input of 5 steps × 2 sequences).
    """

    DEFAULTS = {"seq_len": 5, "batch": 2, "input_size": 10, "hidden_size": 6, "num_layers": 2,
                "proj_size": 0, "bidirectional": False, "batch_first": False, "unbatched": False}
    RANGES = {"seq_len": (1, 20), "batch": (1, 16), "input_size": (1, 32),
              "hidden_size": (1, 32), "num_layers": (1, 4), "proj_size": (0, 31)}

    def __init__(self, **values: int | bool) -> None:
        require_settings("ShapeExplorer", values, self.RANGES,
                         ("bidirectional", "batch_first", "unbatched"))
        start = self.DEFAULTS | values
        self.controls: dict[str, widgets.ValueWidget] = {}
        for name, (low, high) in self.RANGES.items():
            self.controls[name] = widgets.IntSlider(value=start[name], min=low, max=high,
                                                    description=name, continuous_update=True)
        for name in ("bidirectional", "batch_first", "unbatched"):
            self.controls[name] = widgets.Checkbox(value=start[name], description=name,
                                                   indent=False)
        self._table = widgets.HTML()
        self._drawing = widgets.Image(format="png", layout=fit_width())
        self._parameters = widgets.HTML()
        # The controls never shrink (a squeezed slider hides its readout); the shapes and
        # the drawing take the rest of the row, or wrap below it in a narrow notebook.
        self.widget = widgets.VBox([
            widgets.HBox([widgets.VBox(list(self.controls.values()),
                                       layout=widgets.Layout(flex="0 0 auto")),
                          widgets.VBox([self._table, self._drawing],
                                       layout=widgets.Layout(flex="1 1 320px", min_width="0"))],
                         layout=wrapping_row()),
            self._parameters,
        ])
        self.widget.add_class("lstm-shape-explorer")
        self.shapes: dict[str, tuple[int, ...]] | None = None
        self.problem: str | None = None
        for control in self.controls.values():
            control.observe(self._update, names="value")
        self._update()

    @property
    def config(self) -> LSTMConfig:
        """The module settings the controls describe (not checked; see ``problem``)."""
        return LSTMConfig(**{name: self.controls[name].value for name in
                             ("input_size", "hidden_size", "num_layers", "batch_first",
                              "bidirectional", "proj_size")}, bias=True)

    @property
    def batch(self) -> int | None:
        """The batch size of the input, ``None`` for an unbatched call."""
        return None if self.controls["unbatched"].value else self.controls["batch"].value

    def _update(self, change: Any = None) -> None:
        self.controls["batch"].disabled = self.batch is None
        try:
            self.shapes = lstm_shapes(self.config, self.controls["seq_len"].value, self.batch)
            self.problem = None
        except ValueError as err:
            self.shapes, self.problem = None, str(err)
            self._table.value = "<p><b>{}</b> {}</p>".format(
                _("This combination is invalid."), html.escape(self.problem))
            self._drawing.layout.display = "none"
            self._parameters.value = ""
            return
        self._table.value = self._shapes_html()
        self._parameters.value = self._parameters_html()
        self._draw()

    def _draw(self) -> None:
        self._drawing.value = png(plot_lstm_call(self.config, self.controls["seq_len"].value,
                                                  self.batch), dpi=96)
        self._drawing.layout.display = ""

    def named_shapes(self) -> dict[str, str]:
        """Each tensor's shape with its axes named, e.g. ``(seq_len=5, batch=2, D*H_out=6)``."""
        if self.shapes is None:
            return {}
        names = axis_names(self.config, batched=self.batch is not None)
        return {name: named_shape(names[name], self.shapes[name]) for name in TENSORS}

    def _shapes_html(self) -> str:
        rows = "".join(f'<tr data-tensor="{name}"><td><code>{name}</code></td>'
                       f"<td><code>{named}</code></td></tr>"
                       for name, named in self.named_shapes().items())
        return (f"<p><code>{module_expression(self.config)}</code>, "
                f"{self._call_text()}</p><table>{rows}</table>")

    def _call_text(self) -> str:
        steps = self.controls["seq_len"].value
        if self.batch is None:
            return _("one unbatched sequence of {steps} steps").format(steps=steps)
        return _("a batch of {batch} sequences of {steps} steps").format(batch=self.batch,
                                                                        steps=steps)

    def _parameters_html(self) -> str:
        shapes = parameter_shapes(self.config)
        kinds = [kind for kind in PARAMETER_KINDS if f"{kind}_l0" in shapes]
        header = "".join(f"<th><code>{kind}</code></th>" for kind in kinds)
        rows = ""
        for layer in range(self.config.num_layers):
            for suffix in ("", "_reverse")[: self.config.num_directions]:
                tag = f"_l{layer}{suffix}"
                cells = "".join(f"<td><code>{shapes[kind + tag]}</code></td>" for kind in kinds)
                rows += f"<tr><td><code>{tag}</code></td>{cells}</tr>"
        example = f"{kinds[0]}_l0" + ("_reverse" if self.config.bidirectional else "")
        return (_("<p><b>Parameters: {count}</b>. Each name is its column followed by its row, "
                  "e.g. <code>{example}</code>.</p>").format(
                    count=parameter_count(self.config), example=example)
                + f"<table><tr><th></th>{header}</tr>{rows}</table>")

    def __str__(self) -> str:
        if self.shapes is None:
            return _("ShapeExplorer: invalid settings. {problem}").format(problem=self.problem)
        lines = [f"ShapeExplorer: {module_expression(self.config)}, {self._call_text()}"]
        lines += [f"  {name:<7}{named}" for name, named in self.named_shapes().items()]
        lines += [_("  parameters: {count}").format(count=parameter_count(self.config))]
        lines += [f"    {name:<22}{shape}" for name, shape in parameter_shapes(self.config).items()]
        return "\n".join(lines)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The live widget, with HTML tables (and the drawing) and a plain-text table for where
        no kernel runs."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        drawing = img_html(bytes(self._drawing.value)) if self.shapes is not None else ""
        bundle["text/html"] = self._table.value + drawing + self._parameters.value
        bundle["text/plain"] = str(self)
        return bundle


def _choices(size: int) -> list[tuple[str, int | None]]:
    """Dropdown options: "none" (no highlight), then every index from 0 to ``size - 1``."""
    return [(_("none"), None)] + [(str(index), index) for index in range(size)]


class TensorExplorer:
    """Pick a time step and/or a sequence of ``x`` and see them highlighted, with their values.

    ``x`` is ``(L, N, H_in)``, or ``(N, L, H_in)`` with ``batch_first=True``; ``controls``
    holds the ``"step"`` and ``"sample"`` dropdowns (``None`` for no highlight);
    ``selected()`` is ``x[step, sample]`` in sequence-first terms, whatever the layout.
    """

    def __init__(self, x: torch.Tensor, batch_first: bool = False) -> None:
        self._time_first = sequence_first(x, batch_first).detach()
        self.x, self.batch_first = x.detach(), batch_first
        self.layout = input_layout(batch_first)
        seq_len, batch = self._time_first.shape[:2]
        self.controls = {name: _OptionalIndex(options=_choices(size), value=None,
                                              description=description)
                         for name, description, size in (("step", _("step"), seq_len),
                                                         ("sample", _("sample"), batch))}
        self._drawing = widgets.Image(format="png", layout=fit_width())
        self._values = widgets.HTML()
        self.widget = widgets.VBox([
            widgets.HBox(list(self.controls.values()), layout=wrapping_row()),
            widgets.HBox([self._drawing, self._values], layout=wrapping_row())])
        self.widget.add_class("lstm-tensor-explorer")
        for control in self.controls.values():
            control.observe(self._update, names="value")
        self._update()

    def selected(self) -> torch.Tensor:
        """The highlighted values: ``x[step]``, ``x[:, sample]`` or ``x[step, sample]``
        (sequence-first indices), or all of ``x`` when nothing is selected."""
        step, sample = self.controls["step"].value, self.controls["sample"].value
        values = self._time_first
        if step is not None:
            values = values[step] if sample is None else values[step, sample]
        elif sample is not None:
            values = values[:, sample]
        return values

    def expression(self) -> str:
        """How the selection is indexed in ``x``'s own layout, e.g. ``x[1, 3]``."""
        return slice_expression(self.controls["step"].value, self.controls["sample"].value,
                                 self.batch_first)

    def _update(self, change: Any = None) -> None:
        step, sample = self.controls["step"].value, self.controls["sample"].value
        self._drawing.value = png(plot_input_tensor(self.x, batch_first=self.batch_first,
                                                     step=step, sample=sample), dpi=72)
        self._values.value = self._values_html()

    def _values_html(self) -> str:
        """The picked values as a table: one row per feature, one column per sample of the
        picked step, or per step of the picked sample."""
        values = self.selected()
        if values.dim() == 3:
            return "<p>{}</p>".format(_("Pick a step or a sample to see its values."))
        if values.dim() == 1:
            columns, header = values.unsqueeze(0), [_("value")]
        else:
            label = _("sample {index}") if self.controls["step"].value is not None \
                else _("step {index}")
            columns, header = values, [label.format(index=index) for index in range(len(values))]
        head = "".join(f"<th>{name}</th>" for name in [_("feature"), *header])
        rows = ""
        for feature, row in enumerate(columns.T.tolist()):
            cells = "".join(f"<td><code>{value:.4f}</code></td>" for value in row)
            rows += f"<tr><td>{feature}</td>{cells}</tr>"
        return (_("<p><code>{expression}</code>, shape {shape}:</p>").format(
                    expression=self.expression(), shape=tuple(values.shape))
                + f"<table><tr>{head}</tr>{rows}</table>")

    def __str__(self) -> str:
        highlighted = _("none") if self.selected().dim() == 3 else self.expression()
        return _("TensorExplorer: x {shape}, laid out {layout}; highlighted: {highlighted}").format(
            shape=tuple(self.x.shape), layout=self.layout, highlighted=highlighted)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The live widget, with the drawing as a PNG and a one-line description for where
        no kernel runs."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(bytes(self._drawing.value)).decode("ascii")
        bundle["text/plain"] = str(self)
        return bundle
