"""Memo sections after the discussion: what would change the outcome, the verdict over time, and
the conclusion and recommendation."""

from __future__ import annotations

from typing import Any

from core.evidence import deciding, finding_evidence, possessive
from core.memo.context import MemoContext
from core.memo.flowables import WIDTH
from core.memo.styles import BODY, H1, SMALL, para
from core.packs import VerificationStatus
from core.verdicts import Verdict

MAX_PER_FINDING = 2
MAX_RISKS = 3


def _words(c: MemoContext, field_id: str, value: Any) -> str:
    if value is None:
        return c.t("memo.not_stated")
    if isinstance(value, tuple) and not value:
        return c.t("memo.none")
    return c.packs.questionnaire.fields[field_id].describe_answer(value)


def _changes(c: MemoContext, changes) -> str:
    """A change set in words: "“Timing of processing” were “After the event” rather than “Real time”"."""
    q = c.packs.questionnaire
    return c.t("memo.options.and").join(
        c.t(
            "memo.options.change",
            label=q.fields[ch.field].label,
            new=_words(c, ch.field, ch.new),
            old=_words(c, ch.field, ch.old),
        )
        for ch in changes
    )


def options_section(c: MemoContext) -> list:
    """What would change the outcome: the smallest changes to design choices (core.whatif) that make
    the verdict less severe, what remains when none does, and the foreseeable changes that would make
    it more severe — all in words. Facts of the context stay as described."""
    from core.whatif import what_if

    t, ev = c.t, c.ev
    result = what_if(ev, c.packs)
    body = _remedies(c, result) + _risks(c, result)
    if not body:
        return []
    return [para(t("memo.options"), H1), para(t("memo.options.intro"), BODY, width=WIDTH), *body]


def _remedies(c: MemoContext, result) -> list:
    t, ev = c.t, c.ev
    current = t(f"verdict.{ev.overall.value}").lower()
    out, shown = [], set()
    if result.less_severe:
        chosen = result.less_severe[:MAX_PER_FINDING]
        shown = {o.changes for o in chosen}
        verdict = t(f"verdict.{chosen[0].overall.value}").lower()
        changes = t("memo.options.or").join(_changes(c, o.changes) for o in chosen)
        out.append(
            para(t("memo.options.overall", verdict=verdict, current=current, changes=changes), BODY, width=WIDTH)
        )
    elif ev.overall.severity > Verdict.NO_PROHIBITION_FOUND.severity:
        out.append(para(t("memo.options.none_possible", current=current), BODY, width=WIDTH))
        if result.remains:
            out.append(para(result.remains, BODY, width=WIDTH))
    for f in result.findings:
        chosen_sets, fields = [], set()
        for o in f.options:  # one option per field, so that different remedies show
            key = tuple(sorted(ch.field for ch in o.changes))
            if o.changes in shown or key in fields:
                continue
            fields.add(key)
            chosen_sets.append(o.changes)
        if chosen_sets:
            changes = t("memo.options.or").join(_changes(c, s) for s in chosen_sets[:MAX_PER_FINDING])
            out.append(para("• " + t("memo.options.finding", title=f.title, changes=changes), BODY, width=WIDTH))
    return out


def _risks(c: MemoContext, result) -> list:
    """The smallest foreseeable changes that would make the verdict more severe."""
    t = c.t
    if not result.more_severe:
        return []
    out = [para(t("memo.options.risks"), BODY, width=WIDTH)]
    for o in result.more_severe[:MAX_RISKS]:
        verdict = t(f"verdict.{o.overall.value}").lower()
        out.append(
            para("• " + t("memo.options.risk", verdict=verdict, changes=_changes(c, o.changes)), BODY, width=WIDTH)
        )
    return out


def timeline_section(c: MemoContext) -> list:
    """How the verdict moved over time (core.timeline), for the packs that ever apply."""
    from core.timeline import timeline

    line = timeline(c.ev.scenario, c.packs)
    shown = [pt for pt in line.packs if not pt.never_applies]
    if not shown:
        return []
    out = [para(c.t("memo.timeline"), H1)]
    for pt in shown:
        out.append(para(c.t("memo.timeline.pack", title=pt.title, summary=pt.summary(c.t)), BODY, width=WIDTH))
        out += [para("• " + change, SMALL, width=WIDTH) for change in pt.changes(c.t)]
    return out


_UNCHECKED = (VerificationStatus.CROSS_CHECKED, VerificationStatus.SECONDARY)


def _titles(titles: list[str]) -> str:
    quoted = [f"“{x}”" for x in dict.fromkeys(titles)]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def conclusion(c: MemoContext, *, has_options: bool) -> list:
    """Conclusion and recommendation: what to do next, in order."""
    t, ev = c.t, c.ev
    verdict = ev.overall
    found = deciding(ev.findings, verdict) or [f for f in ev.findings if f.verdict is verdict]
    titles = _titles([f.title for f in found]) if found else ""
    plural = "" if len(found) > 1 else "s"
    items = [t(f"memo.rec.{verdict.value}", titles=titles, s=plural)]
    if verdict in (Verdict.PROHIBITED, Verdict.UNCLEAR, Verdict.RESTRICTED):
        for p in ev.packs:
            weak = [f for f in p.findings if f.verdict is verdict and finding_evidence(f) in _UNCHECKED]
            ids = list(dict.fromkeys(cl.id for f in weak for cl in f.clauses if cl.status in _UNCHECKED))
            if ids:
                items.append(t("memo.rec.obtain", whose=possessive(p.pack.publisher, t), ids=", ".join(ids)))
    if verdict in (Verdict.PROHIBITED, Verdict.UNCLEAR) and has_options:
        items.append(t("memo.rec.redesign"))
    if c.age():
        items.append(t("memo.rec.reevaluate", as_of=ev.as_of.isoformat(), age=c.age()))
    return [para(t("memo.conclusion"), H1), *(para(f"{i}. {x}", BODY, width=WIDTH) for i, x in enumerate(items, 1))]
