"""Launching: the window with the body-cam example; without a display, the example's signed memo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(home: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(CLAUSEWISE_HOME=str(home), **extra)
    return env


def test_without_a_display_it_says_so_and_writes_the_examples_signed_memo(tmp_path):
    """No Qt platform-plugin crash: a clear sentence, then a memo verify finds intact (exit 3: temporary key)."""
    proc = subprocess.run(
        [sys.executable, "-m", "gui.launch"], capture_output=True, text=True, cwd=ROOT, env=_env(tmp_path), timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "no display found" in proc.stdout
    assert "qt.qpa" not in proc.stderr and "Traceback" not in proc.stderr
    path = Path(proc.stdout.strip().splitlines()[-2])
    assert path.exists() and path.suffix == ".pdf"
    verify = subprocess.run(
        [sys.executable, "-m", "core.cli", "verify", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(tmp_path),
    )
    assert verify.returncode == 3, "intact, but the temporary key is not trusted: " + verify.stdout
    assert "Body-worn camera face matching on patrol" in proc.stdout
    assert "temporary key" in proc.stdout and "Trusted: NO" in verify.stdout
    assert not (tmp_path / "data" / "identities").exists() or not any((tmp_path / "data" / "identities").iterdir())
    assert not (tmp_path / "config" / "trusted").exists() or not any((tmp_path / "config" / "trusted").iterdir())


def test_without_a_display_a_file_argument_is_used_and_a_bad_one_is_one_line(tmp_path):
    """`clausewise FILE` headless writes that file's memo; a bad or missing file is one line, status 2."""
    example = ROOT / "resources" / "examples" / "gender-race-inference-images.scenario.yaml"
    proc = subprocess.run(
        [sys.executable, "-m", "gui.launch", str(example)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(tmp_path),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Inferring gender and race from customer photos" in proc.stdout
    assert "gender-race-inference-images.memo.pdf" in proc.stdout
    for bad in (ROOT / "tests/core/bad/scenarios/unknown-option.scenario.yaml", tmp_path / "nope.scenario.yaml"):
        proc = subprocess.run(
            [sys.executable, "-m", "gui.launch", str(bad)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=_env(tmp_path),
            timeout=120,
        )
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1 and str(bad) in proc.stderr


STARTER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
def look():
    windows = [w for w in app.topLevelWidgets() if w.isVisible() and w.objectName() != 'busy']
    main = [w for w in windows if w.windowTitle().endswith('Clausewise')]
    print('title:', main[0].windowTitle() if main else None)
    print('memo libraries loaded:', sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'pyhanko'}))
    app.closeAllWindows()
QTimer.singleShot(400, look)
from gui.app import run_app
sys.exit(run_app(sys.argv[1:]))
"""


def _start(tmp_path: Path, *args: str, starter: str = STARTER) -> subprocess.CompletedProcess:
    """Run the app offscreen with ``args``; ``starter`` prints what the window shows, then closes it."""
    proc = subprocess.run(
        [sys.executable, "-c", starter, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env=_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def test_the_app_opens_with_the_body_cam_example_without_loading_memo_libraries(tmp_path):
    """`clausewise` opens the window on the body-cam example; reportlab and pyHanko wait for an export."""
    proc = _start(tmp_path)
    assert "title: body-cam-patrol-uk (example)[*] — Clausewise" in proc.stdout
    assert "memo libraries loaded: []" in proc.stdout


def test_a_scenario_file_argument_opens_that_file(tmp_path):
    """What an installer's file association does: `clausewise path/to/file.scenario.yaml`."""
    example = ROOT / "resources" / "examples" / "us-city-police-fixed-cctv.scenario.yaml"
    proc = _start(tmp_path, str(example))
    assert "title: us-city-police-fixed-cctv.scenario.yaml[*] — Clausewise" in proc.stdout


def test_a_bad_file_argument_shows_its_error_over_an_empty_scenario_not_the_example(tmp_path):
    """The error names the file and line; the window must not show the example as if it were the file."""
    bad = ROOT / "tests/core/bad/scenarios/misspelled-field.scenario.yaml"
    starter = STARTER.replace(
        "    app.closeAllWindows()",
        "    boxes = [w for w in windows if w.windowTitle() == 'Cannot open this scenario']\n"
        "    print('error:', boxes[0].text() if boxes else None)\n"
        "    print('status:', main[0].statusBar().currentMessage())\n"
        "    app.closeAllWindows()",
    )
    proc = _start(tmp_path, str(bad), starter=starter)
    assert "title: Untitled[*] — Clausewise" in proc.stdout
    assert "misspelled-field.scenario.yaml:6: answers.camera.platfroms: unknown field" in proc.stdout
    assert f"status: Could not open {bad}; this is a new, empty scenario." in proc.stdout
