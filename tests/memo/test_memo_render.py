"""The memo as a reader sees it: every quote verbatim, any script, embedded fonts, no overflow."""

from __future__ import annotations

import datetime
import io
import re
import subprocess
import sys
import unicodedata

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

import core
from core.memo import fonts
from core.memo.attachments import EVALUATION, SCENARIO, read_attachments
from core.memo.flowables import MARGIN
from core.resources import example_paths
from tests.memo.conftest import BODY_CAM, needs_poppler, poppler

MULTI_SCRIPT = "Αναγνώριση προσώπων — التعرف على الوجه — 人脸识别 — 顔認識"
INJECTION = "<b>Bold?</b> & <font color='red'>red?</font> &amp;"


def flat(text: str) -> str:
    """Whitespace collapsed, so that line wrapping does not matter."""
    return " ".join(text.split())


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "memo.pdf"
    path.write_bytes(pdf)
    return poppler("pdftotext", "-enc", "UTF-8", str(path), "-")


@needs_poppler
@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.name)
def test_every_quoted_clause_of_every_finding_is_in_the_memo_verbatim(example, packs, tmp_path):
    """pdftotext of the memo contains each cited clause, character for character."""
    ev = core.evaluate(core.load_scenario(example, packs.questionnaire), packs)
    text = flat(pdf_text(core.render_unsigned_memo(ev, packs), tmp_path))
    quoted = {c.id: c.text for f in ev.findings for c in f.clauses}
    assert quoted or ev.overall is core.Verdict.NO_PROHIBITION_FOUND
    for clause_id, clause in quoted.items():
        assert flat(clause) in text, f"clause {clause_id} is not quoted verbatim"
    for f in ev.findings:
        assert flat(f.explanation) in text


@needs_poppler
def test_titles_in_greek_arabic_and_chinese_and_literal_markup(packs, tmp_path):
    """Every script a user may type is drawn, and typed markup appears as typed."""
    sc = core.load_scenario(BODY_CAM, packs.questionnaire).replace(title=f"{MULTI_SCRIPT} {INJECTION}")
    ev = core.evaluate(sc, packs)
    text = pdf_text(core.render_unsigned_memo(ev, packs), tmp_path)
    normalised = unicodedata.normalize("NFKC", text)
    assert "Αναγνώριση προσώπων" in text
    assert "人脸识别" in text and "顔認識" in text
    for word in ("التعرف", "على", "الوجه"):  # Arabic is drawn shaped; extraction gives presentation forms
        assert word in normalised, word
    assert flat(INJECTION) in flat(text)


def test_every_character_of_a_multi_script_title_has_a_glyph():
    """Font fallback: each run is set in a font that has all its characters (no blank boxes)."""
    fonts.register_base_fonts()
    for base in (fonts.REGULAR, fonts.BOLD):
        for face, chunk in fonts.runs(fonts.visual(MULTI_SCRIPT + " ’“”…→§"), base):
            missing = [c for c in chunk if not c.isspace() and ord(c) not in fonts.font(face).face.charToGlyph]
            assert not missing, f"{face} lacks {missing}"


@needs_poppler
def test_only_embedded_fonts(signed_memo, tmp_path, packs):
    """pdffonts lists only embedded (subset) fonts, also with CJK and Arabic text."""
    sc = core.load_scenario(BODY_CAM, packs.questionnaire).replace(title=MULTI_SCRIPT)
    multi = tmp_path / "multi.pdf"
    multi.write_bytes(core.render_unsigned_memo(core.evaluate(sc, packs), packs))
    for path in (signed_memo, multi):
        rows = poppler("pdffonts", str(path)).splitlines()[2:]
        assert rows, "the memo uses fonts"
        for row in rows:
            assert re.search(r"\s+yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", row), f"not embedded: {row}"
    assert "DroidSansFallback" in poppler("pdffonts", str(multi))


@needs_poppler
def test_body_cam_memo_is_at_most_six_pages(signed_memo):
    """The memo of the body-cam example, checked against nine policies, fits on six pages at 10.5 pt body text."""
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(signed_memo))).group(1))
    assert pages <= 6


@needs_poppler
def test_page_header_footer_and_sections(signed_memo):
    """Memo id, page x of y, and every section DESIGN §5 lists."""
    text = poppler("pdftotext", "-enc", "UTF-8", str(signed_memo), "-")
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(signed_memo))).group(1))
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in text
    for heading in (
        "Memorandum",
        "Overall verdict: PROHIBITED",
        "Question presented",
        "Brief answer",
        "Limits of this review",
        "Summary by policy",
        "Facts",
        "Discussion",
        "Rules checked and not triggered",
        "Policy versions and pack digests",
        "Conclusion and recommendation",
        "Not legal advice",
        "Signature and approval",
        "Prepared by",
        "Approved by",
    ):
        assert heading in text, heading
    assert "Jane Doe, Example Police Procurement, jane@example.org" in text
    assert "Face identification (1:N)" in text, "facts are shown with labels"
    assert "face_identification" not in text, "never with ids"
    assert "status: secondary" in flat(text) and "PRESS [" in flat(text), "press quotes carry a visible badge"
    for pack in core.load_packs():
        assert pack.digest.partition(":")[2] in text, "the whole digest, on one line"


