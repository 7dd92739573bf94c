"""The open scenario and the decisions the window makes about it — with no Qt at all.

The window is a passive view: it shows what the session holds and forwards what the user does.
Whether there are unsaved changes, what the window title says, which fields are shown, what to
autosave and whether to offer a restore after a crash are decided here, and tested without a
window (STYLE.md, practice 3).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import core

AUTOSAVE_NAME = "draft.json"


@dataclass(frozen=True)
class Draft:
    """An autosaved draft found at start-up (the app did not close cleanly)."""

    scenario: core.Scenario
    path: Path | None
    """The file the draft was being edited from, if any."""
    saved_at: str


class Session:
    """One scenario being edited: its file, its unsaved state, its evaluation."""

    def __init__(self, packs: core.PackSet, *, autosave_dir: Path | None = None) -> None:
        self.packs = packs
        self.questionnaire = packs.questionnaire
        self.autosave_dir = autosave_dir or (core.data_dir() / "autosave")
        self.scenario = core.Scenario()
        self.saved: core.Scenario | None = self.scenario
        """The scenario as last saved or opened; None when it has never been saved (a restored draft)."""
        self.path: Path | None = None
        self.example: str | None = None
        """The bundled example this scenario was opened from, if any (it has no file of its own)."""
        self._evaluation: tuple[core.Scenario, core.Evaluation] | None = None

    # --- state the window shows -----------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether there are changes not saved to the file."""
        return self.saved is None or self.scenario != self.saved

    @property
    def display_name(self) -> str:
        """The file name, or "Untitled"."""
        if self.path:
            return self.path.name
        return f"{self.example} (example)" if self.example else "Untitled"

    def window_title(self) -> str:
        """E.g. ``body-cam.scenario.yaml[*] — Clausewise``: Qt shows ``[*]`` as the unsaved marker."""
        return f"{self.display_name}[*] — Clausewise"

    def evaluation(self) -> core.Evaluation:
        """The evaluation of the current scenario (computed once per change)."""
        if self._evaluation is None or self._evaluation[0] is not self.scenario:
            self._evaluation = (self.scenario, core.evaluate(self.scenario, self.packs))
        return self._evaluation[1]

    def resolution(self) -> core.Resolution:
        """The answers after the asked-when semantics (which fields are shown)."""
        return self.questionnaire.resolve(self.scenario.answers)

    def visible_fields(self) -> tuple[str, ...]:
        """Fields the form shows now."""
        return self.questionnaire.visible_fields(self.resolution())

    # --- edits ------------------------------------------------------------------------------

    def set_answer(self, field_id: str, value: str | bool | tuple[str, ...] | list[str] | None) -> None:
        """Answer a field (None: not answered). Answers of hidden fields are kept, not counted."""
        self.scenario = self.scenario.with_answer(field_id, value)

    def set_title(self, title: str) -> None:
        """Change the scenario's title."""
        self.scenario = self.scenario.replace(title=title)

    def set_notes(self, notes: str) -> None:
        """Change the notes."""
        self.scenario = self.scenario.replace(notes=notes)

    def set_as_of(self, day: dt.date | None) -> None:
        """Set the evaluation date written in the file (None: today)."""
        self.scenario = self.scenario.replace(as_of=day)

    # --- files ------------------------------------------------------------------------------

    def new(self) -> None:
        """Start an empty scenario."""
        self.scenario = self.saved = core.Scenario()
        self.path = None
        self.example = None

    def open(self, path: Path) -> None:
        """Load ``path``; on any error the current scenario is left exactly as it was."""
        scenario = core.load_scenario(Path(path), self.questionnaire)
        self.scenario = self.saved = scenario
        self.path = Path(path)
        self.example = None

    def open_example(self, path: Path) -> None:
        """Load a bundled example as a new scenario without a file (the example is never overwritten)."""
        self.scenario = self.saved = core.load_scenario(Path(path), self.questionnaire)
        self.path = None
        self.example = Path(path).name.removesuffix(".scenario.yaml")

    def save(self, path: Path | None = None) -> Path:
        """Save to ``path`` (or the current file), atomically. Returns the path written."""
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("no file to save to: ask for one (Save As)")
        core.save_scenario(self.scenario, target, self.questionnaire)
        self.saved = self.scenario
        self.path = target
        self.example = None
        return target

    def suggested_file_name(self) -> str:
        """A file name for Save As, from the title."""
        if self.path:
            return self.path.name
        if self.example:
            return f"{self.example}.scenario.yaml"
        words = "".join(c if c.isalnum() else "-" for c in (self.scenario.title or "scenario").lower())
        stem = "-".join(w for w in words.split("-") if w)[:60] or "scenario"
        return f"{stem}.scenario.yaml"

    def suggested_memo_name(self) -> str:
        """A file name for the memo, next to the scenario's."""
        return self.suggested_file_name().removesuffix(".scenario.yaml") + ".memo.pdf"

    # --- autosave and crash recovery --------------------------------------------------------

    def autosave(self) -> None:
        """Write the current draft (only when there are unsaved changes), in one atomic file."""
        if not self.dirty:
            self.discard_draft()
            return
        self.autosave_dir.mkdir(parents=True, exist_ok=True)
        draft = {
            "clausewise": "draft/1",
            "path": str(self.path) if self.path else None,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "scenario": core.scenario_to_yaml(self.scenario, self.questionnaire),
        }
        core.write_atomic(self.autosave_dir / AUTOSAVE_NAME, json.dumps(draft).encode("utf-8"))

    def discard_draft(self) -> None:
        """Remove the autosaved draft (after a save, or a clean exit)."""
        (self.autosave_dir / AUTOSAVE_NAME).unlink(missing_ok=True)

    def pending_draft(self) -> Draft | None:
        """A draft left by a previous run that did not close cleanly, if any (unreadable → None)."""
        draft_file = self.autosave_dir / AUTOSAVE_NAME
        try:
            data = json.loads(draft_file.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("clausewise") != "draft/1":
                return None
            scenario = core.parse_scenario(str(data["scenario"]), draft_file, self.questionnaire)
        except (core.ClausewiseError, OSError, ValueError, KeyError):
            return None
        path = data.get("path")
        return Draft(scenario, Path(path) if isinstance(path, str) else None, str(data.get("saved_at", "")))

    def restore(self, draft: Draft) -> None:
        """Continue editing a recovered draft (it stays unsaved until the user saves)."""
        self.path = draft.path
        self.saved = None
        if draft.path and draft.path.exists():
            try:
                self.saved = core.load_scenario(draft.path, self.questionnaire)
            except core.ClausewiseError:
                self.saved = None
        self.scenario = draft.scenario
