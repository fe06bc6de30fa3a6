"""The checker cannot hang, be fooled, or blame the learner for its own errors.

Every property is tried on every exercise the registry finds (each ``lessonNN`` module of
``lstm_course.exercises``), with answers built from the exercise's own reference solution,
so a new lesson's exercises are covered without being listed here.
"""

import ast
import importlib
import inspect
import math
import pkgutil
import random
import re
import signal
import threading
import time
import warnings

import nbformat
import numpy as np
import pytest
import torch
from nbclient import NotebookClient
from torch import nn

import lstm_course.exercises as exercises_package
import lstm_course.i18n
from lstm_course.exercises import Exercise, answers, check, find, running, solution

LESSON_MODULES = [name for _, name, _ in pkgutil.iter_modules(exercises_package.__path__)
                  if name.startswith("lesson")]
ALL_IDS = [exercise_id for module in LESSON_MODULES
           for exercise_id in importlib.import_module(f"lstm_course.exercises.{module}").EXERCISES]
FUNCTION_IDS = [i for i in ALL_IDS if find(i).answer_is_function]
pytestmark = pytest.mark.usefixtures("one_thread")  # tiny tensors, a loaded 2-core machine
LIMIT_S = 0.3  # the time limit in these tests; the package's own is running.TIME_LIMIT_S
MARGIN_S = 5.0  # a loaded machine: a check must end well within limit + margin


@pytest.fixture
def short_limit(monkeypatch):
    """The learner's code gets LIMIT_S; the judges' own work (slow on a loaded machine) more."""
    monkeypatch.setattr(running, "TIME_LIMIT_S", LIMIT_S)
    monkeypatch.setattr(running, "CHECK_LIMIT_FACTOR", 40)


def one_line(out):
    assert out.count("\n") == 1 and "Traceback" not in out, out
    return out


