"""A signing lab for attack tests: a user directory with a trusted signer, an untrusted one, and
helpers to build (and sign) memos whose attachments or certificates are chosen by the attacker.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import NoEncryption, pkcs12
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

import core
from core.memo.attachments import Attachment, embed_attachments, memo_attachments, record_printed_verdicts
from core.memo.render import Author, render
from core.resources import examples_dir
from core.signing import certificates as certs
from core.signing.export import FIELD_NAME, REASON
from core.signing.identity import SigningIdentity, _identity_from
from core.signing.pades import SignatureRequest, load_signer, sign_incrementally

BODY_CAM = examples_dir() / "body-cam-patrol-uk.scenario.yaml"


@contextmanager
def user_home(home: Path) -> Iterator[Path]:
    """Point CLAUSEWISE_HOME at ``home`` for the duration."""
    old = os.environ.get("CLAUSEWISE_HOME")
    os.environ["CLAUSEWISE_HOME"] = str(home)
    try:
        yield home
    finally:
        if old is None:
            os.environ.pop("CLAUSEWISE_HOME", None)
        else:
            os.environ["CLAUSEWISE_HOME"] = old


def in_memory_identity(cert: x509.Certificate, key) -> SigningIdentity:
    """An identity for ``cert`` and ``key`` that lives only in memory (never trusted by itself)."""
    p12 = pkcs12.serialize_key_and_certificates(b"x", key, cert, None, NoEncryption())
    return _identity_from(cert, "attacker", None, p12=p12)


def certificate(
    subject: x509.Name,
    key,
    *,
    serial: int | None = None,
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
    digital_signature: bool = True,
    ski: bytes | None = None,
    issuer: tuple[x509.Name, object] | None = None,
) -> x509.Certificate:
    """A certificate for ``key`` (self-signed unless ``issuer`` = (name, key)), with chosen fields."""
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer[0] if issuer else subject)
        .public_key(key.public_key())
        .serial_number(serial or int.from_bytes(secrets.token_bytes(16), "big") >> 1)
        .not_valid_before(not_before or now - dt.timedelta(days=1))
        .not_valid_after(not_after or now + dt.timedelta(days=365))
        .add_extension(
            x509.KeyUsage(digital_signature, True, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(
            x509.SubjectKeyIdentifier(ski) if ski else x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
            critical=False,
        )
    )
    return builder.sign(issuer[1] if issuer else key, hashes.SHA256())  # type: ignore[arg-type]


def new_key(kind: str = "ec"):
    """A fresh private key (ECDSA P-256, or RSA 2048)."""
    return ec.generate_private_key(ec.SECP256R1()) if kind == "ec" else rsa.generate_private_key(65537, 2048)


@dataclass
class Lab:
    """A user directory with a trusted signer (Jane) and the memo she signed."""

    home: Path
    packs: core.PackSet
    evaluation: core.Evaluation
    jane: SigningIdentity
    memo: bytes

    @classmethod
    def create(cls, home: Path) -> Lab:
        """Create Jane (trusted) and a freshly signed memo of the body-cam example in ``home``."""
        with user_home(home):
            packs = core.load_packs()
            evaluation = core.evaluate(core.load_scenario(BODY_CAM, packs.questionnaire), packs)
            jane = core.create_identity("Jane Doe", "Example Police Procurement", "jane@example.org")
            out = home / "memo.pdf"
            core.export_signed_memo(evaluation, packs, out, jane)
            return cls(home, packs, evaluation, jane, out.read_bytes())

    def jane_certificate(self) -> x509.Certificate:
        """Jane's certificate, as on the trusted list."""
        assert self.jane.cert_file is not None
        return certs.load_certificate(self.jane.cert_file.read_bytes())

    def signed_memo(
        self,
        identity: SigningIdentity | None = None,
        *,
        attachments: list[Attachment] | None = None,
        change=None,
        record_verdicts: bool = True,
    ) -> bytes:
        """A memo signed by ``identity`` (default Jane) whose attachments or metadata the caller chose.

        ``change(list_of_attachments)`` may edit the genuine attachments in place; ``change`` may
        also be given as a callable on the writer via ``attachments``.
        """
        identity = identity or self.jane
        created = dt.datetime.now(dt.UTC).replace(microsecond=0)
        memo_id = f"CW-{created:%Y%m%d}-ATTACK00"
        author = Author(identity.holder, identity.organisation, identity.email)
        rendered = render(self.evaluation, self.packs, memo_id=memo_id, created=created, author=author)
        writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf))
        files = attachments or memo_attachments(self.evaluation, self.packs, memo_id=memo_id, created=created)
        if change is not None:
            change(files)
        embed_attachments(writer, files)
        if record_verdicts:
            record_printed_verdicts(writer, self.evaluation, self.packs)
        request = SignatureRequest(
            FIELD_NAME, rendered.signature.page_index, rendered.signature.box, f"{REASON} {memo_id}"
        )
        return sign_incrementally(writer, identity, load_signer(identity, None), request, created)
