"""Small helpers over X.509 certificates (cryptography): names, fingerprints, PEM/DER."""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from core.errors import IdentityError

MIN_RSA_BITS = 2048


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 fingerprint as colon-separated upper-case hex pairs."""
    return ":".join(f"{b:02X}" for b in cert.fingerprint(hashes.SHA256()))


def short_fingerprint(fp: str) -> str:
    """The first eight pairs of a fingerprint, for display."""
    return ":".join(fp.split(":")[:8])


def name_part(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    """The first value of an attribute of a distinguished name, or ''."""
    values = name.get_attributes_for_oid(oid)
    value = values[0].value if values else ""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def common_name(cert: x509.Certificate) -> str:
    """The subject's common name (falls back to the whole subject)."""
    return name_part(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string()


def organisation(cert: x509.Certificate) -> str:
    """The subject's organisation, if any."""
    return name_part(cert.subject, NameOID.ORGANIZATION_NAME)


def email(cert: x509.Certificate) -> str:
    """The subject's email address (from the subject or the subjectAltName), if any."""
    found = name_part(cert.subject, NameOID.EMAIL_ADDRESS)
    if found:
        return found
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return ""
    emails = san.get_values_for_type(x509.RFC822Name)
    return emails[0] if emails else ""


def load_certificate(data: bytes, source: str = "certificate") -> x509.Certificate:
    """Read a PEM or DER certificate; raises :class:`IdentityError` if it is neither."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise IdentityError("not an X.509 certificate (PEM or DER)", file=source) from None


def to_pem(cert: x509.Certificate) -> bytes:
    """The certificate in PEM form."""
    return cert.public_bytes(serialization.Encoding.PEM)


def certificate_problem(cert: x509.Certificate, at: dt.datetime | None) -> str:
    """Why ``cert`` could not sign at ``at`` (expired, not yet valid, no digitalSignature, weak key), or ''."""
    if at is not None:
        if at < cert.not_valid_before_utc:
            return f"its certificate was not yet valid when it signed (valid from {cert.not_valid_before_utc:%Y-%m-%d})"
        if at > cert.not_valid_after_utc:
            return f"its certificate had expired when it signed (valid until {cert.not_valid_after_utc:%Y-%m-%d})"
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if not usage.digital_signature:
            return "its certificate does not allow digital signatures (no digitalSignature key usage)"
    except x509.ExtensionNotFound:
        pass
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey) and key.key_size < MIN_RSA_BITS:
        return f"its certificate has a weak {key.key_size}-bit RSA key"
    return ""
