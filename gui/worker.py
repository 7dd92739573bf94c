"""Run slow work (signing, verifying) off the UI thread and hand the result back to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_running: set[Task] = set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    """A function run on the thread pool; its result or exception arrives on the UI thread."""

    def __init__(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_failed: Callable[[BaseException], None]
    ):
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = _Signals()  # created on the UI thread, so its slots run there
        self.signals.done.connect(on_done)
        self.signals.failed.connect(on_failed)
        self.signals.done.connect(lambda _: _running.discard(self))
        self.signals.failed.connect(lambda _: _running.discard(self))

    def run(self) -> None:  # runs on a pool thread
        try:
            result = self.fn()
        except BaseException as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def run_in_background(
    fn: Callable[[], Any], on_done: Callable[[Any], None], on_failed: Callable[[BaseException], None]
) -> Task:
    """Start ``fn`` on the global thread pool."""
    task = Task(fn, on_done, on_failed)
    _running.add(task)
    QThreadPool.globalInstance().start(task)
    return task
