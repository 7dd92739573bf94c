"""The condition language shared by the questionnaire ("asked when") and policy rules.

A condition is data, never code: ``all`` / ``any`` / ``not`` over field tests (``equals``,
``one_of``, ``contains_any``, ``answered``), references to named definitions (``ref``) and the constants
``true`` / ``false``. Conditions are evaluated with three-valued logic: ``True``, ``False``
or ``None`` (unknown, because a field they need is unanswered). ``all`` is false as soon as
one side is false; ``any`` is true as soon as one side is true.

Parsed conditions are compiled once into closures (:meth:`Condition.holds`) for speed; the
slower :meth:`Condition.trace` records every node's value for explanations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from typing import Any, ClassVar

from core.truth import Truth, all_of, any_of, negate
from core.value_class import value_class


class _Unknown:
    """Marker for a field whose value is unknown (unanswered, or asked-when unknown)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()
"""The value of a field that is unknown in a resolved scenario."""

Values = Mapping[str, Any]


@value_class(slots=True)
class TraceNode:
    """One node of an evaluated condition tree, with its three-valued result."""

    kind: str
    """``all``, ``any``, ``not``, ``field``, ``ref`` or ``constant``."""
    text: str
    """What the node tests, in words (field labels and option labels, not ids)."""
    value: Truth
    """True, False, or None when unknown."""
    field: str | None = None
    """Field id tested (``field`` nodes only)."""
    answer: str | None = None
    """The answer as used, in words (``field`` nodes only)."""
    children: tuple[TraceNode, ...] = ()
    """Sub-conditions, in order."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``value`` is true, false or null (unknown)."""
        out: dict[str, Any] = {"kind": self.kind, "text": self.text, "value": self.value}
        if self.field is not None:
            out["field"] = self.field
            out["answer"] = self.answer
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        return out

    def lines(self, indent: int = 0) -> list[str]:
        """Indented text lines, ``[yes]`` / ``[no]`` / ``[?]`` marking each node's value."""
        mark = {True: "[yes]", False: "[no] ", None: "[?]  "}[self.value]
        text = self.text
        if self.field is not None:
            text += f"  (answer: {self.answer})"
        out = [f"{'  ' * indent}{mark} {text}"]
        for child in self.children:
            out.extend(child.lines(indent + 1))
        return out

    def walk(self):
        """Yield this node and all nodes below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


class Condition:
    """Base of all condition nodes. Subclasses are frozen dataclasses."""

    holds: Callable[[Values], Truth]
    """Compiled evaluator: ``cond.holds(values)`` → True / False / None."""

    def trace(self, values: Values) -> TraceNode:  # pragma: no cover - abstract
        """Evaluate, recording each node's value."""
        raise NotImplementedError

    def fields(self) -> frozenset[str]:  # pragma: no cover - abstract
        """Every field id this condition reads, through references too."""
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - abstract
        """The condition in words."""
        raise NotImplementedError

    def _set_holds(self, fn: Callable[[Values], Truth]) -> None:
        object.__setattr__(self, "holds", fn)


@value_class
class Constant(Condition):
    """``true`` or ``false``."""

    value: bool

    def __post_init__(self) -> None:
        value = self.value
        self._set_holds(lambda values: value)

    def trace(self, values: Values) -> TraceNode:
        return TraceNode("constant", self.describe(), self.value)

    def fields(self) -> frozenset[str]:
        return frozenset()

    def describe(self) -> str:
        return "always" if self.value else "never"


@value_class
class _Combination(Condition):
    """Several children combined by one three-valued connective (:mod:`core.truth`)."""

    children: tuple[Condition, ...]
    kind: ClassVar[str]
    """The trace node's kind, e.g. "all"."""
    lead: ClassVar[str]
    """The trace's words before the children, e.g. "all of the following"."""
    joiner: ClassVar[str]
    """The word between children in :meth:`describe`, e.g. "and"."""

    @staticmethod
    def combine(values: Iterable[Truth]) -> Truth:
        """The connective: :func:`core.truth.all_of` or :func:`core.truth.any_of`."""
        raise NotImplementedError

    def __init_subclass__(
        cls, *, combine: Callable[[Iterable[Truth]], Truth], kind: str, lead: str, joiner: str, **kw: Any
    ) -> None:
        super().__init_subclass__(**kw)
        cls.combine = staticmethod(combine)  # type: ignore[method-assign, assignment]
        cls.kind, cls.lead, cls.joiner = kind, lead, joiner

    def __post_init__(self) -> None:
        fns = tuple(c.holds for c in self.children)
        combine = self.combine
        self._set_holds(lambda values: combine(fn(values) for fn in fns))

    def trace(self, values: Values) -> TraceNode:
        kids = tuple(c.trace(values) for c in self.children)
        return TraceNode(self.kind, self.lead, self.combine(k.value for k in kids), children=kids)

    def fields(self) -> frozenset[str]:
        return frozenset().union(*(c.fields() for c in self.children))

    def describe(self) -> str:
        return "(" + f" {self.joiner} ".join(c.describe() for c in self.children) + ")"


