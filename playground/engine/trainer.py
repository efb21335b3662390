"""The Training view's and ``playground train``'s loop: the shared batch schedule, update and
divergence guard (``loop.py``), plus events and controls that any thread may call."""
from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from playground.engine.datasets import Dataset
from playground.engine.loop import BatchSchedule, DivergenceGuard, batch_size_for, train_step
from playground.engine.model import Model
from playground.engine.nodes.losses import accuracy
from playground.engine.optim import Optimizer


@dataclass
class TrainEvent:
    """What the trainer reports every few steps and at each epoch end (plain data, safe to copy)."""

    step: int
    epoch: int
    epoch_progress: float
    total_steps: int
    train_loss: float
    train_accuracy: float | None
    val_loss: float | None
    val_accuracy: float | None
    samples_per_second: float  # training speed: validation time and the first step left out
    status: str
    epoch_end: bool = False
    stats: dict[str, dict[str, float]] = field(default_factory=dict)
    # This report covers only the first step, where kernels compile or load: no speed to show yet.
    warming_up: bool = False
    # The L1/L2 penalty of the weights over the same steps as train_loss (None: no regularisation);
    # train_loss is the data loss alone, the optimizer minimises their sum.
    regularisation: float | None = None


@dataclass
class TrainResult:
    status: str  # "finished" | "stopped" | "diverged"
    steps: int
    epochs: int
    train_loss: float | None
    val_loss: float | None
    train_accuracy: float | None
    val_accuracy: float | None
    seconds: float
    message: str = ""
    step_losses: list[float] | None = None  # every step's mini-batch loss, when asked for
    regularisation: float | None = None  # the L1/L2 penalty of the final weights (None: none)


def layer_stats(model: Model, grads: dict[str, np.ndarray] | None = None) -> dict[str, dict[str, float]]:
    """Per parameter: mean, std and L2 norm of the weights and L2 norm of the last gradient."""
    out = {}
    for name, w in model.parameters().items():
        row = {"mean": float(w.mean()), "std": float(w.std()), "norm": float(np.linalg.norm(w))}
        if grads is not None:
            row["grad_norm"] = float(np.linalg.norm(grads[name]))
        out[name] = row
    return out


