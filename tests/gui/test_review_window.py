"""For review sessions: window placement, the focus ring, the findings outline, the pinned verdict,
shortcuts from every field and mnemonics on the unsaved-changes question."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import core
from core.resources import examples_dir
from gui.focus_ring import WIDTH, FocusRing
from gui.geometry import PREFERRED, fit_rect, initial_geometry
from gui.main_window import MainWindow
from gui.settings import Settings
from gui.style import FOCUS, REACHED
from tests.gui.conftest import settle


def colour_pixels(widget: QWidget, colour: str) -> int:
    """How many pixels of ``widget``'s image are exactly ``colour``."""
    return _count(widget.grab().toImage(), colour)


def ring_pixels(widget: QWidget) -> int:
    """How many focus-coloured pixels the window shows on and just round ``widget`` (where its ring is)."""
    parent = widget.parentWidget()
    return _count(parent.grab(widget.geometry().adjusted(-WIDTH, -WIDTH, WIDTH, WIDTH)).toImage(), FOCUS)


def _count(image, colour: str) -> int:
    wanted = QColor(colour).rgb()
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) == wanted)


def test_initial_geometry_fits_the_screen():
    """Small screen: maximised; large: the preferred size centred; a saved place is pulled back on screen."""
    projector = QRect(0, 0, 1280, 720)
    assert initial_geometry(projector, None) == (projector, True)
    big = QRect(0, 0, 1920, 1080)
    rect, maximised = initial_geometry(big, None)
    assert not maximised and rect.size() == PREFERRED and big.contains(rect) and rect.center() == big.center()
    saved_on_a_wider_screen = QRect(1500, 600, 1800, 1000)
    rect, maximised = initial_geometry(projector, saved_on_a_wider_screen)
    assert not maximised and projector.contains(rect) and rect.size() == QSize(1280, 720)
    assert fit_rect(QRect(-50, -20, 300, 200), projector) == QRect(0, 0, 300, 200)


def test_size_position_and_splitter_are_remembered(qtbot, packs, isolated_user_dirs):
    """Close the window after moving it and the splitter: the next window opens the same way."""
    first = MainWindow(packs, Settings())
    qtbot.addWidget(first)
    first.setWindowState(Qt.WindowState.WindowNoState)
    first.show()
    first.setGeometry(QRect(60, 40, 700, 560))
    splitter = first.centralWidget()
    qtbot.waitUntil(lambda: splitter.width() == first.width() == 700, timeout=2000)
    splitter.setSizes([250, 0, 430])
    sizes = splitter.sizes()
    assert sizes[0] < sizes[2]
    first.close()
    assert (isolated_user_dirs / "config" / "window.ini").exists()
    second = MainWindow(packs, Settings())
    qtbot.addWidget(second)
    assert second.geometry() == QRect(60, 40, 700, 560)
    second.show()
    qtbot.wait(500)
    assert second.centralWidget().sizes() == sizes, (isolated_user_dirs / "config" / "window.ini").read_text()
    assert not second.isMaximized()


def test_the_window_never_exceeds_its_screen_when_zoomed(qtbot, window):
    """At 250 % the window still fits within the screen's free area."""
    available = window.screen().availableGeometry()
    window.apply_zoom(2.5)
    qtbot.waitUntil(lambda: available.contains(window.geometry()), timeout=3000)
    assert window.width() <= available.width() and window.height() <= available.height()


def test_a_window_grown_past_its_screen_is_brought_back_within_it(qtbot, window):
    """Whatever makes the window grow (a zoom's larger content, a platform), it is shrunk back within
    the screen's free area after the resize; followed through the native window's size signals."""
    available = window.screen().availableGeometry()
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(available.width() + 600, available.height() + 400)
    qtbot.waitUntil(lambda: available.contains(window.geometry()), timeout=3000)


