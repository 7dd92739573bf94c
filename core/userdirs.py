"""Where the app keeps the user's files: identities, trusted certificates, settings, autosave.

By default the platform's conventions (platformdirs): ``~/.local/share/Clausewise`` on Linux,
``~/Library/Application Support/Clausewise`` on macOS, ``%LOCALAPPDATA%\\Clausewise`` on
Windows. Setting ``CLAUSEWISE_HOME`` puts everything under one directory instead (tests,
portable installs).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import platformdirs

APP = "Clausewise"


def _folder(path: Path, *, private: bool = False) -> Path:
    """``path``, created if missing; ``private``: readable by the user only (POSIX)."""
    path.mkdir(parents=True, exist_ok=True)
    if private and os.name == "posix":
        os.chmod(path, 0o700)
    return path


def _base(kind: str, platform_dir: Callable[..., str]) -> Path:
    """``$CLAUSEWISE_HOME/kind`` when that is set, else the platform's folder for the app."""
    home = os.environ.get("CLAUSEWISE_HOME")
    return _folder(Path(home) / kind if home else Path(platform_dir(APP, appauthor=False)))


def data_dir() -> Path:
    """The user's data directory (identities, autosave); created on first use."""
    return _base("data", platformdirs.user_data_dir)


def config_dir() -> Path:
    """The user's configuration directory (settings, trusted certificates); created on first use."""
    return _base("config", platformdirs.user_config_dir)


def log_dir() -> Path:
    """Where the app's error log is (the platform's user log folder); created on first use."""
    return _base("logs", platformdirs.user_log_dir)


def identities_dir() -> Path:
    """Signing identities (PKCS#12 files), readable by the user only."""
    return _folder(data_dir() / "identities", private=True)


def trusted_dir() -> Path:
    """Certificates the user trusts (PEM files)."""
    return _folder(config_dir() / "trusted", private=True)
