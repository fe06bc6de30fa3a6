"""lstm_course.train: the device helper and the training loop, checked against torch itself."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

from lstm_course.train import DEVICE_VARIABLE, History, default_device, fit


def mse(model, batch):
    x, y = batch
    return nn.functional.mse_loss(model(x), y)


def line_problem(n=64, seed=0):
    """y = 3x - 1 plus a little noise: a linear model can learn it in a few hundred steps."""
    generator = torch.Generator().manual_seed(seed)
    x = torch.rand(n, 1, generator=generator)
    return x, 3 * x - 1 + 0.01 * torch.randn(n, 1, generator=generator)


# --- default_device ---------------------------------------------------------------------

def test_the_variable_forces_the_cpu(monkeypatch):
    monkeypatch.setenv(DEVICE_VARIABLE, "cpu")
    assert default_device() == torch.device("cpu")


def test_without_the_variable_cuda_is_used_when_present(monkeypatch):
    monkeypatch.delenv(DEVICE_VARIABLE, raising=False)
    assert default_device().type == ("cuda" if torch.cuda.is_available() else "cpu")
    monkeypatch.setenv(DEVICE_VARIABLE, "  ")  # blank counts as unset
    assert default_device().type == ("cuda" if torch.cuda.is_available() else "cpu")


def test_the_variable_names_any_device(monkeypatch):
    monkeypatch.setenv(DEVICE_VARIABLE, "cuda:1")
    assert default_device() == torch.device("cuda", 1)


def test_an_unknown_device_name_is_a_clear_error(monkeypatch):
    monkeypatch.setenv(DEVICE_VARIABLE, "gpu")
    with pytest.raises(ValueError, match="LSTM_COURSE_DEVICE='gpu' is not a device"):
        default_device()


# --- fit: training ----------------------------------------------------------------------

def test_loss_decreases_and_history_has_one_entry_per_step():
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    batch = line_problem()
    history = fit(model, mse, [batch], torch.optim.Adam(model.parameters(), lr=0.05),
                  steps=300, progress=False)
    assert isinstance(history, History)
    assert history.steps == len(history.losses) == len(history.grad_norms) == 300
    assert history.losses[-1] < history.losses[0] / 100
    assert history.evals == [] and history.solved_at is None and history.seconds > 0
    torch.testing.assert_close(model.weight.detach(), torch.tensor([[3.0]]), atol=0.05, rtol=0)


def test_loss_and_grad_norm_are_those_of_the_batch_before_the_step():
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    batch = line_problem()
    expected_loss = mse(model, batch)
    expected_norm = torch.cat([g.flatten() for g in torch.autograd.grad(
        expected_loss, list(model.parameters()))]).norm()
    history = fit(model, mse, [batch], torch.optim.SGD(model.parameters(), lr=0.1),
                  steps=1, progress=False)
    assert history.losses == [pytest.approx(expected_loss.item())]
    assert history.grad_norms == [pytest.approx(expected_norm.item())]


@given(scale=st.floats(0.01, 100.0), clip=st.floats(0.1, 10.0))
def test_clipping_rescales_the_step_to_the_clip_norm(scale, clip):
    # With SGD(lr=1) a step moves the parameters by minus the (clipped) gradient.
    model = nn.Linear(3, 1)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[1.0, -2.0, 0.5]]))
        model.bias.fill_(0.25)
    x = scale * torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]])

    def loss_fn(model, batch):
        return model(batch).sum()

    before = [p.detach().clone() for p in model.parameters()]
    grads = torch.autograd.grad(loss_fn(model, x), list(model.parameters()))
    full_norm = torch.cat([g.flatten() for g in grads]).norm().item()
    history = fit(model, loss_fn, [x], torch.optim.SGD(model.parameters(), lr=1.0),
                  steps=1, clip_grad_norm=clip, progress=False)
    assert history.grad_norms[0] == pytest.approx(full_norm, rel=1e-5)
    factor = min(1.0, clip / full_norm)
    for p, b, g in zip(model.parameters(), before, grads, strict=True):
        torch.testing.assert_close(b - p.detach(), factor * g, rtol=1e-4, atol=1e-5 * clip)


# --- fit: batches -----------------------------------------------------------------------

def test_a_list_of_batches_is_read_again_and_again():
    seen = []

    def loss_fn(model, batch):
        seen.append(batch)
        return model(torch.ones(1, 1)).sum() * batch

    model = nn.Linear(1, 1)
    fit(model, loss_fn, [1.0, 2.0, 3.0], torch.optim.SGD(model.parameters(), lr=0.0),
        steps=7, progress=False)
    assert seen == [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 1.0]


def test_a_function_gives_a_new_batch_per_step():
    calls = []

    def make_batch():
        calls.append(len(calls))
        return line_problem(seed=len(calls))

    model = nn.Linear(1, 1)
    fit(model, mse, make_batch, torch.optim.SGD(model.parameters(), lr=0.1), steps=5,
        progress=False)
    assert calls == [0, 1, 2, 3, 4]


def test_an_exhausted_generator_is_a_clear_error():
    model = nn.Linear(1, 1)
    batches = (line_problem(seed=seed) for seed in range(2))
    with pytest.raises(ValueError, match="A generator can be read only once"):
        fit(model, mse, batches, torch.optim.SGD(model.parameters(), lr=0.1), steps=5,
            progress=False)


def test_bad_arguments_are_clear_errors():
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    with pytest.raises(TypeError, match="batches must be an iterable of batches"):
        fit(model, mse, 3, optimizer, steps=1, progress=False)
    with pytest.raises(ValueError, match=r"one element, got a tensor of shape \(64, 1\)"):
        fit(model, lambda m, b: m(b[0]) - b[1], [line_problem()], optimizer, steps=1,
            progress=False)
    with pytest.raises(ValueError, match="steps must be at least 1, got 0"):
        fit(model, mse, [line_problem()], optimizer, steps=0, progress=False)
    with pytest.raises(TypeError, match="steps must be an int, got float 2.5"):
        fit(model, mse, [line_problem()], optimizer, steps=2.5, progress=False)
    with pytest.raises(ValueError, match="target needs evaluate"):
        fit(model, mse, [line_problem()], optimizer, steps=1, target=0.1, progress=False)


@pytest.mark.parametrize("clip", [0, -1.0, math.nan, math.inf, -math.inf])
def test_a_clip_that_is_not_a_positive_finite_number_is_refused_before_any_step(clip):
    model = nn.Linear(1, 1)
    before = model.weight.detach().clone()
    with pytest.raises(ValueError, match="clip_grad_norm must be a finite number above 0"):
        fit(model, mse, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1),
            steps=3, clip_grad_norm=clip, progress=False)
    assert torch.equal(model.weight, before)
    with pytest.raises(TypeError, match="clip_grad_norm must be a number, got str '1'"):
        fit(model, mse, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1),
            steps=3, clip_grad_norm="1", progress=False)


def test_an_optimizer_of_another_model_is_refused():
    model, other = nn.Linear(1, 1), nn.Linear(1, 1)
    with pytest.raises(ValueError, match="optimizer holds none of model's parameters"):
        fit(model, mse, [line_problem()], torch.optim.SGD(other.parameters(), lr=0.1),
            steps=3, progress=False)
    with pytest.raises(TypeError, match="optimizer must be a torch.optim.Optimizer, got None"):
        fit(model, mse, [line_problem()], None, steps=3, progress=False)
    # Part of the model (a frozen embedding, a second optimizer) is fine.
    both = nn.Sequential(model, nn.Linear(1, 1))
    fit(both, mse, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1), steps=2,
        progress=False)


def test_a_model_without_trainable_parameters_is_refused():
    model = nn.Linear(1, 1).requires_grad_(False)
    with pytest.raises(ValueError, match="model has no parameter that requires grad"):
        fit(model, mse, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1),
            steps=3, progress=False)
    with pytest.raises(TypeError, match="model must be a torch.nn.Module, got None"):
        fit(None, mse, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1),
            steps=3, progress=False)


def test_a_loss_cut_off_from_the_gradients_is_named_with_the_fix():
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    with pytest.raises(TypeError, match=r"got the number .*\.item\(\) and float\(\) cut"):
        fit(model, lambda m, b: mse(m, b).item(), [line_problem()], optimizer, steps=3,
            progress=False)
    with pytest.raises(ValueError, match=r"step 1 does not require grad.*torch.no_grad\(\)"):
        fit(model, lambda m, b: mse(m, b).detach(), [line_problem()], optimizer, steps=3,
            progress=False)

    def no_grad_loss(model, batch):
        with torch.no_grad():
            return mse(model, batch)

    with pytest.raises(ValueError, match="does not require grad"):
        fit(model, no_grad_loss, [line_problem()], optimizer, steps=3, progress=False)


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_a_non_finite_loss_stops_the_run_naming_the_step(bad):
    model = nn.Linear(1, 1)
    calls = []

    def loss_fn(model, batch):
        calls.append(1)
        loss = mse(model, batch)
        return loss * bad if len(calls) == 3 else loss

    with pytest.raises(ValueError, match=rf"loss of step 3 is {bad}: training diverged"):
        fit(model, loss_fn, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1),
            steps=10, progress=False)
    assert len(calls) == 3 and torch.isfinite(model.weight).all()


@pytest.mark.parametrize("returned", [None, "0.5", (0.1, 0.2), [0.1], True,
                                      torch.tensor([0.1, 0.2])])
def test_an_evaluate_that_returns_something_other_than_one_number_is_refused(returned):
    model = nn.Linear(1, 1)
    with pytest.raises(TypeError, match="evaluate must return one number"):
        fit(model, mse, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1),
            steps=2, evaluate=lambda m: returned, progress=False)
    assert model.training


@pytest.mark.parametrize("returned", [1, 0.5, np.float32(0.5), torch.tensor(0.5),
                                      torch.tensor([0.5])])
def test_evaluate_may_return_any_one_number(returned):
    model = nn.Linear(1, 1)
    history = fit(model, mse, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1),
                  steps=2, evaluate=lambda m: returned, progress=False)
    assert history.evals == [(2, pytest.approx(float(returned)))]


@pytest.mark.parametrize("where", ["loss_fn", "evaluate", "batches"])
def test_the_model_is_back_in_train_mode_whatever_happens(where):
    model = nn.Sequential(nn.Linear(1, 1), nn.Dropout(0.5))

    def broken(*args):
        raise RuntimeError("learner's bug")

    loss_fn = broken if where == "loss_fn" else mse
    evaluate = broken if where == "evaluate" else None
    batches = broken if where == "batches" else [line_problem()]
    model.eval()
    with pytest.raises(RuntimeError, match="learner's bug"):
        fit(model, loss_fn, batches, torch.optim.SGD(model.parameters(), lr=0.1), steps=2,
            evaluate=evaluate, eval_every=1, progress=False)
    assert model.training


def test_a_closure_can_carry_and_detach_state_between_steps():
    # The truncated-BPTT pattern of lesson 06: chunks of one long series, state carried over.
    torch.manual_seed(0)
    lstm, head = nn.LSTM(1, 4), nn.Linear(4, 1)
    model = nn.ModuleList([lstm, head])
    series = torch.sin(torch.linspace(0, 20, 201)).reshape(-1, 1, 1)
    chunks = [(series[i:i + 20], series[i + 1:i + 21]) for i in range(0, 180, 20)]
    state = None

    def loss_fn(model, batch):
        nonlocal state
        x, y = batch
        output, state = lstm(x, state)
        state = tuple(s.detach() for s in state)  # without this, step 2 fails in backward()
        return nn.functional.mse_loss(head(output), y)

    history = fit(model, loss_fn, chunks, torch.optim.Adam(model.parameters(), lr=0.02),
                  steps=90, progress=False)
    assert history.steps == 90 and history.losses[-1] < history.losses[0]


# --- fit: evaluation and early stop ---------------------------------------------------

def test_evaluate_runs_every_eval_every_steps_and_after_the_last():
    model = nn.Linear(1, 1)
    history = fit(model, mse, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1),
                  steps=25, evaluate=lambda m: 1.0, eval_every=10, progress=False)
    assert [step for step, _ in history.evals] == [10, 20, 25]
    assert history.best_eval == 1.0


def test_evaluate_sees_eval_mode_without_autograd_and_training_resumes_in_train_mode():
    model = nn.Sequential(nn.Linear(1, 1), nn.Dropout(0.5))
    seen = []

    def evaluate(model):
        seen.append((model.training, torch.is_grad_enabled()))
        return 0.5

    def loss_fn(model, batch):
        seen.append(("step", model.training))
        return mse(model, batch)

    fit(model, loss_fn, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1),
        steps=2, evaluate=evaluate, eval_every=1, progress=False)
    assert seen == [("step", True), (False, False), ("step", True), (False, False)]
    assert model.training


def test_early_stop_at_the_first_evaluation_below_target():
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    x, y = line_problem(seed=1)

    def test_mse(model):
        return nn.functional.mse_loss(model(x), y)  # a tensor is fine: fit takes float() of it

    history = fit(model, mse, [line_problem()], torch.optim.Adam(model.parameters(), lr=0.05),
                  steps=5000, evaluate=test_mse, eval_every=10, target=0.01, progress=False)
    assert history.solved_at == history.steps < 5000 and history.steps % 10 == 0
    values = [value for _, value in history.evals]
    assert values[-1] < 0.01 and all(value >= 0.01 for value in values[:-1])
    assert history.best_eval == values[-1]


def test_a_target_never_met_runs_every_step():
    model = nn.Linear(1, 1)
    history = fit(model, mse, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1),
                  steps=30, evaluate=lambda m: 1.0, eval_every=10, target=0.5, progress=False)
    assert history.steps == 30 and history.solved_at is None


def test_the_progress_bar_writes_to_stderr_only_when_asked(capsys):
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    fit(model, mse, [line_problem()], optimizer, steps=3, desc="demo", progress=False)
    assert capsys.readouterr().err == ""
    fit(model, mse, [line_problem()], optimizer, steps=3, desc="demo")
    err = capsys.readouterr().err
    assert "demo" in err and "3/3" in err


def test_an_early_stop_leaves_a_full_bar(capsys):
    model = nn.Linear(1, 1)
    fit(model, mse, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1), steps=100,
        evaluate=lambda m: 0.0, eval_every=10, target=0.5, desc="demo")
    last = capsys.readouterr().err.split("\r")[-1]
    assert "10/10" in last and "100%" in last


# --- the progress bar in a notebook -----------------------------------------------------

@pytest.mark.parametrize(("steps", "target", "finished"), [(6, None, "6/6"), (400, 0.5, None)])
def test_a_notebook_bar_is_stored_as_finished(monkeypatch, steps, target, finished):
    # A notebook keeps the text a widget had when first displayed ("0%"); fit shows it
    # again at the end, so the stored text is the finished bar, also after an early stop.
    import IPython.display
    import tqdm.notebook

    from lstm_course import train

    shown = []

    class Handle:
        def update(self, obj):
            shown.append(repr(obj))

    def display(obj, display_id=False):
        assert display_id
        shown.append(repr(obj))
        return Handle()

    monkeypatch.setattr(IPython.display, "display", display)
    monkeypatch.setattr(train, "tqdm", tqdm.notebook.tqdm)
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    history = fit(model, mse, [line_problem()], torch.optim.SGD(model.parameters(), lr=0.1),
                  steps=steps, evaluate=lambda m: mse(m, line_problem(seed=1)), eval_every=5,
                  target=target)
    assert len(shown) == 2 and f"0/{steps}" in shown[0]
    assert "100%" in shown[1] and (finished or f"{history.steps}/{history.steps}") in shown[1]
    assert target is None or history.solved_at is not None
