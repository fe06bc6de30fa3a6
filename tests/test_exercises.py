"""Every lesson's reference solutions and typical mistakes, and the words the checker says.

Each exercise has at least two typical wrong answers here, each with a piece of the hint it
must get; and every message a lesson's exercises module can give (each ``_()`` literal in
it) must be given to one of them, so that no hint is dead code. The checker's safety (time
limit, copies, restored state, answers that try to fool it) is in test_exercise_safety.py.
"""

import ast
import copy
import importlib
import inspect
import math
import pkgutil
import re

import numpy as np
import pytest
import torch
from torch import nn

import lstm_course.exercises as exercises_package
import lstm_course.i18n
from lstm_course.exercises import check, find, solution
from lstm_course.sequences import last_valid

LESSON_MODULES = [name for _, name, _ in pkgutil.iter_modules(exercises_package.__path__)
                  if name.startswith("lesson")]
IDS_BY_MODULE = {module: list(importlib.import_module(f"lstm_course.exercises.{module}").EXERCISES)
                 for module in LESSON_MODULES}
ALL_IDS = [exercise_id for ids in IDS_BY_MODULE.values() for exercise_id in ids]


def _rows(tensor, k, hidden):
    return tensor[k * hidden:(k + 1) * hidden]


def _gate_from_rows(k, squash=torch.sigmoid, biases=(True, True)):
    """02.1's answer built from gate block ``k``, optionally without the sigmoid or a bias."""
    def forget_gate(x, h, w_ih, w_hh, b_ih, b_hh):
        hidden = w_ih.shape[0] // 4
        total = x @ _rows(w_ih, k, hidden).T + h @ _rows(w_hh, k, hidden).T
        total = total + (_rows(b_ih, k, hidden) if biases[0] else 0)
        return squash(total + (_rows(b_hh, k, hidden) if biases[1] else 0))
    return forget_gate


def _set_biases(ih=None, hh=None, rows=slice(1, 2), layers="all", weights=None, give_back=True):
    """05.2's answer: the given values in the rows ``rows`` (in blocks of hidden_size)."""
    def set_forget_bias(lstm, value):
        hidden = lstm.hidden_size
        part = slice(rows.start * hidden, rows.stop * hidden)
        with torch.no_grad():
            for name, parameter in lstm.named_parameters():
                if layers == "first" and not name.endswith("_l0"):
                    continue
                if name.startswith("bias_ih") and ih is not None:
                    parameter[part] = value if ih == "value" else ih
                if name.startswith("bias_hh") and hh is not None:
                    if hh == "all":
                        parameter.zero_()
                    else:
                        parameter[part] = value if hh == "value" else hh
                if name.startswith("weight") and weights is not None:
                    parameter.fill_(weights)
        if give_back == "copy":
            return nn.LSTM(lstm.input_size, lstm.hidden_size)
        return lstm if give_back else None
    return set_forget_bias


def _gradient_norms(reduction="mean", dtype=torch.float64, cast_after=False, dim=(1, 2)):
    def input_gradient_norms(model, x, y):
        x = x.clone().requires_grad_()
        loss = nn.functional.mse_loss(model(x), y, reduction=reduction)
        (grad,) = torch.autograd.grad(loss, x)
        if cast_after:
            return grad.norm(dim=dim).to(dtype)
        return grad.to(dtype).norm(dim=dim)
    return input_gradient_norms


def _zeros_state(batch_from=None, dtype_from_x=True, device_from_x=True, fill=0.0,
                 meta_fails=False):
    """05.4's answer, with one of its ingredients wrong."""
    def initial_state(lstm, x):
        if meta_fails:
            x.sum().item()
        batch = batch_from if batch_from is not None else x.size(0 if lstm.batch_first else 1)
        layers = lstm.num_layers * (2 if lstm.bidirectional else 1)
        options = {"dtype": x.dtype if dtype_from_x else None,
                   "device": x.device if device_from_x else None}
        h_0 = torch.full((layers, batch, lstm.proj_size or lstm.hidden_size), fill, **options)
        return h_0, torch.full((layers, batch, lstm.hidden_size), fill, **options)
    return initial_state


