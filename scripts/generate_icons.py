"""Generate every icon size from the one source image, resources/icons/clausewise.svg.

Writes resources/icons/clausewise.png (256 px, the window icon), clausewise.ico (Windows,
16–256 px) and clausewise.icns (macOS, 16–1024 px), and png/clausewise-<size>.png. Run after
changing the SVG: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/generate_icons.py``.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def render(size: int):
    """The SVG rendered at ``size`` × ``size`` pixels, as a Pillow image."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICONS / "clausewise.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> None:
    """Write all icon files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - needed for QPainter
    images = {size: render(size) for size in SIZES}
    (ICONS / "png").mkdir(exist_ok=True)
    for size, image in images.items():
        image.save(ICONS / "png" / f"clausewise-{size}.png")
    images[256].save(ICONS / "clausewise.png")
    images[256].save(ICONS / "clausewise.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    images[1024].save(ICONS / "clausewise.icns")
    print(f"wrote icons for sizes {', '.join(map(str, SIZES))} to {ICONS}")


if __name__ == "__main__":
    main()
