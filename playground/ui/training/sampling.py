"""Curve probes sampled by step, not by clock: a curve drawn from snapshots alone gets one point a
snapshot (at most 10 a second, its heavy probes 2), so a run of 7,500 steps that trains in a
second drew its gradient norms or its GAN scores from a dozen points. The worker runs these
probes every few steps instead, about ``POINTS`` times over a run, and never spends more than
``SHARE`` of the training time on one of them."""
from __future__ import annotations

import time
from typing import Callable, Mapping

POINTS = 400  # samples over a whole run, at most (per-batch norms are noisy: more only blur)
SHARE = 0.05  # of the training time, at most, per probe


class StepSampler:
    """Runs each ``probes[key](model, data)`` at evenly spaced steps on the worker thread and
    keeps ``(step, result)`` pairs until ``take`` hands them to a snapshot."""

    def __init__(self, probes: Mapping[str, Callable], total_steps: int) -> None:
        self.probes = dict(probes)
        self.every = max(1, total_steps // POINTS)
        self._due = {key: (0, 0.0) for key in self.probes}  # key -> (next step, not before)
        self._cost = {key: float("inf") for key in self.probes}  # fastest run of each probe
        self._pending: dict[str, list[tuple[int, object]]] = {}

    def sample(self, model, data, step: int) -> None:
        """After training step ``step``: run the probes that are due."""
        for key, probe in self.probes.items():
            due_step, due_time = self._due[key]
            start = time.monotonic()
            if step < due_step or start < due_time:
                continue
            cpu = time.thread_time()
            result = probe(model, data)
            # The fastest run is the probe's cost: a busy machine preempts, and the first compiles
            # (it sets no wait). CPU time, not the clock: in the window the probe also waits for
            # the GIL the GUI thread holds, and training would have waited as long.
            first, spent = self._cost[key] == float("inf"), time.thread_time() - cpu
            self._cost[key] = cost = min(self._cost[key], spent)
            self._due[key] = (step + self.every, start if first else start + cost / SHARE)
            if result is not None:
                self._pending.setdefault(key, []).append((step, result))

    def take(self) -> dict[str, list[tuple[int, object]]]:
        """The samples since the last call, oldest first, per probe key."""
        out, self._pending = self._pending, {}
        return out
