"""Losses: the mean over the batch, and its gradient with respect to the prediction.

When the prediction comes straight out of a Softmax (cross-entropy) or Sigmoid (binary cross-entropy)
the model hands the loss the logits instead (``fused=True``): log-softmax and log-sigmoid are then
computed stably, and the gradient is simply (probabilities - targets) / N.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from playground.engine.ops.activations import _softmax_rows, sigmoid, softmax


@njit(cache=True, nogil=True, error_model="numpy")
def _bce_logits(z, y, grad):
    """Mean of max(z,0) - z y + log(1 + e^-|z|) over all elements; grad = (sigmoid(z) - y) / size."""
    n = z.size
    one = z.dtype.type(1.0)
    scale = z.dtype.type(1.0 / n)
    total = 0.0
    for i in range(n):
        v, t = z[i], y[i]
        e = np.exp(-abs(v))
        total += max(v, 0.0) - v * t + np.log1p(e)
        s = one / (one + e) if v >= 0 else e / (one + e)
        grad[i] = (s - t) * scale
    return total / n


@njit(cache=True, nogil=True, error_model="numpy")
def _cce_logits(z, y, grad):
    """-mean_n sum_k y log softmax(z); grad = (softmax(z) - y) / N, row by row."""
    rows, cols = z.shape
    scale = z.dtype.type(1.0 / rows)
    total = 0.0
    for r in range(rows):
        m = z[r, 0]
        for c in range(1, cols):
            m = max(m, z[r, c])
        s = z.dtype.type(0.0)
        for c in range(cols):
            e = np.exp(z[r, c] - m)
            grad[r, c] = e
            s += e
        log_s = np.log(s)
        inv = z.dtype.type(1.0) / s
        for c in range(cols):
            total -= y[r, c] * (z[r, c] - m - log_s)
            grad[r, c] = (grad[r, c] * inv - y[r, c]) * scale
    return total / rows


@njit(cache=True, nogil=True, error_model="numpy")
def _mse(p, y, grad):
    """mean((p - y)^2); grad = 2 (p - y) / size."""
    n = p.size
    scale = p.dtype.type(2.0 / n)
    total = 0.0
    for i in range(n):
        d = p[i] - y[i]
        total += d * d
        grad[i] = d * scale
    return total / n


def _grad_buffer(op: "LossOp", pred: np.ndarray) -> np.ndarray:
    """The loss's gradient array, reused while the prediction's shape and dtype stay the same."""
    g = op._grad
    if g is None or g.shape != pred.shape or g.dtype != pred.dtype:
        cache = op.__dict__.setdefault("_buffers", {})  # training batches and validation sets
        key = (pred.shape, pred.dtype.str)
        if key not in cache:
            if len(cache) >= 4:
                cache.clear()
            cache[key] = np.empty(pred.shape, pred.dtype)
        g = op._grad = cache[key]
    return g


def _fast(pred: np.ndarray, target: np.ndarray) -> bool:
    """Whether the Numba kernels apply: float arrays of one dtype, same shape, contiguous."""
    return (pred.dtype == target.dtype and pred.shape == target.shape and pred.dtype.kind == "f"
            and pred.flags.c_contiguous and target.flags.c_contiguous)


@njit(cache=True, nogil=True, error_model="numpy")
def _sigmoid_into(z, out):
    one = z.dtype.type(1.0)
    for i in range(z.size):
        out[i] = sigmoid(z[i], one, one)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    out = np.empty_like(z)
    _sigmoid_into(np.ascontiguousarray(z).reshape(-1), out.reshape(-1))
    return out


# The losses as the fused Dense chain takes them: (n, d) logits or outputs z and targets y; each
# writes dL/dz to grad and the prediction (after the fused activation) to out, and returns the loss.
# They call the kernels above, so the chain computes what the loss ops compute.

@njit(cache=True, nogil=True, error_model="numpy")
def chain_bce_logits(z, y, grad, out):
    total = _bce_logits(z.reshape(-1), y.reshape(-1), grad.reshape(-1))
    _sigmoid_into(z.reshape(-1), out.reshape(-1))
    return total


@njit(cache=True, nogil=True, error_model="numpy")
def chain_cce_logits(z, y, grad, out):
    total = _cce_logits(z, y, grad)
    _softmax_rows(z, out)
    return total


@njit(cache=True, nogil=True, error_model="numpy")
def chain_mse(z, y, grad, out):
    total = _mse(z.reshape(-1), y.reshape(-1), grad.reshape(-1))
    out[...] = z
    return total


def _log_softmax(z: np.ndarray) -> np.ndarray:
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


class LossOp:
    """Base: ``forward(pred, target) -> mean loss``; ``backward() -> dLoss/dpred``."""

    def __init__(self, fused: bool = False) -> None:
        self.fused = fused
        self._grad: np.ndarray | None = None

    def forward(self, pred: np.ndarray, target: np.ndarray) -> float:
        raise NotImplementedError

    def backward(self) -> np.ndarray:
        return self._grad


class MSELoss(LossOp):
    """L = mean((p - y)^2) over all elements (as torch.nn.MSELoss); dL/dp = 2 (p - y) / size."""

    def forward(self, pred: np.ndarray, target: np.ndarray) -> float:
        if _fast(pred, target):
            return float(_mse(pred.reshape(-1), target.reshape(-1), _grad_buffer(self, pred).reshape(-1)))
        diff = pred - target
        self._grad = diff * pred.dtype.type(2.0 / diff.size)
        return float(np.mean(diff * diff))


class BCELoss(LossOp):
    """L = -mean(y log p + (1 - y) log(1 - p)); fused on logits z: max(z,0) - z y + log(1 + e^-|z|)."""

    def forward(self, pred: np.ndarray, target: np.ndarray) -> float:
        if self.fused and _fast(pred, target):
            return float(_bce_logits(pred.reshape(-1), target.reshape(-1), _grad_buffer(self, pred).reshape(-1)))
        scale = pred.dtype.type(1.0 / pred.size)
        if self.fused:
            z = pred
            loss = np.maximum(z, 0) - z * target + np.log1p(np.exp(-np.abs(z)))
            self._grad = (_sigmoid(z) - target) * scale  # dL/dz = (sigmoid(z) - y) / size
        else:
            eps = pred.dtype.type(1e-7)
            p = np.clip(pred, eps, 1 - eps)
            loss = -(target * np.log(p) + (1 - target) * np.log(1 - p))
            self._grad = (p - target) / (p * (1 - p)) * scale  # dL/dp = (p - y) / (p (1 - p)) / size
        return float(np.mean(loss))


class CCELoss(LossOp):
    """L = -mean_n sum_k y_nk log p_nk with one-hot y; fused on logits: dL/dz = (softmax(z) - y) / N."""

    def forward(self, pred: np.ndarray, target: np.ndarray) -> float:
        n = pred.shape[0]
        if self.fused and pred.ndim == 2 and _fast(pred, target):
            return float(_cce_logits(pred, target, _grad_buffer(self, pred)))
        if self.fused:
            log_p = _log_softmax(pred)
            self._grad = (softmax(pred) - target) * pred.dtype.type(1.0 / n)
        else:
            eps = pred.dtype.type(1e-7)
            p = np.clip(pred, eps, 1)
            log_p = np.log(p)
            self._grad = -target / p * pred.dtype.type(1.0 / n)  # dL/dp = -y / p / N
        return float(-np.sum(target * log_p) / n)


class SparseCCELoss(CCELoss):
    """Categorical cross-entropy with integer class labels instead of one-hot rows."""

    def forward(self, pred: np.ndarray, target: np.ndarray) -> float:
        one_hot = np.zeros_like(pred)
        one_hot[np.arange(pred.shape[0]), target.astype(np.int64)] = 1
        return super().forward(pred, one_hot)
