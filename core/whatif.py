"""What would change the outcome: the smallest sets of answer changes that remove a finding or
make the overall verdict less severe — and those that would make it more severe.

For each finding that stands in the way — prohibited or unclear, or undetermined and possibly
either (:attr:`core.results.Finding.stands_in_the_way`) — single changes are tried first, then
pairs of changes to two different fields (a pair is offered only if neither of its changes works
alone). Only design choices change: the facts of the context (``kind: fact`` in the
questionnaire: who deploys, for whom, where, why, who is affected) are locked unless the user
unlocks them. A change set is never offered if it brings in a prohibition that was not there
before.

Risks are searched the same way over the design choices and the facts that may drift
(``drift: true``: results shared with the police, minors processed, outputs feeding decisions):
the smallest changes after which the overall verdict is more severe (a change after which the
verdict depends on unanswered questions is not a risk: its questions decide it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.packs import PackSet
from core.questionnaire import FieldKind, Questionnaire, default_locked
from core.results import Evaluation
from core.scenario import normalise_answers
from core.verdicts import Verdict
from core.whatif_model import (
    Change,
    ChangeSet,
    FindingOptions,
    FindingRef,
    Requirement,
    RuleKey,
    WhatIf,
)
from core.whatif_search import Search, remedy_values, risk_values

__all__ = [
    "MAX_OPTIONS",
    "Change",
    "ChangeSet",
    "FindingOptions",
    "FindingRef",
    "Requirement",
    "WhatIf",
    "default_locked",
    "what_if",
]

MAX_OPTIONS = 6
_OVERALL_DRIVERS = (Verdict.PROHIBITED, Verdict.UNCLEAR, Verdict.UNDETERMINED, Verdict.RESTRICTED)
"""Findings whose fields the search for a less severe overall verdict tries (conditions count:
a deployment allowed only under conditions may become one that needs none)."""


def what_if(
    evaluation: Evaluation,
    packs: PackSet,
    *,
    locked: Iterable[str] | None = None,
    max_options: int = MAX_OPTIONS,
) -> WhatIf:
    """Search the smallest change sets (one field, then two) for every open finding, for a less
    severe overall verdict, and for a more severe one (risks).

    ``locked``: the fields never changed in the search for remedies (default: the facts of the
    context, :func:`default_locked`). Risks are searched over the fields not locked and the facts
    that may drift.
    """
    q = packs.questionnaire
    locked_set = default_locked(q) if locked is None else frozenset(locked)
    scenario = evaluation.scenario.replace(answers=normalise_answers(q, evaluation.scenario.answers))
    targets = frozenset((r.pack.id, f.rule) for r in evaluation.packs for f in r.findings if f.stands_in_the_way)
    search = Search(scenario, packs, evaluation.as_of, targets)
    findings, relevant_all = _per_finding(search, evaluation, locked_set, max_options)
    labels = {f.id: f.label for f in q.fields.values()}
    return WhatIf(
        as_of=evaluation.as_of,
        overall=search.base_overall,
        locked=locked_set,
        findings=findings,
        less_severe=tuple(_less_severe(search, relevant_all, max_options)),
        more_severe=tuple(_more_severe(search, _risk_fields(q, locked_set), max_options)),
        requirements=_requirements(evaluation),
        locked_labels=tuple(labels[f] for f in q.fields if f in locked_set),
        unlocked_facts=tuple(f.label for f in q.fields.values() if f.kind is FieldKind.FACT and f.id not in locked_set),
        drift_labels=tuple(f.label for f in q.fields.values() if f.drift),
        open_questions=tuple(labels[f] for f in evaluation.questions if f in labels),
    )


def _per_finding(
    search: Search, evaluation: Evaluation, locked: frozenset[str], max_options: int
) -> tuple[tuple[FindingOptions, ...], set[str]]:
    """Options for each finding that stands in the way, and the fields that drive the overall verdict."""
    findings = []
    relevant_all: set[str] = set()
    for result in evaluation.packs:
        for finding in result.findings:
            fields = {n.field for n in finding.trace.walk() if n.field} - locked
            if result.scope_trace is not None:  # e.g. the service: using another one takes the pack away
                fields |= {n.field for n in result.scope_trace.walk() if n.field} - locked
            if finding.verdict in _OVERALL_DRIVERS:  # an undetermined verdict can still be made less severe
                relevant_all |= fields
            if not finding.stands_in_the_way:
                continue
            options = _for_finding(search, (result.pack.id, finding.rule), fields, max_options)
            findings.append(
                FindingOptions(
                    pack_id=result.pack.id,
                    rule=finding.rule,
                    title=finding.title,
                    verdict=finding.verdict,
                    options=tuple(options),
                    pack_title=result.pack.title,
                    remedies=finding.remedies,
                )
            )
    return tuple(findings), relevant_all


def _risk_fields(q: Questionnaire, locked: frozenset[str]) -> set[str]:
    """Design choices and unlocked facts, and the facts that may drift even when locked."""
    return {f.id for f in q.fields.values() if f.id not in locked or f.drift}


def _requirements(evaluation: Evaluation) -> tuple[Requirement, ...]:
    return tuple(
        Requirement(
            finding=FindingRef(
                pack_id=p.pack.id,
                rule=f.rule,
                title=f.title,
                pack_title=p.pack.title,
                before=f.verdict,
                after=f.verdict,
            ),
            steps=f.remedies,
        )
        for p in evaluation.packs
        for f in p.findings
        if f.verdict is Verdict.RESTRICTED
    )


def _offered_last(q: Questionnaire) -> frozenset[str]:
    """Fields whose options may only be dropped, never swapped (every option declares
    ``alternatives: []``: the services). Changing one is a different procurement, not a change to
    this one: such options are offered last."""
    return frozenset(f.id for f in q.fields.values() if f.options and all(o.alternatives == () for o in f.options))


def _varied(options: list[ChangeSet], per_field: int = 2) -> list[ChangeSet]:
    """At most ``per_field`` options changing the same field(s), so that different changes show."""
    seen: dict[tuple[str, ...], int] = {}
    out = []
    for o in options:
        key = tuple(sorted(o.fields))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= per_field:
            out.append(o)
    return out


def _rank_targeted(options: list[ChangeSet], last: frozenset[str]) -> list[ChangeSet]:
    """For one finding: fewest changes, then the most targeted (fewest other findings removed).

    Ties keep the questionnaire's order of fields and options (a stable sort).
    """
    return _varied(sorted(options, key=lambda o: (len(o.changes), bool(last & set(o.fields)), len(o.removed))))


def _rank_overall(options: list[ChangeSet], last: frozenset[str]) -> list[ChangeSet]:
    """For the overall verdict: fewest changes, then the least severe result."""

    def severity(o: ChangeSet) -> int:
        return max(o.overall.severity, Verdict.NO_PROHIBITION_FOUND.severity)

    return _varied(
        sorted(options, key=lambda o: (len(o.changes), bool(last & set(o.fields)), severity(o), len(o.removed)))
    )


def _for_finding(search: Search, key: RuleKey, fields: set[str], limit: int) -> list[ChangeSet]:
    candidates = search.changes(fields, remedy_values)
    found, pairs = search.smallest_sets(candidates, lambda overall, rules: key not in rules)
    last = _offered_last(search.q)
    return _rank_targeted(found, last)[:limit] + _rank_targeted(pairs, last)[: max(0, limit - len(found))]


def _less_severe(search: Search, fields: set[str], limit: int) -> list[ChangeSet]:
    base = search.base_overall.severity
    if base <= Verdict.NO_PROHIBITION_FOUND.severity:
        return []
    candidates = search.changes(fields, remedy_values)
    found, pairs = search.smallest_sets(candidates, lambda overall, rules: overall.severity < base)
    return _rank_overall(found + pairs, _offered_last(search.q))[:limit]


def _more_severe(search: Search, fields: set[str], limit: int) -> list[ChangeSet]:
    base = search.base_overall
    if base is Verdict.PROHIBITED:
        return []

    def worse(overall: Verdict, rules: Any) -> bool:
        return overall is not Verdict.UNDETERMINED and overall.severity > base.severity

    candidates = search.changes(fields, risk_values)
    found, pairs = search.smallest_sets(candidates, worse, safe=False)
    if len(found) >= limit:
        pairs = []
    ranked = sorted(
        found + pairs, key=lambda o: (len(o.changes), -o.overall.severity, o.changes[0].kind is FieldKind.DESIGN)
    )
    return _varied(ranked, per_field=1)[:limit]
