"""Where the data shipped with the app lives: questionnaire, packs, examples, fonts, icons."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

QUESTIONNAIRE_FILE = "questionnaire.yaml"
"""The questionnaire, in the resources directory."""
COUNTRIES_FILE = "countries.yaml"
"""The country table the questionnaire's country questions use, in the resources directory."""
PACK_SUFFIX = ".pack.yaml"
"""How a policy pack's file name ends (``<id>.pack.yaml``)."""
INDEX_FILE = "index.yaml"
"""The optional file in a packs directory that lists the packs' order."""
MESSAGES_FILE = "messages/en.yaml"
"""The English message catalogue (the memo's words, and every translation's fallback)."""


@cache
def resources_dir() -> Path:
    """The ``resources/`` directory, in a source checkout, an installed wheel or a frozen app
    (found once: resolving the path asks the file system about each of its folders)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def packs_dir() -> Path:
    """The bundled policy packs."""
    return resources_dir() / "packs"


def examples_dir() -> Path:
    """The bundled example scenarios."""
    return resources_dir() / "examples"


def fonts_dir() -> Path:
    """The bundled fonts (with their licence files)."""
    return resources_dir() / "fonts"


def icons_dir() -> Path:
    """The bundled icons."""
    return resources_dir() / "icons"


@cache
def example_paths() -> tuple[Path, ...]:
    """Bundled example scenario files, sorted by name."""
    from core.scenario import SUFFIX

    return tuple(sorted(examples_dir().glob(f"*{SUFFIX}")))
