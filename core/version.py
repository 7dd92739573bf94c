"""The version of Clausewise, read from the installed metadata (pyproject.toml is the one place it is written)."""

from __future__ import annotations

from pathlib import Path


def _version() -> str:
    """The version in pyproject.toml, via the installed metadata (or the file itself in a bare source tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("clausewise")
    except PackageNotFoundError:  # a source tree that was never installed
        import tomllib

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
        except (OSError, KeyError, ValueError):
            return "unknown"


__version__ = _version()
