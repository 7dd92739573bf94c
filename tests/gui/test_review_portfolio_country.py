"""The portfolio without a mouse, and country pickers that suggest from the first keystroke."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import core
from core.resources import examples_dir
from gui.country_picker import rank
from gui.portfolio import AS_OF, FILE, PortfolioWindow


def _portfolio(qtbot, window, monkeypatch) -> PortfolioWindow:
    monkeypatch.setattr(window, "ask_folder", lambda: examples_dir())
    window.open_portfolio()
    portfolio = window.portfolio
    qtbot.waitUntil(lambda: portfolio.model.rowCount() == len(core.example_paths()), timeout=15000)
    return portfolio


def test_portfolio_by_keyboard_enter_opens_and_brings_the_window_forward(qtbot, window, monkeypatch):
    """Down, then Enter: that scenario opens and the keyboard is on the main window's findings; Escape closes."""
    portfolio = _portfolio(qtbot, window, monkeypatch)
    portfolio.activateWindow()
    qtbot.waitUntil(portfolio.table.hasFocus, timeout=3000)
    qtbot.keyClick(portfolio.table, Qt.Key.Key_Down)
    entry = portfolio.current_entry()
    assert entry is not None and entry.error == ""
    qtbot.keyClick(portfolio.table, Qt.Key.Key_Return)
    assert window.session.path == entry.path
    qtbot.waitUntil(lambda: window.results.outline.hasFocus(), timeout=3000)
    portfolio.activateWindow()
    qtbot.keyClick(portfolio.table, Qt.Key.Key_Down)
    other = portfolio.current_entry()
    qtbot.keyClick(portfolio.table, Qt.Key.Key_Space)
    assert other is not None and other.path != entry.path and window.session.path == other.path
    qtbot.keyClick(portfolio.table, Qt.Key.Key_Escape)
    assert not portfolio.isVisible()


def test_portfolio_file_name_first_frozen_and_as_of_column(qtbot, window, monkeypatch):
    """File names (not paths) stay at the left while the table scrolls sideways; as-of dates are shown."""
    portfolio = _portfolio(qtbot, window, monkeypatch)
    names, table = portfolio.names, portfolio.table
    shown_names = {portfolio.proxy.index(r, FILE).data() for r in range(portfolio.proxy.rowCount())}
    assert shown_names == {p.name for p in core.example_paths()}
    assert table.isColumnHidden(FILE) and not names.isColumnHidden(FILE)
    assert all(names.isColumnHidden(c) for c in range(1, portfolio.model.columnCount()))
    assert names.columnWidth(FILE) <= names.viewport().width(), "a long name is shortened with …, never cut off"
    assert names.textElideMode() is Qt.TextElideMode.ElideMiddle and not names.wordWrap()
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    assert names.columnViewportPosition(FILE) == 0
    retail = next(r for r in range(portfolio.proxy.rowCount()) if "retailer" in portfolio.proxy.index(r, FILE).data())
    assert portfolio.proxy.index(retail, AS_OF).data() == "2025-06-01"


def test_portfolio_filters_by_policy_and_verdict_and_exports_csv(qtbot, window, monkeypatch, tmp_path):
    """EU AI Act + Prohibited keeps exactly the files the engine finds prohibited under it; CSV has those rows."""
    portfolio = _portfolio(qtbot, window, monkeypatch)
    portfolio.policy.setCurrentIndex(portfolio.policy.findData("eu-ai-act-article-5"))
    portfolio.verdict.setCurrentIndex(portfolio.verdict.findData(core.Verdict.PROHIBITED.value))
    wanted = {
        e.path.name for e in portfolio.model.entries if e.verdict_of("eu-ai-act-article-5") is core.Verdict.PROHIBITED
    }
    shown = {portfolio.proxy.index(r, FILE).data() for r in range(portfolio.proxy.rowCount())}
    assert shown == wanted and 0 < len(shown) < len(core.example_paths())
    out = tmp_path / "meeting.csv"
    monkeypatch.setattr(portfolio, "ask_csv_path", lambda: out)
    portfolio.export.click()
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0][:4] == ["File", "Title", "As of", "Overall"] and rows[0][-1] == "Path"
    assert {r[0] for r in rows[1:]} == wanted
    assert all(r[-1].endswith(r[0]) and "Prohibited" in r for r in rows[1:])
    monkeypatch.setattr(portfolio, "ask_csv_path", lambda: tmp_path / "missing" / "x.csv")
    portfolio.export.click()
    assert "not exported" in portfolio.status.text() and not (tmp_path / "missing").exists()