def map_leaves(value, leaf):
    """``value`` with every tensor, number and module replaced by ``leaf(it)``."""
    if isinstance(value, dict):
        return {key: map_leaves(item, leaf) for key, item in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # PackedSequence and the like
        return type(value)(*(map_leaves(item, leaf) for item in value))
    if isinstance(value, (tuple, list)) and not isinstance(value, torch.Size):
        return type(value)(map_leaves(item, leaf) for item in value)
    return leaf(value)


def answer_from_reference(exercise_id, transform):
    """An answer whose result is ``transform`` of the reference's (for a function, per call)."""
    exercise = find(exercise_id)
    if not exercise.answer_is_function:
        return transform(exercise.reference_answer())
    reference = exercise.reference

    def answer(*args):
        return transform(reference(*args))
    return answer


def plus_one(value):
    """A wrong answer near the right one: every leaf moved by one."""
    def leaf(item):
        if isinstance(item, torch.Tensor):
            return item.detach() + 1
        if isinstance(item, nn.Module):
            with torch.no_grad():
                for parameter in item.parameters():
                    parameter.add_(1)
            return item
        if isinstance(item, (int, float)):
            return item + 1
        return item
    return map_leaves(value, leaf)


# --- a time limit -------------------------------------------------------------------------

class Hanging:
    """Every operation a checker could try on an answer loops forever."""

    def _forever(self, *args, **kwargs):
        while True:
            pass

    __eq__ = __ne__ = __lt__ = __iter__ = __len__ = __float__ = __int__ = __index__ = _forever
    __bool__ = __repr__ = __str__ = __getitem__ = __array__ = __format__ = _forever
    __hash__ = None


class HangingKey(str):
    """A dict key equal in hash to a real key, whose comparison loops forever."""

    def __hash__(self):
        return hash(str(self))

    def __eq__(self, other):
        while True:
            pass


ENTERED = []  # when hang() was last entered: the judge's own work before it does not count


def hang(*args):
    ENTERED.append(time.monotonic())
    while True:
        pass


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_a_hanging_answer_returns_within_the_limit(exercise_id, short_limit, capsys):
    exercise = find(exercise_id)
    if exercise.answer_is_function:
        hanging = [hang, lambda *args: Hanging()]
    else:
        reference = exercise.reference_answer()
        hanging = [Hanging(), map_leaves(reference, lambda leaf: Hanging())]
        if isinstance(reference, dict):
            hanging.append({HangingKey(key): 0 for key in reference})
    for answer in hanging:
        ENTERED.clear()
        start = time.monotonic()
        assert check(exercise_id, answer) is False
        assert time.monotonic() - (ENTERED[-1] if ENTERED else start) < LIMIT_S + MARGIN_S
        out = one_line(capsys.readouterr().out)
        assert out.startswith(f"✗ {exercise_id}: ")
        if answer is hang:
            assert f"hang ran for more than {LIMIT_S:g} seconds and was stopped" in out


def test_a_sleeping_or_stubborn_function_is_stopped_too(short_limit, capsys):
    def sleeper(output):
        time.sleep(60)

    def stubborn(output):  # catches the first interruption and carries on
        try:
            while True:
                pass
        except BaseException:
            pass
        while True:
            pass

    for answer in (sleeper, stubborn):
        start = time.monotonic()
        assert check("01.2", answer) is False
        assert time.monotonic() - start < LIMIT_S + MARGIN_S
        assert f"ran for more than {LIMIT_S:g} seconds" in one_line(capsys.readouterr().out)


def test_a_slow_answer_called_many_times_is_stopped_in_all(short_limit, monkeypatch, capsys):
    """Each call may take LIMIT_S; the whole check CHECK_LIMIT_FACTOR times that."""
    monkeypatch.setattr(running, "CHECK_LIMIT_FACTOR", 2)
    reference = find("07.2").reference

    def slow(logits, temperature):  # 6000 calls of 2 ms: fine one by one, too slow in all
        time.sleep(0.002)
        return reference(logits, temperature)

    start = time.monotonic()
    assert check("07.2", slow) is False
    assert time.monotonic() - start < 2 * LIMIT_S + MARGIN_S
    out = one_line(capsys.readouterr().out)
    assert re.fullmatch(r"✗ 07\.2: not yet\. The checker called slow \d+ times and stopped "
                        r"after 0\.6 seconds in all\. Make it faster: printing inside it, for "
                        r"example, is slow\.\n", out), out


def test_the_limit_holds_outside_the_main_thread_and_beside_another_alarm(short_limit, capsys):
    results = []
    thread = threading.Thread(target=lambda: results.append(check("01.2", hang)))
    start = time.monotonic()
    thread.start()
    thread.join(LIMIT_S + MARGIN_S)
    assert results == [False] and time.monotonic() - start < LIMIT_S + MARGIN_S
    old = signal.signal(signal.SIGALRM, lambda *args: None)  # someone else's alarm handler
    try:
        assert check("01.2", hang) is False
        assert signal.getsignal(signal.SIGALRM) is not signal.SIG_DFL
    finally:
        signal.signal(signal.SIGALRM, old)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and all("ran for more than" in line for line in out)


def test_the_limit_in_a_jupyter_kernel():
    """In a real kernel (the learner's case): endless loop, sleep, and the learner's interrupt."""
    cells = [
        "import time\nfrom lstm_course.exercises import check, running\n"
        "running.TIME_LIMIT_S = 1.0",
        "def spin(output):\n    while True:\n        pass\n\n"
        "start = time.monotonic()\nok = check('01.2', spin)\n"
        "print(ok, time.monotonic() - start < 4)",
        "def nap(output):\n    time.sleep(60)\n\n"
        "start = time.monotonic()\nok = check('01.2', nap)\n"
        "print(ok, time.monotonic() - start < 4)",
        # nbclient interrupts this cell after its 4 s timeout, as the stop button would
        "running.TIME_LIMIT_S = 60.0\nok = check('01.2', nap)\nprint(ok)",
        "import signal\nprint(signal.getsignal(signal.SIGALRM) is signal.SIG_DFL, "
        "signal.getitimer(signal.ITIMER_REAL))",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    client = NotebookClient(notebook, kernel_name="python3", timeout=60, startup_timeout=120)
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            if index == 3:
                client.timeout, client.interrupt_on_timeout = 4, True
            client.execute_cell(cell, index)
            client.timeout, client.interrupt_on_timeout = 60, False
    texts = ["".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
             for cell in notebook.cells]
    assert all(o.output_type == "stream" for cell in notebook.cells for o in cell.outputs)
    for text in texts[1:3]:
        lines = text.splitlines()
        assert len(lines) == 2 and "ran for more than 1 seconds" in lines[0], text
        assert lines[1] == "False True"
    assert texts[3].splitlines() == [
        "✗ 01.2: not yet. nap was interrupted (KeyboardInterrupt) before it returned.",
        "False"]
    assert texts[4].strip() == "True (0.0, 0.0)"


# --- the learner's errors and the checker's --------------------------------------------------

@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
def test_an_exception_in_the_learners_code_is_one_line_naming_it(exercise_id, capsys):
    def broken(*args):
        raise ValueError("boom\nsecond line")

    def interrupted(*args):
        raise KeyboardInterrupt

    def leaving(*args):
        raise SystemExit(1)

    for answer, said in ((broken, "broken raised ValueError: boom at its line 2."),
                         (interrupted, "interrupted was interrupted (KeyboardInterrupt)"),
                         (leaving, "leaving called exit() (SystemExit)")):
        assert check(exercise_id, answer) is False
        out = one_line(capsys.readouterr().out)
        assert out.startswith(f"✗ {exercise_id}: not yet. {said}"), out


@pytest.mark.parametrize("failure", [ZeroDivisionError("oops"), KeyboardInterrupt(), 42])
def test_an_error_inside_a_judge_is_the_checkers(failure, monkeypatch, capsys):
    lesson = importlib.import_module("lstm_course.exercises.lesson01")

    def judge(answer):
        exercises_package.call(answer, torch.zeros(3, 2, 4))  # the learner's part works
        if isinstance(failure, BaseException):
            raise failure
        return failure  # neither a hint nor None

    monkeypatch.setitem(lesson.EXERCISES, "01.2",
                        Exercise(judge, lesson.top_layer_final, answer_is_function=True))
    assert check("01.2", lambda output: output[-1]) is False
    out = one_line(capsys.readouterr().out)
    assert out in ("✗ 01.2: The checker itself failed (ZeroDivisionError: oops). This is a "
                   "mistake in the course, not in your answer; please report it.\n",
                   "✗ 01.2: The checker itself failed (TypeError: the judge returned int, not "
                   "a hint or None). This is a mistake in the course, not in your answer; "
                   "please report it.\n",
                   "✗ 01.2: Checking was interrupted before it finished. Run the cell again to "
                   "check your answer.\n")


def test_a_slow_judge_is_not_blamed_on_the_learner(short_limit, monkeypatch, capsys):
    lesson = importlib.import_module("lstm_course.exercises.lesson01")
    monkeypatch.setattr(running, "CHECK_LIMIT_FACTOR", 2)
    monkeypatch.setitem(lesson.EXERCISES, "01.1",
                        Exercise(lambda answer: hang(), lesson._reference_shapes))
    assert check("01.1", {}) is False
    assert one_line(capsys.readouterr().out) == (
        f"✗ 01.1: Checking your answer took more than {running.CHECK_LIMIT_FACTOR * LIMIT_S:g} "
        "seconds and was stopped.\n")


# --- answers that try to pass without being right --------------------------------------------

def mutate(value):
    """Change ``value`` in place where it can be changed; whether anything was."""
    if isinstance(value, torch.Tensor):
        with torch.no_grad():
            value.logical_not_() if value.dtype == torch.bool else value.add_(1)
        return True
    if isinstance(value, nn.Module):
        with torch.no_grad():
            for parameter in value.parameters():
                parameter.add_(1)
        return True
    if isinstance(value, list) and value and all(type(item) in (int, float) for item in value):
        value[:] = [item + 1 for item in value]
        return True
    if isinstance(value, (tuple, list)):
        return any([mutate(item) for item in value])
    return False


@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
def test_a_mutating_answer_cannot_pass(exercise_id, capsys):
    """An answer that changes its inputs, then answers for the changed inputs, fails."""
    reference, changed = find(exercise_id).reference, []

    def mutating(*args):
        changed.append(any([mutate(arg) for arg in args]))
        return reference(*args)

    passed = check(exercise_id, mutating)
    out = capsys.readouterr().out
    if any(changed):
        assert passed is False, out
    else:  # nothing it receives can change (numbers only): the reference itself
        assert passed is True, out


def test_an_answer_told_it_changed_its_input(capsys):
    def standardise(values, is_train):
        values -= values[is_train].mean()  # right values, but the caller's tensor changes
        values /= values[is_train].std()
        return values

    assert check("06.2", standardise) is False
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "✗ 06.2: not yet. standardise returns the right answer but changes values in place, "
        "so the caller's own objects would change too. Work on new objects instead: values - "
        "mean rather than values -= mean, sorted(lengths) rather than lengths.sort(), or a "
        "copy (x.clone(), copy.deepcopy(model))."]
    assert check("06.2", lambda values, is_train: values.mul_(2)) is False
    assert capsys.readouterr().out.splitlines()[1] == (
        "Note: your function changed its input values in place.")


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


class EqualFloat(float):
    __eq__ = AlwaysEqual.__eq__
    __ne__ = AlwaysEqual.__ne__
    __hash__ = float.__hash__


class EqualInt(int):
    __eq__ = AlwaysEqual.__eq__
    __ne__ = AlwaysEqual.__ne__
    __hash__ = int.__hash__


class EqualTuple(tuple):
    __eq__ = AlwaysEqual.__eq__
    __ne__ = AlwaysEqual.__ne__
    __hash__ = tuple.__hash__


class EqualTensor(torch.Tensor):
    """A tensor subclass that answers True to every comparison torch offers."""

    COMPARISONS = {torch.equal, torch.allclose, torch.Tensor.equal, torch.Tensor.allclose,
                   torch.Tensor.__eq__, torch.eq, torch.isclose, torch.Tensor.eq}

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        if func in cls.COMPARISONS:
            return True
        return super().__torch_function__(func, types, args, kwargs or {})


def always_equal(item):
    if isinstance(item, torch.Tensor):
        return (item.detach().float() + 1).as_subclass(EqualTensor)
    if isinstance(item, bool) or not isinstance(item, (int, float)):
        return AlwaysEqual()
    if isinstance(item, int):
        return EqualInt(item + 1)
    return EqualFloat(item + 1)


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_an_always_equal_answer_cannot_pass(exercise_id, capsys):
    wrapped = [AlwaysEqual(), EqualFloat(0.0), EqualInt(0), EqualTuple((0, 0, 0))]
    if find(exercise_id).answer_is_function:
        wrapped = [lambda *args, value=value: value for value in wrapped]
    candidates = [*wrapped, answer_from_reference(exercise_id,
                                                  lambda r: map_leaves(r, always_equal))]
    for answer in candidates:
        assert check(exercise_id, answer) is False
        one_line(capsys.readouterr().out)


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_patched_torch_comparisons_cannot_pass(exercise_id, monkeypatch, capsys):
    wrong = answer_from_reference(exercise_id, plus_one)
    assert check(exercise_id, wrong) is False  # wrong even without help
    for owner, name in ((torch, "allclose"), (torch, "equal"), (torch.Tensor, "equal"),
                        (torch.Tensor, "allclose"), (math, "isclose")):
        monkeypatch.setattr(owner, name, lambda *args, **kwargs: True)
    monkeypatch.setattr(torch, "isclose", lambda a, b, **kwargs: torch.ones_like(a).bool())
    assert check(exercise_id, wrong) is False
    monkeypatch.undo()
    capsys.readouterr()


@pytest.mark.parametrize("exercise_id", FUNCTION_IDS)
def test_torch_functions_replaced_while_judging_are_put_back(exercise_id, capsys):
    originals = torch.allclose, torch.equal, torch.Tensor.__eq__
    wrong = answer_from_reference(exercise_id, plus_one)

    def sneaky(*args):
        torch.allclose = torch.equal = lambda *a, **k: True
        torch.Tensor.__eq__ = lambda self, other: True
        return wrong(*args)

    try:
        assert check(exercise_id, sneaky) is False
        assert (torch.allclose, torch.equal, torch.Tensor.__eq__) == originals
    finally:
        torch.allclose, torch.equal, torch.Tensor.__eq__ = originals
    note = capsys.readouterr().out.splitlines()[-1]
    assert note.startswith("Note: your code replaced ") and note.endswith(
        "while it was checked; the checker put the originals back.")
    assert all(name in note for name in ("torch.allclose", "torch.equal", "torch.Tensor.__eq__"))


# --- right answers in every reasonable form ---------------------------------------------------

def forms(value, dtype_matters):
    """The same right answer written differently: other dtypes, NumPy scalars, 0-d tensors."""
    found = []

    def transform(change):
        return map_leaves(value, change)

    leaves = []
    map_leaves(value, lambda leaf: leaves.append(leaf) or leaf)
    if any(isinstance(leaf, torch.Tensor) and leaf.is_floating_point() for leaf in leaves) \
            and not dtype_matters:
        for dtype in (torch.float64, torch.float32):
            found.append(transform(lambda leaf, dtype=dtype: leaf.to(dtype)
                                   if isinstance(leaf, torch.Tensor)
                                   and leaf.is_floating_point() else leaf))
    if any(type(leaf) in (int, float) for leaf in leaves):
        for to_numpy in (np.float64, np.float32):
            found.append(transform(lambda leaf, to_numpy=to_numpy: (
                (np.int64 if type(leaf) is int else to_numpy)(leaf)
                if type(leaf) in (int, float) else leaf)))
        found.append(transform(lambda leaf: torch.tensor(leaf) if type(leaf) in (int, float)
                               else leaf))
        found.append(transform(lambda leaf: torch.tensor([leaf], dtype=torch.float64)
                               if type(leaf) is float else leaf))
    return found


def reference_results(exercise_id):
    """The reference's result for the checker's own inputs (recorded through a wrapper)."""
    exercise, results = find(exercise_id), []
    if not exercise.answer_is_function:
        return [exercise.reference_answer()]

    def recording(*args):
        results.append(exercise.reference(*args))
        return results[-1]
    check(exercise_id, recording)
    return results


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_a_right_answer_in_another_form_passes(exercise_id, capsys):
    exercise = find(exercise_id)
    sample = reference_results(exercise_id)[0]
    capsys.readouterr()
    count = len(forms(sample, exercise.dtype_matters))
    for k in range(count):
        if exercise.answer_is_function:
            def answer(*args, k=k):
                return forms(exercise.reference(*args), exercise.dtype_matters)[k]
        else:
            answer = forms(sample, exercise.dtype_matters)[k]
        assert check(exercise_id, answer) is True, (k, capsys.readouterr().out)
        capsys.readouterr()


# --- the kernel's state --------------------------------------------------------------------

def global_state():
    numpy_state = np.random.get_state()
    cuda = torch.cuda.get_rng_state_all() if torch.cuda.is_initialized() else []
    return {
        "torch rng": torch.get_rng_state().tolist(), "cuda rng": [s.tolist() for s in cuda],
        "python rng": random.getstate(),
        "numpy rng": (numpy_state[0], numpy_state[1].tolist(), *numpy_state[2:]),
        "numpy errors": np.geterr(), "default dtype": torch.get_default_dtype(),
        "default device": torch.get_default_device(), "grad": torch.is_grad_enabled(),
        "anomaly": torch.is_anomaly_enabled(),
        "deterministic": torch.are_deterministic_algorithms_enabled(),
        "threads": torch.get_num_threads(), "warning filters": list(warnings.filters),
        "showwarning": warnings.showwarning,
        "print options": vars(torch._tensor_str.PRINT_OPTS).copy(),
        "alarm": (signal.getsignal(signal.SIGALRM), signal.getitimer(signal.ITIMER_REAL)),
        "torch.allclose": torch.allclose, "translation": lstm_course.i18n._translation,
    }


def vandalise():
    """Everything a learner's code may change for the whole kernel."""
    torch.manual_seed(1234)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(1234)
    random.seed(1234)
    np.random.seed(1234)
    np.seterr(all="raise")
    torch.set_default_dtype(torch.float64)
    torch.set_grad_enabled(False)
    torch.set_anomaly_enabled(True)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1 if torch.get_num_threads() > 1 else 2)
    torch.set_printoptions(precision=1)
    warnings.simplefilter("error")
    print("debugging output")


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_global_state_is_unchanged_after_check(exercise_id, capsys):
    if torch.cuda.is_available():
        torch.cuda.init()  # so that its generators exist and must be put back
    exercise = find(exercise_id)
    before = global_state()
    check(exercise_id, exercise.reference_answer())
    assert global_state() == before
    if exercise.answer_is_function:
        calls = []

        def vandal(*args):
            result = exercise.reference(*args)
            if not calls:  # once is enough, and 07.2 calls it 6000 times
                vandalise()
            calls.append(1)
            return result
        check(exercise_id, vandal)
        assert global_state() == before
    capsys.readouterr()


