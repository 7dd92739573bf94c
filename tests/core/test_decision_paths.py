"""One decision path: full evaluation and verdict-only evaluation agree; three-valued logic is Kleene's."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings

import core
from core import Scenario, Verdict, evaluate
from core.evaluator import rule_verdicts
from core.truth import all_of, any_of, both
from tests.core.strategies import answer_sets, dates

PACKS = core.load_packs()
_RANK = {False: 0, None: 1, True: 2}  # Kleene: AND is the minimum, OR the maximum, in this order


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answer_sets(), day=dates)
def test_verdict_only_evaluation_agrees_with_full_evaluation(answers, day):
    """rule_verdicts (searches) and evaluate (the window, memo, CLI) give the same verdicts on any scenario."""
    scenario = Scenario(title="random", answers=answers)
    full = evaluate(scenario, PACKS, day)
    overall, per_pack, per_rule = rule_verdicts(scenario, PACKS, day)
    assert overall is full.overall
    assert per_pack == {p.pack_id: p.verdict for p in full.packs}
    assert per_rule == {(p.pack_id, f.rule): f.verdict for p in full.packs for f in p.findings}


def test_the_property_meets_every_verdict():
    """The random scenarios above are not all alike: the bundled examples alone reach several verdicts."""
    seen = set()
    for path in core.example_paths():
        scenario = core.load_scenario(path, PACKS.questionnaire)
        overall, _, _ = rule_verdicts(scenario, PACKS, scenario.as_of or evaluate(scenario, PACKS).as_of)
        seen.add(overall)
    assert Verdict.PROHIBITED in seen and len(seen) >= 2


def test_three_valued_logic_is_kleene_on_every_combination():
    """all_of/any_of/both are min/max over False < unknown < True, for every list of up to three values."""
    values = (False, None, True)
    for n in range(4):
        for combo in itertools.product(values, repeat=n):
            expected_and = min(combo, key=_RANK.__getitem__) if combo else True
            expected_or = max(combo, key=_RANK.__getitem__) if combo else False
            assert all_of(combo) is expected_and, combo
            assert any_of(combo) is expected_or, combo
            if n == 2:
                assert both(*combo) is expected_and, combo


def test_three_valued_logic_stops_at_the_deciding_value():
    """A false (for AND) or true (for OR) value decides: later values are never computed."""
    computed = []

    def lazy(value):
        computed.append(value)
        return value

    assert all_of(lazy(v) for v in (None, False, True)) is False
    assert computed == [None, False]
    computed.clear()
    assert any_of(lazy(v) for v in (False, True, None)) is True
    assert computed == [False, True]
