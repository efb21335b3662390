"""The training loop: seeded shuffled mini-batches, events, thread-safe controls, divergence guard."""
from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator

import numpy as np

from playground.engine.datasets import Dataset
from playground.engine.model import Model
from playground.engine.nodes.losses import accuracy
from playground.engine.optim import Optimizer

# A loss this many times its first value (or 1, if larger) counts as diverged, as a non-finite one
# does: saturating outputs (sigmoid + BCE) keep an exploding loss finite for a long time.
EXPLODED = 1e4


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


def batch_orders(n: int, seed: int) -> Iterator[np.ndarray]:
    """The sample order of each epoch: a fresh permutation of range(n) per epoch, from ``seed``.

    The one place the batch schedule is defined; the PyTorch export writes these orders next to
    its data so ``train.py --same-batches`` sees the batches the engine sees."""
    rng = np.random.default_rng(seed)
    while True:
        yield rng.permutation(n)


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
        self.batch_size = min(batch_size or model.settings["batch_size"], len(self.data.x_train))
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
        model, x, y = self.model, self.data.x_train, self.y_train
        orders = batch_orders(len(x), self.seed)
        params = model.parameters()
        # The divergence guard restores the last weights that gave a finite loss: one flat copy per
        # step when the model keeps its parameters in one vector.
        flat = model.flat_parameters() if hasattr(model, "flat_parameters") else None
        snapshot = flat.copy() if flat is not None else {k: v.copy() for k, v in params.items()}
        classify = model.num_classes is not None
        buffers: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        start = window_start = time.perf_counter()
        self.status = "running"
        loss_sum = correct = seen = window_samples = 0.0
        val_loss = val_acc = train_loss = train_acc = None
        message = ""
        first_loss = None
        while self.step < self.total_steps and self.status == "running":
            order = next(orders)
            epoch = self.step // self.steps_per_epoch
            for b in range(self.steps_per_epoch):
                if self.step >= self.total_steps or not self._wait_for_go():
                    break
                idx = order[b * self.batch_size:(b + 1) * self.batch_size]
                if len(idx) not in buffers:
                    buffers[len(idx)] = (np.empty((len(idx), *x.shape[1:]), x.dtype),
                                         np.empty((len(idx), *y.shape[1:]), y.dtype))
                xb, yb = buffers[len(idx)]
                np.take(x, idx, axis=0, out=xb)
                np.take(y, idx, axis=0, out=yb)
                loss, grads = model.loss_and_grads(xb, yb)
                first_loss = loss if first_loss is None else first_loss
                if not math.isfinite(loss) or loss > EXPLODED * max(first_loss, 1.0):
                    if flat is not None:
                        np.copyto(flat, snapshot)
                    else:
                        for k, v in params.items():
                            np.copyto(v, snapshot[k])
                    self.status = "diverged"
                    message = (f"diverged at step {self.step + 1}: the loss became {loss:.4g}; "
                               "the last good weights were kept (try a smaller learning rate)")
                    break
                if flat is not None:
                    np.copyto(snapshot, flat)
                else:
                    for k, v in params.items():
                        np.copyto(snapshot[k], v)
                if hasattr(model, "apply_gradients"):
                    model.apply_gradients(self.optimizer, grads)
                else:
                    self.optimizer.step(params, grads)
                self.step += 1
                if self.step_losses is not None:
                    self.step_losses.append(float(loss))
                loss_sum += loss * len(idx)
                seen += len(idx)
                window_samples += len(idx)
                if classify:
                    correct += accuracy(model.last_output, yb) * len(idx)
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
                    loss_sum = correct = seen = 0.0
                    if self.on_event:
                        self.on_event(TrainEvent(
                            self.step, epoch + epoch_end, (b + 1) / self.steps_per_epoch,
                            self.total_steps, train_loss, train_acc, val_loss, val_acc, rate,
                            self.status, epoch_end,
                            layer_stats(model, grads) if self.with_stats else {},
                            warming_up=self.step == 1))
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
                           self.step_losses)
