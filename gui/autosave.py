"""Autosave with no Qt: when to write a draft, and the draft file itself.

A pure debounce (write 1.5 s after the last edit) never writes while someone keeps typing; a
maximum wait bounds the loss: a draft is written at most ``max_wait`` seconds after the first
change not yet in a draft, whatever the typing rhythm. The view only runs the timer it is told to.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import core

DEBOUNCE_SECONDS = 1.5
"""A pause in typing this long writes the draft."""
MAX_WAIT_SECONDS = 5.0
"""No change stays out of the draft longer than this (the most a crash can lose)."""
AUTOSAVE_NAME = "draft.json"
DRAFT_FORMAT = "draft/1"


@dataclass(frozen=True)
class Draft:
    """An autosaved draft found at start-up (the app did not close cleanly)."""

    scenario: core.Scenario
    path: Path | None
    """The file the draft was being edited from; None for a scenario never saved (no file name)."""
    saved_at: str


class AutosaveClock:
    """Decides when the next draft is due: a debounce with a maximum wait."""

    def __init__(
        self,
        debounce: float = DEBOUNCE_SECONDS,
        max_wait: float = MAX_WAIT_SECONDS,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.debounce = debounce
        self.max_wait = max_wait
        self.now = now
        self.first_unsaved: float | None = None
        """When the oldest change not yet in a draft was made (None: the draft is up to date)."""

    def edited(self) -> float:
        """Note an edit; returns in how many seconds the draft must be written."""
        now = self.now()
        if self.first_unsaved is None:
            self.first_unsaved = now
        return max(0.0, min(self.debounce, self.first_unsaved + self.max_wait - now))

    def written(self) -> None:
        """The draft now holds every change."""
        self.first_unsaved = None


class DraftStore:
    """The one draft file, written atomically (a crash mid-write leaves the previous draft)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @property
    def file(self) -> Path:
        """Where the draft is."""
        return self.folder / AUTOSAVE_NAME

    def write(self, scenario: core.Scenario, path: Path | None, questionnaire: core.Questionnaire) -> None:
        """Write ``scenario`` (edited from ``path``, or from no file) as the draft."""
        self.folder.mkdir(parents=True, exist_ok=True)
        draft = {
            "clausewise": DRAFT_FORMAT,
            "path": str(path) if path else None,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "scenario": core.scenario_to_yaml(scenario, questionnaire),
        }
        core.write_atomic(self.file, json.dumps(draft).encode("utf-8"))

    def read(self, questionnaire: core.Questionnaire) -> Draft | None:
        """The draft, if there is a readable one (anything else → None: it never stops the app)."""
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("clausewise") != DRAFT_FORMAT:
                return None
            scenario = core.parse_scenario(str(data["scenario"]), self.file, questionnaire)
        except (core.ClausewiseError, OSError, ValueError, KeyError, RecursionError):
            return None
        path = data.get("path")
        return Draft(scenario, Path(path) if isinstance(path, str) and path else None, str(data.get("saved_at", "")))

    def discard(self) -> None:
        """Remove the draft (after a save, or a clean exit)."""
        self.file.unlink(missing_ok=True)
