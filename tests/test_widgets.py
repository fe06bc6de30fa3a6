"""lstm_course.widgets: the explorers' shapes against real nn.LSTM calls, set programmatically."""

import base64
import warnings
from unittest import mock

import ipywidgets as widgets
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

from lstm_course.widgets import ShapeExplorer, TensorExplorer

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def real_call(values: dict) -> dict:
    """Shapes of a real nn.LSTM call with the explorer's settings, on zeros of the input."""
    lstm = nn.LSTM(values["input_size"], values["hidden_size"], values["num_layers"],
                   batch_first=values["batch_first"], bidirectional=values["bidirectional"],
                   proj_size=values["proj_size"])
    if values["unbatched"]:
        x = torch.zeros(values["seq_len"], values["input_size"])
    elif values["batch_first"]:
        x = torch.zeros(values["batch"], values["seq_len"], values["input_size"])
    else:
        x = torch.zeros(values["seq_len"], values["batch"], values["input_size"])
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # proj_size's oneDNN notice
        output, (h_n, c_n) = lstm(x)
    return {"input": tuple(x.shape), "output": tuple(output.shape), "h_n": tuple(h_n.shape),
            "c_n": tuple(c_n.shape), "parameters": sum(p.numel() for p in lstm.parameters())}


@st.composite
def explorer_values(draw: st.DrawFn) -> dict:
    """Values for every control, within the controls' ranges (sizes kept small for speed)."""
    hidden_size = draw(st.integers(1, 12))
    return {"seq_len": draw(st.integers(1, 20)), "batch": draw(st.integers(1, 16)),
            "input_size": draw(st.integers(1, 32)), "hidden_size": hidden_size,
            "num_layers": draw(st.integers(1, 4)),
            "proj_size": draw(st.integers(0, hidden_size - 1)),
            "bidirectional": draw(st.booleans()), "batch_first": draw(st.booleans()),
            "unbatched": draw(st.booleans())}


@pytest.fixture(scope="module")
def explorer():
    """One explorer whose drawing is skipped: these tests are about shapes, not pictures."""
    explorer = ShapeExplorer()
    with mock.patch.object(explorer, "_draw"):
        yield explorer


@given(values=explorer_values(), order=st.permutations(list(ShapeExplorer.DEFAULTS)))
def test_explorer_shapes_match_a_real_call(explorer, values, order):
    explorer.controls["proj_size"].value = 0  # any order of changes must stay valid
    for name in order:
        explorer.controls[name].value = values[name]
    real = real_call(values)
    shapes = explorer.shapes
    assert shapes is not None
    assert {name: shapes[name] for name in ("input", "output", "h_n", "c_n")} == \
        {name: real[name] for name in ("input", "output", "h_n", "c_n")}
    assert shapes["h_0"] == shapes["h_n"] and shapes["c_0"] == shapes["c_n"]
    assert f"parameters: {real['parameters']}" in str(explorer)
    assert explorer.controls["batch"].disabled == values["unbatched"]


def test_defaults_are_the_seed_lessons_lstm():
    explorer = ShapeExplorer()
    assert {name: control.value for name, control in explorer.controls.items()} == {
        "seq_len": 5, "batch": 2, "input_size": 10, "hidden_size": 6, "num_layers": 2,
        "proj_size": 0, "bidirectional": False, "batch_first": False, "unbatched": False}
    assert explorer.shapes == {"input": (5, 2, 10), "h_0": (2, 2, 6), "c_0": (2, 2, 6),
                               "output": (5, 2, 6), "h_n": (2, 2, 6), "c_n": (2, 2, 6)}
    assert isinstance(explorer.widget, widgets.VBox)


def test_control_ranges():
    controls = ShapeExplorer().controls
    for name, (low, high) in {"seq_len": (1, 20), "batch": (1, 16), "input_size": (1, 32),
                              "hidden_size": (1, 32), "num_layers": (1, 4),
                              "proj_size": (0, 31)}.items():
        assert (controls[name].min, controls[name].max) == (low, high), name
    for name in ("bidirectional", "batch_first", "unbatched"):
        assert isinstance(controls[name], widgets.Checkbox)


def test_an_invalid_proj_size_is_explained_not_clamped():
    explorer = ShapeExplorer()
    explorer.controls["proj_size"].value = 6  # == hidden_size
    assert explorer.controls["proj_size"].value == 6
    assert explorer.shapes is None
    bundle = explorer._repr_mimebundle_()
    assert "proj_size must be smaller than hidden_size" in bundle["text/html"]
    assert "Traceback" not in bundle["text/html"]
    assert bundle["text/plain"].startswith("ShapeExplorer: invalid settings.")
    explorer.controls["hidden_size"].value = 7
    assert explorer.shapes["h_n"] == (2, 2, 6) and explorer.shapes["c_n"] == (2, 2, 7)


def test_display_gives_the_widget_and_html_and_text_tables():
    bundle = ShapeExplorer()._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    assert "<code>(seq_len=5, batch=2, D*H_out=6)</code>" in bundle["text/html"]
    assert "Parameters: 768" in bundle["text/html"]
    assert "  output (seq_len=5, batch=2, D*H_out=6)" in bundle["text/plain"].splitlines()