def test_printing_and_warnings_are_summarised_not_shown(capsys):
    reference = find("07.2").reference

    def chatty(logits, temperature):
        print("logits:", logits)
        warnings.warn("a warning of the learner's own", stacklevel=1)
        return reference(logits, temperature)

    assert check("07.2", chatty) is True
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "✓ 07.2: correct. Well done!",
        "Note: your code printed 6000 lines while it was checked (not shown); the first: "
        "logits: tensor([ 2.,  1.,  0., -1.])",
        "Note: your code gave 1 warning while it was checked: UserWarning: a warning of the "
        "learner's own"]  # Python shows one warning per place in the code


def test_solution_of_a_number_answer_is_what_a_learner_writes(capsys):
    solution("07.1")
    out = capsys.readouterr().out
    assert "answer_07_1 = math.log(96)" in out and "def " not in out


# --- every message of the framework is reachable ---------------------------------------------

def translatable_literals(module):
    """Every string literal a module passes to ``_()`` or ``ngettext()``."""
    literals = set()
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("_", "ngettext"):
            literals.update(arg.value for arg in node.args[:2]
                            if isinstance(arg, ast.Constant) and isinstance(arg.value, str))
    return literals


class _Recorder:
    def __init__(self):
        self.messages = set()

    def gettext(self, message):
        self.messages.add(message)
        return message

    def ngettext(self, singular, plural, count):
        self.messages.update((singular, plural))
        return singular if count == 1 else plural


