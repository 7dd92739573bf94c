"""Evaluate a scenario against policy packs on a date (DESIGN §3–4).

Per pack: pick the version in force, test the scope, then each rule of that version. A rule's
cases are tried in order and the first that holds decides; if a case before it is unknown,
the rule is undetermined. When it is unknown whether the pack applies, the scope is part of
every rule's condition: rules that could fire become undetermined.

Verdicts are computed with compiled conditions; traces, facts and explanations are built only
for the rules that produce a finding, which keeps evaluation fast enough to run on every edit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from core.conditions import UNKNOWN, TraceNode, deciding_fields
from core.decide import RuleOutcome, decide_pack, decide_rule
from core.packs import Case, PackSet, PackVersion, PolicyPack, Rule
from core.questionnaire import Questionnaire, Resolution
from core.results import Applicability, Evaluation, Fact, Finding, LaterVersion, PackResult
from core.scenario import Scenario
from core.templates import fill
from core.truth import Truth, all_of, both
from core.verdicts import Verdict, most_severe


def evaluate(scenario: Scenario, packs: PackSet, as_of: dt.date | None = None) -> Evaluation:
    """Evaluate ``scenario`` against every pack in ``packs``.

    The date is ``as_of`` if given, else the scenario's own ``as_of``, else today.
    """
    day = as_of or scenario.as_of or dt.date.today()
    q = packs.questionnaire
    q.check_answers(scenario.answers)
    resolution = q.resolve(scenario.answers)
    results = tuple(_evaluate_pack(pack, q, resolution, day) for pack in packs)
    wanted = {f for r in results for f in r.questions}
    return Evaluation(
        scenario=scenario,
        as_of=day,
        overall=most_severe(r.verdict for r in results),
        packs=results,
        questions=tuple(f for f in q.fields if f in wanted),
    )


def rule_verdicts(
    scenario: Scenario, packs: PackSet, day: dt.date
) -> tuple[Verdict, dict[str, Verdict], dict[tuple[str, str], Verdict]]:
    """Verdicts only, without traces or explanations: (overall, per pack, per (pack, rule)).

    Gives the same verdicts as :func:`evaluate` at a fraction of the cost, for searches that
    try many variants of a scenario (what-if, timelines, portfolios).
    """
    values = packs.questionnaire.resolve(scenario.answers).values
    per_pack: dict[str, Verdict] = {}
    per_rule: dict[tuple[str, str], Verdict] = {}
    for pack in packs:
        decision = decide_pack(pack, values, day)
        per_pack[pack.id] = decision.verdict
        per_rule.update({(pack.id, o.rule.id): o.verdict for o in decision.triggered})
    return most_severe(per_pack.values()), per_pack, per_rule


def _evaluate_pack(pack: PolicyPack, q: Questionnaire, res: Resolution, day: dt.date) -> PackResult:
    values = res.values
    decision = decide_pack(pack, values, day)
    scope, version = decision.scope, decision.version
    scope_trace = _scope_trace(pack, values)
    # Scope first: "the AI Act does not reach this deployer" says more than "not yet in force".
    if scope is False:
        return PackResult(
            pack=pack,
            verdict=Verdict.NOT_APPLICABLE,
            applicability=Applicability.NOT_APPLICABLE,
            reason=decision.scope_reason,
            version=version,
            scope_trace=scope_trace,
        )
    if version is None:
        return _not_in_force(pack, day)
    findings = [
        _finding(outcome, version, q, res, scope_trace if scope is None else None) for outcome in decision.triggered
    ]

    wanted: set[str] = set()
    for f in findings:
        wanted.update(f.questions)
    questions = tuple(f for f in q.fields if f in wanted)
    if scope is None:
        scope_fields = deciding_fields(scope_trace)
        reason = "Whether this policy applies depends on unanswered questions: " + ", ".join(
            q.fields[f].label for f in q.questions(scope_fields, res)
        )
        applicability = Applicability.UNKNOWN
    else:
        reason, applicability = "", Applicability.APPLIES
    notices = tuple(n.text for n in pack.notices if scope is True and n.when.holds(values) is True)
    # Only say what a later version would trigger when the pack is known to apply.
    later = _later_versions(pack, version, values, {f.rule for f in findings} if scope is True else None)
    return PackResult(
        pack=pack,
        verdict=decision.verdict,
        applicability=applicability,
        reason=reason,
        version=version,
        findings=tuple(findings),
        not_triggered=decision.not_triggered,
        questions=questions,
        notices=notices,
        scope_trace=scope_trace,
        later=later,
    )


def _later_versions(
    pack: PolicyPack, version: PackVersion, values: Mapping[str, Any], triggered: set[str] | None
) -> tuple[LaterVersion, ...]:
    out = []
    for later in pack.versions:
        if later.effective_from <= version.effective_from:
            continue
        new: list[tuple[str, Verdict]] = []
        titles: list[tuple[str, str]] = []
        for rule in pack.rules_for(later) if triggered is not None else ():
            outcome = decide_rule(rule, values)
            if outcome is not None and triggered is not None and rule.id not in triggered:
                new.append((rule.id, outcome.verdict))
                titles.append((rule.id, rule.title))
        added = tuple(c for c in later.clauses if c not in version.clauses)
        changed = tuple(
            c for c, clause in later.clauses.items() if c in version.clauses and version.clauses[c].text != clause.text
        )
        out.append(LaterVersion(later, added, tuple(new), changed, tuple(titles)))
    return tuple(out)


def _not_in_force(pack: PolicyPack, day: dt.date) -> PackResult:
    first = pack.versions[0]
    if day < first.effective_from:
        reason = (
            f"Not yet in force on {day.isoformat()}: the first version took effect on "
            f"{first.effective_from.isoformat()}."
        )
    else:
        reason = f"No version of this policy is recorded as in force on {day.isoformat()}."
    return PackResult(
        pack=pack, verdict=Verdict.NOT_APPLICABLE, applicability=Applicability.NOT_IN_FORCE, reason=reason, version=None
    )


def _scope_trace(pack: PolicyPack, values: Mapping[str, Any]) -> TraceNode:
    kids = tuple(t.when.trace(values) for t in pack.scope)
    return TraceNode("all", "the policy applies", all_of(k.value for k in kids), children=kids)


def _finding(
    outcome: RuleOutcome,
    version: PackVersion,
    q: Questionnaire,
    res: Resolution,
    scope_trace: TraceNode | None,
) -> Finding:
    values, rule, verdict = res.values, outcome.rule, outcome.verdict
    trace = _rule_trace(rule, values, scope_trace)
    # An undetermined rule is explained with the most severe case that could still apply: from
    # the first open case on, those not already known not to hold.
    if outcome.case is not None:
        possible: tuple[Case, ...] = (rule.cases[outcome.case],)
    else:
        base: Truth = True if rule.when is None else rule.when.holds(values)
        rest = rule.cases[outcome.first_open_case or 0 :]
        possible = tuple(c for c in rest if both(base, True if c.when is None else c.when.holds(values)) is not False)
        possible = possible or rest
    case = max(possible, key=lambda c: c.verdict.severity)
    clause_ids = list(rule.clauses) + [c for c in case.clauses if c not in rule.clauses]
    clauses = tuple(version.clauses[c] for c in clause_ids)
    questions: tuple[str, ...] = ()
    if verdict is Verdict.UNDETERMINED:
        questions = q.questions(deciding_fields(trace), res)
    facts = _facts(trace, q) if verdict is not Verdict.UNDETERMINED else _known_facts(trace, q)
    render = lambda text: _render(text, q, values)  # noqa: E731
    explanation = render(case.explanation)
    if verdict is Verdict.UNDETERMINED:
        could_be = " or ".join(dict.fromkeys(c.verdict.label.lower() for c in possible))
        asked = ", ".join(q.fields[f].label for f in questions)
        explanation = f"Could be {could_be}, depending on: {asked}. If it applies: {explanation}"
    return Finding(
        rule=rule.id,
        title=rule.title,
        verdict=verdict,
        clauses=clauses,
        explanation=explanation,
        facts=facts,
        notes=tuple(render(n.text) for n in case.notes if n.when is None or n.when.holds(values) is True),
        remedies=tuple(render(m.text) for m in case.remedies if m.when is None or m.when.holds(values) is True),
        questions=questions,
        trace=trace,
        case=case.label if verdict is not Verdict.UNDETERMINED else "",
        could_be=tuple(sorted({c.verdict for c in possible}, key=lambda v: -v.severity))
        if verdict is Verdict.UNDETERMINED
        else (),
    )


def _rule_trace(rule: Rule, values: Mapping[str, Any], scope_trace: TraceNode | None) -> TraceNode:
    kids: list[TraceNode] = []
    if scope_trace is not None:
        kids.append(scope_trace)
    base: Truth = True
    if rule.when is not None:
        when = rule.when.trace(values)
        kids.append(when)
        base = when.value
    chosen: Truth = False
    for case in rule.cases:
        if case.when is None:
            node = TraceNode("case", f"otherwise: {case.verdict.label.lower()}", True)
        else:
            inner = case.when.trace(values)
            node = TraceNode(
                "case", f"{case.label or 'case'}: {case.verdict.label.lower()}", inner.value, children=(inner,)
            )
        kids.append(node)
        held = both(base, node.value)
        if held is not False:
            chosen = held
            break
    value = both(scope_trace.value if scope_trace is not None else True, chosen)
    return TraceNode("all", f"rule {rule.id}", value, children=tuple(kids))


def _support(node: TraceNode, needed: bool) -> list[TraceNode]:
    """Field nodes that make ``node`` evaluate to ``needed``.

    Branches under ``not`` (facts that rule an exception out, such as "no accessibility
    purpose") are left out: the facts listed are those the rule rests on.
    """
    if node.value is not needed or node.kind == "not":
        return []
    if node.kind == "field":
        return [node]
    out: list[TraceNode] = []
    for child in node.children:
        out.extend(_support(child, needed))
    return out


def _facts(trace: TraceNode, q: Questionnaire) -> tuple[Fact, ...]:
    seen: dict[str, Fact] = {}
    for node in _support(trace, True):
        if node.field and node.field not in seen:
            seen[node.field] = Fact(node.field, q.fields[node.field].label, node.answer or "")
    return tuple(seen[f] for f in q.fields if f in seen)


def _known_facts(trace: TraceNode, q: Questionnaire) -> tuple[Fact, ...]:
    seen: dict[str, Fact] = {}
    for node in trace.walk():
        known = node.kind == "field" and node.value is not None and node.field and node.field not in seen
        if known and node.answer not in ("none", "not answered"):
            seen[node.field] = Fact(node.field, q.fields[node.field].label, node.answer or "")
    return tuple(seen[f] for f in q.fields if f in seen)


def _render(template: str, q: Questionnaire, values: Mapping[str, Any]) -> str:
    def answer(fid: str) -> str | None:
        f = q.fields.get(fid)
        if f is None:
            return None
        if values[fid] is UNKNOWN:
            return "not stated"  # in words, never a template marker (the facts list says which)
        return f.describe_in_sentence(values[fid])

    return fill(template, answer)
