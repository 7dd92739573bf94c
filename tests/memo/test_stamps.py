"""Signature stamps show everything whole and never cover one another: long names and e-mail
addresses shrink to fit their box; further countersignatures go below the memo's boxes."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pikepdf
import pytest

import core
from core.memo import fonts
from core.signing.pades import STAMP_PADDING, SignatureRequest, stamp_lines
from tests.memo.conftest import PASSPHRASE, needs_poppler, poppler

LONG_EMAIL = "robert.alexander.roe-fitzgerald@legal.metropolitan-police.example.org"


@pytest.fixture
def long_named():
    """An approver whose name, organisation and e-mail are far longer than usual."""
    return core.create_identity(
        "Robert Alexander Roe-Fitzgerald", "Legal Department of the Metropolitan Police Service", LONG_EMAIL, name="bob"
    )


def stamp_rects(path) -> dict[str, tuple[float, ...]]:
    """The rectangle of every annotation on the last page, by field name."""
    return {name: rect for name, (page, rect) in stamp_places(path).items() if page == -1}


def stamp_places(path) -> dict[str, tuple[int, tuple[float, ...]]]:
    """(page index counted from the end, rectangle) of every annotation in the memo, by field name."""
    with pikepdf.open(path) as pdf:
        count = len(pdf.pages)
        return {
            str(a.T): (i - count, tuple(float(x) for x in a.Rect))
            for i, page in enumerate(pdf.pages)
            for a in page.get("/Annots", [])
        }


def overlap(a, b) -> bool:
    """Whether two rectangles share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("compact", [False, True])
def test_every_stamp_line_fits_its_box_whole(long_named, compact):
    """Each line, e-mail and 16-byte fingerprint included, is shown whole within the box's inner width."""
    box = (297, 109, 533, 201)
    request = SignatureRequest(
        "F", -1, box, "Approver :: Clausewise compliance memo CW-X", "Countersigned by", compact=compact
    )
    lines = stamp_lines(long_named, request, dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    texts = [text for text, _, _ in lines]
    assert LONG_EMAIL in texts
    fingerprint = ":".join(long_named.fingerprint.split(":")[:16])
    assert any(text.endswith(fingerprint) for text in texts) and len(fingerprint.split(":")) == 16
    for text, face, size in lines:
        assert fonts.string_width(fonts.visual(text), face, size) <= box[2] - box[0] - STAMP_PADDING, text
    email_size = next(size for text, _, size in lines if text == LONG_EMAIL)
    assert 4 <= email_size < 7.5, "the long address was shrunk, not cut"


@needs_poppler
def test_the_long_email_shows_whole_inside_the_approver_stamp(
    tmp_path, packs, identity, long_named, body_cam_evaluation
):
    """Rendered: every word of the approver's e-mail lies inside the approver's box (pdftotext -bbox)."""
    memo, approved = tmp_path / "memo.pdf", tmp_path / "approved.pdf"
    core.export_signed_memo(body_cam_evaluation, packs, memo, identity, PASSPHRASE)
    core.countersign_memo(memo, approved, long_named)
    x1, _, x2, _ = stamp_rects(approved)["ClausewiseApproval"]
    with pikepdf.open(approved) as pdf:
        last = len(pdf.pages)
    words = poppler("pdftotext", "-bbox", "-f", str(last), "-l", str(last), str(approved), "-")
    found = re.search(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">' + re.escape(LONG_EMAIL), words
    )
    assert found, "the whole address is one word on the page"
    assert x1 <= float(found.group(1)) and float(found.group(2)) <= x2


@needs_poppler
def test_further_countersignatures_never_cover_another_stamp(
    tmp_path, packs, identity, long_named, body_cam_evaluation
):
    """Approver, then three reviewers: every stamp in a blank place (the last page first, then the
    pages before), none overlapping another on its page, above the footer; all five signatures
    valid and verified."""
    paths = [tmp_path / f"{i}.pdf" for i in range(5)]
    core.export_signed_memo(body_cam_evaluation, packs, paths[0], identity, PASSPHRASE)
    core.countersign_memo(paths[0], paths[1], long_named)
    for i in (2, 3, 4):
        core.countersign_memo(paths[i - 1], paths[i], identity, PASSPHRASE, role=f"Reviewer {i}")
    places = stamp_places(paths[4])
    visible = {name: place for name, place in places.items() if place[1][2] > place[1][0]}
    assert {f"ClausewiseCountersignature{n}" for n in (2, 3, 4)} <= set(visible), places
    names = sorted(visible)
    for i, a in enumerate(names):
        assert visible[a][1][1] >= 40, f"{a} runs into the footer"
        for b in names[i + 1 :]:
            same_page = visible[a][0] == visible[b][0]
            assert not (same_page and overlap(visible[a][1], visible[b][1])), (a, b)
    report = poppler("pdfsig", str(paths[4]))
    assert report.count("Signature Validation: Signature is Valid.") == 5, report
    verified = subprocess.run(
        [sys.executable, "-m", "core.cli", "verify", str(paths[4])], capture_output=True, text=True
    )
    assert verified.returncode == 0, verified.stdout
    assert "5. Signed by Jane Doe" in verified.stdout
