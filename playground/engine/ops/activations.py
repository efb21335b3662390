"""Activation functions: forward and derivative side by side, one Numba kernel pair for all.

The derivative is written in terms of the input x and the output y, whichever is cheaper.
Big arrays (``threads.chunks``) are split into one slice of elements per thread; elementwise
results do not depend on the slice count.
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange

from playground.engine import threads
from playground.engine.ops.base import Op

SIGMOID, TANH, RELU, LEAKY_RELU, ELU = range(5)


@njit(cache=True, nogil=True, error_model="numpy")
def _forward(kind, x, alpha, out):
    n = x.size
    one = x.dtype.type(1.0)
    zero = x.dtype.type(0.0)
    if kind == SIGMOID:  # y = 1 / (1 + e^-x), evaluated without overflow
        for i in range(n):
            v = x[i]
            if v >= zero:
                out[i] = one / (one + np.exp(-v))
            else:
                e = np.exp(v)
                out[i] = e / (one + e)
    elif kind == TANH:  # y = tanh x
        for i in range(n):
            out[i] = np.tanh(x[i])
    elif kind == RELU:  # y = max(0, x)
        for i in range(n):
            out[i] = x[i] if x[i] > zero else zero
    elif kind == LEAKY_RELU:  # y = x if x > 0 else alpha x
        for i in range(n):
            out[i] = x[i] if x[i] > zero else alpha * x[i]
    else:  # ELU: y = x if x > 0 else alpha (e^x - 1)
        for i in range(n):
            out[i] = x[i] if x[i] > zero else alpha * (np.exp(x[i]) - one)


@njit(cache=True, nogil=True, error_model="numpy")
def _backward(kind, x, y, g, alpha, out):
    n = x.size
    one = x.dtype.type(1.0)
    zero = x.dtype.type(0.0)
    if kind == SIGMOID:  # dy/dx = y (1 - y)
        for i in range(n):
            out[i] = g[i] * y[i] * (one - y[i])
    elif kind == TANH:  # dy/dx = 1 - y^2
        for i in range(n):
            out[i] = g[i] * (one - y[i] * y[i])
    elif kind == RELU:  # dy/dx = [x > 0]
        for i in range(n):
            out[i] = g[i] if x[i] > zero else zero
    elif kind == LEAKY_RELU:  # dy/dx = 1 if x > 0 else alpha
        for i in range(n):
            out[i] = g[i] if x[i] > zero else alpha * g[i]
    else:  # ELU: dy/dx = 1 if x > 0 else y + alpha
        for i in range(n):
            out[i] = g[i] if x[i] > zero else g[i] * (y[i] + alpha)


# An activated element costs about as much as this many multiply-adds at BLAS speed (cost model).
ELEMENT_WORK = 8


@njit(cache=True, nogil=True, parallel=True)
def _forward_slices(kind, x, alpha, out, edges):
    for t in prange(edges.size - 1):
        a, b = edges[t], edges[t + 1]
        _forward(kind, x[a:b], alpha, out[a:b])


@njit(cache=True, nogil=True, parallel=True)
def _backward_slices(kind, x, y, g, alpha, out, edges):
    for t in prange(edges.size - 1):
        a, b = edges[t], edges[t + 1]
        _backward(kind, x[a:b], y[a:b], g[a:b], alpha, out[a:b])


def _slices(size: int) -> np.ndarray | None:
    """Slice edges for an elementwise pass over ``size`` values, or None to run it serially."""
    parts = threads.chunks(size * ELEMENT_WORK)
    return threads.edges(size, parts) if parts > 1 else None


class ActivationOp(Op):
    """Elementwise activation with a fixed slope parameter ``alpha`` (LeakyReLU, ELU)."""

    def __init__(self, kind: int, alpha: float = 0.0) -> None:
        super().__init__()
        self.kind = kind
        self.alpha = alpha
        self._x = self._y = self._dx = None

    def _alpha(self, dtype: np.dtype):
        return dtype.type(self.alpha)

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        x = np.ascontiguousarray(inputs[0])
        if self._y is None or self._y.shape != x.shape or self._y.dtype != x.dtype:
            self._y = np.empty_like(x)
            self._dx = np.empty_like(x)
        self._x = x
        args = (self.kind, x.reshape(-1), self._alpha(x.dtype), self._y.reshape(-1))
        edges = _slices(x.size)
        if edges is None:
            _forward(*args)
        else:
            _forward_slices(*args, edges)
        return self._y

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        g = np.ascontiguousarray(grad)
        args = (self.kind, self._x.reshape(-1), self._y.reshape(-1), g.reshape(-1), self._alpha(g.dtype),
                self._dx.reshape(-1))
        edges = _slices(g.size)
        if edges is None:
            _backward(*args)
        else:
            _backward_slices(*args, edges)
        return [self._dx]


class PReLUOp(ActivationOp):
    """LeakyReLU whose negative slope is learned: y = x if x > 0 else a x; dL/da = sum g x [x <= 0]."""

    def __init__(self, alpha: np.ndarray) -> None:
        super().__init__(LEAKY_RELU)
        self._track(alpha=alpha)

    def _alpha(self, dtype: np.dtype):
        return dtype.type(self.params["alpha"][0])

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        dx = super().backward(grad)
        self.grads["alpha"][0] = np.sum(grad * np.minimum(self._x, 0))
        return dx


class IdentityOp(Op):
    """Linear activation: y = x, dy/dx = 1."""

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        return inputs[0]

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        return [grad]


@njit(cache=True, nogil=True, error_model="numpy")
def _softmax_rows(x, out):
    for r in range(x.shape[0]):  # y = e^(x - max) / sum e^(x - max)
        m = x[r, 0]
        for c in range(1, x.shape[1]):
            m = max(m, x[r, c])
        s = x.dtype.type(0.0)
        for c in range(x.shape[1]):
            out[r, c] = np.exp(x[r, c] - m)
            s += out[r, c]
        for c in range(x.shape[1]):
            out[r, c] /= s


class SoftmaxOp(Op):
    """Softmax over features. Backward: dx = y * (g - sum(g * y))."""

    def __init__(self) -> None:
        super().__init__()
        self._y = None

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        x = np.ascontiguousarray(inputs[0])
        if self._y is None or self._y.shape != x.shape or self._y.dtype != x.dtype:
            self._y = np.empty_like(x)
        _softmax_rows(x, self._y)
        return self._y

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        y = self._y
        return [y * (grad - np.sum(grad * y, axis=1, keepdims=True))]


def softmax(x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x)
    _softmax_rows(np.ascontiguousarray(x), out)
    return out