@value_class
class AllOf(_Combination, combine=all_of, kind="all", lead="all of the following", joiner="and"):
    """True when every child is true; false as soon as one is false."""


@value_class
class AnyOf(_Combination, combine=any_of, kind="any", lead="at least one of the following", joiner="or"):
    """True as soon as one child is true; false when every child is false."""


@value_class
class Not(Condition):
    """The negation; unknown stays unknown."""

    child: Condition

    def __post_init__(self) -> None:
        fn = self.child.holds
        self._set_holds(lambda values: negate(fn(values)))

    def trace(self, values: Values) -> TraceNode:
        kid = self.child.trace(values)
        return TraceNode("not", "not the following", negate(kid.value), children=(kid,))

    def fields(self) -> frozenset[str]:
        return self.child.fields()

    def describe(self) -> str:
        return f"not {self.child.describe()}"


@value_class
class Ref(Condition):
    """A named definition (``{ref: law_enforcement}``) from the questionnaire or a pack."""

    name: str
    description: str
    target: Condition = field(repr=False)

    def __post_init__(self) -> None:
        self._set_holds(self.target.holds)

    def trace(self, values: Values) -> TraceNode:
        kid = self.target.trace(values)
        return TraceNode("ref", self.description, kid.value, children=(kid,))

    def fields(self) -> frozenset[str]:
        return self.target.fields()

    def describe(self) -> str:
        return self.description


@value_class
class FieldTest(Condition):
    """A test of one field: ``equals``, ``one_of``, ``contains_any``, ``contains_other_than`` or
    ``answered``.

    ``answer_text`` turns a resolved value into words for traces; it comes from the
    questionnaire so that conditions never show raw ids to people.
    """

    field_id: str
    op: str
    operand: tuple[Any, ...]
    text: str
    answer_text: Callable[[Any], str] = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        fid = self.field_id
        if self.op == "equals":
            expected = self.operand[0]

            def holds(values: Values) -> Truth:
                v = values[fid]
                if v is UNKNOWN:
                    return None
                return v == expected

        elif self.op == "one_of":
            allowed = frozenset(self.operand)

            def holds(values: Values) -> Truth:
                v = values[fid]
                if v is UNKNOWN:
                    return None
                return v in allowed

        elif self.op == "contains_any":
            wanted = frozenset(self.operand)

            def holds(values: Values) -> Truth:
                v = values[fid]
                if v is UNKNOWN:
                    return None
                return not wanted.isdisjoint(v)

        elif self.op == "contains_other_than":
            allowed = frozenset(self.operand)

            def holds(values: Values) -> Truth:
                v = values[fid]
                if v is UNKNOWN:
                    return None
                return not allowed.issuperset(v)

        elif self.op == "answered":
            # Never unknown: whether a field is answered is itself always known.
            want = self.operand[0]

            def holds(values: Values) -> Truth:
                return (values[fid] is not UNKNOWN) == want

        else:  # pragma: no cover - the parser only builds the operators above
            raise ValueError(self.op)
        self._set_holds(holds)

    def trace(self, values: Values) -> TraceNode:
        v = values[self.field_id]
        return TraceNode(
            "field",
            self.text,
            self.holds(values),
            field=self.field_id,
            answer=self.answer_text(v),
        )

    def fields(self) -> frozenset[str]:
        return frozenset((self.field_id,))

    def describe(self) -> str:
        return self.text


def deciding_fields(node: TraceNode) -> list[str]:
    """Field ids whose answers would decide an unknown trace node.

    Only unknown branches are followed: in ``all(A unknown, B false)`` nothing is needed.
    """
    if node.value is not None:
        return []
    if node.kind == "field":
        return [node.field] if node.field else []
    out: list[str] = []
    for child in node.children:
        for f in deciding_fields(child):
            if f not in out:
                out.append(f)
    return out
