"""The Qt binding the app runs on keeps Python's reference counts: PySide6 6.12.0 on CPython 3.11
dropped a reference to None on every call of a Qt method that returns nothing, so a session of
ordinary use ended in "Fatal Python error: none_dealloc" (about 5,000 calls in a small program)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel


def test_qt_methods_returning_nothing_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    before = sys.getrefcount(None)
    for i in range(300):
        label.setText(str(i % 7))
        painter = QPainter(image)
        painter.drawRect(QRect(1, 1, 10, 10))
        painter.end()
    assert sys.getrefcount(None) > before - 50, "each call lost a reference to None"
