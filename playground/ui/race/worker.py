"""One optimizer race on an analytic surface, computed off the GUI thread.

``race()`` steps the app's Numba optimizer kernels under KERNEL_LOCK, so while training or a
comparison runs it waits its turn; on a worker thread that wait never freezes the window.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from playground.engine.surfaces import Point, describe, race, surface


@dataclass
class RaceRequest:
    surface: str
    optimizers: dict[str, tuple[str, dict[str, float]]]  # label -> (key, hyperparameter overrides)
    start: Point
    steps: int


@dataclass
class RaceResult:
    request: RaceRequest
    paths: dict[str, np.ndarray]  # label -> (steps + 1, 2), NaN after divergence
    hparams: dict[str, dict[str, float]]  # label -> every hyperparameter used
    summary: dict[str, dict[str, Any]]  # label -> describe()


class RaceJob(QObject):
    """Computes one request in ``run`` and emits ``finished(RaceResult)`` or ``failed(message)``."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, request: RaceRequest) -> None:
        super().__init__()
        self.request = request

    @Slot()
    def run(self) -> None:
        try:
            r = self.request
            surf = surface(r.surface)
            hparams = {label: surf.hparams(key, h) for label, (key, h) in r.optimizers.items()}
            paths = race(surf, r.optimizers, r.start, r.steps)
            self.finished.emit(RaceResult(r, paths, hparams,
                                      {label: describe(surf, p) for label, p in paths.items()}))
        except Exception as exc:  # bad values are reported in the panel, never swallowed
            self.failed.emit(str(exc))
