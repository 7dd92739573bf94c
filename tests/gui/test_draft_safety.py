"""A corrupt or hostile autosaved draft never stops start-up: it is set aside (kept for inspection),
the user is told in plain words, and work goes on in the window."""

from __future__ import annotations

import json

import pytest

import core
from tests.gui.fake_view import BODY_CAM, make_session

FORMAT = {"clausewise": "draft/1", "saved_at": "2026-11-30T10:00:00"}
DEEP = 200_000


def _genuine(packs) -> dict:
    scenario = core.load_scenario(BODY_CAM, packs.questionnaire)
    return {**FORMAT, "path": None, "scenario": core.scenario_to_yaml(scenario, packs.questionnaire)}


HOSTILE = {
    "JSON nested 200,000 deep": lambda _: b"[" * DEEP + b"]" * DEEP,
    "a draft value nested 50,000 deep": lambda p: (
        json.dumps(_genuine(p)).replace('"path": null', '"path": ' + "[" * 50_000 + "]" * 50_000).encode()
    ),
    "scenario YAML nested 100,000 deep": lambda _: json.dumps({**FORMAT, "scenario": "a: " + "[" * 100_000}).encode(),
    "not UTF-8": lambda _: b"\xff\xfe{",
    "another format": lambda p: json.dumps({**_genuine(p), "clausewise": "draft/99"}).encode(),
    "larger than the limit": lambda _: b" " * (8 * 1024 * 1024 + 1),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_draft_is_set_aside_with_a_message(packs, tmp_path, name):
    """Each hostile draft: no exception, no restore offered, one plain error naming where it was kept."""
    session, view = make_session(packs, tmp_path)
    session.drafts.folder.mkdir(parents=True, exist_ok=True)
    session.drafts.file.write_bytes(HOSTILE[name](packs))
    assert session.offer_restore() is False
    [(title, text)] = view.errors
    assert title == "The autosaved draft could not be restored"
    assert "You can keep working" in text and "Traceback" not in text
    assert not session.drafts.file.exists(), "set aside, so it is not offered again"
    [kept] = session.drafts.folder.glob("draft-unreadable-*.json")
    assert str(kept) in text
    session.edit_title("still working")
    session.autosave()
    assert session.pending_draft().scenario.title == "still working"


def test_a_crafted_file_name_in_a_draft_does_not_break_restoring(packs, tmp_path):
    """A draft whose file name is 100,000 characters restores its scenario, untitled, without an error."""
    session, view = make_session(packs, tmp_path)
    session.drafts.folder.mkdir(parents=True, exist_ok=True)
    session.drafts.file.write_text(json.dumps({**_genuine(packs), "path": "x" * 100_000}), encoding="utf-8")
    view.script("restore", True)
    assert session.offer_restore() is True
    assert view.errors == [] and session.path is None
    assert session.scenario.title == core.load_scenario(BODY_CAM, packs.questionnaire).title


def test_the_window_starts_and_tells_the_user_about_a_nested_draft(qtbot, window):
    """In the real window: a 200,000-deep draft shows an error dialog at start-up; the form still edits."""
    drafts = window.session.drafts
    drafts.folder.mkdir(parents=True, exist_ok=True)
    drafts.file.write_bytes(HOSTILE["JSON nested 200,000 deep"](None))
    window.offer_restore()
    box = window.last_message
    assert box is not None and box.isVisible()
    assert "nested too deeply" in box.text() and "You can keep working" in box.text()
    window.session.edit_title("after the error")
    assert window.session.scenario.title == "after the error"
