"""The training worker: owns the model on its own thread and sends throttled, copied snapshots.

Only this worker calls engine kernels while training runs. Everything it emits is a fresh copy, so
the GUI thread can keep and draw it without locks.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Mapping

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from playground.engine import Model, Trainer, TrainEvent
from playground.engine import probes
from playground.engine.nodes.losses import predicted_classes
from playground.ui.common import i18n
from playground.engine.numba_cache import first_step_note
from playground.ui.common.garbage import collect_garbage_on_gui_thread
from playground.ui.training.sampling import StepSampler

MAX_RATE = 10.0  # snapshots per second at most (the GUI thread competes with training for the GIL)
HEAVY_INTERVAL = 0.5  # seconds between decision grids and feature maps
SLOW_HEAVY_INTERVAL = 0.2  # ... at most this often when a speed limit slows the run
CONFUSION_INTERVAL = 4.0  # seconds between confusion matrices (a forward pass over validation)
CONFUSION_SAMPLES = 1000
SAMPLE_COUNT = 24
# A fast run reports groups of steps, at most about this many reports a second: each report (an
# event, the loss curves' point) costs the worker ~5 us of Python, 15% of a spiral step of 32 us.
# A run slower than this (LeNet), a paced or a paused one reports every step.
REPORTS_PER_SECOND = 1000.0


@dataclass
class TrainingSetup:
    """What the views need once per run: layer lists, data for scatter plots and sample grids."""

    weight_layers: list[str]
    conv_layers: list[str]
    feature_layers: list[str]
    num_classes: int | None
    points: np.ndarray | None  # 2D training inputs for the decision boundary, else None
    point_labels: np.ndarray | None
    sample_images: np.ndarray | None  # (n, H, W) validation images for the prediction grid
    sample_labels: np.ndarray | None
    total_steps: int
    steps_per_epoch: int


@dataclass
class TrainingSnapshot:
    """Copies of everything new since the previous snapshot."""

    step: int
    epoch: int
    total_steps: int
    samples_per_second: float
    status: str
    steps: np.ndarray
    train_loss: np.ndarray
    train_accuracy: np.ndarray
    val_points: list[tuple[int, float, float | None]] = field(default_factory=list)
    weights: dict[str, np.ndarray] = field(default_factory=dict)
    grad_norms: dict[str, float] = field(default_factory=dict)
    boundary: tuple[np.ndarray, tuple[float, float, float, float]] | None = None
    feature_maps: dict[str, np.ndarray] | None = None
    confusion: np.ndarray | None = None
    sample_predictions: np.ndarray | None = None
    warming_up: bool = False  # TrainEvent.warming_up of the last event: no speed yet
    extras: dict[str, object] = field(default_factory=dict)  # probe key -> its result
    regularisation: np.ndarray | None = None  # the L1/L2 term per report (None: no regularisation)
    series: dict[str, list] = field(default_factory=dict)  # series probe key -> [(step, result)]


class TrainingWorker(QObject):
    """Run with ``moveToThread`` + ``thread.started.connect(worker.run)``; control from the GUI
    thread with pause/resume/step_once/stop (thread-safe through the Trainer)."""

    setup = Signal(object)
    snapshot = Signal(object)
    status = Signal(str, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, model: Model, *, max_steps: int | None = None, start_paused: bool = False,
                 feature_sample: int = 0, steps_per_second: float | None = None,
                 probes: Mapping[str, Callable] | None = None,
                 series_probes: Mapping[str, Callable] | None = None) -> None:
        super().__init__()
        collect_garbage_on_gui_thread()
        self.model = model
        self.max_steps = max_steps
        self.start_paused = start_paused
        self.feature_sample = feature_sample
        self.probes = dict(probes or {})  # key -> probe(model, data), run with each heavy snapshot
        self.series_probes = dict(series_probes or {})  # ... run every few steps (``StepSampler``)
        self._sampler: StepSampler | None = None
        self._last_event: TrainEvent | None = None
        self.trainer: Trainer | None = None
        self._pending: list[TrainEvent] = []
        self._val_points: list[tuple[int, float, float | None]] = []
        self._last_emit = self._last_heavy = self._last_confusion = 0.0
        self._stop_requested = False
        self._early_steps = 0  # Step pressed before the trainer existed
        self._pace = threading.Condition()  # the speed limit's wait; pause, stop and set_speed end it
        self._rate = steps_per_second or None
        self._paused = start_paused
        self._released = 0.0  # when the last paced step was let through
        self._emitted = (0, time.monotonic())  # (step, time) of the last snapshot

    def set_speed(self, steps_per_second: float | None) -> None:
        """At most this many steps per second (None: as fast as possible), from the next step on."""
        with self._pace:
            self._rate = steps_per_second or None
            self._report_each_step()
            self._pace.notify_all()

    def _report_each_step(self) -> None:
        """Under ``_pace``: a paused or paced run shows every step (F10, the speed limit's beat)."""
        if self.trainer and (self._paused or self._rate):
            self.trainer.report_every = 1

    def _group_reports(self, step: int, now: float) -> None:
        """Report every n-th step of a fast run (epoch ends still report), so that about
        ``REPORTS_PER_SECOND`` reports arrive; a report's loss is the mean of its steps. The speed
        is the steps since the previous snapshot (one step's own time varies tenfold)."""
        steps_per_second = (step - self._emitted[0]) / max(now - self._emitted[1], 1e-9)
        self._emitted = (step, now)
        with self._pace:
            if self._paused or self._rate:
                self.trainer.report_every = 1
            else:
                self.trainer.report_every = max(1, int(steps_per_second / REPORTS_PER_SECOND))

    @property
    def steps_per_second(self) -> float | None:
        return self._rate

    def _set_paused(self, paused: bool) -> None:
        with self._pace:
            self._paused = paused
            self._report_each_step()
            self._pace.notify_all()

    def pause(self) -> None:
        """The trainer pauses after the step in progress, once that step is on screen
        (``_on_event``), so a paused view shows the step the run stopped at."""
        self._set_paused(True)
        if not self.trainer:
            self.start_paused = True

    def resume(self) -> None:
        self.start_paused = False
        with self._pace:
            self._paused = False
            self._pace.notify_all()
            if self.trainer:
                self.trainer.resume()

    def step_once(self) -> None:
        self._set_paused(True)
        if self.trainer:
            self.trainer.step_once()
        else:
            self.start_paused = True
            self._early_steps += 1

    def stop(self) -> None:
        with self._pace:
            self._stop_requested = True
            self._pace.notify_all()
        if self.trainer:
            self.trainer.stop()

    @Slot()
    def run(self) -> None:
        try:
            self.status.emit("compiling", self.tr("Preparing data and {first_step_note}…").format(first_step_note=i18n.engine_text(first_step_note())))
            model = self.model
            data = model.load_data()
            probe = data[0].x_train[:2]
            model.loss_and_grads(probe, data[1][:2])  # compiles the kernels before the clock starts
            model.forward(data[0].x_val[:1])
            trainer = Trainer(model, data=data, report_every=1, max_steps=self.max_steps,
                              on_event=self._on_event)
            if self.start_paused:
                trainer.pause()
            for _ in range(self._early_steps):
                trainer.step_once()
            self.trainer = trainer
            self._sampler = StepSampler(self.series_probes, trainer.total_steps)
            if self._stop_requested:
                trainer.stop()
            self.setup.emit(self._make_setup(trainer))
            self.status.emit("running", "")
            result = trainer.run()
            self._emit(force=True)
            self.finished.emit(result)
        except Exception as exc:  # reported to the user, never swallowed silently
            self.failed.emit(f"{type(exc).__name__}: {exc}")

    def _make_setup(self, trainer: Trainer) -> TrainingSetup:
        model, data = self.model, trainer.data
        two_d = model.data_shape == (2,)  # 2D points (before any input features)
        images = data.x_val[:SAMPLE_COUNT] if len(model.input_shape) == 3 else None
        return TrainingSetup(
            probes.weight_layers(model), probes.conv_layers(model), probes.feature_layers(model),
            model.num_classes,
            data.x_train.copy() if two_d else None, data.y_train.copy() if two_d else None,
            images[:, 0].copy() if images is not None else None,
            data.y_val[:SAMPLE_COUNT].copy() if images is not None else None,
            trainer.total_steps, trainer.steps_per_epoch)

    def _on_event(self, event: TrainEvent) -> None:
        self._pending.append(event)
        self._last_event = event
        self._sampler.sample(self.model, self.trainer.data, event.step)
        if event.epoch_end:
            self._val_points.append((event.step, event.val_loss, event.val_accuracy))
        # Epoch ends keep the snapshot clock too: the spiral ends hundreds a second, and a snapshot
        # each (a copy of every weight, every panel's update on the GUI thread) starved the event
        # loop; their validation points ride with the next snapshot, all of them. A step the run
        # pauses after (F10) is on screen whole, heavy views included, however soon it came.
        stepping = self._paused
        self._emit(force=stepping, status="paused" if stepping else None)
        self._keep_pace()
        with self._pace:  # under the lock resume() takes, so a resume is never lost
            if self._paused:
                if self._pending:
                    self._emit(force=True, status="paused")
                else:  # the last step is on screen already: only its state changes
                    self.status.emit("paused", "")
                self.trainer.pause()

    def _keep_pace(self) -> None:
        """Hold the next step back until the speed limit allows it. Runs on the worker thread after
        every step; pause, stop and a new speed wake it at once, so the controls stay instant."""
        if not self._rate:
            return
        with self._pace:
            while self._rate and not self._paused and not self._stop_requested:
                now = time.monotonic()
                interval = 1.0 / self._rate
                due = self._released + interval
                if now >= due:  # on time: keep the beat; late (a slow step, a pause): start anew
                    self._released = due if now - due < interval else now
                    return
                self._pace.wait(due - now)

    def _emit(self, force: bool = False, status: str | None = None) -> None:
        now = time.monotonic()
        if not force and (not self._pending or now - self._last_emit < 1.0 / MAX_RATE):
            return
        if self._last_event is None:
            return
        self._last_emit = now
        # forced with nothing new (the run's end, its last step already sent): the final state,
        # heavy views included, is still drawn
        events, self._pending = self._pending, []
        last = events[-1] if events else self._last_event
        model = self.model
        snap = TrainingSnapshot(
            last.step, last.epoch, last.total_steps, last.samples_per_second, status or self.trainer.status,
            np.array([e.step for e in events]), np.array([e.train_loss for e in events]),
            np.array([np.nan if e.train_accuracy is None else e.train_accuracy for e in events]),
            self._val_points, {k: v.copy() for k, v in model.parameters().items()},
            probes.gradient_norms(model), warming_up=last.warming_up,
            regularisation=None if last.regularisation is None else
            np.array([np.nan if e.regularisation is None else e.regularisation for e in events]),
            series=self._sampler.take())
        self._val_points = []
        if self.trainer is not None and not last.warming_up:
            self._group_reports(last.step, now)
        if force or now - self._last_heavy >= self._heavy_interval():
            self._last_heavy = now
            self._add_heavy(snap, force)
        self.snapshot.emit(snap)

    def _heavy_interval(self) -> float:
        """Slow runs redraw the decision boundary after (nearly) every step, for watching it move."""
        rate = self._rate
        return HEAVY_INTERVAL if not rate else min(HEAVY_INTERVAL, max(1.0 / rate, SLOW_HEAVY_INTERVAL))

    def _add_heavy(self, snap: TrainingSnapshot, force: bool) -> None:
        """Decision grid, feature maps, confusion matrix, probes: throttled harder than the curves."""
        model, data = self.model, self.trainer.data
        snap.extras = {key: probe(model, data) for key, probe in self.probes.items()}
        if model.data_shape == (2,):
            snap.boundary = probes.decision_grid(model, data.x_train)
        if len(model.input_shape) == 3:
            i = min(self.feature_sample, len(data.x_val) - 1)
            acts = model.activations(data.x_val[i:i + 1])
            snap.feature_maps = {n: acts[n][0] for n in probes.feature_layers(model)}
        now = time.monotonic()
        if model.num_classes and (force or now - self._last_confusion >= CONFUSION_INTERVAL):
            self._last_confusion = now
            n = CONFUSION_SAMPLES
            last = getattr(model, "last_evaluation", None)  # an epoch end has just evaluated all of it
            if force and last is not None and last[0] is data.x_val:
                pred = last[1][:n]
            else:
                pred = model.forward(data.x_val[:n])
            snap.confusion = probes.confusion_matrix(pred, data.y_val[:n], model.num_classes)
            head = pred[:SAMPLE_COUNT]
            snap.sample_predictions = predicted_classes(head)
