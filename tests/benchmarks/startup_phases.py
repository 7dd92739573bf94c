"""Where start-up goes: the app's start, phase by phase, in milliseconds or in instructions.

Run: ``python tests/benchmarks/startup_phases.py [REPETITIONS]`` for the median wall time of each
phase over fresh processes (offscreen, as ``bench_startup.py`` starts them), or
``python tests/benchmarks/startup_phases.py --callgrind`` for the instructions of each phase under
valgrind's callgrind (Debian ``valgrind``): the same on every run, so a change of a few
milliseconds shows even on a noisy machine. Each phase ends with a call of ``os.getppid()``, and
``--dump-before=getppid`` has callgrind write one profile per phase.

The phases follow ``gui.app._open_window``: importing the app, loading the packs, building the
window, opening the example, showing it, the first pass of the event loop, and the passes until
the window's first frame is painted (the polling for it costs next to nothing). ``--bare`` measures
``bench_startup.py``'s bare window instead (its phases: PySide6, its imports, building, showing).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

_MARKS = """
import os, sys, time
_T = [("start", time.perf_counter())]
def mark(name):
    _T.append((name, time.perf_counter()))
    os.getppid()  # callgrind: --dump-before=getppid ends the phase here
def report():
    mark("loop")
    painted()
def painted():  # the window's first frame: Qt paints a window when it is exposed, before reporting it so
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible())
    if not window.windowHandle().isExposed():
        QTimer.singleShot(0, painted)
        return
    mark("paint")
    print(" ".join(f"{b}={1000 * (t1 - t0):.2f}" for (a, t0), (b, t1) in zip(_T, _T[1:])), file=sys.stderr)
    sys.stderr.flush()
    os._exit(0)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
mark("pyside")
app = QApplication([sys.argv[0]])
mark("qapp")
QTimer.singleShot(0, report)
"""

APP = (
    _MARKS
    + """
import gc
gc.disable()  # as run_app does
import gui.app as ga
ga.mark_app_modules()
from PySide6.QtGui import QIcon
from gui.crash import install_crash_reporter
from gui.main_window import MainWindow
import core
mark("imports")
app.setWindowIcon(QIcon(str(core.resources_dir() / "icons" / "clausewise.png")))
packs = core.load_packs()
mark("load_packs")
window = MainWindow(packs, show_empty=False)
install_crash_reporter(window, window.session.autosave)
mark("main_window")
window.open_example(ga.default_example())
mark("open_example")
window.show()
ga.accept_file_open_events(app, window)
mark("show")
gc.freeze()
gc.enable()
app.exec()
"""
)


def bare_code() -> str:
    """``bench_startup.py``'s bare window, with the phase marks."""
    from tests.benchmarks import bench_startup as bench

    body = bench.BARE.replace(bench._READY, "").replace("app = QApplication([sys.argv[0]])", "mark('imports')")
    body = body.replace("window.show()", "mark('build'); window.show(); mark('show')")
    return _MARKS + body.replace("QTimer.singleShot(0, ready)", "")


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def _env(home: str) -> dict[str, str]:
    from tests.benchmarks.bench_startup import environment  # the benchmark's: the same screen and caches

    return environment(home)


def _phases(stderr: str) -> list[tuple[str, float]]:
    line = next(line for line in reversed(stderr.splitlines()) if "paint=" in line)
    return [(name, float(value)) for name, value in re.findall(r"(\S+)=([\d.]+)", line)]


def wall(code: str, repetitions: int) -> None:
    """Median milliseconds of each phase over ``repetitions`` fresh processes."""
    runs: list[list[tuple[str, float]]] = []
    with tempfile.TemporaryDirectory() as home:
        for i in range(repetitions + 1):  # the first run writes the byte code and the settings
            proc = subprocess.run(_python(code), env=_env(home), cwd=ROOT, capture_output=True, text=True)
            if i:
                runs.append(_phases(proc.stderr))
    for k, (name, _) in enumerate(runs[0]):
        print(f"{name:14s} {statistics.median(run[k][1] for run in runs):8.1f} ms")
    print(f"{'total':14s} {statistics.median(sum(v for _, v in run) for run in runs):8.1f} ms")


def instructions(code: str) -> None:
    """Instructions of each phase (callgrind)."""
    with tempfile.TemporaryDirectory() as home:
        env = _env(home)
        out = Path(home) / "cg.out"
        subprocess.run(_python(code), env=env, cwd=ROOT, capture_output=True)  # byte code
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--dump-before=getppid", f"--callgrind-out-file={out}", *_python(code)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        names = [name for name, _ in _phases(proc.stderr)]
        dumps = sorted(Path(home).glob("cg.out.*"), key=lambda p: int(p.suffix[1:]))
        total = 0
        for name, dump in zip(names, dumps, strict=True):
            summary = next(line for line in dump.read_text().splitlines() if line.startswith("summary:"))
            count = int(summary.split()[1])
            total += count
            print(f"{name:14s} {count / 1e6:8.0f} M")
        print(f"{'total':14s} {total / 1e6:8.0f} M")


def main(argv: list[str]) -> None:
    code = bare_code() if "--bare" in argv else APP
    if "--callgrind" in argv:
        instructions(code)
    else:
        numbers = [a for a in argv if a.isdigit()]
        wall(code, int(numbers[0]) if numbers else 11)


if __name__ == "__main__":
    main(sys.argv[1:])
