"""The presenter's file flows, driven headless: a fake view, no QApplication, no window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import core
from tests.gui.fake_view import BODY_CAM, EU_RETAILER, make_session

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "core" / "bad" / "scenarios" / "unknown-option.scenario.yaml"


def test_a_new_session_is_an_untitled_clean_scenario(packs, tmp_path):
    """Before anything is opened: Untitled, nothing unsaved, undetermined."""
    _session, view = make_session(packs, tmp_path)
    assert view.title == ("Untitled[*] — Clausewise", False)
    assert view.evaluations[-1].overall is core.Verdict.UNDETERMINED
    assert view.history == (None, None)


def test_open_shows_the_file_and_remembers_it(packs, tmp_path):
    """Open: the form gets the file's scenario, the title its name, Open Recent its path."""
    session, view = make_session(packs, tmp_path)
    view.script("open_path", EU_RETAILER)
    assert session.open()
    assert view.shown[-1] == core.load_scenario(EU_RETAILER, packs.questionnaire)
    assert view.title == ("eu-retailer-live-face-matching.scenario.yaml[*] — Clausewise", False)
    assert session.settings.recent_files[0] == str(EU_RETAILER.resolve())
    assert view.evaluations[-1].overall is core.Verdict.PROHIBITED


def test_open_cancelled_in_the_file_dialog_changes_nothing(packs, tmp_path):
    """No file chosen: the scenario, its file and its history stay."""
    session, view = make_session(packs, tmp_path)
    session.edit_title("mine")
    view.script("save_changes", "discard")
    view.script("open_path", None)
    assert not session.open()
    assert session.scenario.title == "mine" and session.history.undo_label == "Title"


def test_an_invalid_file_is_an_error_naming_file_field_and_line_and_nothing_changes(packs, tmp_path):
    """The error dialog has the loader's message; the open scenario is untouched."""
    session, view = make_session(packs, tmp_path)
    session.open_example(BODY_CAM)
    before = session.scenario
    assert not session.open(BAD, asked=True)
    [(title, text)] = view.errors
    assert title == "Cannot open this scenario"
    assert text.startswith(f"{BAD}:6: answers.deployer.kind: 'police' is not an option")
    assert session.scenario == before and session.example == "body-cam-patrol-uk"


def test_a_pdf_opened_as_a_scenario_suggests_verify_memo_in_plain_words(packs, tmp_path):
    """A memo chosen by mistake: "this is a PDF … use File → Verify Memo", not a decoding error."""
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\x93\x8c\x8b\x9e\n1 0 obj\n<<>>\nendobj\n")
    session, view = make_session(packs, tmp_path)
    assert not session.open(pdf, asked=True)
    title, text = view.errors[-1]
    assert title == "Cannot open this scenario"
    assert text.startswith(f"{pdf}: this is a PDF document") and "Verify Memo" in text
    assert "UTF-8" not in text and "0x93" not in text


def test_unsaved_changes_are_asked_about_before_open_and_cancel_keeps_them(packs, tmp_path):
    """Cancel: still the edited scenario. Discard: the other file opens."""
    session, view = make_session(packs, tmp_path)
    session.edit_title("work in progress")
    view.script("save_changes", "cancel", "discard")
    assert not session.open(EU_RETAILER)
    assert session.scenario.title == "work in progress"
    assert session.open(EU_RETAILER)
    assert [q for q, _ in view.asked] == ["save_changes", "save_changes"]
    assert view.asked[0][1] == "Untitled"
    assert session.path == EU_RETAILER and not session.dirty


def test_save_in_the_prompt_saves_first_then_goes_on(packs, tmp_path):
    """New with unsaved changes → Save → asked where → written → the new scenario."""
    session, view = make_session(packs, tmp_path)
    session.edit_title("Keep me")
    target = tmp_path / "keep.scenario.yaml"
    view.script("save_changes", "save")
    view.script("save_path", target)
    assert session.new()
    assert core.load_scenario(target, packs.questionnaire).title == "Keep me"
    assert session.scenario == core.Scenario() and session.path is None


