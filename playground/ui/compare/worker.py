"""The comparison worker: builds one engine Comparison on its own thread and steps it round-robin.

All runs advance on this one thread (never several threads in Numba at once). What it emits is
plain copied data (``Comparison.results()`` builds fresh dicts and lists, decision grids are new
arrays), so the GUI thread can keep and draw it without locks.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from playground.engine import probes
from playground.engine.compare import Comparison, RunSpec
from playground.engine.graph import Graph
from playground.ui.common.garbage import collect_garbage_on_gui_thread

MAX_RATE = 30.0  # snapshots per second at most
BOUNDARY_INTERVAL = 0.5  # seconds between decision-boundary thumbnails (one forward pass per run)

Boundary = tuple[np.ndarray, tuple[float, float, float, float]]


@dataclass
class CompareSetup:
    """Once per comparison: the runs, and the 2D training data the thumbnails draw over."""

    specs: list[RunSpec]
    epochs: int
    initial_loss: float
    classification: bool
    points: np.ndarray | None  # 2D training inputs, else None
    point_labels: np.ndarray | None


@dataclass
class CompareSnapshot:
    """Every run's results with its whole (bounded) history, and sometimes fresh thumbnails."""

    progress: float
    results: list[dict[str, Any]]
    winner: str | None
    done: bool
    boundaries: dict[str, Boundary] | None = None


class CompareWorker(QObject):
    """Run with ``moveToThread`` + ``thread.started.connect(worker.run)``; ``stop()`` is
    thread-safe. ``comparison`` is readable once ``finished`` has been emitted."""

    setup = Signal(object)
    snapshot = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, graph: Graph, specs: Sequence[RunSpec], *, epochs: int | None = None,
                 steps: int | None = None, target_accuracy: float | None = None) -> None:
        super().__init__()
        collect_garbage_on_gui_thread()
        self.graph = graph  # a private copy: the canvas may change meanwhile
        self.specs = list(specs)
        self.epochs, self.steps, self.target_accuracy = epochs, steps, target_accuracy
        self.comparison: Comparison | None = None
        self._stop_requested = False
        self._two_d = False

    def stop(self) -> None:
        self._stop_requested = True

    @Slot()
    def run(self) -> None:
        try:
            comparison = Comparison(self.graph, self.specs, epochs=self.epochs, steps=self.steps,
                                    target_accuracy=self.target_accuracy)
            model = comparison.model(comparison.labels[0])
            self._two_d = model.data_shape == (2,)
            data = comparison.data
            self.setup.emit(CompareSetup(
                list(self.specs), comparison.epochs, comparison.initial_loss,
                model.num_classes is not None,
                data.x_train.copy() if self._two_d else None,
                data.y_train.copy() if self._two_d else None))
            last_emit = last_boundary = 0.0
            while not comparison.done:
                if self._stop_requested:
                    comparison.stop()
                    break
                comparison.step_round()
                now = time.monotonic()
                if now - last_emit >= 1.0 / MAX_RATE:
                    last_emit = now
                    thumbnails = now - last_boundary >= BOUNDARY_INTERVAL
                    if thumbnails:
                        last_boundary = now
                    self.snapshot.emit(self._snapshot(comparison, thumbnails))
            self.comparison = comparison
            self.finished.emit(self._snapshot(comparison, True))
        except Exception as exc:  # reported to the user, never swallowed silently
            self.failed.emit(f"{type(exc).__name__}: {exc}")

    def _snapshot(self, c: Comparison, thumbnails: bool) -> CompareSnapshot:
        results = c.results()
        snap = CompareSnapshot(c.progress, results, c.winner(), c.done)
        if thumbnails and self._two_d:
            snap.boundaries = {r["label"]: probes.decision_grid(c.model(r["label"]), c.data.x_train)
                               for r in results if r["status"] != "diverged"}
        return snap
