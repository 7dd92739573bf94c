"""What would change the outcome: the smallest sets of answer changes that remove a finding
or make the overall verdict less severe.

For each finding that stands in the way — prohibited or unclear, or undetermined and possibly
either (:attr:`core.results.Finding.stands_in_the_way`) — single changes are tried first,
then pairs of changes to two different fields (a pair is offered only if neither of its changes
works alone). Fields the user cannot change are locked — by default who the deployer is and
where. A change set is never offered if it brings in a prohibition that was not there before.
Verdicts are computed with :func:`core.evaluator.rule_verdicts`, so a search of a few thousand
variants stays well under the time of one keystroke.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from core.evaluator import rule_verdicts
from core.packs import PackSet
from core.questionnaire import Field, FieldType, Questionnaire
from core.results import Evaluation
from core.scenario import Scenario, normalise_answers
from core.verdicts import Verdict

DEFAULT_LOCKED = frozenset(
    {
        "deployer.kind",
        "deployer.for_law_enforcement",
        "law_enforcement.level",
        "deployer.country",
        "deployment.countries",
        "deployment.us_states",
    }
)
"""Facts about who deploys and where: locked unless the user unlocks them."""
MAX_OPTIONS = 6
_OVERALL_DRIVERS = (Verdict.PROHIBITED, Verdict.UNCLEAR, Verdict.UNDETERMINED)
"""Findings whose fields the search for a less severe overall verdict tries."""

RuleKey = tuple[str, str]


@dataclass(frozen=True)
class Change:
    """One answer changed."""

    field: str
    old: Any
    """The current answer (None: unanswered)."""
    new: Any
    text: str
    """E.g. "Timing of processing: after the event instead of real time (live)"."""


@dataclass(frozen=True)
class ChangeSet:
    """A set of changes and what it achieves."""

    changes: tuple[Change, ...]
    overall: Verdict
    """The overall verdict after the changes."""
    removed: tuple[RuleKey, ...]
    """Findings (pack id, rule id) that go away."""
    remaining: tuple[RuleKey, ...]
    """Findings that remain (with any verdict)."""
    text: str
    """One sentence: the changes, the clauses that stop applying and those that still apply."""

    def apply(self, scenario: Scenario) -> Scenario:
        """The scenario with these changes made."""
        for change in self.changes:
            scenario = scenario.with_answer(change.field, change.new)
        return scenario


@dataclass(frozen=True)
class FindingOptions:
    """The ways to make one finding go away."""

    pack_id: str
    rule: str
    title: str
    verdict: Verdict
    options: tuple[ChangeSet, ...]


@dataclass(frozen=True)
class WhatIf:
    """Per finding, and for the overall verdict, the smallest change sets that help."""

    as_of: dt.date
    overall: Verdict
    locked: frozenset[str]
    findings: tuple[FindingOptions, ...]
    less_severe: tuple[ChangeSet, ...]
    """Change sets that make the overall verdict less severe, best first."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""

        def option(o: ChangeSet) -> dict[str, Any]:
            return {
                "changes": [
                    {"field": c.field, "from": _json_value(c.old), "to": _json_value(c.new)} for c in o.changes
                ],
                "overall": o.overall.value,
                "removes": [f"{p}/{r}" for p, r in o.removed],
                "remaining": [f"{p}/{r}" for p, r in o.remaining],
                "text": o.text,
            }

        return {
            "locked": sorted(self.locked),
            "less_severe": [option(o) for o in self.less_severe],
            "findings": [
                {
                    "pack": f.pack_id,
                    "rule": f.rule,
                    "verdict": f.verdict.value,
                    "options": [option(o) for o in f.options],
                }
                for f in self.findings
            ],
        }

    def lines(self) -> list[str]:
        """The options in words."""
        out = [f"What would change the outcome (locked: {', '.join(sorted(self.locked)) or 'nothing'}):"]
        if self.less_severe:
            out.append(f"To make the overall verdict less severe than {self.overall.label.lower()}:")
            out += [f"  - {o.text} → overall {o.overall.label.lower()}" for o in self.less_severe]
        elif self.overall.severity > Verdict.NO_PROHIBITION_FOUND.severity:
            out.append(
                f"No change of one or two unlocked answers makes the overall verdict less severe than "
                f"{self.overall.label.lower()}."
            )
        for f in self.findings:
            out.append(f"{f.title} [{f.pack_id}/{f.rule}], {f.verdict.label.lower()}:")
            if not f.options:
                out.append("  - no change of one or two unlocked answers removes it")
            out += [f"  - {o.text}" for o in f.options]
        return out


