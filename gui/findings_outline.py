"""The findings outline and the pinned overall verdict.

The outline lists the overall verdict, then one entry per finding with its verdict (symbol and
words); moving through it with the arrow keys, or pressing Enter, scrolls the findings view to
that finding. The pinned verdict is a label above the results that stays in view whatever is
scrolled, and that the keyboard can reach.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QTextBrowser

import core
from gui.findings_html import COLOURS, SYMBOLS, finding_anchor
from gui.focus_ring import make_focusable_label

TOP = ""
"""Anchor of the top of the findings (the overall verdict)."""


def overall_summary(evaluation: core.Evaluation) -> str:
    """E.g. "Overall: ✖ Prohibited · 2 prohibited, 1 restricted · as of 2024-06-01"."""
    counts: dict[core.Verdict, int] = {}
    for finding in evaluation.findings:
        counts[finding.verdict] = counts.get(finding.verdict, 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: -kv[0].severity)
    summary = ", ".join(f"{n} {v.label.lower()}" for v, n in ordered) or "no findings"
    overall = evaluation.overall
    return f"Overall: {SYMBOLS[overall]} {overall.label} · {summary} · as of {evaluation.as_of.isoformat()}"


class PinnedVerdict(QLabel):
    """The overall verdict, always in view above the results (symbol and words, never colour alone)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pinnedVerdict")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName("Overall verdict")
        make_focusable_label(self)

    def show_evaluation(self, evaluation: core.Evaluation) -> None:
        """Show ``evaluation``'s overall verdict and counts."""
        self.setText(overall_summary(evaluation))
        self.setAccessibleDescription(evaluation.overall.overall_meaning)
        self.setToolTip(evaluation.overall.overall_meaning)
        colour = COLOURS[evaluation.overall]
        self.setStyleSheet(
            f"QLabel#pinnedVerdict {{ background-color: {colour}; color: #ffffff; font-weight: bold; "
            "padding: 4px 8px; }"
        )


class FindingsOutline(QListWidget):
    """One entry per finding; the current entry scrolls the findings page to that finding."""

    def __init__(self, page: Callable[[], QTextBrowser]) -> None:
        """``page``: the findings page, written (if it was waiting to be) before it is scrolled."""
        super().__init__()
        self._page = page
        self.setAccessibleName("Findings outline")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.currentItemChanged.connect(lambda item, _old: self.go_to(item))
        self.itemActivated.connect(self._activated)

    def show_evaluation(self, evaluation: core.Evaluation) -> None:
        """List the overall verdict and every finding (the current entry is kept when it still exists)."""
        current = self.currentItem().data(Qt.ItemDataRole.UserRole) if self.currentItem() else None
        self.blockSignals(True)
        self.clear()
        self._add(f"{SYMBOLS[evaluation.overall]} Overall: {evaluation.overall.label}", TOP)
        for pack in evaluation.packs:
            for finding in pack.findings:
                text = f"{SYMBOLS[finding.verdict]} {finding.verdict.label}: {finding.title} — {pack.pack.title}"
                self._add(text, finding_anchor(pack.pack.id, finding.rule))
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == current:
                self.setCurrentRow(row)
        self.blockSignals(False)

    def anchors(self) -> list[str]:
        """The anchors listed, in order (TOP first)."""
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def _add(self, text: str, anchor: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, anchor)
        item.setToolTip(text)
        self.addItem(item)

    def go_to(self, item: QListWidgetItem | None) -> None:
        """Scroll the findings so the entry's finding is at the top."""
        if item is None:
            return
        anchor = item.data(Qt.ItemDataRole.UserRole)
        if anchor == TOP:
            self._page().verticalScrollBar().setValue(0)
        else:
            self._page().scrollToAnchor(anchor)

    def _activated(self, item: QListWidgetItem) -> None:
        """Enter on an entry: scroll to it and put the keyboard in the findings to read on."""
        self.go_to(item)
        self._page().setFocus(Qt.FocusReason.OtherFocusReason)
