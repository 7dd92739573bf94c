"""Filling the form with keyboard and mouse changes the verdict live; conditional questions."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QWidget

import core
from core import Verdict
from gui.form import FIRST_SCREEN
from tests.gui.conftest import settle

BODY_CAM = core.resources_dir() / "examples" / "body-cam-patrol-uk.scenario.yaml"


def choose(qtbot, window, field_id: str, label: str) -> None:
    """Pick an option of a drop-down the way a keyboard user does: focus it, type, confirm."""
    combo = window.form.rows[field_id].input.combo
    combo.setFocus()
    index = combo.findText(label)
    assert index > 0, label
    while combo.currentIndex() != index:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up)


def tick(qtbot, window, field_id: str, label: str) -> None:
    """Tick a checkbox with the space bar (a click on a stretched checkbox can miss its indicator)."""
    box = next(b for b in window.form.rows[field_id].input.boxes.values() if b.text() == label)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def test_a_new_scenario_is_undetermined_and_lists_questions(window):
    """Nothing answered: undetermined, with the questions that decide it."""
    ev = window.session.evaluation()
    assert ev.overall is Verdict.UNDETERMINED
    assert "Questions that would decide this" in window.findings.toPlainText()
    assert "UNDETERMINED" in window.findings.toPlainText()
    assert "Undetermined" in window.verdict_label.text()


def test_filling_the_form_by_keyboard_changes_the_verdict_live(qtbot, window):
    """Answer the body-cam facts one by one; the findings panel follows each change."""
    choose(qtbot, window, "deployer.kind", "Law enforcement agency")
    tick(qtbot, window, "service", "Azure OpenAI Service")
    tick(qtbot, window, "capabilities", "Face identification (1:N)")
    settle(qtbot, window)
    assert window.session.evaluation().overall is Verdict.PROHIBITED, "the general identification clause"
    assert "Identifying or verifying people from their faces" in window.findings.toPlainText()
    assert window.windowTitle() == "Untitled[*] — Clausewise" and window.isWindowModified()
    assert "Prohibited" in window.verdict_label.text()


def test_a_conditional_question_appears_and_its_answer_stops_counting_when_hidden(qtbot, window):
    """law_enforcement.level is asked only for law enforcement; hidden, its answer no longer counts."""
    row = window.form.rows["law_enforcement.level"]
    assert row.isHidden()
    choose(qtbot, window, "deployer.kind", "Law enforcement agency")
    settle(qtbot, window)
    assert not row.isHidden()
    choose(qtbot, window, "law_enforcement.level", "US local police (city or county)")
    tick(qtbot, window, "service", "Azure OpenAI Service")
    tick(qtbot, window, "capabilities", "Face identification (1:N)")
    window.form.use_date.setChecked(True)
    window.form.date.setDate(window.form.date.date().fromString("2024-06-01", "yyyy-MM-dd"))
    settle(qtbot, window)
    azure = window.session.evaluation().pack("microsoft-azure-openai")
    assert azure.finding("us-police-facial-recognition") is not None
    choose(qtbot, window, "deployer.kind", "Private company")
    settle(qtbot, window)
    assert row.isHidden(), "whether it is asked is unknown until 'operated for law enforcement' is answered"
    azure = window.session.evaluation().pack("microsoft-azure-openai")
    assert azure.finding("us-police-facial-recognition").verdict is Verdict.UNDETERMINED
    for_le = window.form.rows["deployer.for_law_enforcement"].input.buttons[False]
    qtbot.mouseClick(for_le, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert row.isHidden()
    assert window.session.scenario.answers["law_enforcement.level"] == "us_local", "kept in the file"
    azure = window.session.evaluation().pack("microsoft-azure-openai")
    assert azure.finding("us-police-facial-recognition") is None, "but it does not count"


def test_not_answered_is_a_visible_choice_for_booleans_and_lists(qtbot, window):
    """Booleans offer Yes / No / Not answered; a list with nothing ticked says "Not answered"."""
    boolean = window.form.rows["decisions.consequential"].input
    assert boolean.buttons[None].isChecked() and boolean.buttons[None].text() == "Not answered"
    qtbot.mouseClick(boolean.buttons[False], Qt.MouseButton.LeftButton)
    assert window.session.scenario.answers["decisions.consequential"] is False
    qtbot.mouseClick(boolean.buttons[None], Qt.MouseButton.LeftButton)
    assert "decisions.consequential" not in window.session.scenario.answers
    services = window.form.rows["service"].input
    assert services.state.text() == "Not answered"
    services.none_box.setFocus()
    qtbot.keyClick(services.none_box, Qt.Key.Key_Space)
    assert window.session.scenario.answers["service"] == ()
    assert services.state.text() == ""


def test_country_picker_is_searchable(qtbot, window):
    """Typing part of a country's name and Enter picks it."""
    picker = window.form.rows["deployer.country"].input.picker
    picker.setFocus()
    picker.lineEdit().selectAll()
    qtbot.keyClicks(picker.lineEdit(), "Norway (NO)")
    qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)
    assert window.session.scenario.answers["deployer.country"] == "NO"


