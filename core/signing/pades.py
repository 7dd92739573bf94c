"""Add one PAdES signature to a PDF, incrementally, with a visible stamp.

Shared by the memo export (the preparer's signature) and ``countersign`` (further signers).
B-B by default; B-T with a timestamp server; B-LT + B-LTA (validation data in a DSS and a
document timestamp) with ``lta=True`` and a timestamp server.
"""

from __future__ import annotations

import datetime as dt
import io
import math

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.constants import ESIC_EXTENSION_1
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator import ValidationContext

from core.errors import SigningError
from core.memo import fonts
from core.messages import catalogue
from core.signing.identity import SigningIdentity, open_identity
from core.signing.signatures import ROLE_SEPARATOR, _asn1
from core.signing.stamp import stamp_style
from core.signing.trust import trusted_x509
from core.value_class import value_class

APPROVER_FIELD = "ClausewiseApproval"
"""The empty signature field in the memo's "Approved by" box, filled by the first countersignature."""


@value_class
class SignatureRequest:
    """Where and how to sign: the field (filled if it exists, else created in ``box`` on ``page``)."""

    field_name: str
    page_index: int
    box: tuple[int, int, int, int]
    """The new field's rectangle; the existing field's rectangle when filling one."""
    reason: str
    caption: str = ""
    """The stamp's first line; "" for the catalogue's "Digitally signed by"."""
    timestamp_url: str | None = None
    lta: bool = False
    existing_field: bool = False
    compact: bool = False
    """A low stamp (a further countersignature below the memo's boxes): fewer, smaller lines."""


class Pdf17Signer(signers.PdfSigner):
    """A PAdES signer that leaves a PDF 1.7 memo at PDF 1.7 (PDF/A-3b is a PDF 1.7 profile).

    pyHanko declares ISO 32002 for ECDSA on the curves it covers (our P-256 identities), and that
    extension is defined for PDF 2.0 only, so it raises the catalog's /Version to 2.0. A PAdES
    signature (ETSI.CAdES.detached) in PDF 1.7 is declared by the ESIC extension instead, whose
    algorithms (ETSI TS 119 312) include ECDSA on P-256; this signer declares only that. Any other
    mechanism (EdDSA, SHA-3) genuinely needs PDF 2.0 and keeps pyHanko's handling.
    """

    def register_extensions(self, pdf_out: BasePdfFileWriter, *, md_algorithm: str) -> None:
        """Declare ESIC for ECDSA/RSA with a SHA-2 digest; leave everything else to pyHanko."""
        try:
            mechanism = self.signer.get_signature_mechanism_for_digest(md_algorithm).signature_algo
        except ValueError:
            mechanism = None
        keeps_pdf17 = (
            self.signature_meta.subfilter == fields.SigSeedSubFilter.PADES
            and md_algorithm in ("sha256", "sha384", "sha512")
            and mechanism in ("ecdsa", "rsassa_pkcs1v15", "rsassa_pss")
            and pdf_out.security_handler is None
        )
        if not keeps_pdf17:
            super().register_extensions(pdf_out, md_algorithm=md_algorithm)
            return
        pdf_out.ensure_output_version(version=(1, 7))
        if pdf_out.output_version < (2, 0):
            pdf_out.register_extension(ESIC_EXTENSION_1)


def load_signer(identity: SigningIdentity, passphrase: str | None) -> signers.SimpleSigner:
    """The pyHanko signer of ``identity`` (WrongPassphrase if the passphrase does not open it)."""
    p12 = open_identity(identity, passphrase)
    return signers.SimpleSigner.load_pkcs12_data(
        p12, other_certs=[], passphrase=passphrase.encode("utf-8") if passphrase else None
    )


STAMP_PADDING = 16
"""Left plus right inner margin of the stamp's text, in points (see core.signing.stamp)."""
SMALLEST_STAMP_TEXT = 4.0
"""The stamp's text shrinks to fit its box, never below this size (points)."""


def fit_line(text: str, face: str, size: float, width: float) -> tuple[str, str, float]:
    """A stamp line at ``size``, or smaller if that is what it takes to show it whole in ``width``."""
    natural = fonts.string_width(fonts.visual(text), face, size)
    if natural > width:
        size = max(SMALLEST_STAMP_TEXT, math.floor(size * width / natural * 100) / 100)
    return (text, face, size)


