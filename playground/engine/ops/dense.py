"""Fully connected layer: y = x W + b, with W of shape (in, out)."""
from __future__ import annotations

import numpy as np

from playground.engine.ops.base import Op


class DenseOp(Op):
    def __init__(self, weight: np.ndarray, bias: np.ndarray | None) -> None:
        super().__init__()
        self._track(W=weight)
        if bias is not None:
            self._track(b=bias)
        self._x: np.ndarray | None = None
        self._out: np.ndarray | None = None
        self._dx: np.ndarray | None = None

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        x = inputs[0]
        w = self.params["W"]
        if self._out is None or self._out.shape[0] != x.shape[0]:
            self._out = np.empty((x.shape[0], w.shape[1]), dtype=w.dtype)
            self._dx = np.empty((x.shape[0], w.shape[0]), dtype=w.dtype)
        self._x = x
        np.matmul(x, w, out=self._out)  # y = x W + b
        if "b" in self.params:
            self._out += self.params["b"]
        return self._out

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        np.matmul(self._x.T, grad, out=self.grads["W"])  # dW = x^T g
        if "b" in self.params:
            np.sum(grad, axis=0, out=self.grads["b"])  # db = sum_n g
        np.matmul(grad, self.params["W"].T, out=self._dx)  # dx = g W^T
        return [self._dx]
