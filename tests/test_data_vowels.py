"""lstm_course.data.vowels: the Japanese Vowels recordings that sktime ships."""

import subprocess
import sys

import numpy as np
import pytest
import torch

from lstm_course.data import load_japanese_vowels

# The UCI description of the set (Kudo, Toyama and Shimbo 1999): 30 training utterances
# per speaker, and these many test utterances for speakers 1..9.
TEST_PER_SPEAKER = [31, 35, 88, 44, 29, 24, 40, 50, 29]


@pytest.fixture(scope="module")
def splits():
    return load_japanese_vowels()


def test_the_published_split_and_class_counts(splits):
    train, test = splits
    assert len(train.utterances) == 270 and len(test.utterances) == 370
    assert train.labels.dtype == test.labels.dtype == torch.int64
    assert train.labels.bincount().tolist() == [30] * 9
    assert test.labels.bincount().tolist() == TEST_PER_SPEAKER


def test_utterances_are_float32_frames_of_12_coefficients_7_to_29_long(splits):
    lengths = []
    for split in splits:
        for utterance in split.utterances:
            assert utterance.dtype == torch.float32 and utterance.shape[1] == 12
            lengths.append(utterance.shape[0])
    assert min(lengths) == 7 and max(lengths) == 29
    assert torch.isfinite(torch.cat([u for s in splits for u in s.utterances])).all()


def test_the_same_numbers_as_sktimes_own_loader(splits):
    from sktime.datasets import load_japanese_vowels as sktime_loader

    for split, ours in zip(("train", "test"), splits, strict=True):
        frame, labels = sktime_loader(split=split, return_X_y=True)
        assert ours.labels.tolist() == [int(label) - 1 for label in labels]
        for row, utterance in enumerate(ours.utterances):
            expected = np.stack([frame.iloc[row, c].to_numpy() for c in range(12)], axis=1)
            torch.testing.assert_close(utterance, torch.tensor(expected, dtype=torch.float32))


def test_importing_the_data_package_does_not_import_sktime():
    code = "import sys, lstm_course.data; print('sktime' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_loading_does_not_import_sktime_either():
    code = ("import sys; from lstm_course.data import load_japanese_vowels; "
            "load_japanese_vowels(); print('sktime' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
