"""Verify a signed compliance memo (DESIGN §6) and say what was found in plain words.

Checks, in order: the file reads as a PDF; it carries a signature; the signed bytes are intact
(digest and signature value); whether anything was appended after signing and whether that is
acceptable (metadata or trailing bytes only) or not (new content); who signed, the certificate
fingerprint, and whether it is on the user's trusted list; the timestamp, if any; and whether
the attached scenario, re-evaluated with the attached packs, gives the attached conclusion —
and what today's packs would conclude.

What counts as "unmodified" (exit status 0 of ``clausewise verify``): the signature covers the
whole file. Any bytes appended after signing make the memo "modified", even when pyHanko's
difference analysis finds them acceptable; the report then says whether the change touches the
signed content.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import KeyUsageConstraints, validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from core.errors import ClausewiseError, VerificationError
from core.signing import certificates as certs
from core.signing.reproduce import Reproduction, reproduce
from core.signing.trust import trusted_x509

for _name in ("pyhanko", "pyhanko_certvalidator", "pyhanko.sign.validation", "fontTools"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

NONE, ACCEPTABLE, NOT_ACCEPTABLE = "none", "acceptable", "not_acceptable"


@dataclass(frozen=True)
class TimestampInfo:
    """An RFC 3161 timestamp on the signature (PAdES B-T)."""

    time: dt.datetime
    authority: str
    intact: bool
    trusted: bool


@dataclass(frozen=True)
class VerificationReport:
    """Everything verification found, for people (``lines()``) and machines (``to_dict()``)."""

    file: str
    readable: bool
    signed: bool
    intact: bool = False
    """The signed bytes are exactly those that were signed, and the signature value is valid."""
    modification: str = NONE
    """``none``, ``acceptable`` (metadata or trailing bytes only) or ``not_acceptable``."""
    modification_detail: str = ""
    signer: str = ""
    organisation: str = ""
    email: str = ""
    fingerprint: str = ""
    trusted: bool = False
    certificate_valid_until: dt.datetime | None = None
    signing_time: dt.datetime | None = None
    signature_type: str = ""
    timestamp: TimestampInfo | None = None
    reason: str = ""
    memo_id: str = ""
    reproduction: Reproduction | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """Signature intact and document unmodified since signing."""
        return self.readable and self.signed and self.intact and self.modification == NONE

    @property
    def headline(self) -> str:
        """The result in one sentence ("Result: VERIFIED. …" or "Result: NOT VERIFIED.")."""
        if not self.ok:
            return "Result: NOT VERIFIED."
        if self.trusted:
            return "Result: VERIFIED. The memo is exactly as it was signed, by a signer you trust."
        return "Result: VERIFIED. The memo is exactly as it was signed; the signer is not on your trusted list."

    def lines(self) -> list[str]:
        """The report in words a non-specialist understands: the file, the headline, then :meth:`details`."""
        return [f"Memo: {self.file}", self.headline, *self.details()]

    def details(self) -> list[str]:
        """What the headline rests on, one finding per line; problems last, as "- …"."""
        out: list[str] = []
        if not self.readable or not self.signed:
            return [f"- {p}" for p in self.problems]
        out.append(
            "Signature intact: yes, the signed content has not changed."
            if self.intact
            else "Signature intact: NO. The signed content was changed after signing, or the signature is broken."
        )
        changes = {
            NONE: "Changes after signing: none; the signature covers the whole file.",
            ACCEPTABLE: (
                "Changes after signing: YES, but only metadata or trailing bytes; the signed content is unchanged."
            ),
            NOT_ACCEPTABLE: "Changes after signing: YES, new content was added after signing. Do not rely on it.",
        }
        change = changes[self.modification]
        if not self.intact and self.modification == NONE:
            change = "Changes after signing: nothing was added after the signature; the signed bytes themselves differ."
        out.append(change + (f" ({self.modification_detail})" if self.modification_detail else ""))
        who = ", ".join(x for x in (self.signer, self.organisation, self.email) if x)
        out.append(f"Signed by: {who}")
        out.append(f"Certificate fingerprint (SHA-256): {self.fingerprint}")
        if not self.intact:
            out.append("Trusted: not assessed, because the signature is broken.")
        elif self.trusted:
            out.append("Trusted: yes, this certificate is on your list of trusted certificates.")
        else:
            out.append(
                "Trusted: no. The certificate is not on your list of trusted certificates; check the fingerprint "
                "with the signer, then add it with 'clausewise identity trust'."
            )
        if self.signing_time:
            out.append(f"Signing time claimed by the signer: {self.signing_time:%Y-%m-%d %H:%M:%S %Z}")
        if self.timestamp:
            ts = self.timestamp
            out.append(
                f"Timestamp: {ts.time:%Y-%m-%d %H:%M:%S %Z} from {ts.authority}"
                f" ({'intact' if ts.intact else 'BROKEN'}; {'trusted' if ts.trusted else 'authority not trusted'})"
            )
        else:
            out.append("Timestamp: none (the signing time is the signer's own claim).")
        if self.memo_id:
            out.append(f"Memo id: {self.memo_id}")
        if self.reproduction is not None:
            out += self.reproduction.lines()
        out += [f"- {p}" for p in self.problems]
        return out

    def to_dict(self) -> dict:
        """JSON-ready form."""
        ts = self.timestamp
        return {
            "file": self.file,
            "ok": self.ok,
            "readable": self.readable,
            "signed": self.signed,
            "intact": self.intact,
            "modification": self.modification,
            "modification_detail": self.modification_detail,
            "signer": {
                "name": self.signer,
                "organisation": self.organisation,
                "email": self.email,
                "fingerprint": self.fingerprint,
                "trusted": self.trusted,
                "certificate_valid_until": self.certificate_valid_until.isoformat()
                if self.certificate_valid_until
                else None,
            },
            "signing_time": self.signing_time.isoformat() if self.signing_time else None,
            "signature_type": self.signature_type,
            "timestamp": None
            if ts is None
            else {"time": ts.time.isoformat(), "authority": ts.authority, "intact": ts.intact, "trusted": ts.trusted},
            "reason": self.reason,
            "memo_id": self.memo_id,
            "reproduction": self.reproduction.to_dict() if self.reproduction else None,
            "problems": list(self.problems),
        }


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    from cryptography.hazmat.primitives import serialization

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _crypto(cert: asn1_x509.Certificate) -> x509.Certificate:
    return x509.load_der_x509_certificate(cert.dump())


def verify_memo(path: Path, *, data: bytes | None = None) -> VerificationReport:
    """Verify the memo at ``path`` (or ``data``, reported as ``path``)."""
    name = str(path)
    if data is None:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise VerificationError("no such file", file=path) from None
        except OSError as exc:
            raise VerificationError(f"cannot read: {exc.strerror}", file=path) from None
    if b"%PDF-" not in data[:1024]:  # the PDF header may follow up to 1 KB of other bytes
        raise VerificationError("not a PDF file", file=path)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:
        return VerificationReport(name, False, False, problems=(f"The file cannot be read as a PDF ({_short(exc)}).",))
    if not signatures:
        return VerificationReport(name, True, False, problems=("The PDF carries no digital signature.",))
    # The memo's own signature is the first one made. Anything signed later is a change to the
    # memo, however it was signed, and is judged by the first signature's difference analysis.
    ordered = sorted(signatures, key=_signed_length)
    sig = ordered[0]
    roots = [_asn1(c) for c in trusted_x509()]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    try:
        status = validate_pdf_signature(
            sig,
            signer_validation_context=context,
            ts_validation_context=ValidationContext(trust_roots=roots, allow_fetching=False),
            key_usage_settings=KeyUsageConstraints(
                key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
            ),
        )
    except Exception as exc:
        return VerificationReport(
            name, True, True, problems=(f"The signature cannot be checked: it is damaged ({_short(exc)}).",)
        )
    problems: list[str] = []
    for later in ordered[1:]:
        who = later.sig_object.get("/Name") or "an unnamed signer"
        problems.append(f"A further signature by {who} was added after the memo was signed.")
    intact = bool(status.intact and status.valid)
    if not status.intact:
        problems.append("The document digest does not match the signed digest: the signed bytes were altered.")
    elif not status.valid:
        problems.append("The signature value does not match the signer's certificate.")
    modification, detail = _modification(status)
    cert = _crypto(status.signing_cert)
    ts = status.timestamp_validity
    timestamp = None
    if ts is not None:
        timestamp = TimestampInfo(ts.timestamp, certs.common_name(_crypto(ts.signing_cert)), ts.intact, ts.trusted)
    signed_revision = data[: _signed_length(sig)]
    reproduction = None
    memo_id = ""
    if intact:
        try:
            reproduction = reproduce(PdfFileReader(io.BytesIO(signed_revision), strict=False))
            memo_id = reproduction.memo_id
        except ClausewiseError as exc:
            problems.append(f"The attached scenario could not be re-evaluated: {exc}")
    sig_obj = sig.sig_object
    return VerificationReport(
        file=name,
        readable=True,
        signed=True,
        intact=intact,
        modification=modification,
        modification_detail=detail,
        signer=certs.common_name(cert),
        organisation=certs.organisation(cert),
        email=certs.email(cert),
        fingerprint=certs.fingerprint(cert),
        trusted=bool(status.trusted),
        certificate_valid_until=cert.not_valid_after_utc,
        signing_time=status.signer_reported_dt,
        signature_type=str(sig_obj.get("/SubFilter", "")).lstrip("/"),
        timestamp=timestamp,
        reason=str(sig_obj.get("/Reason", "")),
        memo_id=memo_id,
        reproduction=reproduction,
        problems=tuple(problems),
    )


def _signed_length(sig) -> int:
    byte_range = sig.sig_object["/ByteRange"]
    return int(byte_range[2]) + int(byte_range[3])


def _modification(status) -> tuple[str, str]:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return NONE, ""
    level = status.modification_level
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION or level is None:
        return NOT_ACCEPTABLE, "the signature does not cover a complete revision of the file"
    if level in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES):
        return ACCEPTABLE, "bytes were appended that do not change what is displayed"
    words = {
        ModificationLevel.FORM_FILLING: "form fields were filled in",
        ModificationLevel.ANNOTATIONS: "annotations were added",
        ModificationLevel.OTHER: "content was added or changed",
    }
    return NOT_ACCEPTABLE, words.get(level, "content was changed")


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def report_json(report: VerificationReport) -> str:
    """The report as indented JSON text."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
