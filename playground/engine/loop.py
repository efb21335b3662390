"""What every training loop shares: batch sizes, the batch schedule, one update, the divergence rule.

``Trainer``, ``Comparison`` and the optimizer race use these, so a run in the Training view, the
same run in a comparison and ``playground train`` see the same batches and stop for the same reason.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, Literal

import numpy as np

from playground.engine.kernel_lock import KERNEL_LOCK
from playground.engine.optim import Optimizer

FULL = "full"  # the batch size that means the whole training set (full-batch gradient descent)
BatchSize = int | Literal["full"] | None  # None: the graph's own
# A loss this many times its first value (or 1, if larger) counts as diverged, as a non-finite one
# does: saturating outputs (sigmoid + BCE) keep an exploding loss finite for a long time.
EXPLODED = 1e4


def batch_size_value(value: Any) -> int | Literal["full"]:
    """A batch size as a user gives it (a whole number of at least 1, "full", or the text of one);
    ValueError otherwise."""
    if isinstance(value, str):
        text = value.strip()
        if text.lower() == FULL:
            return FULL
        try:
            value = int(text)
        except ValueError:
            value = text
    if type(value) is int and value >= 1:
        return value
    raise ValueError(f"a batch size is a whole number of at least 1 or '{FULL}', not {value!r}")


def batch_size_for(value: BatchSize, default: int, samples: int) -> int:
    """The number of samples per step: "full" is all of them, None the graph's ``default``."""
    if value == FULL:
        return samples
    return max(1, min(default if value is None else value, samples))


def sweep_values(name: str, text: str) -> list[Any]:
    """Comma- (or semicolon-) separated values of a swept setting: batch sizes for "batch_size",
    positive numbers for "lr", numbers for any other hyperparameter. ValueError says what is wrong."""
    values: list[Any] = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        try:
            if name == "batch_size":
                values.append(batch_size_value(part))
                continue
            value = float(part)
        except ValueError:
            what = f"whole numbers of at least 1 or '{FULL}'" if name == "batch_size" else "numbers"
            raise ValueError(f"sweep values must be {what}, not {part!r}") from None
        if not math.isfinite(value) or (name == "lr" and value <= 0):
            raise ValueError(f"learning rates must be positive numbers such as 0.01, not {part}"
                             if name == "lr" else f"sweep values must be finite numbers, not {part}")
        values.append(value)
    if not values:
        raise ValueError("enter at least one value to sweep, separated by commas")
    return values


def batch_orders(n: int, seed: int) -> Iterator[np.ndarray]:
    """The sample order of each epoch: a fresh permutation of range(n) per epoch, from ``seed``.

    The one place the batch schedule is defined; the PyTorch export writes these orders next to
    its data so ``train.py --same-batches`` sees the batches the engine sees."""
    rng = np.random.default_rng(seed)
    while True:
        yield rng.permutation(n)


class BatchSchedule:
    """The mini-batches of training runs on (x, y) with one seed.

    Epoch e visits the samples in the e-th order of ``batch_orders``, cut into batches of the run's
    size (the last one shorter). Runs sharing a schedule see the same orders whatever their batch
    size: equal sizes mean identical batches, other sizes the same samples grouped differently.
    Batch 1 is plain SGD, the whole set (``FULL``) full-batch gradient descent.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, seed: int) -> None:
        self.x, self.y = x, y
        self._orders = batch_orders(len(x), seed)
        self._drawn: dict[int, np.ndarray] = {}
        self._next = 0
        self._buffers: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def steps_per_epoch(self, batch_size: int) -> int:
        return math.ceil(len(self.x) / batch_size)

    def order(self, epoch: int) -> np.ndarray:
        """Epoch's sample order, drawn once, in epoch order."""
        while self._next <= epoch:
            self._drawn[self._next] = next(self._orders)
            self._next += 1
        return self._drawn[epoch]

    def forget_before(self, epoch: int) -> None:
        """Drop the orders of epochs no run will visit again."""
        for old in [e for e in self._drawn if e < epoch]:
            del self._drawn[old]

    def batch(self, step: int, batch_size: int) -> tuple[np.ndarray, np.ndarray]:
        """Step ``step``'s samples (counting from 0 over all epochs), gathered into buffers that
        the next call overwrites (one pair per batch length)."""
        epoch, b = divmod(step, self.steps_per_epoch(batch_size))
        idx = self.order(epoch)[b * batch_size:(b + 1) * batch_size]
        if len(idx) not in self._buffers:
            self._buffers[len(idx)] = (np.empty((len(idx), *self.x.shape[1:]), self.x.dtype),
                                       np.empty((len(idx), *self.y.shape[1:]), self.y.dtype))
        xb, yb = self._buffers[len(idx)]
        np.take(self.x, idx, axis=0, out=xb)
        np.take(self.y, idx, axis=0, out=yb)
        return xb, yb