def test_a_failed_save_in_the_prompt_stops_new(packs, tmp_path):
    """If saving fails, New does not throw the work away."""
    session, view = make_session(packs, tmp_path)
    session.edit_title("Keep me")
    view.script("save_changes", "save")
    view.script("save_path", tmp_path / "no-such-folder" / "x.scenario.yaml")
    assert not session.new()
    assert session.scenario.title == "Keep me" and session.dirty
    assert view.errors and view.errors[-1][0] == "Cannot save"


def test_save_as_suggests_a_name_from_the_title_and_writes_atomically(packs, tmp_path):
    """Save As proposes a file name made from the title; afterwards the title shows the file, clean."""
    session, view = make_session(packs, tmp_path)
    session.edit_title("Drone patrol: Lyon")
    target = tmp_path / "drone.scenario.yaml"
    view.script("save_path", target)
    assert session.save()
    assert view.asked == [("save_path", "drone-patrol-lyon.scenario.yaml")]
    assert view.title == ("drone.scenario.yaml[*] — Clausewise", False)
    assert not list(tmp_path.glob("*.tmp*")), "no temporary file left behind"
    assert session.save(), "a second Save writes to the same file without asking"
    assert len(view.asked) == 1


def test_an_example_is_never_overwritten(packs, tmp_path):
    """Save on an example asks for a new file: the example has no file of its own."""
    session, view = make_session(packs, tmp_path)
    session.open_example(BODY_CAM)
    view.script("save_path", None)
    assert not session.save()
    assert view.asked == [("save_path", "body-cam-patrol-uk.scenario.yaml")]
    assert session.path is None


def test_export_request_suggests_the_memo_next_to_the_scenario(packs, tmp_path):
    """The memo is suggested beside the scenario file, or in the last export folder once there is one."""
    session, _view = make_session(packs, tmp_path)
    scenario = tmp_path / "mine.scenario.yaml"
    core.save_scenario(core.load_scenario(EU_RETAILER, packs.questionnaire), scenario, packs.questionnaire)
    session.open(scenario, asked=True)
    request = session.memos.request()
    assert request.suggested == tmp_path / "mine.memo.pdf"
    assert request.evaluation.overall is core.Verdict.PROHIBITED
    session.settings.export_dir = str(tmp_path / "memos")
    assert session.memos.request().suggested == tmp_path / "memos" / "mine.memo.pdf"


def test_close_asks_and_a_clean_exit_leaves_no_draft(packs, tmp_path):
    """Cancel keeps the window open and the draft; Discard closes and removes it."""
    session, view = make_session(packs, tmp_path)
    session.edit_title("draft")
    session.autosave()
    view.script("save_changes", "cancel", "discard")
    assert not session.close()
    assert session.pending_draft() is not None
    assert session.close()
    assert session.pending_draft() is None


def test_the_session_modules_run_with_qt_unavailable(tmp_path):
    """gui.session and everything it imports work in a Python where PySide6 cannot be imported."""
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\nsys.modules['PySide6'] = None\nsys.modules['shiboken6'] = None\n")
    script = (
        "import core, sys\n"
        "from gui.session import Session\n"
        "from tests.gui.fake_view import FakeView, OPTED_IN\n"
        "view = FakeView()\n"
        "s = Session(core.load_packs(), view, autosave_dir=__import__('pathlib').Path(sys.argv[1]))\n"
        "view.session = s\n"
        "assert s.open(OPTED_IN, asked=True)\n"
        "s.edit_answer('processing.timing', 'post_event')\n"
        "print(view.verdict_change.headline())\n"
        "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules if sys.modules[m])\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "autosave")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("PROHIBITED → RESTRICTED because")
    check = subprocess.run([sys.executable, "-c", "import PySide6"], env=env, capture_output=True)
    assert check.returncode != 0, "the blocker must really block PySide6"
