"""Export Signed Memo and Countersign Memo, driven headless: the session's flow on a fake view,
real identities, real pyHanko signatures checked by core.verify_memo."""

from __future__ import annotations

from pathlib import Path

import core
from gui.memo_flow import KEEP_ORIGINAL, WRONG_PASSPHRASE, memo_file_name
from gui.session_view import SigningChoice
from tests.gui.fake_view import BODY_CAM, make_session


def opened(packs, tmp_path):
    """A session with the body-cam example open."""
    session, view = make_session(packs, tmp_path)
    assert session.open(BODY_CAM, asked=True)
    return session, view


def choice(output: Path, passphrase: str | None = None, **more) -> SigningChoice:
    return SigningChoice("jane-doe", passphrase, "", output, **more)


def test_export_signs_the_shown_evaluation_and_says_where(packs, tmp_path):
    """Sign: the memo verifies, the message names its path, identity and folder are remembered."""
    core.create_identity("Jane Doe", passphrase="right")
    session, view = opened(packs, tmp_path)
    out = tmp_path / "out" / "body-cam.memo.pdf"
    out.parent.mkdir()
    view.script("signing", choice(out, "right"))
    session.memos.export()
    form = view.asked[-1][1]
    assert form.memo is None and form.suggested.name == "body-cam-patrol-uk.memo.pdf"
    assert view.busy == ["Signing the memo…"] and view.errors == []
    written = view.written[-1]
    assert written.path == out and str(out) in written.text and written.title == "Memo written"
    report = core.verify_memo(out)
    assert report.exit_status == 0 and report.signatures[0].signer == "Jane Doe"
    assert session.settings.last_identity == "jane-doe" and session.settings.export_dir == str(out.parent)


def test_cancelling_the_export_dialog_writes_and_remembers_nothing(packs, tmp_path):
    """Cancel in the dialog: no signing starts, no file, the settings as they were."""
    session, view = opened(packs, tmp_path)
    view.script("signing", None)
    session.memos.export()
    assert view.busy == [] and view.written == [] and view.errors == []
    assert session.settings.last_identity == "" and session.settings.export_dir == ""


def test_an_existing_file_is_replaced_only_when_the_user_agrees(packs, tmp_path):
    """No: the dialog comes back naming the file, which keeps its bytes; Yes: the memo replaces it."""
    core.create_identity("Jane Doe", passphrase=None)
    session, view = opened(packs, tmp_path)
    out = tmp_path / "memo.pdf"
    out.write_bytes(b"an earlier memo")
    view.script("signing", choice(out), None)
    view.script("overwrite", False)
    session.memos.export()
    assert view.problems == [("memo.pdf is kept: choose another file name.", "output")]
    assert out.read_bytes() == b"an earlier memo" and view.busy == []
    view.script("signing", choice(out))
    view.script("overwrite", True)
    session.memos.export()
    assert view.written[-1].path == out and core.verify_memo(out).exit_status == 0


def test_a_wrong_passphrase_brings_the_dialog_back_and_the_right_one_signs(packs, tmp_path):
    """Wrong passphrase: the dialog again (passphrase selected), nothing written; then the right one signs."""
    core.create_identity("Jane Doe", passphrase="right")
    session, view = opened(packs, tmp_path)
    out = tmp_path / "memo.pdf"
    view.script("signing", choice(out, "wrong"), choice(out, "right"))
    session.memos.export()
    assert view.problems == [(WRONG_PASSPHRASE, "passphrase")]
    assert view.errors == [] and view.written[-1].path == out
    assert core.verify_memo(out).exit_status == 0


def test_a_failed_export_keeps_the_scenario_its_unsaved_state_and_its_draft(packs, tmp_path):
    """Unwritable destination: one error dialog naming the problem; edits, unsaved marker and draft stay."""
    core.create_identity("Jane Doe", passphrase=None)
    session, view = opened(packs, tmp_path)
    session.edit_title("Body cams (my edit)")
    session.autosave()
    draft = session.drafts.file
    assert draft.exists()
    before = session.scenario
    view.script("signing", choice(tmp_path / "no-such-folder" / "memo.pdf"))
    session.memos.export()
    assert [title for title, _ in view.errors] == ["The memo was not written"]
    assert "cannot write" in view.errors[0][1]
    assert session.scenario == before and session.dirty and draft.exists()
    assert view.written == [] and view.title[1] is True


def test_countersign_cancelled_at_the_memo_or_at_the_dialog_does_nothing(packs, tmp_path):
    """No memo chosen: no dialog; dialog cancelled: no signing."""
    session, view = opened(packs, tmp_path)
    view.script("pdf_path", None)
    session.memos.countersign()
    assert [q for q, _ in view.asked if q == "signing"] == []
    view.script("pdf_path", tmp_path / "memo.pdf")
    view.script("signing", None)
    session.memos.countersign()
    assert view.busy == [] and view.written == []


def test_countersign_adds_a_signature_in_a_new_file_and_never_over_the_original(packs, tmp_path):
    """Output = the original: refused (the dialog again); a new file: both signers, the role on the second."""
    jane = core.create_identity("Jane Doe", passphrase=None)
    core.create_identity("Bob Roe", passphrase=None, name="bob")
    session, view = opened(packs, tmp_path)
    memo = tmp_path / "memo.pdf"
    core.export_signed_memo(session.evaluation(), packs, memo, jane)
    original = memo.read_bytes()
    out = tmp_path / "approved.pdf"
    view.script("pdf_path", memo)
    bob = SigningChoice("bob", None, "", memo, role="Head of Legal")
    view.script("signing", bob, SigningChoice("bob", None, "", out, role="Head of Legal"))
    session.memos.countersign()
    assert view.problems == [(KEEP_ORIGINAL, "output")] and memo.read_bytes() == original
    assert view.asked[1][1].suggested == tmp_path / "memo-countersigned.pdf"
    assert view.written[-1].title == "Memo countersigned" and "now carries 2 signatures" in view.written[-1].text
    report = core.verify_memo(out)
    assert report.exit_status == 0
    assert [(s.signer, s.role) for s in report.signatures] == [("Jane Doe", "Preparer"), ("Bob Roe", "Head of Legal")]
    assert session.settings.export_dir == "", "countersigning does not move the export folder"


def test_the_memo_file_name_follows_the_scenario_file_name():
    """x.scenario.yaml and x.yaml both give x.memo.pdf (one home for the ending: the window and the headless app)."""
    assert memo_file_name("body-cam.scenario.yaml") == "body-cam.memo.pdf"
    assert memo_file_name("other.yaml") == "other.memo.pdf"
