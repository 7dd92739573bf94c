"""Several signers and long-term validation: countersignatures and document timestamps verify,
every signature is listed in order with its signer's name, role, time, trust and coverage."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

import core
from core.signing import certificates as certs
from tests.memo.tsa import LoopbackTSA
from tests.signing.lab import BODY_CAM

needs_poppler = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils is not installed")


def cli(*args: str) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess (same CLAUSEWISE_HOME as the test)."""
    return subprocess.run([sys.executable, "-m", "core.cli", *args], capture_output=True, text=True, check=False)


@pytest.fixture
def people(packs):
    """Jane (preparer) and Bob (approver), both trusted, and Jane's signed memo."""
    jane = core.create_identity("Jane Doe", "Example Police Procurement")
    bob = core.create_identity("Bob Roe", "Legal", name="bob")
    evaluation = core.evaluate(core.load_scenario(BODY_CAM, packs.questionnaire), packs)
    return jane, bob, evaluation


def test_countersigned_memo_verifies_and_names_both_signers(tmp_path, packs, people):
    """`clausewise countersign` fills the approver field; verify exits 0 and lists both signers in order."""
    jane, _, evaluation = people
    memo, out = tmp_path / "memo.pdf", tmp_path / "approved.pdf"
    core.export_signed_memo(evaluation, packs, memo, jane)
    r = cli("countersign", str(memo), "-o", str(out), "--identity", "bob", "--role", "Head of Legal")
    assert r.returncode == 0, r.stderr
    assert "countersigned by Bob Roe as Head of Legal (field ClausewiseApproval; 2 signatures)" in r.stdout
    v = cli("verify", str(out))
    assert v.returncode == 0, v.stdout
    assert "every signer is trusted: Jane Doe (Preparer); Bob Roe (Head of Legal)" in v.stdout
    assert "1. Signed by Jane Doe, Example Police Procurement as Preparer" in v.stdout
    assert "2. Signed by Bob Roe, Legal as Head of Legal" in v.stdout
    data = json.loads(cli("verify", str(out), "--format", "json").stdout)
    assert [s["signer"]["name"] for s in data["signatures"]] == ["Jane Doe", "Bob Roe"]
    assert [s["role"] for s in data["signatures"]] == ["Preparer", "Head of Legal"]
    assert all(s["trusted"] and s["time"] for s in data["signatures"])
    assert data["signatures"][1]["covers"].startswith(f"bytes 0–{out.stat().st_size} of {out.stat().st_size}")


def test_the_approver_stamp_lands_in_the_approver_box(tmp_path, packs, people):
    """The memo carries an empty approver field in its 'Approved by' box; the countersignature fills it."""
    jane, bob, evaluation = people
    memo, out = tmp_path / "memo.pdf", tmp_path / "approved.pdf"
    core.export_signed_memo(evaluation, packs, memo, jane)
    reader = PdfFileReader(io.BytesIO(memo.read_bytes()))
    field = next(
        f.get_object() for f in reader.root["/AcroForm"]["/Fields"] if f.get_object()["/T"] == "ClausewiseApproval"
    )
    assert "/V" not in field, "empty until countersigned"
    core.countersign_memo(memo, out, bob)
    sigs = PdfFileReader(io.BytesIO(out.read_bytes())).embedded_signatures
    approval = next(s for s in sigs if s.field_name == "ClausewiseApproval")
    assert [float(x) for x in approval.sig_field["/Rect"]] == [float(x) for x in field["/Rect"]]
    # A second countersignature gets a field of its own.
    third = tmp_path / "third.pdf"
    core.countersign_memo(out, third, jane, role="Reviewer")
    report = core.verify_memo(third)
    assert report.exit_status == 0
    assert [(s.signer, s.role) for s in report.signatures] == [
        ("Jane Doe", "Preparer"),
        ("Bob Roe", "Approver"),
        ("Jane Doe", "Reviewer"),
    ]


@needs_poppler
def test_pdfsig_and_pyhanko_accept_every_signature_of_a_countersigned_memo(tmp_path, packs, people):
    """Second opinions: pdfsig finds two valid signatures; pyHanko finds both intact."""
    jane, bob, evaluation = people
    memo, out = tmp_path / "memo.pdf", tmp_path / "approved.pdf"
    core.export_signed_memo(evaluation, packs, memo, jane)
    core.countersign_memo(memo, out, bob)
    text = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False).stdout
    assert text.count("Signature Validation: Signature is Valid.") == 2
    for sig in PdfFileReader(io.BytesIO(out.read_bytes())).embedded_signatures:
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=[], allow_fetching=False))
        assert status.intact and status.valid


def test_countersigned_b_lta_memo_verifies_with_both_signers_and_timestamps(tmp_path, packs, people):
    """B-LTA memo, countersigned with --lta: exit 0, both signers named, document timestamps reported."""
    jane, _, evaluation = people
    memo, out = tmp_path / "memo.pdf", tmp_path / "approved.pdf"
    with LoopbackTSA() as tsa:
        ca = tmp_path / "tsa-ca.pem"
        ca.write_bytes(certs.to_pem(tsa.ca_certificate))
        core.trust_certificate_file(ca)
        core.export_signed_memo(evaluation, packs, memo, jane, timestamp_url=tsa.url, lta=True)
        r = cli("countersign", str(memo), "-o", str(out), "--identity", "bob", "--tsa", tsa.url, "--lta")
        assert r.returncode == 0, r.stderr
    v = cli("verify", str(out))
    assert v.returncode == 0, v.stdout
    assert "every signer is trusted: Jane Doe (Preparer); Bob Roe (Approver)" in v.stdout
    assert "Document timestamp by Loopback Test TSA" in v.stdout
    report = core.verify_memo(out)
    kinds = [s.kind for s in report.signatures]
    assert kinds == ["signature", "document timestamp", "signature", "document timestamp"]
    assert all(s.timestamp and s.timestamp.authority == "Loopback Test TSA" for s in report.signatures)
    assert "/DSS" in PdfFileReader(io.BytesIO(out.read_bytes())).root


def test_lta_without_a_timestamp_server_is_refused(tmp_path, people):
    """--lta needs --tsa: one line, exit 2, nothing written."""
    out = tmp_path / "m.pdf"
    r = cli("memo", str(BODY_CAM), "-o", str(out), "--identity", "bob", "--lta")
    assert r.returncode == 2 and "--lta needs a timestamp server" in r.stderr
    assert not out.exists()


def test_a_changed_memo_is_not_countersigned(tmp_path, packs, people):
    """Countersigning refuses a memo that verify finds changed: exit 2, the reason, nothing written."""
    jane, _, evaluation = people
    memo, out = tmp_path / "memo.pdf", tmp_path / "approved.pdf"
    core.export_signed_memo(evaluation, packs, memo, jane)
    memo.write_bytes(memo.read_bytes() + b"\n% appended\n")
    r = cli("countersign", str(memo), "-o", str(out), "--identity", "bob")
    assert r.returncode == 2 and "will not countersign a memo that is not intact" in r.stderr
    assert not out.exists()


def test_verify_exit_statuses_are_documented_in_help():
    """`clausewise verify --help` lists exit statuses 0, 1, 2 and 3."""
    text = cli("verify", "--help").stdout
    for code in ("0   verified", "1   changed or broken", "2   bad input", "3   intact but not trusted"):
        assert code in text
