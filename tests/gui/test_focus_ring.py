"""Which widget the focus ring goes round, and that it follows the widget and goes when focus leaves."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QTabBar, QVBoxLayout, QWidget

from gui.focus_ring import FocusRing, make_focusable_label, ring_target


def test_the_ring_goes_round_the_box_not_its_editor_and_only_round_inputs(qtbot):
    box = QComboBox()
    box.setEditable(True)
    qtbot.addWidget(box)
    assert ring_target(box.lineEdit()) is box
    plain, label, focusable = QWidget(), QLabel("x"), QLabel("verdict")
    make_focusable_label(focusable)
    assert ring_target(plain) is None and ring_target(label) is None and ring_target(None) is None
    assert ring_target(focusable) is focusable
    edit, button, tabs = QLineEdit(), QPushButton("OK"), QTabBar()
    assert all(ring_target(w) is w for w in (edit, button, tabs))


def test_the_ring_follows_its_widget_and_leaves_with_the_focus(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    first, second = QLineEdit(), QLineEdit()
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    ring = FocusRing.install()
    window.activateWindow()
    first.setFocus()
    qtbot.waitUntil(lambda: ring.ring is not None and ring.ring.target is first, timeout=2000)
    assert ring.ring.geometry().contains(first.geometry()) and ring.ring.isVisible()
    first.setFixedWidth(first.width() // 2)
    qtbot.waitUntil(lambda: ring.ring.geometry().width() == first.width() + 6, timeout=2000)
    old = ring.ring
    second.setFocus()
    qtbot.waitUntil(lambda: ring.ring is not None and ring.ring.target is second, timeout=2000)
    assert not old.isVisible()
    second.hide()  # the focus moves on (to the first field), and the ring with it
    qtbot.waitUntil(lambda: ring.ring is None or ring.ring.target is not second, timeout=2000)
    assert ring.ring is None or (ring.ring.target.isVisible() and ring.ring.isVisible())


def test_a_ring_round_a_splitter_pane_is_no_pane_of_its_own(qtbot, body_cam):
    """The findings outline sits in a splitter (which makes every child a pane): the ring goes round
    the outline, drawn outside the splitter, and the splitter keeps its panes."""
    outline = body_cam.results.outline
    splitter = outline.parentWidget()
    assert splitter.inherits("QSplitter")
    panes = splitter.count()
    body_cam.activateWindow()
    outline.setFocus()
    ring = FocusRing.install()
    qtbot.waitUntil(lambda: ring.ring is not None and ring.ring.target is outline, timeout=2000)
    assert splitter.count() == panes and ring.ring.parentWidget() is not splitter
    host = ring.ring.parentWidget()
    assert ring.ring.geometry().contains(QRect(outline.mapTo(host, QPoint(0, 0)), outline.size()))