def test_a_question_link_moves_focus_to_its_field(qtbot, body_cam):
    """Activating "Questions that would decide this" focuses the field."""
    timing = body_cam.form.rows["processing.timing"].input
    qtbot.mouseClick(timing.buttons[None], Qt.MouseButton.LeftButton)  # not answered
    settle(qtbot, body_cam)
    assert "processing.timing" in body_cam.session.evaluation().questions
    assert 'href="field:processing.timing"' in body_cam.findings.toHtml()
    body_cam.findings.anchorClicked.emit(QUrl("field:processing.timing"))
    qtbot.waitUntil(lambda: timing.buttons[None].hasFocus(), timeout=2000)


def test_every_input_has_an_accessible_name(window):
    """Screen readers can name every question."""
    for fid, row in window.form.rows.items():
        assert row.input.accessibleName() == window.packs.questionnaire.fields[fid].label


def test_findings_show_badges_quotes_and_citations(body_cam):
    """Badges with text and symbol; the quoted clause; its citation and status."""
    text = body_cam.findings.toPlainText()
    assert "✖ PROHIBITED" in text
    assert "be used for any real-time facial recognition technology on mobile cameras" in text
    assert "status: secondary" in text
    assert "Version in force: 2024-05-01" in text
    assert "Evidence: All 3 findings behind this verdict quote policy wording only as reported by the press" in text


def test_user_text_is_never_markup(qtbot, window):
    """A title with HTML in it is shown literally (findings are built from escaped text)."""
    window.form.title.setFocus()
    qtbot.keyClicks(window.form.title, "<b>bold</b> & co")
    assert window.session.scenario.title == "<b>bold</b> & co"


def _tab_stops(form) -> list[tuple[str, QWidget]]:
    """Each question's inputs in the order Tab reaches them: (field id, widget)."""
    owner = {}
    for fid, row in form.rows.built.items():
        for child in row.findChildren(QWidget):
            owner[child] = fid
    stops, widget = [], form.title
    for _ in range(5000):
        widget = widget.nextInFocusChain()
        if widget is form.title:
            break
        if widget in owner and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append((owner[widget], widget))
    return stops


def test_questions_not_asked_are_built_late_in_their_place_in_the_tab_order(qtbot, body_cam):
    """The example's unasked questions are not built at start-up; built later, in any order, each
    row's inputs come in the Tab order exactly where the row stands in the form."""
    form = body_cam.form
    late = [fid for fid in form.rows if fid not in form.rows.built]
    assert len(late) >= 8, "the questions the example does not ask"
    for fid in reversed(late):
        assert form.rows[fid].isHidden()
    visited: list[str] = []
    for fid, _ in _tab_stops(form):
        if not visited or visited[-1] != fid:
            visited.append(fid)
    assert visited == [fid for fid in form.rows if fid in visited]  # form order, each row once
    assert len(visited) == len(form.rows)


def test_each_kind_of_input_names_exactly_its_tab_stops(window):
    """The Tab stops an input names (kept quick at start-up) are the ones a look through all its
    children finds, in the same order: for every question, with a file's answers in."""
    from gui.inputs import FieldInput

    window.open_example(BODY_CAM)
    kinds = set()
    for field_id in window.form.rows:
        field_input = window.form.rows[field_id].input
        kinds.add(type(field_input).__name__)
        assert field_input.tab_stops() == FieldInput.tab_stops(field_input), field_id
        assert field_input.tab_stops(), field_id
    assert len(kinds) >= 6, kinds


