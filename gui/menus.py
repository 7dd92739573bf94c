"""The main window's menus: every action reachable from the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

import core
from gui.qt_kinds import inherits_any


def _action(w, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, w)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def guided_mode_action(window, splitter: QSplitter) -> QAction:
    """View → Guided Mode (Ctrl+G), and the hidden place in ``splitter`` that guided mode will take
    (:mod:`gui.guided` is imported when guided mode is first switched on, not at start-up)."""
    placeholder = QWidget()
    placeholder.setVisible(False)
    splitter.insertWidget(1, placeholder)
    action = QAction("&Guided Mode", window)
    action.setCheckable(True)
    action.setShortcut(QKeySequence("Ctrl+G"))
    action.setStatusTip("One group of questions at a time, then a review of your answers")
    action.toggled.connect(lambda on: _set_guided(window, on))
    return action


def _set_guided(window, on: bool) -> None:
    from gui.guided import set_guided

    set_guided(window, on)


def build_menus(w) -> None:
    """File, View and Help menus, every action with a mnemonic and, where usual, a shortcut."""
    bar = w.menuBar()
    file = bar.addMenu("&File")
    _action(w, file, "&New", w.new_scenario, QKeySequence.StandardKey.New)
    _action(w, file, "&Open…", w.open_scenario, QKeySequence.StandardKey.Open)
    _action(w, file, "Open &Portfolio…", w.open_portfolio, "Ctrl+Shift+O", "A folder of scenarios at once")
    w.recent_menu = file.addMenu("Open &Recent")
    w.recent_menu.aboutToShow.connect(lambda: fill_recent(w))
    w.examples_menu = file.addMenu("Open E&xample")
    w.examples_menu.aboutToShow.connect(lambda: fill_examples(w))
    file.addSeparator()
    _action(w, file, "&Save", w.save, QKeySequence.StandardKey.Save)
    _action(w, file, "Save &As…", w.save_as, QKeySequence.StandardKey.SaveAs)
    file.addSeparator()
    _action(w, file, "&Export Signed Memo…", w.export_memo, "Ctrl+E", "Write the memo as a signed PDF")
    _action(w, file, "&Verify Memo…", w.verify_memo, "Ctrl+Shift+V", "Check a signed memo")
    _action(w, file, "&Countersign Memo…", w.countersign_memo, None, "Add your signature to a signed memo")
    file.addSeparator()
    _action(w, file, "&Quit", w.close, QKeySequence.StandardKey.Quit)
    edit = bar.addMenu("&Edit")
    w.undo_action = _action(w, edit, "&Undo", w.session.undo, QKeySequence.StandardKey.Undo)
    w.redo_action = _action(w, edit, "&Redo", w.session.redo, "Ctrl+Shift+Z")
    edit.addSeparator()
    _action(w, edit, "Re&vert to Saved", w.session.revert, tip="Go back to the file as last saved (undoable)")
    w.show_history(None, None)
    view = bar.addMenu("&View")
    _action(w, view, "Zoom &In", lambda: w.zoom(+1), QKeySequence.StandardKey.ZoomIn)
    _action(w, view, "Zoom &Out", lambda: w.zoom(-1), QKeySequence.StandardKey.ZoomOut)
    _action(w, view, "&Reset Zoom", lambda: w.apply_zoom(1.0), "Ctrl+0")
    _action(w, view, "Go to &Form", lambda: w.form.setFocus(), "Ctrl+1")
    _action(w, view, "Go to F&indings", lambda: w.findings.setFocus(), "Ctrl+2")
    _action(w, view, "Go to the Overall &Verdict", lambda: w.results.verdict_banner.setFocus(), "Ctrl+3")
    _action(w, view, "Go to the Findings Out&line", lambda: w.results.outline.setFocus(), "Ctrl+4")
    view.addSeparator()
    view.addAction(w.guided_action)
    # Ctrl+= as well as Ctrl++: on many keyboards "+" needs Shift.
    extra = QAction(w)
    extra.setShortcut(QKeySequence("Ctrl+="))
    extra.triggered.connect(lambda: w.zoom(+1))
    w.addAction(extra)
    help_menu = bar.addMenu("&Help")
    _action(w, help_menu, "What the &verdicts mean", w.explain_verdicts)
    _action(w, help_menu, "&Licences and Third-Party Notices", lambda: _show_licences(w))
    _action(w, help_menu, "&About Clausewise", w.about)
    w.menu_shortcuts = MenuShortcutsFirst(w)


class MenuShortcutsFirst(QObject):
    """The window's shortcuts work from every field: text fields claim some Ctrl keys for editing
    (Ctrl+E moves to the end of a line on Linux), so for keys that are a menu shortcut of this
    window the fields' claim is refused and the menu action runs.

    A field is guarded when it first takes the keyboard focus (the claim goes to the focused field
    only), so fields built at any time are guarded, and none is looked for at start-up."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        QApplication.instance().focusChanged.connect(self._focused)  # type: ignore[union-attr]

    def _focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and is_text_field(new) and new.window() is self.window:
            new.installEventFilter(self)  # once: Qt does not install the same filter twice

    def _menu_keys(self) -> set[int]:
        keys = set()
        for action in self.window.findChildren(QAction):
            for sequence in action.shortcuts():
                if sequence.count() == 1:
                    keys.add(sequence[0].toCombined())
        return keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Refuse a field's claim on a menu shortcut (the event is filtered out, not accepted)."""
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        return event.keyCombination().toCombined() in self._menu_keys()  # type: ignore[attr-defined]


TEXT_FIELDS = ("QLineEdit", "QAbstractSpinBox", "QPlainTextEdit", "QTextEdit")
"""The kinds of field that claim Ctrl keys for editing (by Qt class name: no class is imported)."""


def is_text_field(widget: QWidget) -> bool:
    """Whether ``widget`` edits text when focused (a drop-down list you can type in included)."""
    if inherits_any(widget, TEXT_FIELDS):
        return True
    return widget.inherits("QComboBox") and widget.isEditable()  # type: ignore[attr-defined]


def _show_licences(w) -> None:
    from gui.licences import show_licences  # built on first use, not at start-up

    show_licences(w)


def fill_examples(w) -> None:
    """File → Open Example: every bundled example, by title. The files are read the first time the
    menu opens, not at start-up."""
    if w.examples_menu.actions():
        return
    for path in core.example_paths():
        try:
            title = core.load_scenario(path, w.packs.questionnaire).title or path.name
        except core.ClausewiseError:
            continue
        _action(w, w.examples_menu, title.replace("&", "&&"), lambda _=False, p=path: w.open_example(p))


def fill_recent(w) -> None:
    """File → Open Recent: the recent files that still exist."""
    w.recent_menu.clear()
    existing = [Path(p) for p in w.settings.recent_files if Path(p).exists()]
    if not existing:
        w.recent_menu.addAction("(none)").setEnabled(False)
    for i, path in enumerate(existing, start=1):
        _action(w, w.recent_menu, f"&{i} {path.name}", lambda _=False, p=path: w.open_path(p))
