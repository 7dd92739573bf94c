"""The memo is PDF/A-3b and stays so once attached and signed (rules: tests/memo/pdfa_rules.py)."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf
import pytest
from reportlab.pdfgen import canvas

from core.memo.pdfa import PdfaMetadata, to_pdfa
from tests.memo.conftest import needs_poppler, poppler
from tests.memo.pdfa_rules import pdfa_3b_problems


@needs_poppler
def test_signed_body_cam_memo_is_pdfa_3b_and_its_signature_valid(signed_memo):
    """Acceptance: the signed memo breaks none of the checked ISO 19005-3 rules, and pdfsig says valid."""
    assert pdfa_3b_problems(signed_memo) == []
    report = poppler("pdfsig", str(signed_memo))
    assert "Signature is Valid." in report and "Total document signed" in report


def test_claims_pdfa_3b_with_title_author_dates_intent_language_and_bookmarks(signed_memo):
    """XMP pdfaid 3/B with title, author and dates; one sRGB output intent; /Lang; a bookmark per section."""
    with pikepdf.open(signed_memo) as pdf:
        xmp = pdf.open_metadata()
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("3", "B")
        assert xmp["dc:title"].startswith("Compliance memo: Body-worn camera")
        assert xmp["dc:creator"] == ["Jane Doe, Example Police Procurement, jane@example.org"]
        assert xmp["xmp:CreateDate"] and xmp["xmp:ModifyDate"]
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        assert intent.DestOutputProfile.read_bytes()[16:20] == b"RGB "
        assert str(pdf.Root.Lang) == "en"
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
    for section in ("Memorandum", "Question presented", "Brief answer", "Limits of this review", "Discussion"):
        assert section in titles, section
    assert titles[-2:] == ["Conclusion and recommendation", "Signature and approval"]


def test_every_attachment_is_an_associated_file_with_its_relationship(signed_memo):
    """The scenario is the /Source, the evaluation /Data, the rest /Supplement; all listed in /AF."""
    with pikepdf.open(signed_memo) as pdf:
        specs = {str(s.UF): s for s in pikepdf.NameTree(pdf.Root.Names.EmbeddedFiles).values()}
        associated = {s.objgen for s in pdf.Root.AF}
        relationships = {name: str(s.AFRelationship) for name, s in specs.items()}
        assert all(s.objgen in associated for s in specs.values())
    assert relationships.pop("scenario.scenario.yaml") == "/Source"
    assert relationships.pop("evaluation.json") == "/Data"
    assert relationships and set(relationships.values()) == {"/Supplement"}


def _plain_pdf(**draw) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    if draw.get("alpha"):
        c.setFillAlpha(0.5)
    if draw.get("cmyk"):
        c.setFillColorCMYK(0, 1, 1, 0)
    c.rect(10, 10, 100, 100, fill=1)
    c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "rule"),
    [("alpha", "6.2.10: constant alpha"), ("cmyk", "6.2.4: DeviceCMYK"), ("plain", "6.6.2.1: no XMP")],
)
def test_the_rule_checker_catches_what_it_checks(kind, rule, tmp_path):
    """The checker is not a rubber stamp: transparency, CMYK and a missing PDF/A claim are each reported."""
    pdf = _plain_pdf(**{kind: True})
    if kind != "plain":
        pdf = to_pdfa(pdf, PdfaMetadata("t", "a", "s", dt.datetime.now(dt.UTC)))
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    problems = pdfa_3b_problems(path)
    assert any(p.startswith(rule) for p in problems), problems
