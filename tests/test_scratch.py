"""lstm_course.scratch against torch.nn.LSTM and nn.LSTMCell: outputs, states, gradients."""

import warnings

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import batches, lstm_kwargs, seq_lens, sequence_lengths
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from lstm_course.scratch import LSTMStep, ScratchLSTM, lstm_step
from lstm_course.shapes import lstm_shapes

DTYPES = st.sampled_from([torch.float32, torch.float64])


pytestmark = pytest.mark.usefixtures("one_thread")  # see conftest.py


def quiet(function, *args, **kwargs):
    """Call ``function`` hiding torch's notices (proj_size and oneDNN, dropout with one layer)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


def assert_same_values(got, expected, dtype):
    """Outputs and states: assert_close defaults in float32, 1e-10 in float64."""
    if dtype == torch.float64:
        torch.testing.assert_close(got, expected, rtol=1e-10, atol=1e-10)
    else:
        torch.testing.assert_close(got, expected)


def assert_same_gradient(got, expected, dtype):
    """Gradients: 1e-10 in float64; in float32 1e-4 scaled to the gradient's magnitude."""
    if dtype == torch.float64:
        torch.testing.assert_close(got, expected, rtol=1e-10, atol=1e-10)
    else:
        scale = max(1.0, float(expected.abs().max())) if expected.numel() else 1.0
        torch.testing.assert_close(got, expected, rtol=1e-4, atol=1e-4 * scale)


def make_pair(kwargs, dtype, seed=0):
    """An ``nn.LSTM`` and its ``ScratchLSTM`` copy, in ``dtype``."""
    torch.manual_seed(seed)
    lstm = quiet(nn.LSTM, **kwargs).to(dtype)
    return lstm, quiet(ScratchLSTM.from_torch, lstm)


def make_call(lstm, seq_len, batch, with_hx, dtype):
    """An input and (maybe) an initial state for ``lstm``, requiring gradients."""
    shapes = lstm_shapes(lstm, seq_len, batch)
    x = torch.randn(shapes["input"], dtype=dtype, requires_grad=True)
    if not with_hx:
        return x, None
    hx = [torch.randn(shapes[name], dtype=dtype, requires_grad=True) for name in ("h_0", "c_0")]
    return x, hx


def run_with_gradients(module, x, hx, seed, weights):
    """Forward under ``seed`` (dropout draws), then backward of a weighted sum of the results."""
    x = x.detach().requires_grad_()
    hx = None if hx is None else [state.detach().requires_grad_() for state in hx]
    torch.manual_seed(seed)
    output, (h_n, c_n) = quiet(module, x, hx)
    loss = sum((result * weight).sum()
               for result, weight in zip((output, h_n, c_n), weights, strict=True))
    module.zero_grad()
    loss.backward()
    grads = {"input": x.grad} | {name: p.grad for name, p in module.named_parameters()}
    if hx is not None:
        grads |= {"h_0": hx[0].grad, "c_0": hx[1].grad}
    return (output.detach(), h_n.detach(), c_n.detach()), grads


@settings(max_examples=300)
@given(kwargs=lstm_kwargs(), dropout=st.sampled_from([0.0, 0.0, 0.4, 1.0]), dtype=DTYPES,
       seq_len=seq_lens, batch=batches, with_hx=st.booleans(), training=st.booleans())
def test_scratch_equals_nn_lstm_outputs_states_and_gradients(kwargs, dropout, dtype, seq_len,
                                                             batch, with_hx, training):
    lstm, scratch = make_pair(kwargs | {"dropout": dropout}, dtype)
    lstm.train(training)
    scratch.train(training)
    x, hx = make_call(lstm, seq_len, batch, with_hx, dtype)
    shapes = lstm_shapes(lstm, seq_len, batch)
    weights = [torch.randn(shapes[name], dtype=dtype) for name in ("output", "h_n", "c_n")]

    expected, expected_grads = run_with_gradients(lstm, x, hx, 1, weights)
    got, got_grads = run_with_gradients(scratch, x, hx, 1, weights)

    for name, g, e in zip(("output", "h_n", "c_n"), got, expected, strict=True):
        assert g.shape == e.shape == shapes[name]
        assert_same_values(g, e, dtype)
    assert got_grads.keys() == expected_grads.keys()
    for name, e in expected_grads.items():
        assert_same_gradient(got_grads[name], e, dtype)


