"""Produce memo files: an unsigned draft, or a PAdES-signed memo (B-B, or B-T with a TSA)."""

from __future__ import annotations

import datetime as dt
import io
import logging
import secrets
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from core.atomic import write_atomic
from core.errors import SigningError
from core.memo.attachments import embed_attachments, memo_attachments, record_printed_verdicts
from core.memo.render import Author, MemoHeader, render
from core.packs import PackSet
from core.results import Evaluation
from core.signing.identity import SigningIdentity
from core.signing.pades import APPROVER_FIELD, SignatureRequest, add_empty_field, load_signer, sign_incrementally
from core.value_class import value_class

FIELD_NAME = "ClausewiseSignature"
REASON = "Clausewise compliance memo"

# fontTools logs a warning for every subset of a font with an FFTM table; it means nothing here.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


@value_class
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
    evaluation: Evaluation,
    packs: PackSet,
    *,
    memo_id: str | None = None,
    created: dt.datetime | None = None,
    header: MemoHeader | None = None,
) -> bytes:
    """An unsigned draft memo (with its attachments) as PDF bytes."""
    created = created or _now()
    memo_id = memo_id or new_memo_id(created)
    rendered = render(evaluation, packs, memo_id=memo_id, created=created, author=None, header=header)
    writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf))
    embed_attachments(writer, memo_attachments(evaluation, packs, memo_id=memo_id, created=created))
    record_printed_verdicts(writer, evaluation, packs)
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
    lta: bool = False,
    header: MemoHeader | None = None,
) -> SignedMemo:
    """Render, attach, sign and write the memo to ``output`` atomically.

    The memo carries an empty approver signature field for a later countersignature. With
    ``lta`` (and a timestamp server) the signature is PAdES B-LTA: validation data and a
    document timestamp are added. The passphrase is checked first: on a wrong passphrase
    nothing is written.
    """
    signer = load_signer(identity, passphrase)
    if lta and not timestamp_url:
        raise SigningError("long-term validation (--lta) needs a timestamp server (--tsa URL)")
    created = _now()
    memo_id = new_memo_id(created)
    author = Author(identity.holder, identity.organisation, identity.email)
    rendered = render(evaluation, packs, memo_id=memo_id, created=created, author=author, header=header)
    writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf))
    embed_attachments(writer, memo_attachments(evaluation, packs, memo_id=memo_id, created=created))
    record_printed_verdicts(writer, evaluation, packs)
    approver = getattr(rendered, "approver", None)
    if approver is not None and approver.page_index >= 0:
        add_empty_field(writer, APPROVER_FIELD, approver.page_index, approver.box)
    request = SignatureRequest(
        FIELD_NAME,
        rendered.signature.page_index,
        rendered.signature.box,
        f"{REASON} {memo_id}",
        timestamp_url=timestamp_url,
        lta=lta,
    )
    data = sign_incrementally(writer, identity, signer, request, created)
    write_atomic(Path(output), data)
    return SignedMemo(Path(output), memo_id, identity.holder, identity.fingerprint, bool(timestamp_url), created)
