"""Fully connected layer: y = x W + b, with W of shape (in, out).

A big enough layer (``threads.chunks``) splits the batch into one slice per thread, each with
single-threaded BLAS (``blas.gemm``), in blocks of columns that do not depend on the thread count.
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange
from numba.core.dispatcher import Dispatcher

from playground.engine import threads
from playground.engine.ops.base import Op
from playground.engine.ops.blas import gemm, gemm_ld
from playground.engine.ops.specialize import dispatch, specialize


@njit(cache=True, nogil=True, error_model="numpy")
def _add_bias(out, b):
    """out[n, :] += b in place (numpy's broadcast ``out += b`` allocates a temporary copy)."""
    for n in range(out.shape[0]):
        row = out[n]
        for j in range(b.size):
            row[j] += b[j]


# A layer big enough to split (``threads.splits``) runs its products in BLOCKS blocks of columns
# whatever the thread count (a thread takes a run of whole blocks): BLAS may round a product of
# another shape differently, so fixed shapes keep the results independent of the thread count.
# Blocks of columns, not of rows: each block's product then packs only its own part of W, where
# blocks of 16 rows each packed all of it (mnist_vgg's 3136 -> 128 layer: y = x W took 0.46 ms in
# four row blocks against 0.29 ms whole, dx = g W^T 0.79 against 0.36-0.39 in column blocks).
BLOCKS = 4


@njit(cache=True, nogil=True, error_model="numpy")
def _add_bias_columns(out, b, j0, j1):
    """out[n, j0:j1] += b[j0:j1]."""
    for n in range(out.shape[0]):
        row = out[n]
        for j in range(j0, j1):
            row[j] += b[j]


@njit(cache=True, nogil=True)
def _forward_range(x, w, b, has_bias, out, cols, c0, c1):
    """out[:, j0:j1] = x W[:, j0:j1] (+ b) for the column blocks c0:c1 (``cols`` holds their edges)."""
    n, din = x.shape
    dout = w.shape[1]
    xf, wf, of = x.reshape(-1), w.reshape(-1), out.reshape(-1)
    for blk in range(c0, c1):
        j0, j1 = cols[blk], cols[blk + 1]
        gemm_ld(n, j1 - j0, din, xf, din, wf[j0:], dout, of[j0:], dout, False, False, False)
        if has_bias:
            _add_bias_columns(out, b, j0, j1)


@njit(cache=True, nogil=True)
def _backward_range(x, g, w, xt, input_grad, dx, dw, db, inputs, i0, i1, j0, j1):
    """Input blocks i0:i1 of dW = x^T g (through a transposed copy of those columns of x, so each
    product is contiguous and sums over the whole batch) and of dx = g W^T when ``input_grad``
    (columns of dx), and columns j0:j1 of db = sum_n g. Nothing is summed across blocks, so any
    run of blocks per thread gives the same numbers."""
    batch, din = x.shape
    dout = w.shape[1]
    gf, wf, df = g.reshape(-1), w.reshape(-1), dx.reshape(-1)
    for blk in range(i0, i1):
        a, b = inputs[blk], inputs[blk + 1]
        for i in range(a, b):
            row = xt[i]
            for s in range(batch):
                row[s] = x[s, i]
        gemm(xt[a:b], g, dw[a:b], False, False, False)
        if input_grad:
            gemm_ld(batch, b - a, dout, gf, dout, wf[a * dout:], dout, df[a:], din, False, True, False)
    for j in range(j0, j1):
        db[j] = 0
    for s in range(batch):
        for j in range(j0, j1):
            db[j] += g[s, j]


@njit(cache=True, nogil=True, parallel=True)
def _forward_slices(x, w, b, has_bias, out, cols, slices):
    for t in prange(slices.size - 1):
        _forward_range(x, w, b, has_bias, out, cols, slices[t], slices[t + 1])


@njit(cache=True, nogil=True, parallel=True)
def _backward_slices(x, g, w, xt, input_grad, dx, dw, db, inputs, slices, units):
    for t in prange(slices.size - 1):
        _backward_range(x, g, w, xt, input_grad, dx, dw, db, inputs, slices[t], slices[t + 1], units[t],
                        units[t + 1])


class DenseOp(Op):
    def __init__(self, weight: np.ndarray, bias: np.ndarray | None) -> None:
        super().__init__()
        self._track(W=weight)
        if bias is not None:
            self._track(b=bias)
        self._x: np.ndarray | None = None
        self._out: np.ndarray | None = None
        self._dx: np.ndarray | None = None
        self._xt: np.ndarray | None = None
        self._parts = 0  # 0: numpy's matmul; 1 or more: the slice kernels on that many threads

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        x = inputs[0]
        if x.ndim == 3:  # a sequence (N, T, F): the same layer at every time step
            return self.forward([x.reshape(-1, x.shape[2])], training).reshape(*x.shape[:2], -1)
        w = self.params["W"]
        n = x.shape[0]
        if self._out is None or self._out.shape[0] != n or self._out.dtype != w.dtype:
            self._out = np.empty((n, w.shape[1]), dtype=w.dtype)
            self._dx = np.empty((n, w.shape[0]), dtype=w.dtype)
            self._xt = np.empty((w.shape[0], n), dtype=w.dtype)
            self._db = np.empty(w.shape[1], dtype=w.dtype)  # the bias gradient when there is no bias
        work = n * w.size
        if x.ndim == 2 and x.dtype == w.dtype and threads.splits(work):
            blocks = min(BLOCKS, w.shape[0], w.shape[1])
            self._parts = min(threads.chunks(work), blocks)
            self._x = x = np.ascontiguousarray(x)
            b = self.params.get("b", w[0])
            cols = threads.edges(w.shape[1], blocks)
            if self._parts > 1:
                _forward_slices(x, w, b, "b" in self.params, self._out, cols, threads.edges(blocks, self._parts))
            else:
                _forward_range(x, w, b, "b" in self.params, self._out, cols, 0, blocks)
            return self._out
        self._parts = 0
        self._x = x
        np.matmul(x, w, out=self._out)  # y = x W + b
        if "b" in self.params:
            _add_bias(self._out, self.params["b"])
        return self._out

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        if grad.ndim == 3:
            (dx,) = self.backward(grad.reshape(-1, grad.shape[2]))
            return [None if dx is None else dx.reshape(*grad.shape[:2], -1)]
        if self._parts and grad.dtype == self._out.dtype and grad.shape == self._out.shape:
            w, p = self.params["W"], self._parts
            db = self.grads.get("b", self._db)
            din, dout = w.shape
            blocks = min(BLOCKS, din)
            args = (self._x, np.ascontiguousarray(grad), w, self._xt, self.input_grad, self._dx,
                    self.grads["W"], db, threads.edges(din, blocks))
            if p > 1:
                _backward_slices(*args, threads.edges(blocks, p), threads.edges(dout, p))
            else:
                _backward_range(*args, 0, blocks, 0, dout)
            return [self._dx if self.input_grad else None]
        np.matmul(self._x.T, grad, out=self.grads["W"])  # dW = x^T g
        if "b" in self.params:
            np.sum(grad, axis=0, out=self.grads["b"])  # db = sum_n g
        if not self.input_grad:
            return [None]
        np.matmul(grad, self.params["W"].T, out=self._dx)  # dx = g W^T
        return [self._dx]


# --- fused chains of small Dense layers and activations -------------------------------------------
# At TensorFlow-Playground scale (a few units per layer, batches of ~10) a training step is a few
# thousand multiply-adds, and the cost is Python and dispatch overhead per op: one Numba call that
# runs forward, loss and backward for the whole chain is several times faster than op-by-op numpy.
# The program is a table of rows (kind, in, out, weight offset, bias offset or -1, activation,
# alpha index, workspace offset), "activation" being the position of the row's scalar kernels in
# the tuple the chain was compiled for: the chain calls the kernels the activations' node types
# declare (``ops/activations.py``) and the loss's own kernel, so it computes what the ops compute.
DENSE, ACT = 0, 1
CHAIN_MAX_WEIGHTS = 8192  # per Dense layer; bigger products go to BLAS op by op
CHAIN_MAX_UNITS = 256


@njit(cache=True, nogil=True, inline="always")
def _pass(v, alpha, one):  # stands in for the activations of a chain that has none
    return v


@njit(cache=True, nogil=True, inline="always")
def _pass_backward(x, y, g, alpha, one):
    return g


def chain_kernel(activations: tuple[tuple[Dispatcher, Dispatcher], ...], loss: Dispatcher) -> Dispatcher:
    """The fused step for chains whose activation rows use ``activations`` (pairs of scalar forward
    and backward kernels, by position) and whose loss is the chain kernel ``loss``; compiled once
    per combination and cached on disk like any kernel."""
    activations = activations or ((_pass, _pass_backward),)
    forwards = tuple(f for f, _ in activations)
    backwards = tuple(b for _, b in activations)
    return specialize(_chain_step, (*forwards, *backwards, loss), _ACT=dispatch(forwards),
                      _DACT=dispatch(backwards), _LOSS=loss)


def _chain_step(x, y, prog, alphas, params, grads, ws, gbuf, out):
    """Forward, loss and backward of a Dense/activation chain in one call.

    ``x`` (N, d0) input, ``y`` (N, d_out) targets, ``params``/``grads`` the model's flat parameter
    and gradient vectors, ``ws`` workspace for every row's output, ``gbuf`` (2, N * widest)
    ping-pong gradient rows, ``out`` (N, d_out) the prediction after the loss's fused activation
    (probabilities). Returns the mean loss. ``_ACT``, ``_DACT`` and ``_LOSS`` are bound by
    ``chain_kernel``.
    """
    n = x.shape[0]
    rows = prog.shape[0]
    zero = x.dtype.type(0.0)
    one = x.dtype.type(1.0)
    xf = x.reshape(-1)
    # forward
    for r in range(rows):
        kind, din, dout, w_off, b_off, act, a_idx, o_off = prog[r]
        src = xf if r == 0 else ws[prog[r - 1, 7]:prog[r - 1, 7] + n * din]
        dst = ws[o_off:o_off + n * dout]
        if kind == 0:
            for s in range(n):
                row = dst[s * dout:(s + 1) * dout]
                if b_off >= 0:
                    for j in range(dout):
                        row[j] = params[b_off + j]
                else:
                    for j in range(dout):
                        row[j] = zero
                for i in range(din):
                    v = src[s * din + i]
                    w = params[w_off + i * dout:w_off + (i + 1) * dout]
                    for j in range(dout):
                        row[j] += v * w[j]
        else:
            alpha = alphas[a_idx]
            for i in range(n * dout):
                dst[i] = _ACT(act, src[i], alpha, one)  # noqa: F821
    # loss on the last row's output
    d_last = prog[rows - 1, 2]
    z = ws[prog[rows - 1, 7]:prog[rows - 1, 7] + n * d_last].reshape(n, d_last)
    total = _LOSS(z, y, gbuf[0, :n * d_last].reshape(n, d_last), out)  # noqa: F821
    # backward
    cur = 0
    for r in range(rows - 1, -1, -1):
        kind, din, dout, w_off, b_off, act, a_idx, o_off = prog[r]
        src = xf if r == 0 else ws[prog[r - 1, 7]:prog[r - 1, 7] + n * din]
        gy = gbuf[cur, :n * dout]
        if kind == 0:
            for k in range(din * dout):
                grads[w_off + k] = zero
            if b_off >= 0:
                for j in range(dout):
                    grads[b_off + j] = zero
            for s in range(n):
                grow = gy[s * dout:(s + 1) * dout]
                if b_off >= 0:
                    for j in range(dout):
                        grads[b_off + j] += grow[j]
                for i in range(din):
                    v = src[s * din + i]
                    gw = grads[w_off + i * dout:w_off + (i + 1) * dout]
                    for j in range(dout):
                        gw[j] += v * grow[j]
            if r > 0:  # the input's gradient; the data needs none
                gx = gbuf[1 - cur, :n * din]
                for s in range(n):
                    grow = gy[s * dout:(s + 1) * dout]
                    for i in range(din):
                        w = params[w_off + i * dout:w_off + (i + 1) * dout]
                        acc = zero
                        for j in range(dout):
                            acc += grow[j] * w[j]
                        gx[s * din + i] = acc
                cur = 1 - cur
        else:
            alpha = alphas[a_idx]
            outv = ws[o_off:o_off + n * dout]
            for i in range(n * dout):
                gy[i] = _DACT(act, src[i], outv[i], gy[i], alpha, one)  # noqa: F821
    return total
