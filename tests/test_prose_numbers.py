"""Numbers in a lesson's prose agree with the outputs they were read from.

The rule, for every markdown cell of every lesson:

- A number that comes from a computation (an RMSE, a loss, a step count, a correlation)
  is followed by a marker naming the output it came from::

      the LSTM reaches 1.48<!-- out: LSTM held-out loss --> nats per character

  ``LSTM held-out loss`` must be a literal piece of a line the notebook prints (a stream or
  a ``text/plain`` result), and that line must hold the number, given at the prose's
  precision or finer (1.48 matches 1.4812). The marker is an HTML comment: invisible in
  JupyterLab and on the website.
- Constants of the subject (1/6, log 96, a setting such as 400 steps) need no marker when
  they sit in inline code or math; in plain prose a decimal or a percentage must carry
  ``<!-- out: … -->`` or ``<!-- const -->``. Version numbers after PyTorch, torch or Python
  are exempt. Lessons listed in ``ENFORCED`` are held to this second rule; every marker in
  every lesson is checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").rglob("[0-9][0-9]_*.ipynb"))
# Lessons whose plain-prose decimals and percentages must all be marked (by file-name prefix,
# e.g. "05"; the Spanish twin "es/05" follows its English lesson).
ENFORCED: set[str] = {"01", "02", "03", "04", "05", "06"}

NUMBER = r"[-−]?\d[\d,]*(?:\.\d+)?"
MARKER = re.compile(rf"(?P<number>{NUMBER})\s*(?P<percent>%?)\s*<!--\s*out:\s*(?P<label>.*?)\s*-->")
CONST = re.compile(rf"{NUMBER}\s*%?\s*<!--\s*const\s*-->")
# What is not plain prose: fenced code, inline code, display and inline math, link targets,
# HTML comments (markers were read before these are removed).
NOT_PROSE = re.compile(r"```.*?```|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\]\([^)]*\)|<!--.*?-->", re.S)
UNMARKED = re.compile(r"(?<![\w.])(?:\d+\.\d+|\d+(?:\.\d+)?\s*%)(?![\w.]*\d)")
# Versions (PyTorch 2.13) and exercise ids (exercise 03.4) are names, not quantities.
VERSION = re.compile(r"(?:PyTorch|torch|Python)\s+\d+(?:\.\d+)+"
                     r"|(?:exercise|ejercicio)s?\s+\d\d\.\d+|\b\d\d\.\d+(?=\s*·)", re.I)


def _value(text: str) -> float:
    return float(text.replace(",", "").replace("−", "-"))


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def printed_lines(nb: dict) -> list[str]:
    """Every line of text the notebook's code cells print or display."""
    lines: list[str] = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            text = output.get("text") or output.get("data", {}).get("text/plain", "")
            lines.extend("".join(text).splitlines())
    return lines


def line_holds(line: str, number: str) -> bool:
    """Whether ``line`` prints ``number`` at the prose's precision or finer."""
    wanted, decimals = _value(number), _decimals(number)
    line = re.sub(r"(?<=\d),(?=\d{3}\b)", "", line)
    for found in re.findall(r"[-−]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", line):
        close = abs(_value(found) - wanted) <= 0.5 * 10 ** -decimals + 1e-12
        if close and _decimals(found) >= decimals:
            return True
    return False


def marker_problems(nb: dict) -> list[str]:
    """One line per marker whose label is not printed or whose number disagrees."""
    lines = printed_lines(nb)
    problems = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        for match in MARKER.finditer("".join(cell["source"])):
            number, label = match["number"], match["label"]
            holding = [line for line in lines if label in line]
            if not holding:
                problems.append(f"cell {index}: no printed line contains {label!r}")
            elif not any(line_holds(line, number) for line in holding):
                problems.append(f"cell {index}: prose says {number} but the line with {label!r} "
                                f"prints {holding[0].strip()!r}")
    return problems


def unmarked_numbers(nb: dict) -> list[str]:
    """Decimals and percentages in plain prose that carry neither marker."""
    found = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        text = MARKER.sub(" ", CONST.sub(" ", text))
        text = VERSION.sub(" ", NOT_PROSE.sub(" ", text))
        found += [f"cell {index}: {number!r}" for number in UNMARKED.findall(text)]
    return found


def _lesson(path: Path) -> str:
    return path.relative_to(ROOT / "notebooks").as_posix()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_lesson)
def test_every_marked_number_matches_its_output(path):
    problems = marker_problems(json.loads(path.read_text(encoding="utf-8")))
    assert not problems, (f"{_lesson(path)}: prose and outputs disagree (update the prose, or "
                          f"the marker's label):\n" + "\n".join(problems))


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name[:2] in ENFORCED],
                         ids=_lesson)
def test_computed_numbers_in_prose_are_marked(path):
    unmarked = unmarked_numbers(json.loads(path.read_text(encoding="utf-8")))
    assert not unmarked, (f"{_lesson(path)}: mark where each number comes from with "
                          f"<!-- out: printed text -->, or <!-- const --> for a constant:\n"
                          + "\n".join(unmarked))


def test_the_checker_catches_a_stale_number():
    nb = {"cells": [
        {"cell_type": "code", "source": [], "outputs": [
            {"output_type": "stream", "name": "stdout", "text": ["test RMSE: LSTM 15.8123\n"]}]},
        {"cell_type": "markdown",
         "source": ["The LSTM scores 15.81<!-- out: test RMSE: LSTM -->."]},
        {"cell_type": "markdown", "source": ["Later 15.9<!-- out: test RMSE: LSTM --> is stale."]},
        {"cell_type": "markdown", "source": ["And 3.2<!-- out: never printed --> is lost."]},
        {"cell_type": "markdown", "source": ["An unmarked 0.42 and 33 %, a `0.5` in code, "
                                             "$0.58^{99}$ in math, 1.5<!-- const -->, "
                                             "exercise 05.2 and PyTorch 2.13 are fine."]},
    ]}
    problems = marker_problems(nb)
    assert len(problems) == 2
    assert "prose says 15.9" in problems[0] and "never printed" in problems[1]
    assert unmarked_numbers(nb) == ["cell 4: '0.42'", "cell 4: '33 %'"]