def test_dropout_is_reproduced_not_skipped():
    lstm, scratch = make_pair({"input_size": 3, "hidden_size": 4, "num_layers": 3,
                               "dropout": 0.5, "bidirectional": True}, torch.float64)
    x = torch.randn(6, 2, 3, dtype=torch.float64)
    outputs = {}
    for training in (False, True):
        for module in (lstm, scratch):
            module.train(training)
            torch.manual_seed(7)
            outputs[type(module).__name__, training] = module(x)[0].detach()
    assert not torch.allclose(outputs["LSTM", True], outputs["LSTM", False])
    torch.testing.assert_close(outputs["ScratchLSTM", True], outputs["LSTM", True])
    torch.testing.assert_close(outputs["ScratchLSTM", False], outputs["LSTM", False])


@given(kwargs=lstm_kwargs())
def test_parameters_have_nn_lstms_names_shapes_and_order(kwargs):
    lstm, scratch = make_pair(kwargs, torch.float32)
    assert [(n, p.shape) for n, p in scratch.named_parameters()] == \
           [(n, p.shape) for n, p in lstm.named_parameters()]
    assert repr(scratch) == "Scratch" + repr(lstm)
    lstm.load_state_dict(ScratchLSTM(**kwargs).state_dict())  # and back the other way


@given(kwargs=lstm_kwargs(), seq_len=seq_lens, batch=batches)
def test_lstm_shapes_reads_a_scratch_lstm(kwargs, seq_len, batch):
    lstm, scratch = make_pair(kwargs, torch.float32)
    assert lstm_shapes(scratch, seq_len, batch) == lstm_shapes(lstm, seq_len, batch)
    output, (h_n, c_n) = scratch(torch.zeros(lstm_shapes(scratch, seq_len, batch)["input"]))
    shapes = lstm_shapes(scratch, seq_len, batch)
    assert (output.shape, h_n.shape, c_n.shape) == (shapes["output"], shapes["h_n"],
                                                    shapes["c_n"])


def test_a_fresh_scratch_lstm_is_initialised_like_nn_lstm():
    torch.manual_seed(0)
    lstm = nn.LSTM(4, 9, 2)
    torch.manual_seed(0)
    scratch = ScratchLSTM(4, 9, 2)
    for (name, expected), got in zip(lstm.named_parameters(), scratch.parameters(), strict=True):
        assert torch.equal(got, expected), name


def test_from_torch_copies_configuration_dtype_mode_and_weights():
    lstm = nn.LSTM(3, 5, 2, batch_first=True, dropout=0.25, bidirectional=True,
                   proj_size=2).double().eval()
    scratch = ScratchLSTM.from_torch(lstm)
    settings_ = ("input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout",
                 "bidirectional", "proj_size", "training")
    assert all(getattr(scratch, name) == getattr(lstm, name) for name in settings_)
    assert scratch.weight_ih_l1_reverse.dtype == torch.float64
    before = lstm.weight_hh_l0.detach().clone()
    with torch.no_grad():
        scratch.weight_hh_l0.add_(1.0)
    assert torch.equal(lstm.weight_hh_l0, before), "from_torch must copy, not share"


@given(input_size=st.integers(1, 6), hidden_size=st.integers(1, 6), bias=st.booleans(),
       batch=st.one_of(st.none(), st.integers(1, 4)), dtype=DTYPES)