def _state_3_3(h_features="h_out", c_features="hidden", batch_first_states=False, fill=0.0,
               extra_batch=0):
    """03.3's answer, with one of its ingredients wrong."""
    def initial_state(lstm, batch):
        states = lstm.num_layers * (2 if lstm.bidirectional else 1)
        sizes = {"h_out": lstm.proj_size or lstm.hidden_size, "hidden": lstm.hidden_size,
                 "proj": lstm.proj_size or lstm.hidden_size}
        batch += extra_batch

        def shape(features):
            return ((batch, states, sizes[features]) if batch_first_states
                    else (states, batch, sizes[features]))
        return torch.full(shape(h_features), fill), torch.full(shape(c_features), fill)
    return initial_state


def _unigram(smoothing=1.0, minlength=True, sign=1.0, log=torch.log, counted="train"):
    def unigram_loss(train_ids, eval_ids, vocab_size):
        ids = train_ids if counted == "train" else eval_ids
        counts = torch.bincount(ids, minlength=vocab_size if minlength else 0).double()
        p = (counts + smoothing) / (counts + smoothing).sum()
        return sign * -log(p)[eval_ids].mean().item()
    return unigram_loss


def _standardise(mean_of="train", std_of="train", divide=True, only_train=False):
    def standardise(values, is_train):
        part = {"train": values[is_train], "all": values}
        result = values - part[mean_of].mean()
        if divide:
            result = result / part[std_of].std()
        return result[is_train] if only_train else result
    return standardise


def _sampler(scale="divide", fixed=None, as_float=False):
    def sample_next(logits, temperature):
        if fixed is not None:
            return fixed
        scaled = {"divide": logits / temperature, "multiply": logits * temperature,
                  "ignore": logits}[scale]
        index = int(torch.multinomial(torch.softmax(scaled, dim=0), 1))
        return float(index) if as_float else index
    return sample_next


def _shapes(**changes):
    right = {"01": {"output": (12, 5, 8), "h_n": (3, 5, 8), "c_n": (3, 5, 8)},
             "03": {"output": (3, 7, 8), "h_n": (4, 3, 4), "c_n": (4, 3, 16)}}
    lesson = changes.pop("lesson")
    return {**right[lesson], **changes}


def _count_one_gate(i, h, layers):
    return sum(((i if k == 0 else h) + h) * h + 2 * h for k in range(layers))