def _candidates(f: Field, current: Any) -> list[Any]:
    """Values to try for a field.

    Choices and yes/no: every other value. Lists: one item dropped, or swapped for another
    option (only for its declared ``alternatives``, when the option has them). Items are never
    added — more cameras, services or purposes do not make a deployment more compliant, and an
    added purpose would only game a purpose exception. A list marked ``never_empty`` (services,
    capabilities, cameras, purposes) is never emptied. An unanswered field is tried with each of
    its answers. Countries are not tried (locked by default).
    """
    options = [o.value for o in f.options]
    if f.type is FieldType.BOOLEAN:
        return [v for v in (True, False) if v != current]
    if f.type is FieldType.CHOICE:
        if current is not None:
            declared = f.options[options.index(current)].alternatives
            if declared is not None:
                return list(declared)
        return [v for v in options if v != current]
    if f.type is not FieldType.MULTICHOICE:
        return []
    if current is None:
        return [(v,) for v in options] + [()]
    chosen = list(current)
    out: list[tuple[str, ...]] = []
    for option in f.options:
        if option.value not in chosen:
            continue
        rest = tuple(x for x in chosen if x != option.value)
        if rest or not f.never_empty:
            out.append(rest)
        swaps = option.alternatives if option.alternatives is not None else options
        out += [tuple(w if x == option.value else x for x in chosen) for w in swaps if w not in chosen]
    return out


class _Search:
    def __init__(
        self,
        scenario: Scenario,
        packs: PackSet,
        day: dt.date,
        locked: frozenset[str],
        targets: frozenset[RuleKey],
    ) -> None:
        self.scenario = scenario
        self.packs = packs
        self.q: Questionnaire = packs.questionnaire
        self.day = day
        self.locked = locked
        self.base_overall, _, self.base_rules = rule_verdicts(scenario, packs, day)
        self.base_prohibited = {k for k, v in self.base_rules.items() if v is Verdict.PROHIBITED}
        self.cache: dict[tuple, tuple[Verdict, dict[RuleKey, Verdict]]] = {}
        self.targets = targets
        """The findings that stand in the way (named as "still applies" when they remain)."""
        self.visible = set(self.q.visible_fields(self.q.resolve(scenario.answers)))
        self.short_titles = {(p.id, r.id): f"“{r.title}”" for p in packs for r in p.rules}
        self.titles = {(p.id, r.id): f"“{r.title}” ({p.title})" for p in packs for r in p.rules}

    def outcome(self, changes: tuple[Change, ...]) -> tuple[Verdict, dict[RuleKey, Verdict]]:
        key = tuple((c.field, _hashable(c.new)) for c in changes)
        if key not in self.cache:
            answers = dict(self.scenario.answers)
            for c in changes:
                answers[c.field] = c.new
            overall, _, rules = rule_verdicts(Scenario(answers=answers), self.packs, self.day)
            self.cache[key] = (overall, rules)
        return self.cache[key]

    def acceptable(self, rules: Mapping[RuleKey, Verdict]) -> bool:
        """Nothing is suggested that is itself prohibited: no new prohibited finding."""
        return all(k in self.base_prohibited for k, v in rules.items() if v is Verdict.PROHIBITED)

    def changes_for(self, fields: Iterable[str]) -> list[Change]:
        out = []
        order = list(self.q.fields)
        for fid in sorted(fields, key=order.index):
            if fid in self.locked or fid not in self.visible:
                continue
            f = self.q.fields[fid]
            current = self.scenario.answers.get(fid)
            for value in _candidates(f, current):
                out.append(Change(fid, current, value, _describe(f, current, value)))
        return out

    def option(self, changes: tuple[Change, ...]) -> ChangeSet:
        overall, rules = self.outcome(changes)
        removed = tuple(k for k in self.base_rules if k not in rules)
        remaining = tuple(k for k in rules if k in self.base_rules)
        return ChangeSet(changes, overall, removed, remaining, self._text(changes, removed, remaining))

    def _text(self, changes: tuple[Change, ...], removed: tuple[RuleKey, ...], remaining: tuple[RuleKey, ...]) -> str:
        parts = ["; ".join(c.text for c in changes)]
        still = [k for k in remaining if k in self.targets]
        involved = {k[0] for k in (*removed, *still)}
        name = self.titles if len(involved) > 1 else self.short_titles
        if removed:
            parts.append("no longer applies: " + "; ".join(name[k] for k in removed))
        if still:
            parts.append("still applies: " + "; ".join(name[k] for k in still))
        return " — ".join(parts)


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _describe(f: Field, old: Any, new: Any) -> str:
    def words(value: Any) -> str:
        if value is None:
            return "not answered"
        return f.describe_answer(value) if not isinstance(value, tuple) or value else "none"

    return f"{f.label}: {words(new)} instead of {words(old)}"


