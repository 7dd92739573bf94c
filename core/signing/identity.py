"""Signing identities: a certificate and its private key in a PKCS#12 file.

Each identity lives in the user's data directory as ``<name>.p12`` (certificate and key,
encrypted with the passphrase when one is given, file mode 0600) next to ``<name>.cert.pem``
(the public certificate only, so identities can be listed without the passphrase). Private
keys are only ever written inside the PKCS#12 file, atomically; exporting writes the
certificate alone.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from dataclasses import field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from core.atomic import write_atomic
from core.errors import IdentityError, WrongPassphrase
from core.signing import certificates as certs
from core.userdirs import identities_dir
from core.value_class import value_class

DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")
VALID_YEARS = 3


@value_class
class SigningIdentity:
    """A signing identity as listed: who it names, its certificate, and where its files are."""

    name: str
    """Short name used to choose the identity (file stem), e.g. ``jane-doe``."""
    holder: str
    """Common name in the certificate."""
    organisation: str
    email: str
    fingerprint: str
    """SHA-256 fingerprint of the certificate."""
    not_before: dt.datetime
    not_after: dt.datetime
    self_issued: bool
    """True for identities created by Clausewise (issuer = subject)."""
    issuer: str
    key_file: Path | None
    """The PKCS#12 file; None for an identity that lives only in memory."""
    cert_file: Path | None
    p12: bytes | None = field(default=None, repr=False, compare=False)
    """The PKCS#12 data of an in-memory identity (see :func:`ephemeral_identity`)."""
    weak: str = ""
    """Why the certificate is weak (imported with ``--force`` despite it), or ''. Reported forever."""

    @property
    def expired(self) -> bool:
        """Whether the certificate is no longer (or not yet) valid now."""
        now = dt.datetime.now(dt.UTC)
        return not (self.not_before <= now <= self.not_after)

    def describe(self) -> str:
        """One line for lists: name, holder, organisation, validity."""
        who = ", ".join(x for x in (self.holder, self.organisation, self.email) if x)
        kind = "self-issued" if self.self_issued else f"issued by {self.issuer}"
        weak = f" WEAK: {self.weak}" if self.weak else ""
        return f"{self.name}: {who} ({kind}, valid until {self.not_after.date()}){weak}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "identity"


def _free_name(base: str, directory: Path) -> str:
    name, n = base, 1
    while (directory / f"{name}.p12").exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _identity_from(
    cert: x509.Certificate, name: str, directory: Path | None, p12: bytes | None = None
) -> SigningIdentity:
    return SigningIdentity(
        name=name,
        holder=certs.common_name(cert),
        organisation=certs.organisation(cert),
        email=certs.email(cert),
        fingerprint=certs.fingerprint(cert),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        self_issued=cert.issuer == cert.subject,
        issuer=cert.issuer.rfc4514_string(),
        key_file=directory / f"{name}.p12" if directory else None,
        cert_file=directory / f"{name}.cert.pem" if directory else None,
        p12=p12,
        weak=_weak(directory / f"{name}{WEAK_SUFFIX}") if directory else "",
    )


WEAK_SUFFIX = ".weak"
PBKDF2_ROUNDS = 600_000
"""PBKDF2-HMAC-SHA256 iterations protecting the PKCS#12 file (OWASP 2023 recommendation)."""


def _weak(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _encryption(passphrase: str | None) -> serialization.KeySerializationEncryption:
    """AES-256-CBC with PBKDF2-HMAC-SHA256 (PBES2) for keys and certificates, SHA-256 MAC."""
    if passphrase:
        return (
            serialization.PrivateFormat.PKCS12.encryption_builder()
            .kdf_rounds(PBKDF2_ROUNDS)
            .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
            .hmac_hash(hashes.SHA256())
            .build(passphrase.encode("utf-8"))
        )
    return serialization.NoEncryption()


def _self_issued(
    holder: str, organisation: str, email: str, passphrase: str | None, now: dt.datetime
) -> tuple[bytes, x509.Certificate]:
    """A new ECDSA P-256 key and a self-issued certificate (digitalSignature + nonRepudiation,
    three years), as PKCS#12 bytes encrypted with ``passphrase``."""
    holder = holder.strip()
    if not holder:
        raise IdentityError("a signing identity needs the holder's name")
    key = ec.generate_private_key(ec.SECP256R1())
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, holder)]
    if organisation.strip():
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.strip()))
    if email.strip():
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email.strip()))
    subject = x509.Name(attrs)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(int.from_bytes(secrets.token_bytes(16), "big") >> 1)
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if email.strip():
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.RFC822Name(email.strip())]), critical=False)
    cert = builder.sign(key, hashes.SHA256())
    p12 = pkcs12.serialize_key_and_certificates(
        name=holder.encode("utf-8"), key=key, cert=cert, cas=None, encryption_algorithm=_encryption(passphrase)
    )
    return p12, cert


def create_identity(
    holder: str,
    organisation: str = "",
    email: str = "",
    passphrase: str | None = None,
    *,
    name: str | None = None,
    directory: Path | None = None,
    now: dt.datetime | None = None,
    trust: bool = True,
) -> SigningIdentity:
    """Create a self-issued identity in the user's data directory (and, by default, trust it).

    Without a passphrase the PKCS#12 file is protected only by its file permissions.
    """
    p12, cert = _self_issued(holder, organisation, email, passphrase, now or dt.datetime.now(dt.UTC))
    directory = directory or identities_dir()
    name = _free_name(_slug(name or holder), directory)
    # Certificate first: a crash between the two writes leaves a harmless orphan certificate,
    # never a key that no list shows.
    write_atomic(directory / f"{name}.cert.pem", certs.to_pem(cert), mode=0o600)
    write_atomic(directory / f"{name}.p12", p12, mode=0o600)
    if trust:
        from core.signing.trust import trust_certificate_pem

        trust_certificate_pem(certs.to_pem(cert), note=f"own identity {name}")
    return _identity_from(cert, name, directory)


