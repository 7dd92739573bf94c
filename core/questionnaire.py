"""The questionnaire: every scenario field, its wording, its options and when it is asked.

The questionnaire is data (``resources/questionnaire.yaml``); this module holds its model and
the "asked when" semantics every front end and the evaluator rely on (DESIGN §2):

* a field whose asked-when is false counts as answered with nothing (empty list, false, no
  choice), even if the scenario holds an answer for it;
* a field whose asked-when is unknown is unknown, even if the scenario holds an answer;
* an absent or null answer is unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from enum import StrEnum
from typing import Any

from core.conditions import UNKNOWN, Condition, Ref, Truth, deciding_fields
from core.value_class import value_class


class FieldKind(StrEnum):
    """What a field describes, for "what would change the outcome" (see questionnaire.yaml)."""

    FACT = "fact"
    """A fact of the context (who deploys, for whom, where, why, who is affected): the deployer
    cannot choose it for this deployment, so options never change it unless the user unlocks it."""
    DESIGN = "design"
    """A design choice the deployer makes (service, capabilities, cameras, timing, safeguards)."""


class FieldType(StrEnum):
    """The kinds of answer a field takes."""

    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    BOOLEAN = "boolean"
    COUNTRY = "country"
    COUNTRIES = "countries"

    @property
    def is_list(self) -> bool:
        """Whether answers are lists (multichoice, countries)."""
        return self in (FieldType.MULTICHOICE, FieldType.COUNTRIES)


@value_class
class Option:
    """One option of a choice or multichoice field."""

    value: str
    """The id written in scenario files (public contract)."""
    label: str
    """Short wording shown to people."""
    help: str = ""
    """Longer explanation, shown as a tooltip or under the option."""
    phrase: str = ""
    """Wording inside a sentence (default: the label, first letter in lower case unless the
    first word is an acronym)."""
    alternatives: tuple[str, ...] | None = None
    """Options that could realistically replace this one ("what would change the outcome");
    None means any other option."""
    offered: bool = True
    """False for an option kept only so that older scenario files still load; the form does not
    offer it (e.g. "No camera", which "None of these" replaces)."""


@value_class
class Field:
    """One question of the questionnaire."""

    id: str
    """Field id used in scenario files, e.g. ``deployer.kind`` (public contract)."""
    type: FieldType
    label: str
    """Short noun phrase used in explanations and traces ("Type of deployer")."""
    question: str
    """The question as asked in the form."""
    help: str
    """Help text a procurement officer understands."""
    section: str
    """Id of the section the field belongs to."""
    options: tuple[Option, ...] = ()
    """Options of choice and multichoice fields, in display order."""
    asked_when: Condition | None = None
    """When the question is asked; None means always."""
    never_empty: bool = False
    """For lists that describe the deployment itself (services, capabilities, cameras, purposes):
    "what would change the outcome" never offers to empty them."""
    kind: FieldKind = FieldKind.FACT
    """Fact of the context or design choice. The questionnaire file must say which; a field built
    in code without it is a fact, so that no search ever changes it unasked."""
    drift: bool = False
    """For facts: whether the deployment may foreseeably drift into another answer without anyone
    deciding it (results shared with the police, minors among the people processed); the search
    for changes that make the verdict more severe tries these facts as well as design choices."""
    option_labels: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Option or country code → label, for display."""

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` is one valid answer (one item, for a list field): the one rule for every source."""
        if self.type is FieldType.BOOLEAN:
            return isinstance(value, bool)
        return isinstance(value, str) and value in self.option_labels

    def label_of(self, value: Any) -> str:
        """Words for one answer value (option label, country name, yes/no)."""
        if isinstance(value, bool):
            return "yes" if value else "no"
        return self.option_labels.get(value, str(value))

    def phrase_of(self, value: Any) -> str:
        """Words for one answer value inside a running sentence."""
        for option in self.options:
            if option.value == value:
                if option.phrase:
                    return option.phrase
                label = option.label
                # "Body-worn camera" → "body-worn camera", but "US federal agency" stays.
                return label[:1].lower() + label[1:] if label[1:2].islower() else label
        return self.label_of(value)

    def describe_in_sentence(self, value: Any) -> str:
        """Like :meth:`describe_answer`, but worded for the middle of a sentence."""
        return self.describe_answer(value, in_sentence=True)

    def describe_answer(self, value: Any, *, in_sentence: bool = False) -> str:
        """Words for a stored or resolved answer, including unknown and empty answers."""
        if value is UNKNOWN:
            return "(not answered)" if in_sentence else "not answered"
        if value is None:
            return "none"
        word = self.phrase_of if in_sentence else self.label_of
        if isinstance(value, (list, tuple, frozenset, set)):
            if not value:
                return "none"
            items = [word(v) for v in self.sort_values(value)]
            if in_sentence and len(items) > 1:
                return ", ".join(items[:-1]) + " and " + items[-1]
            return ", ".join(items)
        return word(value)

    def sort_values(self, values: Iterable[str]) -> list[str]:
        """Values in questionnaire option order (countries alphabetically by code)."""
        order = {v: i for i, v in enumerate(self.option_labels)}
        return sorted(values, key=lambda v: (order.get(v, len(order)), v))


@value_class
class Section:
    """A group of fields shown together."""

    id: str
    title: str
    help: str
    fields: tuple[str, ...]


@value_class
class Resolution:
    """A scenario's answers after applying the asked-when semantics.

    ``values[f]`` is the value conditions see: the answer (lists as frozensets), the
    "nothing" value for a field that is not asked, or ``UNKNOWN``. ``asked[f]`` is whether
    the field is asked: True, False or None (unknown).
    """

    values: Mapping[str, Any]
    asked: Mapping[str, Truth]


@value_class
class Questionnaire:
    """All fields, in questionnaire order, with sections, named definitions and countries."""

    fields: Mapping[str, Field]
    sections: tuple[Section, ...]
    definitions: Mapping[str, Ref]
    countries: Mapping[str, str]
    source: str = ""
    """File the questionnaire was loaded from."""
    text: str = field(default="", repr=False, compare=False)
    """The questionnaire's text as loaded."""
    countries_text: str = field(default="", repr=False, compare=False)
    """The country table's text as loaded."""
    _plan: tuple[tuple[str, Any, Any, bool], ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        plan = []
        for f in self.evaluation_order():
            nothing: Any = {
                FieldType.BOOLEAN: False,
                FieldType.MULTICHOICE: frozenset(),
                FieldType.COUNTRIES: frozenset(),
            }.get(f.type)
            holds = f.asked_when.holds if f.asked_when is not None else None
            plan.append((f.id, holds, nothing, f.type.is_list))
        object.__setattr__(self, "_plan", tuple(plan))

    def evaluation_order(self) -> list[Field]:
        """Fields ordered so that every asked-when reads only fields before it."""
        done: dict[str, Field] = {}

        def visit(f: Field) -> None:
            if f.id in done:
                return
            if f.asked_when is not None:
                for dep in sorted(f.asked_when.fields()):
                    if dep != f.id:
                        visit(self.fields[dep])
            done[f.id] = f

        for f in self.fields.values():
            visit(f)
        return list(done.values())

    def check_answers(self, answers: Mapping[str, Any]) -> None:
        """Raise :class:`ScenarioError` naming the field if an answer is not valid.

        Files are checked when they are loaded; this guards answers built in code (the public
        API, the GUI), so that a typo can never silently count as "some other answer".
        """
        from core.errors import ScenarioError

        for fid, value in answers.items():
            f = self.fields.get(fid)
            if f is None:
                raise ScenarioError("unknown field", key=f"answers.{fid}")
            if value is None:
                continue
            if f.type.is_list:
                ok = isinstance(value, (list, tuple, set, frozenset)) and all(f.accepts(v) for v in value)
            else:
                ok = f.accepts(value)
            if not ok:
                raise ScenarioError(f"{value!r} is not a valid answer to {fid} ({f.type.value})", key=f"answers.{fid}")

    def resolve(self, answers: Mapping[str, Any]) -> Resolution:
        """Apply the asked-when semantics to raw answers (see the module docstring)."""
        values: dict[str, Any] = {}
        asked: dict[str, Truth] = {}
        for fid, asked_holds, nothing, is_list in self._plan:
            a = True if asked_holds is None else asked_holds(values)
            asked[fid] = a
            if a is True:
                v = answers.get(fid)
                if v is None:
                    values[fid] = UNKNOWN
                else:
                    values[fid] = frozenset(v) if is_list else v
            elif a is False:
                values[fid] = nothing
            else:
                values[fid] = UNKNOWN
        return Resolution(values, asked)

    def questions(self, field_ids: Iterable[str], resolution: Resolution) -> tuple[str, ...]:
        """The questions a user can answer now to decide the given unknown fields.

        A field that is asked is its own question; a field whose asked-when is still unknown
        leads to the unanswered fields that decide whether it is asked. The result is in
        questionnaire order.
        """
        found: set[str] = set()

        def add(fid: str, seen: frozenset[str]) -> None:
            if fid in seen:
                return
            asked = resolution.asked.get(fid)
            if asked is True:
                if resolution.values.get(fid) is UNKNOWN:
                    found.add(fid)
            elif asked is None:
                cond = self.fields[fid].asked_when
                if cond is not None:
                    for dep in deciding_fields(cond.trace(resolution.values)):
                        add(dep, seen | {fid})

        for fid in field_ids:
            add(fid, frozenset())
        return tuple(f for f in self.fields if f in found)

    def visible_fields(self, resolution: Resolution) -> tuple[str, ...]:
        """Fields the form shows: those whose asked-when is true."""
        return tuple(f for f in self.fields if resolution.asked.get(f) is True)


def default_locked(questionnaire: Questionnaire) -> frozenset[str]:
    """The fields "what would change" keeps as they are unless the user unlocks them: every fact
    of the context (:attr:`FieldKind.FACT`)."""
    return frozenset(f.id for f in questionnaire.fields.values() if f.kind is FieldKind.FACT)
