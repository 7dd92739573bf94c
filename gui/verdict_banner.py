"""The notice above the findings when an edit changes a verdict, with a one-click Undo."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from gui.markup import escape
from gui.verdict_change import VerdictChange

STYLE = "QFrame#verdictBanner { background: #FFF4CE; border: 1px solid #C8A600; border-radius: 3px; }"


class VerdictBanner(QFrame):
    """Hidden until a verdict changes; says from what to what and why. Reports Undo clicks."""

    undo_requested = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("verdictBanner")
        self.setStyleSheet(STYLE)
        self.setAccessibleName("Verdict changed")
        self.change: VerdictChange | None = None
        self.plain_text = ""
        """What the notice says, without markup."""
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.undo = QPushButton("&Undo this change")
        self.undo.setAccessibleName("Undo the edits that changed the verdict")
        self.undo.clicked.connect(lambda: self.undo_requested.emit(self.change))
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo)
        layout.addWidget(self.dismiss)
        self.hide()

    def show_change(self, change: VerdictChange | None) -> None:
        """Show ``change`` (None: hide)."""
        self.change = change
        if change is None:
            self.hide()
            return
        packs = [f"{t}: {a.label} → {b.label}" for t, a, b in change.pack_changes()]
        self.text.setText("<br>".join([_emphasis(change.headline()), *map(escape, packs)]))
        self.plain_text = "\n".join([change.headline().replace("*", ""), *packs])
        self.text.setAccessibleDescription(self.plain_text)
        self.show()


def _emphasis(text: str) -> str:
    """Escape ``text`` and show its ``*quoted*`` parts in italics."""
    return re.sub(r"\*([^*]+)\*", r"<i>\1</i>", escape(text))