def test_the_drawing_follows_the_controls():
    explorer = ShapeExplorer()
    before = bytes(explorer._drawing.value)
    assert before.startswith(b"\x89PNG")
    explorer.controls["bidirectional"].value = True
    assert bytes(explorer._drawing.value) != before
    explorer.controls["proj_size"].value = 20
    assert explorer._drawing.layout.display == "none"


def test_starting_values_can_be_given_and_unknown_ones_are_refused():
    assert ShapeExplorer(bidirectional=True).shapes["output"] == (5, 2, 12)
    with pytest.raises(TypeError, match="unknown setting.*hiden_size"):
        ShapeExplorer(hiden_size=3)


@given(st.integers(0, 3), st.integers(0, 2), st.booleans(), st.booleans(), st.booleans())
def test_tensor_explorer_selects_the_sequence_first_slice(step, sample, use_step, use_sample,
                                                          batch_first):
    x = torch.arange(4 * 3 * 2, dtype=torch.float32).reshape(4, 3, 2)  # (L, N, H_in)
    with mock.patch.object(TensorExplorer, "_update"):
        explorer = TensorExplorer(x.transpose(0, 1) if batch_first else x, batch_first)
    explorer.controls["step"].value = step if use_step else None
    explorer.controls["sample"].value = sample if use_sample else None
    expected = x
    if use_step:
        expected = expected[step]
        if use_sample:
            expected = expected[sample]
    elif use_sample:
        expected = expected[:, sample]
    assert torch.equal(explorer.selected(), expected)


def test_tensor_explorer_shows_the_highlight_and_its_values():
    x = torch.randn(5, 2, 10)
    explorer = TensorExplorer(x.transpose(0, 1), batch_first=True)
    assert [label for label, _ in explorer.controls["step"].options][:2] == ["none", "0"]
    assert str(explorer).endswith("highlighted: none")
    explorer.controls["step"].value = 3
    explorer.controls["sample"].value = 1
    assert explorer.expression() == "x[1, 3]"  # in x's own, batch-first, layout
    assert "x[1, 3]</code>, shape (10,)" in explorer._values.value
    assert f"<tr><td>0</td><td><code>{x[3, 1, 0].item():.4f}</code></td></tr>" in \
        explorer._values.value
    explorer.controls["sample"].value = None
    assert "<th>sample 1</th>" in explorer._values.value
    assert WIDGET_VIEW in explorer._repr_mimebundle_()


@pytest.mark.parametrize("shape", [(5, 10), (5, 2, 10, 1)])
def test_tensor_explorer_needs_rank_3(shape):
    with pytest.raises(ValueError, match=r"rank 3, laid out \(seq_len, batch, input_size\)"):
        TensorExplorer(torch.zeros(shape))


def test_a_static_picture_is_stored_for_where_no_kernel_runs():
    """COURSE.md: a rendered notebook shows the explorers' default state without a kernel."""
    tensor_bundle = TensorExplorer(torch.randn(5, 2, 10))._repr_mimebundle_()
    assert base64.b64decode(tensor_bundle["image/png"]).startswith(b"\x89PNG")
    assert WIDGET_VIEW in tensor_bundle and "text/plain" in tensor_bundle
    explorer = ShapeExplorer()
    assert '<img src="data:image/png;base64,' in explorer._repr_mimebundle_()["text/html"]
    explorer.controls["proj_size"].value = 6  # invalid: the message, no stale drawing
    assert "<img" not in explorer._repr_mimebundle_()["text/html"]


def test_none_stays_a_visible_choice():
    """A plain Dropdown shows an empty box for value None; "none" must stay selected."""
    explorer = TensorExplorer(torch.randn(5, 2, 10))
    step = explorer.controls["step"]
    assert (step.index, step.label, step.value) == (0, "none", None)
    step.value = 3
    assert (step.index, step.label) == (4, "3")
    step.value = None
    assert (step.index, step.label) == (0, "none")
    step.index = 2  # as the browser sets it
    assert step.value == 1 and explorer.expression() == "x[1]"
    step.index = 0
    assert step.value is None and step.index == 0


def test_controls_keep_their_width_and_explorers_share_no_layout():
    """Squeezed sliders hide their readouts; a layout shared between explorers would let an
    invalid explorer hide another one's drawing."""
    first, second = ShapeExplorer(), ShapeExplorer()
    row = first.widget.children[0]
    controls, shapes = row.children
    assert controls.layout.flex == "0 0 auto" and row.layout.flex_flow == "row wrap"
    assert shapes.layout.min_width == "0"
    second.controls["proj_size"].value = 6
    assert second._drawing.layout.display == "none" and first._drawing.layout.display == ""
    assert first._drawing.layout is not TensorExplorer(torch.zeros(2, 2, 2))._drawing.layout


@pytest.mark.parametrize(("values", "error", "words"), [
    ({"seq_len": 100}, ValueError, "seq_len must be from 1 to 20"),
    ({"hidden_size": "6"}, TypeError, "hidden_size must be an int"),
    ({"bidirectional": 1}, TypeError, "bidirectional must be True or False"),
])
def test_shape_explorer_settings_outside_the_sliders_are_refused(values, error, words):
    with pytest.raises(error, match=words):
        ShapeExplorer(**values)
