"""Open Portfolio: a folder of scenarios as a sortable, filterable table of verdicts, for a meeting.

Usable without a mouse: the table has the keyboard, Enter or Space opens the selected scenario
in the main window (which comes to the front), Escape closes. The file name stays in view while
the other columns scroll sideways; rows can be filtered by the verdict of any policy (or
overall), sorted by any column, and the table as shown exported to CSV.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import core
from gui.findings_html import SYMBOLS
from gui.reflow import ShrinkingComboBox
from gui.worker import run_in_background

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 2
FILE, TITLE, AS_OF, OVERALL = range(4)
"""The first columns; one column per pack follows, then the number of findings."""


class PortfolioModel(QAbstractTableModel):
    """Rows: scenario files; columns: file name, title, as of, overall verdict, one per pack, findings."""

    def __init__(self, packs: core.PackSet, entries: list[core.PortfolioEntry] | None = None) -> None:
        super().__init__()
        self.pack_ids = [p.id for p in packs]
        self.pack_titles = [p.title for p in packs]
        self.headers = ["File", "Title", "As of", "Overall", *self.pack_titles, "Findings"]
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
        if orientation == Qt.Orientation.Horizontal and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self.headers[section]
        return None

    def verdict(self, row: int, column: int) -> core.Verdict | None:
        """The verdict shown in a cell (None for other columns or unreadable files)."""
        entry = self.entries[row]
        if column == OVERALL:
            return entry.overall
        if OVERALL < column <= OVERALL + len(self.pack_ids):
            return entry.verdict_of(self.pack_ids[column - OVERALL - 1])
        return None

    def text(self, row: int, column: int) -> str:
        """A cell in words (no symbols): what the CSV export writes."""
        entry = self.entries[row]
        if column == FILE:
            return entry.path.name
        if column == TITLE:
            return entry.title if not entry.error else f"Cannot read: {entry.error}"
        if column == AS_OF:
            return entry.as_of.isoformat() if entry.as_of else ("" if entry.error else "today")
        if column == len(self.headers) - 1:
            return "" if entry.error else str(entry.findings)
        verdict = self.verdict(row, column)
        return verdict.label if verdict is not None else ""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        entry = self.entries[row]
        verdict = self.verdict(row, column)
        if role == VERDICT_ROLE:
            return verdict
        if role == SORT_ROLE:
            if column == len(self.headers) - 1:
                return entry.findings
            if column > AS_OF:
                return verdict.severity if verdict is not None else -1
            return self.text(row, column).lower()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FILE:
                return str(entry.path)
            return verdict.meaning if verdict is not None else self.text(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if verdict is not None:
                return f"{SYMBOLS[verdict]} {verdict.label}"
            return self.text(row, column)
        return None


class VerdictFilter(QSortFilterProxyModel):
    """Filters rows by text (file and title) and by the verdict of one policy or overall."""

    def __init__(self) -> None:
        super().__init__()
        self.verdict: core.Verdict | None = None
        self.pack_id: str | None = None
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_verdict(self, verdict: core.Verdict | None, pack_id: str | None = None) -> None:
        """Show only rows whose policy ``pack_id`` (None: overall) has ``verdict`` (None: all rows)."""
        self.beginFilterChange()
        self.verdict = verdict
        self.pack_id = pack_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        model: PortfolioModel = self.sourceModel()  # type: ignore[assignment]
        entry = model.entries[row]
        if self.verdict is not None:
            shown = entry.overall if self.pack_id is None else entry.verdict_of(self.pack_id)
            if shown is not self.verdict:
                return False
        text = self.filterRegularExpression().pattern()
        return not text or text.lower() in f"{entry.path.name} {entry.title}".lower()


def table_csv(proxy: QSortFilterProxyModel) -> str:
    """The rows shown (filtered and sorted), as CSV with a header row and each file's full path."""
    model: PortfolioModel = proxy.sourceModel()  # type: ignore[assignment]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*model.headers, "Path"])
    for r in range(proxy.rowCount()):
        row = proxy.mapToSource(proxy.index(r, 0)).row()
        writer.writerow([*(model.text(row, c) for c in range(model.columnCount())), str(model.entries[row].path)])
    return out.getvalue()


class _OpenKeys(QObject):
    """Enter, Return and Space on a table open its current row; Escape closes the portfolio."""

    def __init__(self, portfolio: PortfolioWindow) -> None:
        super().__init__(portfolio)
        self.portfolio = portfolio

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (  # type: ignore[attr-defined]
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Space,
        ):
            self.portfolio.open_current()
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
            self.portfolio.close()
            return True
        return False