class DivergenceGuard:
    """The divergence rule: a loss that is not finite, or more than ``exploded`` times the first
    one (or 1, if larger; None: only non-finite values count).

    Given a model, the guard also keeps the last weights that gave a finite loss and puts them back
    when the run diverges (one flat copy per step when the model keeps its parameters in one vector).
    """

    def __init__(self, model: Any = None, exploded: float | None = EXPLODED) -> None:
        self.exploded = exploded
        self.first: float | None = None
        self.value: Any = None  # what diverged
        self._params = model.parameters() if model is not None else {}
        self._flat = model.flat_parameters() if model is not None else None
        self._kept: Any = (self._flat.copy() if self._flat is not None
                           else {k: v.copy() for k, v in self._params.items()})

    @property
    def keeps_weights(self) -> bool:
        return bool(self._params)

    def diverged(self, value: Any, keep: bool = True) -> bool:
        """Whether ``value`` (a loss, or an array that must stay finite) diverged; if so the kept
        weights are restored, if not the current ones are kept (unless ``keep`` is False: a loss
        that vouches for only part of the weights, as a GAN generator step's)."""
        if not np.isfinite(value).all() or self._exploded(value):
            self.value = value
            if self._flat is not None:
                np.copyto(self._flat, self._kept)
            else:
                for k, v in self._params.items():
                    np.copyto(v, self._kept[k])
            return True
        if not keep:
            return False
        if self._flat is not None:
            np.copyto(self._kept, self._flat)
        else:
            for k, v in self._params.items():
                np.copyto(self._kept[k], v)
        return False

    def _exploded(self, loss: Any) -> bool:
        if self.exploded is None:
            return False
        self.first = float(loss) if self.first is None else self.first
        return float(loss) > self.exploded * max(self.first, 1.0)

    def message(self, step: int) -> str:
        """Why run stopped at ``step`` (counting from 1)."""
        text = f"diverged at step {step}: the loss became {float(self.value):.4g}"
        if self.keeps_weights:
            text += "; the last good weights were kept (try a smaller learning rate)"
        return text


def train_step(model: Any, optimizer: Optimizer, x: np.ndarray, y: np.ndarray,
               guard: DivergenceGuard) -> tuple[float, bool]:
    """One update of ``model`` on the batch (x, y): (the data loss before it, False when the loss
    diverged, in which case no update is applied). A model whose networks take turns (a GAN)
    does its own alternating step with the same guard.

    The layers' L1/L2 regularisation (``model.penalty``) joins the gradient here; its value is kept
    apart from the data loss, as ``model.last_penalty``, so the curves show both terms."""
    alternating = getattr(model, "alternating_step", None)
    if alternating is not None:
        return alternating(optimizer, x, y, guard)
    with KERNEL_LOCK:
        loss, grads = model.loss_and_grads(x, y)
        penalty = getattr(model, "penalty", None)
        model.last_penalty = penalty.add_gradient(grads) if penalty is not None else 0.0
        if guard.diverged(loss + model.last_penalty):
            return loss, False
        model.apply_gradients(optimizer, grads)
    return loss, True
