"""Fully connected layer: y = x W + b, with W of shape (in, out).

A big enough layer (``threads.splits``) runs its products in blocks (of output columns, of inputs
for the gradients) that do not depend on the thread count, a run of blocks per thread, each with
single-threaded BLAS (``blas.gemm``). ``dense_forward`` and ``dense_backward`` are the layer's
arithmetic for the op and for the fused chains (``fused_chain``).
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange
from numba.core.dispatcher import Dispatcher

from playground.engine import threads
from playground.engine.ops.base import Op
from playground.engine.ops.blas import gemm, gemm_ld
from playground.engine.ops.specialize import dispatch, specialize


# A layer big enough to split (``threads.splits``) runs its products in BLOCKS blocks of columns
# whatever the thread count (a thread takes a run of whole blocks): BLAS may round a product of
# another shape differently, so fixed shapes keep the results independent of the thread count.
# Blocks of columns, not of rows: each block's product then packs only its own part of W, where
# blocks of 16 rows each packed all of it (mnist_vgg's 3136 -> 128 layer: y = x W took 0.46 ms in
# four row blocks against 0.29 ms whole, dx = g W^T 0.79 against 0.36-0.39 in column blocks).
BLOCKS = 4


@njit(cache=True, nogil=True, error_model="numpy")
def _add_bias_columns(out, b, j0, j1):
    """out[n, j0:j1] += b[j0:j1] in place (numpy's broadcast ``out += b`` allocates a temporary).
    The loops index slices from 0: an index that runs from a j0 the compiler cannot prove
    non-negative keeps negative-index wraparound in the loop, which stopped it vectorising (3 us
    instead of 0.3 for 128 x 64)."""
    part = b[j0:j1]
    for n in range(out.shape[0]):
        row = out[n, j0:j1]
        for j in range(part.size):
            row[j] += part[j]


@njit(cache=True, nogil=True, error_model="numpy")
def _column_sums(g, db, j0, j1):
    """db[j0:j1] = sum_n g[n, j0:j1] (indexed from 0, as ``_add_bias_columns``)."""
    part = db[j0:j1]
    part[:] = 0
    for n in range(g.shape[0]):
        row = g[n, j0:j1]
        for j in range(part.size):
            part[j] += row[j]


@njit(cache=True, nogil=True)
def _forward_range(x, w, b, has_bias, out, blocks, c0, c1):
    """out[:, j0:j1] = x W[:, j0:j1] (+ b) for the column blocks c0:c1 of ``blocks``."""
    n, din = x.shape
    dout = w.shape[1]
    xf, wf, of = x.reshape(-1), w.reshape(-1), out.reshape(-1)
    for blk in range(c0, c1):
        j0, j1 = dout * blk // blocks, dout * (blk + 1) // blocks
        gemm_ld(n, j1 - j0, din, xf, din, wf[j0:], dout, of[j0:], dout, False, False, False)
        if has_bias:
            _add_bias_columns(out, b, j0, j1)


@njit(cache=True, nogil=True)
def _backward_range(x, g, w, input_grad, dx, dw, db, blocks, i0, i1, j0, j1):
    """Input blocks i0:i1 of ``blocks`` of dW = x^T g (each block's columns of x read transposed in
    place, so each product sums over the whole batch) and of dx = g W^T when ``input_grad``
    (columns of dx), and columns j0:j1 of db = sum_n g. Nothing is summed across blocks, so any
    run of blocks per thread gives the same numbers."""
    batch, din = x.shape
    dout = w.shape[1]
    xf, gf, wf, df, dwf = x.reshape(-1), g.reshape(-1), w.reshape(-1), dx.reshape(-1), dw.reshape(-1)
    for blk in range(i0, i1):
        a, b = din * blk // blocks, din * (blk + 1) // blocks
        gemm_ld(b - a, dout, batch, xf[a:], din, gf, dout, dwf[a * dout:], dout, True, False, False)
        if input_grad:
            gemm_ld(batch, b - a, dout, gf, dout, wf[a * dout:], dout, df[a:], din, False, True, False)
    _column_sums(g, db, j0, j1)


@njit(cache=True, nogil=True, parallel=True)
def _forward_slices(x, w, b, has_bias, out, blocks, parts):
    for t in prange(parts):
        _forward_range(x, w, b, has_bias, out, blocks, blocks * t // parts, blocks * (t + 1) // parts)


@njit(cache=True, nogil=True, parallel=True)
def _backward_slices(x, g, w, input_grad, dx, dw, db, blocks, parts):
    dout = w.shape[1]
    for t in prange(parts):
        _backward_range(x, g, w, input_grad, dx, dw, db, blocks, blocks * t // parts, blocks * (t + 1) // parts,
                        dout * t // parts, dout * (t + 1) // parts)


@njit(cache=True, nogil=True)
def dense_forward(x, w, b, has_bias, out, parts):
    """out = x W (+ b) for a C-contiguous batch ``x``: whole when ``parts`` is 0 (a layer too small
    to split), else in BLOCKS column blocks, a run of them on each of ``parts`` threads."""
    if parts == 0:
        gemm(x, w, out, False, False, False)
        if has_bias:
            _add_bias_columns(out, b, 0, b.size)
    elif parts == 1:
        blocks = min(BLOCKS, w.shape[0], w.shape[1])
        _forward_range(x, w, b, has_bias, out, blocks, 0, blocks)
    else:
        _forward_slices(x, w, b, has_bias, out, min(BLOCKS, w.shape[0], w.shape[1]), parts)


@njit(cache=True, nogil=True)
def dense_backward(x, g, w, input_grad, dx, dw, db, parts):
    """dW = x^T g, db = sum_n g and, when ``input_grad``, dx = g W^T, split as ``dense_forward``
    splits (by blocks of inputs)."""
    din, dout = w.shape
    if parts == 0:
        gemm(x, g, dw, True, False, False)
        _column_sums(g, db, 0, dout)
        if input_grad:
            gemm(g, w, dx, False, True, False)
    elif parts == 1:
        _backward_range(x, g, w, input_grad, dx, dw, db, min(BLOCKS, din), 0, min(BLOCKS, din), 0, dout)
    else:
        _backward_slices(x, g, w, input_grad, dx, dw, db, min(BLOCKS, din), parts)


def dense_parts(n: int, din: int, dout: int) -> int:
    """The ``parts`` argument of ``dense_forward``/``dense_backward`` for a batch of ``n`` through a
    din x dout layer at the current thread count: 0 unless it is big enough to split
    (``threads.splits``), so its results do not depend on the thread count."""
    work = n * din * dout
    if not threads.splits(work):
        return 0
    return min(threads.chunks(work), BLOCKS, din, dout)


class DenseOp(Op):
    def __init__(self, weight: np.ndarray, bias: np.ndarray | None) -> None:
        super().__init__()
        self._track(W=weight)
        if bias is not None:
            self._track(b=bias)
        self._x: np.ndarray | None = None
        self._out: np.ndarray | None = None
        self._dx: np.ndarray | None = None
        self._parts = 0  # 0: numpy's matmul; 1 or more: ``dense_forward``'s blocks on that many threads

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        x = inputs[0]
        if x.ndim == 3:  # a sequence (N, T, F): the same layer at every time step
            return self.forward([x.reshape(-1, x.shape[2])], training).reshape(*x.shape[:2], -1)
        w = self.params["W"]
        n = x.shape[0]
        if self._out is None or self._out.shape[0] != n or self._out.dtype != w.dtype:
            self._out = np.empty((n, w.shape[1]), dtype=w.dtype)
            self._dx = np.empty((n, w.shape[0]), dtype=w.dtype)
            self._db = np.empty(w.shape[1], dtype=w.dtype)  # the bias gradient when there is no bias
        parts = dense_parts(n, *w.shape) if x.ndim == 2 and x.dtype == w.dtype else 0
        if parts:
            self._parts = parts
            self._x = x = np.ascontiguousarray(x)
            dense_forward(x, w, self.params.get("b", w[0]), "b" in self.params, self._out, parts)
            return self._out
        self._parts = 0
        self._x = x
        np.matmul(x, w, out=self._out)  # y = x W + b
        if "b" in self.params:
            _add_bias_columns(self._out, self.params["b"], 0, w.shape[1])
        return self._out

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        if grad.ndim == 3:
            (dx,) = self.backward(grad.reshape(-1, grad.shape[2]))
            return [None if dx is None else dx.reshape(*grad.shape[:2], -1)]
        if self._parts and grad.dtype == self._out.dtype and grad.shape == self._out.shape:
            dense_backward(self._x, np.ascontiguousarray(grad), self.params["W"], self.input_grad, self._dx,
                           self.grads["W"], self.grads.get("b", self._db), self._parts)
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


def chain_kernel(activations: tuple[tuple[Dispatcher, Dispatcher], ...], loss: Dispatcher,
                 blas: bool = False) -> Dispatcher:
    """The fused step for chains whose activation rows use ``activations`` (pairs of scalar forward
    and backward kernels, by position) and whose loss is the chain kernel ``loss``; ``blas``: Dense
    rows through BLAS (``dense_forward``), for chains with layers too big to unroll. Compiled once
    per combination and cached on disk like any kernel."""
    activations = activations or ((_pass, _pass_backward),)
    forwards = tuple(f for f, _ in activations)
    backwards = tuple(b for _, b in activations)
    rows = (blas_forward_row, blas_backward_row) if blas else (_unrolled_forward_row, _unrolled_backward_row)
    return specialize(_chain_step, (*forwards, *backwards, loss, *rows), _ACT=dispatch(forwards),
                      _DACT=dispatch(backwards), _LOSS=loss, _FORWARD=rows[0], _BACKWARD=rows[1])


@njit(cache=True, nogil=True, inline="always")
def _unrolled_forward_row(src, n, din, dout, w_off, b_off, params, dst, ws, parts):
    """dst = src W + b in loops LLVM unrolls and vectorises (small layers)."""
    zero = src.dtype.type(0.0)
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


@njit(cache=True, nogil=True, inline="always")
def _unrolled_backward_row(src, gy, n, din, dout, w_off, b_off, params, grads, gx, input_grad, ws, parts):
    """dW, db and (``input_grad``) gx = gy W^T in loops."""
    zero = src.dtype.type(0.0)
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
    if input_grad:
        for s in range(n):
            grow = gy[s * dout:(s + 1) * dout]
            for i in range(din):
                w = params[w_off + i * dout:w_off + (i + 1) * dout]
                acc = zero
                for j in range(dout):
                    acc += grow[j] * w[j]
                gx[s * din + i] = acc


@njit(cache=True, nogil=True, inline="always")
def blas_forward_row(src, n, din, dout, w_off, b_off, params, dst, ws, parts):
    """dst = src W + b through ``dense_forward``, split in ``parts`` as the Dense op splits it; the
    workspace's spare values stand in for a missing bias."""
    b = params[b_off:b_off + dout] if b_off >= 0 else ws[ws.size - dout:]
    dense_forward(src.reshape(n, din), params[w_off:w_off + din * dout].reshape(din, dout), b, b_off >= 0,
                  dst.reshape(n, dout), parts)


@njit(cache=True, nogil=True, inline="always")
def blas_backward_row(src, gy, n, din, dout, w_off, b_off, params, grads, gx, input_grad, ws, parts):
    """``dense_backward``; the workspace's spare values take the gradient of a missing bias."""
    db = grads[b_off:b_off + dout] if b_off >= 0 else ws[ws.size - dout:]
    dense_backward(src.reshape(n, din), gy.reshape(n, dout), params[w_off:w_off + din * dout].reshape(din, dout),
                   input_grad, gx.reshape(n, din), grads[w_off:w_off + din * dout].reshape(din, dout), db, parts)


def _chain_step(x, y, prog, alphas, params, grads, ws, gbuf, out):
    """Forward, loss and backward of a Dense/activation chain in one call.

    ``x`` (N, d0) input, ``y`` (N, d_out) targets, ``prog`` the rows (``FusedChain.program``),
    ``params``/``grads`` the model's flat parameter and gradient vectors, ``ws`` workspace for
    every row's output and then a row of spare values, ``gbuf`` (2, N * widest) ping-pong gradient
    rows, ``out`` (N, d_out) the prediction after the loss's fused activation (probabilities).
    Returns the mean loss. ``_ACT``, ``_DACT``, ``_LOSS`` and the Dense row kernels
    ``_FORWARD``/``_BACKWARD`` (unrolled loops, or BLAS split in the row's last column: one call
    instead of two Python dispatches per layer, mlp_mnist) are bound by ``chain_kernel``.
    """
    n = x.shape[0]
    rows = prog.shape[0]
    one = x.dtype.type(1.0)
    xf = x.reshape(-1)
    for r in range(rows):
        kind, din, dout, w_off, b_off, act, a_idx, o_off, parts = prog[r]
        src = xf if r == 0 else ws[prog[r - 1, 7]:prog[r - 1, 7] + n * din]
        dst = ws[o_off:o_off + n * dout]
        if kind == 0:
            _FORWARD(src, n, din, dout, w_off, b_off, params, dst, ws, parts)  # noqa: F821
        else:
            alpha = alphas[a_idx]
            for i in range(n * dout):
                dst[i] = _ACT(act, src[i], alpha, one)  # noqa: F821
    d_last = prog[rows - 1, 2]
    z = ws[prog[rows - 1, 7]:prog[rows - 1, 7] + n * d_last].reshape(n, d_last)
    total = _LOSS(z, y, gbuf[0, :n * d_last].reshape(n, d_last), out)  # noqa: F821
    cur = 0
    for r in range(rows - 1, -1, -1):
        kind, din, dout, w_off, b_off, act, a_idx, o_off, parts = prog[r]
        src = xf if r == 0 else ws[prog[r - 1, 7]:prog[r - 1, 7] + n * din]
        gy = gbuf[cur, :n * dout]
        if kind == 0:
            _BACKWARD(src, gy, n, din, dout, w_off, b_off, params, grads, gbuf[1 - cur, :n * din], r > 0,  # noqa: F821
                      ws, parts)
            if r > 0:  # the input's gradient; the data needs none
                cur = 1 - cur
        else:
            alpha = alphas[a_idx]
            outv = ws[o_off:o_off + n * dout]
            for i in range(n * dout):
                gy[i] = _DACT(act, src[i], outv[i], gy[i], alpha, one)  # noqa: F821
    return total
