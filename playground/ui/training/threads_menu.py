"""Training > Engine threads: how many cores the engine's parallel kernels use, kept in settings.

The engine's thread count is one setting for the whole process (``playground.engine.set_threads``),
so the training worker, compare and race runs all use the choice, and it can change mid-run
(results do not depend on it). Automatic leaves one core to the window: on a 2-core laptop an
engine thread that shares its core with the GUI thread's painting holds up every parallel step
(docs/performance.md, "Threads in the window").
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from playground.engine import threads
from playground.ui.common import settings


class EngineThreadsMenu(QMenu):
    """Automatic, 1 thread, 2 threads, ... up to the cores; ``threadsChanged`` carries the count
    now in effect after the user picks one."""

    threadsChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Engine &threads"))
        self.setObjectName("engineThreads")
        tip = self.tr("Processor cores for training. Automatic leaves one to the window so it "
                      "stays smooth; small networks always run on one.")
        self.setToolTipsVisible(True)
        self._group = QActionGroup(self)
        self._actions: dict[int | None, QAction] = {}
        cores = threads.max_threads()
        choices: list[int | None] = [None, *range(1, cores + 1)]
        for choice in choices:
            if choice is None:
                text = self.tr("&Automatic ({n} of {cores} cores)").format(n=threads.interactive_threads(),
                                                                     cores=cores)
            elif choice == 1:
                text = self.tr("&1 thread")
            else:
                text = self.tr("&{n} threads").format(n=choice)
            action = self.addAction(text)
            action.setCheckable(True)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.setData(choice)
            self._group.addAction(action)
            action.triggered.connect(lambda _checked=False, c=choice: self.choose(c))
            self._actions[choice] = action
        self._actions[None].setChecked(True)

    def choice(self) -> int | None:
        """The checked entry: a thread count, or None for Automatic."""
        return self._group.checkedAction().data()

    def choose(self, choice: int | None) -> None:
        """The user's pick: saved, applied to the engine at once, announced."""
        settings.save_engine_threads(choice)
        self.threadsChanged.emit(self._apply(choice))

    def restore_saved(self) -> None:
        """Apply the choice saved last time (a count above this machine's cores means all)."""
        saved = settings.engine_threads()
        if saved is not None and saved not in self._actions:
            saved = max(c for c in self._actions if c is not None)
        self._apply(saved)

    def _apply(self, choice: int | None) -> int:
        self._actions[choice].setChecked(True)
        return threads.set_threads(choice or threads.interactive_threads())
