"""The end of the memo: policy versions and digests, then the notice and the signature boxes of
the preparer and the approver, kept together with the recommendation before them."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

from core.memo import fonts
from core.memo.context import MemoContext
from core.memo.flowables import WIDTH, SignatureBox, SignaturePlacement
from core.memo.styles import BODY, CELL, DIGEST, H1, LABEL, SMALL, para
from core.memo.tables import grid

BOX_WIDTH, BOX_HEIGHT = 236, 92


def versions(c: MemoContext) -> list:
    """Which version of each pack was used, with the pack's full SHA-256 digest."""
    t = c.t
    rows = [[para(t(h), LABEL) for h in ("memo.versions.pack", "memo.versions.used", "memo.versions.digest")]]
    for p in c.ev.packs:
        version = p.version.id if p.version else t("memo.summary.none_in_force")
        algorithm, _, digest = p.pack.digest.partition(":")
        assert algorithm == "sha256", algorithm
        rows.append([para(p.pack.id, CELL), para(version, CELL), para(digest, DIGEST)])
    return [
        CondPageBreak(120),
        para(t("memo.versions"), H1),
        grid(rows, [WIDTH * 0.27, WIDTH * 0.13, WIDTH * 0.60]),
        Spacer(1, 4),
        para(t("memo.versions.attached"), SMALL, width=WIDTH),
    ]


def signature(c: MemoContext, closing: list, preparer: SignaturePlacement, approver: SignaturePlacement) -> list:
    """``closing`` (the conclusion and recommendation), the notice and the two signature boxes, kept
    on one page: the recommendation is read with the signatures, and no page holds only them."""
    t = c.t
    text = t("memo.signed_by", author=c.author.line()) if c.author else t("memo.draft")
    boxes = Table(
        [
            [para(t("memo.prepared_by"), LABEL), para(t("memo.approved_by"), LABEL)],
            [
                SignatureBox(BOX_WIDTH, BOX_HEIGHT, preparer, "" if c.author else t("memo.not_signed")),
                SignatureBox(BOX_WIDTH, BOX_HEIGHT, approver, t("memo.approver_hint")),
            ],
        ],
        colWidths=[WIDTH / 2, WIDTH / 2],
    )
    boxes.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return [
        KeepTogether(
            [
                *closing,
                Spacer(1, 6),
                para(t("memo.notice"), SMALL, width=WIDTH),
                para(t("memo.signature"), H1),
                para(text, BODY, width=WIDTH),
                boxes,
            ]
        ),
    ]
