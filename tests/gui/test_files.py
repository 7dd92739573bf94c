"""Files: save and open, unsaved-changes protection, invalid files, recent files, autosave."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

import core
from gui.main_window import MainWindow
from gui.settings import Settings
from tests.gui.conftest import settle

BAD = Path(__file__).resolve().parents[1] / "core" / "bad" / "scenarios" / "unknown-option.scenario.yaml"


def test_save_then_open_round_trips_the_scenario(qtbot, body_cam, tmp_path, monkeypatch):
    """Ctrl+S asks for a file (no file yet), writes it; Open reads back the same scenario."""
    path = tmp_path / "mine.scenario.yaml"
    monkeypatch.setattr(body_cam, "ask_save_path", lambda suggested: path)
    body_cam.form.title.setFocus()
    qtbot.keyClicks(body_cam.form.title, " (edited)")
    assert body_cam.isWindowModified()
    qtbot.keyClick(body_cam, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert path.exists()
    assert body_cam.windowTitle() == "mine.scenario.yaml[*] — Clausewise"
    assert not body_cam.isWindowModified()
    saved = body_cam.session.scenario
    body_cam.new_scenario()
    assert body_cam.session.scenario == core.Scenario()
    monkeypatch.setattr(body_cam, "ask_open_path", lambda: path)
    body_cam.open_scenario()
    assert body_cam.session.scenario == saved
    assert body_cam.form.title.text().endswith("(edited)")
    assert str(path.resolve()) in body_cam.settings.recent_files


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, body_cam, monkeypatch):
    """Cancel keeps everything; Discard closes."""
    asked = []
    monkeypatch.setattr(body_cam, "ask_save_changes", lambda name: asked.append(name) or "cancel")
    body_cam.form.title.setFocus()
    qtbot.keyClicks(body_cam.form.title, "!")
    body_cam.close()
    assert asked and body_cam.isVisible()
    monkeypatch.setattr(body_cam, "ask_save_changes", lambda name: "discard")
    body_cam.close()
    assert not body_cam.isVisible()


def test_new_and_open_ask_before_losing_changes(qtbot, body_cam, monkeypatch):
    """New with unsaved changes asks; Cancel leaves the scenario as it was."""
    monkeypatch.setattr(body_cam, "ask_save_changes", lambda name: "cancel")
    body_cam.form.title.setFocus()
    qtbot.keyClicks(body_cam.form.title, "!")
    before = body_cam.session.scenario
    body_cam.new_scenario()
    assert body_cam.session.scenario == before


def test_an_invalid_file_shows_the_error_and_keeps_the_current_scenario(qtbot, body_cam, monkeypatch):
    """The dialog names file, field and line; nothing is lost."""
    before = body_cam.session.scenario
    monkeypatch.setattr(body_cam, "ask_open_path", lambda: BAD)
    body_cam.open_scenario()
    message = body_cam.last_message
    assert message is not None and message.isVisible()
    assert f"{BAD}:6: answers.deployer.kind: 'police' is not an option" in message.text()
    assert body_cam.session.scenario == before
    assert body_cam.form.title.text() == before.title


def test_autosave_and_restore_after_a_crash(qtbot, body_cam, packs, monkeypatch):
    """Unsaved work is autosaved; the next start offers it back."""
    body_cam.form.title.setFocus()
    qtbot.keyClicks(body_cam.form.title, " - draft")
    qtbot.waitUntil(lambda: (body_cam.session.autosave_dir / "draft.json").exists(), timeout=4000)
    title = body_cam.session.scenario.title
    # A second window as after a crash (the first never closed cleanly).
    second = MainWindow(packs, Settings())
    qtbot.addWidget(second)
    monkeypatch.setattr(second, "ask_restore_draft", lambda draft: True)
    monkeypatch.setattr(second, "ask_save_changes", lambda name: "discard")
    second.offer_restore()
    assert second.session.scenario.title == title
    assert second.session.dirty


def test_a_clean_exit_removes_the_draft(qtbot, body_cam, monkeypatch):
    """After Save, or Discard on close, no draft is left to restore."""
    body_cam.form.title.setFocus()
    qtbot.keyClicks(body_cam.form.title, "x")
    body_cam._autosave()
    assert body_cam.session.pending_draft() is not None
    monkeypatch.setattr(body_cam, "ask_save_changes", lambda name: "discard")
    body_cam.close()
    assert body_cam.session.pending_draft() is None


def test_open_example_menu_lists_the_bundled_examples(body_cam):
    """File → Open Example offers every example, by title (listed when the menu opens)."""
    assert body_cam.examples_menu.actions() == [], "the examples are not read at start-up"
    body_cam.examples_menu.aboutToShow.emit()
    titles = [a.text().replace("&&", "&") for a in body_cam.examples_menu.actions()]
    assert "Body-worn camera face matching on patrol (UK police force)" in titles
    assert len(titles) == len(core.example_paths())
    body_cam.examples_menu.aboutToShow.emit()
    assert len(body_cam.examples_menu.actions()) == len(titles), "listed once"


def test_zoom_in_and_out_scales_the_text(qtbot, window):
    """Ctrl++ and Ctrl+- change the whole window's text size."""
    from PySide6.QtWidgets import QApplication

    start = QApplication.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() > start
    assert window.form.title.font().pointSizeF() > start, "widgets follow the application font"
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSizeF() < start
    settle(qtbot, window)


def test_menus_have_mnemonics_and_shortcuts(window):
    """Every action is reachable from the keyboard."""
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    shortcuts = {a.text(): a.shortcut().toString() for a in file_menu.actions() if a.text()}
    assert shortcuts["&Save"] and shortcuts["&Open…"] and shortcuts["&Export Signed Memo…"] == "Ctrl+E"


def test_damaged_settings_and_drafts_never_stop_the_app(qtbot, packs):
    """A settings file or autosaved draft that is not what the app wrote is ignored."""
    Settings.file().write_text("[]", encoding="utf-8")
    assert Settings.load() == Settings()
    Settings.file().write_text('{"zoom": "x", "recent_files": "nope", "timestamp_url": 3}', encoding="utf-8")
    assert Settings.load() == Settings()
    window = MainWindow(packs, Settings.load())
    qtbot.addWidget(window)
    window.session.autosave_dir.mkdir(parents=True, exist_ok=True)
    for junk in ("[]", "{}", "not json", '{"clausewise": "draft/1", "scenario": "answers: [1"}'):
        (window.session.autosave_dir / "draft.json").write_text(junk, encoding="utf-8")
        assert window.session.pending_draft() is None
    window.offer_restore()


def test_files_handed_over_by_macos_are_opened_and_no_other_system_gets_a_filter(qtbot, window, tmp_path):
    """macOS hands a double-clicked file to the running app as a QFileOpenEvent: it is opened. No
    other system sends one, so no filter that sees every event of the application is installed there."""
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from gui.app import accept_file_open_events

    app = QApplication.instance()
    accept_file_open_events(app, window, platform="linux")
    assert getattr(window, "file_open_filter", None) is None
    path = tmp_path / "handed-over.scenario.yaml"
    path.write_bytes((core.resources_dir() / "examples" / "body-cam-patrol-uk.scenario.yaml").read_bytes())
    accept_file_open_events(app, window, platform="darwin")
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(path)))
        assert window.session.path == path
    finally:
        app.removeEventFilter(window.file_open_filter)
