"""What start-up loads: the app opens the evaluated example without a YAML parser, the what-if
search or the export flow, and PySide6 reads the source of none of the app's modules."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication  # noqa: F401 (PySide6 loaded, as in the app)

from core import precompiled
from gui import source_scan

ROOT = Path(__file__).resolve().parents[2]

_START = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
feature = sys.modules["PySide6.support.feature"]
read = []
check = feature._mod_uses_pyside
feature._mod_uses_pyside = lambda module: (read.append(module.__name__), check(module))[1]

def ready():
    window = next(w for w in QApplication.topLevelWidgets() if hasattr(w, "verdict_label"))
    print(json.dumps({"verdict": window.verdict_label.text(), "modules": sorted(sys.modules), "read": read}))
    QApplication.instance().quit()

app = QApplication([sys.argv[0]])
QTimer.singleShot(0, ready)
from gui.app import run_app
run_app([])
"""


@pytest.fixture(scope="module")
def started(tmp_path_factory) -> dict:
    """The app started as a user starts it (offscreen), seen at the first pass of its event loop."""
    assert precompiled.bundled() is not None, "resources/bundled-packs.compiled is stale: run scripts/setup"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CLAUSEWISE_HOME=str(tmp_path_factory.mktemp("home")))
    proc = subprocess.run(
        [sys.executable, "-c", _START], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.splitlines()[-1])


def test_the_example_is_shown_evaluated_without_loading_what_it_does_not_need(started):
    """The first screen shows the evaluated example; no YAML parser (the example, packs and
    messages come precompiled), no what-if search, no export or signing code is loaded, nor
    :mod:`html` (its entity table costs ≈2.5 ms: ``gui.markup.escape``) nor :mod:`hashlib` (OpenSSL,
    ≈5 ms: precompiled packs carry their digests, and the precompiled file is checked without it)."""
    assert started["verdict"].startswith("Overall: ")
    loaded = set(started["modules"])
    lazy_ones = (
        "yaml",
        "core.scenario_file",
        "core.whatif",
        "core.whatif_search",
        "gui.memo_flow",
        "gui.worker",
        "html",
        "hashlib",
    )
    for lazy in lazy_ones:
        assert lazy not in loaded, f"{lazy} is imported at start-up"
    assert not {m for m in loaded if m.startswith(("core.signing", "core.memo", "reportlab", "pyhanko"))}


def test_pyside_reads_the_source_of_no_app_module_at_start_up(started):
    """gui.source_scan marked them in advance: no source file of core, gui or platformdirs is read
    (except gui.source_scan's own, imported before it can mark anything)."""
    read = [m for m in started["read"] if m.split(".")[0] in source_scan.PACKAGES]
    assert read == ["gui.source_scan"], read


def test_no_module_that_uses_pyside_is_marked_as_not_using_it():
    """The marks agree with PySide6's own check (its source names PySide6), except that Qt-free
    modules of gui are marked as users, which only means they see PySide6's ordinary names."""
    feature = sys.modules["PySide6.support.feature"]
    for package, mark in source_scan.PACKAGES.items():
        names = source_scan.module_names(package)
        assert len(names) > (20 if package in ("core", "gui") else 3), package
        for name in names:
            if package not in ("core", "gui") or name.endswith(".__main__"):  # libraries; what runs a command
                continue
            module = importlib.import_module(name)
            uses = feature._mod_uses_pyside(module)
            assert not (uses and mark == source_scan.IGNORED), name
            if package == "core":
                assert not uses, f"{name} uses PySide6: the engine must not"


def test_marking_keeps_what_pyside_already_knows():
    """Marks only add modules PySide6 has not looked at; a second call adds none."""
    table = source_scan.feature_table()
    assert table is not None
    before = dict(table)
    source_scan.mark_app_modules()
    assert source_scan.mark_app_modules() == 0
    assert all(table[name] == mark for name, mark in before.items())
