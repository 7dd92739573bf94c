"""The certificates the user trusts: PEM files in the configuration directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from core.atomic import write_atomic
from core.errors import IdentityError
from core.signing import certificates as certs
from core.userdirs import trusted_dir


@dataclass(frozen=True)
class TrustedCertificate:
    """A certificate on the trusted list."""

    fingerprint: str
    holder: str
    organisation: str
    path: Path


def _file_for(fp: str) -> Path:
    return trusted_dir() / (fp.replace(":", "").lower() + ".pem")


def trust_certificate_pem(data: bytes, note: str = "") -> TrustedCertificate:
    """Add a certificate (PEM or DER bytes) to the trusted list."""
    cert = certs.load_certificate(data)
    fp = certs.fingerprint(cert)
    path = _file_for(fp)
    header = f"# Trusted by Clausewise{': ' + note if note else ''}\n".encode()
    write_atomic(path, header + certs.to_pem(cert))
    return TrustedCertificate(fp, certs.common_name(cert), certs.organisation(cert), path)


def trust_certificate_file(path: Path) -> TrustedCertificate:
    """Add the certificate in ``path`` to the trusted list."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise IdentityError(f"cannot read: {exc.strerror}", file=path) from None
    try:
        return trust_certificate_pem(data, note=Path(path).name)
    except IdentityError as exc:
        raise IdentityError(exc.message, file=path) from None


def untrust(fingerprint: str) -> None:
    """Remove a certificate (by fingerprint, with or without colons) from the trusted list."""
    wanted = fingerprint.replace(":", "").replace(" ", "").lower()
    if len(wanted) < 8 or any(c not in "0123456789abcdef" for c in wanted):
        raise IdentityError(f"{fingerprint!r}: give at least the first 8 hexadecimal digits of the fingerprint")
    for cert in trusted_certificates():
        if cert.fingerprint.replace(":", "").lower().startswith(wanted):
            cert.path.unlink()
            return
    raise IdentityError(f"no trusted certificate with fingerprint {fingerprint!r}")


def trusted_certificates() -> list[TrustedCertificate]:
    """The trusted list."""
    out = []
    for path in sorted(trusted_dir().glob("*.pem")):
        cert = _load(path)
        out.append(TrustedCertificate(certs.fingerprint(cert), certs.common_name(cert), certs.organisation(cert), path))
    return out


def trusted_x509() -> list[x509.Certificate]:
    """The trusted certificates as cryptography objects."""
    return [_load(p) for p in sorted(trusted_dir().glob("*.pem"))]


def _load(path: Path) -> x509.Certificate:
    return certs.load_certificate(path.read_bytes(), str(path))
