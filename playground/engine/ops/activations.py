"""Activation ops. An elementwise activation is a pair of scalar Numba kernels its node type
declares, ``forward(x, alpha, one)`` and ``backward(x, y, g, alpha, one)`` (g times dy/dx, in terms
of the input x and the output y, whichever is cheaper; ``one`` is 1 in the array's dtype): the
array loops here and the fused Dense chain (``ops/dense.py``) both call those same kernels.
Big arrays (``threads.chunks``) are split into one slice of elements per thread; elementwise
results do not depend on the slice count.
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange
from numba.core.dispatcher import Dispatcher

from playground.engine import threads
from playground.engine.ops.base import Op
from playground.engine.ops.specialize import specialize


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def sigmoid(v, alpha, one):
    """1 / (1 + e^-x), evaluated without overflow (also the BCE loss's link)."""
    if v >= 0:
        return one / (one + np.exp(-v))
    e = np.exp(v)
    return e / (one + e)


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def sigmoid_backward(x, y, g, alpha, one):
    return g * y * (one - y)  # dy/dx = y (1 - y)


def _map_forward(x, alpha, out):
    one = x.dtype.type(1.0)
    for i in range(x.size):
        out[i] = _F(x[i], alpha, one)  # noqa: F821  (bound by ``specialize``)


def _map_backward(x, y, g, alpha, out):
    one = x.dtype.type(1.0)
    for i in range(x.size):
        out[i] = _DF(x[i], y[i], g[i], alpha, one)  # noqa: F821


# An activated element costs about as much as this many multiply-adds at BLAS speed (cost model).
ELEMENT_WORK = 8


def _slices_forward(x, alpha, out, edges):
    for t in prange(edges.size - 1):
        a, b = edges[t], edges[t + 1]
        _MAP(x[a:b], alpha, out[a:b])  # noqa: F821  (the specialised ``_map_forward``)


def _slices_backward(x, y, g, alpha, out, edges):
    for t in prange(edges.size - 1):
        a, b = edges[t], edges[t + 1]
        _MAP(x[a:b], y[a:b], g[a:b], alpha, out[a:b])  # noqa: F821


def _slices(size: int) -> np.ndarray | None:
    """Slice edges for an elementwise pass over ``size`` values, or None to run it serially."""
    parts = threads.chunks(size * ELEMENT_WORK)
    return threads.edges(size, parts) if parts > 1 else None


class ActivationOp(Op):
    """An elementwise activation from its scalar kernels, with a fixed ``alpha`` (LeakyReLU, ELU)."""

    def __init__(self, forward: Dispatcher, backward: Dispatcher, alpha: float = 0.0) -> None:
        super().__init__()
        self.kernels = (forward, backward)
        self.alpha = alpha
        self._forward = specialize(_map_forward, self.kernels, _F=forward)
        self._backward = specialize(_map_backward, self.kernels, _DF=backward)
        self._forward_slices = specialize(_slices_forward, self.kernels, parallel=True,
                                          _MAP=self._forward)
        self._backward_slices = specialize(_slices_backward, self.kernels, parallel=True,
                                           _MAP=self._backward)
        self._x = self._y = self._dx = None

    def _alpha(self, dtype: np.dtype):
        return dtype.type(self.alpha)

    def adopt(self, x: np.ndarray) -> np.ndarray:
        """The array for this activation's output of ``x``, for a layer that computes it in its own
        pass (``Op.forward_activated``); ``backward`` then works as after ``forward(x)``."""
        if self._y is None or self._y.shape != x.shape or self._y.dtype != x.dtype:
            self._y = np.empty_like(x)
            self._dx = np.empty_like(x)
        self._x = x
        return self._y

    @property
    def output(self) -> np.ndarray | None:
        """The output of the last forward pass (``forward`` or ``adopt``'s array)."""
        return self._y

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        x = np.ascontiguousarray(inputs[0])
        self.adopt(x)
        args = (x.reshape(-1), self._alpha(x.dtype), self._y.reshape(-1))
        edges = _slices(x.size)
        if edges is None:
            self._forward(*args)
        else:
            self._forward_slices(*args, edges)
        return self._y

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        g = np.ascontiguousarray(grad)
        args = (self._x.reshape(-1), self._y.reshape(-1), g.reshape(-1), self._alpha(g.dtype),
                self._dx.reshape(-1))
        edges = _slices(g.size)
        if edges is None:
            self._backward(*args)
        else:
            self._backward_slices(*args, edges)
        return [self._dx]


class PReLUOp(ActivationOp):
    """LeakyReLU whose negative slope is learned: y = x if x > 0 else a x; dL/da = sum g x [x <= 0]."""

    def __init__(self, forward: Dispatcher, backward: Dispatcher, alpha: np.ndarray) -> None:
        super().__init__(forward, backward)
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
