"""Clausewise desktop app (PySide6). Uses :mod:`core` only through its public API."""
