"""Real PAdES signatures, checked by pyHanko and by an independent validator (poppler's pdfsig)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

import core
from tests.memo.conftest import PASSPHRASE, needs_poppler, poppler
from tests.memo.tsa import LoopbackTSA


@needs_poppler
def test_pdfsig_reports_a_valid_total_document_signature(signed_memo):
    """pdfsig (independent of pyHanko) says the signature is valid and covers the whole document."""
    out = poppler("pdfsig", str(signed_memo))
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out
    assert "Signature Type: ETSI.CAdES.detached" in out
    assert "Signer Certificate Common Name: Jane Doe" in out


def test_pyhanko_reports_it_intact_and_clausewise_verifies_it(signed_memo):
    """The verification report: intact, unmodified, signer, fingerprint, trusted (own identity), reproducible."""
    report = core.verify_memo(signed_memo)
    assert report.ok and report.intact and report.covered and report.exit_status == 0
    first = report.signatures[0]
    assert first.signer == "Jane Doe" and first.organisation == "Example Police Procurement"
    assert first.role == "Preparer"
    assert report.trusted, "an identity created here is on the trusted list"
    assert first.subfilter == "ETSI.CAdES.detached"
    assert report.reproduction.reproducible
    assert report.reproduction.memo_overall == "prohibited"
    assert report.timestamp is None


def test_signature_is_visible_on_the_last_page(signed_memo):
    """The signature widget has a real rectangle on the last page, with the signer's name as reason."""
    reader = PdfFileReader(io.BytesIO(signed_memo.read_bytes()))
    sig = reader.embedded_signatures[0]
    widget = sig.sig_field
    assert "/Rect" in widget or "/Kids" in widget
    rect = [float(x) for x in widget["/Rect"]]
    assert rect[2] - rect[0] > 100 and rect[3] - rect[1] > 40
    last_page = reader.root["/Pages"]["/Kids"][-1].get_object()
    assert any(a.get_object() is widget or a.idnum == widget.container_ref.idnum for a in last_page["/Annots"])
    assert sig.sig_object["/Name"] == "Jane Doe"
    assert str(sig.sig_object["/Reason"]).startswith("Clausewise compliance memo CW-")


def _flip(data: bytes, position: int) -> bytes:
    out = bytearray(data)
    out[position] ^= 0x01
    return bytes(out)


def test_flipping_any_byte_of_the_signed_range_is_detected(signed_memo):
    """50 single-byte flips spread over the signed byte ranges: verify fails every time and says why."""
    data = signed_memo.read_bytes()
    sig = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    a, b, c, d = (int(x) for x in sig.sig_object["/ByteRange"])
    signed = [*range(a, a + b), *range(c, c + d)]
    step = len(signed) // 50
    positions = [signed[i * step] for i in range(50)]
    for position in positions:
        try:
            report = core.verify_memo(f"flipped at {position}", data=_flip(data, position))
        except core.VerificationError as exc:  # e.g. the PDF header itself: "not a PDF file"
            assert exc.message, f"no reason given for the flip at byte {position}"
            continue
        assert not report.ok, f"a flip at byte {position} went unnoticed"
        assert report.problems, f"no reason given for the flip at byte {position}"
        assert "covers the whole file" not in "\n".join(report.lines()), "the report must not contradict itself"


