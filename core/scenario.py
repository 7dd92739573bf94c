"""The scenario: what a user describes (files: :mod:`core.scenario_file`).

A scenario is a title, an optional evaluation date, notes, and a flat mapping from field id
to answer. An absent answer (or an explicit ``null``) is unanswered. This module needs no YAML
parser: evaluating a scenario (or showing the bundled example at start-up, from its precompiled
form) does not load one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from core.questionnaire import Questionnaire
from core.value_class import value_class

FORMAT = "scenario/1"
SUFFIX = ".scenario.yaml"

Answer = str | bool | tuple[str, ...]


@value_class
class Scenario:
    """A planned deployment, described by answers to the questionnaire."""

    title: str = ""
    """Short name of the deployment, shown in the memo and window title."""
    answers: Mapping[str, Answer] = dataclasses.field(default_factory=lambda: MappingProxyType({}))
    """Field id → answer; unanswered fields are absent. Lists are tuples in option order."""
    as_of: dt.date | None = None
    """Evaluation date written in the file, if any."""
    notes: str = ""
    """Free text for the reviewer (vendor proposal number, context)."""

    def __post_init__(self) -> None:
        if not isinstance(self.answers, MappingProxyType):
            object.__setattr__(self, "answers", MappingProxyType(dict(self.answers)))

    def answer(self, field_id: str) -> Answer | None:
        """The stored answer for a field, or None if unanswered."""
        return self.answers.get(field_id)

    def with_answer(self, field_id: str, value: Answer | None) -> Scenario:
        """A copy with one answer set (or removed, when ``value`` is None)."""
        answers = dict(self.answers)
        if value is None:
            answers.pop(field_id, None)
        else:
            answers[field_id] = tuple(value) if isinstance(value, (list, tuple, frozenset, set)) else value
        return dataclasses.replace(self, answers=MappingProxyType(answers))

    def replace(self, **changes: Any) -> Scenario:
        """A copy with ``title``, ``as_of``, ``notes`` or ``answers`` replaced."""
        return dataclasses.replace(self, **changes)


def normalise_answers(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Answer]:
    """Answers with lists as de-duplicated tuples in option order, nulls dropped, in field order.

    Values must already be valid (see :func:`core.scenario_file.parse_scenario`); unknown field ids raise KeyError.
    """
    out: dict[str, Answer] = {}
    for fid in sorted(answers, key=list(questionnaire.fields).index):
        value = answers[fid]
        if value is None:
            continue
        f = questionnaire.fields[fid]
        if f.type.is_list:
            value = tuple(f.sort_values(set(value)))
        out[fid] = value
    return out
