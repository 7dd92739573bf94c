"""One answer validator: an answer accepted in a scenario file is accepted from code, and the other way round."""

from __future__ import annotations

import string

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import core
from core import FieldType
from core.scenario import FORMAT
from core.scenario_file import parse_scenario
from tests.core.strategies import value_for

Q = core.load_questionnaire()
# Files also accept country names for country fields (and turn them into codes); code takes codes only.
FIELDS = [f for f in Q.fields.values() if f.type not in (FieldType.COUNTRY, FieldType.COUNTRIES)]
WORDS = st.text(alphabet=string.ascii_lowercase + "_.", min_size=1, max_size=12)


def _accepted_from_code(fid, value) -> bool:
    try:
        Q.check_answers({fid: value})
    except core.ScenarioError:
        return False
    return True


def _accepted_in_a_file(fid, value) -> bool:
    written = list(value) if isinstance(value, tuple) else value
    text = yaml.safe_dump({"clausewise": FORMAT, "answers": {fid: written}}, allow_unicode=True)
    try:
        parse_scenario(text, "random.scenario.yaml", Q)
    except core.ScenarioError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_files_and_code_accept_the_same_answers(data):
    """Valid options, booleans, unknown words and lists of them: both ways in agree on every one."""
    field = data.draw(st.sampled_from(FIELDS))
    single = st.one_of(value_for(field), WORDS, st.booleans())
    value = data.draw(st.lists(single, max_size=3).map(tuple) if field.type.is_list else single)
    assert _accepted_from_code(field.id, value) == _accepted_in_a_file(field.id, value)


@pytest.mark.parametrize("value", ["not_an_option", True])
def test_a_wrong_answer_is_refused_both_ways(value):
    """The same wrong answer is refused from a file and from code, naming the field."""
    field = next(f for f in FIELDS if f.type is FieldType.CHOICE)
    assert not _accepted_from_code(field.id, value)
    assert not _accepted_in_a_file(field.id, value)
