"""The verification report: a headline in plain words, every signature in order, and an exit status.

Exit status (``clausewise verify``):

- ``0`` VERIFIED: every signature intact, every byte of the file covered by a signature (or by a
  later revision that only adds a signature, a document timestamp or validation data), the
  conclusion reproducible from the attachments and equal to the verdicts printed in the memo,
  and every signer trusted, with a certificate valid for signing at the time it signed;
- ``1`` CHANGED OR BROKEN: anything else that is wrong with the file;
- ``3`` INTACT BUT NOT TRUSTED: all of ``0`` except that a signer is not on the trusted list, or
  its certificate was expired, not yet valid or not meant for signing when it signed.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import field

from core.display import HIDDEN, one_line
from core.signing.reproduce import Reproduction
from core.signing.signatures import DOC_TIMESTAMP, SignatureInfo, TimestampInfo
from core.value_class import value_class

VERIFIED, CHANGED, UNTRUSTED = "verified", "changed", "untrusted"

MAX_LINE = 1000


def display_text(text: str) -> str:
    """``text`` safe to show as one line (:func:`core.display.one_line`), cut at :data:`MAX_LINE`
    characters. Certificate names, e-mail addresses, reasons, field names and file names come from
    whoever made the file, so a CN such as ``"Eve\\nResult: VERIFIED"`` must never print a line of its own."""
    return one_line(text, MAX_LINE)


EXIT_STATUS = {VERIFIED: 0, CHANGED: 1, UNTRUSTED: 3}


@value_class
class VerificationReport:
    """Everything verification found, for people (``lines()``) and machines (``to_dict()``)."""

    file: str
    readable: bool
    signed: bool
    signatures: tuple[SignatureInfo, ...] = ()
    covered: bool = False
    """Every byte is signed or belongs to a later revision that only adds signatures or DSS."""
    coverage_problem: str = ""
    memo_id: str = ""
    reproduction: Reproduction | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)
    """What makes the memo changed or broken (exit 1), most important first."""

    @property
    def intact(self) -> bool:
        """Every signature's signed bytes and signature value are as signed."""
        return bool(self.signatures) and all(s.intact for s in self.signatures)

    @property
    def status(self) -> str:
        """``verified``, ``changed`` or ``untrusted``."""
        if not (self.readable and self.signed and self.intact and self.covered) or self.problems:
            return CHANGED
        if self.reproduction is None or not self.reproduction.consistent:
            return CHANGED
        return VERIFIED if self.trusted else UNTRUSTED

    @property
    def exit_status(self) -> int:
        """0 verified, 1 changed or broken, 3 intact but a signer is not trusted."""
        return EXIT_STATUS[self.status]

    @property
    def ok(self) -> bool:
        """Verified: intact, whole file covered, reproducible, every signer trusted."""
        return self.status == VERIFIED

    # Compatibility with the single-signature report: the memo's own (first) signature.
    @property
    def first(self) -> SignatureInfo | None:
        """The memo's own signature (the first one made)."""
        return self.signatures[0] if self.signatures else None

    @property
    def signer(self) -> str:
        """Who signed the memo first."""
        return self.first.signer if self.first else ""

    @property
    def fingerprint(self) -> str:
        """The first signer's certificate fingerprint."""
        return self.first.fingerprint if self.first else ""

    @property
    def trusted(self) -> bool:
        """Every signer is trusted (a document timestamp's authority is reported, not required)."""
        signers = [s for s in self.signatures if s.kind != DOC_TIMESTAMP]
        return bool(signers) and all(s.trusted for s in signers)

    @property
    def timestamp(self) -> TimestampInfo | None:
        """The first signature's timestamp, else the first document timestamp."""
        for s in self.signatures:
            if s.timestamp is not None:
                return s.timestamp
        return None

    def headline(self) -> str:
        """One line saying whether the memo can be relied on, and why not (safe to display: see
        :func:`display_text`)."""
        return display_text(self._headline())

    def _headline(self) -> str:
        names = "; ".join(f"{s.signer} ({s.role})" for s in self.signatures if s.kind != DOC_TIMESTAMP)
        status = self.status
        if status == VERIFIED:
            return (
                f"VERIFIED: the memo is exactly as signed, every byte is covered, its conclusion follows from "
                f"its attachments, and every signer is trusted: {names}."
            )
        if status == UNTRUSTED:
            why = next(
                f"{s.signer}: {s.trust_note}" for s in self.signatures if not s.trusted and s.kind != DOC_TIMESTAMP
            )
            intact = "every signature is intact and the whole file is signed"
            return f"NOT TRUSTED: {intact}, but a signer is not trusted — {why}."
        why = self.problems[0] if self.problems else "the memo cannot be relied on"
        return f"NOT VERIFIED: changed or broken — {why}"

    def lines(self) -> list[str]:
        """The report in words a non-specialist understands: the file, the headline, then :meth:`details`."""
        return [f"Memo: {self.display_file}", f"Result: {self.headline()}", *self.details()]

    @property
    def display_file(self) -> str:
        """The file name, safe to display (a name may hold line breaks: see :func:`display_text`)."""
        return display_text(self.file)

    def details(self) -> list[str]:
        """What the headline rests on, one line each (safe to display: see :func:`display_text`):
        further problems, coverage, every signature, the memo id and the reproduction of its conclusion."""
        return [display_text(line) for line in self._details()]

    def _details(self) -> list[str]:
        out = [f"- {p}" for p in self.problems[1:]]
        if self.signatures:
            out.append(
                "Coverage: every byte of the file is signed, or only adds further signatures, timestamps or "
                "validation data."
                if self.covered
                else f"Coverage: NOT the whole file — {self.coverage_problem or 'see above'}."
            )
        for n, sig in enumerate(self.signatures, 1):
            out += _signature_lines(n, sig)
        if self.memo_id:
            out.append(f"Memo id: {self.memo_id}")
        if self.reproduction is not None:
            out += self.reproduction.lines()
        return out

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "file": self.file,
            "status": self.status,
            "exit_status": self.exit_status,
            "headline": self.headline(),
            "ok": self.ok,
            "readable": self.readable,
            "signed": self.signed,
            "intact": self.intact,
            "covered": self.covered,
            "coverage_problem": self.coverage_problem,
            "signatures": [s.to_dict() for s in self.signatures],
            "memo_id": self.memo_id,
            "reproduction": self.reproduction.to_dict() if self.reproduction else None,
            "problems": list(self.problems),
        }


