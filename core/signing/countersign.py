"""Countersign a memo: a further PAdES signature added incrementally, with its own visible stamp.

The memo carries an empty approver field (``ClausewiseApproval``) in its "Approved by" box; the
first countersignature fills it. Later ones (or memos without that field) get a new field in a
blank place (the last page first, :func:`core.signing.overlay.free_box`), never over the memo's
content or another stamp; when no page has room left, the countersignature is added without a
visible stamp (it is still listed by verify).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields

from core.atomic import write_atomic
from core.errors import SigningError
from core.messages import catalogue
from core.signing.identity import SigningIdentity
from core.signing.overlay import free_box
from core.signing.pades import APPROVER_FIELD, SignatureRequest, load_signer, sign_incrementally
from core.signing.signatures import ROLE_SEPARATOR
from core.value_class import value_class

REASON = "Clausewise compliance memo"
BOX = (236, 60)
"""Width and height of the stamp of a further countersignature (after the approver's)."""
MARGIN = 50
"""The memo's left and right text margin (points): further stamps line up with the text."""


@value_class
class Countersigned:
    """What was written."""

    path: Path
    memo_id: str
    signer: str
    role: str
    field: str
    signatures: int
    """How many signatures the memo now carries (document timestamps excluded)."""


def countersign_memo(
    memo: Path,
    output: Path,
    identity: SigningIdentity,
    passphrase: str | None = None,
    *,
    role: str = "Approver",
    timestamp_url: str | None = None,
    lta: bool = False,
) -> Countersigned:
    """Add ``identity``'s signature as ``role`` to ``memo`` and write the result to ``output``.

    Refuses a memo that is changed or broken (countersigning would lend it credibility); an
    intact memo by an untrusted signer may be countersigned.
    """
    from core.signing.verify import verify_memo

    role = " ".join(role.split()) or "Approver"
    if ROLE_SEPARATOR.strip() in role:
        raise SigningError(f"the role {role!r} may not contain {ROLE_SEPARATOR.strip()!r}")
    data = _read(memo)
    report = verify_memo(memo, data=data)
    if report.exit_status not in (0, 3):
        raise SigningError(f"will not countersign a memo that is not intact: {report.headline()}", file=memo)
    signer = load_signer(identity, passphrase)
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    request = _request(reader, data, role, report.memo_id, timestamp_url, lta)
    signed = sign_incrementally(
        IncrementalPdfFileWriter(io.BytesIO(data)), identity, signer, request, dt.datetime.now(dt.UTC)
    )
    write_atomic(Path(output), signed)
    count = sum(1 for s in report.signatures if s.kind == "signature") + 1
    return Countersigned(Path(output), report.memo_id, identity.holder, role, request.field_name, count)


def _read(memo: Path) -> bytes:
    from core.signing.verify import read_memo  # bounded: no pipes, devices or huge files

    return read_memo(Path(memo))


def _request(
    reader: PdfFileReader, data: bytes, role: str, memo_id: str, url: str | None, lta: bool
) -> SignatureRequest:
    reason = f"{role}{ROLE_SEPARATOR}{REASON} {memo_id}"
    caption = catalogue()("stamp.countersigned_by", role=role)
    names = []
    for name, value, ref in fields.enumerate_sig_fields(reader, filled_status=None):
        names.append(name)
        if name == APPROVER_FIELD and value is None:
            widget = ref.get_object()
            box = tuple(int(float(x)) for x in widget.get("/Rect", (0, 0, 0, 0)))
            return SignatureRequest(name, -1, box, reason, caption, url, lta, existing_field=True)  # type: ignore[arg-type]
    n = 2
    while f"ClausewiseCountersignature{n}" in names:
        n += 1
    # A stamp may not cover anything the memo shows (verify refuses that): find a blank place.
    field = f"ClausewiseCountersignature{n}"
    place = free_box(data, BOX[0], BOX[1], margin=MARGIN)
    if place is None:  # no room anywhere: a signature without a visible stamp
        return SignatureRequest(field, -1, (0, 0, 0, 0), reason, caption, url, lta, compact=True)
    page, x1, y1 = place
    box = (x1, y1, x1 + BOX[0], y1 + BOX[1])
    return SignatureRequest(field, page, box, reason, caption, url, lta, compact=True)