def _vendor_change(option: ChangeSet) -> bool:
    # Switching service is a different procurement, not a change to this one: offer it last.
    return any(c.field == "service" for c in option.changes)


def _varied(options: list[ChangeSet], per_field: int = 2) -> list[ChangeSet]:
    """At most ``per_field`` options changing the same field(s), so that different remedies show."""
    seen: dict[tuple[str, ...], int] = {}
    out = []
    for o in options:
        key = tuple(sorted(c.field for c in o.changes))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= per_field:
            out.append(o)
    return out


def _rank_targeted(options: list[ChangeSet]) -> list[ChangeSet]:
    """For one finding: fewest changes, then the most targeted (fewest other findings removed).

    Ties keep the questionnaire's order of fields and options (a stable sort).
    """
    return _varied(sorted(options, key=lambda o: (len(o.changes), _vendor_change(o), len(o.removed))))


def _rank_overall(options: list[ChangeSet]) -> list[ChangeSet]:
    """For the overall verdict: fewest changes, then the least severe result."""

    def severity(o: ChangeSet) -> int:
        return max(o.overall.severity, Verdict.NO_PROHIBITION_FOUND.severity)

    return _varied(sorted(options, key=lambda o: (len(o.changes), _vendor_change(o), severity(o), len(o.removed))))


def what_if(
    evaluation: Evaluation, packs: PackSet, *, locked: Iterable[str] = DEFAULT_LOCKED, max_options: int = MAX_OPTIONS
) -> WhatIf:
    """Search the smallest change sets (one field, then two) for every open finding and the overall verdict."""
    scenario = evaluation.scenario.replace(answers=normalise_answers(packs.questionnaire, evaluation.scenario.answers))
    targets = frozenset((r.pack.id, f.rule) for r in evaluation.packs for f in r.findings if f.stands_in_the_way)
    search = _Search(scenario, packs, evaluation.as_of, frozenset(locked), targets)
    findings = []
    relevant_all: set[str] = set()
    for result in evaluation.packs:
        for finding in result.findings:
            fields = {n.field for n in finding.trace.walk() if n.field}
            if result.scope_trace is not None:  # e.g. the service: using another one takes the pack away
                fields |= {n.field for n in result.scope_trace.walk() if n.field}
            if finding.verdict in _OVERALL_DRIVERS:  # an undetermined verdict can still be made less severe
                relevant_all |= fields
            if not finding.stands_in_the_way:
                continue
            key = (result.pack.id, finding.rule)
            findings.append(
                FindingOptions(
                    result.pack.id,
                    finding.rule,
                    finding.title,
                    finding.verdict,
                    tuple(_for_finding(search, key, fields, max_options)),
                )
            )
    less = _less_severe(search, relevant_all, max_options)
    return WhatIf(evaluation.as_of, search.base_overall, search.locked, tuple(findings), tuple(less))


def _smallest_sets(search: _Search, fields: set[str], wanted, *, pairs_needed: bool = True) -> tuple[list, list]:
    """Single changes that give ``wanted(overall, rules)``, then pairs of changes to two fields
    where neither change works alone. Changes that add a prohibition are never kept."""
    singles = search.changes_for(fields)
    found, rest = [], []
    for change in singles:
        overall, rules = search.outcome((change,))
        if wanted(overall, rules) and search.acceptable(rules):
            found.append(search.option((change,)))
        else:
            rest.append(change)
    pairs = []
    if pairs_needed:
        by_field: dict[str, list[Change]] = {}
        for change in rest:
            by_field.setdefault(change.field, []).append(change)
        for f1, f2 in itertools.combinations(sorted(by_field), 2):
            for c1, c2 in itertools.product(by_field[f1], by_field[f2]):
                overall, rules = search.outcome((c1, c2))
                if wanted(overall, rules) and search.acceptable(rules):
                    pairs.append(search.option((c1, c2)))
    return found, pairs


def _for_finding(search: _Search, key: RuleKey, fields: set[str], limit: int) -> list[ChangeSet]:
    found, pairs = _smallest_sets(search, fields, lambda overall, rules: key not in rules)
    return _rank_targeted(found)[:limit] + _rank_targeted(pairs)[: max(0, limit - len(found))]


def _less_severe(search: _Search, fields: set[str], limit: int) -> list[ChangeSet]:
    base = search.base_overall.severity
    if base <= Verdict.NO_PROHIBITION_FOUND.severity:
        return []
    found, pairs = _smallest_sets(search, fields, lambda overall, rules: overall.severity < base)
    return _rank_overall(found + pairs)[:limit]
