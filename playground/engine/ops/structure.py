"""Ops that reshape, combine or regularise tensors without a weight matrix."""
from __future__ import annotations

import numpy as np

from playground.engine.ops.base import Op


class FlattenOp(Op):
    """(N, ...) -> (N, prod(...)); backward reshapes the gradient back."""

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        self._shape = inputs[0].shape
        return inputs[0].reshape(self._shape[0], -1)

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        return [grad.reshape(self._shape)]


class AddOp(Op):
    """Residual sum y = a + b + ...; each input receives the full gradient."""

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        self._n = len(inputs)
        out = inputs[0].copy()
        for x in inputs[1:]:
            out += x
        return out

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        return [grad] * self._n


class ConcatOp(Op):
    """Join along features (axis 1, channels for images); backward splits the gradient."""

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        self._splits = np.cumsum([x.shape[1] for x in inputs])[:-1]
        return np.concatenate(inputs, axis=1)

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        return np.split(grad, self._splits, axis=1)


class DropoutOp(Op):
    """Inverted dropout: keep each unit with probability 1 - rate and scale by 1 / (1 - rate)."""

    def __init__(self, rate: float, rng: np.random.Generator) -> None:
        super().__init__()
        self.rate = rate
        self.rng = rng
        self._mask: np.ndarray | None = None

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        x = inputs[0]
        if not training or self.rate == 0:
            self._mask = None
            return x
        keep = 1.0 - self.rate
        self._mask = (self.rng.random(x.shape, dtype=np.float32) < keep).astype(x.dtype) / x.dtype.type(keep)
        return x * self._mask

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        return [grad if self._mask is None else grad * self._mask]


class BatchNormOp(Op):
    """Batch normalisation over features (N, C) or channels (N, C, H, W), as torch.nn.BatchNorm.

    Training: x_hat = (x - mean_B) / sqrt(var_B + eps), y = gamma x_hat + beta, running statistics
    updated with ``momentum`` (unbiased variance). Evaluation uses the running statistics.
    """

    def __init__(self, channels: int, momentum: float, eps: float, dtype: np.dtype) -> None:
        super().__init__()
        self._track(gamma=np.ones(channels, dtype=dtype), beta=np.zeros(channels, dtype=dtype))
        self.buffers = {"running_mean": np.zeros(channels, dtype=dtype),
                        "running_var": np.ones(channels, dtype=dtype)}
        self.momentum = momentum
        self.eps = eps

    def _axes(self, x: np.ndarray) -> tuple[tuple[int, ...], tuple[int, ...]]:
        axes = (0,) if x.ndim == 2 else (0, 2, 3)
        shape = (1, -1) if x.ndim == 2 else (1, -1, 1, 1)
        return axes, shape

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        x = inputs[0]
        axes, shape = self._axes(x)
        gamma, beta = self.params["gamma"].reshape(shape), self.params["beta"].reshape(shape)
        if training:
            mean = x.mean(axis=axes)
            var = x.var(axis=axes)
            count = x.size // mean.size
            m = self.momentum
            self.buffers["running_mean"] *= 1 - m
            self.buffers["running_mean"] += m * mean
            self.buffers["running_var"] *= 1 - m
            self.buffers["running_var"] += m * var * count / max(count - 1, 1)
        else:
            mean, var = self.buffers["running_mean"], self.buffers["running_var"]
        self._inv_std = (1.0 / np.sqrt(var + self.eps)).astype(x.dtype).reshape(shape)
        self._x_hat = (x - mean.reshape(shape)) * self._inv_std
        self._training = training
        return gamma * self._x_hat + beta

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        axes, shape = self._axes(grad)
        x_hat = self._x_hat
        self.grads["gamma"][...] = np.sum(grad * x_hat, axis=axes)  # dgamma = sum g x_hat
        self.grads["beta"][...] = np.sum(grad, axis=axes)  # dbeta = sum g
        g_hat = grad * self.params["gamma"].reshape(shape)
        if not self._training:
            return [g_hat * self._inv_std]
        # dx = inv_std * (g_hat - mean(g_hat) - x_hat * mean(g_hat * x_hat))
        mean_g = g_hat.mean(axis=axes, keepdims=True)
        mean_gx = (g_hat * x_hat).mean(axis=axes, keepdims=True)
        return [self._inv_std * (g_hat - mean_g - x_hat * mean_gx)]