def test_sort_by_keyboard_choice(qtbot, window, monkeypatch):
    """Sort by the title through the Sort-by list: rows come in alphabetical order of title."""
    portfolio = _portfolio(qtbot, window, monkeypatch)
    portfolio.sort.setCurrentIndex(1)
    titles = [portfolio.proxy.index(r, 1).data() for r in range(portfolio.proxy.rowCount())]
    assert titles == sorted(titles, key=str.lower)


def test_rank_prefers_codes_and_name_starts():
    """FR is France's code; "fra" starts France; "land" is inside Finland; "zz" matches nothing."""
    assert rank("FR", "France", "FR") == 0 and rank("france", "France", "FR") == 0
    assert rank("fra", "France", "FR") == 1
    assert rank("land", "Finland", "FI") == 2
    assert rank("zz", "France", "FR") is None


def test_country_picker_placeholder_and_suggestions(qtbot, window):
    """The box starts empty with a placeholder; "FR" suggests France first, Enter picks it."""
    picker = window.form.rows["deployer.country"].input.picker
    assert picker.lineEdit().text() == "" and "Not answered" in picker.lineEdit().placeholderText()
    picker.setFocus()
    qtbot.keyClicks(picker.lineEdit(), "FR")
    first = picker.completer().completionModel().index(0, 0).data()
    assert first == "France (FR)"
    assert "Not answered" not in picker.lineEdit().text()
    qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)
    assert window.session.scenario.answers["deployer.country"] == "FR"
    picker.lineEdit().selectAll()
    qtbot.keyClicks(picker.lineEdit(), "Germany")
    qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)
    assert window.session.scenario.answers["deployer.country"] == "DE"


def test_countries_input_adds_typed_country_and_clears(qtbot, window):
    """Typing "France" and Enter adds France to the list; the box is empty again for the next one."""
    window.form.rows["deployment.countries"].setVisible(True)
    countries = window.form.rows["deployment.countries"].input
    countries.picker.setFocus()
    qtbot.keyClicks(countries.picker.lineEdit(), "France")
    qtbot.keyClick(countries.picker.lineEdit(), Qt.Key.Key_Return)
    assert window.session.scenario.answers["deployment.countries"] == ("FR",)
    assert countries.picker.lineEdit().text() == ""


def test_filter_sort_and_export_the_portfolio_by_keyboard_alone(qtbot, window, monkeypatch, tmp_path):
    """Alt+P, Alt+V, Alt+S, Alt+F, Alt+X and arrows/typing: the same filters, order and CSV as with the mouse."""
    portfolio = _portfolio(qtbot, window, monkeypatch)
    portfolio.activateWindow()
    qtbot.waitUntil(portfolio.table.hasFocus, timeout=3000)

    def press(key, modifier=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)

    def arrow_to(combo, data):
        for _ in range(combo.count()):
            if combo.currentData() == data:
                return
            press(Qt.Key.Key_Down if combo.currentIndex() < combo.findData(data) else Qt.Key.Key_Up)
        assert combo.currentData() == data

    alt = Qt.KeyboardModifier.AltModifier
    press(Qt.Key.Key_P, alt)
    assert portfolio.policy.hasFocus()
    arrow_to(portfolio.policy, "eu-ai-act-article-5")
    press(Qt.Key.Key_V, alt)
    assert portfolio.verdict.hasFocus()
    arrow_to(portfolio.verdict, core.Verdict.PROHIBITED.value)
    wanted = {
        e.path.name for e in portfolio.model.entries if e.verdict_of("eu-ai-act-article-5") is core.Verdict.PROHIBITED
    }
    shown = {portfolio.proxy.index(r, FILE).data() for r in range(portfolio.proxy.rowCount())}
    assert shown == wanted and 0 < len(shown) < len(core.example_paths())
    press(Qt.Key.Key_S, alt)
    assert portfolio.sort.hasFocus()
    arrow_to(portfolio.sort, 1)  # the title
    titles = [portfolio.proxy.index(r, 1).data() for r in range(portfolio.proxy.rowCount())]
    assert titles == sorted(titles, key=str.lower)
    out = tmp_path / "meeting.csv"
    monkeypatch.setattr(portfolio, "ask_csv_path", lambda: out)  # the file dialog is the platform's own
    press(Qt.Key.Key_X, alt)
    qtbot.waitUntil(out.exists, timeout=3000)  # a mnemonic "animates" the click: it lands a moment later
    assert {r[0] for r in list(csv.reader(out.read_text(encoding="utf-8").splitlines()))[1:]} == wanted
    press(Qt.Key.Key_F, alt)
    assert portfolio.search.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "retailer")
    shown = {portfolio.proxy.index(r, FILE).data() for r in range(portfolio.proxy.rowCount())}
    assert shown == {name for name in wanted if "retailer" in name} != set()
    press(Qt.Key.Key_Escape)
    assert not portfolio.isVisible()
