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


def test_changing_tabs_after_the_tab_bar_had_the_focus_raises_nothing(qtbot, body_cam):
    """The ring round a tab bar follows the current tab while it has the focus, and is gone after
    (pytest-qt fails the test on any exception in a slot, as the app would show its error dialog)."""
    tabs = body_cam.results.tabBar()
    body_cam.activateWindow()
    ring = FocusRing.install()
    for _ in range(3):
        tabs.setFocus()
        qtbot.waitUntil(lambda: ring.ring is not None and ring.ring.target is tabs, timeout=2000)
        body_cam.form.title.setFocus()
        qtbot.waitUntil(lambda: ring.ring is not None and ring.ring.target is body_cam.form.title, timeout=2000)
    for index in (1, 2, 0):
        body_cam.results.setCurrentIndex(index)
        qtbot.wait(10)


def test_the_ring_round_a_widget_flush_with_its_parent_is_drawn_outside_it(qtbot, body_cam):
    """A checkbox of a multiple-choice question touches its group's edge: the ring is drawn from
    further up, whole, 3 pixels outside the checkbox on every side."""
    box = next(iter(body_cam.form.rows["service"].input.boxes.values()))
    assert box.geometry().left() == 0 or box.geometry().top() == 0, "flush with its parent"
    body_cam.activateWindow()
    body_cam.form.ensureWidgetVisible(box)
    box.setFocus()
    ring = FocusRing.install()
    qtbot.waitUntil(lambda: ring.ring is not None and ring.ring.target is box, timeout=2000)
    host = ring.ring.parentWidget()
    expected = QRect(box.mapTo(host, QPoint(0, 0)), box.size()).adjusted(-3, -3, 3, 3)
    assert ring.ring.geometry() == expected


def test_an_open_drop_down_list_wears_no_ring(qtbot):
    box = QComboBox()
    box.addItems(["a", "b"])
    qtbot.addWidget(box)
    box.show()
    box.showPopup()
    assert ring_target(box.view()) is None
    box.hidePopup()
