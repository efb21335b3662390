"""One run at a time, decided in one place.

Training and a comparison both step the app's Numba kernels on a worker thread, so each asks the
coordinator before it starts, the training view's idle text follows what the coordinator knows, and
opening another network ends every run here (the loss-surface race is not a run: it waits for the
kernel lock on its own short job).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from playground.ui.common import dialogs, i18n


class Run(Protocol):
    """What the coordinator needs of a controller that runs jobs on the kernels."""

    @property
    def running(self) -> bool: ...

    def shutdown(self) -> bool: ...


@dataclass
class _Entry:
    run: Run
    doing: str  # "training", "comparing optimizers"
    stop_hint: str  # how the user ends it: "Stop training (Shift+F5)"


class RunCoordinator(QObject):
    """Knows every kind of run and lets one at a time go."""

    changed = Signal()  # a run started or ended

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[_Entry] = []

    def add(self, run: Run, doing: str, stop_hint: str) -> None:
        self._entries.append(_Entry(run, doing, stop_hint))

    def _other(self, run: Run) -> _Entry | None:
        return next((e for e in self._entries if e.run is not run and e.run.running), None)

    def busy_elsewhere(self, run: Run) -> str | None:
        """What another run is doing now ("comparing optimizers"), else None."""
        other = self._other(run)
        return other.doing if other else None

    def refusal(self, run: Run) -> str | None:
        """Why ``run`` may not start now, in words for the status bar; None when it may."""
        other = self._other(run)
        if other is None:
            return None
        mine = next(e for e in self._entries if e.run is run)
        return self.tr("{stop_hint} before {doing}: one run at a time").format(stop_hint=other.stop_hint, doing=mine.doing)

    def start_refusal(self, run: Run, analysis, verb: str) -> str | None:
        """Why ``run`` may not start on a network with ``analysis``: another run going, or the
        graph's first problem ("Cannot train: ..."); None when it may."""
        refusal = self.refusal(run)
        if refusal is None and not analysis.ok:
            refusal = self.tr("Cannot {verb}: {problem}").format(verb=verb, problem=i18n.engine_text(str(analysis.problems[0])))
        return refusal

    def end_all_for(self, parent: QWidget | None, what: str) -> bool:
        """Another network (``what``) is about to replace this one: every run on it ends first, if
        the user agrees. False when the user keeps the run."""
        running = [e.run for e in self._entries if e.run.running]
        if not running:
            return True
        if not dialogs.ask_stop_runs(parent, what):
            return False
        for run in running:
            run.shutdown()
        return True
