"""A verification report exposes its headline and details as fields, not as positions in lines()."""

from __future__ import annotations

from core import VerificationReport, verify_memo


def test_headline_and_details_make_up_the_lines(tmp_path):
    """lines() is the file, the headline and the details, in that order; a PDF without signature is not verified."""
    pdf = tmp_path / "plain.pdf"
    pdf.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    report = verify_memo(pdf)
    assert isinstance(report, VerificationReport) and not report.ok
    assert report.headline().startswith("NOT VERIFIED")
    assert report.lines() == [f"Memo: {pdf}", f"Result: {report.headline()}", *report.details()]
    assert report.exit_status == 1