def _signature_lines(n: int, sig: SignatureInfo) -> list[str]:
    who = ", ".join(x for x in (sig.signer, sig.organisation, sig.email) if x)
    head = f"{n}. Document timestamp by {who}" if sig.kind == DOC_TIMESTAMP else f"{n}. Signed by {who} as {sig.role}"
    out = [head]
    out.append("   Intact: yes." if sig.intact else "   Intact: NO, the signed bytes or the signature value are wrong.")
    out.append(
        "   Trusted: yes (certificate on your trusted list, valid when it signed)."
        if sig.trusted
        else f"   Trusted: NO — {sig.trust_note}."
    )
    out.append(f"   Certificate fingerprint (SHA-256): {sig.fingerprint}")
    if sig.claimed_time:
        out.append(f"   Signing time claimed by the signer: {sig.claimed_time:%Y-%m-%d %H:%M:%S %Z}")
    if sig.timestamp:
        ts = sig.timestamp
        out.append(
            f"   Timestamp: {ts.time:%Y-%m-%d %H:%M:%S %Z} from {ts.authority}"
            f" ({'intact' if ts.intact else 'BROKEN'}; {'trusted' if ts.trusted else 'authority not trusted'})"
        )
    elif sig.kind != DOC_TIMESTAMP:
        out.append("   Timestamp: none (the signing time is the signer's own claim).")
    out.append(f"   Covers: {sig.covers}")
    return out


def report_json(report: VerificationReport) -> str:
    """The report as indented JSON text."""
    text = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    # Values stay exact for machines; characters that reorder or hide text in a terminal are escaped.
    return "".join(_json_escape(ch) if ord(ch) > 0x7F and unicodedata.category(ch) in HIDDEN else ch for ch in text)


def _json_escape(ch: str) -> str:
    """``ch`` as JSON ``\\uXXXX`` escapes (a surrogate pair above U+FFFF)."""
    units = ch.encode("utf-16-be")
    return "".join(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))
