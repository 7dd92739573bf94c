"""Open Portfolio: a folder of scenarios as a sortable, filterable table of verdicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import core
from gui.findings_html import SYMBOLS
from gui.worker import run_in_background

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 2


class PortfolioModel(QAbstractTableModel):
    """Rows: scenario files; columns: file, title, overall verdict, one verdict per pack, findings."""

    def __init__(self, packs: core.PackSet, entries: list[core.PortfolioEntry] | None = None) -> None:
        super().__init__()
        self.pack_ids = [p.id for p in packs]
        self.headers = ["File", "Title", "Overall", *[p.title for p in packs], "Findings"]
        self.entries: list[core.PortfolioEntry] = []
        self.set_entries(entries or [])

    def set_entries(self, entries: list[core.PortfolioEntry]) -> None:
        """Replace the rows (files that could not be read are listed with their error)."""
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def verdict(self, row: int, column: int) -> core.Verdict | None:
        """The verdict shown in a cell (None for other columns or unreadable files)."""
        entry = self.entries[row]
        if column == 2:
            return entry.overall
        if 3 <= column < 3 + len(self.pack_ids):
            return entry.verdict_of(self.pack_ids[column - 3])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        verdict = self.verdict(index.row(), column)
        if role == VERDICT_ROLE:
            return verdict
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(entry.path)
            if column == 1:
                return entry.title if not entry.error else f"Cannot read: {entry.error}"
            if column == len(self.headers) - 1:
                return entry.findings if role == SORT_ROLE else str(entry.findings)
            if verdict is None:
                return -1 if role == SORT_ROLE else ("error" if entry.error else "")
            if role == SORT_ROLE:
                return verdict.severity
            if role == Qt.ItemDataRole.ToolTipRole:
                return verdict.meaning
            return f"{SYMBOLS[verdict]} {verdict.label}"
        return None


class VerdictFilter(QSortFilterProxyModel):
    """Filters rows by text (file and title) and by overall verdict; sorts verdicts by severity."""

    def __init__(self) -> None:
        super().__init__()
        self.verdict: core.Verdict | None = None
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_verdict(self, verdict: core.Verdict | None) -> None:
        """Show only rows with this overall verdict (None: all)."""
        self.beginFilterChange()
        self.verdict = verdict
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        model: PortfolioModel = self.sourceModel()  # type: ignore[assignment]
        if self.verdict is not None and model.entries[row].overall is not self.verdict:
            return False
        text = self.filterRegularExpression().pattern()
        if not text:
            return True
        entry = model.entries[row]
        return text.lower() in f"{entry.path} {entry.title}".lower()


class PortfolioWindow(QDialog):
    """A folder's scenarios; double-click a row to open it in the main window."""

    open_requested = Signal(object)

    def __init__(self, parent: QWidget | None, packs: core.PackSet, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Portfolio — {folder}")
        self.resize(1100, 600)
        self.folder = folder
        self.model = PortfolioModel(packs)
        self.proxy = VerdictFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName("Scenarios and their verdicts")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by file or title")
        self.search.setAccessibleName("Filter by file or title")
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.verdict = QComboBox()
        self.verdict.setAccessibleName("Show verdict")
        self.verdict.addItem("All verdicts", None)
        for v in core.Verdict:
            self.verdict.addItem(f"{SYMBOLS[v]} {v.label}", v)
        self.verdict.currentIndexChanged.connect(lambda _: self.proxy.set_verdict(self.verdict.currentData()))
        self.status = QLabel("Evaluating…")
        top = QHBoxLayout()
        top.addWidget(QLabel("&Filter:", buddy=self.search))
        top.addWidget(self.search, 1)
        top.addWidget(self.verdict)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        run_in_background(lambda: list(core.run_batch([folder], packs)), self._loaded, self._failed)

    def _loaded(self, entries: list[core.PortfolioEntry]) -> None:
        self.model.set_entries(entries)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()
        bad = sum(1 for e in entries if e.error)
        self.status.setText(
            f"{len(entries)} scenario files" + (f", {bad} could not be read" if bad else "") + ". Double-click to open."
        )

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(f"Could not evaluate the folder: {exc}")

    def _open(self, index: QModelIndex) -> None:
        row = self.proxy.mapToSource(index).row()
        entry = self.model.entries[row]
        if not entry.error:
            self.open_requested.emit(entry.path)