@needs_poppler
def test_summary_names_each_policys_findings_by_verdict(body_cam_evaluation, packs, tmp_path):
    """The summary table says why, in words: each pack's finding titles under their verdict."""
    text = flat(pdf_text(core.render_unsigned_memo(body_cam_evaluation, packs), tmp_path))
    summary = text[text.index("Summary by policy") : text.index("Facts")]
    packs_with_findings = [p for p in body_cam_evaluation.packs if p.findings]
    assert packs_with_findings
    for p in packs_with_findings:
        for f in p.findings:
            assert flat(f.title) in summary, f"{p.pack.id}: {f.title!r} is not named in the summary"
        worst = max(p.findings, key=lambda f: f.verdict.severity)
        assert f"{worst.verdict.label}: " in summary


@needs_poppler
@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.name)
def test_a_finding_heading_is_on_the_same_page_as_its_first_quote(example, packs, tmp_path):
    """A heading never ends a page with its quotation on the next one."""
    ev = core.evaluate(core.load_scenario(example, packs.questionnaire), packs)
    path = tmp_path / "memo.pdf"
    path.write_bytes(core.render_unsigned_memo(ev, packs))
    pages = [flat(page) for page in poppler("pdftotext", "-enc", "UTF-8", str(path), "-").split("\f")]
    for f in ev.findings:
        heading = flat(f"{f.title} [{f.rule}]")
        first_words = flat(f.clauses[0].text)[:60]
        on = [i for i, page in enumerate(pages) if heading in page]
        assert on, heading
        assert first_words in pages[on[0]], f"{f.title!r}: the quote does not start on the heading's page"


@needs_poppler
def test_undetermined_findings_name_their_questions_in_words(packs, tmp_path):
    """Open questions by label, never by field id; the verdict column fits "UNDETERMINED" unbroken."""
    scenario = core.Scenario(
        answers={"service": ("azure_openai", "azure_ai_face"), "capabilities": ("face_identification",)}
    )
    ev = core.evaluate(scenario, packs, datetime.date(2025, 6, 1))
    open_findings = [f for f in ev.findings if f.questions]
    assert open_findings
    text = flat(pdf_text(core.render_unsigned_memo(ev, packs), tmp_path))
    for f in open_findings:
        labels = "; ".join(packs.questionnaire.fields[q].label for q in f.questions)
        assert f"Open questions: {labels}." in text
    for field_id in (q for q in ev.questions if "." in q or "_" in q):  # ids that cannot be plain words
        assert field_id not in text
    summary = text[text.index("Summary by policy") : text.index("Facts")]
    assert summary.count("UNDETERMINED") == sum(p.verdict is core.Verdict.UNDETERMINED for p in ev.packs) >= 1


def test_scenario_and_evaluation_are_attached(signed_memo, packs):
    """The PDF carries the scenario file and the evaluation JSON (and the packs used)."""
    files = read_attachments(PdfFileReader(io.BytesIO(signed_memo.read_bytes())))
    assert core.parse_scenario(files[SCENARIO].decode(), "x", packs.questionnaire) == core.load_scenario(
        BODY_CAM, packs.questionnaire
    )
    import json

    evaluation = json.loads(files[EVALUATION])
    assert evaluation["overall"] == "prohibited" and evaluation["memo"]["id"].startswith("CW-")
    assert {f"pack-{p.id}.pack.yaml" for p in packs} <= set(files)


@needs_poppler
def test_long_text_wraps_inside_the_margins(packs, tmp_path):
    """Very long notes and an unbroken token wrap; no word runs past the right margin."""
    notes = ("A very long note about the deployment. " * 120) + "x" * 400
    sc = core.load_scenario(BODY_CAM, packs.questionnaire).replace(notes=notes, title="T" * 300)
    path = tmp_path / "long.pdf"
    path.write_bytes(core.render_unsigned_memo(core.evaluate(sc, packs), packs))
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', html)]
    assert right_edges and max(right_edges) <= 595.3 - MARGIN + 1


def test_start_up_and_evaluation_do_not_import_reportlab_or_pyhanko():
    """Loading packs and evaluating (what the app does at start) never imports the memo libraries."""
    code = (
        "import sys, core; p = core.load_packs(); "
        "core.evaluate(core.load_scenario(core.example_paths()[0], p.questionnaire), p); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('reportlab', 'pyhanko', 'pyhanko_certvalidator')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
