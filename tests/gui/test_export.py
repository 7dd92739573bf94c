"""Export and verify from the window: signing runs off the UI thread; errors lose nothing."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

import core


def click_ok(qtbot, dialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_export_creates_an_identity_on_first_use_and_writes_a_verifiable_memo(qtbot, body_cam, tmp_path):
    """New identity (name, organisation, email, passphrase twice), then sign; `clausewise verify` accepts it."""
    body_cam.export_memo()
    dialog = body_cam.export_dialog
    qtbot.waitExposed(dialog)
    assert dialog.identity.currentData() is None, "no identity yet"
    qtbot.mouseClick(dialog.new_identity, Qt.MouseButton.LeftButton)
    new = dialog.identity_dialog
    qtbot.keyClicks(new.holder, "Jane Doe")
    qtbot.keyClicks(new.organisation, "Example Police Procurement")
    qtbot.keyClicks(new.email, "jane@example.org")
    qtbot.keyClicks(new.passphrase, "pass phrase")
    qtbot.keyClicks(new.repeat, "pass phrase")
    click_ok(qtbot, new)
    assert dialog.identity.currentData() == "jane-doe"
    out = tmp_path / "memo.pdf"
    dialog.output.setText(str(out))
    click_ok(qtbot, dialog)
    assert body_cam.busy is not None, "a busy indicator shows while signing"
    qtbot.waitUntil(lambda: body_cam.last_export is not None, timeout=20000)
    assert body_cam.busy is None
    assert out.exists()
    assert "was written to" in body_cam.last_message.text() and str(out) in body_cam.last_message.text()
    assert any(b.text() == "Open &Folder" for b in body_cam.last_message.buttons())
    proc = subprocess.run([sys.executable, "-m", "core.cli", "verify", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Signed by Jane Doe, Example Police Procurement" in proc.stdout


def test_a_wrong_passphrase_shows_a_clear_message_and_writes_nothing(qtbot, body_cam, tmp_path):
    """The dialog comes back with the problem named; the file is not created."""
    core.create_identity("Jane Doe", passphrase="right")
    body_cam.export_memo()
    dialog = body_cam.export_dialog
    out = tmp_path / "never.pdf"
    dialog.output.setText(str(out))
    qtbot.keyClicks(dialog.passphrase, "wrong")
    click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: "passphrase does not open" in dialog.problem.text(), timeout=20000)
    assert dialog.isVisible(), "the dialog stays open to try again, with what was entered"
    assert dialog.output.text() == str(out)
    assert not out.exists()


def test_an_unwritable_destination_is_an_error_dialog(qtbot, body_cam, tmp_path):
    """Signing errors appear in a dialog; the scenario is untouched."""
    core.create_identity("Jane Doe", passphrase=None)
    before = body_cam.session.scenario
    body_cam.export_memo()
    dialog = body_cam.export_dialog
    dialog.output.setText(str(tmp_path / "no-such-folder" / "memo.pdf"))
    click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: body_cam.last_message is not None and body_cam.last_message.isVisible(), timeout=20000)
    assert "cannot write" in body_cam.last_message.text()
    assert body_cam.session.scenario == before


def test_verify_memo_shows_the_report_in_plain_words(qtbot, body_cam, tmp_path, packs, monkeypatch):
    """File → Verify Memo: the report says verified, who signed, and that the conclusion is reproducible."""
    identity = core.create_identity("Jane Doe", passphrase=None)
    memo = tmp_path / "memo.pdf"
    core.export_signed_memo(body_cam.session.evaluation(), packs, memo, identity)
    monkeypatch.setattr(body_cam, "ask_pdf_path", lambda: memo)
    body_cam.verify_memo()
    qtbot.waitUntil(lambda: body_cam.last_dialog is not None, timeout=20000)
    text = body_cam.last_dialog.browser.toPlainText()
    assert "VERIFIED" in text and "Signed by Jane Doe" in text and "Reproducible: yes" in text


def test_long_term_validation_needs_a_timestamp_server(qtbot, body_cam, tmp_path):
    """Ticking long-term validation without a timestamp server keeps the dialog open and says why."""
    core.create_identity("Jane Doe", passphrase=None)
    body_cam.export_memo()
    dialog = body_cam.export_dialog
    dialog.output.setText(str(tmp_path / "m.pdf"))
    dialog.tsa.clear()
    dialog.lta.setFocus()
    qtbot.keyClick(dialog.lta, Qt.Key.Key_Space)
    assert dialog.lta.isChecked()
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and "needs a timestamp server" in dialog.problem.text()
    assert not (tmp_path / "m.pdf").exists()


def test_countersign_from_the_file_menu(qtbot, body_cam, tmp_path, packs, monkeypatch):
    """File → Countersign Memo: choose the memo, identity and role; the result verifies with both signers."""
    jane = core.create_identity("Jane Doe", passphrase=None)
    core.create_identity("Bob Roe", passphrase=None, name="bob")
    memo = tmp_path / "memo.pdf"
    core.export_signed_memo(body_cam.session.evaluation(), packs, memo, jane)
    monkeypatch.setattr(body_cam, "ask_pdf_path", lambda: memo)
    action = next(a for a in body_cam.menuBar().actions()[0].menu().actions() if a.text() == "&Countersign Memo…")
    action.trigger()
    dialog = body_cam.countersign_dialog
    qtbot.waitExposed(dialog)
    dialog.identity.setCurrentIndex(dialog.identity.findData("bob"))
    dialog.role.setText("Head of Legal")
    assert dialog.output.text().endswith("memo-countersigned.pdf")
    click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: body_cam.last_message is not None and body_cam.last_message.isVisible(), timeout=20000)
    assert "now carries 2 signatures" in body_cam.last_message.text()
    report = core.verify_memo(tmp_path / "memo-countersigned.pdf")
    assert report.exit_status == 0
    assert [(s.signer, s.role) for s in report.signatures] == [("Jane Doe", "Preparer"), ("Bob Roe", "Head of Legal")]
