"""The app shows errors, never tracebacks: unexpected errors get a dialog, a log file and the draft kept."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

import core
from gui.crash import LOG_NAME, error_text, install_crash_reporter, log_dir


def _install(window, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    return install_crash_reporter(window, window.session.autosave)


def _boom():
    raise ZeroDivisionError("boom in a slot")


def test_an_error_in_a_slot_shows_a_dialog_writes_the_log_and_keeps_the_draft(qtbot, body_cam, monkeypatch):
    """Unsaved edit, then a bug in a Qt slot: dialog with Copy details, log under the user log dir, draft on disk."""
    reporter = _install(body_cam, monkeypatch)
    body_cam.form.title.setFocus()
    qtbot.keyClicks(body_cam.form.title, " (unsaved)")
    body_cam.autosave_timer.stop()
    assert body_cam.session.pending_draft() is None
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: reporter.last_box is not None and reporter.last_box.isVisible(), timeout=5000)
    box = reporter.last_box
    assert "unexpected error: ZeroDivisionError: boom in a slot" in box.text()
    assert "Traceback" not in box.text() and "Traceback" in box.detailedText()
    assert str(log_dir() / LOG_NAME) in box.informativeText()
    assert "ZeroDivisionError: boom in a slot" in (log_dir() / LOG_NAME).read_text(encoding="utf-8")
    assert body_cam.session.pending_draft().scenario.title.endswith(" (unsaved)")
    copy = next(b for b in box.buttons() if b.text() == "&Copy details")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert "ZeroDivisionError: boom in a slot" in QApplication.clipboard().text()
    assert box.isVisible(), "copying does not close the dialog"


def test_an_error_in_a_worker_thread_reaches_the_dialog(qtbot, window, monkeypatch):
    """threading.excepthook hands the error to the UI thread, which shows it."""
    reporter = _install(window, monkeypatch)
    worker = threading.Thread(target=_boom)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.last_box is not None, timeout=5000)
    assert reporter.last_box.icon() == QMessageBox.Icon.Critical
    assert "ZeroDivisionError" in reporter.last_box.text()


def test_open_shows_a_loader_crash_as_a_dialog_and_keeps_the_scenario(qtbot, body_cam, monkeypatch, tmp_path):
    """A file the loader chokes on (deep nesting) is an error dialog naming the file; nothing is lost."""
    deep = tmp_path / "deep.scenario.yaml"
    deep.write_text("clausewise: scenario/1\nanswers: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    before = body_cam.session.scenario
    monkeypatch.setattr(body_cam, "ask_open_path", lambda: deep)
    body_cam.open_scenario()
    message = body_cam.last_message
    assert message is not None and message.isVisible() and str(deep) in message.text()
    assert body_cam.session.scenario == before


def test_a_pdf_chosen_in_open_suggests_verify_memo(qtbot, body_cam, monkeypatch, tmp_path):
    """Open on a PDF: a dialog in plain words pointing to Verify Memo, not a decoding error."""
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\x93\x8c\x8b\x9e\n")
    monkeypatch.setattr(body_cam, "ask_open_path", lambda: pdf)
    body_cam.open_scenario()
    text = body_cam.last_message.text()
    assert "Verify Memo" in text and "0x93" not in text


def test_a_user_error_nobody_caught_shows_its_own_line_and_keeps_the_draft(qtbot, body_cam, monkeypatch):
    """A ClausewiseError reaching the crash hook reads as the shared one-line message, not as a bug."""
    reporter = _install(body_cam, monkeypatch)
    qtbot.keyClicks(body_cam.form.title, " (unsaved)")
    body_cam.autosave_timer.stop()
    error = core.InputError("the value is not a date", file="plan.scenario.yaml", key="as_of", line=4)

    def fail():
        raise error

    QTimer.singleShot(0, fail)
    qtbot.waitUntil(lambda: reporter.last_box is not None and reporter.last_box.isVisible(), timeout=5000)
    assert reporter.last_box.text() == core.explain_error(error).message
    assert reporter.last_box.text() == "plan.scenario.yaml:4: as_of: the value is not a date"
    assert body_cam.session.pending_draft().scenario.title.endswith(" (unsaved)")


def test_error_text_is_the_shared_line_for_user_errors_and_a_report_request_for_bugs(tmp_path):
    """The dialogs' text comes from core.explain_error: same words as the CLI's line."""
    try:
        tmp_path.read_text(encoding="utf-8")
    except OSError as exc:
        refused = exc
    assert error_text(refused) == f"{tmp_path}: Is a directory" == core.explain_error(refused).message
    assert error_text(ValueError("bad\nvalue")) == (
        "Unexpected error (ValueError: bad\\nvalue). Nothing was lost; please report this."
    )


def test_a_bug_while_exporting_is_a_dialog_and_the_scenario_stays(qtbot, body_cam, monkeypatch, tmp_path):
    """A bug in the signing step: 'Unexpected error (…)' dialog, the scenario and its edits kept."""
    core.create_identity("Jane Doe", passphrase=None)
    qtbot.keyClicks(body_cam.form.title, " (unsaved)")
    before = body_cam.session.scenario

    def buggy(*args, **kwargs):
        raise RuntimeError("signing bug")

    monkeypatch.setattr(core, "export_signed_memo", buggy)  # a bug in the signer; the dialog is real
    body_cam.export_memo()
    dialog = body_cam.export_dialog
    dialog.output.setText(str(tmp_path / "memo.pdf"))
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: body_cam.last_message is not None and body_cam.last_message.isVisible(), timeout=20000)
    assert body_cam.last_message.text() == error_text(RuntimeError("signing bug"))
    assert body_cam.session.scenario == before and body_cam.session.dirty
