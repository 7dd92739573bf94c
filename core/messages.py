"""One catalogue for the words of the memo (and the evidence labels shared with the reports).

Messages live in ``resources/messages/<locale>.yaml``, one entry per message id, with
``str.format`` placeholders (``{name}``). English (``en``) is shipped and is the fallback for any
id a translation lacks, so a German or French memo is one translation file away. A translation
that misspells a placeholder fails loudly with the file and message id, never silently.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from core.errors import InputError
from core.resources import MESSAGES_FILE, resources_dir

DEFAULT_LOCALE = "en"


def messages_dir() -> Path:
    """Where the shipped catalogues are."""
    return resources_dir() / "messages"


class Catalogue:
    """Messages by id for one locale, falling back to English."""

    def __init__(self, messages: dict[str, str], fallback: dict[str, str], *, locale: str, source: str) -> None:
        self.locale = locale
        self.source = source
        self._messages = messages
        self._fallback = fallback

    def __call__(self, message_id: str, **values: Any) -> str:
        """The message ``message_id`` with ``values`` filled in."""
        template = self._messages.get(message_id)
        if template is None:
            template = self._fallback.get(message_id)
        if template is None:
            raise KeyError(f"no message {message_id!r} in {self.source}")
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            raise InputError(f"{self.source}: message {message_id!r} has a bad placeholder ({exc})") from None

    def has(self, message_id: str) -> bool:
        """Whether this catalogue (or its fallback) has ``message_id``."""
        return message_id in self._messages or message_id in self._fallback

    def ids(self) -> set[str]:
        """Every message id this catalogue knows (its own and the fallback's)."""
        return set(self._messages) | set(self._fallback)


def read_catalogue_file(path: Path) -> dict[str, str]:
    import yaml  # here, not at the top: loading the bundled packs (which import this module) needs no YAML

    try:
        # libyaml when present: the same plain values, parsed some twenty times faster (start-up).
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: cannot read the message catalogue ({exc})") from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise InputError(f"{path}: a message catalogue maps message ids to text")
    return data


@cache
def _english() -> dict[str, str]:
    from core.precompiled import bundled  # its precompiled form when current: no YAML parser at start-up

    pre = bundled()
    if pre is not None:
        return pre.messages
    return read_catalogue_file(resources_dir() / MESSAGES_FILE)


def catalogue(locale: str = DEFAULT_LOCALE, *, path: Path | None = None) -> Catalogue:
    """The catalogue for ``locale`` (shipped), or the one in the file ``path`` (a user translation)."""
    file = path or messages_dir() / f"{locale}.yaml"
    if path is None and locale == DEFAULT_LOCALE:
        return Catalogue(_english(), _english(), locale=locale, source=str(file))
    if not file.is_file():
        raise InputError(f"{file}: no message catalogue for locale {locale!r}")
    return Catalogue(read_catalogue_file(file), _english(), locale=locale, source=str(file))
