"""The body of the memo: facts, the discussion per policy, rules not triggered, open questions."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from core.citations import cite, later_version_text
from core.conditions import UNKNOWN
from core.evidence import badge_text, finding_label
from core.memo import fonts
from core.memo.context import MemoContext
from core.memo.flowables import WIDTH, quote_block
from core.memo.styles import (
    BODY,
    CELL,
    CELL_BOLD,
    FINDING,
    H1,
    H2,
    LABEL,
    QUOTE,
    RULE,
    SMALL,
    STATUS_COLOURS,
    VERDICT_COLOURS,
    para,
)
from core.results import Finding, LaterVersion, PackResult


def facts(c: MemoContext) -> list:
    """The answers, by section, two question/answer pairs per row to keep the memo short."""
    q, t = c.packs.questionnaire, c.t
    res = q.resolve(c.ev.scenario.answers)
    col = [WIDTH * 0.22, WIDTH * 0.28, WIDTH * 0.22, WIDTH * 0.28]
    rows: list[list] = []
    spans = []
    for section in q.sections:
        shown = [fid for fid in section.fields if res.asked.get(fid) is True]
        if not shown:
            continue
        spans.append(("SPAN", (0, len(rows)), (-1, len(rows))))
        rows.append([para(section.title, CELL_BOLD), "", "", ""])
        cells = []
        for fid in shown:
            f = q.fields[fid]
            value = res.values[fid]
            answer = t("memo.not_stated") if value is UNKNOWN else f.describe_answer(value)
            cells += [para(f.label, LABEL), para(answer, CELL, width=col[1] - 8)]
        for i in range(0, len(cells), 4):
            chunk = cells[i : i + 4]
            rows.append(chunk + [""] * (4 - len(chunk)))
    table = Table(rows, colWidths=col)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                *spans,
            ]
        )
    )
    out = [CondPageBreak(90), para(t("memo.facts"), H1), table]
    if c.ev.scenario.notes:
        out += [Spacer(1, 4), para(t("memo.facts.notes", notes=c.ev.scenario.notes), BODY, width=WIDTH)]
    return out


def _badge(c: MemoContext, status) -> str:
    colour = STATUS_COLOURS[status].hexval()[2:]
    word = fonts.markup(badge_text(status, c.t).upper(), fonts.BOLD)
    return f'<font backColor="#{colour}" color="#FFFFFF"><b>\u00a0{word}\u00a0</b></font>'


def _finding(c: MemoContext, p: PackResult, f: Finding) -> list:
    assert p.version is not None
    t = c.t
    colour = VERDICT_COLOURS[f.verdict].hexval()[2:]
    label = fonts.markup(finding_label(f, p.pack.publisher, t), FINDING.fontName)
    head = Paragraph(
        f'<font color="#{colour}">{label}</font><br/>'
        + fonts.markup(f.title, FINDING.fontName)
        + f' <font size="8.5" color="#3D3D3D">[{fonts.markup(f.rule)}]</font>',
        FINDING,
    )
    opening = [head, para(f.explanation, BODY, width=WIDTH)]
    out: list = []
    groups: list[tuple[str, list]] = []  # quotes from the same place share one citation
    for clause in f.clauses:
        citation = cite(p.pack, p.version, clause).text(t)
        if groups and groups[-1][0] == citation:
            groups[-1][1].append(clause)
        else:
            groups.append((citation, [clause]))
    for i, (citation, clauses) in enumerate(groups):
        block: list = []
        for j, clause in enumerate(clauses):
            if j:
                block.append(Spacer(1, 3))
            block.append(quote_block([para(line, QUOTE, width=WIDTH - 20) for line in clause.text.split("\n")], WIDTH))
        notes = "".join(t("memo.quote.note", id=cl.id, note=cl.note) for cl in clauses if cl.note)
        text = t("memo.quote.citation", ids=", ".join(cl.id for cl in clauses), citation=citation, notes=notes)
        block.append(Paragraph(_badge(c, clauses[0].status) + " " + fonts.markup(text, fonts.REGULAR), SMALL))
        out.append(KeepTogether(opening + block if i == 0 else block))  # a heading never ends a page alone
    if not groups:
        out.append(KeepTogether(opening))
    out += [para(t("memo.finding.interpretation", text=n), BODY, width=WIDTH) for n in f.notes]
    out += [para(t("memo.finding.remedy", text=m), BODY, width=WIDTH) for m in f.remedies]
    if f.questions:
        labels = "; ".join(c.packs.questionnaire.fields[q].label for q in f.questions)
        out.append(para(t("memo.finding.open", labels=labels), BODY, width=WIDTH))
    return [*out, Spacer(1, 3)]


def discussion(c: MemoContext) -> list:
    """Per policy with findings: version, notices, then each finding with its quotes and citations."""
    t = c.t
    out: list = [CondPageBreak(90), para(t("memo.discussion"), H1)]
    for p in c.ev.packs:
        if not p.findings:
            continue
        head = p.pack.title
        if p.version is not None:
            head = t("memo.discussion.policy", title=p.pack.title, version=p.version.id, period=p.version.period)
        out += [CondPageBreak(110), para(head, H2, width=WIDTH)]
        if p.version is not None and p.version.note:
            out.append(para(t("memo.discussion.about_version", note=p.version.note), SMALL, width=WIDTH))
        if p.reason:
            out.append(para(p.reason, BODY, width=WIDTH))
        out += [para(t("memo.discussion.note", text=n), BODY, width=WIDTH) for n in p.notices]
        out += [para(later_version(c, lv), BODY, width=WIDTH) for lv in p.later]
        for f in p.findings:
            out += _finding(c, p, f)
    # Policies without findings: their verdict and reason are in the summary by policy.
    if not any(p.findings for p in c.ev.packs):
        listed = any(p.not_triggered and p.version is not None for p in c.ev.packs)
        out.append(
            para(t("memo.discussion.none") + (t("memo.discussion.none_listed") if listed else ""), BODY, width=WIDTH)
        )
    return out


def later_version(c: MemoContext, lv: LaterVersion) -> str:
    """A version not yet in force on the evaluation date, in words (:func:`later_version_text`)."""
    return later_version_text(lv, c.t)


def not_triggered(c: MemoContext) -> list:
    """The rules checked and not triggered, by title, per policy that applies."""
    t = c.t
    items = []
    for p in c.ev.packs:
        if not p.not_triggered or p.version is None:
            continue
        titles = {r.id: r.title for r in p.pack.rules}
        rules = "; ".join(titles.get(r, r) for r in p.not_triggered)
        items.append(para(t("memo.not_triggered.pack", title=p.pack.title, rules=rules), BODY, width=WIDTH))
    if not items:
        return []
    return [para(t("memo.not_triggered"), H1), *items]


def open_questions(c: MemoContext) -> list:
    """The questions whose answers would decide the undetermined findings."""
    if not c.ev.questions:
        return []
    q, t = c.packs.questionnaire, c.t
    out = [para(t("memo.questions"), H1), para(t("memo.questions.intro"), BODY)]
    return out + [para(f"• {q.fields[f].question}", BODY, width=WIDTH) for f in c.ev.questions]
