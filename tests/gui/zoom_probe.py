"""Run by test_review_zoom.py in a process of its own whose (offscreen) screen is 1280×720:
opens the window at 200 % zoom, walks it with the keyboard and prints what it found as JSON."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

import core
from gui.main_window import MainWindow
from gui.settings import Settings
from gui.style import FOCUS


def _in_scrolled_content(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return True
        parent = parent.parentWidget()
    return False


def _outside(window: QWidget) -> list[str]:
    out = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or _in_scrolled_content(widget):
            continue
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not window.rect().contains(rect):
            out.append(f"{type(widget).__name__} {widget.accessibleName()!r} {rect.getRect()}")
    return out


def _tab_walk(app: QApplication, window: QWidget, steps: int) -> list[str]:
    window.form.title.setFocus()
    names = []
    for _ in range(steps):
        QTest.keyClick(app.focusWidget(), Qt.Key.Key_Tab)
        widget = app.focusWidget()
        names.append(widget.accessibleName() if widget else "")
    return names


def _guided(app: QApplication, window: QWidget, shot: str) -> dict:
    """Guided mode on the cameras page, the keyboard on the chosen answer of a radio group."""
    window.guided_action.setChecked(True)
    guided = window.guided
    sideways = {}
    for step in guided.steps():  # every page reflows, whatever its inputs (radio buttons included)
        guided.show_page(step)
        for _ in range(5):
            app.processEvents()
        area = guided.pages.currentWidget()
        if isinstance(area, QAbstractScrollArea):
            sideways[guided.section_titles[step]] = area.horizontalScrollBar().maximum()
    guided.focus_field("processing.timing")
    for _ in range(20):
        app.processEvents()
    focus = app.focusWidget()
    image = window.grab()
    image.save(shot)
    ring = QColor(FOCUS).rgb()
    button = (  # the focused answer and the ring just round it
        focus.parentWidget().grab(focus.geometry().adjusted(-3, -3, 3, 3)).toImage() if focus is not None else None
    )
    return {
        "guided_outside": _outside(window),
        "guided_sideways": sideways,
        "guided_focus": focus.accessibleName() if focus is not None else "",
        "guided_focus_visible": focus is not None and focus.visibleRegion().boundingRect() == focus.rect(),
        "guided_ring_pixels": sum(
            1 for y in range(button.height()) for x in range(button.width()) if button.pixel(x, y) == ring
        )
        if button is not None
        else 0,
    }


def main() -> None:
    """Probe and print."""
    app = QApplication([])
    window = MainWindow(core.load_packs(), Settings())
    window.show()
    window.activateWindow()
    window.apply_zoom(2.0)
    window.open_example(core.resources_dir() / "examples" / "body-cam-patrol-uk.scenario.yaml")
    for _ in range(20):
        app.processEvents()
    screen = window.screen().availableGeometry()
    tabbed = _tab_walk(app, window, 400)
    outline = window.results.outline
    window.form.title.setFocus()  # the walk's start; from there the keyboard alone reaches the outline
    for _ in range(400):
        if app.focusWidget() is outline:
            break
        QTest.keyClick(app.focusWidget(), Qt.Key.Key_Tab)
    QTest.keyClick(outline, Qt.Key.Key_Home)
    reached = [outline.currentItem().data(Qt.ItemDataRole.UserRole)]
    scrolls = [window.findings.verticalScrollBar().value()]
    for _ in range(outline.count() - 1):
        QTest.keyClick(outline, Qt.Key.Key_Down)
        reached.append(outline.currentItem().data(Qt.ItemDataRole.UserRole))
        scrolls.append(window.findings.verticalScrollBar().value())
    app.processEvents()
    image = window.grab()
    image.save(sys.argv[1])
    pixels = image.toImage()
    focus = QColor(FOCUS).rgb()
    ring = sum(1 for y in range(pixels.height()) for x in range(0, pixels.width(), 2) if pixels.pixel(x, y) == focus)
    evaluation = window.session.evaluation()
    report = {
        "screen": [screen.width(), screen.height()],
        "window": list(window.frameGeometry().getRect()),
        "outside": _outside(window),
        "form_sideways": window.form.horizontalScrollBar().maximum(),
        "tabbed": tabbed,
        "outline_anchors": reached,
        "scrolls": scrolls,
        "findings": len(evaluation.findings),
        "ring_pixels": ring,
        "banner": window.results.verdict_banner.text(),
        "outline_by_tab": app.focusWidget() is outline,
    }
    report.update(_guided(app, window, sys.argv[1].replace(".png", "-guided.png")))
    print(json.dumps(report))
    window.session.saved = window.session.scenario
    window.close()


if __name__ == "__main__":
    main()
