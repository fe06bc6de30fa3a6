"""lstm_course.data: the sunspot loader, sliding windows, the torch-source corpus, CharVocab."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from lstm_course.data import CharVocab, load_sunspots, sliding_windows, torch_source_corpus

# ---- load_sunspots ----------------------------------------------------------------------


def test_sunspots_are_309_years_with_known_values():
    years, values = load_sunspots()
    assert years.dtype == torch.int64 and values.dtype == torch.float32
    assert years.shape == values.shape == (309,)
    assert torch.equal(years, torch.arange(1700, 2009))
    # Spot checks against the published yearly series (statsmodels' sunspots.csv).
    assert values[:5].tolist() == [5.0, 11.0, 16.0, 23.0, 36.0]
    assert values[-1].item() == pytest.approx(2.9)
    assert values[years == 1957].item() == pytest.approx(190.2)  # the highest maximum
    assert values.min() >= 0 and values.argmax() == 257


def test_importing_the_data_package_does_not_import_statsmodels():
    code = "import sys, lstm_course.data; print('statsmodels' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---- sliding_windows --------------------------------------------------------------------


@given(length=st.integers(2, 40), window=st.integers(1, 12), horizon=st.integers(1, 5))
def test_windows_hold_the_values_right_after_them(length, window, horizon):
    series = torch.arange(length, dtype=torch.float32) ** 2
    if length < window + horizon:
        with pytest.raises(ValueError, match="too short"):
            sliding_windows(series, window, horizon)
        return
    inputs, targets = sliding_windows(series, window, horizon)
    count = length - window - horizon + 1
    assert inputs.shape == (count, window) and targets.shape == (count, horizon)
    for i in range(count):
        assert torch.equal(inputs[i], series[i:i + window])
        assert torch.equal(targets[i], series[i + window:i + window + horizon])


@given(window=st.integers(1, 6), horizon=st.integers(1, 3))
def test_windows_are_copies_not_views(window, horizon):
    series = torch.randn(10)
    inputs, targets = sliding_windows(series, window, horizon)
    for tensor in (inputs, targets):
        assert tensor.is_contiguous()
        assert tensor.untyped_storage().data_ptr() != series.untyped_storage().data_ptr()
    before = series.clone()
    inputs.fill_(0), targets.fill_(0)
    assert torch.equal(series, before)


def test_windows_keep_the_dtype_and_a_named_example():
    inputs, targets = sliding_windows(torch.tensor([1, 2, 3, 4, 5]), window=3)
    assert torch.equal(inputs, torch.tensor([[1, 2, 3], [2, 3, 4]]))
    assert torch.equal(targets, torch.tensor([[4], [5]]))


@pytest.mark.parametrize("series, window, horizon, message", [
    (torch.zeros(3, 4), 2, 1, "1-D tensor"),
    ([1.0, 2.0, 3.0], 1, 1, "got list"),
    (torch.zeros(10), 0, 1, "window must be a positive int"),
    (torch.zeros(10), 2.0, 1, "window must be a positive int"),
    (torch.zeros(10), 2, 0, "horizon must be a positive int"),
    (torch.zeros(4), 4, 1, "needs at least window \\+ horizon = 5"),
])
def test_windows_reject_mistakes_with_a_message(series, window, horizon, message):
    with pytest.raises(ValueError, match=message):
        sliding_windows(series, window, horizon)


# ---- torch_source_corpus ----------------------------------------------------------------

MODULES = Path(torch.nn.modules.__file__).parent


def test_corpus_is_every_top_level_module_file_sorted_and_joined():
    files = sorted(MODULES.glob("*.py"), key=lambda path: path.name)
    assert "__init__.py" in [path.name for path in files] and "rnn.py" in [p.name for p in files]
    expected = "\n".join(path.read_bytes().decode("utf-8") for path in files)
    corpus = torch_source_corpus()
    assert corpus == expected
    assert "class LSTM(RNNBase):" in corpus


def test_corpus_is_the_same_in_a_fresh_interpreter():
    code = ("import hashlib; from lstm_course.data import torch_source_corpus; "
            "print(hashlib.sha256(torch_source_corpus().encode()).hexdigest())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == hashlib.sha256(torch_source_corpus().encode()).hexdigest()


def test_max_chars_keeps_a_prefix():
    corpus = torch_source_corpus()
    assert torch_source_corpus(max_chars=1000) == corpus[:1000]
    assert torch_source_corpus(max_chars=0) == ""
    assert torch_source_corpus(max_chars=10 ** 9) == corpus
    with pytest.raises(ValueError, match="non-negative int"):
        torch_source_corpus(max_chars=-1)


# ---- CharVocab --------------------------------------------------------------------------


@given(st.text(min_size=1, max_size=50))
def test_vocab_round_trips_any_text(text):
    vocab = CharVocab(text)
    ids = vocab.encode(text)
    assert ids.dtype == torch.int64 and ids.shape == (len(text),)
    assert vocab.decode(ids) == text
    assert len(vocab) == len(set(text)) and vocab.chars == sorted(set(text))


def test_vocab_numbers_characters_in_sorted_order():
    vocab = CharVocab("hello world")
    assert vocab.chars == [" ", "d", "e", "h", "l", "o", "r", "w"] and len(vocab) == 8
    assert vocab.encode("hold").tolist() == [3, 5, 4, 1]
    assert vocab.decode(torch.tensor([7, 5, 6, 4, 1])) == "world"
    assert vocab.encode("").tolist() == []
    assert vocab.decode(torch.tensor([], dtype=torch.long)) == ""


def test_vocab_of_the_corpus_round_trips_it():
    corpus = torch_source_corpus()
    vocab = CharVocab(corpus)
    assert vocab.decode(vocab.encode(corpus)) == corpus
    assert "\n" in vocab.chars and "a" in vocab.chars


def test_vocab_names_an_unknown_character():
    with pytest.raises(ValueError, match=r"character 'z' \(at position 2\) is not in"):
        CharVocab("abc").encode("abz")


@pytest.mark.parametrize("ids, message", [
    (torch.tensor([[0, 1]]), "1-D integer tensor"),
    (torch.tensor([0.0, 1.0]), "1-D integer tensor"),
    ([0, 1], "got list"),
    (torch.tensor([0, 3]), r"0\.\.2, got values from 0 to 3"),
    (torch.tensor([-1]), r"0\.\.2"),
])
def test_vocab_decode_rejects_mistakes(ids, message):
    with pytest.raises(ValueError, match=message):
        CharVocab("abc").decode(ids)


def test_vocab_needs_a_non_empty_text():
    with pytest.raises(ValueError, match="non-empty str"):
        CharVocab("")
