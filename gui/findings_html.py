"""The findings panel's content as HTML (Qt's rich-text subset), built without Qt.

Every verdict is shown with a symbol and words, never colour alone. All text from scenarios
and packs is escaped. Questions are links (``field:<id>``) the window turns into focus moves.
"""

from __future__ import annotations

import core
from core import Verdict
from gui.markup import escape

# The verdict presentation table lives in core.verdicts (shared with the memo and the text output).
SYMBOLS = {v: v.mark for v in Verdict}
COLOURS = {v: v.colour for v in Verdict}


def badge(verdict: Verdict, evidence: core.VerificationStatus | None = None, publisher: str = "") -> str:
    """A coloured badge with a symbol and the verdict in words, then the evidence it rests on."""
    out = (
        f'<span style="background-color:{COLOURS[verdict]}; color:#ffffff; font-weight:bold;">'
        f"&nbsp;{SYMBOLS[verdict]} {escape(verdict.label.upper())}&nbsp;</span>"
    )
    if evidence is not None:
        out += f' <span style="color:#444444;">— {escape(core.evidence_phrase(evidence, publisher))}</span>'
    return out


def _sentence(phrase: str) -> str:
    """``phrase`` as a sentence: first letter upper-case, a full stop at the end."""
    return phrase[:1].upper() + phrase[1:] + "."


def status_badge(status: core.VerificationStatus) -> str:
    """The visible badge of a quote: primary, archived, cross-checked or press."""
    return (
        f'<span style="background-color:{core.badge_colour(status)}; color:#ffffff;">'
        f"&nbsp;{escape(core.badge_text(status))}&nbsp;</span>"
    )


def finding_anchor(pack_id: str, rule: str) -> str:
    """The anchor name of a finding in the panel (the findings outline scrolls to it)."""
    return escape(f"finding-{pack_id}-{rule}")


def _question_links(field_ids, q: core.Questionnaire) -> str:
    items = "".join(f'<li><a href="field:{escape(f)}">{escape(q.fields[f].question)}</a></li>' for f in field_ids)
    return f"<ul>{items}</ul>"


def _quote(pack: core.PolicyPack, version: core.PackVersion, clause: core.Clause) -> str:
    text = "<br>".join(escape(line) for line in clause.text.split("\n"))
    citation = core.cite(pack, version, clause)
    note = f" Note on this quotation: {escape(clause.note)}" if clause.note else ""
    return (
        '<table width="100%" cellspacing="0" cellpadding="6"><tr>'
        '<td width="4" style="background-color:#7a7a7a;"></td>'
        f'<td style="background-color:#f3f3f0;">{text}</td></tr></table>'
        f'<p style="color:#444444; margin-top:2px;">{status_badge(clause.status)} {escape(citation.text())}{note}</p>'
    )


def _finding(pack: core.PackResult, f: core.Finding, q: core.Questionnaire) -> str:
    parts = [
        f'<a name="{finding_anchor(pack.pack.id, f.rule)}"></a>'
        f'<p style="margin-top:10px;">{badge(f.verdict, core.finding_evidence(f), pack.pack.publisher)} '
        f"<b>{escape(f.title)}</b> "
        f'<span style="color:#666666;">[{escape(f.rule)}]</span></p>',
        f"<p>{escape(f.explanation)}</p>",
    ]
    if f.facts:
        facts = "; ".join(f"{escape(x.label)}: {escape(x.answer)}" for x in f.facts)
        parts.append(f'<p style="color:#444444;">Facts: {facts}</p>')
    if pack.version is not None:
        parts += [_quote(pack.pack, pack.version, c) for c in f.clauses]
    parts += [f"<p><i>Interpretation:</i> {escape(n)}</p>" for n in f.notes]
    parts += [f"<p><i>What would change this:</i> {escape(m)}</p>" for m in f.remedies]
    if f.questions:
        parts.append("<p>Would be decided by:</p>" + _question_links(f.questions, q))
    return "".join(parts)


def _pack(p: core.PackResult, q: core.Questionnaire) -> str:
    head = f'<a name="pack-{escape(p.pack.id)}"></a><h3 style="margin-bottom:2px;">{escape(p.pack.title)}</h3>'
    head += f"<p>{badge(p.verdict, core.pack_evidence(p), p.pack.publisher)}"
    if p.version is not None:
        head += f" &nbsp;Version in force: {escape(p.version.id)} ({escape(p.version.period)})"
    head += "</p>"
    parts = [head]
    if p.reason:
        parts.append(f'<p style="color:#444444;">{escape(p.reason)}</p>')
    parts += [f"<p><i>Note:</i> {escape(n)}</p>" for n in p.notices]
    if p.version is not None and p.version.note and p.findings:
        parts.append(f'<p style="color:#444444;"><i>About this version:</i> {escape(p.version.note)}</p>')
    for later in p.later:
        parts.append(f'<p style="color:#444444;"><i>{escape(core.later_version_text(later))}</i></p>')
    parts += [_finding(p, f, q) for f in p.findings]
    return "".join(parts) + "<hr>"


def findings_html(evaluation: core.Evaluation, packs: core.PackSet) -> str:
    """The whole panel: overall verdict, open questions, then one card per policy."""
    q = packs.questionnaire
    ev = evaluation
    parts = [
        f'<h2 style="margin-bottom:4px;">{badge(ev.overall)}</h2>',
        *(
            [f"<p><b>{escape(_sentence(core.evidence_phrase(level, core.overall_publisher(ev))))}</b></p>"]
            if (level := core.overall_evidence(ev))
            else []
        ),
        f"<p>{escape(ev.overall.overall_meaning)} Evaluated as of {ev.as_of.isoformat()}.</p>",
    ]
    if ev.evidence_caveat:
        parts.append(f'<p style="color:#8a4b00;"><b>Evidence:</b> {escape(ev.evidence_caveat)}</p>')

    def count(p: core.PackResult) -> str:
        n = len(p.findings)
        return f" ({n} finding{'s' if n != 1 else ''})" if n else ""

    rows = "".join(
        f'<tr><td>{badge(p.verdict)}</td><td>&nbsp;<a href="#pack-{escape(p.pack.id)}">{escape(p.pack.title)}</a>'
        f"{count(p)}</td></tr>"
        for p in ev.packs
    )
    parts.append(f'<table cellspacing="2">{rows}</table>')
    if ev.questions:
        parts.append("<h3>Questions that would decide this</h3>" + _question_links(ev.questions, q))
    parts.append("<hr>")
    parts += [_pack(p, q) for p in ev.packs]
    return "".join(parts)
