"""Autosave bounds the loss, whatever the typing rhythm; a restored draft keeps its own identity."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtGui import QKeySequence

import core
from gui.autosave import MAX_WAIT_SECONDS, AutosaveClock
from gui.main_window import MainWindow
from gui.settings import Settings
from tests.gui.fake_view import BODY_CAM, EU_RETAILER, FakeTime, make_session


def test_steady_typing_never_keeps_a_change_out_of_the_draft_longer_than_the_maximum_wait():
    """Keystrokes every 0.3 s for 60 s: a pure debounce never fires; this clock saves every ≤ 5 s."""
    time = FakeTime()
    clock = AutosaveClock(now=time)
    due: float | None = None
    unsaved_since: float | None = None
    longest = 0.0
    writes = 0
    for _ in range(200):
        if due is not None and due <= time.now:  # the view's timer fires: the draft is written
            longest = max(longest, due - unsaved_since)
            clock.written()
            due = unsaved_since = None
            writes += 1
        unsaved_since = time.now if unsaved_since is None else unsaved_since
        due = time.now + clock.edited()
        time.now += 0.3
    assert writes >= 60 / MAX_WAIT_SECONDS - 1
    assert longest <= MAX_WAIT_SECONDS


def test_a_pause_writes_the_draft_after_the_short_debounce():
    """One edit then nothing: the draft is due after the debounce, not the maximum wait."""
    clock = AutosaveClock(debounce=1.5, max_wait=5.0, now=FakeTime())
    assert clock.edited() == 1.5


def test_the_session_schedules_autosave_within_the_bound_and_writes_only_unsaved_work(packs, tmp_path):
    """Each edit schedules the draft no later than 5 s after the first unsaved one; undo to clean removes it."""
    time = FakeTime()
    session, view = make_session(packs, tmp_path, time)
    session.open(EU_RETAILER, asked=True)
    session.edit_title("a")
    first = time.now
    for _ in range(7):  # 4.9 s of edits 0.7 s apart: a pure 1.5 s debounce would still be waiting
        time.now += 0.7
        session.edit_title(session.scenario.title + "a")
        assert time.now + view.autosave_in <= first + MAX_WAIT_SECONDS
    session.autosave()
    draft = session.pending_draft()
    assert draft is not None and draft.scenario.title == "a" * 8 and draft.path == EU_RETAILER
    session.undo()
    session.autosave()
    assert not session.dirty and session.pending_draft() is None


def test_a_restored_untitled_draft_keeps_its_title_no_file_name_and_its_date(packs, tmp_path):
    """Edited example → crash → restore over the example: "Untitled", no example name offered on save."""
    session, _ = make_session(packs, tmp_path)
    session.open_example(BODY_CAM)
    session.edit_title("Patrol pilot, Leeds")
    session.edit_as_of(dt.date(2024, 6, 1))
    session.autosave()
    after_crash, view = make_session(packs, tmp_path)
    after_crash.open_example(BODY_CAM)  # what the app shows at start
    view.script("restore", True)
    assert after_crash.offer_restore()
    assert after_crash.scenario.title == "Patrol pilot, Leeds"
    assert after_crash.scenario.as_of == dt.date(2024, 6, 1)
    assert after_crash.path is None and after_crash.example is None
    assert view.title == ("Untitled[*] — Clausewise", True)
    view.script("save_path", None)
    after_crash.save()
    assert view.asked[-1] == ("save_path", "patrol-pilot-leeds.scenario.yaml")


def test_a_restored_draft_of_a_file_keeps_the_file_and_knows_what_is_saved(packs, tmp_path):
    """The draft of a saved file restores with that file's name; undoing nothing, it is still unsaved."""
    path = tmp_path / "retailer.scenario.yaml"
    path.write_bytes(EU_RETAILER.read_bytes())
    session, _ = make_session(packs, tmp_path)
    session.open(path, asked=True)
    session.edit_answer("processing.timing", "post_event")
    session.autosave()
    after_crash, view = make_session(packs, tmp_path)
    view.script("restore", True)
    after_crash.offer_restore()
    assert after_crash.path == path and after_crash.dirty
    assert view.title == ("retailer.scenario.yaml[*] — Clausewise", True)
    assert after_crash.revert(), "Revert to Saved goes back to the file"
    assert after_crash.scenario == core.load_scenario(path, packs.questionnaire)


def test_declining_the_restore_removes_the_draft(packs, tmp_path):
    """No: the draft is gone and the next start does not ask again."""
    session, _ = make_session(packs, tmp_path)
    session.edit_title("x")
    session.autosave()
    after_crash, view = make_session(packs, tmp_path)
    view.script("restore", False)
    assert not after_crash.offer_restore()
    assert after_crash.pending_draft() is None and after_crash.scenario == core.Scenario()


def test_the_draft_file_is_whole_json_and_names_no_file_for_an_untitled_scenario(packs, tmp_path):
    """What is on disk: the draft format, no path, the scenario as YAML."""
    session, _ = make_session(packs, tmp_path)
    session.edit_title("x")
    session.autosave()
    data = json.loads((tmp_path / "autosave" / "draft.json").read_text(encoding="utf-8"))
    assert data["clausewise"] == "draft/1" and data["path"] is None and "title: x" in data["scenario"]


def test_in_the_window_a_restored_untitled_draft_does_not_take_the_examples_identity(qtbot, body_cam, packs, tmp_path):
    """The second start shows "Untitled" (not "body-cam-patrol-uk (example)"); Ctrl+S proposes the title's name."""
    body_cam.form.title.setFocus()
    qtbot.keyClicks(body_cam.form.title, " - draft")
    qtbot.waitUntil(lambda: (body_cam.session.autosave_dir / "draft.json").exists(), timeout=6000)
    second = MainWindow(packs, Settings())
    qtbot.addWidget(second)
    second.open_example(BODY_CAM)
    proposed = []
    second.ask_restore_draft = lambda draft: True
    second.ask_save_changes = lambda name: "discard"
    second.ask_save_path = lambda suggested: proposed.append(suggested)
    second.offer_restore()
    assert second.windowTitle() == "Untitled[*] — Clausewise" and second.isWindowModified()
    assert second.form.title.text().endswith(" - draft")
    file_menu = second.menuBar().actions()[0].menu()
    save = next(a for a in file_menu.actions() if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Save))
    save.trigger()  # the action Ctrl+S fires
    assert proposed == ["body-worn-camera-face-matching-on-patrol-uk-police-force-dra.scenario.yaml"], (
        "from the title (cut at 60)"
    )
