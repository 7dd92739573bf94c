"""Shared fixtures. Nothing here imports Qt: the core and pack tests must run without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before any QApplication can exist (the GUI tests create one through pytest-qt).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import core

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "core" / "data"


@pytest.fixture(scope="session")
def questionnaire() -> core.Questionnaire:
    """The bundled questionnaire."""
    return core.load_questionnaire()


@pytest.fixture(scope="session")
def packs() -> core.PackSet:
    """The four bundled policy packs."""
    return core.load_packs()


@pytest.fixture(scope="session")
def demo_packs(questionnaire: core.Questionnaire) -> core.PackSet:
    """The small demonstration pack that exercises the engine."""
    return core.PackSet(questionnaire, (core.load_pack(DATA / "demo.pack.yaml", questionnaire),))


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app's data and config directories at a fresh temporary directory."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("CLAUSEWISE_HOME", str(home))
    return home
