"""lstm_course.viz.packing: the PackedSequence layout, as torch itself packs it."""

import matplotlib.pyplot as plt

from lstm_course.viz import plot_packed_batch


def test_packed_batch_figure_shows_torchs_layout():
    lengths = [5, 3, 4, 2]
    fig = plot_packed_batch(lengths)
    ax = fig.axes[0]
    assert "batch_sizes = [4, 4, 3, 2, 1]" in ax.get_title()
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "sequence 0 (length 5)", "sequence 2 (length 4)", "sequence 1 (length 3)",
        "sequence 3 (length 2)"]
    labels = sorted(int(text.get_text()) for text in ax.texts)
    assert labels == list(range(sum(lengths)))  # every row of data, once
    assert ax.get_ylabel() == "sequence, longest first" and "batch_sizes[t]" in ax.get_xlabel()
    assert fig.axes[1].get_ylabel() == "row of packed.data"
    plt.close(fig)


def test_no_sequences_or_too_many_steps_are_refused_in_words():
    import pytest

    with pytest.raises(ValueError, match="draws 1 to 40 sequences of at most 60 steps"):
        plot_packed_batch([])
    with pytest.raises(ValueError, match="draws 1 to 40 sequences of at most 60 steps"):
        plot_packed_batch([10**6])
