"""The search behind "what would change the outcome": candidate answers and their outcomes.

Which fields may change is data, not code: the questionnaire marks each field as a fact of the
context or a design choice (``kind``), and facts that may drift (``drift``). Verdicts are computed
with :func:`core.evaluator.rule_verdicts`, so a search of a few thousand variants stays well under
the time of one keystroke.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from core.evaluator import rule_verdicts
from core.packs import PackSet
from core.questionnaire import Field, FieldType, Questionnaire
from core.scenario import Scenario
from core.verdicts import Verdict
from core.whatif_model import Change, ChangeSet, FindingRef, RuleKey

Outcome = tuple[Verdict, dict[RuleKey, Verdict]]
Wanted = Callable[[Verdict, Mapping[RuleKey, Verdict]], bool]


def remedy_values(f: Field, current: Any) -> list[Any]:
    """Values to try for a field when looking for a remedy.

    Choices and yes/no: every other value (for a choice, only its option's declared
    ``alternatives`` when it has them). Lists: one item dropped, or swapped for another option
    (only for its declared ``alternatives``, when the option has them), or — for a list that may be
    empty — all items dropped. Items are never added: more cameras, services or purposes do not
    make a deployment more compliant. A list marked ``never_empty`` is never emptied. An unanswered
    field is tried with each of its answers. Countries are not tried.
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
    if len(chosen) > 1 and not f.never_empty:
        out.append(())
    return out


def risk_values(f: Field, current: Any) -> list[Any]:
    """Values to try for a field when looking for a risk (a change that makes things worse).

    Yes/no: the other answer. Choices: every other value, or — when options declare
    ``alternatives`` (less intrusive replacements) — the options that name the current one as
    their alternative (the more intrusive ones). Lists: one option added; for a field whose options
    declare alternatives, only an option that names a chosen one as its alternative (a body-worn
    camera besides a fixed one; identification besides detection; never another vendor). An
    unanswered field is not tried: its question already decides the verdict.
    """
    if current is None:
        return []
    if f.type is FieldType.BOOLEAN:
        return [not current]
    declared = any(o.alternatives is not None for o in f.options)
    if f.type is FieldType.CHOICE:
        if declared:
            return [o.value for o in f.options if o.value != current and current in (o.alternatives or ())]
        return [o.value for o in f.options if o.value != current]
    if f.type is not FieldType.MULTICHOICE:
        return []
    chosen = tuple(current)
    more = [
        o.value
        for o in f.options
        if o.value not in chosen and (not declared or any(c in (o.alternatives or ()) for c in chosen))
    ]
    return [(*chosen, value) for value in more]


class Search:
    """Outcomes of answer changes to one scenario on one date, cached."""

    def __init__(self, scenario: Scenario, packs: PackSet, day: Any, targets: frozenset[RuleKey]) -> None:
        self.scenario = scenario
        self.packs = packs
        self.q: Questionnaire = packs.questionnaire
        self.day = day
        self.base_overall, _, self.base_rules = rule_verdicts(scenario, packs, day)
        self.base_prohibited = {k for k, v in self.base_rules.items() if v is Verdict.PROHIBITED}
        self.cache: dict[tuple, Outcome] = {}
        self.targets = targets
        """The findings that stand in the way (named as "still applies" when they remain)."""
        self.visible = set(self.q.visible_fields(self.q.resolve(scenario.answers)))
        self.names = {(p.id, r.id): (r.title, p.title) for p in packs for r in p.rules}

    def outcome(self, changes: tuple[Change, ...]) -> Outcome:
        """Overall verdict and rule verdicts with ``changes`` made."""
        key = tuple((c.field, _hashable(c.new)) for c in changes)
        if key not in self.cache:
            answers = dict(self.scenario.answers)
            for c in changes:
                answers[c.field] = c.new
            overall, _, rules = rule_verdicts(Scenario(answers=answers), self.packs, self.day)
            self.cache[key] = (overall, rules)
        return self.cache[key]

    def no_new_prohibition(self, rules: Mapping[RuleKey, Verdict]) -> bool:
        """Nothing is suggested that is itself prohibited: no new prohibited finding."""
        return all(k in self.base_prohibited for k, v in rules.items() if v is Verdict.PROHIBITED)

    def changes(self, fields: Iterable[str], values: Callable[[Field, Any], list[Any]]) -> list[Change]:
        """Candidate changes to the visible ``fields``, in questionnaire order."""
        out = []
        order = list(self.q.fields)
        for fid in sorted(fields, key=order.index):
            if fid not in self.visible:
                continue
            f = self.q.fields[fid]
            current = self.scenario.answers.get(fid)
            out += [_change(f, current, value) for value in values(f, current)]
        return out

    def ref(self, key: RuleKey, before: Verdict | None, after: Verdict | None) -> FindingRef:
        """A finding named by its rule and policy titles."""
        title, pack_title = self.names[key]
        return FindingRef(pack_id=key[0], rule=key[1], title=title, pack_title=pack_title, before=before, after=after)

    def option(self, changes: tuple[Change, ...]) -> ChangeSet:
        """The change set with its consequence, as fields."""
        overall, rules = self.outcome(changes)
        base = self.base_rules
        removed = tuple(self.ref(k, v, None) for k, v in base.items() if k not in rules)
        added = tuple(self.ref(k, None, v) for k, v in rules.items() if k not in base)
        remaining = tuple(self.ref(k, base[k], v) for k, v in rules.items() if k in base and k in self.targets)
        return ChangeSet(
            changes=changes,
            before=self.base_overall,
            overall=overall,
            removed=removed,
            added=added,
            remaining=remaining,
        )

    def smallest_sets(
        self, candidates: list[Change], wanted: Wanted, *, safe: bool = True
    ) -> tuple[list[ChangeSet], list[ChangeSet]]:
        """Single changes that give ``wanted(overall, rules)``, then pairs of changes to two fields
        where neither change works alone. With ``safe``, changes that add a prohibition are never kept."""

        def good(changes: tuple[Change, ...]) -> bool:
            overall, rules = self.outcome(changes)
            return wanted(overall, rules) and (not safe or self.no_new_prohibition(rules))

        found: list[Change] = []
        rest: list[Change] = []
        for change in candidates:
            (found if good((change,)) else rest).append(change)
        by_field: dict[str, list[Change]] = {}
        for change in rest:
            by_field.setdefault(change.field, []).append(change)
        pairs = [
            (c1, c2)
            for f1, f2 in itertools.combinations(sorted(by_field), 2)
            for c1, c2 in itertools.product(by_field[f1], by_field[f2])
            if good((c1, c2))
        ]
        return [self.option((c,)) for c in found], [self.option(p) for p in pairs]


def _change(f: Field, old: Any, new: Any) -> Change:
    def words(value: Any) -> str:
        if value is None:
            return "not answered"
        if isinstance(value, tuple) and not value:
            return "none"
        return f.describe_in_sentence(value)

    return Change(field=f.id, old=old, new=new, label=f.label, old_words=words(old), new_words=words(new), kind=f.kind)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, (list, tuple)) else value
