"""Re-evaluate a memo's attached scenario with its attached packs, and with today's packs."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import field
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader

from core.errors import ClausewiseError, VerificationError
from core.evaluator import evaluate
from core.memo.attachments import (
    COUNTRIES,
    EVALUATION,
    PACK_PREFIX,
    PACK_SUFFIX,
    PRINTED_KEY,
    QUESTIONNAIRE,
    SCENARIO,
    printed_verdicts,
    read_attachments,
)
from core.pack_loader import parse_pack
from core.packs import PackSet
from core.questionnaire_loader import parse_countries, parse_questionnaire
from core.report_json import evaluation_to_dict
from core.scenario_file import parse_scenario
from core.value_class import value_class


@value_class
class Reproduction:
    """Whether the memo's conclusion follows from what it carries, and what today's packs say."""

    memo_id: str
    as_of: dt.date
    memo_overall: str
    reproducible: bool
    differences: tuple[str, ...]
    """What differs between the attached conclusion and the re-evaluation (empty if reproducible)."""
    today_same_date: str
    """Overall verdict with the packs installed today, on the memo's evaluation date."""
    today_now: str
    """Overall verdict with today's packs on today's date."""
    today_differences: tuple[str, ...] = field(default_factory=tuple)
    contradictions: tuple[str, ...] = field(default_factory=tuple)
    """Where the verdicts printed in the memo (its metadata) disagree with its evaluation attachment."""

    @property
    def consistent(self) -> bool:
        """Reproducible, and the printed verdicts agree with the attached evaluation."""
        return self.reproducible and not self.contradictions

    def lines(self) -> list[str]:
        """Plain-words summary."""
        out = [f"Conclusion in the memo: {self.memo_overall.replace('_', ' ')} (as of {self.as_of})."]
        if self.reproducible:
            out.append(
                "Reproducible: yes. Re-evaluating the attached scenario with the attached policy packs gives the "
                "same conclusion."
            )
        else:
            out.append("Reproducible: NO. Re-evaluating the attached scenario gives a different result:")
            out += [f"  - {d}" for d in self.differences]
        if self.contradictions:
            out.append("Printed verdicts: they CONTRADICT the attached evaluation:")
            out += [f"  - {d}" for d in self.contradictions]
        else:
            out.append("Printed verdicts: they agree with the attached evaluation.")
        if self.today_differences:
            out.append(
                f"Today's policy packs conclude differently for {self.as_of}: {self.today_same_date.replace('_', ' ')}."
            )
            out += [f"  - {d}" for d in self.today_differences]
        else:
            out.append(f"Today's policy packs reach the same conclusion for {self.as_of}.")
        out.append(f"With today's packs as of today: {self.today_now.replace('_', ' ')}.")
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "memo_overall": self.memo_overall,
            "as_of": self.as_of.isoformat(),
            "reproducible": self.reproducible,
            "differences": list(self.differences),
            "today_same_date": self.today_same_date,
            "today_now": self.today_now,
            "today_differences": list(self.today_differences),
            "contradictions": list(self.contradictions),
            "consistent": self.consistent,
        }


def _essentials(doc: dict[str, Any]) -> dict[str, Any]:
    """The parts of an evaluation that make up its conclusion."""
    return {
        "overall": doc["overall"],
        "questions": doc["questions"],
        "packs": {
            pid: {
                "verdict": p["verdict"],
                "version": p["version"]["id"] if p["version"] else None,
                "findings": [(f["rule"], f["verdict"], tuple(f["clauses"])) for f in p["findings"]],
            }
            for pid, p in doc["packs"].items()
        },
    }


def _differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    a, b = _essentials(old), _essentials(new)
    out = []
    if a["overall"] != b["overall"]:
        out.append(f"overall verdict: {a['overall']} → {b['overall']}")
    for pid in sorted(set(a["packs"]) | set(b["packs"])):
        pa, pb = a["packs"].get(pid), b["packs"].get(pid)
        if pa is None or pb is None:
            out.append(f"{pid}: {'added' if pa is None else 'no longer evaluated'}")
            continue
        if pa["verdict"] != pb["verdict"]:
            out.append(f"{pid}: {pa['verdict']} → {pb['verdict']}")
        if pa["version"] != pb["version"]:
            out.append(f"{pid}: version {pa['version']} → {pb['version']}")
        fa = {r: v for r, v, _ in pa["findings"]}
        fb = {r: v for r, v, _ in pb["findings"]}
        for rule in sorted(set(fa) | set(fb)):
            if fa.get(rule) != fb.get(rule):
                out.append(f"{pid}/{rule}: {fa.get(rule, 'not triggered')} → {fb.get(rule, 'not triggered')}")
    if a["questions"] != b["questions"] and not out:
        out.append(f"open questions: {a['questions']} → {b['questions']}")
    return out


