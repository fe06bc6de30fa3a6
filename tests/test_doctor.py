"""lstm_course.doctor against torch itself: no message exactly when nn.LSTM accepts the call."""

import warnings
from types import SimpleNamespace
from unittest import mock

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import lstm_kwargs
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pack_sequence

from lstm_course.doctor import diagnose, explain

# What a drawn call can get wrong; a call carries none, one or two of these mistakes.
MISTAKES = ("input rank", "features", "empty sequence", "leading axes swapped", "input dtype",
            "hx form", "states transposed", "h_0 rank", "h_0 layers", "h_0 batch", "h_0 size",
            "h_0 dtype", "c_0 rank", "c_0 layers", "c_0 batch", "c_0 size", "c_0 dtype")
DTYPES = (torch.float32, torch.float64, torch.int64)


@st.composite
def lstm_calls(draw: st.DrawFn) -> tuple[nn.LSTM, torch.Tensor | PackedSequence, object]:
    """``(lstm, input, hx)``: a valid call of a small LSTM, then up to two deliberate mistakes."""
    kwargs = draw(lstm_kwargs(max_size=4))
    lstm = nn.LSTM(**kwargs).to(draw(st.sampled_from([torch.float32, torch.float64])))
    dtype = lstm.weight_ih_l0.dtype
    mistakes = set(draw(st.lists(st.sampled_from(MISTAKES), max_size=2)))
    form = draw(st.sampled_from(["batched", "unbatched", "packed"]))

    def wrong(value: int) -> int:  # a size that is usually, not always, different
        return draw(st.integers(0, 5).filter(lambda size: size != value or draw(st.booleans())))

    def dtype_for(name: str) -> torch.dtype:
        return draw(st.sampled_from(DTYPES)) if name in mistakes else dtype

    features = wrong(lstm.input_size) if "features" in mistakes else lstm.input_size
    layers = lstm.num_layers * (2 if lstm.bidirectional else 1)
    if form == "packed":
        lengths = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
        sequences = [torch.zeros(length, max(features, 1), dtype=dtype_for("input dtype"))
                     for length in lengths]
        if draw(st.booleans()):  # packed in sorted order: no sorting indices
            sequences.sort(key=len, reverse=True)
            input = pack_sequence(sequences)
        else:
            input = pack_sequence(sequences, enforce_sorted=False)
        batch, other = len(lengths), None
    else:
        seq_len = 0 if "empty sequence" in mistakes else draw(st.integers(1, 3))
        batch = draw(st.integers(0, 3)) if form == "batched" else None
        if batch is None:
            shape, other = [seq_len, features], None
        else:
            shape = [batch, seq_len, features] if lstm.batch_first else [seq_len, batch, features]
            other = seq_len
            if "leading axes swapped" in mistakes:
                shape[0], shape[1] = shape[1], shape[0]
        if "input rank" in mistakes:
            if draw(st.booleans()) and shape:
                del shape[draw(st.integers(0, len(shape) - 1))]
            else:
                shape.insert(draw(st.integers(0, len(shape))), draw(st.integers(1, 2)))
        input = torch.zeros(shape, dtype=dtype_for("input dtype"))

    def state(name: str, size: int) -> torch.Tensor:
        shape = [layers, size] if batch is None else [layers, batch, size]
        if f"{name} layers" in mistakes:
            shape[0] = wrong(layers)
        if f"{name} batch" in mistakes and batch is not None:
            shape[1] = draw(st.sampled_from([other if other is not None else batch + 1,
                                             wrong(batch)]))
        if f"{name} size" in mistakes:
            shape[-1] = draw(st.sampled_from([lstm.hidden_size, lstm.proj_size,
                                              wrong(shape[-1])]))
        if f"{name} rank" in mistakes:
            shape = shape[:1] + shape[2:] if len(shape) == 3 else shape[:1] + [1] + shape[1:]
        if "states transposed" in mistakes and len(shape) == 3:
            shape[0], shape[1] = shape[1], shape[0]
        return torch.zeros(shape, dtype=dtype_for(f"{name} dtype"))

    h_out = lstm.proj_size or lstm.hidden_size
    h_0, c_0 = state("h_0", h_out), state("c_0", lstm.hidden_size)
    if "hx form" in mistakes:
        stacked = torch.stack([h_0, c_0]) if h_0.shape == c_0.shape else h_0
        hx = draw(st.sampled_from([h_0, stacked, (h_0,), (h_0, c_0, c_0), (h_0, None),
                                   [h_0, c_0]]))
    else:
        hx = draw(st.sampled_from([None, (h_0, c_0)]))
    return lstm, input, hx