def _started(qtbot, packs, monkeypatch):
    """A window as the app starts one: the example opened before the window first shows."""
    from gui.main_window import MainWindow
    from gui.settings import Settings

    w = MainWindow(packs, Settings(), show_empty=False)
    monkeypatch.setattr(w, "ask_save_changes", lambda *_: "discard")
    qtbot.addWidget(w)
    w.open_example(BODY_CAM)
    return w


def test_questions_below_the_first_screen_are_built_once_the_window_shows(qtbot, packs, monkeypatch, body_cam):
    """At start-up only the first screenful of asked questions is built before the window shows; the
    others are built once the form has been painted, and the form ends exactly as when every question is
    built at once (``body_cam``: the example opened in a shown window): the same rows, shown and
    hidden alike, with the same answers, in the same Tab order."""
    w = _started(qtbot, packs, monkeypatch)
    asked = [fid for fid in w.form.rows if fid in set(w.session.visible_fields())]
    assert len(asked) > FIRST_SCREEN + 5
    assert list(w.form.rows.built) == asked[:FIRST_SCREEN]
    assert w.form.rows.waiting == asked[FIRST_SCREEN:]
    for sid, box in w.form.sections.items():  # a section shows with its first built question
        assert box.isHidden() != any(f in w.form.rows.built for f in w.form.rows.section_fields[sid]), sid
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not w.form.rows.waiting, timeout=5000)
    reference = body_cam.form
    assert {s: b.isHidden() for s, b in w.form.sections.items()} == {
        s: b.isHidden() for s, b in reference.sections.items()
    }
    assert set(w.form.rows.built) == set(reference.rows.built) == set(asked)
    for fid in asked:
        row, expected = w.form.rows.built[fid], reference.rows.built[fid]
        assert not row.isHidden() and row.input.value() == expected.input.value(), fid
    assert [fid for fid, _ in _tab_stops(w.form)] == [fid for fid, _ in _tab_stops(reference)]


def test_a_waiting_question_asked_for_is_built_at_once_and_shown(qtbot, packs, monkeypatch):
    """Code that needs a question before its turn (a link to it, a value put in it) gets it built,
    shown, with its answer; the event loop does not build it again."""
    w = _started(qtbot, packs, monkeypatch)
    last = w.form.rows.waiting[-1]
    row = w.form.rows[last]
    assert last in w.form.rows.built and last not in w.form.rows.waiting
    assert not row.isHidden() and row.input.value() == w.session.scenario.answers.get(last)
    w.show()
    qtbot.waitExposed(w)
    nxt = w.form.rows.waiting[0]
    assert w.form.focus_field(nxt), "a link to a waiting question reaches it"
    qtbot.waitUntil(lambda: not w.form.rows.waiting, timeout=5000)
    assert w.form.rows.built[last] is row


def test_a_question_no_longer_asked_is_not_built_by_the_event_loop(qtbot, packs, monkeypatch):
    """If the questions asked change before the waiting ones are built, only those still asked are."""
    w = _started(qtbot, packs, monkeypatch)
    dropped = w.form.rows.waiting[1::2]
    still = [fid for fid in w.session.visible_fields() if fid not in dropped]
    w.form.show_visible(tuple(still))
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not w.form.rows.waiting, timeout=5000)
    assert not set(dropped) & set(w.form.rows.built)
    assert set(still) <= set(w.form.rows.built)


def test_a_window_gone_at_its_first_paint_leaves_no_question_to_build(qtbot, packs):
    """If the window is deleted in the pass of its first paint, the questions still waiting are not
    built on its deleted widgets (the event loop raises nothing)."""
    import shiboken6
    from PySide6.QtCore import QEvent, QObject

    from gui.main_window import MainWindow
    from gui.settings import Settings

    w = MainWindow(packs, Settings(), show_empty=False)
    w.ask_save_changes = lambda *_: "discard"
    w.open_example(BODY_CAM)
    assert w.form.rows.waiting

    class DeleteAtPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and shiboken6.isValid(w):
                w.deleteLater()
            return False

    spy = DeleteAtPaint()
    w.form.widget().installEventFilter(spy)
    w.show()
    qtbot.waitUntil(lambda: not shiboken6.isValid(w), timeout=5000)
    qtbot.wait(50)  # the pass in which the waiting questions would have been built