# For each exercise, typical wrong answers and a piece of the hint each must get. Every
# exercise needs at least two, and together they must reach every message of its module.
WRONG_ANSWERS = {
    "01.1": [
        (_shapes(lesson="01", output=(12, 8)), "batch axis is the one"),
        (_shapes(lesson="01", h_n=(12, 5, 8)), "one entry per layer"),
        (_shapes(lesson="01", h_n=(5, 3, 8)), "right sizes in the wrong order: h_n is"),
        (_shapes(lesson="01", c_n=(5, 8)), "c_n has 3 axes"),
        (_shapes(lesson="01", output=(12, 5, 4)), "check each size against the call"),
        (42, "Give a dict such as"),
        ({"output": (12, 5, 8), "h_n": (3, 5, 8)}, "Your dict has no 'c_n'"),
        (_shapes(lesson="01", output="12, 5, 8"), "Give output as a tuple of ints"),
    ],
    "01.2": [
        (lambda output: output[0], "first time step"),
        (lambda output: output[:, -1], "Time is axis 0 of output"),
        (lambda output: output[-1] * 2, "values differ from h_n[-1]"),
        (lambda output: output[-1].tolist(), "The result should be a torch.Tensor"),
    ],
    "01.3": [
        (lambda lstm, batch: (torch.randn(lstm.num_layers, batch, lstm.hidden_size),) * 2,
         "initial state is all zeros"),
        (lambda lstm, batch: (torch.zeros(batch, lstm.num_layers, lstm.hidden_size),) * 2,
         "should have shape (2, 3, 6) = (num_layers, batch, hidden_size)"),
        (lambda lstm, batch: torch.zeros(lstm.num_layers, batch, lstm.hidden_size),
         "Return a pair (h_0, c_0)"),
    ],
    "02.1": [
        (_gate_from_rows(0), "rows of the input gate i"),
        (_gate_from_rows(2), "rows of the cell candidate g"),
        (_gate_from_rows(3), "rows of the output gate o"),
        (_gate_from_rows(1, squash=lambda t: t), "squash the sum with torch.sigmoid"),
        (_gate_from_rows(1, biases=(True, False)), "Add both biases"),
        (_gate_from_rows(1, squash=torch.tanh), "Not f yet"),
        (lambda x, h, w_ih, w_hh, b_ih, b_hh: torch.sigmoid(x @ w_ih.T + b_ih),
         "f has one value per sequence and hidden unit"),
        (lambda x, h, w_ih, w_hh, b_ih, b_hh: _gate_from_rows(1)(
            x, h, w_ih, w_hh, b_ih, b_hh).numpy(), "f should be a torch.Tensor"),
    ],
    "02.2": [
        (lambda lstm: lstm.weight_hh_l0.chunk(4)[2], "feed the cell candidate g"),
        (lambda lstm: lstm.weight_hh_l0.chunk(4)[0], "feed the input gate i"),
        (lambda lstm: lstm.weight_hh_l0.chunk(4)[1], "feed the forget gate f"),
        (lambda lstm: lstm.weight_ih_l0.chunk(4)[3], "not weight_ih_l0"),
        (lambda lstm: lstm.weight_hh_l0[:, -lstm.hidden_size:], "the block has 6 rows"),
        (lambda lstm: lstm.weight_hh_l0.chunk(4)[3].T, "Not the output gate's rows yet"),
        (lambda lstm: "weight_hh_l0", "The result should be a torch.Tensor"),
    ],
    "02.3": [
        (lambda i, h, layers: sum(4 * h * ((i if k == 0 else h) + h) + 4 * h
                                  for k in range(layers)), "two bias vectors"),
        (lambda i, h, layers: layers * (4 * h * (i + h) + 8 * h), "input size is hidden_size"),
        (_count_one_gate, "the count of one gate"),
        (lambda i, h, layers: 4 * h * (i + h), "has 768 parameters; your function gives 384"),
        (lambda i, h, layers: 768.0, "The count should be a whole number"),
    ],
    "03.1": [
        (_shapes(lesson="03", h_n=(3, 4, 4), c_n=(3, 4, 16)), "batch_first moves"),
        (_shapes(lesson="03", h_n=(2, 3, 4)), "one state per layer and per direction"),
        (_shapes(lesson="03", c_n=(4, 3, 4)), "never projected"),
        (_shapes(lesson="03", h_n=(4, 3, 16)), "proj_size features, not hidden_size"),
        (_shapes(lesson="03", output=(7, 3, 8)), "puts the batch first in output too"),
        (_shapes(lesson="03", output=(3, 7, 32)), "concatenates both directions"),
        (_shapes(lesson="03", output=(3, 8, 7)), "output is not right yet"),
    ],
    "03.2": [
        (lambda x: x.reshape(x.size(1), x.size(0), x.size(2)), "reshape and view"),
        (lambda x: x, "returned x unchanged"),
        (lambda x: x.permute(0, 2, 1), "the result should have shape (7, 4, 3)"),
        (lambda x: x.transpose(0, 1).flip(0), "not where they should be"),
        (lambda x: x.transpose(0, 1).numpy(), "The result should be a torch.Tensor"),
    ],
    "03.3": [
        (lambda lstm, batch: (torch.zeros(lstm.num_layers, batch, lstm.hidden_size),) * 2,
         "one state per layer and direction"),
        (_state_3_3(h_features="hidden"), "h_0 has proj_size features"),
        (_state_3_3(c_features="proj"), "c_0 keeps hidden_size features"),
        (_state_3_3(batch_first_states=True), "batch_first never moves it"),
        (_state_3_3(fill=1.0), "use zeros"),
        (_state_3_3(extra_batch=1), "and batch=2, h_0 should have shape (4, 2, 5)"),
    ],
    "03.4": [
        (lambda h_n: h_n[-1], "only the top layer's backward direction"),
        (lambda h_n: torch.cat([h_n[-1], h_n[-2]], dim=1), "Put the forward direction first"),
        (lambda h_n: torch.cat([h_n[0], h_n[1]], dim=1), "not the top layer's states"),
        (lambda h_n: torch.stack([h_n[-2], h_n[-1]]), "Concatenate along the feature axis"),
        (lambda h_n: [h_n[-2], h_n[-1]], "The result should be a torch.Tensor"),
    ],
    "04.1": [
        (lambda lengths: sorted(lengths, reverse=True), "one entry per time step"),
        (lambda lengths: [len(lengths)] * max(lengths), "Entry t counts the sequences"),
        (lambda lengths: "4, 4, 3, 2, 1", "batch_sizes should be a list of ints"),
    ],
    "04.2": [
        (lambda output, lengths: output[-1], "output[-1] is padding"),
        (lambda output, lengths: output[torch.tensor(lengths), torch.arange(len(lengths))],
         "An index ran past the end of output"),
        (lambda output, lengths: output[(torch.tensor(lengths) - 2).clamp(min=0),
                                        torch.arange(len(lengths))],
         "Not each sequence's last real step"),
        (lambda output, lengths: output[torch.tensor(lengths) - 1],
         "shape (batch, hidden_size) = (4, 6)"),
        (lambda output, lengths: output[-1].tolist(), "The result should be a torch.Tensor"),
    ],
    "04.3": [
        (lambda values, lengths: values.mean(), "counts the padding steps"),
        (lambda values, lengths: torch.stack([values[:n, b].mean()
                                              for b, n in enumerate(lengths)]).mean(),
         "mean of the per-sequence means"),
        (lambda values, lengths: values.sum() / len(lengths), "Not the mean over the real steps"),
        (lambda values, lengths: values.mean(dim=0),
         "The mean should be one number; you gave a tensor of shape"),
    ],
    "05.1": [
        (0.8176, "That is sigmoid(1.5)"),
        (0.3775, "That is sigmoid(-0.5)"),
        (1.0, "sum of the biases"),
        (0.7616, "That is tanh(1.0)"),
        (0.73, "give three decimals"),
        (0.5, "f = sigmoid(bias_ih[f] + bias_hh[f])"),
        ("0.731", "Your answer should be one number"),
    ],
    "05.2": [
        (_set_biases(ih="value", hh="value"), "set one of them to"),
        (_set_biases(ih="value"), "still adds its own values"),
        (_set_biases(ih="value", hh=0.0, layers="first"), "every layer and direction"),
        (_set_biases(ih="value", hh=0.0, rows=slice(0, 1)), "should add up to"),
        (_set_biases(ih="value", hh="all"), "Rows other than the forget gate changed"),
        (_set_biases(ih="value", hh=0.0, weights=0.0), "Leave the weights alone"),
        (_set_biases(ih="value", hh=0.0, give_back="copy"), "Change lstm in place"),
        (_set_biases(ih="value", hh=0.0, give_back=False), "end it with return lstm"),
    ],
    "05.3": [
        (_gradient_norms(dtype=torch.float32), "Your norms are float32"),
        (_gradient_norms(cast_after=True), "computed in float32 and cast afterwards"),
        (_gradient_norms(reduction="sum"), "16 times too large"),
        (_gradient_norms(dim=2), "one norm per time step"),
        (lambda model, x, y: torch.ones(x.shape[0], dtype=torch.float64),
         "differ from the gradient norms"),
        (lambda model, x, y: [1.0] * x.shape[0], "The norms should be a torch.Tensor"),
    ],
    "05.4": [
        (_zeros_state(batch_from=64), "Read the batch size from x"),
        (_zeros_state(dtype_from_x=False), "h_0 is float32 but x is float64"),
        (_zeros_state(device_from_x=False), "h_0 is on the device cpu but x is on meta"),
        (_zeros_state(fill=1.0), "the state should be zeros"),
        (_zeros_state(meta_fails=True), "on the 'meta' device"),
        (lambda lstm, x: [x.new_zeros(1)], "Return a pair (h_0, c_0)"),
    ],
    "06.1": [
        (lambda inputs: inputs[:, -1], "index with `-1:` rather than `-1`"),
        (lambda inputs: inputs[:, :1], "oldest value"),
        (lambda inputs: inputs.mean(dim=1, keepdim=True), "not the last value of each window"),
        (lambda inputs: inputs[-1:], "Expected shape (N, 1) = (7, 1)"),
        (lambda inputs: inputs[:, -1:].numpy(), "The forecast should be a torch.Tensor"),
    ],
    "06.2": [
        (_standardise(mean_of="all", std_of="all"), "whole series"),
        (_standardise(std_of="all"), "Take both statistics"),
        (_standardise(only_train=True), "the test part too"),
        (lambda values, is_train: values[None], "Return one number per value"),
        (_standardise(divide=False), "divide by its std"),
    ],
    "06.3": [
        (lambda state: state, "h still requires grad"),
        (lambda state: (state[0].detach(), state[1]), "c still requires grad"),
        (lambda state: (torch.zeros_like(state[0]), torch.zeros_like(state[1])),
         "h must keep its values"),
        (lambda state: state[0].detach(), "Return a pair (h, c)"),
    ],
    "07.1": [
        (96, "perplexity"),
        (math.log2(96), "in bits"),
        (1 / 96, "probability of one character"),
        (-math.log(96), "A loss is -log p"),
        (4.6, "give at least two decimals"),
        (1.0, "The vocabulary has 96 characters"),
        ("4.56", "Your answer should be one number"),
    ],
    "07.2": [
        (lambda logits, temperature: int(logits.argmax()), "greedy decoding"),
        (_sampler("multiply"), "do not multiply"),
        (_sampler("ignore"), "frequencies you draw"),
        (_sampler(fixed=7), "from 0 to 3; got 7"),
        (_sampler(as_float=True), "The index should be a whole number"),
    ],
    "07.3": [
        (_unigram(smoothing=0.0), "add-one smoothing"),
        (_unigram(minlength=False), "minlength=vocab_size"),
        (_unigram(sign=-1.0), "check the sign"),
        (_unigram(log=torch.log2), "in bits"),
        (_unigram(counted="eval"), "You counted eval_ids"),
        (_unigram(smoothing=0.5), "add 1 to every count"),
        (lambda train_ids, eval_ids, vocab_size: "1.6", "The loss should be one number"),
    ],
    "08.1": [
        (lambda output, lengths: last_valid(output, lengths),
         "backward direction runs from the end"),
        (lambda output, lengths: output[-1], "output[-1] is padding"),
        (lambda output, lengths: output[0], "forward half at step 0 has read one element"),
        (lambda output, lengths: torch.cat([output[0, :, 5:], last_valid(output, lengths)[:, :5]],
                                           dim=1), "Put the forward direction first"),
        (lambda output, lengths: output[lengths, torch.arange(len(lengths))],
         "An index ran past the end"),
        (lambda output, lengths: last_valid(output, lengths)[:, :5], "shape (N, 2 * H) = (4, 10)"),
        (lambda output, lengths: output.mean(dim=0), "Not the final states yet"),
    ],
    "08.2": [
        (lambda u: torch.cat([u.mean(dim=1), u.std(dim=1)]), "pooled over the 12 coefficients"),
        (lambda u: u.mean(dim=0), "12 numbers: one statistic"),
        (lambda u: torch.stack([u.mean(dim=0), u.std(dim=0)]), "shape (24,); yours has shape"),
        (lambda u: torch.cat([u.std(dim=0), u.mean(dim=0)]), "The means come first"),
        (lambda u: torch.cat([u.mean(dim=0), u.std(dim=0, correction=0)]), "divides by T;"),
        (lambda u: torch.cat([u.mean(dim=0), u.var(dim=0)]), "That is the variance"),
        (lambda u: torch.cat([u.mean(dim=0), u.std(dim=0)]) + 1, "Not yet: torch.cat"),
    ],
    "08.3": [
        (lambda train, test: (test == test.bincount().argmax()).float().mean().item(),
         "most common class of test_labels"),
        (lambda train, test: int((test == train.bincount().argmax()).sum()), "a count"),
        (lambda train, test: int(train.bincount().argmax()), "the majority class itself"),
        (lambda train, test: (train == train.bincount().argmax()).float().mean().item(),
         "how common the class is in train_labels"),
        (lambda train, test: (test == max(range(len(train.bincount())), key=lambda c: (
            train.bincount()[c], c))).float().mean().item(), "take the lowest class"),
        (lambda train, test: 0.99, "Find the most common class"),
    ],
}


