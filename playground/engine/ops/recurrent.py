"""Recurrent layers (SimpleRNN, LSTM, GRU): forward and backward through time as Numba kernels.

A batch of sequences x (N, T, D) is copied time-major (T, N, D) so every time step is one
contiguous (N, .) block: the input projection of all steps is one matrix product, each step adds
h_{t-1} U with one more, and the weight gradients are single products over all T * N rows at the
end. Gates follow PyTorch (LSTM: i, f, g, o; GRU: r, z, n with the reset gate applied to the
recurrent term, n = tanh(x W_n + b_n + r * (h U_n + b_hn))), so the export maps weights one to one.

A layer big enough to split (``threads.splits``) runs its recurrence in one block of the batch per
core of the machine (``threads.max_threads``) whatever the thread count in use (a thread takes a run
of whole blocks), so results do not depend on it; sequences are independent, so blocks never
exchange anything until the weight gradients. More blocks than cores would only shrink the per-step
products (measured: 4 blocks on 2 cores made an LSTM(64) step 15 % slower than 2).
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange, types
from numba.extending import overload

from playground.engine import threads
from playground.engine.ops.base import Op
from playground.engine.ops.blas import gemm

MAX_BLOCKS = 8
TANH, RELU = 0, 1
SIMPLE, LSTM, GRU = 0, 1, 2
GATES = {SIMPLE: 1, LSTM: 4, GRU: 3}


def tanh(v):
    """tanh inside kernels: float32 takes a rational approximation (Eigen's, within a few ulp)
    that vectorises, unlike libm's tanhf; float64 (gradient checks) takes np.tanh."""
    raise NotImplementedError


@overload(tanh, jit_options={"nogil": True})
def _tanh(v):
    if v == types.float32:
        def fast(v):
            x = min(max(v, np.float32(-7.90531110763549805)), np.float32(7.90531110763549805))
            x2 = x * x
            p = x2 * np.float32(-2.76076847742355e-16) + np.float32(2.00018790482477e-13)
            p = x2 * p + np.float32(-8.60467152213735e-11)
            p = x2 * p + np.float32(5.12229709037114e-08)
            p = x2 * p + np.float32(1.48572235717979e-05)
            p = x2 * p + np.float32(6.37261928875436e-04)
            p = x2 * p + np.float32(4.89352455891786e-03)
            q = x2 * np.float32(1.19825839466702e-06) + np.float32(1.18534705686654e-04)
            q = x2 * q + np.float32(2.26843463243900e-03)
            q = x2 * q + np.float32(4.89352518554385e-03)
            return x * p / q
        return fast
    return lambda v: np.tanh(v)


@njit(cache=True, nogil=True, inline="always")
def _sigmoid(v, one):
    half = one / (one + one)
    return half + half * tanh(half * v)


@njit(cache=True, nogil=True)
def _time_major(x, xt):
    """xt[t, n] = x[n, t] for (N, T, F) -> (T, N, F)."""
    for n in range(x.shape[0]):
        for t in range(x.shape[1]):
            xt[t, n, :] = x[n, t, :]


@njit(cache=True, nogil=True)
def _batch_major(xt, x):
    """x[n, t] = xt[t, n] for (T, N, F) -> (N, T, F)."""
    for t in range(xt.shape[0]):
        for n in range(xt.shape[1]):
            x[n, t, :] = xt[t, n, :]


@njit(cache=True, nogil=True)
def _project(xt2, w, b, bh, both, g2):
    """g2 = xt2 W + b (+ bh when ``both``: the recurrent bias outside any gate) over all T * N rows."""
    gemm(xt2, w, g2, False, False, False)
    for r in range(g2.shape[0]):
        row = g2[r]
        for j in range(b.size):
            row[j] += b[j] + bh[j] if both else b[j]


@njit(cache=True, nogil=True, error_model="numpy")
def _forward_block(kind, act, g, gh, u, bh, hs, cs, n0, n1):
    """Steps 0..T-1 of sequences n0:n1. ``g`` (T, N, kH) holds x W + b on entry and the gate
    activations on exit; ``hs``/``cs`` (T + 1, N, H) the hidden and cell states (index 0: zeros);
    GRU keeps h U + b_h in ``gh``."""
    steps, h = g.shape[0], u.shape[0]
    one = g.dtype.type(1.0)
    zero = g.dtype.type(0.0)
    for t in range(steps):
        gt = g[t, n0:n1]
        if kind == GRU:
            ght = gh[t, n0:n1]
            gemm(hs[t, n0:n1], u, ght, False, False, False)
        else:
            gemm(hs[t, n0:n1], u, gt, False, False, True)
        for n in range(n1 - n0):
            row = gt[n]
            hp = hs[t, n0 + n]
            hn = hs[t + 1, n0 + n]
            if kind == SIMPLE:
                for j in range(h):
                    v = row[j]
                    v = tanh(v) if act == TANH else (v if v > zero else zero)
                    row[j] = v
                    hn[j] = v
            elif kind == LSTM:  # one loop per gate: unit strides, so each vectorises
                cp, cn = cs[t, n0 + n], cs[t + 1, n0 + n]
                gi, gf, gc, go = row[:h], row[h:2 * h], row[2 * h:3 * h], row[3 * h:]
                for j in range(2 * h):
                    row[j] = _sigmoid(row[j], one)
                for j in range(h):
                    gc[j] = tanh(gc[j])
                for j in range(h):
                    go[j] = _sigmoid(go[j], one)
                for j in range(h):
                    cn[j] = gf[j] * cp[j] + gi[j] * gc[j]
                for j in range(h):
                    hn[j] = go[j] * tanh(cn[j])
            else:
                hrow = ght[n]
                for j in range(2 * h):
                    row[j] = _sigmoid(row[j] + hrow[j] + bh[j], one)
                gr, gz, gc, hc = row[:h], row[h:2 * h], row[2 * h:], hrow[2 * h:]
                br = bh[2 * h:]
                for j in range(h):
                    hc[j] += br[j]
                for j in range(h):
                    gc[j] = tanh(gc[j] + gr[j] * hc[j])
                for j in range(h):
                    hn[j] = (one - gz[j]) * gc[j] + gz[j] * hp[j]


@njit(cache=True, nogil=True, error_model="numpy")
def _backward_block(kind, act, g, gh, u, hs, cs, dout, seq, dg, dgh, dh, dc, n0, n1):
    """Backward through time for sequences n0:n1: ``dout`` is dLoss/dh as (T, N, H) when
    ``seq``, else (1, N, H) for the last step; fills ``dg`` (T, N, kH), dLoss/d(x W + b), and for
    GRU ``dgh``, dLoss/d(h U + b_h). ``dh``/``dc`` (N, H) are scratch."""
    steps, h = g.shape[0], u.shape[0]
    one = g.dtype.type(1.0)
    zero = g.dtype.type(0.0)
    for n in range(n0, n1):
        for j in range(h):
            dh[n, j] = zero
            dc[n, j] = zero
    for t in range(steps - 1, -1, -1):
        if seq:
            for n in range(n0, n1):
                for j in range(h):
                    dh[n, j] += dout[t, n, j]
        elif t == steps - 1:
            for n in range(n0, n1):
                for j in range(h):
                    dh[n, j] += dout[0, n, j]
        for n in range(n0, n1):
            row = g[t, n]
            drow = dg[t, n]
            dhn = dh[n]
            if kind == SIMPLE:
                hn = hs[t + 1, n]
                for j in range(h):
                    v = hn[j]
                    drow[j] = dhn[j] * ((one - v * v) if act == TANH else (one if v > zero else zero))
            elif kind == LSTM:  # few arrays per loop, so each vectorises
                cn, cp, dcn = cs[t + 1, n], cs[t, n], dc[n]
                gi, gf, gc, go = row[:h], row[h:2 * h], row[2 * h:3 * h], row[3 * h:]
                di, df, dgc, do = drow[:h], drow[h:2 * h], drow[2 * h:3 * h], drow[3 * h:]
                for j in range(h):
                    tc = tanh(cn[j])
                    do[j] = dhn[j] * tc * go[j] * (one - go[j])
                    dcn[j] += dhn[j] * go[j] * (one - tc * tc)  # now dLoss/dc_t
                for j in range(h):
                    di[j] = dcn[j] * gc[j] * gi[j] * (one - gi[j])
                for j in range(h):
                    df[j] = dcn[j] * cp[j] * gf[j] * (one - gf[j])
                for j in range(h):
                    dgc[j] = dcn[j] * gi[j] * (one - gc[j] * gc[j])
                for j in range(h):
                    dcn[j] *= gf[j]  # dLoss/dc_(t-1) through the cell
            else:
                hrow, dhrow, hp = gh[t, n], dgh[t, n], hs[t, n]
                gr, gz, gc, hc = row[:h], row[h:2 * h], row[2 * h:], hrow[2 * h:]
                dr, dz, dcand = drow[:h], drow[h:2 * h], drow[2 * h:]
                for j in range(h):
                    dcand[j] = dhn[j] * (one - gz[j]) * (one - gc[j] * gc[j])
                for j in range(h):
                    dr[j] = dcand[j] * hc[j] * gr[j] * (one - gr[j])
                for j in range(h):
                    dz[j] = dhn[j] * (hp[j] - gc[j]) * gz[j] * (one - gz[j])
                for j in range(2 * h):  # r and z see x W + b and h U + b_h alike
                    dhrow[j] = drow[j]
                dhc = dhrow[2 * h:]
                for j in range(h):
                    dhc[j] = dcand[j] * gr[j]
                for j in range(h):
                    dhn[j] *= gz[j]
        if t > 0:
            if kind == GRU:
                gemm(dgh[t, n0:n1], u, dh[n0:n1], False, True, True)
            else:
                gemm(dg[t, n0:n1], u, dh[n0:n1], False, True, False)


@njit(cache=True, nogil=True, parallel=True)
def _forward_slices(kind, act, g, gh, u, bh, hs, cs, rows, slices):
    for s in prange(slices.size - 1):
        for blk in range(slices[s], slices[s + 1]):
            _forward_block(kind, act, g, gh, u, bh, hs, cs, rows[blk], rows[blk + 1])


@njit(cache=True, nogil=True, parallel=True)
def _backward_slices(kind, act, g, gh, u, hs, cs, dout, seq, dg, dgh, dh, dc, rows, slices):
    for s in prange(slices.size - 1):
        for blk in range(slices[s], slices[s + 1]):
            _backward_block(kind, act, g, gh, u, hs, cs, dout, seq, dg, dgh, dh, dc, rows[blk], rows[blk + 1])


@njit(cache=True, nogil=True)
def _forward_serial(kind, act, g, gh, u, bh, hs, cs, rows):
    for blk in range(rows.size - 1):
        _forward_block(kind, act, g, gh, u, bh, hs, cs, rows[blk], rows[blk + 1])


@njit(cache=True, nogil=True)
def _backward_serial(kind, act, g, gh, u, hs, cs, dout, seq, dg, dgh, dh, dc, rows):
    for blk in range(rows.size - 1):
        _backward_block(kind, act, g, gh, u, hs, cs, dout, seq, dg, dgh, dh, dc, rows[blk], rows[blk + 1])


@njit(cache=True, nogil=True)
def _weight_grads(xt2, hs2, dg2, dr2, same, w, dw, du, db, dbh):
    """dW = x^T dG, dU = h_prev^T dR, db and dbh the sums of dG and dR over all T * N rows (dR,
    the gradient of h U + b_h, is dG itself when ``same``: all but GRU)."""
    gemm(xt2, dg2, dw, True, False, False)
    gemm(hs2, dr2, du, True, False, False)
    for j in range(db.size):
        db[j] = 0
        dbh[j] = 0
    for r in range(dg2.shape[0]):
        row = dg2[r]
        for j in range(db.size):
            db[j] += row[j]
    if same:
        dbh[:] = db
        return
    for r in range(dr2.shape[0]):
        row = dr2[r]
        for j in range(db.size):
            dbh[j] += row[j]


@njit(cache=True, nogil=True)
def _input_grad(dg2, w, dx2):
    gemm(dg2, w, dx2, False, True, False)


class RecurrentOp(Op):
    """One recurrent layer over (N, T, D) sequences; output (N, T, H) or the last step (N, H).

    Parameters: W (D, kH) input weights, U (H, kH) recurrent weights, b (kH) the input bias and
    bh (kH) the recurrent bias, both as PyTorch has them (for GRU, bh's candidate part sits inside
    the reset gate; elsewhere the two simply add), so an exported model trains as the engine does.
    After a forward pass ``trace(i)`` gives sequence i's states and gates per step, for the views."""

    def __init__(self, kind: int, w: np.ndarray, u: np.ndarray, b: np.ndarray, bh: np.ndarray,
                 activation: int = TANH, return_sequences: bool = False) -> None:
        super().__init__()
        self.kind, self.activation, self.return_sequences = kind, activation, return_sequences
        self._track(W=w, U=u, b=b, bh=bh)
        self._shape: tuple[int, int, int] | None = None
        self._dtype = None

    @property
    def units(self) -> int:
        return self.params["U"].shape[0]

    def _buffers(self, n: int, steps: int, d: int, dtype) -> None:
        if self._shape == (n, steps, d) and self._dtype == dtype:
            return
        h, k = self.units, GATES[self.kind] * self.units
        self._shape, self._dtype = (n, steps, d), dtype
        self._xt = np.empty((steps, n, d), dtype)
        self._g = np.empty((steps, n, k), dtype)
        self._gh = np.empty((steps, n, k) if self.kind == GRU else (1, 1, 1), dtype)
        self._hs = np.zeros((steps + 1, n, h), dtype)
        self._cs = np.zeros((steps + 1, n, h) if self.kind == LSTM else (1, 1, 1), dtype)
        self._dg = np.empty_like(self._g)
        self._dgh = np.empty_like(self._gh)
        self._dh = np.empty((n, h), dtype)
        self._dc = np.empty((n, h), dtype)
        self._dout = np.empty((steps, n, h), dtype)
        self._seq_out = np.empty((n, steps, h), dtype)
        self._dx2 = np.empty((steps * n, d), dtype)
        self._dx = np.empty((n, steps, d), dtype)

    def _plan(self, n: int, steps: int, d: int) -> tuple[np.ndarray, np.ndarray | None]:
        """(block edges of the batch, slices of blocks per thread or None for serial)."""
        k = GATES[self.kind] * self.units
        work = n * steps * (d + self.units) * k
        if not threads.splits(work):
            return threads.edges(n, 1), None
        blocks = min(threads.max_threads(), MAX_BLOCKS, n)
        parts = min(threads.chunks(work), blocks)
        return threads.edges(n, blocks), (threads.edges(blocks, parts) if parts > 1 else None)

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        x = np.ascontiguousarray(inputs[0])
        w, u, b = self.params["W"], self.params["U"], self.params["b"]
        n, steps, d = x.shape
        self._buffers(n, steps, d, w.dtype)
        if x.dtype != w.dtype:
            x = x.astype(w.dtype)
        _time_major(x, self._xt)
        bh = self.params["bh"]
        _project(self._xt.reshape(steps * n, d), w, b, bh, self.kind != GRU, self._g.reshape(steps * n, -1))
        rows, slices = self._plan(n, steps, d)
        args = (self.kind, self.activation, self._g, self._gh, u, bh, self._hs, self._cs, rows)
        if slices is None:
            _forward_serial(*args)
        else:
            _forward_slices(*args, slices)
        if not self.return_sequences:
            return self._hs[steps]
        _batch_major(self._hs[1:], self._seq_out)
        return self._seq_out

    def backward(self, grad: np.ndarray) -> list[np.ndarray | None]:
        n, steps, d = self._shape
        grad = np.ascontiguousarray(grad, dtype=self._dtype)
        if self.return_sequences:
            _time_major(grad, self._dout)
            dout = self._dout
        else:
            dout = grad.reshape(1, n, -1)
        rows, slices = self._plan(n, steps, d)
        args = (self.kind, self.activation, self._g, self._gh, self.params["U"], self._hs, self._cs, dout,
                self.return_sequences, self._dg, self._dgh, self._dh, self._dc, rows)
        if slices is None:
            _backward_serial(*args)
        else:
            _backward_slices(*args, slices)
        k = self._g.shape[2]
        dg2 = self._dg.reshape(steps * n, k)
        dr2 = self._dgh.reshape(steps * n, k) if self.kind == GRU else dg2
        _weight_grads(self._xt.reshape(steps * n, d), self._hs[:steps].reshape(steps * n, -1), dg2, dr2,
                      self.kind != GRU, self.params["W"], self.grads["W"], self.grads["U"], self.grads["b"], self.grads["bh"])
        if not self.input_grad:
            return [None]
        _input_grad(dg2, self.params["W"], self._dx2)
        _batch_major(self._dx2.reshape(steps, n, d), self._dx)
        return [self._dx]

    def trace(self, i: int = 0) -> dict[str, np.ndarray]:
        """Sequence ``i`` of the last forward pass: name -> (T, H) copies, the hidden state first."""
        h = self.units
        out = {"hidden state": self._hs[1:, i].copy()}
        g = self._g[:, i]
        if self.kind == LSTM:
            out.update({"input gate": g[:, :h].copy(), "forget gate": g[:, h:2 * h].copy(),
                        "output gate": g[:, 3 * h:].copy(), "cell state": self._cs[1:, i].copy()})
        elif self.kind == GRU:
            out.update({"update gate": g[:, h:2 * h].copy(), "reset gate": g[:, :h].copy()})
        return out