def torch_accepts(lstm: nn.LSTM, input: torch.Tensor | PackedSequence, hx: object) -> bool:
    """Whether ``nn.LSTM`` accepts the call, by torch's own rules.

    For packed input torch 2.13's forward skips its argument check (pytorch#195803), so
    some wrong packed calls run on misread memory; torch's own validator,
    ``check_forward_args``, decides those first (and keeps them from running).
    """
    try:
        if isinstance(input, PackedSequence):
            if hx is None:
                lstm.check_input(input.data, input.batch_sizes)
            else:
                lstm.check_forward_args(input.data, hx, input.batch_sizes)
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # proj_size's oneDNN notice
            lstm(input, hx)
    except Exception:
        return False
    return True


def dtypes_of_call(input: torch.Tensor | PackedSequence, hx: object) -> set[torch.dtype]:
    tensors = [input.data if isinstance(input, PackedSequence) else input]
    if isinstance(hx, (tuple, list)):
        tensors += [state for state in hx if isinstance(state, torch.Tensor)]
    return {tensor.dtype for tensor in tensors if isinstance(tensor, torch.Tensor)}


@settings(max_examples=800)
@given(lstm_calls())
def test_no_message_exactly_when_torch_accepts_the_call(call):
    lstm, input, hx = call
    problems = diagnose(lstm, input, hx)
    if dtypes_of_call(input, hx) != {lstm.weight_ih_l0.dtype}:
        assert problems, "a dtype mix must always be reported"
    else:
        assert (problems == []) == torch_accepts(lstm, input, hx), problems


@given(lstm_calls())
def test_the_doctor_never_runs_the_module(call):
    lstm, input, hx = call
    with mock.patch.object(nn.LSTM, "forward", side_effect=AssertionError("forward ran")):
        diagnose(lstm, input, hx)


def test_a_look_alike_with_the_settings_is_diagnosed():
    settings_only = SimpleNamespace(input_size=10, hidden_size=6, num_layers=2, bias=True,
                                    batch_first=False, bidirectional=False, proj_size=0)
    x = torch.zeros(5, 2, 10)
    assert diagnose(settings_only, x, (torch.zeros(2, 2, 6), torch.zeros(2, 2, 6))) == []
    [message] = diagnose(settings_only, x, (torch.zeros(2, 2, 6).double(), torch.zeros(2, 2, 6)))
    assert "h_0 is torch.float64, but the input is torch.float32" in message


# One named call per mistake class: the message says what was expected, what was given and
# the fix. Every call here is also rejected by torch (or is a dtype mix).
LSTM = nn.LSTM(10, 6, 2)
X = torch.zeros(5, 2, 10)
H = torch.zeros(2, 2, 6)
MESSAGES = {
    "rank": (LSTM, torch.zeros(5, 2, 10, 1), None,
             ["input has 4 axes, shape (5, 2, 10, 1)", "expected 3 axes (seq_len, batch, "
              "input_size)", "x.squeeze(3)"]),
    "one time step": (LSTM, torch.zeros(10), None, ["input has 1 axis", "x.view(1, -1)"]),
    "feature size": (LSTM, torch.zeros(5, 2, 8), None,
                     ["8 features per time step", "input_size=10", "expected (seq_len, batch, "
                      "input_size=10), got (5, 2, 8)", "input_size=8"]),
    "sequence and feature axes swapped": (LSTM, torch.zeros(10, 2, 5), None,
                                          ["Size 10 sits on axis 0", "x.movedim(0, -1)"]),
    "missing feature axis": (nn.LSTM(1, 4), torch.zeros(3, 7), None,
                             ["without a feature axis", "x.unsqueeze(-1)"]),
    "empty sequence": (LSTM, torch.zeros(0, 2, 10), None,
                       ["seq_len=0", "at least one time step"]),
    "layers x directions": (nn.LSTM(10, 6, 2, bidirectional=True), X, (H, H),
                            ["h_0 and c_0 have 2 entries on axis 0", "D*num_layers = 2*2 = 4",
                             "separate state for each direction"]),
    "states batch first": (nn.LSTM(10, 6, 3, batch_first=True), torch.zeros(2, 5, 10),
                           (torch.zeros(2, 3, 6), torch.zeros(2, 3, 6)),
                           ["the batch on axis 0", "h_0 (D*num_layers=3, batch=2, H_out=6)",
                            "even with batch_first=True", "h_0.transpose(0, 1)"]),
    "h_0 alone": (LSTM, X, H, ["single tensor of shape (2, 2, 6)", "the pair (h_0, c_0)",
                               "lstm(x, (h_0, c_0))"]),
    "pair of the wrong length": (LSTM, X, (H, H, H),
                                 ["hx holds 3 items", "expected exactly two, (h_0, c_0)"]),
    "h_0 sized hidden_size with proj_size": (nn.LSTM(10, 6, 2, proj_size=3), X, (H, H),
                                             ["h_0's last axis is hidden_size=6",
                                              "proj_size=3", "only c_0 keeps hidden_size"]),
    "c_0 sized proj_size": (nn.LSTM(10, 6, 2, proj_size=3), X,
                            (torch.zeros(2, 2, 3), torch.zeros(2, 2, 3)),
                            ["c_0's last axis is proj_size=3", "expected hidden_size=6"]),
    "batch differs": (LSTM, torch.zeros(5, 3, 10), (H, H),
                      ["sized for a batch of 2", "the input has a batch of 3", "x.size(1)"]),
    "layout for the other batch_first": (LSTM, torch.zeros(2, 5, 10),
                                         (H, H), ["looks laid out for batch_first=True",
                                                  "(seq_len=2, batch=5, input_size=10)",
                                                  "x.transpose(0, 1)"]),
    "unbatched input, batched states": (LSTM, torch.zeros(5, 10), (H, H),
                                        ["h_0 and c_0 have 3 axes: expected 2 axes",
                                         "h_0 (D*num_layers=2, H_out=6)", "unbatched"]),
    "batched input, unbatched states": (LSTM, X, (H[:, 0], H[:, 0]),
                                        ["have 2 axes: expected 3 axes", "batched"]),
    "input dtype": (LSTM, X.double(), None,
                    ["input is torch.float64, but the LSTM's parameters are torch.float32",
                     "x.to(torch.float32)", "NumPy"]),
    "state dtype": (nn.LSTM(10, 6, 2).double(), X.double(), (H.double(), H),
                    ["c_0 is torch.float32", "torch.float64", "c_0.to(torch.float64)"]),
    "token ids": (LSTM, X.long(), None, ["torch.int64", "nn.Embedding"]),
    "not a tensor": (LSTM, [[0.0] * 10], None, ["input must be a torch.Tensor", "list"]),
    "packed feature size": (LSTM, pack_sequence([torch.zeros(3, 9)]), None,
                            ["packed input has 9 features", "input_size=10"]),
}