class _Recorder:
    """Stands in for the gettext catalogue: remembers every message the package asks for."""

    def __init__(self):
        self.messages = set()

    def gettext(self, message):
        self.messages.add(message)
        return message

    def ngettext(self, singular, plural, count):
        self.messages.update((singular, plural))
        return singular if count == 1 else plural


@pytest.fixture
def recorder(monkeypatch):
    recorder = _Recorder()
    monkeypatch.setattr(lstm_course.i18n, "_translation", recorder)
    return recorder


def translatable_literals(module):
    """Every string literal a module passes to ``_()`` or ``ngettext()``."""
    tree = ast.parse(inspect.getsource(module))
    literals = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("_", "ngettext"):
            literals.update(arg.value for arg in node.args[:2]
                            if isinstance(arg, ast.Constant) and isinstance(arg.value, str))
    return literals


def from_template(text, templates):
    """Whether ``text`` is one of ``templates`` with its ``{fields}`` filled in."""
    for template in templates:
        pattern = "".join(".*?" if piece.startswith("{") else re.escape(piece)
                          for piece in re.split(r"(\{[^{}]*\})", template))
        if re.fullmatch(pattern, text, flags=re.DOTALL):
            return True
    return False


def test_there_are_exercises():
    assert "01.1" in ALL_IDS and len(LESSON_MODULES) >= 7


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_reference_solution_passes_its_checker(exercise_id, capsys):
    assert check(exercise_id, find(exercise_id).reference_answer()) is True
    assert capsys.readouterr().out == f"✓ {exercise_id}: correct. Well done!\n"


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_every_exercise_has_typical_mistakes(exercise_id):
    assert len(WRONG_ANSWERS.get(exercise_id, [])) >= 2, \
        f"add at least two typical wrong answers for {exercise_id} to WRONG_ANSWERS"


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_typical_mistakes_fail_with_their_hint(exercise_id, capsys, recorder):
    for answer, hint in WRONG_ANSWERS.get(exercise_id, []):
        assert check(exercise_id, answer) is False, hint
        out = capsys.readouterr().out
        assert out.startswith(f"✗ {exercise_id}: not yet. ") and hint in out, (hint, out)
        assert out.count("\n") == 1, out  # one line, no notes for these
        said = out.removeprefix(f"✗ {exercise_id}: not yet. ").strip()
        assert from_template(said, recorder.messages - {"✗ {id}: not yet. {hint}"}), \
            f"{said!r} is not wrapped in _() for translation"


