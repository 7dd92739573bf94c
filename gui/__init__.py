"""Clausewise desktop app (PySide6). Uses :mod:`core` only through its public API."""

from gui.source_scan import mark_app_modules

mark_app_modules()  # when PySide6 is already imported; otherwise gui.app does it after importing it
