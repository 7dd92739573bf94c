"""The right-hand side of the window: findings, what would change the outcome, timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import core
from gui.findings_html import findings_html
from gui.findings_outline import FindingsOutline, PinnedVerdict

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

    from gui.timeline_chart import TimelineChart


class ResultsPanel(QTabWidget):
    """Three tabs over the same evaluation. Reports question links and "Apply" clicks."""

    question_activated = Signal(str)
    apply_requested = Signal(object)
    copy_requested = Signal(object)
    lock_toggled = Signal(str, bool)
    """The user ticked (True) or unticked a fact in the lock list; the session decides."""

    def __init__(self, packs: core.PackSet) -> None:
        super().__init__()
        self.packs = packs
        self._locked: frozenset[str] = frozenset()
        """The session's locks, as last shown (:meth:`show_locks`)."""
        self.setAccessibleName("Results")
        self._page = QTextBrowser()
        # The findings are always longer than the pane: a scroll bar that appears once the page is
        # laid out would narrow it and have every line laid out again.
        self._page.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._page.setOpenLinks(False)
        self._page.setAccessibleName("Findings")
        self._page.anchorClicked.connect(self._link)
        self._unwritten: core.Evaluation | None = None
        """An evaluation shown before the panel first showed, whose page is not written yet."""
        self._has_shown = False
        self.outline = FindingsOutline(lambda: self.findings)
        self.verdict_banner = PinnedVerdict()
        findings_split = QSplitter(Qt.Orientation.Vertical)
        findings_split.addWidget(self.outline)
        findings_split.addWidget(self._page)
        findings_split.setStretchFactor(1, 3)
        findings_split.setSizes([140, 600])
        findings_split.setChildrenCollapsible(False)

        self.addTab(findings_split, "F&indings")
        # The what-if and timeline tabs are built the first time they are shown or used (start-up
        # pays only for the findings), and computed when shown, not on every evaluation.
        self._whatif_tab, self._timeline_tab = _Holder(), _Holder()
        self.addTab(self._whatif_tab, "&What would change")
        self.addTab(self._timeline_tab, "Time&line")
        self.change_sets: list[core.ChangeSet] = []
        self._shown: core.Evaluation | None = None
        self._stale: set[QWidget] = set()
        self.currentChanged.connect(lambda _: self._fill_current_tab())

    @property
    def findings(self) -> QTextBrowser:
        """The findings page (written now if it is still waiting for the panel to show)."""
        if self._unwritten is not None:
            self._write_findings(self._unwritten)
        return self._page

    @property
    def locks(self) -> QListWidget:
        """The facts the what-if search may not change (ticked)."""
        if not self._whatif_tab.built:
            self._build_whatif()
        return self._locks

    @property
    def whatif(self) -> QTextBrowser:
        """What would change the outcome."""
        if not self._whatif_tab.built:
            self._build_whatif()
        return self._whatif

    @property
    def chart(self) -> TimelineChart:
        """The timeline chart."""
        if not self._timeline_tab.built:
            self._build_timeline()
        return self._chart

    @property
    def timeline_text(self) -> QTextBrowser:
        """The timeline in words."""
        if not self._timeline_tab.built:
            self._build_timeline()
        return self._timeline_text

    def _build_whatif(self) -> None:
        self._whatif_tab.built = True
        self._locks = QListWidget()
        self._locks.setAccessibleName("Facts that may not change (locked)")
        facts = core.default_locked(self.packs.questionnaire)
        self._locks.setWordWrap(True)
        for field in self.packs.questionnaire.fields.values():
            item = QListWidgetItem(field.label)
            item.setData(Qt.ItemDataRole.UserRole, field.id)
            item.setToolTip("A fact of the context" if field.id in facts else "A design choice")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if field.id in self._locked else Qt.CheckState.Unchecked)
            self._locks.addItem(item)
        self._locks.itemChanged.connect(
            lambda item: self.lock_toggled.emit(
                item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked
            )
        )
        locks_box = QWidget()
        locks_layout = QVBoxLayout(locks_box)
        locks_layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Kept as they are (ticked answers are never changed):")
        hint.setWordWrap(True)
        locks_layout.addWidget(hint)
        locks_layout.addWidget(self._locks)
        self._whatif = QTextBrowser()
        self._whatif.setOpenLinks(False)
        self._whatif.setAccessibleName("What would change the outcome")
        self._whatif.anchorClicked.connect(self._link)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(locks_box)
        split.addWidget(self._whatif)
        split.setSizes([220, 600])
        self._whatif_tab.layout().addWidget(split)

    def _build_timeline(self) -> None:
        from gui.timeline_chart import TimelineChart  # imported with its tab, not at start-up

        self._timeline_tab.built = True
        self._chart = TimelineChart()
        self._timeline_text = QTextBrowser()
        self._timeline_text.setAccessibleName("Timeline in words")
        self._timeline_tab.layout().addWidget(self._chart)
        self._timeline_tab.layout().addWidget(self._timeline_text, 1)

    def pinned_pane(self) -> QWidget:
        """The tabs under the pinned overall verdict, which stays in view whatever is scrolled."""
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.verdict_banner)
        layout.addWidget(self, 1)
        return pane

    def scroll_to_top(self) -> None:
        """Back to the overall verdict (after New and Open: a new scenario starts at the top). The tab
        the reviewer is on stays; it is filled for the new scenario."""
        self._page.verticalScrollBar().setValue(0)
        with QSignalBlocker(self.outline):  # the page is at its top already (written or not)
            self.outline.setCurrentRow(0)

    def locked(self) -> frozenset[str]:
        """The facts the what-if search keeps (the session's, as last shown)."""
        return self._locked

    def show_locks(self, locked: frozenset[str]) -> None:
        """Tick the locked facts (nothing is reported back; a tab not yet built ticks them when it is)
        and search again when the tab shows."""
        self._locked = frozenset(locked)
        if self._whatif_tab.built:
            with QSignalBlocker(self._locks):
                for i in range(self._locks.count()):
                    item = self._locks.item(i)
                    ticked = item.data(Qt.ItemDataRole.UserRole) in self._locked
                    item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self._stale.add(self._whatif_tab)
        self._fill_current_tab()

    def show_evaluation(self, evaluation: core.Evaluation) -> None:
        """Show the findings, the options and the timeline of ``evaluation``.

        Until the panel first shows, the findings page is written when it does (or when it is asked
        for, :attr:`findings`): a tab widget gives its pages their size only as it shows, and a page
        written before would be laid out once at the size of a hidden page, then again at its own."""
        if self._has_shown:
            self._write_findings(evaluation)
        else:
            self._unwritten = evaluation
        self.outline.show_evaluation(evaluation)
        self.verdict_banner.show_evaluation(evaluation)
        self._shown = evaluation
        self._stale = {self._whatif_tab, self._timeline_tab}
        self._fill_current_tab()

    def showEvent(self, event) -> None:
        """The panel and its pages have their size: write the page of the findings shown before."""
        super().showEvent(event)
        self._has_shown = True
        if self._unwritten is not None:
            self._write_findings(self._unwritten)

    def _write_findings(self, evaluation: core.Evaluation) -> None:
        self._unwritten = None
        scroll = self._page.verticalScrollBar().value()
        self._page.setHtml(findings_html(evaluation, self.packs))
        self._page.verticalScrollBar().setValue(scroll)

    def _fill_current_tab(self) -> None:
        """Compute the what-if options or the timeline of the shown evaluation, if that tab is showing."""
        tab, evaluation = self.currentWidget(), self._shown
        if evaluation is None or tab not in self._stale:
            return
        self._stale.discard(tab)
        from gui.whatif_html import whatif_html

        if tab is self._whatif_tab:
            result = core.what_if(evaluation, self.packs, locked=self.locked())
            html, self.change_sets = whatif_html(result, self.packs.questionnaire)
            self.whatif.setHtml(html)
        else:
            line = core.timeline(evaluation.scenario, self.packs)
            self.chart.show_timeline(line)
            self.timeline_text.setPlainText("\n".join(line.lines()))

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("#"):
            self._page.scrollToAnchor(text[1:])
        elif text.startswith("field:"):
            self.question_activated.emit(text.removeprefix("field:"))
        elif text.startswith(("apply:", "copy:")):
            kind, _, number = text.partition(":")
            index = int(number) if number.isdigit() else -1
            if 0 <= index < len(self.change_sets):
                signal = self.apply_requested if kind == "apply" else self.copy_requested
                signal.emit(self.change_sets[index])


class _Holder(QWidget):
    """A tab whose content is built the first time it is needed."""

    def __init__(self) -> None:
        super().__init__()
        self.built = False
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)