class PortfolioWindow(QWidget):
    """A folder's scenarios in a window of its own; Enter opens the selected one."""

    open_requested = Signal(object)

    def __init__(self, parent: QWidget | None, packs: core.PackSet, folder: Path) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(f"Portfolio — {folder.name or folder}")
        self.setAccessibleName("Portfolio")
        self.folder = folder
        self.model = PortfolioModel(packs)
        self.proxy = VerdictFilter()
        self.proxy.setSourceModel(self.model)
        self.table, self.names = self._tables()
        self.search = QLineEdit()
        self.search.setPlaceholderText("File name or title")
        self.search.setAccessibleName("Filter by file name or title")
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.policy = ShrinkingComboBox()
        self.policy.setAccessibleName("Filter by the verdict of")
        self.policy.addItem("Overall", None)
        for pack in packs:
            self.policy.addItem(pack.title, pack.id)
        self.verdict = ShrinkingComboBox()
        self.verdict.setAccessibleName("Verdict to show")
        self.verdict.addItem("Any verdict", None)
        for v in core.Verdict:
            self.verdict.addItem(f"{SYMBOLS[v]} {v.label}", v.value)
        for combo in (self.policy, self.verdict):
            combo.currentIndexChanged.connect(self._filter_verdict)
        self.sort = ShrinkingComboBox()
        self.sort.setAccessibleName("Sort by")
        for column, header in enumerate(self.model.headers):
            self.sort.addItem(header, column)
        self.sort.setCurrentIndex(OVERALL)
        self.sort.currentIndexChanged.connect(lambda _: self.sort_by(self.sort.currentData()))
        self.export = QPushButton("E&xport CSV…")
        self.export.clicked.connect(self.ask_and_export)
        self.status = QLabel("Evaluating…")
        self.status.setWordWrap(True)
        for combo in (self.policy, self.verdict, self.sort):
            combo.let_shrink()
        self.setLayout(self._layout())
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.resize(self._fitting_size())
        run_in_background(lambda: list(core.run_batch([folder], packs)), self._loaded, self._failed)

    def _tables(self) -> tuple[QTableView, QTableView]:
        """The table, and the file-name column frozen at its left (same rows, selection and scrolling)."""
        table, names = QTableView(), QTableView()
        for view in (table, names):
            view.setModel(self.proxy)
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            view.verticalHeader().hide()
            view.doubleClicked.connect(lambda _index: self.open_current())
            view.installEventFilter(_OpenKeys(self))
        table.setSortingEnabled(True)
        names.horizontalHeader().sectionClicked.connect(lambda _section: self.sort.setCurrentIndex(FILE))
        table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        names.setSelectionModel(table.selectionModel())
        names.setAccessibleName("File names")
        names.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        names.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        names.horizontalScrollBar().setEnabled(False)
        table.setAccessibleName("Scenarios and their verdicts")
        table.setColumnHidden(FILE, True)
        for column in range(1, self.model.columnCount()):
            names.setColumnHidden(column, True)
        names.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.verticalScrollBar().valueChanged.connect(names.verticalScrollBar().setValue)
        names.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        return table, names

    def _layout(self) -> QVBoxLayout:
        filters = QHBoxLayout()
        filters.addWidget(QLabel("&Filter:", buddy=self.search))
        filters.addWidget(self.search, 1)
        top = QHBoxLayout()
        top.addWidget(QLabel("&Policy:", buddy=self.policy))
        top.addWidget(self.policy, 1)
        top.addWidget(QLabel("&Verdict:", buddy=self.verdict))
        top.addWidget(self.verdict, 1)
        top.addWidget(QLabel("&Sort by:", buddy=self.sort))
        top.addWidget(self.sort, 1)
        tables = QHBoxLayout()
        tables.setSpacing(0)
        tables.addWidget(self.names)
        tables.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export)
        layout = QVBoxLayout()
        layout.addLayout(filters)
        layout.addLayout(top)
        layout.addLayout(tables, 1)
        layout.addLayout(bottom)
        return layout

    def _fitting_size(self):
        available = self.screen().availableGeometry().size()
        return available.boundedTo(self.sizeHint().expandedTo(available * 0.85))

    def _loaded(self, entries: list[core.PortfolioEntry]) -> None:
        self.model.set_entries(entries)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(TITLE, min(self.table.columnWidth(TITLE), max(self.width() // 3, 200)))
        self.names.resizeColumnToContents(FILE)
        self.names.setFixedWidth(min(self.names.columnWidth(FILE) + 4, max(self.width() // 3, 120)))
        self.names.setColumnWidth(FILE, self.names.viewport().width())  # a long name shows "…", is not cut
        self.names.setWordWrap(False)  # one line, shortened in the middle, keeping its distinctive end
        self.names.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.sort_by(OVERALL)
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        bad = sum(1 for e in entries if e.error)
        self.status.setText(
            f"{len(entries)} scenario files"
            + (f", {bad} could not be read" if bad else "")
            + ". Enter opens the selected scenario; Escape closes."
        )

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(f"Could not evaluate the folder: {exc}")

    def _filter_verdict(self, _index: int = 0) -> None:
        value = self.verdict.currentData()  # Qt hands enum members back as their plain values
        self.proxy.set_verdict(core.Verdict(value) if value is not None else None, self.policy.currentData())
        if self.proxy.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _header_clicked(self, column: int) -> None:
        self.sort.blockSignals(True)
        self.sort.setCurrentIndex(column)
        self.sort.blockSignals(False)

    def sort_by(self, column: int) -> None:
        """Sort by a column: verdicts and findings most severe first, words alphabetically."""
        descending = column >= OVERALL
        self.table.sortByColumn(column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)

    def current_entry(self) -> core.PortfolioEntry | None:
        """The scenario of the selected row, if any."""
        index = self.table.currentIndex()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            index = rows[0]
        if not index.isValid():
            return None
        return self.model.entries[self.proxy.mapToSource(index).row()]

    def open_current(self) -> None:
        """Open the selected scenario (unreadable files say why instead)."""
        entry = self.current_entry()
        if entry is None:
            return
        if entry.error:
            self.status.setText(f"{entry.path.name} cannot be opened: {entry.error}")
            return
        self.open_requested.emit(entry.path)

    def ask_csv_path(self) -> Path | None:
        """Ask where to export the table."""
        start = str(self.folder / "portfolio.csv")
        path, _ = QFileDialog.getSaveFileName(self, "Export the table as CSV", start, "CSV (*.csv)")
        return Path(path) if path else None

    def ask_and_export(self) -> None:
        """Export CSV…: the rows shown, in the order shown."""
        path = self.ask_csv_path()
        if path is None:
            return
        try:
            core.write_atomic(path, table_csv(self.proxy).encode("utf-8"))
        except core.ClausewiseError as exc:
            self.status.setText(f"The table was not exported: {exc}")
            return
        self.status.setText(f"Exported {self.proxy.rowCount()} rows to {path}")
