"""Spare PySide6 from reading the source of every Clausewise module at start-up.

Once PySide6 is imported, it looks at every module imported after it, to know which ones may
switch on its optional ``__feature__`` names (snake_case, true_property): it reads the module's
whole source file (``inspect.getsource``) and searches it for the word "PySide6". For the app's
modules and the standard library's that they import, some 80 file reads at start-up (≈15 ms,
docs/TECH-NOTES.md).

This module tells PySide6 the answer in advance, from where each module lies: the engine
(``core``, which never imports Qt — tests/test_architecture.py) does not use PySide6; the app
(``gui``) does. For the few Qt-free modules of ``gui`` (the presenter) PySide6's own check would say
"does not use"; the mark given instead only makes PySide6 show them its ordinary names, which is
what they would see anyway, as no Clausewise module selects a ``__feature__``
(tests/gui/test_startup_imports.py compares the marks with PySide6's own check).

The table is PySide6's own (``PySide6.support.feature.pyside_feature_dict``, 0 = uses PySide6 with no
feature, -1 = ignore); if a PySide6 version no longer has it, nothing is marked and PySide6 reads
the sources as before.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

USES_PYSIDE = 0
"""PySide6's mark for a module that uses it, with no ``__feature__`` selected."""
IGNORED = -1
"""PySide6's mark for a module that does not use it."""

PACKAGES = {"gui": USES_PYSIDE, "core": IGNORED, "yaml": IGNORED, "platformdirs": IGNORED}
"""The app's packages and the libraries it imports at start-up, with the mark of every module in
them: PyYAML and platformdirs, like the engine, never import Qt."""


def feature_table() -> dict[str, int] | None:
    """PySide6's table of modules it has looked at (None before PySide6 is imported, or if it has none)."""
    feature = sys.modules.get("PySide6.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    return table if isinstance(table, dict) else None


def module_names(package: str) -> list[str]:
    """Every module and subpackage of ``package`` found as source files (none in a frozen app,
    where PySide6 finds no source to read either)."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    names: list[str] = []
    stack = [(package, Path(folder)) for folder in spec.submodule_search_locations]
    while stack:
        dotted, folder = stack.pop()
        names.append(dotted)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".py") and entry.name != "__init__.py":
                names.append(f"{dotted}.{entry.name[:-3]}")
            elif entry.is_dir() and (Path(entry.path) / "__init__.py").is_file():
                stack.append((f"{dotted}.{entry.name}", Path(entry.path)))
    return names


def standard_library_names() -> list[str]:
    """The standard library's top-level modules and those of its submodules already imported: none
    of them uses PySide6, yet each one's source would be read at its first import statement after
    PySide6 (``import os`` in the app's modules)."""
    loaded = [name for name in sys.modules if name.partition(".")[0] in sys.stdlib_module_names]
    return [*sys.stdlib_module_names, *loaded]


_MARKED: list[dict] = []
"""The table once marked (its modules and the standard library's are known from then on)."""


def mark_app_modules() -> int:
    """Record the app's modules (and the standard library's) in PySide6's table before they are
    imported; returns how many were not there yet (0 when this table was marked before)."""
    table = feature_table()
    if table is None or any(done is table for done in _MARKED):
        return 0
    _MARKED.append(table)
    marks = [(name, IGNORED) for name in standard_library_names()]
    for package, mark in PACKAGES.items():
        marks.extend((name, mark) for name in module_names(package))
    marked = 0
    for name, mark in marks:
        if name not in table:
            table[name] = mark
            marked += 1
    return marked
