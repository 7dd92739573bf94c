"""Hypothesis strategies that build random but valid scenarios from the questionnaire."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

import core
from core.questionnaire import Field, FieldType

_QUESTIONNAIRE = core.load_questionnaire()
# A handful of countries is enough to hit every branch (EU, US, Norway, elsewhere).
COUNTRIES = ("US", "GB", "DE", "FR", "NO", "CH", "CA", "IE")


def value_for(field: Field) -> st.SearchStrategy:
    """Any valid answer to ``field``."""
    options = [o.value for o in field.options]
    if field.type is FieldType.BOOLEAN:
        return st.booleans()
    if field.type is FieldType.CHOICE:
        return st.sampled_from(options)
    if field.type is FieldType.COUNTRY:
        return st.sampled_from(COUNTRIES)
    if field.type is FieldType.COUNTRIES:
        return st.lists(st.sampled_from(COUNTRIES), max_size=3, unique=True).map(tuple)
    return st.lists(st.sampled_from(options), max_size=4, unique=True).map(tuple)


@st.composite
def answer_sets(draw, questionnaire: core.Questionnaire = _QUESTIONNAIRE) -> dict:
    """A random subset of fields, each with a random valid answer."""
    answers = {}
    for field in questionnaire.fields.values():
        if draw(st.booleans()):
            answers[field.id] = draw(value_for(field))
    return answers


dates = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2027, 12, 31))
