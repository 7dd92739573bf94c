"""The memo reads as a legal memorandum: what page 1 says, how it ends, evidence levels, plain
words for unanswered facts, the running header, type sizes, and the message catalogue."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

import core
from core.errors import InputError
from core.memo import styles
from core.memo.context import MemoHeader
from core.memo.flowables import shorten, wrap_header
from core.memo.render import render
from core.messages import catalogue, messages_dir
from core.resources import example_paths, examples_dir
from tests.memo.conftest import BODY_CAM, needs_poppler, poppler

EU_RETAILER = examples_dir() / "eu-retailer-live-face-matching.scenario.yaml"
ILLINOIS = examples_dir() / "illinois-supermarket-live-face-matching.scenario.yaml"
GERMANY = examples_dir() / "post-event-identification-germany.scenario.yaml"
CREATED = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


def flat(text: str) -> str:
    """Whitespace collapsed, so that line wrapping does not matter."""
    return " ".join(text.split())


def pages_of(pdf: bytes, tmp_path, name: str = "memo.pdf") -> list[str]:
    """The text of each page (pdftotext, reading order), whitespace collapsed."""
    path = tmp_path / name
    path.write_bytes(pdf)
    return [flat(p) for p in poppler("pdftotext", "-enc", "UTF-8", str(path), "-").split("\f")[:-1]]


def memo(example, packs, **kw) -> bytes:
    ev = core.evaluate(core.load_scenario(example, packs.questionnaire), packs)
    return render(ev, packs, memo_id="CW-TEST", created=kw.pop("created", CREATED), author=None, **kw).pdf


@needs_poppler
def test_page_one_of_the_body_cam_memo_has_question_brief_answer_with_evidence_and_limits(signed_memo):
    """Acceptance: page 1 carries the question presented, the brief answer with its evidence level, the limits."""
    first = flat(poppler("pdftotext", "-enc", "UTF-8", "-l", "1", str(signed_memo), "-"))
    assert "Question presented Whether a law enforcement agency" in first
    assert "Azure OpenAI Service for face identification (1:N)" in first and "body-worn camera" in first
    start = first.index("Brief answer")
    brief = first[start : first.index("Limits of this review", start)]
    assert "“Real-time facial recognition on mobile cameras by law enforcement”" in brief, "names the deciding rules"
    assert "law-enforcement-mobile-real-time" not in brief, "by their titles, not the packs' ids"
    assert "rests on wording reported by the press, not yet checked against Microsoft's text" in brief
    assert "Only these policies were evaluated" in first[first.index("Limits of this review", start) :]


@needs_poppler
@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.name)
def test_page_one_of_every_example_memo_has_question_brief_answer_and_limits(example, packs, tmp_path):
    """Every bundled example: page 1 has the question, the brief answer (with its evidence level when the
    verdict rests on wording) and the limits of the review, in that order."""
    ev = core.evaluate(core.load_scenario(example, packs.questionnaire), packs)
    first = pages_of(memo(example, packs), tmp_path)[0]
    positions = [first.find("Question presented")]
    for heading in ("Brief answer", "Limits of this review"):  # each after the one before
        positions.append(first.find(heading, positions[-1]))
    assert -1 not in positions, positions
    brief = first[positions[1] : positions[2]]
    if ev.overall in (core.Verdict.PROHIBITED, core.Verdict.UNCLEAR, core.Verdict.RESTRICTED):
        assert "This answer rests on" in brief or "were checked" in brief, brief
    assert "Only these policies were evaluated" in first[positions[2] :]


@needs_poppler
def test_the_verdict_box_is_extracted_in_reading_order(signed_memo):
    """pdftotext reads the verdict, its evidence, its meaning and the caveat in that order, before the question."""
    text = flat(poppler("pdftotext", "-enc", "UTF-8", "-l", "1", str(signed_memo), "-"))
    order = [
        "Overall verdict: PROHIBITED — on wording reported by the press, not yet checked against Microsoft's text",
        "A clause in force expressly prohibits this scenario.",
        "Evidence: All 3 findings behind this verdict",
        "Question presented",
    ]
    positions = [text.find(x) for x in order]
    assert -1 not in positions and positions == sorted(positions), positions


@needs_poppler
def test_the_memo_ends_in_conclusion_and_recommendation_then_signatures(signed_memo):
    """The last section is the recommendation; only the notice and the signature boxes follow, on its page."""
    pages = [flat(p) for p in poppler("pdftotext", "-enc", "UTF-8", str(signed_memo), "-").split("\f")[:-1]]
    text = " ".join(pages)
    tail = text[text.index("Conclusion and recommendation") :]
    assert "1. Do not proceed with the deployment as described" in tail
    assert "obtain Microsoft's current text of the clauses quoted" in tail
    after = tail[tail.index("Not legal advice.") :]
    for later_heading in ("Policy versions", "Rules checked", "Discussion", "Facts"):
        assert later_heading not in tail, later_heading
    assert "Signature and approval" in after and "Approved by" in after
    last = pages[-1]
    assert "Prepared by" in last and len(last) > 400, "the signature page holds more than the signature"


@needs_poppler
@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.name)
def test_no_template_placeholders_or_ui_pointers_in_any_example_memo(example, packs, tmp_path):
    """Unanswered facts read "not stated"; no "[x: not answered]", "instead of not answered",
    "(headline not recorded)", window tabs or command-line flags."""
    text = " ".join(pages_of(memo(example, packs), tmp_path))
    for leak in (
        "not answered]",
        "instead of not answered",
        "headline not recorded",
        "--what-if",
        " tab",
        "clausewise evaluate",
    ):
        assert leak not in text, leak


@needs_poppler
def test_an_unanswered_fact_reads_not_stated(packs, tmp_path):
    """A scenario without camera platforms: the explanation and facts say "not stated", never a template."""
    sc = core.load_scenario(BODY_CAM, packs.questionnaire).with_answer("camera.platforms", None)
    ev = core.evaluate(sc, packs)
    text = " ".join(pages_of(render(ev, packs, memo_id="X", created=CREATED, author=None).pdf, tmp_path))
    assert (
        "Camera platforms not stated" in text
        and "(cameras: not stated)" in text
        and "camera platforms not stated" in text
    )
    assert "not answered" not in text.lower()


@needs_poppler
def test_each_quote_carries_a_badge_for_its_verification_status(packs, tmp_path):
    """EU retailer: cross-checked Article 5 and primary Limited Access terms get distinct visible badges."""
    text = " ".join(pages_of(memo(EU_RETAILER, packs), tmp_path))
    assert "CROSS-CHECKED [art-5-1" in text and "PRIMARY [limited-access-eligibility]" in text
    assert (
        "PROHIBITED — on wording matched across independent copies, not yet checked against the European Union's text"
        in text
    )
    assert "Evidence: All 2 findings behind this verdict quote policy wording matched across independent copies" in text


@needs_poppler
def test_a_scope_limit_on_a_no_prohibition_verdict_is_on_page_one(packs, tmp_path):
    """Germany: the EU AI Act finds no prohibition, and page 1 says which points of Article 5(1) are evaluated."""
    first = pages_of(memo(GERMANY, packs), tmp_path)[0]
    limits = first[first.index("Limits of this review") :]
    assert "This pack quotes Article 5(1), points (a) to (h), and evaluates points (d) to (h)" in limits


@needs_poppler
def test_the_age_of_the_evaluation_date_is_flagged_only_when_old(packs, tmp_path):
    """A memo dated 2½ years after its evaluation date says so, and recommends re-evaluating; a recent one does not."""
    old = " ".join(pages_of(memo(BODY_CAM, packs), tmp_path, "old.pdf"))
    assert "2024-06-01 — 2 years and 6 months before the date of this memo" in old
    assert "Re-evaluate as of today" in old
    recent = " ".join(pages_of(memo(BODY_CAM, packs, created=dt.datetime(2024, 6, 20, tzinfo=dt.UTC)), tmp_path))
    assert "before the date of this memo" not in recent and "Re-evaluate" not in recent


@needs_poppler
def test_header_fields_from_the_export_call(packs, tmp_path):
    """To, the preparer's role and the procurement reference appear in the header block."""
    header = MemoHeader(to="Head of Procurement", role="Procurement counsel", reference="RFP-2024-017 (Vendor X)")
    first = pages_of(memo(BODY_CAM, packs, header=header), tmp_path)[0]
    assert "To Head of Procurement" in first and "Reference RFP-2024-017 (Vendor X)" in first
    assert "Re Body-worn camera face matching on patrol (UK police force)" in first


