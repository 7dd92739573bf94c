"""The evaluation as text for people (the CLI's default output)."""

from __future__ import annotations

import textwrap

from core.citations import cite, later_version_text
from core.evidence import badge_text, evidence_phrase, finding_label, overall_label, pack_evidence, pack_label
from core.packs import PackSet
from core.results import Evaluation, Finding, PackResult

WIDTH = 100


def wrap(text: str, indent: str = "", hang: str | None = None) -> list[str]:
    """``text`` as lines of at most WIDTH characters, the first indented by ``indent``, the others
    by ``hang`` (default: ``indent``). Never breaks inside a word: URLs and ids stay copyable."""
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if hang is None else hang,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [indent]


def evaluation_to_text(evaluation: Evaluation, packs: PackSet, *, show_trace: bool = False) -> str:
    """Verdict per policy, findings with quoted clauses and citations, open questions."""
    q = packs.questionnaire
    ev = evaluation
    out: list[str] = []
    title = ev.scenario.title or "Untitled scenario"
    out.append(f"Clausewise evaluation: {title}")
    out.append(f"Evaluated as of {ev.as_of.isoformat()}")
    out.append("")
    label = overall_label(ev)
    out += wrap(f"Overall: {ev.overall.symbol} {label}. {ev.overall.overall_meaning}", "")
    if ev.evidence_caveat:
        out += wrap(f"Evidence: {ev.evidence_caveat}", "")
    out.append("")
    out.append("Per policy:")
    for p in ev.packs:
        version = f", version {p.version.id}" if p.version else ""
        out.append(f"  {p.verdict.symbol:5} {p.verdict.label:22} {p.pack.title}{version}")
        if (level := pack_evidence(p)) is not None:
            out += wrap(evidence_phrase(level, p.pack.publisher), " " * 31)
    for p in ev.packs:
        out.append("")
        out.extend(_pack_lines(p, show_trace))
    if ev.questions:
        out.append("")
        out.append("Questions that would decide the open points:")
        for fid in ev.questions:
            f = q.fields[fid]
            out.extend(wrap(f"- {f.question} [{fid}]", "  "))
    return "\n".join(out) + "\n"


def _pack_lines(p: PackResult, show_trace: bool) -> list[str]:
    out = [f"== {p.pack.title} ({p.pack.publisher}) =="]
    out += wrap(f"Verdict: {p.verdict.symbol} {pack_label(p)}", "")
    if p.version is not None:
        out.append(f"Version used: {p.version.id} (in force {p.version.period}), “{p.version.title}”")
        if p.version.note and p.findings:
            out.extend(wrap(f"About this version: {p.version.note}", ""))
    if p.reason:
        out.extend(wrap(p.reason, ""))
    for notice in p.notices:
        out.extend(wrap(f"Note: {notice}", ""))
    for later in p.later:
        out.extend(wrap(later_version_text(later), ""))
    for f in p.findings:
        out.append("")
        out.extend(_finding_lines(p, f, show_trace))
    if p.not_triggered and p.version is not None:
        out.append("")
        out.extend(wrap("Rules checked and not triggered: " + ", ".join(p.not_triggered), ""))
    return out


def _finding_lines(p: PackResult, f: Finding, show_trace: bool) -> list[str]:
    label = finding_label(f, p.pack.publisher)
    out = wrap(f"{f.verdict.symbol} {label}: {f.title} [{f.rule}]", "  ", "    ")
    out.extend(wrap(f.explanation, "    "))
    if f.facts:
        out.extend(wrap("Facts: " + "; ".join(f"{x.label}: {x.answer}" for x in f.facts), "    "))
    assert p.version is not None
    for c in f.clauses:
        out.append(f"    Clause “{c.id}”, under “{c.section}” [{badge_text(c.status)}]:")
        for line in c.text.splitlines():
            out.append(f"      > {line}")
        out.extend(wrap("Source: " + cite(p.pack, p.version, c).text(), "      "))
        if c.note:
            out.extend(wrap(f"Note on this quotation: {c.note}", "      "))
    for n in f.notes:
        out.extend(wrap(f"Interpretation: {n}", "    "))
    for m in f.remedies:
        out.extend(wrap(f"What would change this: {m}", "    "))
    if f.questions:
        out.extend(wrap("Open questions: " + ", ".join(f.questions), "    "))
    if show_trace:
        out.append("    Trace:")
        out.extend("      " + line for line in f.trace.lines())
    return out
