"""Parts built on first use (guided mode, the what-if and timeline tabs) show the open scenario
exactly as if they had been built at start-up; the app starts on the example evaluated once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QTextBrowser

import core
from gui.findings_html import findings_html
from gui.main_window import MainWindow
from gui.settings import Settings
from gui.whatif_html import whatif_html
from tests.gui.conftest import settle

EXAMPLES = core.resources_dir() / "examples"
BODY_CAM = EXAMPLES / "body-cam-patrol-uk.scenario.yaml"
EU_RETAILER = EXAMPLES / "eu-retailer-live-face-matching.scenario.yaml"


def test_guided_mode_first_opened_after_a_file_shows_that_files_answers(qtbot, window, packs):
    """Guided mode built after Open shows the opened file's title, answers and asked questions."""
    assert window._guided is None, "guided mode is not built at start-up"
    assert window.open_path(EU_RETAILER)
    scenario = core.load_scenario(EU_RETAILER, packs.questionnaire)
    window.guided_action.setChecked(True)
    guided = window.guided
    assert guided.isVisible() and not window.form.isVisible()
    assert guided.title.text() == scenario.title
    for fid, row in guided.rows.items():
        assert row.input.value() == window.form.rows[fid].input.value(), fid
        assert row.isHidden() == window.form.rows[fid].isHidden(), fid
    assert any(fid in scenario.answers for fid in guided.visible)
    guided.show_page(guided.pages.count() - 1)
    assert core.evaluate(scenario, packs).overall.label in guided.review.toPlainText()


def test_guided_mode_built_late_still_follows_later_opens_and_edits(qtbot, window, packs):
    """Once built, guided mode follows the next Open, and its edits reach the session."""
    guided = window.guided
    assert window.open_path(BODY_CAM)
    assert guided.title.text() == core.load_scenario(BODY_CAM, packs.questionnaire).title
    window.guided_action.setChecked(True)
    guided.title.setFocus()
    guided.title.selectAll()
    qtbot.keyClicks(guided.title, "Renamed in guided mode")
    assert window.session.scenario.title == "Renamed in guided mode"


def test_menu_shortcuts_win_in_fields_built_late(qtbot, window):
    """Ctrl+E is a menu shortcut in guided mode's title field too, though it is built after the menus."""
    field = window.guided.title
    claim = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.menu_shortcuts.eventFilter(field, claim), "the field's claim on Ctrl+E is refused"
    assert field in _filtered_fields(window)


def _as_shown(html: str) -> str:
    """The text a text browser shows for ``html``."""
    from PySide6.QtWidgets import QTextBrowser

    browser = QTextBrowser()
    browser.setHtml(html)
    return browser.toPlainText()


def _filtered_fields(window):
    """The fields whose ShortcutOverride events the window's filter sees (sent one at a time)."""
    seen = []
    original = window.menu_shortcuts.eventFilter

    def spy(watched, event):
        if event.type() == QEvent.Type.ShortcutOverride:
            seen.append(watched)
        return original(watched, event)

    window.menu_shortcuts.eventFilter = spy
    try:
        window.guided_action.setChecked(True)  # the claim goes to the focused field
        window.activateWindow()
        window.guided.title.setFocus()
        claim = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        QApplication.sendEvent(window.guided.title, claim)
    finally:
        window.menu_shortcuts.eventFilter = original
    return seen


def test_whatif_tab_first_shown_after_a_file_shows_that_files_options(qtbot, window, packs):
    """The what-if tab, built when first shown after Open, lists the opened file's options."""
    assert not window.results._whatif_tab.built, "the what-if tab is not built at start-up"
    assert window.open_path(BODY_CAM)
    window.results.setCurrentIndex(1)
    evaluation = window.session.evaluation()
    expected = core.what_if(evaluation, packs, locked=core.default_locked(packs.questionnaire))
    html, change_sets = whatif_html(expected, packs.questionnaire)
    assert change_sets and window.results.change_sets == change_sets
    assert window.results.whatif.toPlainText() == _as_shown(html)
    assert window.results.locked() == set(core.default_locked(packs.questionnaire))


def test_timeline_tab_first_shown_after_a_file_shows_that_files_timeline(qtbot, window, packs):
    """The timeline tab, built when first shown after Open, describes the opened file's timeline."""
    assert not window.results._timeline_tab.built, "the timeline tab is not built at start-up"
    assert window.open_path(EU_RETAILER)
    window.results.setCurrentIndex(2)
    line = core.timeline(core.load_scenario(EU_RETAILER, packs.questionnaire), packs)
    assert window.results.chart.timeline == line
    assert window.results.timeline_text.toPlainText().strip()