def test_running_header_shortens_only_at_a_word_boundary():
    """A long title is cut after a whole word and ends in an ellipsis; a short one is kept whole."""
    title = "Live face matching of shoppers in a French supermarket, alerts shared with police"
    assert shorten(title, lambda s: len(s) <= 200) == title
    cut = shorten(title, lambda s: len(s) <= 40)
    assert cut.endswith("…") and len(cut) <= 40
    assert (title.startswith(cut[:-1]) and title[len(cut) - 1] == " ") or cut[-2] in ",", cut


def test_a_long_header_title_wraps_onto_two_lines_whole():
    """A title too long for one line is carried whole on two, broken between words; only a title
    needing a third line is shortened, and then at a word boundary."""
    title = "Live face matching of shoppers at an Illinois supermarket's entrances (Amazon Rekognition)"
    assert wrap_header(title, lambda s: len(s) <= 200) == [title]
    lines = wrap_header(title, lambda s: len(s) <= 60)
    assert len(lines) == 2 and " ".join(lines) == title and all(len(x) <= 60 for x in lines)
    short = wrap_header(title, lambda s: len(s) <= 30)
    assert len(short) == 2 and short[1].endswith("…") and title.startswith(" ".join(short)[:-1])


@needs_poppler
def test_a_long_title_is_whole_in_the_running_header_of_every_page(packs, tmp_path):
    """The Illinois example's long title (and a realistic memo id) is whole in every page's header."""
    ev = core.evaluate(core.load_scenario(ILLINOIS, packs.questionnaire), packs)
    path = tmp_path / "memo.pdf"
    path.write_bytes(render(ev, packs, memo_id="CW-20261201-FC683C62", created=CREATED, author=None).pdf)
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(path))).group(1))
    assert pages > 1
    for page in range(1, pages + 1):
        header = flat(
            poppler("pdftotext", "-f", str(page), "-l", str(page), "-y", "0", "-H", "45", "-W", "600", str(path), "-")
        )
        assert ev.scenario.title in header and "…" not in header, (page, header)


