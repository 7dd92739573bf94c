"""Page 1 of the memo: header block, question presented, verdict with its evidence, brief answer,
limits of this review and the summary by policy."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from core.evidence import (
    evidence_caveat,
    evidence_phrase,
    finding_evidence,
    overall_evidence,
    overall_label,
    overall_publisher,
    pack_evidence,
)
from core.memo import fonts
from core.memo.context import MemoContext
from core.memo.flowables import WIDTH
from core.memo.styles import BODY, CELL, CELL_BOLD, H1, H1_OPEN, LABEL, SUBTITLE, TITLE, VERDICT, VERDICT_COLOURS, para
from core.memo.tables import grid
from core.packs import VerificationStatus
from core.results import Finding, PackResult
from core.verdicts import Verdict


def header_block(c: MemoContext) -> list:
    """To, From (with role), Date, Re, optional reference, memo id and evaluation date."""
    t, ev = c.t, c.ev
    sender = c.t("memo.from_draft")
    if c.author:
        sender = ", ".join(x for x in (c.author.name, c.header.role, c.author.organisation, c.author.email) if x)
    as_of = ev.as_of.isoformat()
    if c.age():
        as_of = t("memo.age", as_of=as_of, age=c.age())
    rows = [
        (t("memo.to"), c.header.to or t("memo.to_default")),
        (t("memo.from"), sender),
        (t("memo.date"), c.created.strftime("%Y-%m-%d %H:%M UTC")),
        (t("memo.re"), ev.scenario.title or t("memo.untitled")),
        *([(t("memo.reference"), c.header.reference)] if c.header.reference else []),
        (t("memo.memo_id"), c.memo_id),
        (t("memo.as_of"), as_of),
    ]
    table = Table(
        [[para(k, LABEL), para(v, CELL_BOLD if i == 3 else CELL, width=WIDTH * 0.82)] for i, (k, v) in enumerate(rows)],
        colWidths=[WIDTH * 0.18, WIDTH * 0.82],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
            ]
        )
    )
    return [para(t("memo.title"), TITLE), para(t("memo.subtitle"), SUBTITLE), table, Spacer(1, 6)]


def question(c: MemoContext) -> list:
    """The question presented: who would use which service for what, where and when, under which policies."""
    t = c.t
    kind = c.answer("deployer.kind") or t("memo.not_stated")
    level, country = c.answer("law_enforcement.level"), c.answer("deployer.country")
    if level and country:
        who = t("memo.q.who_level_country", kind=kind, level=level, country=country)
    elif level or country:
        who = (
            t("memo.q.who_level", kind=kind, level=level)
            if level
            else t("memo.q.who_only_country", kind=kind, country=country)
        )
    else:
        who = t("memo.q.who", kind=kind)
    text = t(
        "memo.q.open",
        who=who,
        service=c.answer("service") or t("memo.not_stated"),
        capabilities=c.answer("capabilities") or t("memo.not_stated"),
    )
    for key, fid in (
        ("database", "match_database"),
        ("purpose", "purpose"),
        ("timing", "processing.timing"),
        ("cameras", "camera.platforms"),
        ("environment", "environment"),
    ):
        value = c.answer(fid)
        if value == t("memo.not_stated"):
            text += t("memo.q.unknown", label=c.packs.questionnaire.fields[fid].label.lower())
        elif value:
            text += t(f"memo.q.{key}", **{key: value})
    countries = c.answer("deployment.countries")
    if countries and countries != "none":
        text += t("memo.q.countries", countries=countries)
    titles = [p.pack.title for p in c.ev.packs]
    one = len(titles) == 1
    policies = t("memo.q.policies_one", title=titles[0]) if one else t("memo.q.policies", n=len(titles))
    text += t("memo.q.close", policies=policies, as_of=c.ev.as_of.isoformat())
    return [para(t("memo.question"), H1), para(text, BODY, width=WIDTH)]


def verdict_box(c: MemoContext) -> list:
    """The overall verdict with the evidence it rests on, and the caveat, stacked in reading order."""
    ev, t = c.ev, c.t
    colour = VERDICT_COLOURS[ev.overall]
    label = overall_label(ev, t)
    cells = [
        [Paragraph(fonts.markup(t("memo.verdict_box", label=label), VERDICT.fontName), VERDICT)],
        [para(t(f"verdict_meaning.{ev.overall.value}"), BODY, width=WIDTH - 24)],
    ]
    if caveat := evidence_caveat(ev, t):
        cells.append([para(t("memo.evidence", caveat=caveat), BODY, width=WIDTH - 24)])
    box = Table(cells, colWidths=[WIDTH])
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("BOX", (0, 0), (-1, -1), 1.2, colour),
                ("LINEBEFORE", (0, 0), (0, -1), 5, colour),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
            ]
        )
    )
    return [Spacer(1, 4), box, Spacer(1, 2)]


def _refs(c: MemoContext, findings: list[Finding]) -> str:
    """“Title”; … for each finding: the rules by their titles (the discussion quotes their clauses)."""
    return "; ".join(c.t("memo.brief.clause_ref", title=f.title) for f in findings)


def _clause_refs(c: MemoContext, verdict: Verdict) -> str:
    """The deciding clauses grouped by policy, e.g. "the Microsoft code … rules it out under “…”"."""
    parts: list[str] = []
    for p in c.ev.packs:
        found = [f for f in p.findings if f.verdict is verdict]
        if found:
            key = "memo.brief.pack_refs" if not parts else "memo.brief.pack_refs_other"
            parts.append(c.t(key, document=p.pack.title, refs=_refs(c, found)))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def brief_answer(c: MemoContext) -> list:
    """Two or three sentences: the answer, the deciding clauses, the evidence level."""
    ev, t = c.ev, c.t
    verdict = ev.overall
    pairs = [f for f in ev.findings if f.verdict is verdict]
    clauses = _clause_refs(c, verdict) if verdict is Verdict.PROHIBITED else _refs(c, pairs)
    if verdict is Verdict.PROHIBITED:
        text = t("memo.brief.prohibited", clauses=clauses)
    elif verdict is Verdict.UNDETERMINED:
        n = len(ev.questions)
        text = t(
            "memo.brief.undetermined",
            n=n,
            s="" if n == 1 else "s",
            clauses=clauses,
            verb_s="s" if len(pairs) == 1 else "",
        )
    elif verdict is Verdict.NO_PROHIBITION_FOUND:
        checked = sum(len(p.not_triggered) for p in ev.packs if p.verdict is Verdict.NO_PROHIBITION_FOUND)
        text = t("memo.brief.no_prohibition_found", checked=checked)
    elif verdict is Verdict.NOT_APPLICABLE:
        text = t("memo.brief.not_applicable")
    else:
        text = t(f"memo.brief.{verdict.value}", clauses=clauses)
    level = overall_evidence(ev)
    if level is not None:
        phrase = evidence_phrase(level, overall_publisher(ev), t)
        key = "memo.brief.evidence_checked" if level not in _UNCHECKED else "memo.brief.evidence"
        text += " " + t(key, evidence=phrase)
    return [para(t("memo.brief"), H1), para(text, BODY, width=WIDTH)]


_UNCHECKED = (VerificationStatus.CROSS_CHECKED, VerificationStatus.SECONDARY)


def limits(c: MemoContext) -> list:
    """What the review does not cover: the packs evaluated and every pack's own coverage notices.

    A pack's notices are scope limits when its verdict is not a prohibition (a prohibition stands
    whatever else the pack leaves out); they are stated here, on page 1, next to that verdict.
    """
    ev, t = c.ev, c.t
    titles = "; ".join(p.pack.title for p in ev.packs)
    items = [t("memo.limits.packs", as_of=ev.as_of.isoformat(), titles=titles)]
    for p in ev.packs:
        if p.verdict is not Verdict.PROHIBITED:
            items += [t("memo.limits.pack", title=p.pack.title, text=n) for n in p.notices]
    if any(finding_evidence(f) in _UNCHECKED for f in ev.findings):
        items.append(t("memo.limits.unchecked"))
    return [para(t("memo.limits"), H1), *(para("• " + i, BODY, width=WIDTH) for i in items)]


def _findings_in_words(c: MemoContext, p: PackResult) -> str:
    parts = []
    for verdict in sorted({f.verdict for f in p.findings}, key=lambda v: -v.severity):
        titles = "; ".join(f.title for f in p.findings if f.verdict is verdict)
        parts.append(c.t("memo.summary.in_words", verdict=c.t(f"verdict.{verdict.value}"), titles=titles))
    return " ".join(parts)


def summary(c: MemoContext) -> list:
    """One row per policy: version, verdict with its evidence level, and why."""
    t = c.t
    heads = ("memo.summary.policy", "memo.summary.version", "memo.summary.verdict", "memo.summary.why")
    rows = [[para(t(h), LABEL) for h in heads]]
    for p in c.ev.packs:
        version = f"{p.version.id} ({p.version.period})" if p.version else t("memo.summary.none_in_force")
        why = p.reason or _findings_in_words(c, p) or t("memo.summary.no_rule")
        colour = VERDICT_COLOURS[p.verdict].hexval()[2:]
        word = fonts.markup(t(f"verdict.{p.verdict.value}").upper(), fonts.BOLD)
        verdict = [Paragraph(f'<font color="#{colour}"><b>{word}</b></font>', CELL)]
        if (level := pack_evidence(p)) is not None:
            verdict.append(para(evidence_phrase(level, p.pack.publisher, t), CELL))
        rows.append([para(p.pack.title, CELL), para(version, CELL), verdict, para(why, CELL)])
    # The table may start at the foot of page 1 and go on (header repeated) on page 2.
    heading = para(t("memo.summary"), H1_OPEN)
    return [CondPageBreak(150), heading, grid(rows, [WIDTH * 0.25, WIDTH * 0.15, WIDTH * 0.25, WIDTH * 0.35])]


__all__ = ["brief_answer", "header_block", "limits", "question", "summary", "verdict_box"]
