"""Reading a scenario file for the app: the core loader, plus plain words for files that are not one."""

from __future__ import annotations

from pathlib import Path

import core


def read_scenario(path: Path, questionnaire: core.Questionnaire) -> core.Scenario:
    """Load a scenario file; a signed memo (PDF) is named as such, with where to open it instead."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError:
        head = b""  # the loader reports a missing or unreadable file in its own words
    if head.lstrip().startswith(b"%PDF-"):
        raise core.InputError(
            "this is a PDF document (perhaps a signed memo), not a scenario. To check a signed memo, "
            f"use File → Verify Memo… (Ctrl+Shift+V); to open a scenario, choose a {core.SCENARIO_SUFFIX} file.",
            file=path,
        )
    try:
        return core.load_scenario(path, questionnaire)
    except core.ClausewiseError:
        raise
    except (RecursionError, MemoryError) as exc:  # a hostile file must not end the app
        raise core.InputError(
            f"the file is too deeply nested or too large to read ({type(exc).__name__})", file=path
        ) from exc
    except Exception as exc:  # a loader bug on a strange file: the file is not opened, the app goes on
        raise core.InputError(
            f"this file could not be read as a scenario (unexpected {type(exc).__name__}: {exc})", file=path
        ) from exc
