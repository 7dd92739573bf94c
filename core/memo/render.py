"""Render an evaluation as the compliance memo, organised as a legal memorandum, with reportlab.

Top to bottom: header block (To, From, Date, Re, reference, memo id, evaluation date); the
overall verdict with its evidence level; question presented; brief answer; limits of this review;
summary by policy; facts; discussion per policy (quotes badged by verification status); rules
checked and not triggered; open questions; what would change the outcome; the verdict over
time; policy versions and pack digests; conclusion and recommendation, kept on one page with the
notice and the preparer's and approver's signature boxes. Every page carries the title, the memo
id and "Page x of y"; every section heading is a bookmark. All words come from the message
catalogue (:mod:`core.messages`). The result is converted to PDF/A-3b (:mod:`core.memo.pdfa`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import field
from typing import ClassVar

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from core.memo import fonts
from core.memo.closing import signature, versions
from core.memo.context import Author, MemoContext, MemoHeader
from core.memo.discussion import discussion, facts, not_triggered, open_questions
from core.memo.flowables import MARGIN, SignaturePlacement, make_numbered_canvas
from core.memo.front import brief_answer, header_block, limits, question, summary, verdict_box
from core.memo.pdfa import PdfaMetadata, to_pdfa
from core.memo.sections import conclusion, options_section, timeline_section
from core.messages import Catalogue, catalogue
from core.packs import PackSet
from core.results import Evaluation
from core.value_class import value_class


@value_class
class RenderedMemo:
    """The rendered PDF and where its signature boxes are."""

    pdf: bytes
    memo_id: str
    signature: SignaturePlacement
    """The preparer's signature box."""
    approver: SignaturePlacement = field(default_factory=SignaturePlacement)
    """The empty "Approved by" box next to it (for a second signature field)."""


class _MemoDocument(SimpleDocTemplate):
    """A document that adds a bookmark (outline entry) for every section heading."""

    LEVELS: ClassVar[dict[str, int]] = {"title": 0, "h1": 0, "h2": 1}

    def afterFlowable(self, flowable) -> None:
        level = self.LEVELS.get(getattr(getattr(flowable, "style", None), "name", ""))
        if level is None or not isinstance(flowable, Paragraph):
            return
        key = f"section-{self.seq.nextf('bookmarks')}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=False)


def _story(c: MemoContext, preparer: SignaturePlacement, approver: SignaturePlacement) -> list:
    options = options_section(c)
    story = [*header_block(c), *verdict_box(c), *question(c), *brief_answer(c), *limits(c), *summary(c)]
    story += [*facts(c), *discussion(c), *not_triggered(c), *open_questions(c), *options, *timeline_section(c)]
    story += versions(c)
    story += signature(c, conclusion(c, has_options=bool(options)), preparer, approver)
    return story


def render(
    ev: Evaluation,
    packs: PackSet,
    *,
    memo_id: str,
    created: dt.datetime,
    author: Author | None,
    header: MemoHeader | None = None,
    messages: Catalogue | None = None,
) -> RenderedMemo:
    """Render the memo as PDF/A-3b (without attachments or signature)."""
    fonts.register_base_fonts()
    c = MemoContext(ev, packs, memo_id, created, author, header or MemoHeader(), messages or catalogue())
    t = c.t
    title = t("memo.pdf_title", title=ev.scenario.title or t("memo.untitled"))
    buffer = io.BytesIO()
    doc = _MemoDocument(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=46,
        bottomMargin=46,
        title=title,
        author=author.line() if author else "",
        subject=memo_id,
        creator="Clausewise",
        initialFontName=fonts.REGULAR,
    )
    preparer, approver = SignaturePlacement(), SignaturePlacement()
    canvasmaker = make_numbered_canvas(
        ev.scenario.title or t("memo.untitled"),
        t("memo.header_left", memo_id=memo_id),
        t("memo.footer_left"),
        t("memo.page", n="{n}", total="{total}"),
    )
    doc.build(_story(c, preparer, approver), canvasmaker=canvasmaker)
    meta = PdfaMetadata(
        title=title, author=author.line() if author else "", subject=memo_id, created=created, lang=t.locale
    )
    return RenderedMemo(to_pdfa(buffer.getvalue(), meta), memo_id, preparer, approver)


__all__ = ["Author", "MemoHeader", "RenderedMemo", "colors", "render"]
