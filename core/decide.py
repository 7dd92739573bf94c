"""The one decision path for a pack: the version in force, the scope, and each rule's deciding case.

Full evaluation (:func:`core.evaluator.evaluate`, which then explains every finding) and the
verdict-only evaluation used by searches (:func:`core.evaluator.rule_verdicts`) both decide
through :func:`decide_pack`, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from core.packs import PackVersion, PolicyPack, Rule
from core.truth import Truth, all_of, both
from core.value_class import value_class
from core.verdicts import Verdict, most_severe


@value_class
class RuleOutcome:
    """A triggered rule: its verdict in this pack, and which case decided it (or was left open)."""

    rule: Rule
    verdict: Verdict
    """The rule's verdict, undetermined when the case is open or the pack's scope is unknown."""
    case: int | None
    """Index of the case that holds; None when the rule itself is undetermined."""
    first_open_case: int | None = None
    """When the rule is undetermined: index of the first case whose condition is unknown."""


@value_class
class PackDecision:
    """What a pack decides on a day, before any explanation is built."""

    pack: PolicyPack
    version: PackVersion | None
    scope: Truth
    """Whether the pack applies (None: it depends on unanswered questions)."""
    scope_reason: str
    """Why it does not apply: the reason given by the first scope test that fails."""
    triggered: tuple[RuleOutcome, ...] = ()
    not_triggered: tuple[str, ...] = ()

    @property
    def verdict(self) -> Verdict:
        """The pack's verdict: not applicable, else the most severe triggered rule."""
        if self.version is None or self.scope is False:
            return Verdict.NOT_APPLICABLE
        return most_severe((o.verdict for o in self.triggered), default=Verdict.NO_PROHIBITION_FOUND)


def scope_of(pack: PolicyPack, values: Mapping[str, Any]) -> tuple[Truth, str]:
    """Whether the pack applies (three-valued), and the reason of the first failed scope test."""
    held = [test.when.holds(values) for test in pack.scope]
    for test, value in zip(pack.scope, held, strict=True):
        if value is False:
            return False, test.otherwise
    return all_of(held), ""


def decide_rule(rule: Rule, values: Mapping[str, Any]) -> RuleOutcome | None:
    """The rule's outcome, or None if it is not triggered. The first case that holds decides."""
    base: Truth = True if rule.when is None else rule.when.holds(values)
    if base is False:
        return None
    for i, case in enumerate(rule.cases):
        held = both(base, True if case.when is None else case.when.holds(values))
        if held is True:
            return RuleOutcome(rule, case.verdict, i)
        if held is None:
            return RuleOutcome(rule, Verdict.UNDETERMINED, None, i)
    return None


def decide_pack(pack: PolicyPack, values: Mapping[str, Any], day: dt.date) -> PackDecision:
    """Decide ``pack`` for resolved answer ``values`` on ``day``.

    When it is unknown whether the pack applies, the scope is part of every rule's condition:
    rules that could fire become undetermined.
    """
    scope, reason = scope_of(pack, values)
    version = pack.version_on(day)
    if version is None or scope is False:
        return PackDecision(pack, version, scope, reason)
    triggered: list[RuleOutcome] = []
    not_triggered: list[str] = []
    for rule in pack.rules_for(version):
        outcome = decide_rule(rule, values)
        if outcome is None:
            not_triggered.append(rule.id)
        elif scope is None:
            triggered.append(RuleOutcome(rule, Verdict.UNDETERMINED, outcome.case, outcome.first_open_case))
        else:
            triggered.append(outcome)
    return PackDecision(pack, version, scope, reason, tuple(triggered), tuple(not_triggered))
