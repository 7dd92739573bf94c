"""Regenerate the README screenshot: the main window evaluating the body-cam example.

Run under Xvfb (``xvfb-run -a .venv/bin/python scripts/screenshot.py``) or offscreen
(``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot.py``). Writes
docs/screenshot.png (or the path given as the first argument).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CLAUSEWISE_HOME", tempfile.mkdtemp(prefix="clausewise-shot-"))
if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import core
    from gui.main_window import MainWindow
    from gui.settings import Settings

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"
    app = QApplication([])
    window = MainWindow(core.load_packs(), Settings())
    window.open_example(core.resources_dir() / "examples" / "body-cam-patrol-uk.scenario.yaml")
    window.resize(1440, 900)
    window.show()

    def shoot() -> None:
        window.grab().save(str(out))
        print(f"wrote {out}")
        app.quit()

    QTimer.singleShot(500, shoot)
    app.exec()


if __name__ == "__main__":
    main()
