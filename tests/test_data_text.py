"""lstm_course.data.text: the torch-source corpus and CharVocab."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from lstm_course.data import CharVocab, torch_source_corpus

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
    with pytest.raises(ValueError, match="max_chars must be at least 0, got -1"):
        torch_source_corpus(max_chars=-1)

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

@pytest.mark.parametrize("ids, error, message", [
    (torch.tensor([[0, 1]]), ValueError, "1-D integer tensor"),
    (torch.tensor([0.0, 1.0]), TypeError, "1-D integer tensor"),
    ([0, 1], TypeError, "got list"),
    (torch.tensor([0, 3]), ValueError, r"0\.\.2, got values from 0 to 3"),
    (torch.tensor([-1]), ValueError, r"0\.\.2"),
])
def test_vocab_decode_rejects_mistakes(ids, error, message):
    with pytest.raises(error, match=message):
        CharVocab("abc").decode(ids)

def test_vocab_needs_a_non_empty_text():
    with pytest.raises(ValueError, match="non-empty str"):
        CharVocab("")
