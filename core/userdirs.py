"""Where the app keeps the user's files: identities, trusted certificates, settings, autosave.

By default the platform's conventions (platformdirs): ``~/.local/share/Clausewise`` on Linux,
``~/Library/Application Support/Clausewise`` on macOS, ``%LOCALAPPDATA%\\Clausewise`` on
Windows. Setting ``CLAUSEWISE_HOME`` puts everything under one directory instead (tests,
portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "Clausewise"


def _home() -> Path | None:
    value = os.environ.get("CLAUSEWISE_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    """The user's data directory (identities, autosave); created on first use."""
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """The user's configuration directory (settings, trusted certificates); created on first use."""
    home = _home()
    path = home / "config" if home else Path(platformdirs.user_config_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def identities_dir() -> Path:
    """Signing identities (PKCS#12 files), readable by the user only."""
    path = data_dir() / "identities"
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def trusted_dir() -> Path:
    """Certificates the user trusts (PEM files)."""
    path = config_dir() / "trusted"
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path
