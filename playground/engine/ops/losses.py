"""Losses: the mean over the batch, and its gradient with respect to the prediction.

When the prediction comes straight out of a Softmax (cross-entropy) or Sigmoid (binary cross-entropy)
the model hands the loss the logits instead (``fused=True``): log-softmax and log-sigmoid are then
computed stably, and the gradient is simply (probabilities - targets) / N.
"""
from __future__ import annotations

import numpy as np

from playground.engine.ops.activations import SIGMOID, _forward, softmax


def _sigmoid(z: np.ndarray) -> np.ndarray:
    out = np.empty_like(z)
    _forward(SIGMOID, np.ascontiguousarray(z).reshape(-1), z.dtype.type(0), out.reshape(-1))
    return out


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
        diff = pred - target
        self._grad = diff * pred.dtype.type(2.0 / diff.size)
        return float(np.mean(diff * diff))


class BCELoss(LossOp):
    """L = -mean(y log p + (1 - y) log(1 - p)); fused on logits z: max(z,0) - z y + log(1 + e^-|z|)."""

    def forward(self, pred: np.ndarray, target: np.ndarray) -> float:
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