@pytest.mark.parametrize("module", LESSON_MODULES)
def test_every_hint_of_a_lesson_is_reached_by_a_wrong_answer(module, capsys, recorder):
    lesson = importlib.import_module(f"lstm_course.exercises.{module}")
    for exercise_id in IDS_BY_MODULE[module]:
        for answer, _hint in WRONG_ANSWERS.get(exercise_id, []):
            check(exercise_id, answer)
    capsys.readouterr()
    unreached = translatable_literals(lesson) - recorder.messages
    assert not unreached, f"no wrong answer in WRONG_ANSWERS reaches: {sorted(unreached)}"


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_stub_is_not_attempted_yet(exercise_id, capsys):
    assert check(exercise_id, None) is False
    if find(exercise_id).answer_is_function:
        assert check(exercise_id, lambda *args: None) is False  # the stub as notebooks ship it
    lines = capsys.readouterr().out.splitlines()
    expected = f"… {exercise_id}: not attempted yet. Write your answer and run the cell again."
    assert set(lines) == {expected}


@pytest.mark.parametrize("exercise_id", [i for i in ALL_IDS if find(i).answer_is_function])
def test_a_value_where_a_function_is_expected_gets_the_functions_first_line(exercise_id,
                                                                            capsys):
    exercise = find(exercise_id)
    assert check(exercise_id, 3) is False
    name = exercise.reference.__name__
    assert capsys.readouterr().out.startswith(
        f"✗ {exercise_id}: not yet. Give a function, e.g. def {name}(")


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_solution_prints_code_a_learner_would_write(exercise_id, capsys):
    exercise = find(exercise_id)
    solution(exercise_id)
    out = capsys.readouterr().out
    assert out.startswith(f"Reference solution for {exercise_id}:\n\n")
    code = out.split("\n\n", 1)[1]
    if exercise.answer_is_function:
        assert f"def {exercise.reference.__name__}(" in code
        assert not exercise.reference.__name__.startswith("_")
        return
    assert "def " not in code  # an answer as the learner writes it, not a private function
    namespace = {}
    exec(code, namespace)  # noqa: S102 - the package's own solution text
    answer = namespace[f"answer_{exercise_id.replace('.', '_')}"]
    assert check(exercise_id, answer) is True


