"""At 1280×720 and 200 % zoom: nothing past the window, the form reflows, and the overall verdict
and every finding are reachable by keyboard, with the focus ring visible."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_200_percent_on_a_1280x720_projector(tmp_path):
    """The probe's report: window within the screen, no widget outside it, keyboard reaches verdict and findings."""
    screens = tmp_path / "screens.json"
    screens.write_text(
        json.dumps({"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96}]})
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screens}", CLAUSEWISE_HOME=str(tmp_path / "home"))
    shot = tmp_path / "zoom200.png"
    proc = subprocess.run(
        [sys.executable, "-m", "tests.gui.zoom_probe", str(shot)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["screen"] == [1280, 720]
    x, y, width, height = report["window"]
    assert x >= 0 and y >= 0 and x + width <= 1280 and y + height <= 720
    assert report["outside"] == [], "widgets past the window's edge"
    assert report["form_sideways"] == 0, "the form reflows instead of scrolling sideways"
    assert "Overall verdict" in report["tabbed"] and "Findings outline" in report["tabbed"]
    assert "Findings" in report["tabbed"]
    timing = [name for name in report["tabbed"] if name.startswith("Timing of processing: ")]
    assert set(timing) == {"Timing of processing: Real time (live)"}, "a radio group is one Tab stop: the chosen answer"
    assert report["outline_by_tab"], "Tab alone reaches the findings outline, whose arrows reach every finding"
    assert len(report["outline_anchors"]) == 1 + report["findings"] >= 4
    assert len(set(report["outline_anchors"])) == len(report["outline_anchors"])
    assert report["scrolls"] == sorted(report["scrolls"]) and report["scrolls"][-1] > 0
    assert report["banner"].startswith("Overall: ✖ Prohibited")
    assert report["ring_pixels"] > 300, "the focus ring shows in the screenshot"
    assert report["guided_outside"] == [], "guided mode fits the window too"
    sideways = report["guided_sideways"]
    assert len(sideways) >= 5 and set(sideways.values()) == {0}, f"every guided page reflows: {sideways}"
    assert report["guided_focus"] == "Timing of processing: Real time (live)" and report["guided_focus_visible"]
    assert report["guided_ring_pixels"] > 200, "the chosen radio answer wears the focus ring"
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (width, height) or image.width() <= 1280
