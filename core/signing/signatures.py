"""One signature (or document timestamp) of a memo: is it intact, who made it, when, and is the
signer trusted with a certificate that was valid for signing at that time.

Trust is decided by the certificate's SHA-256 fingerprint on the user's trusted list (or, for an
organisation-issued certificate, by pyHanko's path validation ending at a certificate on that
list) — never by names, serial numbers or key identifiers, which anyone can copy.
"""

from __future__ import annotations

import datetime as dt

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.sign.validation import KeyUsageConstraints, validate_pdf_signature, validate_pdf_timestamp
from pyhanko_certvalidator import ValidationContext

from core.signing import certificates as certs
from core.value_class import value_class

SIGNATURE, DOC_TIMESTAMP = "signature", "document timestamp"


@value_class
class TimestampInfo:
    """An RFC 3161 timestamp: on a signature (PAdES B-T) or over the document (B-LTA)."""

    time: dt.datetime
    authority: str
    intact: bool
    trusted: bool


@value_class
class SignatureInfo:
    """What one signature of the memo says and how far it can be relied on."""

    kind: str
    field: str
    signer: str
    organisation: str
    email: str
    fingerprint: str
    role: str
    reason: str
    claimed_time: dt.datetime | None
    timestamp: TimestampInfo | None
    intact: bool
    trusted: bool
    trust_note: str
    """Why the signer is not trusted (empty when trusted)."""
    covers: str
    certificate_valid_until: dt.datetime | None = None
    subfilter: str = ""

    @property
    def time(self) -> dt.datetime | None:
        """The signing time: the timestamp's if there is one, else the signer's own claim."""
        return self.timestamp.time if self.timestamp else self.claimed_time

    def to_dict(self) -> dict:
        """JSON-ready form."""
        ts = self.timestamp
        return {
            "kind": self.kind,
            "field": self.field,
            "signer": {
                "name": self.signer,
                "organisation": self.organisation,
                "email": self.email,
                "fingerprint": self.fingerprint,
                "certificate_valid_until": self.certificate_valid_until.isoformat()
                if self.certificate_valid_until
                else None,
            },
            "role": self.role,
            "reason": self.reason,
            "time": self.time.isoformat() if self.time else None,
            "claimed_time": self.claimed_time.isoformat() if self.claimed_time else None,
            "timestamp": None
            if ts is None
            else {"time": ts.time.isoformat(), "authority": ts.authority, "intact": ts.intact, "trusted": ts.trusted},
            "intact": self.intact,
            "trusted": self.trusted,
            "trust_note": self.trust_note,
            "covers": self.covers,
            "signature_type": self.subfilter,
        }


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    from cryptography.hazmat.primitives import serialization

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _crypto(cert: asn1_x509.Certificate) -> x509.Certificate:
    return x509.load_der_x509_certificate(cert.dump())


def validation_context(trusted: list[x509.Certificate]) -> ValidationContext:
    """A context that never fetches anything and trusts only ``trusted``."""
    return ValidationContext(trust_roots=[_asn1(c) for c in trusted], allow_fetching=False)


def _may_issue(cert: x509.Certificate) -> bool:
    """Whether ``cert`` is a certification authority's: basic constraints cA and keyCertSign usage.
    A trusted signer's own certificate vouches for that signer only, never for certificates its key
    issues (otherwise a trusted colleague could issue a certificate in anyone's name)."""
    try:
        basic = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return bool(basic.ca and usage.key_cert_sign)


def _trust(
    cert: x509.Certificate, status, trusted_fps: set[str], at: dt.datetime | None, weak: dict[str, str]
) -> tuple[bool, str]:
    fp = certs.fingerprint(cert)
    if fp in weak:
        return False, f"its certificate was trusted with --force although weak ({weak[fp]})"
    on_list = fp in trusted_fps
    if not on_list:
        path = getattr(status, "validation_path", None)
        chain = list(path.iter_certs(include_root=True)) if path is not None and status.trusted else []
        root = _crypto(chain[0]) if len(chain) > 1 else None
        on_list = root is not None and certs.fingerprint(root) in trusted_fps and _may_issue(root)
    if not on_list:
        return False, "its certificate is not on your trusted list (trust is by fingerprint, not by name)"
    problem = certs.certificate_problem(cert, at)
    return (not problem), problem


def examine(
    embedded, covers: str, trusted: list[x509.Certificate], weak: dict[str, str] | None = None
) -> SignatureInfo:
    """Validate one embedded signature or document timestamp (without difference analysis).

    ``weak`` maps fingerprints of certificates trusted with ``--force`` to why they are weak.
    """
    obj = embedded.sig_object
    kind = DOC_TIMESTAMP if str(obj.get("/Type", "/Sig")) == "/DocTimeStamp" else SIGNATURE
    if kind == DOC_TIMESTAMP:
        facts = _document_timestamp(embedded, trusted)
    else:
        facts = _signature(embedded, trusted, weak or {})
    cert, intact, claimed, timestamp, trusted_ok, note = facts
    reason = str(obj.get("/Reason", ""))
    return SignatureInfo(
        kind=kind,
        field=str(embedded.field_name or ""),
        signer=certs.common_name(cert),
        organisation=certs.organisation(cert),
        email=certs.email(cert),
        fingerprint=certs.fingerprint(cert),
        role=role_from_reason(reason, kind),
        reason=reason,
        claimed_time=claimed,
        timestamp=timestamp,
        intact=intact,
        trusted=trusted_ok,
        trust_note=note,
        covers=covers,
        certificate_valid_until=cert.not_valid_after_utc,
        subfilter=str(obj.get("/SubFilter", "")).lstrip("/"),
    )


def _document_timestamp(embedded, trusted: list[x509.Certificate]) -> tuple:
    status = validate_pdf_timestamp(embedded, validation_context(trusted), skip_diff=True)
    cert = _crypto(status.signing_cert)
    intact = bool(status.intact and status.valid)
    timestamp = TimestampInfo(status.timestamp, certs.common_name(cert), intact, bool(status.trusted))
    note = "" if status.trusted else "the timestamp authority is not trusted"
    return cert, intact, None, timestamp, bool(status.trusted), note


def _signature(embedded, trusted: list[x509.Certificate], weak: dict[str, str]) -> tuple:
    status = validate_pdf_signature(
        embedded,
        signer_validation_context=validation_context(trusted),
        ts_validation_context=validation_context(trusted),
        key_usage_settings=KeyUsageConstraints(
            key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
        ),
        skip_diff=True,
    )
    cert = _crypto(status.signing_cert)
    ts = status.timestamp_validity
    timestamp = None
    if ts is not None:
        timestamp = TimestampInfo(
            ts.timestamp, certs.common_name(_crypto(ts.signing_cert)), bool(ts.intact and ts.valid), ts.trusted
        )
    claimed = status.signer_reported_dt
    # Only a trusted timestamp may vouch for the signing time; otherwise the signer's own claim.
    at = timestamp.time if timestamp and timestamp.intact and timestamp.trusted else claimed
    trusted_fps = {certs.fingerprint(c) for c in trusted}
    trusted_ok, note = _trust(cert, status, trusted_fps, at, weak)
    return cert, bool(status.intact and status.valid), claimed, timestamp, trusted_ok, note


ROLE_SEPARATOR = " — "


def role_from_reason(reason: str, kind: str) -> str:
    """The signer's role, written before the reason as ``Approver — Clausewise compliance memo …``."""
    if kind == DOC_TIMESTAMP:
        return "Timestamp authority"
    if ROLE_SEPARATOR in reason:
        return reason.split(ROLE_SEPARATOR, 1)[0].strip()
    return "Preparer"
