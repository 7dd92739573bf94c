"""What would change: the locked facts are the session's state (headless, a fake view); the window shows them."""

from __future__ import annotations

import core
from tests.gui.fake_view import BODY_CAM, EU_RETAILER, make_session


def options(session, packs) -> list[core.ChangeSet]:
    """Every change set the what-if search offers under the session's locks."""
    result = core.what_if(session.evaluation(), packs, locked=session.locked)
    return [*result.less_severe, *(o for finding in result.findings for o in finding.options)]


def test_locks_start_from_the_facts_and_are_no_edit(packs, tmp_path):
    """Unlocking a fact: the view is told, the search respects it; no undo step, no unsaved change."""
    session, view = make_session(packs, tmp_path)
    assert session.open(BODY_CAM, asked=True)
    assert session.locked == core.default_locked(packs.questionnaire)
    assert any("camera.platforms" in o.fields for o in options(session, packs)), "unlocked, it is offered"
    fact = sorted(session.locked)[0]
    session.set_locked(fact, False)
    session.set_locked("camera.platforms", True)
    assert view.locks[-1] == session.locked
    assert fact not in session.locked and "camera.platforms" in session.locked
    assert not session.dirty and view.history == (None, None)
    assert not any("camera.platforms" in o.fields for o in options(session, packs))


def test_setting_a_lock_to_what_it_is_tells_the_view_nothing(packs, tmp_path):
    """Ticking a ticked fact again is no change: no show_locks, no new search."""
    session, view = make_session(packs, tmp_path)
    fact = sorted(session.locked)[0]
    shown = len(view.locks)
    session.set_locked(fact, True)
    session.set_locked("camera.platforms", False)
    assert len(view.locks) == shown


def test_locks_outlive_edits_undo_and_re_evaluation(packs, tmp_path):
    """An answer, its undo and the re-evaluations leave the reviewer's locks alone."""
    session, view = make_session(packs, tmp_path)
    assert session.open(BODY_CAM, asked=True)
    session.set_locked("camera.platforms", True)
    locks = session.locked
    session.edit_answer("processing.timing", "post_event")
    session.undo()
    session.refresh()
    assert session.locked == locks and view.locks[-1] == locks


def test_new_open_and_example_start_from_the_facts_a_what_if_copy_keeps_them(packs, tmp_path):
    """Another document asks another question: default locks; a what-if copy continues the same one."""
    session, view = make_session(packs, tmp_path)
    defaults = core.default_locked(packs.questionnaire)
    assert session.open_example(BODY_CAM)
    session.set_locked("camera.platforms", True)
    assert session.apply(options(session, packs)[0], as_copy=True)
    assert "camera.platforms" in session.locked and view.locks[-1] == session.locked
    view.script("save_changes", "discard")
    assert session.open(EU_RETAILER)
    assert session.locked == defaults and view.locks[-1] == defaults
    session.set_locked("camera.platforms", True)
    assert session.new()
    assert session.locked == defaults and view.locks[-1] == defaults


def _item(window, field_id):
    from PySide6.QtCore import Qt  # only the last test uses a window

    locks = window.results.locks
    return next(locks.item(i) for i in range(locks.count()) if locks.item(i).data(Qt.ItemDataRole.UserRole) == field_id)


def test_the_lock_list_only_shows_the_sessions_locks(qtbot, body_cam):
    """A tick goes to the session; the session's locks come back as ticks, also after Open."""
    from PySide6.QtCore import Qt

    body_cam.results.setCurrentIndex(1)
    _item(body_cam, "camera.platforms").setCheckState(Qt.CheckState.Checked)
    assert "camera.platforms" in body_cam.session.locked
    assert "Camera platforms:" not in body_cam.results.whatif.toPlainText()
    body_cam.session.set_locked("camera.platforms", False)
    assert _item(body_cam, "camera.platforms").checkState() == Qt.CheckState.Unchecked
    assert "Camera platforms:" in body_cam.results.whatif.toPlainText()
    body_cam.session.set_locked("camera.platforms", True)
    assert body_cam.open_path(EU_RETAILER)
    assert _item(body_cam, "camera.platforms").checkState() == Qt.CheckState.Unchecked
    assert body_cam.results.locked() == body_cam.session.locked == core.default_locked(body_cam.packs.questionnaire)
