"""The shared argument checks of ``lstm_course/_checks.py``, and the rule that keeps them shared:
outside ``_checks.py`` no module tests an argument's type by hand before raising (see
CONTRIBUTING.md, "Argument checks")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import torch

import lstm_course
from lstm_course._checks import describe, require_between, require_instance, require_items

PACKAGE = Path(lstm_course.__file__).resolve().parent
# Where a hand-written type test is the point, with the reason.
EXEMPT = {
    "exercises": "judges and check() answer with printed hints, and find() promises a "
                 "ValueError for any bad exercise id (check() prints it)",
    "train_checks.py:checked_loss": "judges what the learner's loss_fn returned, in its name",
    "train_checks.py:checked_eval": "judges what the learner's evaluate returned, in its name",
}


def test_require_instance_names_the_argument_what_it_needs_and_what_it_got():
    assert require_instance("x", 3, int, "an int") == 3
    with pytest.raises(TypeError, match=r"^model must be a torch.nn.Module, got None\. Pass "
                                        r"a network\.$"):
        require_instance("model", None, torch.nn.Module, "a torch.nn.Module", "Pass a network.")
    with pytest.raises(TypeError, match=r"got str 'a'\.$"):  # no fix: no trailing space
        require_instance("x", "a", int, "an int")


def test_require_items_a_wrong_kind_is_a_type_error_a_wrong_size_a_value_error():
    assert require_items("xs", [1, 2], int, "a list of ints") == [1, 2]
    assert require_items("d", {"a": 1.0}, float, "a dict of floats", mapping=True) == {"a": 1.0}
    for bad in (3, [1, "a"], [True], {"a": 1}):  # a dict is not a list; a bool not an int
        with pytest.raises(TypeError, match="xs must be a list of ints, got"):
            require_items("xs", bad, int, "a list of ints")
    with pytest.raises(TypeError, match="d must be a dict of floats, got list"):
        require_items("d", [1.0], float, "a dict of floats", mapping=True)
    with pytest.raises(ValueError, match=r"xs must be a non-empty list, got list \[\]"):
        require_items("xs", [], int, "a non-empty list", empty=False)
    with pytest.raises(ValueError, match="hx must be a pair"):
        require_items("hx", (torch.zeros(1),), torch.Tensor, "a pair", count=2)


def test_require_between_takes_numbers_in_the_range_only():
    assert require_between("p", 0, 0, 1, 0.2) == 0.0
    assert require_between("p", torch.tensor(0.5), 0, 1, 0.2) == 0.5
    with pytest.raises(ValueError, match=r"p must be a number between 0 and 1, e.g. 0.95, got 1"):
        require_between("p", 1, 0, 1, 0.95, inclusive=False)
    with pytest.raises(ValueError, match="from 0 to 1"):
        require_between("p", -0.1, 0, 1, 0.2)
    with pytest.raises(TypeError, match=r"p must be a number, got str '0.5'\. Pass e.g. p=0.2\."):
        require_between("p", "0.5", 0, 1, 0.2)


def _exempt(relative: str, function: str) -> bool:
    return relative.split("/")[0] in EXEMPT or f"{relative}:{function}" in EXEMPT


def _type_tests(test: ast.expr) -> list[ast.expr]:
    """The ``not isinstance(name, ...)`` clauses of an ``if`` test, alone or joined by ``or``."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return [clause for value in test.values for clause in _type_tests(value)]
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) \
            and isinstance(test.operand, ast.Call) and isinstance(test.operand.func, ast.Name) \
            and test.operand.func.id == "isinstance" and isinstance(test.operand.args[0], ast.Name):
        return [test]
    return []


def _hand_made_checks(package: Path = PACKAGE) -> list[str]:
    """``file:line: code`` of each raise guarded by a hand-written type test, and of each
    hand-made ``describe`` (``tuple(x.shape) if isinstance(x, T) else type(x).__name__``)."""
    found = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if relative == "_checks.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [node for node in ast.walk(tree)
                     if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
        for function in functions:
            if _exempt(relative, function.name):
                continue
            for node in ast.walk(function):
                guarded = isinstance(node, ast.If) and _type_tests(node.test) and any(
                    isinstance(statement, ast.Raise) for statement in node.body)
                described = isinstance(node, ast.IfExp) and isinstance(node.test, ast.Call) \
                    and "isinstance" in ast.unparse(node.test) and "__name__" in ast.unparse(node)
                if guarded or described:
                    found.append(f"{relative}:{node.lineno}: {ast.unparse(node).splitlines()[0]}")
    return sorted(set(found))


def test_no_module_checks_an_argument_type_by_hand():
    """``if not isinstance(x, T): raise ...`` is what ``require_instance``, ``require_items``,
    ``require_int``, ``require_str``, ``require_tensor`` ... do, in one wording for all."""
    found = _hand_made_checks()
    assert not found, ("use a helper of lstm_course/_checks.py (and describe(x) for what was "
                       "got) instead of these hand-written checks:\n" + "\n".join(found))


def test_the_rule_sees_a_hand_written_check(tmp_path):
    """The scan above finds the pattern it forbids (so its passing means something)."""
    module = tmp_path / "lstm_course"
    module.mkdir()
    (module / "late.py").write_text(
        "def f(x, n):\n"
        "    if isinstance(n, bool) or not isinstance(n, int):\n"
        "        raise TypeError('n must be an int')\n"
        "    got = tuple(x.shape) if isinstance(x, T) else type(x).__name__\n")
    assert [line.split(": ")[0] for line in _hand_made_checks(module)] == ["late.py:2", "late.py:4"]


def test_describe_says_what_was_got():
    assert describe(torch.zeros(2, 3)) == "a tensor of shape (2, 3), float32"
    assert describe(None) == "None" and describe(3) == "int 3"