def stamp_lines(identity: SigningIdentity, request: SignatureRequest, when: dt.datetime) -> list:
    """The visible stamp's lines: caption, holder, organisation, e-mail, date, reason and the
    certificate's fingerprint (16 bytes), each shrunk if need be so that it shows whole."""
    t = catalogue()
    fingerprint = ":".join(identity.fingerprint.split(":")[:16])
    date = t("stamp.date", when=f"{when:%Y-%m-%d %H:%M}")
    if request.timestamp_url:
        date += t("stamp.timestamped")
    caption = request.caption or t("stamp.signed_by")
    small, name, body = (6.5, 8.5, 6.5) if request.compact else (7, 10, 7.5)
    lines = [
        (caption, fonts.ITALIC, small),
        (identity.holder, fonts.BOLD, name),
        (identity.organisation or " ", fonts.REGULAR, body),
        (identity.email or " ", fonts.REGULAR, body),
        (date, fonts.REGULAR, body),
    ]
    if request.compact:  # a further countersignature: no reason line, the fingerprint on one line
        lines.append((t("stamp.fingerprint_short", fingerprint=fingerprint), fonts.MONO, 5.5))
    else:
        lines += [
            (t("stamp.reason", reason=request.reason.split(ROLE_SEPARATOR)[-1]), fonts.REGULAR, 7),  # role: caption
            (t("stamp.fingerprint"), fonts.ITALIC, 6.5),
            (fingerprint, fonts.MONO, 6.5),
        ]
    room = request.box[2] - request.box[0] - STAMP_PADDING
    return [fit_line(text, face, size, room) for text, face, size in lines]


def sign_incrementally(
    writer: IncrementalPdfFileWriter,
    identity: SigningIdentity,
    signer: signers.SimpleSigner,
    request: SignatureRequest,
    when: dt.datetime,
) -> bytes:
    """Sign ``writer`` as ``request`` says; returns the signed PDF bytes."""
    if request.lta and not request.timestamp_url:
        raise SigningError("long-term validation (--lta) needs a timestamp server (--tsa URL)")
    x1, y1, x2, y2 = request.box
    context = None
    if request.lta:
        roots = [signer.signing_cert] + [_asn1(c) for c in trusted_x509()]
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
    meta = signers.PdfSignatureMetadata(
        field_name=request.field_name,
        md_algorithm="sha256",
        reason=request.reason,
        name=identity.holder,
        subfilter=fields.SigSeedSubFilter.PADES,
        use_pades_lta=request.lta,
        embed_validation_info=request.lta,
        validation_context=context,
    )
    visible = x2 > x1 and y2 > y1
    pdf_signer = Pdf17Signer(
        meta,
        signer,
        timestamper=HTTPTimeStamper(request.timestamp_url, timeout=15) if request.timestamp_url else None,
        stamp_style=stamp_style(x2 - x1, y2 - y1, stamp_lines(identity, request, when)) if visible else None,
        new_field_spec=None
        if request.existing_field
        else fields.SigFieldSpec(request.field_name, on_page=request.page_index, box=request.box if visible else None),
    )
    out = io.BytesIO()
    url = request.timestamp_url
    try:
        pdf_signer.sign_pdf(writer, output=out)
    except (TimeoutError, OSError) as exc:
        raise SigningError(f"the timestamp server {url} did not answer ({exc})") from None
    except SigningError:
        raise
    except Exception as exc:
        text = f"{type(exc).__name__} {exc}"
        if url and "timestamp" in text.lower():
            raise SigningError(f"the timestamp server {url} refused the request ({exc})") from None
        if request.lta:
            raise SigningError(f"the validation data for long-term validation could not be collected ({exc})") from None
        raise
    return out.getvalue()


def add_empty_field(writer: IncrementalPdfFileWriter, name: str, page_index: int, box) -> None:
    """Create an empty signature field (for a later countersignature) before signing."""
    fields.append_signature_field(writer, fields.SigFieldSpec(name, on_page=page_index, box=tuple(box)))
