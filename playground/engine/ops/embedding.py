"""Embedding lookup: each token id of the input picks one row of a learned table.

The input holds token ids as numbers (the data pipeline is float, so ids arrive as whole floats;
integer arrays work too). Forward copies rows; backward scatter-adds the output gradient into
the rows that were read, so a token seen twice in a batch gets both contributions.
"""
from __future__ import annotations

import numpy as np
from numba import njit

from playground.engine.ops.base import Op
from playground.engine.registry import ShapeError


@njit(cache=True, nogil=True)
def _lookup(ids, table, out):
    """out[n, t] = table[ids[n, t]]; returns the flat position of the first id that is not a
    whole number in 0..vocab-1 (out is then incomplete), or -1 when every id is valid."""
    vocab, dim = table.shape
    for n in range(ids.shape[0]):
        for t in range(ids.shape[1]):
            v = ids[n, t]
            i = int(v)
            if i != v or i < 0 or i >= vocab:
                return n * ids.shape[1] + t
            row = table[i]
            dst = out[n, t]
            for d in range(dim):
                dst[d] = row[d]
    return -1


@njit(cache=True, nogil=True)
def _scatter_add(ids, grad, dtable):
    """dtable = 0, then dtable[ids[n, t]] += grad[n, t] (ids were checked by the forward)."""
    dtable[:] = 0
    dim = dtable.shape[1]
    for n in range(ids.shape[0]):
        for t in range(ids.shape[1]):
            row = dtable[int(ids[n, t])]
            g = grad[n, t]
            for d in range(dim):
                row[d] += g[d]


class TokenError(ShapeError):
    """An input id is not a token of the vocabulary; the message says which id and where (the
    model adds the node)."""


class EmbeddingOp(Op):
    """(N, T) token ids -> (N, T, dim) rows of the table ``E`` (vocab, dim)."""

    def __init__(self, table: np.ndarray) -> None:
        super().__init__()
        self._track(E=table)
        self._ids: np.ndarray | None = None
        self._out: np.ndarray | None = None

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        ids = np.ascontiguousarray(inputs[0])
        ids2 = ids.reshape(ids.shape[0], -1)
        table = self.params["E"]
        shape = (ids2.shape[0], ids2.shape[1], table.shape[1])
        if self._out is None or self._out.shape != shape or self._out.dtype != table.dtype:
            self._out = np.empty(shape, dtype=table.dtype)
        bad = _lookup(ids2, table, self._out)
        if bad >= 0:
            n, t = divmod(int(bad), ids2.shape[1])
            value = ids2[n, t]
            shown = f"{value:g}" if ids2.dtype.kind == "f" else str(value)
            raise TokenError(f"token id {shown} (sample {n}, position {t}) is outside the vocabulary "
                             f"of {table.shape[0]} (ids 0..{table.shape[0] - 1}): raise vocab_size "
                             "or check the data")
        self._ids = ids2
        return self._out.reshape(*ids.shape, table.shape[1])

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        g = np.ascontiguousarray(grad, dtype=self.grads["E"].dtype).reshape(self._out.shape)
        _scatter_add(self._ids, g, self.grads["E"])
        return [None]  # token ids have no gradient


@njit(cache=True, nogil=True)
def _mean_over_time(x, out):
    """out[n] = mean over t of x[n, t]."""
    steps = x.shape[1]
    for n in range(x.shape[0]):
        o = out[n]
        o[:] = 0
        for t in range(steps):
            o += x[n, t]
        o /= steps


@njit(cache=True, nogil=True)
def _spread_over_time(grad, dx):
    """dx[n, t] = grad[n] / T: every step had the same share in the mean."""
    steps = dx.shape[1]
    for n in range(dx.shape[0]):
        g = grad[n] / steps
        for t in range(steps):
            dx[n, t] = g


class MeanOverTimeOp(Op):
    """(N, T, F) -> (N, F): the average over the steps (a bag of embeddings becomes one vector)."""

    def __init__(self) -> None:
        super().__init__()
        self._out: np.ndarray | None = None
        self._dx: np.ndarray | None = None

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        x = np.ascontiguousarray(inputs[0])
        if self._out is None or self._out.shape != (x.shape[0], x.shape[2]) or self._out.dtype != x.dtype:
            self._out = np.empty((x.shape[0], x.shape[2]), dtype=x.dtype)
            self._dx = np.empty_like(x)
        _mean_over_time(x, self._out)
        return self._out

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        if not self.input_grad:
            return [None]
        _spread_over_time(np.ascontiguousarray(grad, dtype=self._dx.dtype), self._dx)
        return [self._dx]
