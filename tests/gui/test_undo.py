"""Undo, redo, revert, what-if Apply and the verdict-change notice: headless, then in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

import core
from tests.gui.conftest import settle
from tests.gui.fake_view import EU_RETAILER, OPTED_IN, make_session


def _change_set(packs, scenario, *changes):
    """A what-if change set making ``changes`` (field, new value)."""
    q = packs.questionnaire
    cs = [
        core.Change(
            field=f,
            old=scenario.answers.get(f),
            new=v,
            label=q.fields[f].label,
            old_words=str(scenario.answers.get(f)),
            new_words=str(v),
            kind=q.fields[f].kind,
        )
        for f, v in changes
    ]
    return core.ChangeSet(
        changes=tuple(cs),
        before=core.Verdict.PROHIBITED,
        overall=core.Verdict.RESTRICTED,
        removed=(),
        added=(),
        remaining=(),
    )


def test_each_answer_change_is_one_undo_step_and_redo_makes_it_again(packs, tmp_path):
    """Two answers, two undos back to the start; redo re-applies; a new edit forgets the redo."""
    session, view = make_session(packs, tmp_path)
    session.edit_answer("deployer.kind", "law_enforcement")
    session.edit_answer("service", ("azure_openai",))
    assert view.history == ("AI services", None)
    assert session.undo() and session.undo()
    assert session.scenario == core.Scenario() and not session.dirty
    assert view.shown[-1] == core.Scenario(), "the form is told to show the undone values"
    assert not session.undo()
    assert session.redo()
    assert session.scenario.answers == {"deployer.kind": "law_enforcement"}
    assert view.history == ("Type of deployer", "AI services")
    session.edit_answer("deployer.kind", "military")
    assert view.history[1] is None and not session.redo()


def test_typing_in_the_title_is_one_step_until_the_field_is_left(packs, tmp_path):
    """Keystrokes merge into one step; after leaving the field, typing starts a new step."""
    session, _view = make_session(packs, tmp_path)
    for text in ("D", "Dr", "Dro", "Drone"):
        session.edit_title(text)
    session.seal_typing()
    session.edit_title("Drone 2")
    session.undo()
    assert session.scenario.title == "Drone"
    session.undo()
    assert session.scenario.title == ""


def test_apply_of_a_what_if_change_set_is_one_undo_step(packs, tmp_path):
    """Apply changes two answers; one Undo takes both back."""
    session, view = make_session(packs, tmp_path)
    session.open(EU_RETAILER, asked=True)
    before = session.scenario
    session.apply(_change_set(packs, before, ("processing.timing", "post_event"), ("human_review", False)))
    assert session.scenario.answers["processing.timing"] == "post_event"
    assert session.scenario.answers["human_review"] is False
    assert view.shown[-1] == session.scenario
    assert session.undo()
    assert session.scenario == before and not session.dirty


def test_apply_to_a_copy_leaves_the_open_file_as_it_was(packs, tmp_path):
    """The copy is a new untitled scenario with the changes; the file on disk is untouched."""
    path = tmp_path / "retailer.scenario.yaml"
    path.write_bytes(EU_RETAILER.read_bytes())
    session, _view = make_session(packs, tmp_path)
    session.open(path, asked=True)
    original = session.scenario
    assert session.apply(_change_set(packs, original, ("processing.timing", "post_event")), as_copy=True)
    assert session.path is None and session.example is None and session.dirty
    assert session.scenario.title == original.title + " (what-if copy)"
    assert session.scenario.answers["processing.timing"] == "post_event"
    assert path.read_bytes() == EU_RETAILER.read_bytes()
    assert session.suggested_file_name() != path.name


def test_revert_to_saved_is_one_undoable_step(packs, tmp_path):
    """Revert brings back the file's answers; Undo brings back the edits."""
    session, view = make_session(packs, tmp_path)
    session.open(EU_RETAILER, asked=True)
    saved = session.scenario
    session.edit_answer("processing.timing", "post_event")
    session.edit_title("changed")
    edited = session.scenario
    assert session.revert()
    assert session.scenario == saved and not session.dirty
    assert view.shown[-1] == saved
    assert session.undo()
    assert session.scenario == edited
    assert not make_session(packs, tmp_path)[0].revert(), "nothing to revert on a clean scenario"


