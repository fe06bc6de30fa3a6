"""Text to learn from: the Python source inside the torch wheel, and a character vocabulary."""

from __future__ import annotations

from pathlib import Path

import torch
import torch.nn.modules

from lstm_course._checks import describe, require_int, require_str, require_tensor
from lstm_course.i18n import _


def torch_source_corpus(max_chars: int | None = None) -> str:
    """Every top-level ``*.py`` file of the installed ``torch/nn/modules/``, joined by ``"\\n"``.

    Files are sorted by name and read as UTF-8, so the text is identical on every
    machine with the same torch version (unlike the standard library, which
    changes with each Python patch release). ``max_chars`` keeps only a prefix.
    """
    if max_chars is not None:
        require_int("max_chars", max_chars, 0)
    folder = Path(torch.nn.modules.__file__).parent
    files = sorted(folder.glob("*.py"), key=lambda path: path.name)
    text = "\n".join(path.read_text(encoding="utf-8") for path in files)
    return text if max_chars is None else text[:max_chars]


class CharVocab:
    """The characters of a text, numbered in sorted order: ``encode`` and ``decode`` between them.

    ``len(vocab)`` is the alphabet's size, the number of classes a language model predicts.
    """

    def __init__(self, text: str) -> None:
        if not require_str("text", text):
            raise ValueError(_("CharVocab needs a non-empty str to take its alphabet from, got "
                               "{got}.").format(got=describe(text)))
        self.chars: list[str] = sorted(set(text))
        self.index: dict[str, int] = {char: i for i, char in enumerate(self.chars)}

    def __len__(self) -> int:
        return len(self.chars)

    def __repr__(self) -> str:
        return f"CharVocab({len(self)} characters)"

    def encode(self, text: str) -> torch.Tensor:
        """The 1-D int64 tensor of ``text``'s character ids, of length ``len(text)``."""
        require_str("text", text)
        try:
            return torch.tensor([self.index[char] for char in text], dtype=torch.int64)
        except KeyError as err:
            char = err.args[0]
            raise ValueError(_("character {char!r} (at position {position}) is not in this "
                               "vocabulary of {size} characters. Build the CharVocab from a "
                               "text that contains it.").format(
                char=char, position=text.index(char), size=len(self))) from None

    def decode(self, ids: torch.Tensor) -> str:
        """The string whose characters have the ids in ``ids`` (a 1-D integer tensor)."""
        require_tensor("ids", ids, ranks=(1,), kind="integer", layout=_(
            "a 1-D integer tensor of ids (decode one sequence at a time, e.g. ids[0])"))
        if len(ids) and (ids.min() < 0 or ids.max() >= len(self)):
            raise ValueError(_("ids must lie in 0..{top}, got values from {low} to {high}.").format(
                top=len(self) - 1, low=int(ids.min()), high=int(ids.max())))
        return "".join(self.chars[i] for i in ids.tolist())
