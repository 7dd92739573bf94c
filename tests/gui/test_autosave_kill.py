"""A scripted typist in the real app, killed with SIGKILL at random moments, loses at most the last
few seconds of typing (the autosave's maximum wait)."""

from __future__ import annotations

import math
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import core
from gui.autosave import MAX_WAIT_SECONDS, DraftStore

ROOT = Path(__file__).resolve().parents[2]
INTERVAL = 0.3
TYPING_SECONDS = 20.0
TYPIST = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([])
log = open(sys.argv[1], "w", buffering=1)
count = [0]
def window():
    return next(w for w in app.topLevelWidgets() if hasattr(w, "session") and w.isVisible())
def type_one():
    w = window()
    w.form.title.setFocus()
    QTest.keyClick(w.form.title, "x")
    count[0] += 1
    log.write(f"{count[0]} {time.monotonic():.3f}\\n")
def start():
    w = window()
    w.form.title.setText("")
    log.write(f"start {time.monotonic():.3f}\\n")
    timer.start()
timer = QTimer()
timer.setInterval(int(float(sys.argv[2]) * 1000))
timer.timeout.connect(type_one)
QTimer.singleShot(200, start)
from gui.app import run_app
sys.exit(run_app([]))
"""


def _run_once(home: Path, kill_after: float) -> tuple[int, int, float]:
    """Start the typist, SIGKILL it ``kill_after`` s into the typing; (typed, in the draft, age of oldest loss)."""
    log = home / "typist.log"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(CLAUSEWISE_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(log), str(INTERVAL)], cwd=ROOT, env=env, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while not (log.exists() and log.read_text().startswith("start")):
            assert proc.poll() is None and time.monotonic() < deadline, "the typist did not start"
            time.sleep(0.05)
        time.sleep(kill_after)
        killed_at = time.monotonic()
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    strokes = [line.split() for line in log.read_text().splitlines()[1:]]
    times = {int(n): float(t) for n, t in strokes}
    draft = DraftStore(home / "data" / "autosave").read(core.load_questionnaire())
    kept = len(draft.scenario.title) if draft else 0
    typed = max([kept, *times])
    oldest_lost = times.get(kept + 1)
    return typed, kept, (killed_at - oldest_lost) if oldest_lost else 0.0


def _check(runs: int, seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    bound = math.ceil(MAX_WAIT_SECONDS / INTERVAL) + 1  # keystrokes typed in the last N s, plus one in flight
    results = []
    for i in range(runs):
        kill_after = rng.uniform(1.0, TYPING_SECONDS)
        home = tmp_path / f"run{i}"
        home.mkdir()
        typed, kept, age = _run_once(home, kill_after)
        results.append((kill_after, typed, kept, age))
    print(f"\ntypist: {runs} runs, keystroke every {INTERVAL} s, autosave max wait {MAX_WAIT_SECONDS} s, seed {seed}")
    for kill_after, typed, kept, age in results:
        print(
            f"  killed at {kill_after:5.1f} s: typed {typed:3d}, in draft {kept:3d}, "
            f"lost {typed - kept:2d} ({age:.1f} s)"
        )
    worst = max(typed - kept for _, typed, kept, _ in results)
    print(
        f"  worst loss: {worst} keystrokes (bound {bound}); "
        f"oldest lost keystroke at most {max(r[3] for r in results):.1f} s old"
    )
    assert all(kept <= typed for _, typed, kept, _ in results)
    assert worst <= bound


def test_sigkill_during_typing_loses_at_most_the_last_seconds(tmp_path):
    """Three kills at random moments (fast set): each draft holds all but the last ≤ 5 s of keystrokes."""
    _check(3, 11, tmp_path)


@pytest.mark.slow
def test_sigkill_during_typing_30_runs(tmp_path):
    """Thirty kills at random moments over 20 s of typing: never more than the last 5 s lost."""
    _check(30, 2026, tmp_path)