class _CallableObject:
    def __call__(self, output):
        raise RuntimeError("no line to show")


def _warn_twice(output):
    warnings.warn("first", stacklevel=1)
    warnings.warn("second", stacklevel=1)
    return output[-1]


FRAMEWORK_CALLS = [  # (exercise id, answer, a piece of what check prints)
    ("01.2", lambda output: output[-1], "correct"),
    ("01.2", None, "not attempted yet"),
    ("01.2", 3, "Give a function, e.g. def top_layer_final(output)"),
    ("01.2", lambda output: output[99], "Your function raised IndexError"),
    ("01.2", _CallableObject(), "Your function raised RuntimeError: no line to show."),
    ("01.2", lambda output: output.add_(1)[-1], "Note: your function changed its input"),
    ("01.2", lambda output: output.shape[0] != 5 or print("x") or output[-1],
     "printed 1 line while it was checked (not shown): x"),
    ("01.2", lambda output: print("x\ny") or output[-1], "printed 6 lines"),
    ("01.2", _warn_twice, "gave 2 warnings"),
    ("01.2", lambda output: torch.randn(2, 6).to_sparse(), "ordinary tensor of real numbers"),
    ("01.2", lambda output: output[-1].numpy(), "a NumPy array of dtype float32"),
    ("01.2", lambda output: object(), "an object of type object"),
    ("01.2", lambda output: output[-1].as_subclass(EqualTensor), "a subclass of torch.Tensor"),
    ("01.2", lambda output: [1, 2], "you returned list [1, 2]"),
    ("01.3", lambda lstm, batch: [1], "Return a pair (h_0, c_0)"),
    ("01.1", 42, "Give a dict such as"),
    ("01.1", torch.zeros(2), "you gave a tensor of shape (2,), float32"),
    ("01.1", {"output": (1, 2, 3)}, "Your dict has no"),
    ("01.1", {"output": "x", "h_n": (3, 5, 8), "c_n": (3, 5, 8)}, "Give output as a tuple"),
    ("05.1", torch.zeros(2), "one number; you gave a tensor of shape (2,)"),
    ("05.1", "0.7", "should be one number (an int, a float"),
    ("02.3", lambda i, h, layers: 1.5, "should be a whole number"),
    ("04.1", lambda lengths: {1: 2}, "should be a list of ints"),
    ("01.99", 1, "there is no exercise"),
    ("99.1", 1, "lesson 99 has: none"),
    ("x", 1, "exercise ids look like"),
]


