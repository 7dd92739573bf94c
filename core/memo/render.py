"""Render an evaluation as the compliance memo (DESIGN §5) with reportlab.

Layout, top to bottom: title block (scenario, memo id, dates, prepared by); overall verdict;
a summary table per policy; the scenario facts as answered (labels, not ids); one section per
finding with the reasoning, the quoted clause in a quotation block, its full citation and
verification status, interpretation notes and remedies; open questions; policy versions and
pack digests; the not-legal-advice notice; the signature block. Every page carries a header
and "Page x of y".
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.citations import cite
from core.conditions import UNKNOWN
from core.memo import fonts
from core.memo.flowables import MARGIN, WIDTH, SignatureBox, SignaturePlacement, make_numbered_canvas, quote_block
from core.memo.sections import options_section, timeline_section
from core.memo.styles import (
    BODY,
    CELL,
    CELL_BOLD,
    FINDING,
    H1,
    H2,
    LABEL,
    MONO,
    MUTED,
    QUOTE,
    RULE,
    SMALL,
    SUBTITLE,
    TITLE,
    VERDICT_COLOURS,
    para,
)
from core.packs import PackSet
from core.results import Evaluation, Finding, PackResult
from core.verdicts import Verdict

DISCLAIMER = (
    "This memo was produced by Clausewise from machine-readable encodings of published policies. It "
    "records how those encodings read the deployment as described; it is not legal advice. Quotations "
    "are reproduced as obtained and marked with how far each has been verified: wording marked "
    "secondary or cross-checked has not been checked against the publisher's own text. The policies may "
    "have changed since the versions named above, and a deployment may be subject to laws and contracts "
    "not evaluated here. Have a qualified lawyer review the findings before relying on them."
)


@dataclass(frozen=True)
class Author:
    """Who prepared (and signs) the memo."""

    name: str
    organisation: str = ""
    email: str = ""

    def line(self) -> str:
        """Name, organisation and email on one line."""
        return ", ".join(x for x in (self.name, self.organisation, self.email) if x)


@dataclass(frozen=True)
class RenderedMemo:
    """The rendered PDF and where its signature box is."""

    pdf: bytes
    memo_id: str
    signature: SignaturePlacement
    approver: SignaturePlacement = field(default_factory=SignaturePlacement)
    """The "Approved by" box, left empty for a countersignature (``clausewise countersign``)."""


def _badge(verdict: Verdict) -> Paragraph:
    colour = VERDICT_COLOURS[verdict].hexval()[2:]
    return Paragraph(f'<font color="#{colour}"><b>{verdict.label.upper()}</b></font>', CELL)


def _grid(rows: list[list], widths: list[float], *, header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ]
    if header:
        style += [("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED)]
    table.setStyle(TableStyle(style))
    return table


def _title_block(ev: Evaluation, memo_id: str, created: dt.datetime, author: Author | None) -> list:
    title = ev.scenario.title or "Untitled scenario"
    rows = [
        [para("Scenario", LABEL), para(title, CELL_BOLD, width=WIDTH * 0.78)],
        [para("Memo", LABEL), para(memo_id, CELL)],
        [para("Date of memo", LABEL), para(created.strftime("%Y-%m-%d %H:%M UTC"), CELL)],
        [para("Evaluated as of", LABEL), para(ev.as_of.isoformat(), CELL)],
        [
            para("Prepared by", LABEL),
            para(author.line() if author else "Not signed (draft)", CELL, width=WIDTH * 0.78),
        ],
    ]
    table = Table(rows, colWidths=[WIDTH * 0.22, WIDTH * 0.78])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return [
        para("Compliance memo", TITLE),
        para("Is this planned deployment of an AI service allowed under the policies that govern it?", SUBTITLE),
        table,
        Spacer(1, 8),
    ]


def _overall(ev: Evaluation) -> list:
    colour = VERDICT_COLOURS[ev.overall]
    meaning = [para(ev.overall.overall_meaning, BODY)]
    if ev.evidence_caveat:
        meaning.append(para(f"Evidence: {ev.evidence_caveat}", SMALL))
    box = Table(
        [
            [
                Paragraph(f"<b>Overall verdict: {ev.overall.label.upper()}</b>", H2),
                meaning,
            ]
        ],
        colWidths=[WIDTH * 0.42, WIDTH * 0.58],
    )
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("BOX", (0, 0), (-1, -1), 1.2, colour),
                ("LINEBEFORE", (0, 0), (0, -1), 5, colour),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [box, Spacer(1, 6)]


def _findings_in_words(p: PackResult) -> str:
    """E.g. "Prohibited: Identifying or verifying people from their faces; …" (most severe first)."""
    parts = []
    for verdict in sorted({f.verdict for f in p.findings}, key=lambda v: -v.severity):
        titles = "; ".join(f.title for f in p.findings if f.verdict is verdict)
        parts.append(f"{verdict.label}: {titles}.")
    return " ".join(parts)


def _summary(ev: Evaluation) -> list:
    rows = [[para(h, LABEL) for h in ("Policy", "Version in force", "Verdict", "Why")]]
    for p in ev.packs:
        version = f"{p.version.id} ({p.version.period})" if p.version else "none in force"
        why = p.reason or _findings_in_words(p) or "No rule is triggered."
        rows.append([para(p.pack.title, CELL), para(version, CELL), _badge(p.verdict), para(why, CELL)])
    return [para("Summary by policy", H1), _grid(rows, [WIDTH * 0.29, WIDTH * 0.18, WIDTH * 0.17, WIDTH * 0.36])]


def _facts(ev: Evaluation, packs: PackSet) -> list:
    """The answers, by section, two question/answer pairs per row to keep the memo short."""
    q = packs.questionnaire
    res = q.resolve(ev.scenario.answers)
    col = [WIDTH * 0.23, WIDTH * 0.27, WIDTH * 0.23, WIDTH * 0.27]
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
            answer = "Not answered" if value is UNKNOWN else f.describe_answer(value)
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
                ("TOPPADDING", (0, 0), (-1, -1), 1.8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                *spans,
            ]
        )
    )
    out = [para("The deployment as described", H1), table]
    if ev.scenario.notes:
        out += [Spacer(1, 4), para("Notes: " + ev.scenario.notes, BODY, width=WIDTH)]
    return out


def _finding(p: PackResult, f: Finding, packs: PackSet) -> list:
    assert p.version is not None
    colour = VERDICT_COLOURS[f.verdict].hexval()[2:]
    head = Paragraph(
        f'<font color="#{colour}">{f.verdict.label.upper()}</font> · '
        + fonts.markup(f.title, FINDING.fontName)
        + f' <font size="7.5" color="#555555">[{fonts.markup(f.rule)}]</font>',
        FINDING,
    )
    # The explanation names the facts; the facts table above lists every answer.
    opening = [head, para(f.explanation, BODY, width=WIDTH)]
    out: list = []
    # Quotes from the same place share one citation, printed after the last of them.
    groups: list[tuple[str, list]] = []
    for clause in f.clauses:
        citation = cite(p.pack, p.version, clause).text()
        if groups and groups[-1][0] == citation:
            groups[-1][1].append(clause)
        else:
            groups.append((citation, [clause]))
    for i, (citation, clauses) in enumerate(groups):
        block: list = []
        for j, clause in enumerate(clauses):
            if j:
                block.append(Spacer(1, 3))  # separate quotes stay visibly separate
            block.append(quote_block([para(line, QUOTE, width=WIDTH - 20) for line in clause.text.split("\n")], WIDTH))
        ids = ", ".join(c.id for c in clauses)
        notes = "".join(f" Note on [{c.id}]: {c.note}" for c in clauses if c.note)
        block.append(para(f"[{ids}] {citation}{notes}", SMALL, width=WIDTH))
        # The heading never ends a page without the first quote under it.
        out.append(KeepTogether(opening + block if i == 0 else block))
    if not groups:
        out.append(KeepTogether(opening))
    for note in f.notes:
        out.append(para("Interpretation: " + note, BODY, width=WIDTH))
    for remedy in f.remedies:
        out.append(para("What would change this: " + remedy, BODY, width=WIDTH))
    if f.questions:
        labels = "; ".join(packs.questionnaire.fields[q].label for q in f.questions)
        out.append(para("Open questions: " + labels + ".", BODY, width=WIDTH))
    out.append(Spacer(1, 3))
    return out


def _findings(ev: Evaluation, packs: PackSet) -> list:
    out: list = [CondPageBreak(170), para("Findings", H1)]
    quiet = []
    for p in ev.packs:
        if not p.findings:
            quiet.append(p)
            continue
        version = f", version {p.version.id} (in force {p.version.period})" if p.version else ""
        out.append(CondPageBreak(110))
        out.append(para(f"{p.pack.title}{version}", H2, width=WIDTH))
        if p.version is not None and p.version.note:
            out.append(para(f"About this version: {p.version.note}", SMALL, width=WIDTH))
        if p.reason:
            out.append(para(p.reason, BODY, width=WIDTH))
        for notice in p.notices:
            out.append(para("Note: " + notice, BODY, width=WIDTH))
        for later in p.later:
            out.append(para(later.text(), BODY, width=WIDTH))
        for f in p.findings:
            out += _finding(p, f, packs)
    # Policies without findings are explained in the summary table; only their notes are added here.
    for p in quiet:
        for text in (*(f"Note: {n}" for n in p.notices), *(lv.text() for lv in p.later)):
            out.append(para(f"{p.pack.title}: {text}", BODY, width=WIDTH))
    return out


def _questions(ev: Evaluation, packs: PackSet) -> list:
    if not ev.questions:
        return []
    q = packs.questionnaire
    out = [para("Unanswered questions", H1), para("Answering these would decide the undetermined findings:", BODY)]
    out += [para(f"• {q.fields[f].question}", BODY, width=WIDTH) for f in ev.questions]
    return out


def _versions(ev: Evaluation) -> list:
    rows = [[para(h, LABEL) for h in ("Policy pack", "Version used", "Pack digest (SHA-256)")]]
    for p in ev.packs:
        version = p.version.id if p.version else "none in force"
        algorithm, _, digest = p.pack.digest.partition(":")
        assert algorithm == "sha256", algorithm
        rows.append([para(p.pack.id, CELL), para(version, CELL), para(digest, MONO)])
    return [
        CondPageBreak(120),
        para("Policy versions and pack digests", H1),
        _grid(rows, [WIDTH * 0.24, WIDTH * 0.17, WIDTH * 0.59]),
        Spacer(1, 4),
        para(
            "Attached to this PDF: the scenario file, the evaluation as JSON, and the questionnaire and policy "
            "packs used, so that anyone can re-check the conclusion with “clausewise verify”.",
            SMALL,
            width=WIDTH,
        ),
    ]


def _signature(author: Author | None, placement: SignaturePlacement, approver: SignaturePlacement) -> list:
    text = (
        "Digitally signed below by the preparer. The signature covers the whole memo and its attachments."
        if author
        else "This draft is not signed."
    )
    return [
        KeepTogether(
            [
                para("Not legal advice. " + DISCLAIMER, SMALL, width=WIDTH),
                para("Signature", H1),
                para(text, BODY, width=WIDTH),
                Table(
                    [
                        [
                            SignatureBox(240, 74, placement, "" if author else "Not signed"),
                            SignatureBox(240, 74, approver, "Approved by (awaiting signature)" if author else ""),
                        ]
                    ],
                    colWidths=[WIDTH / 2, WIDTH / 2],
                    style=[("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
                ),
            ]
        )
    ]


def render(
    ev: Evaluation,
    packs: PackSet,
    *,
    memo_id: str,
    created: dt.datetime,
    author: Author | None,
) -> RenderedMemo:
    """Render the memo PDF (without attachments or signature)."""
    fonts.register_base_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=46,
        bottomMargin=46,
        title=f"Compliance memo: {ev.scenario.title or 'Untitled scenario'}",
        author=author.line() if author else "",
        subject=f"Clausewise compliance memo {memo_id}",
        creator="Clausewise",
        initialFontName=fonts.REGULAR,
    )
    placement, approver = SignaturePlacement(), SignaturePlacement()
    story: list = []
    story += _title_block(ev, memo_id, created, author)
    story += _overall(ev)
    story += _summary(ev)
    story += _facts(ev, packs)
    story += _findings(ev, packs)
    story += _questions(ev, packs)
    story += options_section(ev, packs)
    story += timeline_section(ev, packs)
    story += _versions(ev)
    story += _signature(author, placement, approver)
    canvasmaker = make_numbered_canvas(
        f"Clausewise compliance memo · {memo_id}", ev.scenario.title or "", "Not legal advice · see the notice"
    )
    doc.build(story, canvasmaker=canvasmaker)
    return RenderedMemo(buffer.getvalue(), memo_id, placement, approver)


__all__ = ["Author", "RenderedMemo", "colors", "render"]
