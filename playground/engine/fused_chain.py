"""The fused fast path of a Dense chain: forward, loss and backward in one Numba call.

Used by ``Model.loss_and_grads`` when every layer takes the previous one's output, the layers are
Dense, elementwise activations with fixed parameters, Flatten or Linear, and the loss has a chain
kernel (sigmoid + BCE or softmax + CCE on logits, MSE); the call runs the activations' and the
loss's own kernels (``ops/dense.py``), so it computes what the ops compute. Small layers run in
unrolled loops; a chain with a bigger layer runs every product in BLAS, split across threads as
the Dense op splits it.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from playground.engine import threads
from playground.engine.flat_params import FlatParameters
from playground.engine.graph import Graph
from playground.engine.ops import dense as dense_ops
from playground.engine.ops.activations import ActivationOp, IdentityOp
from playground.engine.ops.base import Op
from playground.engine.ops.structure import FlattenOp
from playground.engine.registry import node_type


class FusedChain:
    """The program of one model's chain (rows of ``ops/dense.py``) and its compiled step."""

    def __init__(self, prog: np.ndarray, step, alphas: np.ndarray, width: int,
                 output_shape: tuple[int, ...], dtype: np.dtype, blas: bool = False) -> None:
        self.prog, self.step, self.alphas = prog, step, alphas
        self.width, self.output_shape, self.dtype = width, output_shape, dtype
        self.blas = blas  # Dense rows through BLAS (``ops/dense.py``), for chains too big to unroll
        self._buffers: dict[int, tuple[np.ndarray, ...]] = {}
        self._programs: dict[tuple[int, ...], np.ndarray] = {}

    @classmethod
    def compile(cls, graph: Graph, layers: list[str], sources: dict[str, list[str]],
                ops: dict[str, Op], data: str, shapes: tuple[tuple[int, ...], tuple[int, ...]],
                loss_type: Any, fused: bool, flat: FlatParameters, dtype: np.dtype) -> FusedChain | None:
        """The chain of a model's built ``ops`` (layers in run order fed by the node ``data``;
        ``shapes``: its input and output shape), its loss type (``fused``: on the logits of the
        last layer) and flattened parameters; None when the model is not such a chain."""
        loss_kernel = loss_type.chain_kernel(fused)
        if flat.params is None or dtype.kind != "f" or loss_kernel is None:
            return None
        if not is_chain(layers, sources, data):
            return None
        offsets = {name: start for name, start, _ in flat.layout}
        found = chain_rows(graph, ops, layers[:-1] if fused else layers, offsets,
                           int(np.prod(shapes[0])), 0)
        if found is None:
            return None
        rows, alphas, kernels, width = found
        if not rows or rows[0][0] != dense_ops.DENSE or width != int(np.prod(shapes[1])):
            return None
        blas = any(r[0] == dense_ops.DENSE and _too_big(r[1], r[2]) for r in rows)
        if blas:
            threads.start_pool()
        return cls(np.array(rows, dtype=np.int64), dense_ops.chain_kernel(tuple(kernels), loss_kernel, blas),
                   np.array(alphas or [0.0], dtype=dtype), max(max(r[1], r[2]) for r in rows),
                   shapes[1], dtype, blas)

    def fits(self, x: np.ndarray, y: np.ndarray) -> bool:
        """Whether (x, y) is a batch the chain scores (one-hot or value targets, not labels)."""
        return bool(len(x)) and y.size == len(x) * self.prog[-1, 2]

    def loss_and_grads(self, x: np.ndarray, y: np.ndarray, params: np.ndarray,
                       grads: np.ndarray) -> tuple[float, np.ndarray]:
        """(mean loss, the prediction) on (x, y); the gradients land in the flat ``grads``."""
        n = len(x)
        bufs = self._buffers.get(n)
        if bufs is None:
            if len(self._buffers) >= 8:
                self._buffers.clear()
            bufs = self._buffers[n] = (  # the workspace ends in a row of spare values (a missing bias)
                np.empty(int(self.prog[:, 2].sum()) * n + self.width, self.dtype),
                np.empty((2, self.width * n), self.dtype), np.empty((n, *self.output_shape), self.dtype))
        ws, gbuf, out = bufs
        x2 = np.ascontiguousarray(x, dtype=self.dtype).reshape(n, -1)
        y2 = np.ascontiguousarray(y, dtype=self.dtype).reshape(n, -1)
        loss = self.step(x2, y2, self.program(n), self.alphas, params, grads, ws, gbuf, out)
        return float(loss), out

    def program(self, n: int) -> np.ndarray:
        """The step's program for a batch of ``n``: the rows with workspace offsets per batch and a
        last column, the BLAS rows' split at the current thread count (``split``; 0 when unrolled).
        Kept per batch length and split, so a step does no work in Python."""
        key = (n, threads.get_threads(), threads.MIN_WORK_PER_THREAD) if self.blas else (n,)
        found = self._programs.get(key)
        if found is None:
            if len(self._programs) >= 16:
                self._programs.clear()
            found = np.zeros((len(self.prog), 9), dtype=np.int64)
            found[:, :8] = self.prog
            found[:, 7] *= n  # workspace offsets per sample -> per batch
            if self.blas:
                found[:, 8] = split(self.prog, n)
            self._programs[key] = found
        return found


