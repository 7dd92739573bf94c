"""Produce memo files: an unsigned draft, or a PAdES-signed memo (B-B, or B-T with a TSA)."""

from __future__ import annotations

import datetime as dt
import io
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper

from core.atomic import write_atomic
from core.errors import SigningError
from core.memo import fonts
from core.memo.attachments import embed_attachments, memo_attachments
from core.memo.render import Author, render
from core.packs import PackSet
from core.results import Evaluation
from core.signing import certificates as certs
from core.signing.identity import SigningIdentity, open_identity
from core.signing.stamp import stamp_style

FIELD_NAME = "ClausewiseSignature"
REASON = "Clausewise compliance memo"

# fontTools logs a warning for every subset of a font with an FFTM table; it means nothing here.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


@dataclass(frozen=True)
class SignedMemo:
    """What was written."""

    path: Path
    memo_id: str
    signer: str
    fingerprint: str
    timestamped: bool
    created: dt.datetime


def new_memo_id(created: dt.datetime) -> str:
    """A memo id such as ``CW-20240601-3F9A1C2E``: the date and 32 random bits."""
    return f"CW-{created:%Y%m%d}-{secrets.token_hex(4).upper()}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def render_unsigned_memo(
    evaluation: Evaluation, packs: PackSet, *, memo_id: str | None = None, created: dt.datetime | None = None
) -> bytes:
    """An unsigned draft memo (with its attachments) as PDF bytes."""
    created = created or _now()
    memo_id = memo_id or new_memo_id(created)
    rendered = render(evaluation, packs, memo_id=memo_id, created=created, author=None)
    writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf))
    embed_attachments(writer, memo_attachments(evaluation, packs, memo_id=memo_id, created=created))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def export_signed_memo(
    evaluation: Evaluation,
    packs: PackSet,
    output: Path,
    identity: SigningIdentity,
    passphrase: str | None = None,
    *,
    timestamp_url: str | None = None,
) -> SignedMemo:
    """Render, attach, sign and write the memo to ``output`` atomically.

    The passphrase is checked first: on a wrong passphrase nothing is written.
    """
    p12 = open_identity(identity, passphrase)
    signer = signers.SimpleSigner.load_pkcs12_data(
        p12, other_certs=[], passphrase=passphrase.encode("utf-8") if passphrase else None
    )
    created = _now()
    memo_id = new_memo_id(created)
    author = Author(identity.holder, identity.organisation, identity.email)
    rendered = render(evaluation, packs, memo_id=memo_id, created=created, author=author)
    writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf))
    embed_attachments(writer, memo_attachments(evaluation, packs, memo_id=memo_id, created=created))

    x1, y1, x2, y2 = rendered.signature.box
    lines = [
        ("Digitally signed by", fonts.ITALIC, 7),
        (identity.holder, fonts.BOLD, 10),
        (", ".join(x for x in (identity.organisation, identity.email) if x) or " ", fonts.REGULAR, 7.5),
        (f"Date: {created:%Y-%m-%d %H:%M} UTC" + ("  (timestamped)" if timestamp_url else ""), fonts.REGULAR, 7.5),
        (f"Reason: {REASON} {memo_id}", fonts.REGULAR, 7),
        (f"Certificate SHA-256 {certs.short_fingerprint(identity.fingerprint)}…", fonts.MONO, 6),
    ]
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        reason=f"{REASON} {memo_id}",
        name=identity.holder,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        timestamper=HTTPTimeStamper(timestamp_url, timeout=15) if timestamp_url else None,
        stamp_style=stamp_style(x2 - x1, y2 - y1, lines),
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=rendered.signature.page_index, box=(x1, y1, x2, y2)),
    )
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=out)
    except (TimeoutError, OSError) as exc:
        raise SigningError(f"the timestamp server {timestamp_url} did not answer ({exc})") from None
    except Exception as exc:
        if timestamp_url and "timestamp" in f"{type(exc).__name__} {exc}".lower():
            raise SigningError(f"the timestamp server {timestamp_url} refused the request ({exc})") from None
        raise
    write_atomic(Path(output), out.getvalue())
    return SignedMemo(Path(output), memo_id, identity.holder, identity.fingerprint, bool(timestamp_url), created)