@needs_poppler
def test_cli_verify_fails_on_a_flipped_byte_and_pdfsig_agrees(signed_memo, tmp_path):
    """`clausewise verify` exits 1 and says the digest does not match; pdfsig reports a digest mismatch."""
    data = signed_memo.read_bytes()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(_flip(data, len(data) // 3))
    proc = subprocess.run(
        [sys.executable, "-m", "core.cli", "verify", str(damaged)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert "NOT VERIFIED" in proc.stdout
    assert "altered" in proc.stdout or "damaged" in proc.stdout or "cannot be read" in proc.stdout
    out = poppler("pdfsig", str(damaged))
    assert "Signature is Valid" not in out


def _append_update(data: bytes, change) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_content_appended_after_signing_is_reported_as_changed(signed_memo):
    """A new page content stream added after signing: the signature is intact, the memo is changed (exit 1)."""
    from pyhanko.pdf_utils import generic

    def add_text(writer):
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 100 Td (APPROVED) Tj ET")
        ref = writer.add_object(stream)
        contents = page["/Contents"]
        page["/Contents"] = generic.ArrayObject(
            [*contents, ref] if isinstance(contents, generic.ArrayObject) else [contents, ref]
        )
        writer.update_container(page)

    report = core.verify_memo("modified.pdf", data=_append_update(signed_memo.read_bytes(), add_text))
    assert report.intact, "the signed revision itself is untouched"
    assert not report.covered and report.exit_status == 1
    assert report.headline().startswith("NOT VERIFIED: changed or broken — Changed after signing: revision 3")


def test_metadata_only_update_is_a_change_too(signed_memo):
    """A metadata-only update (a new title) is not a signature, timestamp or DSS: changed, exit 1."""
    from pyhanko.pdf_utils import generic

    def retitle(writer):
        info = writer.trailer["/Info"]
        info[generic.NameObject("/Title")] = generic.TextStringObject("Retitled")
        writer.update_container(info)

    report = core.verify_memo("retitled.pdf", data=_append_update(signed_memo.read_bytes(), retitle))
    assert report.intact and report.exit_status == 1
    assert "changes the document information (Title" in report.headline()


def test_a_pdf_without_signature_and_a_non_pdf(tmp_path, packs, body_cam_evaluation):
    """An unsigned draft and a text file are reported, not crashed on."""
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(core.render_unsigned_memo(body_cam_evaluation, packs))
    report = core.verify_memo(draft)
    assert not report.ok and report.problems == ("The PDF carries no digital signature.",)
    assert report.exit_status == 1
    junk = tmp_path / "notes.pdf"
    junk.write_text("not a pdf at all")
    with pytest.raises(core.VerificationError, match="not a PDF file"):
        core.verify_memo(junk)


def test_b_t_signature_with_a_loopback_timestamp_server(tmp_path, packs, identity, body_cam_evaluation):
    """With --tsa the signature gets an RFC 3161 timestamp, and verify reports it."""
    out = tmp_path / "timestamped.pdf"
    with LoopbackTSA() as tsa:
        result = core.export_signed_memo(body_cam_evaluation, packs, out, identity, PASSPHRASE, timestamp_url=tsa.url)
        assert tsa.requests >= 1
    assert result.timestamped
    report = core.verify_memo(out)
    assert report.ok
    assert report.timestamp is not None
    assert report.timestamp.authority == "Loopback Test TSA"
    assert report.timestamp.intact
    assert abs((report.timestamp.time - result.created).total_seconds()) < 120
    assert "Timestamp:" in "\n".join(report.lines())


def test_an_unreachable_timestamp_server_is_a_clear_error(tmp_path, packs, identity, body_cam_evaluation):
    """A dead TSA: a signing error naming the server, and no file written."""
    out = tmp_path / "never.pdf"
    with pytest.raises(core.SigningError, match=re.escape("127.0.0.1:9")):
        core.export_signed_memo(
            body_cam_evaluation, packs, out, identity, PASSPHRASE, timestamp_url="http://127.0.0.1:9/"
        )
    assert not out.exists()


def test_wrong_passphrase_is_a_clear_error_and_nothing_is_written(tmp_path, packs, identity, body_cam_evaluation):
    """WrongPassphrase names the identity; the output file does not appear."""
    out = tmp_path / "never.pdf"
    with pytest.raises(core.WrongPassphrase, match="does not open"):
        core.export_signed_memo(body_cam_evaluation, packs, out, identity, "not the passphrase")
    assert not out.exists()


def test_verify_json_and_exit_status(signed_memo):
    """`clausewise verify --format json` is machine-readable; status 0 for a good memo."""
    proc = subprocess.run(
        [sys.executable, "-m", "core.cli", "verify", str(signed_memo), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["ok"] and data["status"] == "verified" and data["exit_status"] == 0
    assert data["signatures"][0]["signer"]["name"] == "Jane Doe" and data["reproduction"]["reproducible"]


def test_tampered_attachment_cannot_pass_as_reproducible(signed_memo, packs):
    """Reproduction uses the attachments of the signed revision: a later, unsigned attachment is ignored."""
    from core.memo.attachments import Attachment, embed_attachments

    def swap(writer):
        embed_attachments(
            writer, [Attachment("evaluation.json", b'{"overall": "no_prohibition_found"}', "application/json", "x")]
        )

    report = core.verify_memo("swapped.pdf", data=_append_update(signed_memo.read_bytes(), swap))
    assert report.exit_status == 1 and not report.covered
    assert "Changed after signing" in report.headline()


def test_a_second_signature_over_changed_content_does_not_pass(signed_memo, tmp_path):
    """Change the signed memo, then sign it again with another certificate: still NOT verified."""
    from pyhanko.pdf_utils import generic
    from pyhanko.sign import fields, signers

    def add_text(writer):
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        ref = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 100 Td (APPROVED) Tj ET"))
        contents = page["/Contents"]
        page["/Contents"] = generic.ArrayObject(
            [*contents, ref] if isinstance(contents, generic.ArrayObject) else [contents, ref]
        )
        writer.update_container(page)

    changed = _append_update(signed_memo.read_bytes(), add_text)
    mallory = core.create_identity("Jane Doe", "Example Police Procurement", passphrase="m", name="mallory")
    signer = signers.SimpleSigner.load_pkcs12_data(mallory.key_file.read_bytes(), [], passphrase=b"m")
    out = io.BytesIO()
    signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(changed)),
        signers.PdfSignatureMetadata(field_name="Second", subfilter=fields.SigSeedSubFilter.PADES),
        signer=signer,
        output=out,
    )
    report = core.verify_memo("resigned.pdf", data=out.getvalue())
    assert report.exit_status == 1
    assert "changes the content, attachments or metadata" in report.headline()
    assert [s.signer for s in report.signatures] == ["Jane Doe", "Jane Doe"], "both signatures are listed"
    assert report.fingerprint != mallory.fingerprint, "the first signature is the memo's own"
