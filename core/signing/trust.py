"""The certificates the user trusts: PEM files in the configuration directory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509

from core.atomic import write_atomic
from core.errors import IdentityError
from core.signing import certificates as certs
from core.userdirs import trusted_dir
from core.value_class import value_class


@value_class
class TrustedCertificate:
    """A certificate on the trusted list."""

    fingerprint: str
    holder: str
    organisation: str
    path: Path
    weak: str = ""
    """Why the certificate is weak (trusted with ``--force`` despite it), or ''. Reported forever."""


def _file_for(fp: str) -> Path:
    return trusted_dir() / (fp.replace(":", "").lower() + ".pem")


WEAK_MARK = "# Weak: "


def trust_certificate_pem(data: bytes, note: str = "", *, weak: str = "") -> TrustedCertificate:
    """Add a certificate (PEM or DER bytes) to the trusted list (file mode 0600).

    ``weak`` records why a certificate that fails the checks of :func:`certificates.certificate_problem`
    was trusted anyway (``--force``); it stays in the file and is reported forever.
    """
    cert = certs.load_certificate(data)
    fp = certs.fingerprint(cert)
    path = _file_for(fp)
    header = f"# Trusted by Clausewise{': ' + note if note else ''}\n"
    if weak:
        header += f"{WEAK_MARK}{' '.join(weak.split())}\n"
    write_atomic(path, header.encode() + certs.to_pem(cert), mode=0o600)
    return TrustedCertificate(fp, certs.common_name(cert), certs.organisation(cert), path, weak)


def trust_certificate_file(path: Path, *, force: bool = False) -> TrustedCertificate:
    """Add the certificate in ``path`` to the trusted list.

    A certificate that is expired, not yet valid, not allowed to sign or has an RSA key under
    2048 bits is refused with the reason, unless ``force`` (it is then marked weak forever).
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise IdentityError(f"cannot read: {exc.strerror}", file=path) from None
    try:
        cert = certs.load_certificate(data)
        problem = certs.certificate_problem(cert, dt.datetime.now(dt.UTC))
        if problem and not force:
            raise IdentityError(f"refused: {problem} (use --force to trust it anyway; it will be reported as weak)")
        return trust_certificate_pem(data, note=Path(path).name, weak=problem)
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
        fp = certs.fingerprint(cert)
        out.append(TrustedCertificate(fp, certs.common_name(cert), certs.organisation(cert), path, _weak(path)))
    return out


def weak_reasons() -> dict[str, str]:
    """Fingerprint → why, for trusted certificates that were trusted with ``--force`` despite a weakness."""
    return {c.fingerprint: c.weak for c in trusted_certificates() if c.weak}


def _weak(path: Path) -> str:
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(WEAK_MARK):
            return line[len(WEAK_MARK) :].strip()
        if not line.startswith("#"):
            break
    return ""


def trusted_x509() -> list[x509.Certificate]:
    """The trusted certificates as cryptography objects."""
    return [_load(p) for p in sorted(trusted_dir().glob("*.pem"))]


def _load(path: Path) -> x509.Certificate:
    return certs.load_certificate(path.read_bytes(), str(path))
