"""The evaluation as JSON (format ``clausewise-evaluation/1``; documented in the README).

The JSON form is a stable contract: fields may be added, never renamed or removed.
"""

from __future__ import annotations

import json
from typing import Any

from core.citations import cite
from core.evidence import finding_evidence, finding_label, overall_evidence, overall_label, pack_evidence, pack_label
from core.packs import Clause, PackSet, PackVersion, PolicyPack
from core.results import Evaluation, Finding, PackResult
from core.scenario import normalise_answers

FORMAT = "clausewise-evaluation/1"


def evaluation_to_dict(evaluation: Evaluation, packs: PackSet) -> dict[str, Any]:
    """A JSON-ready dict of the whole evaluation, traces included."""
    q = packs.questionnaire
    sc = evaluation.scenario
    answers = normalise_answers(q, sc.answers)
    return {
        "format": FORMAT,
        "scenario": {
            "title": sc.title,
            "as_of": sc.as_of.isoformat() if sc.as_of else None,
            "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()},
        },
        "as_of": evaluation.as_of.isoformat(),
        "overall": evaluation.overall.value,
        "overall_evidence": _status(overall_evidence(evaluation)),
        "overall_label": overall_label(evaluation),
        "evidence_caveat": evaluation.evidence_caveat,
        "packs": {p.pack.id: _pack(p) for p in evaluation.packs},
        "questions": list(evaluation.questions),
        "question_details": [
            {"field": f, "label": q.fields[f].label, "question": q.fields[f].question} for f in evaluation.questions
        ],
    }


def evaluation_to_json(evaluation: Evaluation, packs: PackSet) -> str:
    """The evaluation as indented JSON text."""
    return json.dumps(evaluation_to_dict(evaluation, packs), indent=2, ensure_ascii=False) + "\n"


def clause_to_dict(pack: PolicyPack, version: PackVersion, c: Clause) -> dict[str, Any]:
    """A quoted clause for JSON output: its words, verification status, source and citation."""
    return {
        "section": c.section,
        "text": c.text,
        "status": c.status.value,
        "source": {
            "publisher": c.source.publisher,
            "title": c.source.title,
            "url": c.source.url,
            "published": c.source.published,
            "retrieved": c.source.retrieved,
            "obtained_from": c.source.obtained_from,
        },
        "citation": cite(pack, version, c).text(),
        "note": c.note,
    }


def _pack(p: PackResult) -> dict[str, Any]:
    v = p.version
    clauses: dict[str, Any] = {}
    for f in p.findings:
        for c in f.clauses:
            if v is not None and c.id not in clauses:
                clauses[c.id] = clause_to_dict(p.pack, v, c)
    return {
        "title": p.pack.title,
        "publisher": p.pack.publisher,
        "verdict": p.verdict.value,
        "applicability": p.applicability.value,
        "reason": p.reason,
        "version": None
        if v is None
        else {
            "id": v.id,
            "title": v.title,
            "effective_from": v.effective_from.isoformat(),
            "effective_to": v.effective_to.isoformat() if v.effective_to else None,
            "note": v.note,
        },
        "digest": p.pack.digest,
        "evidence": _status(pack_evidence(p)),
        "verdict_label": pack_label(p),
        "findings": [_finding(f, p.pack.publisher) for f in p.findings],
        "not_triggered": list(p.not_triggered),
        "notices": list(p.notices),
        "questions": list(p.questions),
        "clauses": clauses,
        "later_versions": [
            {
                "id": lv.version.id,
                "effective_from": lv.version.effective_from.isoformat(),
                "added_clauses": list(lv.added_clauses),
                "new_findings": [{"rule": r, "verdict": v.value} for r, v in lv.new_findings],
                "changed_clauses": list(lv.changed_clauses),
            }
            for lv in p.later
        ],
    }


def _status(status: Any) -> str | None:
    """A verification status id, or None when the verdict does not rest on quoted wording."""
    return None if status is None else str(status.value)


def _finding(f: Finding, publisher: str) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "title": f.title,
        "verdict": f.verdict.value,
        "evidence": _status(finding_evidence(f)),
        "verdict_label": finding_label(f, publisher),
        "case": f.case,
        "clauses": [c.id for c in f.clauses],
        "explanation": f.explanation,
        "facts": [{"field": x.field, "label": x.label, "answer": x.answer} for x in f.facts],
        "notes": list(f.notes),
        "remedies": list(f.remedies),
        "questions": list(f.questions),
        "trace": f.trace.to_dict(),
    }
