"""Running a worker QObject on its own thread, the same way for training and comparison."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt, QThread


def worker_thread(owner: QObject, worker: QObject, on_done: Callable[[], None]) -> QThread:
    """A thread (not yet started) that runs ``worker.run`` and ends when it emits finished or failed.

    The quit connections are direct: the worker's thread ends its own loop, even while the GUI
    thread is blocked waiting on it (window closing).
    """
    thread = QThread(owner)
    worker.moveToThread(thread)
    worker.finished.connect(thread.quit, Qt.DirectConnection)
    worker.failed.connect(thread.quit, Qt.DirectConnection)
    thread.finished.connect(on_done)
    thread.started.connect(worker.run)
    return thread
