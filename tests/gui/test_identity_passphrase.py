"""The app's new-identity dialog refuses an empty passphrase, as `clausewise identity create` does;
a key without a passphrase needs the explicit "No passphrase" choice (the CLI's --no-passphrase)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import core
from core.signing.identity import open_identity
from tests.gui.test_export import click_ok


def _new_identity_dialog(qtbot, window):
    window.export_memo()
    export = window.export_dialog
    qtbot.waitExposed(export)
    qtbot.mouseClick(export.new_identity, Qt.MouseButton.LeftButton)
    dialog = export.identity_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.holder, "Jane Doe")
    return export, dialog


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_passphrase_is_refused_with_a_clear_message(qtbot, body_cam, typed):
    """Create with an empty (or blank) passphrase twice: the dialog stays open, says why, and creates no identity."""
    _, dialog = _new_identity_dialog(qtbot, body_cam)
    qtbot.keyClicks(dialog.passphrase, typed)
    qtbot.keyClicks(dialog.repeat, typed)
    click_ok(qtbot, dialog)
    assert dialog.isVisible(), "the dialog must stay open"
    assert "empty passphrase is refused" in dialog.problem.text()
    assert dialog.passphrase.hasFocus() or dialog.focusWidget() is dialog.passphrase
    assert core.list_identities() == []


def test_no_passphrase_only_by_explicit_choice(qtbot, body_cam):
    """Ticking "No passphrase" creates a key without one (opened with no passphrase), as --no-passphrase does."""
    export, dialog = _new_identity_dialog(qtbot, body_cam)
    qtbot.mouseClick(dialog.no_passphrase, Qt.MouseButton.LeftButton)
    assert not dialog.passphrase.isEnabled()
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    [identity] = core.list_identities()
    assert export.identity.currentData() == identity.name
    assert open_identity(identity, None)  # no passphrase needed


def test_a_passphrase_typed_twice_protects_the_key(qtbot, body_cam):
    """A passphrase typed twice is used: the key does not open without it."""
    _, dialog = _new_identity_dialog(qtbot, body_cam)
    qtbot.keyClicks(dialog.passphrase, "correct horse")
    qtbot.keyClicks(dialog.repeat, "correct horse")
    click_ok(qtbot, dialog)
    [identity] = core.list_identities()
    assert open_identity(identity, "correct horse")
    with pytest.raises(core.WrongPassphrase):
        open_identity(identity, None)
