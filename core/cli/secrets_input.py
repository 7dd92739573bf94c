"""Reading passphrases on the command line: from an environment variable, or a prompt."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from typing import TypeVar

from core import InputError, WrongPassphrase

T = TypeVar("T")


def from_env(var: str | None) -> str | None:
    """The passphrase in environment variable ``var`` (None if no variable was named)."""
    if not var:
        return None
    value = os.environ.get(var)
    if value is None:
        raise InputError(f"environment variable {var} is not set (it should hold the passphrase)")
    if not value:
        raise InputError(
            f"environment variable {var} is empty; an empty passphrase is refused "
            "(use --no-passphrase to create a key protected only by file permissions)"
        )
    return value


def prompt(label: str, *, twice: bool = False) -> str:
    """Ask for a passphrase on the terminal (never echoed); fails when there is no terminal."""
    if not sys.stdin.isatty():
        raise InputError(f"{label} needed: pass --passphrase-env VAR (no terminal to ask on)")
    first = getpass.getpass(f"{label}: ")
    if twice and getpass.getpass(f"{label} (again): ") != first:
        raise InputError("the two passphrases differ")
    return first


def with_passphrase(var: str | None, label: str, action: Callable[[str | None], T]) -> T:
    """``action(passphrase)`` with the passphrase in environment variable ``var``; without ``var``,
    a wrong (or missing) passphrase is asked for once on the terminal, as ``label``."""
    try:
        return action(from_env(var))
    except WrongPassphrase:
        if var:
            raise
        return action(prompt(label))