def ephemeral_identity(holder: str, organisation: str = "") -> SigningIdentity:
    """A self-issued identity that lives only in memory: never written to disk, never trusted.

    Used when the app runs without a display and must sign a demonstration memo without
    creating a key in the user's name.
    """
    p12, cert = _self_issued(holder, organisation, "", None, dt.datetime.now(dt.UTC))
    return _identity_from(cert, "temporary", None, p12=p12)


def _open_p12(data: bytes, passphrase: str | None, source: str):
    try:
        return pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8") if passphrase else None)
    except ValueError as exc:
        if _is_pkcs12(data):  # well-formed, so what failed is the passphrase (cryptography says both in one ValueError)
            if passphrase:
                raise WrongPassphrase("the passphrase does not open this signing identity", file=source) from None
            raise WrongPassphrase("this signing identity is protected by a passphrase; enter it", file=source) from None
        raise IdentityError(f"not a readable PKCS#12 file ({exc})", file=source) from None


def _is_pkcs12(data: bytes) -> bool:
    """Whether ``data`` is a complete PKCS#12 structure (parsed, not decrypted)."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        return asn1_pkcs12.Pfx.load(data, strict=True).native is not None
    except (ValueError, TypeError, KeyError):
        return False


def import_identity(
    path: Path,
    passphrase: str | None = None,
    *,
    name: str | None = None,
    directory: Path | None = None,
    force: bool = False,
) -> SigningIdentity:
    """Import an organisation-issued PKCS#12 file (kept byte for byte, still encrypted).

    A certificate that is expired, not yet valid, not allowed to sign (no digitalSignature) or
    has an RSA key under 2048 bits is refused with the reason, unless ``force``: it is then
    imported and marked weak, and every listing says so.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IdentityError(f"cannot read: {exc.strerror}", file=path) from None
    key, cert, _ = _open_p12(data, passphrase, str(path))
    if key is None or cert is None:
        raise IdentityError("the PKCS#12 file has no private key and certificate", file=path)
    problem = certs.certificate_problem(cert, dt.datetime.now(dt.UTC))
    if problem and not force:
        raise IdentityError(
            f"refused: {problem} (use --force to import it anyway; it will be reported as weak)", file=path
        )
    directory = directory or identities_dir()
    for existing in list_identities(directory):
        if existing.fingerprint == certs.fingerprint(cert):
            raise IdentityError(f"this identity is already imported as {existing.name!r}", file=path)
    name = _free_name(_slug(name or certs.common_name(cert)), directory)
    if problem:
        write_atomic(directory / f"{name}{WEAK_SUFFIX}", problem.encode("utf-8"), mode=0o600)
    write_atomic(directory / f"{name}.cert.pem", certs.to_pem(cert), mode=0o600)
    write_atomic(directory / f"{name}.p12", data, mode=0o600)
    return _identity_from(cert, name, directory)


def list_identities(directory: Path | None = None) -> list[SigningIdentity]:
    """Every identity in the data directory, by name."""
    directory = directory or identities_dir()
    out = []
    for cert_file in sorted(directory.glob("*.cert.pem")):
        name = cert_file.name.removesuffix(".cert.pem")
        if (directory / f"{name}.p12").exists():
            cert = certs.load_certificate(cert_file.read_bytes(), str(cert_file))
            out.append(_identity_from(cert, name, directory))
    return out


def find_identity(name: str | None = None, directory: Path | None = None) -> SigningIdentity:
    """The identity called ``name``; without a name, the only identity there is."""
    identities = list_identities(directory)
    if name is None:
        if len(identities) == 1:
            return identities[0]
        if not identities:
            raise IdentityError("no signing identity yet; create one with 'clausewise identity create'")
        names = ", ".join(i.name for i in identities)
        raise IdentityError(f"several signing identities ({names}); say which one to use by its name")
    for identity in identities:
        if identity.name == name:
            return identity
    known = ", ".join(i.name for i in identities) or "none"
    raise IdentityError(f"no signing identity named {name!r} (identities: {known})")


def export_certificate(identity: SigningIdentity, path: Path) -> Path:
    """Write the identity's certificate (never its key) as PEM, for colleagues to trust."""
    if identity.cert_file is None:
        raise IdentityError("a temporary identity has no certificate file")
    write_atomic(Path(path), identity.cert_file.read_bytes())
    return Path(path)


def open_identity(identity: SigningIdentity, passphrase: str | None) -> bytes:
    """The PKCS#12 bytes, after checking that ``passphrase`` opens them (WrongPassphrase if not)
    and that the key belongs to the identity's certificate (the stamp names that certificate)."""
    if identity.p12 is not None:
        data = identity.p12
    else:
        assert identity.key_file is not None
        try:
            data = identity.key_file.read_bytes()
        except OSError as exc:
            raise IdentityError(f"cannot read: {exc.strerror}", file=identity.key_file) from None
    _, cert, _ = _open_p12(data, passphrase, str(identity.key_file or identity.name))
    if cert is None or certs.fingerprint(cert) != identity.fingerprint:
        raise IdentityError(
            f"the key file and the certificate file of identity {identity.name!r} do not belong together",
            file=identity.key_file,
        )
    return data
