"""Regenerate the README screenshots.

Run under a real X server, e.g.::

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/screenshot.py            # all four
    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/screenshot.py OUT.png \\
        --size 1280x720 --zoom 2 --view main --focus outline                               # one

With no arguments it writes docs/screenshot.png (100 % at 1440×900), docs/screenshot-200.png
(200 % at 1280×720, the keyboard on the findings outline), docs/screenshot-guided.png (guided
mode, building the retail case) and docs/screenshot-portfolio.png (the examples folder).
Without a display it falls back to Qt's offscreen platform (fonts may differ).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CLAUSEWISE_HOME", tempfile.mkdtemp(prefix="clausewise-shot-"))
if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BODY_CAM = "body-cam-patrol-uk.scenario.yaml"
RETAIL = "eu-retailer-live-face-matching.scenario.yaml"
ALL = (
    ("screenshot.png", ["--size", "1440x900", "--zoom", "1", "--view", "main"]),
    ("screenshot-200.png", ["--size", "1280x720", "--zoom", "2", "--view", "main", "--focus", "outline"]),
    ("screenshot-guided.png", ["--size", "1440x900", "--zoom", "1", "--view", "guided", "--example", RETAIL]),
    ("screenshot-portfolio.png", ["--size", "1280x720", "--zoom", "1.3", "--view", "portfolio"]),
)


def parse(argv: list[str]) -> argparse.Namespace:
    """The options of one screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1440x900", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--zoom", type=float, default=1.0)
    parser.add_argument("--view", choices=("main", "guided", "portfolio"), default="main")
    parser.add_argument("--example", default=BODY_CAM)
    parser.add_argument("--focus", choices=("none", "outline", "verdict", "field"), default="none")
    parser.add_argument("--tab", type=int, default=0, help="results tab: 0 findings, 1 what would change, 2 timeline")
    return parser.parse_args(argv)


def shoot(options: argparse.Namespace) -> None:
    """Open the window as asked, wait for it to settle, save its image."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    import core
    from gui.main_window import MainWindow
    from gui.settings import Settings

    app = QApplication.instance() or QApplication([])
    window = MainWindow(core.load_packs(), Settings())
    window.open_example(core.resources_dir() / "examples" / options.example)
    width, height = (int(n) for n in options.size.split("x"))
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(width, height)
    window.move(0, 0)
    window.apply_zoom(options.zoom)
    window.statusBar().clearMessage()
    window.show()
    window.activateWindow()
    target = window
    window.results.setCurrentIndex(options.tab)
    if options.view == "guided":
        window.guided_action.setChecked(True)
        window.guided.focus_field("processing.timing")
    elif options.view == "portfolio":
        window.ask_folder = lambda: core.resources_dir() / "examples"  # type: ignore[method-assign]
        window.open_portfolio()
        target = window.portfolio
        target.resize(width, height)
    if options.focus == "outline":
        window.results.outline.setFocus()
        window.results.outline.setCurrentRow(2)
    elif options.focus == "verdict":
        window.results.verdict_banner.setFocus()
    elif options.focus == "field":
        window.form.focus_field("processing.timing")

    def save() -> None:
        if options.view == "portfolio":
            window.portfolio.activateWindow()
            window.portfolio.table.setFocus()
        QApplication.processEvents()
        target.grab().save(str(options.out))
        print(f"wrote {options.out} ({target.width()}×{target.height()})")
        window.settings.zoom = 1.0
        window.setWindowModified(False)
        window.session.saved = window.session.scenario
        if window.portfolio is not None:
            window.portfolio.close()
        window.close()
        app.quit()

    QTimer.singleShot(1500, save)
    app.exec()


def main() -> None:
    """One screenshot (with arguments) or the README's four (without)."""
    if len(sys.argv) > 1:
        shoot(parse(sys.argv[1:]))
        return
    import subprocess

    for name, args in ALL:
        subprocess.run([sys.executable, __file__, str(ROOT / "docs" / name), *args], check=True)


if __name__ == "__main__":
    main()