def test_locks_used_before_the_tab_is_shown_take_effect_when_it_is(qtbot, window, packs):
    """Unticking a lock before ever showing the tab changes the options the tab then shows."""
    assert window.open_path(BODY_CAM)
    locks = window.results.locks
    first = next(i for i in range(locks.count()) if locks.item(i).checkState() == Qt.CheckState.Checked)
    locks.item(first).setCheckState(Qt.CheckState.Unchecked)
    settle(qtbot, window)
    window.results.setCurrentIndex(1)
    locked = window.results.locked()
    assert len(locked) == len(core.default_locked(packs.questionnaire)) - 1
    expected = core.what_if(window.session.evaluation(), packs, locked=locked)
    assert window.results.change_sets == whatif_html(expected, packs.questionnaire)[1]


def test_a_window_opened_on_a_file_never_evaluates_the_empty_scenario(qtbot, packs, monkeypatch):
    """show_empty=False: the only evaluation shown is the opened example's (start-up evaluates once)."""
    shown = []
    window = MainWindow(packs, Settings(), show_empty=False)
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "ask_save_changes", lambda *_: "discard")
    original = window.results.show_evaluation
    monkeypatch.setattr(window.results, "show_evaluation", lambda e: (shown.append(e), original(e)))
    assert window.open_example(BODY_CAM)
    assert [e.scenario.title for e in shown] == [core.load_scenario(BODY_CAM, packs.questionnaire).title]
    assert window.verdict_label.text().startswith("Overall: ")
    assert core.evaluate(shown[0].scenario, packs).overall.label.upper() in window.findings.toPlainText()


def test_the_findings_page_is_laid_out_once_at_its_own_width(qtbot, packs):
    """Opened before the window shows (as at start-up), the example's findings page is written when
    the results first show, at the width the tab gives it: never laid out at a hidden page's size
    first. Read before the window shows, it is written then (nothing waits for a paint)."""
    window = MainWindow(packs, Settings(), show_empty=False)
    qtbot.addWidget(window)
    assert window.open_example(BODY_CAM)
    page = next(b for b in window.findChildren(QTextBrowser) if b.accessibleName() == "Findings")
    assert page.document().isEmpty(), "not written before the panel shows"
    widths: list[float] = []
    layout = page.document().documentLayout()
    layout.documentSizeChanged.connect(lambda size: page.document().isEmpty() or widths.append(size.width()))
    window.show()  # the window laid out and its panes given their sizes
    assert widths and set(widths) == {page.viewport().width()}, widths
    qtbot.waitExposed(window)
    verdict = core.evaluate(core.load_scenario(BODY_CAM, packs.questionnaire), packs).overall.label.upper()
    assert verdict in window.findings.toPlainText()

    unshown = MainWindow(packs, Settings(), show_empty=False)
    qtbot.addWidget(unshown)
    assert unshown.open_example(BODY_CAM)
    assert verdict in unshown.findings.toPlainText(), "asked for before the window shows: written then"


def _findings_page(window) -> QTextBrowser:
    """The findings page itself (not through ``findings``, which writes a waiting page first)."""
    return next(b for b in window.findChildren(QTextBrowser) if b.accessibleName() == "Findings")


def test_a_shown_findings_page_follows_each_evaluation_where_the_reader_is(qtbot, window, packs):
    """Once shown, the page is rewritten at each evaluation at once (on screen, not only when read)
    and stays where the reader scrolled to."""
    assert window.open_path(BODY_CAM)
    page = _findings_page(window)
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() > 200)
    page.verticalScrollBar().setValue(150)
    retail = core.evaluate(core.load_scenario(EU_RETAILER, packs.questionnaire), packs)
    window.results.show_evaluation(retail)
    assert page.toPlainText() == _as_shown(findings_html(retail, packs))
    assert page.verticalScrollBar().value() == 150


def test_the_outline_used_before_the_window_shows_moves_the_written_page(qtbot, packs):
    """Choosing a finding in the outline before the window first shows writes the page and scrolls
    it there: outline and page agree when the window shows."""
    window = MainWindow(packs, Settings(), show_empty=False)
    qtbot.addWidget(window)
    assert window.open_example(BODY_CAM)
    window.results.outline.setCurrentRow(window.results.outline.count() - 1)
    page = _findings_page(window)
    assert not page.document().isEmpty()
    window.show()
    qtbot.waitExposed(window)
    assert page.verticalScrollBar().value() > 0
