"""Countersign a memo: a further PAdES signature added incrementally, with its own visible stamp.

The memo carries an empty approver field (``ClausewiseApproval``) in its "Approved by" box; the
first countersignature fills it. Later ones (or memos without that field) get a new field on the
last page, below the signature boxes, where they overlap nothing; when the page has no room
left, the countersignature is added without a visible stamp (it is still listed by verify).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields

from core.atomic import write_atomic
from core.errors import SigningError, VerificationError
from core.messages import catalogue
from core.signing.identity import SigningIdentity
from core.signing.pades import APPROVER_FIELD, SignatureRequest, load_signer, sign_incrementally
from core.signing.signatures import ROLE_SEPARATOR

REASON = "Clausewise compliance memo"
BOX = (236, 60)
"""Width and height of the stamp of a further countersignature (after the approver's)."""
GAP = 8
FOOTER_TOP = 40
"""The footer rule is at 36 points; stamps stay above it."""


@dataclass(frozen=True)
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
    request = _request(reader, role, report.memo_id, timestamp_url, lta)
    signed = sign_incrementally(
        IncrementalPdfFileWriter(io.BytesIO(data)), identity, signer, request, dt.datetime.now(dt.UTC)
    )
    write_atomic(Path(output), signed)
    count = sum(1 for s in report.signatures if s.kind == "signature") + 1
    return Countersigned(Path(output), report.memo_id, identity.holder, role, request.field_name, count)


def _read(memo: Path) -> bytes:
    try:
        return Path(memo).read_bytes()
    except FileNotFoundError:
        raise VerificationError("no such file", file=memo) from None
    except OSError as exc:
        raise VerificationError(f"cannot read: {exc.strerror}", file=memo) from None


def _request(reader: PdfFileReader, role: str, memo_id: str, url: str | None, lta: bool) -> SignatureRequest:
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
    box = free_box(reader) or (0, 0, 0, 0)
    field = f"ClausewiseCountersignature{n}"
    return SignatureRequest(field, -1, box, reason, caption, url, lta, compact=True)


def _rect(annotation) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = (float(v) for v in annotation.get_object().get("/Rect", (0, 0, 0, 0)))
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def free_box(reader: PdfFileReader) -> tuple[int, int, int, int] | None:
    """Room for one more stamp on the last page, below the signature boxes already there and
    overlapping none of them (under "Approved by" first, then under "Prepared by"); None when
    the page has no such room left (the countersignature is then added without a stamp)."""
    page_ref, _ = reader.find_page_for_modification(-1)
    taken = [r for r in (_rect(a) for a in page_ref.get_object().get("/Annots", ())) if r[2] > r[0]]
    columns = sorted({int(r[0]) for r in taken}, reverse=True)  # under the boxes there, right first
    for top in sorted({r[1] - GAP for r in taken}, reverse=True):  # just below some box, highest first
        if top - BOX[1] < FOOTER_TOP:
            continue
        for left in columns:
            box = (left, int(top - BOX[1]), left + BOX[0], int(top))
            below_all = all(box[3] <= r[1] or box[2] <= r[0] or r[2] <= box[0] for r in taken)
            if below_all and not any(
                box[0] < r[2] and r[0] < box[2] and box[1] < r[3] and r[1] < box[3] for r in taken
            ):
                return box
    return None