@needs_poppler
def test_full_title_in_the_running_header_of_every_page(signed_memo):
    """The body-cam title fits: every page's header carries it whole, without an ellipsis."""
    pages = poppler("pdftotext", "-enc", "UTF-8", "-layout", str(signed_memo), "-").split("\f")[:-1]
    for page in pages:
        assert "Body-worn camera face matching on patrol (UK police force)" in page.splitlines()[0]


def _luminance(colour) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(x) for x in colour.rgb())
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_type_sizes_and_contrast():
    """Body 10.5 pt or more, citations 8.5 pt or more, grey text at least 7:1 against white (WCAG AAA)."""
    assert styles.BODY.fontSize >= 10.5 and styles.QUOTE.fontSize >= 10
    assert styles.SMALL.fontSize >= 8.5 and styles.CELL.fontSize >= 8.5
    for colour in (styles.MUTED, styles.INK):
        assert (1.05) / (_luminance(colour) + 0.05) >= 7


def _pseudo(text: str) -> str:
    """Pseudo-translation: every word wrapped in ⟦ ⟧, placeholders kept."""
    return re.sub(r"(\{[a-z_]+\})|([^\s{}]+)", lambda m: m.group(1) or f"⟦{m.group(2)}⟧", text)


def _pseudo_memo_text(packs, tmp_path) -> str:
    """The body-cam memo rendered with a pseudo-locale made from the English catalogue."""
    english = yaml.safe_load((messages_dir() / "en.yaml").read_text(encoding="utf-8"))
    pseudo = {k: _pseudo(v) for k, v in english.items()}
    path = tmp_path / "xx.yaml"
    path.write_text(yaml.safe_dump(pseudo, allow_unicode=True), encoding="utf-8")
    return " ".join(pages_of(memo(BODY_CAM, packs, messages=catalogue("xx", path=path)), tmp_path))


@needs_poppler
def test_a_pseudo_locale_translates_the_memo(packs, tmp_path):
    """A translation file alone changes the memo's words: every heading comes out pseudo-translated."""
    text = _pseudo_memo_text(packs, tmp_path)
    for heading in ("Question presented", "Brief answer", "Limits of this review", "Conclusion and recommendation"):
        assert flat(_pseudo(heading)) in text, heading
        assert heading not in text, heading
    assert "⟦PROHIBITED⟧" in text.upper()


# English wording each of these modules writes into the memo, and its pseudo-translation.
CATALOGUED_WORDING = {
    "citations": ["wording from", "retrieved", "section “", "status: secondary", "not checked against the publisher"],
    "timeline": ["How the verdict moved over time", "no stored version in force", "still prohibited", "now cited"],
    "later versions": ["Not yet in force on the evaluation date", "adds “"],
}