class Trainer:
    """Trains ``model`` on its Dataset node's data. ``run()`` blocks; the control methods
    (pause, resume, step_once, stop) may be called from any other thread."""

    def __init__(self, model: Model, optimizer: Optimizer | None = None, *,
                 data: tuple[Dataset, np.ndarray, np.ndarray] | None = None,
                 epochs: int | None = None, batch_size: int | None = None, seed: int | None = None,
                 report_every: int = 10, max_steps: int | None = None, with_stats: bool = False,
                 on_event: Callable[[TrainEvent], None] | None = None,
                 record_losses: bool = False) -> None:
        self.model = model
        self.optimizer = optimizer or model.make_optimizer()
        self.data, self.y_train, self.y_val = data or model.load_data()
        self.epochs = epochs or model.settings["epochs"]
        self.batch_size = batch_size_for(batch_size, model.settings["batch_size"], len(self.data.x_train))
        self.seed = model.seed if seed is None else seed
        self.report_every = max(1, report_every)
        self.max_steps = max_steps
        self.with_stats = with_stats
        self.on_event = on_event
        self.step_losses: list[float] | None = [] if record_losses else None
        self.steps_per_epoch = math.ceil(len(self.data.x_train) / self.batch_size)
        self.total_steps = min(self.epochs * self.steps_per_epoch, max_steps or 1 << 62)
        self.step = 0
        self.status = "idle"
        self._cv = threading.Condition()
        self._paused = self._stopping = False
        self._single_steps = 0

    def pause(self) -> None:
        with self._cv:
            self._paused = True

    def resume(self) -> None:
        with self._cv:
            self._paused = False
            self._cv.notify_all()

    def step_once(self) -> None:
        """While paused, run exactly one more mini-batch."""
        with self._cv:
            self._paused = True
            self._single_steps += 1
            self._cv.notify_all()

    def stop(self) -> None:
        with self._cv:
            self._stopping = True
            self._cv.notify_all()

    @property
    def compiling(self) -> bool:
        """True while ``run()`` is in its first step, where Numba compiles or loads the kernels
        (``numba_cache.first_step_note`` says which); may be read from any thread."""
        return self.status == "running" and self.step == 0

    def _wait_for_go(self) -> bool:
        """Block while paused; False when asked to stop."""
        with self._cv:
            while self._paused and not self._stopping and not self._single_steps:
                self.status = "paused"
                self._cv.wait(0.25)
            if self._single_steps:
                self._single_steps -= 1
            self.status = "running" if not self._stopping else self.status
            return not self._stopping

    def run(self) -> TrainResult:
        """Train until the epochs or ``max_steps`` are done, a stop is requested, or the loss diverges."""
        model = self.model
        schedule = BatchSchedule(self.data.x_train, self.y_train, self.seed)
        guard = DivergenceGuard(model)  # keeps the last weights that gave a finite loss
        classify = model.num_classes is not None
        start = window_start = time.perf_counter()
        self.status = "running"
        loss_sum = correct = seen = window_samples = penalty_sum = 0.0
        regularised = model.penalty is not None
        val_loss = val_acc = train_loss = train_acc = None
        message = ""
        while self.step < self.total_steps and self.status == "running":
            epoch = self.step // self.steps_per_epoch
            schedule.forget_before(epoch)
            for b in range(self.steps_per_epoch):
                if self.step >= self.total_steps or not self._wait_for_go():
                    break
                xb, yb = schedule.batch(self.step, self.batch_size)
                loss, ok = train_step(model, self.optimizer, xb, yb, guard)
                if not ok:
                    self.status = "diverged"
                    message = guard.message(self.step + 1)
                    break
                self.step += 1
                if self.step_losses is not None:
                    self.step_losses.append(float(loss))
                loss_sum += loss * len(xb)
                penalty_sum += model.last_penalty * len(xb)
                seen += len(xb)
                window_samples += len(xb)
                if classify:
                    correct += accuracy(model.last_output, yb) * len(xb)
                epoch_end = b == self.steps_per_epoch - 1
                if epoch_end:
                    evaluated = time.perf_counter()
                    val_loss, val_acc = model.evaluate(self.data.x_val, self.y_val)
                    window_start += time.perf_counter() - evaluated
                report = epoch_end or self.step % self.report_every == 0 or self.step >= self.total_steps
                if self.step == 1 and not report:  # the speed starts after the compiling step
                    window_start, window_samples = time.perf_counter(), 0
                if report:
                    train_loss = loss_sum / seen
                    train_acc = correct / seen if classify else None
                    now = time.perf_counter()
                    rate = window_samples / max(now - window_start, 1e-9)
                    window_start, window_samples = now, 0
                    penalty = penalty_sum / seen if regularised else None
                    loss_sum = correct = seen = penalty_sum = 0.0
                    if self.on_event:
                        self.on_event(TrainEvent(
                            self.step, epoch + epoch_end, (b + 1) / self.steps_per_epoch,
                            self.total_steps, train_loss, train_acc, val_loss, val_acc, rate,
                            self.status, epoch_end,
                            layer_stats(model, model.gradients()) if self.with_stats else {},
                            warming_up=self.step == 1, regularisation=penalty))
            if self._stopping:
                self.status = "stopped"
        if self.status == "running":
            self.status = "finished"
        val_loss, val_acc = model.evaluate(self.data.x_val, self.y_val)
        if seen:
            train_loss = loss_sum / seen
            train_acc = correct / seen if classify else None
        return TrainResult(self.status, self.step, self.step // self.steps_per_epoch, train_loss,
                           val_loss, train_acc, val_acc, time.perf_counter() - start, message,
                           self.step_losses, model.penalty.value() if regularised else None)
