"""The app's settings (recent files, zoom, timestamp server, folders), as a small JSON file.

No Qt here: the window reads and writes settings through this class, and tests use it directly.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import core

MAX_RECENT = 8


@dataclass
class Settings:
    """What the app remembers between runs."""

    recent_files: list[str] = field(default_factory=list)
    zoom: float = 1.0
    timestamp_url: str = ""
    last_identity: str = ""
    export_dir: str = ""

    @classmethod
    def file(cls) -> Path:
        """Where the settings are stored."""
        return core.config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        """The stored settings; defaults if there are none or the file is unreadable."""
        try:
            data = json.loads(cls.file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        settings = cls()
        # Keep only values of the right type: a hand-edited or damaged file never stops the app.
        if isinstance(data.get("recent_files"), list):
            settings.recent_files = [str(p) for p in data["recent_files"] if isinstance(p, str)]
        zoom = data.get("zoom")
        if isinstance(zoom, (int, float)) and not isinstance(zoom, bool) and 0.5 <= zoom <= 3:
            settings.zoom = float(zoom)
        for key in ("timestamp_url", "last_identity", "export_dir"):
            if isinstance(data.get(key), str):
                setattr(settings, key, data[key])
        return settings

    def save(self) -> None:
        """Store the settings (atomically)."""
        core.write_atomic(self.file(), json.dumps(asdict(self), indent=2).encode("utf-8"))

    def add_recent(self, path: Path) -> None:
        """Put ``path`` first in the recent files."""
        text = str(Path(path).resolve())
        self.recent_files = [text, *[p for p in self.recent_files if p != text][: MAX_RECENT - 1]]


def save_settings(settings: Settings) -> None:
    """Store ``settings``; they are a convenience and never block anything (errors are ignored)."""
    with contextlib.suppress(core.ClausewiseError, OSError):
        settings.save()
