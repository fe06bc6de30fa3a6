"""lstm_course.sequences against torch's padding and packing and per-sequence runs."""

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from strategies import sequence_lengths
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

from lstm_course.sequences import last_valid, length_mask

pytestmark = pytest.mark.usefixtures("one_thread")  # see conftest.py


def packed_run(lstm, lengths, batch_first):
    """A padded batch of ``lengths``, ``lstm`` run on it packed; the padded output and h_n."""
    sequences = [torch.randn(n, lstm.input_size, dtype=torch.float64) for n in lengths]
    padded = pad_sequence(sequences, batch_first=batch_first)
    packed = pack_padded_sequence(padded, lengths, batch_first=batch_first,
                                  enforce_sorted=False)
    with torch.no_grad():
        packed_output, (h_n, _) = lstm(packed)
    output, _ = pad_packed_sequence(packed_output, batch_first=batch_first)
    return sequences, output, h_n


@given(lengths=sequence_lengths, batch_first=st.booleans(), bidirectional=st.booleans(),
       num_layers=st.integers(1, 2))


def test_last_valid_against_packed_h_n_and_per_sequence_runs(lengths, batch_first,
                                                             bidirectional, num_layers):
    torch.manual_seed(0)
    lstm = nn.LSTM(3, 4, num_layers, batch_first=batch_first,
                   bidirectional=bidirectional).double()
    sequences, output, h_n = packed_run(lstm, lengths, batch_first)
    last = last_valid(output, lengths, batch_first=batch_first)
    assert last.shape == (len(lengths), output.shape[-1])
    H = lstm.hidden_size
    forward_final = h_n[-2] if bidirectional else h_n[-1]
    torch.testing.assert_close(last[:, :H], forward_final)  # the forward direction's summary
    for b, sequence in enumerate(sequences):
        with torch.no_grad():
            alone, _ = lstm(sequence)  # unbatched: (length, D * H)
        torch.testing.assert_close(last[b], alone[-1])
    if bidirectional:  # the backward summary is at time step 0, not at the last step
        first = output[:, 0] if batch_first else output[0]
        torch.testing.assert_close(first[:, H:], h_n[-1])


@given(lengths=sequence_lengths, batch_first=st.booleans(), extra=st.integers(0, 2))


def test_length_mask_marks_what_pad_sequence_pads(lengths, batch_first, extra):
    ones = pad_sequence([torch.ones(n) for n in lengths], batch_first=batch_first)
    assert torch.equal(length_mask(lengths, batch_first=batch_first), ones.bool())
    assert torch.equal(length_mask(torch.tensor(lengths), batch_first=batch_first), ones.bool())
    # With a longer max_len, as pad_packed_sequence(total_length=...) pads.
    total = max(lengths) + extra
    packed = pack_padded_sequence(ones.unsqueeze(-1), lengths, batch_first=batch_first,
                                  enforce_sorted=False)
    longer, _ = pad_packed_sequence(packed, batch_first=batch_first, total_length=total)
    mask = length_mask(lengths, total, batch_first=batch_first)
    assert mask.dtype == torch.bool and torch.equal(mask, longer.squeeze(-1).bool())


def test_output_minus_one_is_padding_but_last_valid_is_not():
    torch.manual_seed(0)
    lstm = nn.LSTM(3, 4).double()
    _, output, h_n = packed_run(lstm, [5, 2, 4], batch_first=False)
    assert torch.equal(output[-1, 1], torch.zeros(4))  # sequence 1 ended at step 1
    torch.testing.assert_close(last_valid(output, [5, 2, 4]), h_n[-1])


@pytest.mark.parametrize("call, error, words", [
    (lambda: length_mask([3, 0, 2]), ValueError, "every length must be at least 1"),
    (lambda: length_mask([3, 4], max_len=3), ValueError, "length of 4 does not fit"),
    (lambda: length_mask([2.0, 3.0]), TypeError, "list of ints"),
    (lambda: length_mask(torch.tensor([[2, 3]])), TypeError, "1-D integer tensor"),
    (lambda: last_valid(torch.zeros(4, 2, 3), [4, 5]), ValueError, "length of 5 does not fit"),
    (lambda: last_valid(torch.zeros(4, 2, 3), [4, 2, 1]), ValueError,
     "3 lengths for a batch of 2"),
    (lambda: last_valid(torch.zeros(2, 4, 3), [4, 4]), ValueError, "batch_first is right"),
    (lambda: last_valid(torch.zeros(4, 3), [4]), ValueError,
     r"padded batch \(seq_len, batch, features\)"),
    (lambda: last_valid(pack_padded_sequence(torch.zeros(4, 2, 3), [4, 2]), [4, 2]), TypeError,
     "pad_packed_sequence"),
])


def test_wrong_lengths_and_outputs_are_clear_errors(call, error, words):
    with pytest.raises(error, match=words):
        call()
