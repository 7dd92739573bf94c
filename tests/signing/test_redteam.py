"""Red-team findings on `clausewise verify`: each test reproduces a bypass that once exited 0."""

from __future__ import annotations

import io
import shutil

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

import core
from tests.memo.tsa import _tsa_credentials
from tests.signing import attacks, structure_attacks
from tests.signing.byte_attacks import VERDICT_TEXT
from tests.signing.test_attacks import lab, module_lab  # noqa: F401  (fixtures)


def _name(value: str) -> generic.NameObject:
    return generic.NameObject(value)


def _painted_timestamp(memo: bytes) -> bytes:
    """A document timestamp from the attacker's own TSA whose visible widget paints over page 1."""
    writer = IncrementalPdfFileWriter(io.BytesIO(memo))
    fields.append_signature_field(writer, fields.SigFieldSpec("Evil", on_page=0, box=(40, 600, 560, 800)))
    field = next(f.get_object() for f in writer.root["/AcroForm"]["/Fields"] if f.get_object().get("/T") == "Evil")
    font = generic.DictionaryObject(
        {_name("/Type"): _name("/Font"), _name("/Subtype"): _name("/Type1"), _name("/BaseFont"): _name("/Helvetica")}
    )
    appearance = generic.StreamObject(
        {
            _name("/Type"): _name("/XObject"),
            _name("/Subtype"): _name("/Form"),
            _name("/BBox"): generic.ArrayObject([generic.NumberObject(x) for x in (0, 0, 520, 200)]),
            _name("/Resources"): generic.DictionaryObject(
                {_name("/Font"): generic.DictionaryObject({_name("/F1"): font})}
            ),
        },
        stream_data=VERDICT_TEXT,
    )
    field[_name("/AP")] = generic.DictionaryObject({_name("/N"): writer.add_object(appearance)})
    writer.update_container(field)
    cert, key, ca, _ = _tsa_credentials()
    out = io.BytesIO()
    stamper = DummyTimeStamper(tsa_cert=cert, tsa_key=key, certs_to_embed=[ca])
    PdfTimeStamper(stamper, field_name="Evil").timestamp_pdf(writer, "sha256", output=out)
    return out.getvalue()


def test_visible_document_timestamp_from_any_tsa_is_rejected(lab):  # noqa: F811
    """A document timestamp (anyone's TSA) whose widget shows 'NO PROHIBITION FOUND' on page 1 exits 1."""
    path = lab.home / "painted-timestamp.pdf"
    path.write_bytes(_painted_timestamp(lab.memo))
    assert attacks.exit_status(path) == 1
    headline = core.verify_memo(path).headline()
    assert "document timestamp's field is visible" in headline, headline


def test_memo_with_only_a_document_timestamp_says_nobody_signed(lab):  # noqa: F811
    """A memo whose only 'signature' is a document timestamp exits 1 with a plain reason, not an internal one."""
    import datetime as dt

    from core.memo.attachments import embed_attachments, memo_attachments, record_printed_verdicts
    from core.memo.render import Author, render

    created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    rendered = render(lab.evaluation, lab.packs, memo_id="CW-X", created=created, author=Author("Mallory", "", ""))
    writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf))
    embed_attachments(writer, memo_attachments(lab.evaluation, lab.packs, memo_id="CW-X", created=created))
    record_printed_verdicts(writer, lab.evaluation, lab.packs)
    cert, key, ca, _ = _tsa_credentials()
    out = io.BytesIO()
    PdfTimeStamper(DummyTimeStamper(tsa_cert=cert, tsa_key=key, certs_to_embed=[ca])).timestamp_pdf(
        writer, "sha256", output=out
    )
    path = lab.home / "only-timestamp.pdf"
    path.write_bytes(out.getvalue())
    assert attacks.exit_status(path) == 1
    assert "Nobody signed the memo" in core.verify_memo(path).headline()