def test_unknown_ids_are_reported_in_one_line(capsys):
    assert check("01.99", 1) is False
    assert check("first", 1) is False
    solution("01.99")
    solution(None)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "✗ there is no exercise '01.99'; lesson 01 has: 01.1, 01.2, 01.3."
    assert out[1] == "✗ exercise ids look like '01.2' (lesson.number), got 'first'."
    assert out[2] == out[0]
    assert out[3] == "✗ exercise ids look like '01.2' (lesson.number), got None."
    assert check("99.1", 1) is False
    assert capsys.readouterr().out == "✗ there is no exercise '99.1'; lesson 99 has: none.\n"


def test_02_1_reference_reads_hidden_size_from_weight_ih():
    """With a projection, weight_hh has proj_size columns: hidden_size is weight_ih's rows / 4."""
    cell = nn.LSTM(3, 5, proj_size=2)
    x, h = torch.randn(4, 3), torch.randn(4, 2)
    weights = (cell.weight_ih_l0, cell.weight_hh_l0, cell.bias_ih_l0, cell.bias_hh_l0)
    f = find("02.1").reference(x, h, *weights)
    assert f.shape == (4, 5)


def test_05_3_float32_norms_underflow_in_its_second_case():
    """F-X-3: the checker has a case where a float32 norm is 0 but the float64 one is not."""
    from lstm_course.data import adding_problem
    from lstm_course.exercises.lesson05 import _Regressor, input_gradient_norms
    torch.manual_seed(6)
    model = _Regressor(0.3)
    x, y = adding_problem(16, 30, generator=torch.Generator().manual_seed(6))
    right = input_gradient_norms(model, x, y)
    float32 = _gradient_norms(cast_after=True)(model, x, y)
    assert (right[:3] > 0).all() and (float32[:3] == 0).all()


