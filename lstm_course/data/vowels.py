"""The Japanese Vowels recordings (UCI; UEA archive split), as shipped inside sktime's wheel."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import NamedTuple

import torch

from lstm_course.i18n import _


class VowelSplit(NamedTuple):
    """One split: ``utterances``, a list of float32 ``(T_i, 12)`` tensors, and int64 ``labels``."""

    utterances: list[torch.Tensor]
    labels: torch.Tensor


def _data_folder() -> Path:
    # find_spec locates the installed wheel without running sktime's __init__ (pandas,
    # scikit-learn: seconds), so the lesson reads the file sktime ships in a few ms.
    spec = importlib.util.find_spec("sktime")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(_("load_japanese_vowels reads the copy that sktime ships, but "
                                    "sktime is not installed. Run: pip install -r "
                                    "requirements.txt"))
    return Path(spec.origin).parent / "datasets" / "data" / "JapaneseVowels"


def _read_ts(path: Path) -> VowelSplit:
    """Parse a ``.ts`` file: per line, 12 comma-separated channels joined by ':', then the label."""
    utterances, labels = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("@", "#")):
            continue
        *channels, label = line.split(":")
        values = [[float(v) for v in channel.split(",")] for channel in channels]
        utterances.append(torch.tensor(values, dtype=torch.float32).T.contiguous())
        labels.append(int(label) - 1)  # speakers 1..9 -> classes 0..8
    return VowelSplit(utterances, torch.tensor(labels, dtype=torch.int64))


def load_japanese_vowels() -> tuple[VowelSplit, VowelSplit]:
    """Return ``(train, test)`` of *Japanese Vowels*: 9 speakers saying /ae/, 12 cepstra a frame.

    ``train`` holds 270 utterances (30 per speaker), ``test`` 370, the published split; each
    utterance is a float32 tensor of shape ``(T_i, 12)`` with ``T_i`` from 7 to 29, and
    ``labels`` (int64, shape ``(N,)``) holds the speaker, 0..8. Nothing is downloaded.
    """
    folder = _data_folder()
    return (_read_ts(folder / "JapaneseVowels_TRAIN.ts"),
            _read_ts(folder / "JapaneseVowels_TEST.ts"))