def test_a_certificate_issued_by_a_trusted_signer_who_is_no_ca_is_not_trusted(lab):  # noqa: F811
    """Jane is trusted as a signer, not as an issuer: a certificate her key issues in Bob's name is not trusted."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    from core.signing.identity import open_identity
    from tests.signing.lab import certificate, in_memory_identity, new_key, user_home

    with user_home(lab.home):
        jane_key, jane_cert, _ = pkcs12.load_key_and_certificates(open_identity(lab.jane, None), None)
        bob_key = new_key()
        bob = certificate(
            x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Bob Roe")]),
            bob_key,
            issuer=(jane_cert.subject, jane_key),
        )
        report = core.verify_memo("issued.pdf", data=lab.signed_memo(in_memory_identity(bob, bob_key)))
    assert report.exit_status == 3, report.lines()
    assert "not on your trusted list" in report.headline()


def _poppler_page_one(path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize(
    "name",
    ["duplicate /Root keys in the trailer (old first)", "page with duplicate /Contents keys (attacker last)"],
)
def test_duplicate_keys_that_poppler_reads_differently_are_rejected(lab, name):  # noqa: F811
    """A key given twice (pyHanko reads the first, poppler the last) shows NO PROHIBITION FOUND yet once exited 0.

    pdfsig on the same file: "Signature is Valid" and "Not total document signed" (a plain incremental
    update) — while pdftotext shows the attacker's verdict on page 1.
    """
    attack = next(a for a in structure_attacks.structure(lab) if a.name == name)
    path = lab.home / "duplicate-keys.pdf"
    path.write_bytes(attack.data)
    assert "NO PROHIBITION FOUND" in _poppler_page_one(path)  # the forgery is real: a viewer shows it
    assert attacks.exit_status(path) == 1
    assert "cannot be read unambiguously" in core.verify_memo(path).headline()


def test_duplicate_info_key_retitling_the_memo_is_rejected(lab):  # noqa: F811
    """A second /Info key in a later trailer (poppler shows its title) exits 1."""
    attack = next(a for a in structure_attacks.structure(lab) if a.name == "duplicate /Info keys in the trailer")
    path = lab.home / "duplicate-info.pdf"
    path.write_bytes(attack.data)
    assert attacks.exit_status(path) == 1
    assert "trailer that cannot be read unambiguously" in core.verify_memo(path).headline()


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("objects outside any xref before a benign xref (hide)", "does not list"),
        ("new catalog in an object stream, trailer unchanged", "cross-reference stream"),
    ],
)
def test_bytes_a_rebuilding_reader_would_use_are_rejected(lab, name, why):  # noqa: F811
    """Objects outside the cross-reference table, or in a stream the memo never uses, once exited 0."""
    attack = next(a for a in structure_attacks.structure(lab) if a.name == name)
    report = core.verify_memo(name, data=attack.data)
    assert report.exit_status == 1
    assert why in report.headline(), report.headline()


def _stamp_over_verdict(lab, box=(50, 545, 545, 635)) -> bytes:  # noqa: F811
    """Bob (trusted) countersigns with a visible stamp placed over page 1's verdict box."""
    import datetime as dt

    from core.signing.pades import SignatureRequest, load_signer, sign_incrementally
    from core.signing.signatures import ROLE_SEPARATOR
    from tests.signing.lab import user_home

    with user_home(lab.home):
        bob = core.create_identity("Bob Roe", "Example Police Procurement", "bob@example.org")
        reason = f"Approver{ROLE_SEPARATOR}Clausewise compliance memo"
        request = SignatureRequest("ClausewiseCountersignature2", 0, box, reason, "NO PROHIBITION FOUND — approved by")
        writer = IncrementalPdfFileWriter(io.BytesIO(lab.memo))
        return sign_incrementally(writer, bob, load_signer(bob, None), request, dt.datetime.now(dt.UTC))


def test_a_trusted_countersigners_stamp_over_the_verdict_is_a_change(lab):  # noqa: F811
    """A trusted countersigner's visible stamp painted over page 1's verdict box once exited 0; now exits 1.

    pdfsig on the same file: both signatures "Signature is Valid", the countersignature "Total document
    signed" — a viewer shows the stamp covering the verdict.
    """
    path = lab.home / "stamp-over-verdict.pdf"
    path.write_bytes(_stamp_over_verdict(lab))
    assert attacks.exit_status(path) == 1
    headline = core.verify_memo(path).headline()
    assert "covers signed content on page 1" in headline, headline


def test_a_trusted_countersigners_stamp_in_blank_space_still_verifies(lab):  # noqa: F811
    """The same trusted countersignature placed where page 1 draws nothing (below the footer) verifies with exit 0."""
    path = lab.home / "stamp-in-margin.pdf"
    path.write_bytes(_stamp_over_verdict(lab, box=(300, 2, 545, 14)))
    report = core.verify_memo(path)
    assert report.exit_status == 0, report.lines()