def test_05_3_a_float64_copy_of_the_model_passes_but_changing_the_model_does_not(capsys):
    def input_gradient_norms(model, x, y):
        x = x.double().requires_grad_()
        loss = nn.functional.mse_loss(copy.deepcopy(model).double()(x), y.double())
        loss.backward()
        return x.grad.norm(dim=(1, 2))
    assert check("05.3", input_gradient_norms) is True

    def in_place(model, x, y):
        return input_gradient_norms(model.double(), x, y)  # .double() converts model itself
    assert check("05.3", in_place) is False
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("✗ 05.3: not yet. in_place returns the right answer but changes "
                              "model in place") and len(out) == 2


def test_dtype_is_part_of_the_task_where_it_is_asked_for(capsys):
    reference = find("05.4").reference
    assert check("05.4", lambda lstm, x: tuple(s.double() for s in reference(lstm, x))) is False
    assert "h_0 is float64 but x is float32" in capsys.readouterr().out
    assert find("05.3").dtype_matters and find("05.4").dtype_matters
    assert not find("02.1").dtype_matters


def test_right_numbers_at_the_lessons_precision_pass(capsys):
    assert check("07.1", 4.56) is True  # F-X-1: the value lesson 07 prints
    assert check("07.1", torch.tensor(96.0).log()) is True
    assert check("05.1", torch.sigmoid(torch.tensor(1.0))) is True  # F-X-2
    assert check("05.1", np.float32(0.731)) is True
    assert check("04.3", lambda values, lengths: np.float32(
        find("04.3").reference(values, lengths).item())) is True  # F-X-6
    assert check("07.2", lambda logits, t: np.int64(find("07.2").reference(logits, t))) is True
    capsys.readouterr()
