"""The Spanish catalogue: complete, fresh against the source, and used when asked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from lstm_course import i18n
from lstm_course.exercises.solution_text import CONTEXT

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))  # babel.cfg's extractor, tools/solution_comments.py
LOCALE = ROOT / "lstm_course" / "locale"
POT = LOCALE / "lstm_course.pot"
PO = LOCALE / "es" / "LC_MESSAGES" / "lstm_course.po"
MO = PO.with_suffix(".mo")
FIX = "Run `make catalogs`, translate the new entries in the .po, and run it again."


@pytest.fixture(autouse=True)
def _english_after() -> None:
    """Every test leaves the package speaking English."""
    yield
    i18n.set_language("en")


def _key(text):
    """A message's id or string, hashable: a str, or a tuple for plural forms."""
    return text if isinstance(text, str) else tuple(text)


def _entry(message) -> tuple:
    """A catalogue entry's identity: its msgctxt and its msgid."""
    return message.context, _key(message.id)


def _po():
    with PO.open("rb") as handle:
        return read_po(handle, locale="es")


def _source_ids() -> set:
    """``(msgctxt, msgid)`` of what Babel extracts from the package now, as make catalogs
    does (babel.cfg): the ``_()`` messages and the reference solutions' comments."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = extract_from_dir(ROOT / "lstm_course", method_map, options_map,
                             keywords=DEFAULT_KEYWORDS)
    return {(context, _key(message)) for _file, _line, message, _comments, context in found}


def _ids(catalog) -> set:
    return {_entry(message) for message in catalog if message.id}


def test_pot_and_po_are_fresh_against_the_source() -> None:
    with POT.open("rb") as handle:
        pot = read_po(handle)
    source = _source_ids()
    assert any(context == CONTEXT for context, _id in source), \
        "babel.cfg no longer extracts the reference solutions' comments"
    assert _ids(pot) == source, f"lstm_course.pot is stale. {FIX}"
    assert _ids(_po()) == source, f"the Spanish .po is stale. {FIX}"


def test_every_message_has_a_spanish_translation() -> None:
    missing = [m.id for m in _po() if m.id and (m.fuzzy or not all(
        m.string if isinstance(m.string, tuple) else (m.string,)))]
    assert not missing, f"{len(missing)} messages lack Spanish, e.g. {missing[:3]}. {FIX}"


def test_placeholders_match() -> None:
    field = re.compile(r"\{[^{}]*\}")
    for message in _po():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(field.findall(ids[-1]))
        for string in strings:
            if string:
                assert set(field.findall(string)) == expected, (message.id, string)


def test_mo_is_fresh_against_the_po() -> None:
    with MO.open("rb") as handle:
        compiled = {_entry(m): _key(m.string) for m in read_mo(handle) if m.id}
    written = {_entry(m): _key(m.string) for m in _po() if m.id and m.string and not m.fuzzy}
    assert compiled == written, f"lstm_course.mo is stale. {FIX}"


def test_spanish_on_request_and_english_back() -> None:
    message = "1.0 is the sum of the biases; a gate passes its sum through the sigmoid."
    i18n.set_language("es")
    spanish = i18n._(message)
    assert spanish != message
    i18n.set_language("en")
    assert i18n._(message) == message


def test_environment_variable_in_a_subprocess() -> None:
    message = "1.0 is the sum of the biases; a gate passes its sum through the sigmoid."
    code = f"from lstm_course.i18n import _; print(_({message!r}) != {message!r})"
    env = {**os.environ, "LSTM_COURSE_LANG": "es", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "True"


def test_a_wrong_answer_gets_a_spanish_hint(capsys: pytest.CaptureFixture[str]) -> None:
    from lstm_course.exercises import check

    i18n.set_language("es")
    assert check("01.2", lambda output: output[0]) is False
    shown = capsys.readouterr().out
    assert "todavía no" in shown and "Ese es el primer paso de tiempo" in shown, shown
    i18n.set_language("en")
    check("01.2", lambda output: output[0])
    assert "not yet" in capsys.readouterr().out


def test_figures_are_labelled_in_spanish() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import torch

    from lstm_course.viz.gradients import plot_gradient_norms
    from lstm_course.viz.series import plot_series

    i18n.set_language("es")
    years = torch.arange(5.0)
    ax = plot_series({"observed": (years, years)}).axes[0]
    assert (ax.get_title(), ax.get_xlabel()) == ("Número anual de manchas solares", "año")
    ax = plot_gradient_norms({"LSTM": torch.rand(5) + 0.1}).axes[0]
    assert ax.get_title() == "Cuánto gradiente llega a cada paso de la entrada"
    assert ax.get_xlabel() == "paso de tiempo t de la entrada"
    i18n.set_language("en")
    ax = plot_series({"observed": (years, years)}).axes[0]
    assert ax.get_title() == "Yearly sunspot number"
    plt.close("all")


def test_the_shape_doctor_answers_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    import torch
    from torch import nn

    from lstm_course.doctor import diagnose, explain

    lstm, x = nn.LSTM(10, 6, 2), torch.zeros(5, 3, 10)
    states = (torch.zeros(2, 2, 6), torch.zeros(2, 2, 6))
    i18n.set_language("es")
    [message] = diagnose(lstm, x, states)
    assert message.startswith("h_0 y c_0 tienen tamaño para un lote de 2 (eje 1), pero la "
                              "entrada tiene un lote de 3"), message
    assert "x.size(1)" in message
    [message] = diagnose(lstm, torch.zeros(5, 2, 8))
    assert message.startswith("input tiene 8 características por paso de tiempo"), message
    explain(lstm, torch.zeros(5, 2, 8), (torch.zeros(3, 2, 6), states[1]))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "✗ esta llamada tiene 2 problemas:"
    assert any(line.startswith("  2. h_0 tiene 3 entradas en el eje 0") for line in lines), lines
    explain(lstm, x)
    assert capsys.readouterr().out.startswith("✓ esta llamada es válida; devuelve")
    i18n.set_language("en")
    [message] = diagnose(lstm, x, states)
    assert message.startswith("h_0 and c_0 are sized for a batch of 2 (axis 1)"), message


def test_widget_labels_in_spanish() -> None:
    import torch

    from lstm_course.widgets import ShapeExplorer, TensorExplorer

    i18n.set_language("es")
    explorer = TensorExplorer(torch.zeros(4, 2, 3))
    assert explorer.controls["step"].description == "paso"
    assert explorer.controls["sample"].description == "muestra"
    assert explorer.controls["step"].options[0][0] == "ninguno"
    assert "Elige un paso o una muestra" in explorer._values.value
    assert str(explorer).endswith("resaltado: ninguno")
    shapes = ShapeExplorer(proj_size=6)
    assert "Esta combinación no es válida." in shapes._table.value
    assert "un lote de 2 secuencias de 5 pasos" in str(ShapeExplorer())
    i18n.set_language("en")
    assert TensorExplorer(torch.zeros(4, 2, 3)).controls["step"].description == "step"


def test_figure_titles_with_placeholders_in_spanish() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import torch
    from torch import nn

    from lstm_course.train import History
    from lstm_course.viz.call import plot_lstm_call
    from lstm_course.viz.gates import plot_gate_blocks
    from lstm_course.viz.tensors import plot_input_tensor
    from lstm_course.viz.training import plot_history

    i18n.set_language("es")
    ax = plot_gate_blocks(torch.zeros(24, 10)).axes[0]
    assert ax.get_title() == "weight_ih_l0: 24 × 10, cuatro bloques de puertas de 6 filas"
    assert ax.get_xlabel() == "columna (una por característica de la entrada)"
    ax = plot_input_tensor(torch.zeros(5, 2, 3), step=1).axes[0]
    assert ax.get_xlabel() == "paso de tiempo\n(seq_len=5)"
    assert "resaltado: x[1]" in ax.get_title()
    title = plot_lstm_call(nn.LSTM(3, 4), 5, 2).axes[0].get_title()
    assert title == "Una llamada de nn.LSTM(3, 4), a escala: un cuadrado por número", title
    history = History(losses=[1.0, 0.5], grad_norms=[1.0, 1.0], evals=[(2, 0.4)])
    ax = plot_history({"LSTM": history}, smooth=2).axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["LSTM: pérdida de entrenamiento (media de 2 pasos)", "LSTM: evaluación"]
    assert ax.get_title() == "Curvas de aprendizaje"
    i18n.set_language("en")
    ax = plot_gate_blocks(torch.zeros(24, 10)).axes[0]
    assert ax.get_title() == "weight_ih_l0: 24 × 10, four gate blocks of 6 rows"
    plt.close("all")


def test_a_wrong_value_gets_a_spanish_error() -> None:
    from lstm_course.sequences import length_mask

    i18n.set_language("es")
    with pytest.raises(ValueError, match="cada longitud debe ser al menos 1"):
        length_mask([3, 0])
    i18n.set_language("en")
    with pytest.raises(ValueError, match="every length must be at least 1"):
        length_mask([3, 0])