@needs_poppler
def test_a_pseudo_locale_leaves_no_english_in_citations_timeline_or_later_versions(packs, tmp_path):
    """Citations, the timeline and the later-version notice come out pseudo-translated, with no English wording left."""
    text = _pseudo_memo_text(packs, tmp_path)
    untranslated = flat(re.sub(r"⟦[^⟧]*⟧", " ", text))  # what no message of the catalogue wrote
    english = " ".join(pages_of(memo(BODY_CAM, packs), tmp_path, "english.pdf"))
    for module, phrases in CATALOGUED_WORDING.items():
        for phrase in phrases:
            assert phrase in english, f"{module}: the English memo should say {phrase!r}"
            assert phrase not in untranslated, f"{module}: {phrase!r} is left untranslated"
    for translated in ("⟦wording⟧ ⟦from⟧", "⟦retrieved⟧", "⟦status:⟧ ⟦secondary⟧", "⟦now⟧ ⟦cited:⟧"):
        assert translated in text, translated
    assert "⟦Not⟧ ⟦yet⟧ ⟦in⟧ ⟦force⟧" in text and "⟦still⟧ ⟦prohibited⟧" in text


def test_a_translation_with_a_bad_placeholder_is_named(tmp_path):
    """A misspelt placeholder fails with the file and message id, not silently."""
    path = tmp_path / "de.yaml"
    path.write_text('memo.limits.packs: "Nur {datum}"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"de.yaml: message 'memo.limits.packs' has a bad placeholder"):
        catalogue("de", path=path)("memo.limits.packs", as_of="x", titles="y")
    assert catalogue("de", path=path)("memo.brief") == "Brief answer", "missing ids fall back to English"


def test_the_catalogue_says_what_the_verdicts_say():
    """The English catalogue's verdict words, verdict meanings and status labels are those of the code (one wording)."""
    t = catalogue()
    for verdict in core.Verdict:
        assert t(f"verdict.{verdict.value}") == verdict.label
        assert t(f"verdict_meaning.{verdict.value}") == verdict.overall_meaning
    for status in core.VerificationStatus:
        assert t(f"status.{status.value}") == status.label


def _retailer_not_sharing(packs) -> core.Evaluation:
    scenario = core.load_scenario(EU_RETAILER, packs.questionnaire)
    consenting = scenario.with_answer("deployer.for_law_enforcement", False).with_answer(
        "subjects.consent", "all_consented"
    )
    return core.evaluate(consenting, packs)


@needs_poppler
def test_the_memo_warns_what_would_make_the_verdict_more_severe(packs, tmp_path):
    """A restricted retail case's memo names the foreseeable change that would prohibit it (sharing with police)."""
    ev = _retailer_not_sharing(packs)
    assert ev.overall is core.Verdict.RESTRICTED
    pdf = render(ev, packs, memo_id="CW-TEST", created=CREATED, author=None).pdf
    text = " ".join(pages_of(pdf, tmp_path))
    risks = text[text.index("Changes that would make the verdict more severe") :]
    assert (
        "The overall verdict would become prohibited if “Operated for law enforcement” were “yes” (now “no”)" in risks
    ), risks[:600]


@needs_poppler
@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.name.split(".")[0])
def test_no_option_in_an_example_memo_changes_a_fact_of_the_context(example, packs, tmp_path):
    """Acceptance (issue 12): options in the memo vary design choices only; facts of the context stay."""
    text = " ".join(pages_of(memo(example, packs), tmp_path))
    if "What would change the outcome" not in text:
        return
    section = text[text.index("What would change the outcome") :]
    section = section.split("Changes that would make the verdict more severe")[0]
    facts = [f.label for f in packs.questionnaire.fields.values() if f.kind is core.FieldKind.FACT]
    for label in facts:
        assert f"“{label}” were" not in section, label


@needs_poppler
def test_a_memo_without_findings_says_so_under_discussion(packs, tmp_path):
    """The drafting example triggers no rule: "Discussion" says why there is nothing to discuss (no empty heading)."""
    text = " ".join(pages_of(memo(examples_dir() / "report-drafting-body-cam-audio.scenario.yaml", packs), tmp_path))
    discussion = text[text.index("Discussion") : text.index("Rules checked and not triggered")]
    assert "there is no finding to discuss" in discussion
    assert "The rules checked and not triggered are listed below." in discussion


@needs_poppler
@pytest.mark.parametrize("example", example_paths(), ids=lambda p: p.name)
def test_no_example_memo_ends_on_a_page_of_signature_boxes_alone(example, packs, tmp_path):
    """Every bundled example: the last page carries the conclusion and the notice with the signature boxes."""
    last = pages_of(memo(example, packs), tmp_path)[-1]
    for part in ("Conclusion and recommendation", "1. ", "Not legal advice.", "Prepared by", "Approved by"):
        assert part in last, part