def test_lstm_step_equals_lstm_cell(input_size, hidden_size, bias, batch, dtype):
    torch.manual_seed(0)
    cell = nn.LSTMCell(input_size, hidden_size, bias=bias).to(dtype)
    leading = () if batch is None else (batch,)
    x = torch.randn(*leading, input_size, dtype=dtype)
    h, c = (torch.randn(*leading, hidden_size, dtype=dtype) for _ in range(2))
    expected_h, expected_c = cell(x, (h, c))
    step = lstm_step(x, h, c, cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    assert isinstance(step, LSTMStep) and step._fields == ("i", "f", "g", "o", "c", "h")
    assert_same_values(step.h, expected_h, dtype)
    assert_same_values(step.c, expected_c, dtype)
    for gate in (step.i, step.f, step.o):
        assert gate.shape == expected_c.shape and ((gate >= 0) & (gate <= 1)).all()


@given(input_size=st.integers(1, 6), hidden_size=st.integers(2, 6), data=st.data(),
       bias=st.booleans(), batched=st.booleans(), dtype=DTYPES)
def test_lstm_step_with_projection_equals_one_step_of_nn_lstm(input_size, hidden_size, data,
                                                              bias, batched, dtype):
    proj_size = data.draw(st.integers(1, hidden_size - 1))
    torch.manual_seed(0)
    lstm = nn.LSTM(input_size, hidden_size, bias=bias, proj_size=proj_size).to(dtype)
    shapes = lstm_shapes(lstm, 1, 3 if batched else None)
    x = torch.randn(shapes["input"], dtype=dtype)
    h, c = torch.randn(shapes["h_0"], dtype=dtype), torch.randn(shapes["c_0"], dtype=dtype)
    _, (h_n, c_n) = quiet(lstm, x, (h, c))
    params = dict(lstm.named_parameters())
    step = lstm_step(x[0], h[0], c[0], params["weight_ih_l0"], params["weight_hh_l0"],
                     params.get("bias_ih_l0"), params.get("bias_hh_l0"), params["weight_hr_l0"])
    assert_same_values(step.h, h_n[0], dtype)
    assert_same_values(step.c, c_n[0], dtype)


@settings(max_examples=150)
@given(kwargs=lstm_kwargs(), seq_len=seq_lens, batch=batches, dtype=DTYPES)
def test_returned_gates_are_lstm_steps_in_input_time_order(kwargs, seq_len, batch, dtype):
    _, scratch = make_pair(kwargs, dtype)
    shapes = lstm_shapes(scratch, seq_len, batch)
    x = torch.randn(shapes["input"], dtype=dtype)
    h_0, c_0 = torch.randn(shapes["h_0"], dtype=dtype), torch.randn(shapes["c_0"], dtype=dtype)
    with torch.no_grad():
        output, (h_n, c_n) = scratch(x, (h_0, c_0))
        gates = scratch.gates(x, (h_0, c_0))
    if batch is None:  # give everything a batch axis of 1; gates must not have one
        assert all(field.shape[:1] == (seq_len,) and field.dim() == 2
                   for record in gates for field in record)
        x, output, h_0, c_0, h_n, c_n = (t.unsqueeze(1) for t in (x, output, h_0, c_0, h_n, c_n))
        gates = [LSTMStep(*(field.unsqueeze(1) for field in record)) for record in gates]
    elif scratch.batch_first:
        x, output = x.transpose(0, 1), output.transpose(0, 1)

    directions = 2 if scratch.bidirectional else 1
    assert len(gates) == scratch.num_layers * directions
    layer_input = x
    for layer in range(scratch.num_layers):
        for direction in range(directions):
            k = layer * directions + direction
            record, weights = gates[k], scratch.weights(layer, direction)
            assert record.i.shape[:2] == (seq_len, x.shape[1])
            for t in range(seq_len):
                before = t - 1 if direction == 0 else t + 1  # the step this one follows
                h, c = ((h_0[k], c_0[k]) if not 0 <= before < seq_len
                        else (record.h[before], record.c[before]))
                expected = lstm_step(layer_input[t], h, c, **weights)
                for field, value in zip(LSTMStep._fields, expected, strict=True):
                    torch.testing.assert_close(getattr(record, field)[t], value)
            last = seq_len - 1 if direction == 0 else 0
            assert torch.equal(record.h[last], h_n[k]) and torch.equal(record.c[last], c_n[k])
        layer_input = torch.cat([gates[layer * directions + d].h for d in range(directions)], -1)
    assert torch.equal(layer_input, output)


def test_gates_shapes_do_not_follow_batch_first():
    scratch = ScratchLSTM(3, 4, batch_first=True)
    gates = scratch.gates(torch.randn(2, 5, 3))  # (N=2, L=5, H_in)
    assert gates[0].f.shape == (5, 2, 4)
    gates = scratch.gates(torch.randn(5, 3))  # unbatched
    assert gates[0].f.shape == (5, 4)


def test_gates_of_packed_input_is_a_value_error():
    packed = pack_padded_sequence(torch.randn(3, 2, 2), [3, 2])
    with pytest.raises(ValueError, match="gates needs a padded tensor"):
        ScratchLSTM(2, 3).gates(packed)


def test_forward_returns_exactly_what_nn_lstm_returns():
    lstm, scratch = make_pair({"input_size": 3, "hidden_size": 4}, torch.float32)
    for x in (torch.randn(5, 2, 3), torch.randn(5, 3),
              pack_padded_sequence(torch.randn(3, 2, 3), [3, 2])):
        expected, got = lstm(x), scratch(x)
        assert type(got) is type(expected) and len(got) == len(expected) == 2
        assert type(got[0]) is type(expected[0])
        assert type(got[1]) is type(expected[1]) and len(got[1]) == 2


CONSTRUCTOR_CASES = [
    {}, {"bias": False}, {"bias": 1}, {"bias": None}, {"batch_first": "False"},
    {"batch_first": 0}, {"bidirectional": True}, {"bidirectional": 1}, {"dropout": True},
    {"dropout": 1.5}, {"dropout": -0.1}, {"dropout": 0.5, "num_layers": 2},
    {"proj_size": -1}, {"proj_size": 4}, {"proj_size": 2}, {"num_layers": 0},
    {"num_layers": 2.0}, {"input_size": 3.0}, {"input_size": "3"}, {"hidden_size": 0},
    {"dtype": torch.float64}, {"device": "cpu"}, {"device": "cpu", "dtype": torch.float16},
]


@pytest.mark.parametrize("changes", CONSTRUCTOR_CASES, ids=repr)
def test_constructor_accepts_and_refuses_what_nn_lstm_does(changes):
    kwargs = {"input_size": 3, "hidden_size": 4, **changes}
    outcomes = []
    for cls in (nn.LSTM, ScratchLSTM):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                module = cls(**kwargs)
        except (TypeError, ValueError) as err:
            outcomes.append(type(err))
        else:
            outcomes.append(module)
    expected, got = outcomes
    if isinstance(expected, type):
        assert got is expected, f"nn.LSTM raises {expected.__name__}, ScratchLSTM gave {got!r}"
        return
    assert isinstance(got, ScratchLSTM), f"nn.LSTM accepts {kwargs}, ScratchLSTM raised {got}"
    assert [(n, p.shape, p.dtype, p.device) for n, p in got.named_parameters()] == \
        [(n, p.shape, p.dtype, p.device) for n, p in expected.named_parameters()]


def test_hx_may_be_a_list_and_unbatched_calls_work():
    lstm, scratch = make_pair({"input_size": 3, "hidden_size": 4, "num_layers": 2},
                              torch.float64)
    x, hx = torch.randn(5, 3, dtype=torch.float64), [torch.randn(2, 4, dtype=torch.float64)] * 2
    expected, got = lstm(x, hx), scratch(x, hx)
    torch.testing.assert_close(got, expected)


LSTM = {"input_size": 3, "hidden_size": 4, "num_layers": 2}


@pytest.mark.parametrize("settings_, x, hx, error, words", [
    ({}, torch.zeros(3), None, ValueError,
     r"3-D \(seq_len, batch, input_size\) for a batch or 2-D"),
    ({"batch_first": True}, torch.zeros(1, 2, 3, 3), None, ValueError,
     r"3-D \(batch, seq_len, input_size\)"),
    ({}, torch.zeros(5, 2, 7), None, ValueError, "7 features per step .* input_size=3"),
    ({}, torch.zeros(0, 2, 3), None, ValueError, "no time steps"),
    ({}, torch.zeros(5, 2, 3, dtype=torch.float64), None, ValueError, "Convert one of them"),
    ({}, [[0.0, 1.0, 2.0]], None, TypeError, "must be a torch.Tensor"),
    ({}, torch.zeros(5, 2, 3), torch.zeros(2, 2, 4), TypeError, r"pair \(h_0, c_0\)"),
    ({}, torch.zeros(5, 2, 3), (torch.zeros(1, 2, 4),) * 2, ValueError,
     r"h_0 must have shape \(2, 2, 4\) = \(D\*num_layers, N, H_out\).*got \(1, 2, 4\)"),
    ({"proj_size": 2}, torch.zeros(5, 2, 3), (torch.zeros(2, 2, 2), torch.zeros(2, 2, 2)),
     ValueError, r"c_0 must have shape \(2, 2, 4\) = \(D\*num_layers, N, H_cell\)"),
    ({}, torch.zeros(5, 3), (torch.zeros(2, 1, 4),) * 2, ValueError,
     r"h_0 must have shape \(2, 4\) = \(D\*num_layers, H_out\) for one unbatched sequence"),
    ({}, torch.zeros(5, 2, 3), (torch.zeros(2, 2, 4, dtype=torch.float64),) * 2, ValueError,
     "h_0 is torch.float64 but the input is torch.float32"),
])
def test_wrong_calls_say_what_was_expected_and_how_to_fix_it(settings_, x, hx, error, words):
    with pytest.raises(error, match=words):
        ScratchLSTM(**LSTM | settings_)(x, hx)


@pytest.mark.parametrize("settings_, error, words", [
    ({"dropout": 1.5}, ValueError, "a number from 0 to 1"),
    ({"proj_size": 4}, ValueError, "proj_size must be smaller than hidden_size"),
    ({"hidden_size": 0}, ValueError, "hidden_size must be at least 1"),
    ({"num_layers": 2.0}, TypeError, "num_layers must be an int"),
])
def test_impossible_settings_are_refused(settings_, error, words):
    with pytest.raises(error, match=words):
        ScratchLSTM(**LSTM | settings_)


def test_dropout_with_one_layer_warns_as_nn_lstm_does():
    with pytest.warns(UserWarning, match="does nothing with num_layers=1"):
        ScratchLSTM(3, 4, dropout=0.5)


def test_lstm_step_names_a_size_mismatch():
    weights = nn.LSTMCell(3, 4)
    with pytest.raises(ValueError, match="x has 5 features .* weight_ih expects 3"):
        lstm_step(torch.zeros(2, 5), torch.zeros(2, 4), torch.zeros(2, 4),
                  weights.weight_ih, weights.weight_hh)
    with pytest.raises(ValueError, match="h has 6 features .* weight_hh expects 4"):
        lstm_step(torch.zeros(2, 3), torch.zeros(2, 6), torch.zeros(2, 4),
                  weights.weight_ih, weights.weight_hh)



# Packed input: ScratchLSTM walks batch_sizes as nn.LSTM does.

def run_packed(module, x, lengths, batch_first, enforce_sorted, hx, seed, weights):
    """Pack ``x``, call ``module`` under ``seed``, backward of a weighted sum; results, grads."""
    x = x.detach().requires_grad_()
    hx = None if hx is None else [state.detach().requires_grad_() for state in hx]
    packed = pack_padded_sequence(x, lengths, batch_first=batch_first,
                                  enforce_sorted=enforce_sorted)
    torch.manual_seed(seed)
    output, (h_n, c_n) = quiet(module, packed, hx)
    loss = sum((result * weight).sum()
               for result, weight in zip((output.data, h_n, c_n), weights, strict=True))
    module.zero_grad()
    loss.backward()
    grads = {"input": x.grad} | {name: p.grad for name, p in module.named_parameters()}
    if hx is not None:
        grads |= {"h_0": hx[0].grad, "c_0": hx[1].grad}
    return output, h_n.detach(), c_n.detach(), grads


@settings(max_examples=200)
@given(kwargs=lstm_kwargs(), lengths=sequence_lengths, sort=st.booleans(),
       dropout=st.sampled_from([0.0, 0.4]), dtype=DTYPES, with_hx=st.booleans(),
       training=st.booleans())
def test_packed_input_equals_nn_lstm(kwargs, lengths, sort, dropout, dtype, with_hx, training):
    lstm, scratch = make_pair(kwargs | {"dropout": dropout}, dtype)
    lstm.train(training)
    scratch.train(training)
    if sort:
        lengths = sorted(lengths, reverse=True)
    shapes = lstm_shapes(lstm, max(lengths), len(lengths))
    x = torch.randn(shapes["input"], dtype=dtype)
    hx = None if not with_hx else [torch.randn(shapes[name], dtype=dtype)
                                   for name in ("h_0", "c_0")]
    width = shapes["output"][-1]
    weights = [torch.randn(sum(lengths), width, dtype=dtype)] + [
        torch.randn(shapes[name], dtype=dtype) for name in ("h_n", "c_n")]
    call = (x, lengths, lstm.batch_first, sort, hx, 1, weights)

    expected, expected_h, expected_c, expected_grads = run_packed(lstm, *call)
    got, got_h, got_c, got_grads = run_packed(scratch, *call)

    assert isinstance(got, nn.utils.rnn.PackedSequence)
    assert torch.equal(got.batch_sizes, expected.batch_sizes)
    for name in ("sorted_indices", "unsorted_indices"):
        assert (getattr(got, name) is None) == (getattr(expected, name) is None)
        if getattr(got, name) is not None:
            assert torch.equal(getattr(got, name), getattr(expected, name))
    assert_same_values(got.data.detach(), expected.data.detach(), dtype)
    assert got_h.shape == expected_h.shape == shapes["h_n"]
    assert_same_values(got_h, expected_h, dtype)
    assert_same_values(got_c, expected_c, dtype)
    for name, e in expected_grads.items():
        assert_same_gradient(got_grads[name], e, dtype)


@settings(max_examples=100)
@given(kwargs=lstm_kwargs(), lengths=sequence_lengths)
def test_packed_states_are_each_sequences_own_final_states(kwargs, lengths):
    _, scratch = make_pair(kwargs, torch.float64)
    shapes = lstm_shapes(scratch, max(lengths), len(lengths))
    x = torch.randn(shapes["input"], dtype=torch.float64)
    with torch.no_grad():
        _, (h_n, c_n) = scratch(pack_padded_sequence(x, lengths, scratch.batch_first,
                                                     enforce_sorted=False))
        for b, length in enumerate(lengths):
            alone = x[b, :length] if scratch.batch_first else x[:length, b]  # unbatched
            _, (h_alone, c_alone) = scratch(alone)
            torch.testing.assert_close(h_n[:, b], h_alone, rtol=1e-10, atol=1e-10)
            torch.testing.assert_close(c_n[:, b], c_alone, rtol=1e-10, atol=1e-10)


def test_packed_input_with_a_wrong_state_or_size_is_a_clear_error():
    packed = pack_padded_sequence(torch.randn(4, 3, 2), [4, 2, 1])
    scratch = ScratchLSTM(2, 5)
    with pytest.raises(ValueError, match=r"h_0 must have shape \(1, 3, 5\) .* a batch of N=3"):
        scratch(packed, (torch.zeros(1, 2, 5), torch.zeros(1, 2, 5)))
    with pytest.raises(ValueError, match="input.data has 2 features per step"):
        ScratchLSTM(3, 5)(packed)


def test_lstm_step_names_a_whole_sequence_passed_as_one_step():
    weights = nn.LSTMCell(3, 4)
    with pytest.raises(ValueError, match=r"x is 3-D.*a whole sequence.*for x_t in x"):
        lstm_step(torch.zeros(5, 2, 3), torch.zeros(2, 4), torch.zeros(2, 4),
                  weights.weight_ih, weights.weight_hh)


@pytest.mark.parametrize(("changes", "error", "words"), [
    ({"x": [[0.0, 0.0, 0.0]]}, TypeError, "x must be a tensor shaped"),
    ({"x": torch.zeros(2, 3, dtype=torch.long)}, TypeError, r"x must hold floating-point"),
    ({"h": torch.zeros(2, 4).double()}, ValueError, "h is torch.float64 but weight_ih is"),
    ({"c": torch.zeros(2, 5)}, ValueError, "c has 5 features"),
    ({"h": torch.zeros(3, 4)}, ValueError, "same batch axis"),
    ({"bias_ih": torch.zeros(15)}, ValueError, r"bias_ih must be \(4\*H_cell,\)"),
    ({"weight_ih": None}, TypeError, "weight_ih must be a tensor shaped"),
])
def test_lstm_step_answers_each_wrong_argument_in_words(changes, error, words):
    cell = nn.LSTMCell(3, 4)
    kwargs = {"x": torch.zeros(2, 3), "h": torch.zeros(2, 4), "c": torch.zeros(2, 4),
              "weight_ih": cell.weight_ih, "weight_hh": cell.weight_hh,
              "bias_ih": cell.bias_ih, "bias_hh": cell.bias_hh} | changes
    with pytest.raises(error, match=words):
        lstm_step(**kwargs)


@pytest.mark.parametrize("module", [nn.GRU(3, 4), nn.RNN(3, 4)])
def test_from_torch_refuses_gru_and_rnn_by_name(module):
    with pytest.raises(TypeError, match=rf"needs an nn.LSTM, got nn.{type(module).__name__}"):
        ScratchLSTM.from_torch(module)


def test_oversized_scratch_lstms_and_bad_devices_are_refused():
    with pytest.raises(ValueError, match="more than the 100,000,000"):
        ScratchLSTM(3, 10**5)
    with pytest.raises(ValueError, match="num_layers=1000 is more than the 100 layers"):
        ScratchLSTM(3, 4, 1000)
    with pytest.raises(ValueError, match="device='gpu' and dtype=None cannot hold"):
        ScratchLSTM(3, 4, device="gpu")
