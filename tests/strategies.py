"""Hypothesis strategies shared by the tests: LSTM configurations and call sizes."""

from hypothesis import strategies as st


@st.composite
def lstm_kwargs(draw: st.DrawFn, max_size: int = 6) -> dict:
    """Constructor arguments for a small ``nn.LSTM``, every option included."""
    hidden_size = draw(st.integers(1, max_size))
    return {
        "input_size": draw(st.integers(1, max_size)),
        "hidden_size": hidden_size,
        "num_layers": draw(st.integers(1, 3)),
        "bias": draw(st.booleans()),
        "batch_first": draw(st.booleans()),
        "bidirectional": draw(st.booleans()),
        "proj_size": draw(st.integers(0, hidden_size - 1)),
    }


seq_lens = st.integers(1, 5)
batches = st.one_of(st.none(), st.integers(0, 4))  # None: unbatched input


# Lengths of the sequences in one padded batch (each at least 1).
sequence_lengths = st.lists(st.integers(1, 5), min_size=1, max_size=4)