def test_an_edit_that_changes_the_verdict_says_so_and_why(packs, tmp_path):
    """Retail case for opted-in members, timing → after the event: "PROHIBITED → RESTRICTED because …",
    with the pack's change."""
    session, view = make_session(packs, tmp_path)
    session.open(OPTED_IN, asked=True)
    assert view.verdict_change is None
    session.edit_answer("processing.timing", "post_event")
    change = view.verdict_change
    assert change.headline() == (
        "PROHIBITED → RESTRICTED because *When are images or video processed?* changed to *After the event*"
    )
    assert change.pack_changes() == [
        ("EU AI Act, Article 5 (prohibited AI practices)", core.Verdict.PROHIBITED, core.Verdict.NO_PROHIBITION_FOUND)
    ]


def test_edits_that_do_not_change_a_verdict_raise_no_notice(packs, tmp_path):
    """Title and notes never change a verdict: no notice."""
    session, view = make_session(packs, tmp_path)
    session.open(EU_RETAILER, asked=True)
    session.edit_title("x")
    session.edit_notes("y")
    assert view.verdict_change is None


def test_the_notices_undo_restores_the_earlier_verdict(packs, tmp_path):
    """Undo from the notice takes back the edits since the earlier verdict, even after a later title edit."""
    session, view = make_session(packs, tmp_path)
    session.open(EU_RETAILER, asked=True)
    before = session.scenario
    session.edit_answer("processing.timing", "post_event")
    change = view.verdict_change
    session.edit_title("later edit")
    session.undo_verdict_change(change)
    assert session.scenario == before
    assert view.evaluations[-1].overall is core.Verdict.PROHIBITED


def test_ctrl_z_and_ctrl_shift_z_in_the_window(qtbot, window):
    """Change an answer with the keyboard, Ctrl+Z undoes it in the form, Ctrl+Shift+Z redoes it."""
    window.open_example(EU_RETAILER)
    timing = window.form.rows["processing.timing"].input
    window.activateWindow()
    timing.setFocus()
    qtbot.waitUntil(timing.buttons["real_time"].hasFocus, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert window.session.scenario.answers["processing.timing"] == "near_real_time"
    assert window.undo_action.text().startswith("&Undo") and window.undo_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert timing.buttons["real_time"].isChecked() and timing.value() == "real_time"
    assert window.session.scenario.answers["processing.timing"] == "real_time"
    assert not window.isWindowModified()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert timing.buttons["near_real_time"].isChecked()
    settle(qtbot, window)


def test_the_window_shows_the_verdict_change_above_the_findings_with_one_click_undo(qtbot, window):
    """Apply in What would change: the notice names both verdicts and the edit; its Undo reverts."""
    window.open_path(OPTED_IN)
    window.results.setCurrentIndex(1)  # the What would change tab is filled when shown
    assert window.banner.isHidden()
    index = next(
        i
        for i, cs in enumerate(window.results.change_sets)
        if [(c.field, c.new) for c in cs.changes] == [("processing.timing", "post_event")]
    )
    window.results.whatif.anchorClicked.emit(QUrl(f"apply:{index}"))
    settle(qtbot, window)
    assert window.banner.isVisible()
    assert window.banner.plain_text.startswith("PROHIBITED → RESTRICTED because the change")
    assert (
        window.banner.mapTo(window, window.banner.rect().topLeft()).y()
        < window.results.mapTo(window, window.results.rect().topLeft()).y()
    )
    qtbot.mouseClick(window.banner.undo, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert window.session.scenario.answers["processing.timing"] == "real_time"
    assert window.session.evaluation().overall is core.Verdict.PROHIBITED
    assert window.form.rows["processing.timing"].input.value() == "real_time"
    assert window.banner.plain_text.startswith("RESTRICTED → PROHIBITED because")


def test_apply_to_a_copy_from_the_what_if_tab(qtbot, window):
    """The "Apply to a copy" link makes an untitled copy; the file stays as it was on disk."""
    window.open_path(OPTED_IN)
    window.results.setCurrentIndex(1)  # the What would change tab is filled when shown
    assert "Apply to a copy" in window.results.whatif.toPlainText()
    index = next(
        i
        for i, cs in enumerate(window.results.change_sets)
        if [(c.field, c.new) for c in cs.changes] == [("processing.timing", "post_event")]
    )
    window.results.whatif.anchorClicked.emit(QUrl(f"copy:{index}"))
    assert window.windowTitle() == "Untitled[*] — Clausewise" and window.isWindowModified()
    assert window.form.title.text().endswith("(what-if copy)")
    assert window.form.rows["processing.timing"].input.value() == "post_event"