def printed_metadata(reader: PdfFileReader) -> dict[str, Any] | None:
    """The printed verdicts stored in the PDF's document information (None if absent)."""
    try:
        info = reader.trailer["/Info"]
        text = str(info[PRINTED_KEY])
    except (KeyError, TypeError, AttributeError):
        return None
    data = json.loads(text)
    return data if isinstance(data, dict) else {}


def printed_contradictions(memo: dict[str, Any], metadata: dict[str, Any] | None) -> list[str]:
    """Where the memo's printed verdicts (attachment and metadata) disagree with its evaluation."""
    expected = printed_verdicts(memo)
    out = []
    recorded = memo.get("memo", {}).get("printed")
    if recorded is None:
        out.append("the evaluation attachment does not record the verdicts printed in the memo")
    elif recorded != expected:
        out.append(f"the memo prints {recorded} but its evaluation says {expected}")
    if metadata is None:
        out.append("the PDF does not record the verdicts it prints (metadata missing)")
    elif metadata != expected:
        out.append(f"the PDF's metadata says {metadata} but its evaluation says {expected}")
    return out


def reproduce(reader: PdfFileReader) -> Reproduction:
    """Re-evaluate from the attachments of the signed revision ``reader``.

    Attachments are untrusted input: anything wrong with them is reported as a
    :class:`VerificationError`, never as a crash.
    """
    try:
        return _reproduce(reader)
    except VerificationError:
        raise
    except ClausewiseError as exc:
        raise VerificationError(f"an attachment is not valid: {exc}") from None
    except RecursionError:
        raise VerificationError("an attachment is nested too deeply to be read") from None
    except Exception as exc:  # attachments are untrusted input: any failure means "cannot be read"
        raise VerificationError(f"the attachments cannot be read ({type(exc).__name__}: {str(exc)[:120]})") from None


def _reproduce(reader: PdfFileReader) -> Reproduction:
    files = read_attachments(reader)
    missing = [n for n in (SCENARIO, EVALUATION, QUESTIONNAIRE, COUNTRIES) if n not in files]
    if missing:
        raise VerificationError("the memo carries no machine-readable attachments (" + ", ".join(missing) + ")")
    memo = json.loads(files[EVALUATION].decode("utf-8"))
    if not isinstance(memo, dict) or not isinstance(memo.get("packs"), dict):
        raise VerificationError("the attached evaluation is not a Clausewise evaluation")
    countries = parse_countries(files[COUNTRIES].decode("utf-8"), f"(memo) {COUNTRIES}")
    q = parse_questionnaire(files[QUESTIONNAIRE].decode("utf-8"), f"(memo) {QUESTIONNAIRE}", countries)
    packs = []
    for name, data in files.items():
        if name.startswith(PACK_PREFIX) and name.endswith(PACK_SUFFIX):
            text = data.decode("utf-8")
            pack = parse_pack(text, f"(memo) {name}", q)
            recorded = memo["packs"].get(pack.id, {}).get("digest")
            if recorded != pack.digest:  # the digest of the attached text, as parse_pack computed it
                raise VerificationError(f"the attached pack {pack.id} does not match the digest in the evaluation")
            packs.append(pack)
    order = list(memo["packs"])
    packs.sort(key=lambda p: order.index(p.id) if p.id in order else len(order))
    attached = PackSet(q, tuple(packs))
    scenario = parse_scenario(files[SCENARIO].decode("utf-8"), f"(memo) {SCENARIO}", q)
    as_of = dt.date.fromisoformat(memo["as_of"])
    again = evaluation_to_dict(evaluate(scenario, attached, as_of), attached)
    differences = _differences(memo, again)

    from core.loading import load_packs  # the packs installed today

    today_packs = load_packs()
    today_scenario = parse_scenario(files[SCENARIO].decode("utf-8"), f"(memo) {SCENARIO}", today_packs.questionnaire)
    same_date = evaluation_to_dict(evaluate(today_scenario, today_packs, as_of), today_packs)
    now = evaluate(today_scenario, today_packs, dt.date.today())
    return Reproduction(
        contradictions=tuple(printed_contradictions(memo, printed_metadata(reader))),
        memo_id=memo.get("memo", {}).get("id", ""),
        as_of=as_of,
        memo_overall=memo["overall"],
        reproducible=not differences,
        differences=tuple(differences),
        today_same_date=same_date["overall"],
        today_now=now.overall.value,
        today_differences=tuple(_differences(memo, same_date)),
    )
