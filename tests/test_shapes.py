"""lstm_course.shapes against real nn.LSTM modules."""

import warnings
from collections.abc import Callable
from types import SimpleNamespace

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from strategies import batches, lstm_kwargs, seq_lens
from torch import nn

from lstm_course.shapes import (
    axis_names,
    lstm_config,
    lstm_shapes,
    named_shape,
    parameter_count,
    parameter_shapes,
)


def run(lstm: nn.LSTM, shapes: dict) -> dict:
    """Call ``lstm`` on zeros of the predicted input and state shapes; return real shapes."""
    x = torch.zeros(shapes["input"])
    hx = (torch.zeros(shapes["h_0"]), torch.zeros(shapes["c_0"]))
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # proj_size's oneDNN notice
        output, (h_n, c_n) = lstm(x, hx)
    return {"input": tuple(x.shape), "h_0": tuple(hx[0].shape), "c_0": tuple(hx[1].shape),
            "output": tuple(output.shape), "h_n": tuple(h_n.shape), "c_n": tuple(c_n.shape)}


@given(lstm_kwargs(), seq_lens, batches)
def test_lstm_shapes_match_a_real_call(kwargs, seq_len, batch):
    lstm = nn.LSTM(**kwargs)
    shapes = lstm_shapes(lstm, seq_len, batch)
    assert run(lstm, shapes) == shapes


@given(lstm_kwargs())
def test_parameter_shapes_match_named_parameters(kwargs):
    lstm = nn.LSTM(**kwargs)
    real = [(name, tuple(p.shape)) for name, p in lstm.named_parameters()]
    assert list(parameter_shapes(lstm).items()) == real


@given(lstm_kwargs())
def test_parameter_count_matches_numel(kwargs):
    lstm = nn.LSTM(**kwargs)
    assert parameter_count(lstm) == sum(p.numel() for p in lstm.parameters())


def test_the_seed_lessons_lstm():
    lstm = nn.LSTM(10, 6, 2)
    assert lstm_shapes(lstm, 5, 2) == {
        "input": (5, 2, 10), "h_0": (2, 2, 6), "c_0": (2, 2, 6),
        "output": (5, 2, 6), "h_n": (2, 2, 6), "c_n": (2, 2, 6)}
    assert parameter_count(lstm) == 768


def test_batch_first_moves_only_input_and_output():
    shapes = lstm_shapes(nn.LSTM(3, 4, batch_first=True), seq_len=7, batch=2)
    assert shapes["input"] == (2, 7, 3) and shapes["output"] == (2, 7, 4)
    assert shapes["h_n"] == shapes["h_0"] == (1, 2, 4)


def test_projection_shrinks_h_but_not_c():
    shapes = lstm_shapes(nn.LSTM(3, 8, 2, bidirectional=True, proj_size=5), 4, None)
    assert shapes["output"] == (4, 10) and shapes["h_n"] == (4, 5) and shapes["c_n"] == (4, 8)


def test_rules_never_run_the_module_nor_read_parameters(monkeypatch):
    lstm = nn.LSTM(4, 6, 2, bidirectional=True, proj_size=3)
    real_count = sum(p.numel() for p in lstm.parameters())

    def boom(*args, **kwargs):
        raise AssertionError("the shape rules must not run the module or read its parameters")
    for name in ("forward", "parameters", "named_parameters"):
        monkeypatch.setattr(nn.LSTM, name, boom)

    assert lstm_shapes(lstm, 5, 2)["output"] == (5, 2, 6)
    assert parameter_shapes(lstm)["weight_hr_l1_reverse"] == (3, 6)
    assert parameter_count(lstm) == real_count


def test_any_object_with_the_settings_works():
    settings = SimpleNamespace(input_size=10, hidden_size=6, num_layers=2, bias=True,
                               batch_first=False, bidirectional=False, proj_size=0)
    assert lstm_shapes(settings, 5, 2) == lstm_shapes(nn.LSTM(10, 6, 2), 5, 2)
    assert parameter_count(settings) == 768


@pytest.mark.parametrize("seq_len, batch, error, words", [
    (0, 2, ValueError, "seq_len must be at least 1"),
    (5, -1, ValueError, "batch must be at least 0"),
    (2.0, 2, TypeError, "seq_len must be an int"),
    (5, True, TypeError, "batch must be an int"),
])
def test_impossible_calls_are_clear_errors(seq_len, batch, error, words):
    with pytest.raises(error, match=words):
        lstm_shapes(nn.LSTM(10, 6), seq_len, batch)


def test_a_module_that_is_not_an_lstm_is_named():
    with pytest.raises(TypeError, match="lstm_config needs an nn.LSTM, got nn.Linear"):
        lstm_config(nn.Linear(3, 4))


def test_invalid_settings_are_refused_as_torch_refuses_them():
    settings = SimpleNamespace(input_size=10, hidden_size=6, num_layers=2, bias=True,
                               batch_first=False, bidirectional=False, proj_size=6)
    with pytest.raises(ValueError, match="proj_size must be smaller than hidden_size"):
        lstm_shapes(settings, 5, 2)
    with pytest.raises(ValueError):
        nn.LSTM(10, 6, 2, proj_size=6)


@given(lstm_kwargs(), seq_lens, st.integers(2, 4))
def test_axis_names_name_every_axis_of_a_real_call(kwargs, seq_len, batch):
    lstm = nn.LSTM(**kwargs)
    seq_len += 4  # 5..9, never equal to batch (2..4): each name must land on its own size
    for batched in (True, False):
        shapes = run(lstm, lstm_shapes(lstm, seq_len, batch if batched else None))
        names = axis_names(lstm, batched)
        assert names.keys() == shapes.keys()
        for name, shape in shapes.items():
            sizes = dict(zip(names[name], shape, strict=True))
            assert sizes.get("batch", batch) == batch
            assert sizes.get("seq_len", seq_len) == seq_len
            assert ("batch" in sizes) == batched


def test_named_shape_writes_each_axis_with_its_name():
    lstm = nn.LSTM(10, 3, 2, bidirectional=True)
    names, shapes = axis_names(lstm), lstm_shapes(lstm, 5, 2)
    assert named_shape(names["output"], shapes["output"]) == "(seq_len=5, batch=2, D*H_out=6)"
    assert named_shape(names["c_n"], shapes["c_n"]) == "(D*num_layers=4, batch=2, hidden_size=3)"
    with pytest.raises(ValueError, match="one name per axis"):
        named_shape(("seq_len",), (5, 2))


@pytest.mark.parametrize("module", [nn.GRU(3, 4), nn.RNN(3, 4), nn.Linear(3, 4)])
@pytest.mark.parametrize("function", [parameter_count, parameter_shapes, lstm_config])
def test_non_lstm_modules_are_refused_by_name(module: nn.Module, function: Callable) -> None:
    with pytest.raises(TypeError, match=rf"{function.__name__} needs an nn.LSTM, got "
                                        rf"nn.{type(module).__name__}"):
        function(module)
