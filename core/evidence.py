"""How strong the evidence behind a verdict is: the verification status of the quoted wording.

A finding rests on all the clauses it quotes, so its evidence is the *weakest* of their statuses.
A verdict shared by several findings stands if any one of them stands, so it rests on the
strongest of those findings. Only verdicts that rest on wording (prohibited, unclear,
restricted) carry an evidence level; "undetermined" rests on unanswered questions and "no
prohibition found" on the absence of a triggered rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.messages import Catalogue, catalogue
from core.packs import VerificationStatus
from core.results import Evaluation, Finding, PackResult
from core.verdicts import Verdict

STRENGTH = {
    VerificationStatus.PRIMARY: 3,
    VerificationStatus.ARCHIVE: 2,
    VerificationStatus.CROSS_CHECKED: 1,
    VerificationStatus.SECONDARY: 0,
}
"""Higher is stronger."""
WORDING_VERDICTS = (Verdict.PROHIBITED, Verdict.UNCLEAR, Verdict.RESTRICTED)
UNCHECKED = (VerificationStatus.CROSS_CHECKED, VerificationStatus.SECONDARY)
"""Wording not checked against the publisher's own text (or a dated archive copy of it)."""


def finding_evidence(f: Finding) -> VerificationStatus | None:
    """The weakest status among the finding's quoted clauses (None if it quotes none)."""
    if not f.clauses:
        return None
    return min((c.status for c in f.clauses), key=STRENGTH.__getitem__)


def deciding(findings: Iterable[Finding], verdict: Verdict) -> list[Finding]:
    """The findings with ``verdict`` that quote wording."""
    return [f for f in findings if f.verdict is verdict and f.clauses]


def verdict_evidence(findings: Iterable[Finding], verdict: Verdict) -> VerificationStatus | None:
    """The evidence ``verdict`` rests on: the strongest of its deciding findings (None if not wording)."""
    if verdict not in WORDING_VERDICTS:
        return None
    levels = [finding_evidence(f) for f in deciding(findings, verdict)]
    known = [s for s in levels if s is not None]
    return max(known, key=STRENGTH.__getitem__) if known else None


def pack_evidence(p: PackResult) -> VerificationStatus | None:
    """The evidence a pack's verdict rests on."""
    return verdict_evidence(p.findings, p.verdict)


def overall_evidence(ev: Evaluation) -> VerificationStatus | None:
    """The evidence the overall verdict rests on."""
    return verdict_evidence(ev.findings, ev.overall)


def overall_publisher(ev: Evaluation) -> str:
    """The publisher whose text the overall verdict rests on ("" if several or none)."""
    names = {p.pack.publisher for p in ev.packs if p.verdict is ev.overall and deciding(p.findings, ev.overall)}
    return names.pop() if len(names) == 1 else ""


def possessive(publisher: str, messages: Catalogue | None = None) -> str:
    """E.g. "Microsoft's", "the European Union's" ("the publisher's" when unknown)."""
    t = messages or catalogue()
    if not publisher:
        return t("evidence.the_publishers")
    key = "possessive." + "_".join(publisher.lower().split())
    return t(key) if t.has(key) else t("evidence.publishers", publisher=publisher)


def evidence_phrase(status: VerificationStatus, publisher: str, messages: Catalogue | None = None) -> str:
    """E.g. "on wording reported by the press, not yet checked against Microsoft's text"."""
    t = messages or catalogue()
    return t(f"evidence.{status.value}", whose=possessive(publisher, t))


def verdict_label(
    verdict: Verdict, status: VerificationStatus | None, publisher: str, messages: Catalogue | None = None
) -> str:
    """The verdict in capitals with the evidence it rests on, e.g. "PROHIBITED — on wording reported …"."""
    t = messages or catalogue()
    word = t(f"verdict.{verdict.value}").upper()
    if status is None:
        return word
    return t("evidence.label", verdict=word, evidence=evidence_phrase(status, publisher, t))


def overall_label(ev: Evaluation, messages: Catalogue | None = None) -> str:
    """The overall verdict with the evidence it rests on (:func:`verdict_label`)."""
    return verdict_label(ev.overall, overall_evidence(ev), overall_publisher(ev), messages)


def pack_label(p: PackResult, messages: Catalogue | None = None) -> str:
    """A pack's verdict with the evidence it rests on (:func:`verdict_label`)."""
    return verdict_label(p.verdict, pack_evidence(p), p.pack.publisher, messages)


def finding_label(f: Finding, publisher: str, messages: Catalogue | None = None) -> str:
    """A finding's verdict with the evidence it rests on; ``publisher``: its pack's publisher."""
    return verdict_label(f.verdict, finding_evidence(f), publisher, messages)


def badge_text(status: VerificationStatus, messages: Catalogue | None = None) -> str:
    """The short badge of a quote: primary, archived, cross-checked or press."""
    return (messages or catalogue())(f"badge.{status.value}")


_BADGE_COLOURS = {
    VerificationStatus.PRIMARY: "#24692A",
    VerificationStatus.ARCHIVE: "#1456A8",
    VerificationStatus.CROSS_CHECKED: "#8A5300",
    VerificationStatus.SECONDARY: "#A1001D",
}


def badge_colour(status: VerificationStatus) -> str:
    """The ground (``#RRGGBB``) of a quote's status badge, the same in the window and the memo.

    White text on each has a contrast above 4.5:1."""
    return _BADGE_COLOURS[status]


def evidence_caveat(ev: Evaluation, messages: Catalogue | None = None) -> str:
    """A warning when the overall verdict rests on wording not checked against the publisher.

    Given for prohibited, unclear and restricted verdicts whose strongest deciding finding is
    cross-checked or secondary; empty otherwise (also when one finding quotes checked text).
    """
    level = overall_evidence(ev)
    if level not in UNCHECKED:
        return ""
    t = messages or catalogue()
    n = len(deciding(ev.findings, ev.overall))
    which = t("caveat.one") if n == 1 else t("caveat.all", n=n)
    return t(f"caveat.{level.value}", which=which, s="s" if n == 1 else "")
