"""Parse conditions written in YAML into :mod:`core.conditions` nodes, strictly.

Forms accepted (one per mapping)::

    {all: [C, ...]}   {any: [C, ...]}   {not: C}   {ref: name}   true   false
    {field: F, equals: V}          choice, country, boolean fields
    {field: F, one_of: [V, ...]}   choice, country fields
    {field: F, contains_any: [V, ...]}   multichoice, countries fields
    {field: F, contains_other_than: [V, ...]}   multichoice, countries: some value not listed
    {field: F, answered: true|false}     any field; never unknown

Every field, option, country code and reference is checked; errors name file, key, line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.conditions import AllOf, AnyOf, Condition, Constant, FieldTest, Not, Ref
from core.questionnaire import Field, FieldType
from core.schema import Reader, did_you_mean
from core.yamlsource import KeyPath

_OPS_BY_TYPE = {
    FieldType.CHOICE: ("equals", "one_of"),
    FieldType.COUNTRY: ("equals", "one_of"),
    FieldType.BOOLEAN: ("equals",),
    FieldType.MULTICHOICE: ("contains_any", "contains_other_than"),
    FieldType.COUNTRIES: ("contains_any", "contains_other_than"),
}
_ALL_OPS = ("equals", "one_of", "contains_any", "contains_other_than", "answered")


def country_code(reader: Reader, value: Any, path: KeyPath, countries: Mapping[str, str]) -> str:
    """Read an ISO 3166-1 alpha-2 code, refusing YAML's silent ``NO`` → ``false``.

    An unquoted ``NO`` is read as Norway (the text as written is unambiguous); any other
    boolean-looking word (``no``, ``false``, ``off`` …) is rejected with a hint to quote the code.
    """
    if isinstance(value, bool):
        raw, plain = reader.smap.raw.get(tuple(path), ("", False))
        if plain and raw == "NO":
            value = "NO"
        else:
            reader.fail(
                path,
                f"{raw or value!r} was read as {'true' if value else 'false'}, not a country code; "
                "write country codes in quotes, e.g. 'NO' for Norway",
            )
    code = reader.text(value, path)
    if code not in countries:
        hint = " (use upper case)" if code.upper() in countries else ""
        reader.fail(path, f"{code!r} is not an ISO 3166-1 alpha-2 country code{hint}")
    return code


def field_value(reader: Reader, f: Field, value: Any, path: KeyPath, countries: Mapping[str, str]) -> Any:
    """Check one value (not a list) against a field's type and options."""
    if f.type is FieldType.BOOLEAN:
        if not f.accepts(value):
            reader.fail(path, f"{f.id} takes true or false, found {value!r}")
        return value
    if f.type in (FieldType.COUNTRY, FieldType.COUNTRIES):
        return country_code(reader, value, path, countries)
    if isinstance(value, bool):
        raw, _ = reader.smap.raw.get(tuple(path), (str(value), True))
        reader.fail(path, f"{raw!r} was read as true/false; write option ids in quotes")
    text = reader.text(value, path)
    if not f.accepts(text):
        reader.fail(
            path,
            f"{text!r} is not an option of {f.id}{did_you_mean(text, f.option_labels)}; expected one of: "
            + ", ".join(o.value for o in f.options),
        )
    return text


class ConditionParser:
    """Parses conditions against a set of fields and named definitions."""

    def __init__(
        self,
        reader: Reader,
        fields: Mapping[str, Field],
        definitions: Mapping[str, Ref],
        countries: Mapping[str, str],
    ) -> None:
        self.reader = reader
        self.fields = fields
        self.definitions = definitions
        self.countries = countries

    def parse(self, data: Any, path: KeyPath) -> Condition:
        """Parse one condition located at ``path``."""
        r = self.reader
        if isinstance(data, bool):
            return Constant(data)
        if not isinstance(data, dict):
            r.fail(path, "a condition must be a mapping such as {field: ..., equals: ...}, or true/false")
        if "field" in data:
            return self._field_test(data, path)
        keys = [k for k in ("all", "any", "not", "ref") if k in data]
        if len(keys) != 1 or len(data) != 1:
            extra = ", ".join(sorted(data)) or "nothing"
            r.fail(path, f"a condition takes exactly one of all, any, not, ref or field; found {extra}")
        key = keys[0]
        sub = (*path, key)
        if key == "all":
            items = r.items(data[key], sub)
            return AllOf(tuple(self.parse(c, (*sub, i)) for i, c in enumerate(items)))
        if key == "any":
            items = r.items(data[key], sub)
            return AnyOf(tuple(self.parse(c, (*sub, i)) for i, c in enumerate(items)))
        if key == "not":
            return Not(self.parse(data[key], sub))
        name = r.text(data[key], sub)
        if name not in self.definitions:
            known = ", ".join(sorted(self.definitions)) or "none"
            r.fail(sub, f"no definition named {name!r} (defined so far: {known})")
        return self.definitions[name]

    def _field_test(self, data: dict[str, Any], path: KeyPath) -> Condition:
        r = self.reader
        ops = [k for k in _ALL_OPS if k in data]
        r.mapping(data, path, required=("field",), optional=_ALL_OPS)
        fid = r.text(data["field"], (*path, "field"))
        if fid not in self.fields:
            r.fail((*path, "field"), f"no field named {fid!r} in the questionnaire")
        f = self.fields[fid]
        if len(ops) != 1:
            r.fail(path, f"a field test takes exactly one of {', '.join(_ALL_OPS)}")
        op = ops[0]
        if op == "answered":
            want = r.boolean(data[op], (*path, op))
            text = f"{f.label} is {'answered' if want else 'not answered'}"
            return FieldTest(fid, op, (want,), text, f.describe_answer)
        allowed = _OPS_BY_TYPE[f.type]
        if op not in allowed:
            r.fail((*path, op), f"{fid} is a {f.type.value} field; use {' or '.join(allowed)}")
        raw = data[op]
        if op == "equals":
            operand: tuple[Any, ...] = (field_value(r, f, raw, (*path, op), self.countries),)
        else:
            items = r.items(raw, (*path, op))
            operand = tuple(field_value(r, f, v, (*path, op, i), self.countries) for i, v in enumerate(items))
        return FieldTest(fid, op, operand, _describe(f, op, operand), f.describe_answer)


def _describe(f: Field, op: str, operand: tuple[Any, ...]) -> str:
    labels = [f.label_of(v) for v in operand]
    if op == "equals":
        return f"{f.label}: {labels[0]}"
    if op == "one_of":
        return f"{f.label} is one of: {', '.join(labels)}" if len(labels) > 1 else f"{f.label}: {labels[0]}"
    if op == "contains_other_than":
        return f"{f.label} include something other than: {', '.join(labels)}"
    return f"{f.label} include any of: {', '.join(labels)}" if len(labels) > 1 else f"{f.label} include {labels[0]}"
