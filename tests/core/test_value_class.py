"""``@value_class`` behaves as ``@dataclass(frozen=True)``: checked against dataclasses itself.

Each kind of class the model uses is declared twice, once with each decorator, from the same
body; random values (hypothesis) must then give the same signature, equality, hash, repr,
frozenness, ``replace``, ``asdict``, pickling and copying. Every value class of the app is
checked too: its signature is the one ``dataclasses`` would give it, and its methods are the
shared ones (none compiled per class but ``__init__``).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import importlib
import inspect
import pickle
import pkgutil
import typing
from dataclasses import FrozenInstanceError, dataclass, field
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

import core
from core.value_class import value_class

values = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.tuples(st.integers()), st.booleans())


def _kinds(decorate):
    """The kinds of class the model declares, made with ``decorate``."""

    @decorate
    class Plain:
        """Required fields only."""

        a: object
        b: object

    @decorate
    class Defaults:
        """A default, a default factory, a field left out of comparison and of the repr."""

        a: object
        b: object = 3
        c: list = field(default_factory=list)
        d: object = field(default=None, repr=False, compare=False)

    @decorate
    class PostInit:
        """``__post_init__`` sets a derived field with object.__setattr__, as Scenario does."""

        a: object
        twice: object = None

        def __post_init__(self) -> None:
            object.__setattr__(self, "twice", (self.a, self.a))

    @decorate
    class Base:
        """A base with a class variable, as the conditions have."""

        a: object
        kind: ClassVar[str] = "base"

    @decorate
    class Derived(Base):
        """A subclass adds a field."""

        b: object = "x"

    @decorate
    class HashFlags:
        """Hashed without one compared field."""

        a: object
        b: object = field(default=0, hash=False)

    @decorate
    class EqOnly:
        """Its own __eq__ (kept), so Python set __hash__ to None: the generated one replaces it."""

        a: object
        b: object

        def __eq__(self, other):
            return isinstance(other, EqOnly) and self.a == other.a

    @decorate
    class Undocumented:
        a: dt.date
        b: object = None

    return {
        **{"Plain": Plain, "Defaults": Defaults, "PostInit": PostInit, "Base": Base, "Derived": Derived},
        **{"HashFlags": HashFlags, "EqOnly": EqOnly, "Undocumented": Undocumented},
    }


OURS = _kinds(value_class)
THEIRS = _kinds(dataclass(frozen=True))


@value_class(slots=True)
class Slotted:
    """A slotted value class (TraceNode is one), here at module level so that pickle finds it."""

    a: object
    b: object


def _slotted_reference():
    @dataclass(frozen=True, slots=True)
    class Slotted:
        """The same, made by dataclasses."""

        a: object
        b: object

    return Slotted


SLOTTED_REF = _slotted_reference()


def _make(kinds, name, a, b, c=None):
    cls = kinds[name]
    if name in ("PostInit", "Base"):
        return cls(a)
    return cls(a, b, [b], c) if name == "Defaults" else cls(a, b)


def _same_outcome(fn_ours, fn_theirs):
    """Both return equal results, or both raise the same kind of error."""
    try:
        expected = ("ok", fn_theirs())
    except Exception as exc:
        expected = ("error", type(exc))
    try:
        got = ("ok", fn_ours())
    except Exception as exc:
        got = ("error", type(exc))
    assert got == expected


@pytest.mark.parametrize("name", sorted(OURS))
def test_signature_and_fields_are_dataclasses_own(name):
    ours, theirs = OURS[name], THEIRS[name]
    assert str(inspect.signature(ours)) == str(inspect.signature(theirs))
    assert [(f.name, f.default, f.compare, f.repr, f.hash) for f in dataclasses.fields(ours)] == [
        (f.name, f.default, f.compare, f.repr, f.hash) for f in dataclasses.fields(theirs)
    ]
    assert dataclasses.is_dataclass(ours)
    assert ours.__match_args__ == theirs.__match_args__


@pytest.mark.parametrize("name", sorted(OURS))
@given(a=values, b=values, c=values, d=values)
def test_behaves_as_a_frozen_dataclass(name, a, b, c, d):
    x, y = _make(OURS, name, a, b, c), _make(OURS, name, c, d, a)
    rx, ry = _make(THEIRS, name, a, b, c), _make(THEIRS, name, c, d, a)
    assert repr(x) == repr(rx)
    assert (x == y) == (rx == ry)
    assert (x == _make(OURS, name, a, b)) is True
    assert x != rx  # another class, as two dataclasses are
    _same_outcome(lambda: hash(x), lambda: hash(rx))
    _same_outcome(lambda: hash(x) == hash(_make(OURS, name, a, b)), lambda: hash(rx) == hash(_make(THEIRS, name, a, b)))
    with pytest.raises(FrozenInstanceError):
        x.a = 1
    with pytest.raises(FrozenInstanceError):
        del x.a
    with pytest.raises(FrozenInstanceError):
        x.unknown = 1  # as a frozen dataclass: no new attributes either
    with pytest.raises(FrozenInstanceError):
        del x.unknown
    assert dataclasses.asdict(x) == dataclasses.asdict(rx)
    assert repr(dataclasses.replace(x, a=c)) == repr(dataclasses.replace(rx, a=c))
    assert copy.copy(x) == x and copy.deepcopy(x) == x


@pytest.mark.parametrize("name", sorted(OURS))
def test_introspection_is_dataclasses_own(name):
    """Docstring, method names and the annotations of __init__ (resolved in the class's module)."""
    ours, theirs = OURS[name], THEIRS[name]
    assert ours.__doc__ == theirs.__doc__
    for method in ("__init__", "__eq__", "__hash__", "__repr__", "__setattr__", "__delattr__"):
        assert getattr(ours, method).__qualname__ == getattr(theirs, method).__qualname__, method
    assert ours.__init__.__module__ == theirs.__init__.__module__
    assert typing.get_type_hints(ours.__init__) == typing.get_type_hints(theirs.__init__)


def test_equality_needs_the_same_class():
    """A subclass's object never equals its base's, whatever their fields (dataclasses compare classes)."""
    for kinds in (OURS, THEIRS):
        assert kinds["Base"](1) != kinds["Derived"](1, "x") and kinds["Derived"](1, "x") != kinds["Base"](1)


def test_a_recursive_repr_stops_as_dataclasses_does():
    x, rx = OURS["Plain"]([], 1), THEIRS["Plain"]([], 1)
    x.a.append(x)
    rx.a.append(rx)
    assert repr(x) == repr(rx)


@value_class(slots=True)
class SlottedBase:
    """A slotted base..."""

    a: object


@value_class
class SlottedChild(SlottedBase):
    """...and a subclass: pickle and copy keep both fields."""

    b: object = 0


def test_a_subclass_of_a_slotted_class_keeps_its_fields_when_copied():
    x = SlottedChild(1, 2)
    assert pickle.loads(pickle.dumps(x)) == x and copy.copy(x) == x and copy.deepcopy(x) == x


def test_only_value_classes_are_its_bases():
    @dataclass
    class Mutable:
        """A mutable dataclass."""

        a: int

    with pytest.raises(TypeError, match="not a value class"):

        @value_class
        class Frozen(Mutable):
            """dataclasses refuses a frozen class over a mutable one: so does value_class."""

    with pytest.raises((TypeError, FrozenInstanceError)):  # not when defined, as with dataclasses: when made

        @dataclass
        class MutableChild(OURS["Plain"]):
            """A mutable class over a value class cannot be made."""

        MutableChild(1, 2)


@given(a=values, b=values)
def test_slotted_behaves_as_a_slotted_frozen_dataclass(a, b):
    x, rx = Slotted(a, b), SLOTTED_REF(a, b)
    assert repr(x) == repr(rx).replace("_slotted_reference.<locals>.", "")
    assert not hasattr(x, "__dict__") and Slotted.__slots__ == SLOTTED_REF.__slots__
    with pytest.raises(FrozenInstanceError):
        x.a = 1
    assert pickle.loads(pickle.dumps(x)) == x
    assert copy.copy(x) == x


def test_pickles_as_a_dataclass_does():
    x = OURS["Defaults"](1, 2, [3], "d")
    # pickle refers to the class by name: the test's classes are local, so compare the state it keeps
    assert x.__reduce_ex__(4)[2] == THEIRS["Defaults"](1, 2, [3], "d").__reduce_ex__(4)[2]


def test_a_default_factory_runs_for_every_object():
    first, second = OURS["Defaults"](1), OURS["Defaults"](1)
    assert first.c == [] and first.c is not second.c


def test_methods_the_class_defines_itself_are_kept():
    @value_class
    class Shown:
        """Its own repr."""

        a: int

        def __repr__(self) -> str:
            return "mine"

    assert repr(Shown(1)) == "mine"
    with pytest.raises(TypeError, match="__setattr__"):

        @value_class
        class Settable:
            """A frozen class may not define its own __setattr__ (as dataclasses says)."""

            a: int

            def __setattr__(self, name, value):
                pass


def test_what_it_does_not_support_is_refused():
    with pytest.raises(TypeError, match="kw_only"):

        @value_class
        class KeywordOnly:
            """kw_only is refused."""

            a: int = field(kw_only=True)

    with pytest.raises(TypeError, match="init=False"):

        @value_class
        class NotInInit:
            """init=False is refused."""

            a: int = field(default=0, init=False)


def dataclasses_of(package) -> list[type]:
    """Every dataclass defined in ``package`` and its modules (``core``'s here; ``gui``'s in
    tests/gui/test_value_classes.py, where Qt may be imported)."""
    found = []
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name.endswith("__main__") or info.name.startswith(("gui.app", "gui.launch")):
            continue
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if isinstance(obj, type) and obj.__module__ == module.__name__ and dataclasses.is_dataclass(obj):
                found.append(obj)
    return found


def made_the_slow_way(classes: list[type]) -> list[str]:
    """The dataclasses among ``classes`` whose methods ``dataclasses`` compiled (not value classes)."""
    return sorted(c.__qualname__ for c in classes if c.__eq__.__code__ is not _shared_eq_code())


CORE_CLASSES = dataclasses_of(core)


def test_every_frozen_model_class_is_a_value_class():
    """The rule that keeps start-up cheap: no frozen dataclass of the engine is made the slow way.
    The only others are working state, which changes (a parser's, a layout's)."""
    assert made_the_slow_way(CORE_CLASSES) == sorted(["SignaturePlacement", "Composed", "_Open", "SourceMap"])
    assert len(CORE_CLASSES) > 50


def _shared_eq_code():
    @value_class
    class Probe:
        """A probe for the shared __eq__'s code."""

        a: int

    return Probe.__eq__.__code__


@pytest.mark.parametrize("cls", [c for c in CORE_CLASSES if c.__eq__.__code__ is _shared_eq_code()], ids=str)
def test_each_value_class_has_dataclasses_signature(cls):
    assert signature_of(cls) == dataclass_signature(cls)


def dataclass_signature(cls: type) -> list[tuple[str, str | None]]:
    """The parameters ``dataclasses`` would give ``cls``: every field, in order, with its default
    (a default factory shows as ``<factory>``)."""
    out = []
    for f in dataclasses.fields(cls):
        if f.default_factory is not dataclasses.MISSING:
            out.append((f.name, "<factory>"))
        else:
            out.append((f.name, None if f.default is dataclasses.MISSING else repr(f.default)))
    return out


def signature_of(cls: type) -> list[tuple[str, str | None]]:
    """``cls``'s parameters as it has them."""
    return [
        (p.name, None if p.default is inspect.Parameter.empty else repr(p.default))
        for p in inspect.signature(cls).parameters.values()
    ]