def test_focus_ring_is_drawn_thick_round_the_focused_field_only(qtbot, window, packs):
    """One ring for the application (no style sheet restyles every widget); the focused field has a
    3-pixel ring all round it, the field it left has none, and no field changes size."""
    other = MainWindow(packs, Settings())
    qtbot.addWidget(other)
    app = QApplication.instance()
    assert app.styleSheet() == "" and len(app.findChildren(FocusRing)) == 1
    title, notes = window.form.title, window.form.notes
    window.activateWindow()
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus, timeout=2000)
    assert ring_pixels(title) == 0
    size = title.size()
    title.setFocus()
    qtbot.waitUntil(title.hasFocus, timeout=2000)
    settle(qtbot, window)
    ring = ring_pixels(title)
    assert ring >= WIDTH * 2 * (title.width() + title.height()), "a 3-pixel ring all round"
    assert ring_pixels(notes) < ring / 10 and title.size() == size


def test_a_question_reached_from_a_link_is_highlighted_until_focus_leaves(qtbot, body_cam):
    """The linked question gets focus and a yellow band; leaving it removes the band."""
    body_cam.activateWindow()
    row = body_cam.form.rows["processing.timing"]
    qtbot.mouseClick(row.input.buttons[None], Qt.MouseButton.LeftButton)  # not answered
    settle(qtbot, body_cam)
    assert colour_pixels(row, REACHED) == 0
    body_cam.findings.anchorClicked.emit(QUrl("field:processing.timing"))
    qtbot.waitUntil(lambda: row.input.buttons[None].hasFocus(), timeout=2000)
    assert row.property("reachedFromLink") is True
    assert colour_pixels(row, REACHED) > row.width() * 10
    body_cam.form.title.setFocus()
    qtbot.waitUntil(lambda: row.property("reachedFromLink") is False, timeout=2000)
    assert colour_pixels(row, REACHED) == 0


def test_the_reached_highlight_leaves_nothing_behind_after_a_zoom(qtbot, body_cam):
    """Reached at 150 % and left, then back to 100 %: the row's colours are its own again (a window
    style sheet in force restores the palette a widget had when it was styled)."""
    row = body_cam.form.rows["processing.timing"]
    own = row.palette().window().color()
    margins = row.contentsMargins()
    body_cam.activateWindow()
    body_cam.apply_zoom(1.5)
    qtbot.wait(50)
    body_cam.findings.anchorClicked.emit(QUrl("field:processing.timing"))
    qtbot.waitUntil(lambda: row.property("reachedFromLink") is True, timeout=2000)
    qtbot.wait(50)
    body_cam.form.title.setFocus()
    qtbot.waitUntil(lambda: row.property("reachedFromLink") is False, timeout=2000)
    qtbot.wait(50)
    body_cam.apply_zoom(1.0)
    qtbot.wait(100)
    assert row.palette().window().color() == own and row.contentsMargins() == margins
    assert colour_pixels(row, REACHED) == 0


def test_findings_outline_lists_every_finding_and_scrolls_to_it(qtbot, body_cam):
    """One entry per finding with its verdict; arrowing down scrolls the findings view further each time."""
    evaluation = body_cam.session.evaluation()
    outline = body_cam.results.outline
    expected = [f"{f.verdict.label}: {f.title}" for p in evaluation.packs for f in p.findings]
    texts = [outline.item(i).text() for i in range(outline.count())]
    assert len(texts) == 1 + len(expected) and len(expected) >= 3
    assert texts[0].endswith(f"Overall: {evaluation.overall.label}")
    for text, wanted in zip(texts[1:], expected, strict=True):
        assert wanted in text
    outline.setFocus()
    outline.setCurrentRow(0)
    positions = []
    for _ in expected:
        qtbot.keyClick(outline, Qt.Key.Key_Down)
        positions.append(body_cam.findings.verticalScrollBar().value())
    assert positions == sorted(positions) and positions[-1] > 0 and len(set(positions)) >= 2
    qtbot.keyClick(outline, Qt.Key.Key_Home)
    assert body_cam.findings.verticalScrollBar().value() == 0


