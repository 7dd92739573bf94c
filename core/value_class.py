"""Frozen dataclasses made with one small piece of compiled code per class instead of six.

``@value_class`` is ``@dataclass(frozen=True)`` for the model's value types: the same fields
(``dataclasses.fields`` / ``replace`` / ``asdict`` work), the same ``__init__`` (defaults, default
factories, ``__post_init__``), frozen the same way (``FrozenInstanceError``), and ``__eq__``,
``__hash__`` and ``__repr__`` that follow each field's ``compare`` / ``hash`` / ``repr`` flags.

What differs is only how the methods are made. ``dataclasses`` writes the source of six methods
for every frozen class and compiles each one (``__init__``, ``__setattr__``, ``__delattr__``,
``__eq__``, ``__hash__``, ``__repr__``): about 3.7 M instructions per class, and the 38 classes
the app defines before its window is first painted cost 142 M, a sixth of a bare Qt window's
whole start (docs/TECH-NOTES.md, "Start-up: the window"). Here ``dataclasses`` only
collects the fields; ``__init__`` is compiled from a few lines (it must stay as fast as the one
``dataclasses`` makes: evaluation and the what-if search make many value objects), and the other
five are shared code over the class's field names. tests/core/test_value_class.py checks every
behaviour against ``@dataclass(frozen=True)`` itself.

Features the model does not use (``kw_only``, ``InitVar``, ``init=False`` fields) are refused
when a class is defined, rather than half supported, and so is a dataclass base that is not a
value class. (Its ``__dataclass_params__`` read ``frozen=False``: ``@dataclass`` would accept a
mutable subclass of a value class, which then fails when made. Subclass value classes with value
classes only; tests/core/test_value_class.py checks that the app's classes do.)
"""

from __future__ import annotations

import reprlib
import sys
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar, cast, dataclass_transform

T = TypeVar("T", bound=type)


class _Factory:
    """The default of a field with a default factory, in the signature (``dataclasses`` shows the same)."""

    def __repr__(self) -> str:
        return "<factory>"


FACTORY: Any = _Factory()


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def value_class(cls: T | None = None, /, *, slots: bool = False) -> Any:
    """``@dataclass(frozen=True)`` (``slots`` as there), its methods made as this module says.

    Use as ``@value_class`` or ``@value_class(slots=True)``."""

    def wrap(cls: T) -> T:
        documented = bool(cls.__dict__.get("__doc__"))
        kept = _own_methods(cls)
        _check_bases(cls)
        made: type[Any] = dataclass(init=False, repr=False, eq=False, slots=slots)(cls)
        own = fields(made)
        _check_supported(made, own)
        for method in (_init(made, own), *_shared_methods(made, own)):
            if method.__name__ in kept:
                continue
            method.__qualname__ = f"{made.__qualname__}.{method.__name__}"
            method.__module__ = made.__module__
            setattr(made, method.__name__, method)
        made.__value_class__ = True
        if not documented:  # as dataclasses does: the class's name and signature
            import inspect

            try:
                signature = str(inspect.signature(made)).replace(" -> None", "")
            except (TypeError, ValueError):
                signature = ""
            made.__doc__ = made.__name__ + signature
        return cast(T, made)

    return wrap if cls is None else wrap(cls)


def _own_methods(cls: type) -> set[str]:
    """The methods ``cls`` defines itself, which are kept as ``dataclasses`` keeps them (a frozen
    class may not define ``__setattr__`` or ``__delattr__``)."""
    defined = set(cls.__dict__)
    for name in ("__setattr__", "__delattr__"):
        if name in defined:
            raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
    if cls.__dict__.get("__hash__", MISSING) is None and "__eq__" in defined:
        defined.discard("__hash__")  # Python's None for a class that defines __eq__ alone
    return defined


def _check_bases(cls: type) -> None:
    """Every dataclass among ``cls``'s bases must be a value class (see the module's docstring)."""
    for base in cls.__mro__[1:]:
        if "__dataclass_fields__" in base.__dict__ and not base.__dict__.get("__value_class__"):
            raise TypeError(f"{cls.__qualname__}: its base {base.__qualname__} is a dataclass but not a value class")


def _check_supported(cls: type, own: tuple[Field, ...]) -> None:
    names = {f.name for f in own}
    for f in own:
        if not f.init or f.kw_only is True:
            raise TypeError(f"{cls.__qualname__}.{f.name}: value_class supports neither init=False nor kw_only")
    for name, pseudo in cls.__dataclass_fields__.items():  # type: ignore[attr-defined]
        if name not in names and "InitVar" in str(pseudo.type):
            raise TypeError(f"{cls.__qualname__}.{name}: value_class does not support InitVar")


def _init(cls: type, own: tuple[Field, ...]) -> Callable[..., None]:
    """``__init__``: each field set with ``object.__setattr__`` (as a frozen dataclass's), then
    ``__post_init__`` if the class has one. Compiled, as ``dataclasses`` does, inside a function
    that takes the defaults and factories, in the globals of the class's module (so that its
    annotations resolve there)."""
    helpers: dict[str, Any] = {"__set": object.__setattr__, "__factory": FACTORY}
    params, lines = ["self"], []
    for i, f in enumerate(own):
        if f.default_factory is not MISSING:
            helpers[f"__make{i}"] = f.default_factory
            params.append(f"{f.name}=__factory")
            lines.append(f"__set(self, {f.name!r}, __make{i}() if {f.name} is __factory else {f.name})")
        else:
            if f.default is not MISSING:
                helpers[f"__default{i}"] = f.default
                params.append(f"{f.name}=__default{i}")
            else:
                params.append(f.name)
            lines.append(f"__set(self, {f.name!r}, {f.name})")
    if hasattr(cls, "__post_init__"):
        lines.append("self.__post_init__()")
    body = "\n".join(f"        {line}" for line in lines or ["pass"])
    inner = f"    def __init__({', '.join(params)}):\n{body}\n    return __init__\n"
    source = f"def __make_init__({', '.join(helpers)}):\n{inner}"
    made: dict[str, Any] = {}
    module = sys.modules.get(cls.__module__)
    exec(source, module.__dict__ if module is not None else {}, made)
    init = made["__make_init__"](**helpers)
    init.__annotations__ = {f.name: f.type for f in own} | {"return": None}
    return init


def _shared_methods(cls: type[Any], own: tuple[Field, ...]) -> tuple[Callable[..., Any], ...]:
    """``__setattr__``, ``__delattr__``, ``__eq__``, ``__hash__`` and ``__repr__``, as closures."""
    names = frozenset(f.name for f in own)
    compared = _values([f.name for f in own if f.compare])
    hashed = _values([f.name for f in own if (f.compare if f.hash is None else f.hash)])
    shown = [f.name for f in own if f.repr]

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        parts = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({parts})"

    methods: tuple[Callable[..., Any], ...] = (__setattr__, __delattr__, __eq__, __hash__, __repr__)
    if "__slots__" in cls.__dict__:  # pickle and copy set a slotted object's fields through these

        def __getstate__(self: Any) -> list[Any]:
            return [getattr(self, f.name) for f in fields(self)]

        def __setstate__(self: Any, state: list[Any]) -> None:
            for f, value in zip(fields(self), state, strict=False):  # as dataclasses does
                object.__setattr__(self, f.name, value)

        methods += (__getstate__, __setstate__)
    return methods


def _values(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of an object's values of ``names`` (always a tuple, as the generated methods compare)."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return attrgetter(*names)
