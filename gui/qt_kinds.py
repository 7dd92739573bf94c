"""Telling widgets apart by their Qt class names (``QObject.inherits``).

A test of kind by name needs no Python class of Qt's: PySide6 makes every enum of a Qt class the
first time Python uses the class, which at start-up is time spent on classes only tested against.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


def inherits_any(obj: QObject, class_names: tuple[str, ...]) -> bool:
    """Whether ``obj`` is of one of the Qt classes ``class_names`` (or of a subclass)."""
    return any(obj.inherits(name) for name in class_names)
