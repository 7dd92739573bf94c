"""Signing keeps the memo PDF 1.7, as PDF/A-3b requires: first signature, countersignatures, B-LTA.

pyHanko on its own raises the catalog's /Version to 2.0 twice over: for associated files
(``af_relationship``) and for ECDSA P-256 signatures (ISO 32002). Both are kept at 1.7 here.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

import core
from core.signing import certificates as certs
from tests.memo.conftest import PASSPHRASE, needs_poppler, poppler
from tests.memo.pdfa_rules import pdfa_3b_problems
from tests.memo.tsa import LoopbackTSA


def cli(*args: str) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess (same CLAUSEWISE_HOME as the test)."""
    return subprocess.run([sys.executable, "-m", "core.cli", *args], capture_output=True, text=True, check=False)


def pdf_version(path: Path) -> tuple[str, str | None, set[str]]:
    """The header's version, the catalog's /Version (None if absent) and the extension prefixes."""
    header = path.read_bytes()[:8].decode("ascii")
    with pikepdf.open(path) as pdf:
        version = str(pdf.Root.Version) if "/Version" in pdf.Root else None
        extensions = set(pdf.Root.Extensions.keys()) if "/Extensions" in pdf.Root else set()
    return header, version, extensions


def assert_pdf_17(path: Path) -> None:
    """Header 1.7, no catalog /Version above 1.7, PAdES declared by ESIC and no PDF 2.0 extension."""
    header, version, extensions = pdf_version(path)
    assert header == "%PDF-1.7"
    assert version in (None, "/1.7"), version
    assert extensions == {"/ESIC"}, extensions


@pytest.fixture
def approver():
    """A second (trusted) identity, Bob, to countersign."""
    return core.create_identity("Bob Roe", "Legal", name="bob")


@needs_poppler
def test_signed_and_twice_countersigned_memo_stays_pdf_17_valid_and_verified(
    tmp_path, packs, identity, approver, body_cam_evaluation
):
    """Preparer, approver (the empty field) and a reviewer (a new field): 1.7 throughout, pdfsig and verify agree."""
    memo, approved, reviewed = tmp_path / "memo.pdf", tmp_path / "approved.pdf", tmp_path / "reviewed.pdf"
    core.export_signed_memo(body_cam_evaluation, packs, memo, identity, PASSPHRASE)
    assert_pdf_17(memo)
    core.countersign_memo(memo, approved, approver)
    assert_pdf_17(approved)
    core.countersign_memo(approved, reviewed, identity, PASSPHRASE, role="Reviewer")
    assert_pdf_17(reviewed)
    assert pdfa_3b_problems(reviewed) == []
    report = poppler("pdfsig", str(reviewed))
    assert report.count("Signature Validation: Signature is Valid.") == 3, report
    verified = cli("verify", str(reviewed))
    assert verified.returncode == 0, verified.stdout


@needs_poppler
def test_b_lta_memo_and_its_lta_countersignature_stay_pdf_17(tmp_path, packs, identity, approver, body_cam_evaluation):
    """Validation data and document timestamps (B-LTA), first and countersigned: 1.7, pdfsig valid, verify 0."""
    memo, approved = tmp_path / "memo.pdf", tmp_path / "approved.pdf"
    with LoopbackTSA() as tsa:
        ca = tmp_path / "tsa-ca.pem"
        ca.write_bytes(certs.to_pem(tsa.ca_certificate))
        core.trust_certificate_file(ca)
        core.export_signed_memo(body_cam_evaluation, packs, memo, identity, PASSPHRASE, timestamp_url=tsa.url, lta=True)
        assert_pdf_17(memo)
        core.countersign_memo(memo, approved, approver, timestamp_url=tsa.url, lta=True)
    assert_pdf_17(approved)
    assert pdfa_3b_problems(approved) == []
    assert [s.kind for s in core.verify_memo(approved).signatures].count("document timestamp") == 2
    report = poppler("pdfsig", str(approved))
    # pdfsig checks the two signatures; it cannot check document timestamps (verify does, above).
    assert report.count("Signature Validation: Signature is Valid.") == 2, report
    assert "Invalid" not in report and "Mismatch" not in report
    verified = cli("verify", str(approved))
    assert verified.returncode == 0, verified.stdout


def test_pyhankos_own_signer_would_raise_the_memo_to_pdf_20(tmp_path, packs, identity, body_cam_evaluation):
    """The check above can fail: pyHanko's stock PdfSigner writes /Version /2.0 for the same P-256 key."""
    from core.signing.pades import load_signer

    draft = tmp_path / "draft.pdf"
    draft.write_bytes(core.render_unsigned_memo(body_cam_evaluation, packs))
    assert pdf_version(draft)[:2] == ("%PDF-1.7", None), "the attachments alone keep it at 1.7"
    writer = IncrementalPdfFileWriter(io.BytesIO(draft.read_bytes()))
    meta = signers.PdfSignatureMetadata(field_name="Stock", subfilter=fields.SigSeedSubFilter.PADES)
    out = tmp_path / "stock.pdf"
    out.write_bytes(signers.PdfSigner(meta, load_signer(identity, PASSPHRASE)).sign_pdf(writer).getvalue())
    assert pdf_version(out)[1] == "/2.0"
