"""Running a worker QObject on its own thread, the same way for training, comparison and the race."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Qt, QThread

if TYPE_CHECKING:
    from playground.ui.common.runs import RunCoordinator


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


class OneWorkerAtATime:
    """The life of a worker thread, for QObjects that run one worker at a time (the training and
    compare controllers, the race panel): ``worker`` and ``thread`` are set from the start until
    the thread has ended and been released. Subclasses turn their controls back to 'not running'
    in ``_run_ended``. With ``runs`` set, the coordinator hears of every start and end."""

    worker: QObject | None = None
    thread: QThread | None = None
    runs: RunCoordinator | None = None

    @property
    def running(self) -> bool:
        """True from the start until the worker thread has finished and been released."""
        return self.thread is not None

    def _start_worker(self, worker: QObject) -> None:
        """Take ``worker`` and make its thread; the caller connects signals, then starts it."""
        self.worker = worker
        self.thread = worker_thread(self, worker, self._on_thread_done)
        if self.runs is not None:
            self.runs.changed.emit()

    def _stop_and_wait(self, timeout_ms: int) -> bool:
        """Stop the run and wait for its thread (window closing, another network opening);
        True when it ended in time. Released at once, so ``running`` is False on return."""
        if self.running:
            self.worker.stop()
        return self._wait_for_worker(timeout_ms)

    def _wait_for_worker(self, timeout_ms: int) -> bool:
        """Wait for the worker's thread to end and release it; True when it ended in time."""
        if not self.running:
            return True
        if not self.thread.wait(timeout_ms):
            return False
        self._release()
        return True

    def _from_current_worker(self) -> bool:
        """False for a signal a released worker queued before it ended (its run was stopped so
        another network could open): what it carries belongs to a network no longer on screen.
        Call from the controller's slots (a QObject's, so ``sender()`` names the worker)."""
        return self.worker is not None and self.sender() is self.worker

    def _on_thread_done(self) -> None:
        thread = self.sender()
        thread.deleteLater()
        if thread is self.thread:  # not one already released by _stop_and_wait
            self._release()

    def _release(self) -> None:
        worker, self.worker, self.thread = self.worker, None, None
        worker.deleteLater()
        self._run_ended(worker)
        if self.runs is not None:
            self.runs.changed.emit()

    def _run_ended(self, worker: QObject) -> None:
        """The worker's thread has ended and ``running`` is False; ``worker`` is still readable."""
