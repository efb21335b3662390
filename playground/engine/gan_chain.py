"""One GAN network (the generator or the discriminator) as a fused Dense/activation chain: its
forward pass and its backward pass from an output gradient, each one Numba call.

A GAN step runs the two small networks forward and backward in turns (gan_2d: 64 units, batch
64), where the cost of each op's Python dispatch is as large as its arithmetic; the chain keeps
every product in BLAS (the classifier chain's ``blas_forward_row``, whole: split into blocks,
gan_2d's steps took 8 % longer on one thread and on two) and every activation in the node types' own scalar kernels
(``ops/activations.py``), so it computes what the ops compute. The program is a table of rows as
in ``ops/dense.py``'s chain: (kind, in, out, weight offset, bias offset or -1, activation, alpha
index, workspace offset per sample), offsets into the GAN's flat parameter vector; the
workspace starts with a copy of the input, so every row reads the same way.
"""
from __future__ import annotations

import numpy as np

from playground.engine import threads
from playground.engine.fused_chain import chain_rows, is_chain
from playground.engine.graph import Graph
from playground.engine.ops.base import Op
from playground.engine.ops.dense import _pass, _pass_backward, blas_backward_row, blas_forward_row
from playground.engine.ops.specialize import dispatch, specialize


def _net_forward(x, prog, alphas, params, ws):
    """Every row's output into ``ws`` for the batch ``x`` (N, in), which is copied to its start:
    row r reads at prog[r - 1, 7] * N (the input at 0) and writes at prog[r, 7] * N; the
    workspace ends in spare values (a missing bias, ``blas_forward_row``)."""
    n = x.shape[0]
    one = x.dtype.type(1.0)
    ws[:x.size] = x.reshape(-1)
    for r in range(prog.shape[0]):
        kind, din, dout, w_off, b_off, act, a_idx, o_off = prog[r]
        src_off = prog[r - 1, 7] * n if r else 0
        src = ws[src_off:src_off + n * din]
        dst = ws[o_off * n:(o_off + dout) * n]
        if kind == 0:
            blas_forward_row(src, n, din, dout, w_off, b_off, params, dst, ws, 0)
        else:
            alpha = alphas[a_idx]
            for i in range(n * dout):
                dst[i] = _ACT(act, src[i], alpha, one)  # noqa: F821


def _net_backward(gout, prog, alphas, params, grads, ws, gbuf, dx):
    """Parameter gradients into ``grads`` from ``gout`` (N, out), the gradient of the last row's
    output, after ``_net_forward`` filled ``ws``; the input's gradient into ``dx`` unless it is
    empty."""
    n = gout.shape[0]
    one = gout.dtype.type(1.0)
    rows = prog.shape[0]
    gbuf[0, :gout.size] = gout.reshape(-1)
    cur = 0
    for r in range(rows - 1, -1, -1):
        kind, din, dout, w_off, b_off, act, a_idx, o_off = prog[r]
        src_off = prog[r - 1, 7] * n if r else 0
        src = ws[src_off:src_off + n * din]
        g = gbuf[cur, :n * dout]
        if kind == 0:
            input_grad = r > 0 or dx.size > 0  # the data's gradient is not needed
            blas_backward_row(src, g, n, din, dout, w_off, b_off, params, grads, gbuf[1 - cur, :n * din],
                              input_grad, ws, 0)
            if input_grad:
                cur = 1 - cur
        else:
            out = ws[o_off * n:(o_off + dout) * n]
            alpha = alphas[a_idx]
            for i in range(n * dout):
                g[i] = _DACT(act, src[i], out[i], g[i], alpha, one)  # noqa: F821
    if dx.size:
        dx.reshape(-1)[:] = gbuf[cur, :dx.size]


class NetChain:
    """The compiled chain of one network and its buffers per batch length."""

    def __init__(self, prog: np.ndarray, kernels: tuple, alphas: np.ndarray, in_width: int,
                 dtype: np.dtype) -> None:
        threads.start_pool()  # the rows' dense_forward links against it, even on the whole-product path
        kernels = kernels or ((_pass, _pass_backward),)
        forwards, backwards = tuple(f for f, _ in kernels), tuple(b for _, b in kernels)
        self._forward = specialize(_net_forward, forwards, _ACT=dispatch(forwards))
        self._backward = specialize(_net_backward, backwards, _DACT=dispatch(backwards))
        self.prog, self.alphas, self.in_width, self.dtype = prog, alphas, in_width, dtype
        self.out_width = int(prog[-1, 2])
        self.width = int(max(prog[:, 1].max(), prog[:, 2].max()))
        self._buffers: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}
        self._none = np.empty((0, in_width), dtype)

    @classmethod
    def compile(cls, graph: Graph, layers: list[str], sources: dict[str, list[str]],
                ops: dict[str, Op], data: str, in_width: int,
                offsets: dict[str, int], dtype: np.dtype) -> NetChain | None:
        """The chain of ``layers`` (in run order, the first fed by the node ``data``), with
        parameter ``offsets`` into the flat vector; None when they are not such a chain."""
        if dtype.kind != "f" or not layers:
            return None
        if not is_chain(layers, sources, data):
            return None
        found = chain_rows(graph, ops, layers, offsets, in_width, in_width)
        if found is None:
            return None
        rows, alphas, kernels, _ = found
        if not rows:
            return None
        return cls(np.array(rows, dtype=np.int64), tuple(kernels),
                   np.array(alphas or [0.0], dtype=dtype), in_width, dtype)

    def _bufs(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        bufs = self._buffers.get(n)
        if bufs is None:
            if len(self._buffers) >= 8:
                self._buffers.clear()
            bufs = self._buffers[n] = (
                np.empty((self.in_width + int(self.prog[:, 2].sum())) * n + self.width, self.dtype),
                np.empty((2, self.width * n), self.dtype),
                np.empty((n, self.in_width), self.dtype),
                np.empty((n, self.out_width), self.dtype))
        return bufs

    def forward(self, x: np.ndarray, params: np.ndarray) -> np.ndarray:
        """The output (N, out) for the batch ``x`` (N, in): a view that the next forward of a batch
        of the same length overwrites."""
        n = len(x)
        ws = self._bufs(n)[0]
        self._forward(x, self.prog, self.alphas, params, ws)
        off = int(self.prog[-1, 7]) * n
        return ws[off:off + n * self.out_width].reshape(n, self.out_width)

    def backward(self, x: np.ndarray, gout: np.ndarray, params: np.ndarray, grads: np.ndarray,
                 input_grad: bool) -> np.ndarray | None:
        """Gradients into ``grads`` after ``forward(x)``; the input's gradient (a view into a
        buffer of this batch length) when ``input_grad``."""
        ws, gbuf, dx, _ = self._bufs(len(x))
        self._backward(gout, self.prog, self.alphas, params, grads, ws, gbuf, dx if input_grad else self._none)
        return dx if input_grad else None

    def out_buffer(self, n: int) -> np.ndarray:
        """A scratch (N, out) array for the gradient of this chain's output."""
        return self._bufs(n)[3]
