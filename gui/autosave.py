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
from pathlib import Path

import core

DEBOUNCE_SECONDS = 1.5
"""A pause in typing this long writes the draft."""
MAX_WAIT_SECONDS = 5.0
"""No change stays out of the draft longer than this (the most a crash can lose)."""
AUTOSAVE_NAME = "draft.json"
DRAFT_FORMAT = "draft/1"


MAX_DRAFT_BYTES = 8 * 1024 * 1024
"""A draft is one scenario (a few KB): anything larger is not a draft this app wrote."""


class UnreadableDraft(Exception):
    """The draft file exists but cannot be restored; the message says why, in plain words."""


def _draft_path(value) -> Path | None:
    """The draft's file name, if it is a usable one (a crafted name must not break start-up)."""
    if not isinstance(value, str) or not value or "\0" in value or len(value) > 4096:
        return None
    return Path(value)


@core.value_class
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
        """The draft, or None when there is none; :class:`UnreadableDraft` (saying why, in plain
        words) for a draft that is corrupt or hostile: not JSON, nested deep enough to exhaust the
        stack, larger than :data:`MAX_DRAFT_BYTES`, of another format, or with an invalid scenario."""
        try:
            size = self.file.stat().st_size
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise UnreadableDraft(f"the draft cannot be read ({exc.strerror})") from None
        if size > MAX_DRAFT_BYTES:
            raise UnreadableDraft(f"the draft is larger than {MAX_DRAFT_BYTES // 2**20} MiB")
        try:
            data = json.loads(self.file.read_bytes().decode("utf-8"))
            if not isinstance(data, dict) or data.get("clausewise") != DRAFT_FORMAT:
                raise UnreadableDraft("the draft is not in this version's draft format")
            if not isinstance(data.get("scenario"), str):
                raise UnreadableDraft("the draft holds no scenario")
            scenario = core.parse_scenario(data["scenario"], self.file, questionnaire)
        except RecursionError:
            raise UnreadableDraft("the draft is nested too deeply to be read: it is damaged or crafted") from None
        except core.ClausewiseError as exc:
            raise UnreadableDraft(f"the draft's scenario is not valid ({exc.message})") from None
        except UnicodeDecodeError:
            raise UnreadableDraft("the draft is not text (UTF-8): it is damaged") from None
        except (ValueError, MemoryError):
            raise UnreadableDraft("the draft is not valid JSON: it is damaged") from None
        except OSError as exc:
            raise UnreadableDraft(f"the draft cannot be read ({exc.strerror})") from None
        saved_at = data.get("saved_at")
        return Draft(scenario, _draft_path(data.get("path")), saved_at if isinstance(saved_at, str) else "")

    def set_aside(self) -> Path | None:
        """Move an unreadable draft out of the way (kept for inspection); where it went, or None."""
        target = self.folder / f"draft-unreadable-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
        try:
            self.file.replace(target)
        except OSError:
            self.discard()
            return None
        return target

    def discard(self) -> None:
        """Remove the draft (after a save, or a clean exit)."""
        self.file.unlink(missing_ok=True)