def split(prog: np.ndarray, n: int) -> np.ndarray:
    """The ``parts`` per row of a chain program ``prog`` for a batch of ``n`` at the current thread
    count, as the BLAS chains take them: ``dense_parts`` for a Dense row (0: its products run
    whole), 0 for an activation row (unused)."""
    return np.array([dense_ops.dense_parts(n, din, dout) if kind == dense_ops.DENSE else 0
                     for kind, din, dout in prog[:, :3]], dtype=np.int64)


def is_chain(layers: list[str], sources: dict[str, list[str]], data: str) -> bool:
    """Whether ``layers`` (in run order) form one line from the node ``data``: each fed by the one
    before it and nothing else."""
    return [sources[nid] for nid in layers] == [[prev] for prev in [data, *layers[:-1]]]


def chain_rows(graph: Graph, ops: dict[str, Op], layers: list[str], offsets: dict[str, int],
               width: int, off: int) -> tuple[list, list, list, int] | None:
    """A chain kernel's program for ``layers``: one row per Dense layer or parameter-free
    activation (identity and flatten add none), from ``width`` inputs with the first row's output
    at workspace offset ``off``. (rows, alphas, activation kernels, output width), or None when a
    layer cannot be chained."""
    rows, alphas, kernels = [], [], []
    for nid in layers:
        op, t = ops[nid], node_type(graph.nodes[nid].type)
        if isinstance(op, dense_ops.DenseOp):
            (weight,), bias = t.params_with_role("weight"), t.params_with_role("bias")
            din, dout = op.params[weight].shape
            if din != width:
                return None
            b_off = offsets[f"{nid}.{bias[0]}"] if bias and bias[0] in op.params else -1
            rows.append((dense_ops.DENSE, din, dout, offsets[f"{nid}.{weight}"], b_off, 0, 0, off))
            width = dout
        elif isinstance(op, ActivationOp) and not op.params:
            if op.kernels not in kernels:
                kernels.append(op.kernels)
            alphas.append(op.alpha)
            rows.append((dense_ops.ACT, width, width, -1, -1, kernels.index(op.kernels),
                         len(alphas) - 1, off))
        elif isinstance(op, (IdentityOp, FlattenOp)):
            continue
        else:
            return None
        off += width
    return rows, alphas, kernels, width


def _too_big(din: int, dout: int) -> bool:
    """Whether a din x dout Dense layer is beyond the unrolled chain kernel's sizes."""
    return din * dout > dense_ops.CHAIN_MAX_WEIGHTS or dout > dense_ops.CHAIN_MAX_UNITS
