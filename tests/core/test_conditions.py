"""Three-valued condition logic, traces and the questions that would decide an unknown."""

from __future__ import annotations

import itertools

import pytest

from core.conditions import UNKNOWN, AllOf, AnyOf, Constant, FieldTest, Not, deciding_fields

T, F, U = True, False, None


def atom(name: str) -> FieldTest:
    """A boolean field test ``name == true`` over a values mapping."""
    return FieldTest(name, "equals", (True,), f"{name} is yes", lambda v: str(v))


def values(**truths: bool | None) -> dict[str, object]:
    return {k: (UNKNOWN if v is None else v) for k, v in truths.items()}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [(T, T, T), (T, F, F), (F, T, F), (F, F, F), (T, U, U), (U, T, U), (F, U, F), (U, F, F), (U, U, U)],
)
def test_all_is_false_as_soon_as_one_side_is_false(a, b, expected):
    """Kleene conjunction: false dominates, then unknown."""
    cond = AllOf((atom("a"), atom("b")))
    assert cond.holds(values(a=a, b=b)) is expected
    assert cond.trace(values(a=a, b=b)).value is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [(T, T, T), (T, F, T), (F, T, T), (F, F, F), (T, U, T), (U, T, T), (F, U, U), (U, F, U), (U, U, U)],
)
def test_any_is_true_as_soon_as_one_side_is_true(a, b, expected):
    """Kleene disjunction: true dominates, then unknown."""
    cond = AnyOf((atom("a"), atom("b")))
    assert cond.holds(values(a=a, b=b)) is expected
    assert cond.trace(values(a=a, b=b)).value is expected


@pytest.mark.parametrize(("a", "expected"), [(T, F), (F, T), (U, U)])
def test_not_keeps_unknown_unknown(a, expected):
    """Negation flips true and false and leaves unknown alone."""
    assert Not(atom("a")).holds(values(a=a)) is expected


def test_compiled_and_traced_evaluation_agree_on_every_assignment():
    """The fast closure and the slow trace give the same value for a nested condition."""
    cond = AnyOf((AllOf((atom("a"), Not(atom("b")))), AllOf((atom("c"), Constant(True)))))
    for a, b, c in itertools.product((T, F, U), repeat=3):
        vals = values(a=a, b=b, c=c)
        assert cond.holds(vals) is cond.trace(vals).value


def test_deciding_fields_follow_only_unknown_branches():
    """In all(a unknown, b false) nothing is needed; in all(a unknown, c true) only a is."""
    assert deciding_fields(AllOf((atom("a"), atom("b"))).trace(values(a=U, b=F))) == []
    assert deciding_fields(AllOf((atom("a"), atom("c"))).trace(values(a=U, c=T))) == ["a"]
    assert deciding_fields(AnyOf((atom("a"), atom("b"))).trace(values(a=U, b=U))) == ["a", "b"]


def test_operators_read_sets_and_choices():
    """one_of reads a choice; contains_any reads a set; absent values are unknown."""
    one_of = FieldTest("x", "one_of", ("p", "q"), "x is p or q", str)
    contains = FieldTest("y", "contains_any", ("p",), "y includes p", str)
    answered = FieldTest("x", "answered", (True,), "x is answered", str)
    assert one_of.holds({"x": "q"}) is True
    assert one_of.holds({"x": None}) is False  # not asked: no choice
    assert one_of.holds({"x": UNKNOWN}) is None
    assert contains.holds({"y": frozenset({"p", "z"})}) is True
    assert contains.holds({"y": frozenset()}) is False
    assert answered.holds({"x": UNKNOWN}) is False
    assert answered.holds({"x": "p"}) is True


def test_trace_renders_each_node_with_its_value():
    """Trace lines mark every node yes / no / ? and show the answer used."""
    lines = AllOf((atom("a"), atom("b"))).trace(values(a=T, b=U)).lines()
    assert lines[0].startswith("[?]")
    assert lines[1].strip().startswith("[yes] a is yes")
    assert "answer: UNKNOWN" in lines[2]
