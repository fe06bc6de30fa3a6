"""The exercise mechanism, and every lesson's reference solutions and typical mistakes."""

import importlib
import pkgutil

import pytest
import torch

import lstm_course.exercises as exercises_package
from lstm_course.exercises import check, find, solution

LESSON_MODULES = [name for _, name, _ in pkgutil.iter_modules(exercises_package.__path__)
                  if name.startswith("lesson")]
ALL_IDS = [exercise_id for module in LESSON_MODULES
           for exercise_id in importlib.import_module(f"lstm_course.exercises.{module}").EXERCISES]

# A typical wrong answer per exercise and a piece of the hint it must get.
# Every exercise needs an entry: the test below fails for one that has none.
WRONG_ANSWERS = {
    "01.1": ({"output": (12, 8), "h_n": (3, 5, 8), "c_n": (3, 5, 8)}, "batch axis"),
    "01.2": (lambda output: output[0], "first time step"),
    "01.3": (lambda lstm, batch: (torch.randn(lstm.num_layers, batch, lstm.hidden_size),) * 2,
             "initial state is all zeros"),
    "02.1": (lambda x, h, w_ih, w_hh, b_ih, b_hh:  # the first block: the input gate
             torch.sigmoid(x @ w_ih[:w_hh.shape[1]].T + b_ih[:w_hh.shape[1]]
                           + h @ w_hh[:w_hh.shape[1]].T + b_hh[:w_hh.shape[1]]),
             "rows of the input gate i"),
    "02.2": (lambda lstm: lstm.weight_hh_l0.chunk(4)[2], "feed the cell candidate g"),
    "02.3": (lambda i, h, layers: layers * (4 * h * (i + h) + 8 * h),
             "input size is hidden_size"),
    "03.1": ({"output": (3, 7, 8), "h_n": (3, 4, 4), "c_n": (3, 4, 16)}, "batch_first moves"),
    "03.2": (lambda x: x.reshape(x.size(1), x.size(0), x.size(2)), "reshape and view"),
    "03.3": (lambda lstm, batch: (torch.zeros(lstm.num_layers, batch, lstm.hidden_size),) * 2,
             "D*num_layers"),
    "03.4": (lambda h_n: h_n[-1], "only the top layer's backward direction"),
    "04.1": (lambda lengths: sorted(lengths, reverse=True), "one entry per time step"),
    "04.2": (lambda output, lengths: output[-1], "output[-1] is padding"),
    "04.3": (lambda values, lengths: values.mean(), "counts the padding steps"),
    "05.1": (0.8176, "adds both biases"),
    "05.2": (lambda lstm, value: _forget_bias_in_both(lstm, value), "set one of them to"),
    "05.3": (lambda model, x, y: _input_gradient_norms_float32(model, x, y), "float64"),
    "05.4": (lambda lstm, x: (torch.zeros(lstm.num_layers, 64, lstm.hidden_size),) * 2,
             "Read the batch size from x"),
    "06.1": (lambda inputs: inputs[:, :1], "oldest value"),
    "06.2": (lambda values, is_train: (values - values.mean()) / values.std(), "whole series"),
    "06.3": (lambda state: state, "Call .detach()"),
    "07.1": (96, "perplexity"),
    "07.2": (lambda logits, temperature: int(torch.multinomial(
        torch.softmax(logits * temperature, dim=0), 1)), "do not multiply"),
    "07.3": (lambda train_ids, eval_ids, vocab_size: -(
        torch.bincount(train_ids, minlength=vocab_size) / len(train_ids)).log()[eval_ids].mean(),
             "add-one smoothing"),
}


def _forget_bias_in_both(lstm, value):
    """05.2's trap: the same value in bias_ih and bias_hh makes the gate's bias 2 * value."""
    hidden = lstm.hidden_size
    with torch.no_grad():
        for name, parameter in lstm.named_parameters():
            if name.startswith("bias"):
                parameter[hidden:2 * hidden] = value
    return lstm


def _input_gradient_norms_float32(model, x, y):
    x = x.clone().requires_grad_()
    (grad,) = torch.autograd.grad(torch.nn.functional.mse_loss(model(x), y), x)
    return grad.norm(dim=(1, 2))


def test_there_are_exercises():
    assert "01.1" in ALL_IDS


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_reference_solution_passes_its_checker(exercise_id, capsys):
    assert check(exercise_id, find(exercise_id).reference_answer()) is True
    assert capsys.readouterr().out.startswith(f"✓ {exercise_id}")


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_typical_mistake_fails_with_its_hint(exercise_id, capsys):
    assert exercise_id in WRONG_ANSWERS, f"add a typical wrong answer for {exercise_id}"
    answer, hint = WRONG_ANSWERS[exercise_id]
    assert check(exercise_id, answer) is False
    out = capsys.readouterr().out
    assert out.startswith(f"✗ {exercise_id}: not yet.") and hint in out


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_stub_is_not_attempted_yet(exercise_id, capsys):
    assert check(exercise_id, None) is False
    assert "not attempted yet" in capsys.readouterr().out


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_solution_prints_runnable_code(exercise_id, capsys):
    solution(exercise_id)
    out = capsys.readouterr().out
    assert out.startswith(f"Reference solution for {exercise_id}:") and "def " in out


def test_a_learner_function_that_raises_is_a_hint_not_a_traceback(capsys):
    assert check("01.2", lambda output: output[99]) is False
    assert "raised IndexError" in capsys.readouterr().out


def test_unknown_ids_are_reported_in_one_line(capsys):
    assert check("01.99", 1) is False
    assert check("first", 1) is False
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "✗ there is no exercise '01.99'; lesson 01 has: 01.1, 01.2, 01.3."
    assert out[1].startswith("✗ exercise ids look like '01.2'")
    with pytest.raises(ValueError):
        solution("01.99")


def test_checking_does_not_move_the_learners_random_state():
    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    check("01.2", lambda output: output[-1])
    assert torch.equal(torch.rand(3), expected)


def test_a_function_stub_returning_none_is_not_attempted(capsys):
    def top_layer_final(output):
        return None  # the stub as the notebook ships it

    assert check("01.2", top_layer_final) is False
    assert "not attempted yet" in capsys.readouterr().out