def test_every_message_of_the_framework_is_reached(monkeypatch, short_limit, capsys):
    recorder = _Recorder()
    monkeypatch.setattr(lstm_course.i18n, "_translation", recorder)
    for exercise_id, answer, said in FRAMEWORK_CALLS:
        check(exercise_id, answer)
        out = capsys.readouterr().out
        assert said in out, (said, out)
    # the time limit, the learner's exit and interrupt, a mutation that passes, the
    # checker's own failures, torch functions put back, and solution()
    test_a_hanging_answer_returns_within_the_limit("01.2", None, capsys)
    test_an_exception_in_the_learners_code_is_one_line_naming_it("01.2", capsys)
    test_an_answer_told_it_changed_its_input(capsys)
    for failure in (ZeroDivisionError("oops"), KeyboardInterrupt(), 42):
        with monkeypatch.context() as patch:
            test_an_error_inside_a_judge_is_the_checkers(failure, patch, capsys)
    with monkeypatch.context() as patch:
        test_a_slow_judge_is_not_blamed_on_the_learner(None, patch, capsys)
    test_torch_functions_replaced_while_judging_are_put_back("01.2", capsys)
    with monkeypatch.context() as patch:
        test_a_slow_answer_called_many_times_is_stopped_in_all(None, patch, capsys)
    solution("01.2")
    capsys.readouterr()
    for module in (exercises_package, answers):
        unreached = translatable_literals(module) - recorder.messages
        assert not unreached, f"{module.__name__}: nothing reaches {sorted(unreached)}"