@pytest.mark.parametrize("name", MESSAGES)
def test_each_mistake_gets_one_clear_message(name):
    lstm, input, hx, fragments = MESSAGES[name]
    [message] = diagnose(lstm, input, hx)
    for fragment in fragments:
        assert fragment in message
    if dtypes_of_call(input, hx) <= {lstm.weight_ih_l0.dtype}:
        assert not torch_accepts(lstm, input, hx)


def test_several_mistakes_get_one_message_each():
    problems = diagnose(LSTM, torch.zeros(5, 2, 8), (torch.zeros(3, 2, 6), H.double()))
    assert len(problems) == 3
    assert [p.split(" ")[0] for p in problems] == ["input", "h_0", "c_0"]


def test_a_device_mismatch_is_reported():
    [message] = diagnose(LSTM, torch.zeros(5, 2, 10, device="meta"))
    assert "input is on meta, but the LSTM's parameters are on cpu" in message
    assert not torch_accepts(LSTM, torch.zeros(5, 2, 10, device="meta"), None)


def test_explain_prints_the_shapes_of_a_valid_call(capsys):
    explain(nn.LSTM(10, 6, 2, bidirectional=True), X)
    assert capsys.readouterr().out.splitlines() == [
        "✓ this call is valid; it returns",
        "  output             (seq_len=5, batch=2, D*H_out=12)",
        "  h_n                (D*num_layers=4, batch=2, H_out=6)",
        "  c_n                (D*num_layers=4, batch=2, hidden_size=6)",
    ]


def test_explain_gives_the_packed_output_data_and_batch_sizes(capsys):
    packed = pack_sequence([torch.zeros(4, 10), torch.zeros(2, 10)])
    explain(nn.LSTM(10, 6, proj_size=3), packed)
    out = capsys.readouterr().out
    assert "output.data        (sum of lengths=6, D*H_out=3)" in out
    assert "output.batch_sizes [2, 2, 1, 1]" in out
    output, (h_n, _) = nn.LSTM(10, 6, proj_size=3)(packed)
    assert tuple(output.data.shape) == (6, 3) and output.batch_sizes.tolist() == [2, 2, 1, 1]
    assert "h_n                (D*num_layers=1, batch=2, H_out=3)" in out


def test_explain_numbers_the_problems(capsys):
    explain(LSTM, torch.zeros(5, 2, 8), (torch.zeros(3, 2, 6), H))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "✗ this call has 2 problems:"
    assert lines[1].startswith("  1. input has 8 features")
    assert any(line.startswith("  2. h_0 has 3 entries on axis 0") for line in lines)


def test_an_object_that_is_not_an_lstm_is_a_clear_error():
    with pytest.raises(TypeError, match="diagnose needs an nn.LSTM, got nn.Linear"):
        diagnose(nn.Linear(3, 4), X)


@pytest.mark.parametrize("module", [nn.GRU(3, 4), nn.RNN(3, 4)])
def test_doctor_refuses_a_gru_or_rnn_by_name(module: nn.Module) -> None:
    kind = type(module).__name__
    with pytest.raises(TypeError, match=rf"diagnose needs an nn.LSTM, got nn.{kind}"):
        diagnose(module, torch.zeros(5, 2, 3))
    with pytest.raises(TypeError, match=rf"explain needs an nn.LSTM, got nn.{kind}"):
        explain(module, torch.zeros(5, 2, 3))