def test_overall_verdict_is_pinned_and_reachable(qtbot, body_cam):
    """The verdict stays above the tabs whatever is scrolled or shown, and Ctrl+3 puts the keyboard on it."""
    banner = body_cam.results.verdict_banner
    assert banner.text().startswith("Overall: ✖ Prohibited · 3 prohibited")
    body_cam.findings.verticalScrollBar().setValue(body_cam.findings.verticalScrollBar().maximum())
    body_cam.results.setCurrentIndex(2)
    assert banner.isVisible() and not body_cam.results.isAncestorOf(banner)
    body_cam.activateWindow()
    qtbot.keyClick(body_cam, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(banner.hasFocus, timeout=2000)


def test_findings_go_back_to_the_top_after_open_and_new(qtbot, body_cam):
    """A new scenario starts at its overall verdict, not at the old scroll position."""
    bar = body_cam.findings.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    body_cam.open_example(examples_dir() / "eu-retailer-live-face-matching.scenario.yaml")
    assert bar.value() == 0
    bar.setValue(bar.maximum())
    body_cam.new_scenario()
    assert bar.value() == 0


def test_ctrl_e_exports_from_the_title_field(qtbot, window):
    """Ctrl+E in the Title (a text field that claims Ctrl+E for itself) still opens Export Signed Memo."""
    window.activateWindow()
    window.form.title.setFocus()
    qtbot.waitUntil(window.form.title.hasFocus, timeout=2000)
    qtbot.keyClick(window.form.title, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.export_dialog is not None and window.export_dialog.isVisible()
    window.export_dialog.reject()


def test_alt_t_reaches_the_title_and_alt_l_the_timeline(qtbot, window):
    """Alt+T belongs to the Title alone; the Timeline tab has Alt+L."""
    texts = [window.results.tabText(i) for i in range(window.results.count())]
    assert "Time&line" in texts and not any("&T" in t for t in texts)
    window.activateWindow()
    window.findings.setFocus()
    qtbot.keyClick(window.findings, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.form.title.hasFocus, timeout=2000)
    qtbot.keyClick(window.form.title, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.results.currentIndex() == 2, timeout=2000)


def test_unsaved_changes_buttons_have_mnemonics(qtbot, window):
    """Save, Don't Save and Cancel each have an Alt key; Alt+D answers "discard"."""
    window.session.edit_title("changed")
    seen: list[str] = []

    tries = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        tries.append(box)
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(50, answer)
            return
        if not seen:
            seen.extend(b.text() for b in box.buttons())
        if len(tries) > 40:  # never hang the suite: give up with Cancel (and fail below)
            box.reject()
            return
        qtbot.keyClick(box, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
        QTimer.singleShot(50, answer)

    QTimer.singleShot(0, answer)
    assert window.prompts.ask_save_changes("retail.scenario.yaml") == "discard"
    assert sorted(seen) == ["&Cancel", "&Don't Save", "&Save"]


def test_timeline_text_names_clauses_by_their_section(window):
    """The timeline in words cites Article 5(1)(h) by its words and section, not the pack's clause id art-5-1-h;
    the window shows the same lines as the command line."""
    window.open_example(examples_dir() / "eu-retailer-live-face-matching.scenario.yaml")
    window.results.setCurrentIndex(2)  # the timeline is computed when its tab is shown
    text = window.results.timeline_text.toPlainText()
    assert "(Article 5(1)(h))" in text and "(Limited Access to Face API)" in text
    scenario = window.session.scenario
    assert text == "\n".join(core.timeline(scenario, window.packs).lines())
    clause_ids = {c for p in window.packs for v in p.versions for c in v.clauses}
    assert not any(f" {cid}" in text or f"“{cid}”" in text for cid in clause_ids if "-" in cid)


def test_timeline_names_and_dates_are_not_clipped_at_130_percent(qtbot, window):
    """Every policy name fits its wrapped box and the chart is as tall as its lanes need."""
    window.open_example(examples_dir() / "eu-retailer-live-face-matching.scenario.yaml")
    window.apply_zoom(1.3)
    window.results.setCurrentIndex(2)
    chart = window.results.chart
    qtbot.waitUntil(lambda: chart.height() >= chart.heightForWidth(chart.width()), timeout=2000)
    for (title, _), (name, _bar) in zip(chart.lanes, chart.layout_lanes(chart.width()), strict=True):
        needed = chart.title_rect(title, chart.width())
        assert needed.width() <= name.width() and needed.height() <= name.height(), title
    assert chart.height() >= chart.heightForWidth(chart.width())
    assert core.Verdict.PROHIBITED in {p.verdict for _, periods in chart.lanes for p in periods}
