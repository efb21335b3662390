"""A trainable model built from a validated graph."""
from __future__ import annotations

import copy
import io
import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from playground.engine.atomic import write_bytes_atomic
from playground.engine.datasets import Dataset
from playground.engine.graph import Graph, GraphError
from playground.engine.kernel_lock import KERNEL_LOCK
from playground.engine.nodes.losses import accuracy
from playground.engine.nodes.optimizers import TRAINING_PARAMS, optimizer_node
from playground.engine.ops import dense as dense_ops
from playground.engine.ops.activations import ActivationOp, IdentityOp
from playground.engine.ops.base import Op
from playground.engine.ops.structure import FlattenOp
from playground.engine.optim import Optimizer, make_optimizer
from playground.engine.preset import graph_from_dict, load_preset
from playground.engine.registry import node_type
from playground.engine.validate import Analysis, analyze

PresetSource = str | os.PathLike | dict | Graph


class WeightsError(ValueError):
    """Weights that do not fit the graph; the message names the parameter and both shapes."""


def resolve(source: PresetSource) -> tuple[Graph, str | None]:
    """(graph, folder that relative data paths resolve against) from a path, dict or Graph."""
    if isinstance(source, Graph):
        return source, None
    if isinstance(source, dict):
        return graph_from_dict(source), None
    return load_preset(source), str(Path(source).resolve().parent)


def checked_analysis(graph: Graph, base_dir: str | None) -> Analysis:
    analysis = analyze(graph, base_dir)
    if not analysis.ok:
        raise GraphError("the graph has problems:\n" + "\n".join(f"  - {p}" for p in analysis.problems))
    return analysis


class Model:
    """The graph's layers as engine ops, run in topological order.

    Parameters are named "<node id>.<param>" (e.g. "dense1.W"): stable across runs and files.
    """

    def __init__(self, graph: Graph, analysis: Analysis, seed: int | None = None,
                 dtype: Any = np.float32, base_dir: str | None = None) -> None:
        self.graph, self.analysis, self.base_dir = graph, analysis, base_dir
        self.dtype = np.dtype(dtype)
        self.adopt(graph, analysis)
        self.seed = self.settings["seed"] if seed is None else seed
        self._loss_type = node_type(graph.nodes[analysis.loss].type)
        self.output = analysis.output
        self.input_node = analysis.dataset
        self.input_shape = analysis.shapes[analysis.dataset]
        self.output_shape = analysis.shapes[analysis.output]
        self.num_classes = analysis.num_classes
        self.reset(self.seed)

    @classmethod
    def from_preset(cls, source: PresetSource, seed: int | None = None,
                    dtype: Any = np.float32) -> Model:
        """Build from a preset path, a preset dict or a Graph; raises GraphError listing problems."""
        graph, base_dir = resolve(source)
        return cls(graph, checked_analysis(graph, base_dir), seed, dtype, base_dir)

    def adopt(self, graph: Graph, analysis: Analysis) -> None:
        """Take a newer copy of the same network (moved nodes, other optimizer settings), keeping
        the weights; the caller guarantees layers and wires are unchanged."""
        self.graph, self.analysis = graph, analysis
        opt_node = graph.nodes[analysis.optimizer]
        self.settings = {k: opt_node.params[k] for k in TRAINING_PARAMS}

    def reset(self, seed: int | None = None) -> None:
        """(Re)initialise every weight from ``seed``: same seed, same weights."""
        rng = np.random.default_rng(self.seed if seed is None else seed)
        a, g = self.analysis, self.graph
        self.ops: dict[str, Op] = {}
        self.sources: dict[str, list[str]] = {}
        self.layers = [n for n in a.order if node_type(g.nodes[n].type).is_layer]
        for nid in self.layers:
            t = node_type(g.nodes[nid].type)
            self.sources[nid] = [e.src for p in t.inputs for e in g.inputs_of(nid, p.name)]
            shapes = [a.shapes[s] for s in self.sources[nid]]
            self.ops[nid] = t.build(shapes, g.nodes[nid].params, rng, self.dtype)
        self.fused = self._loss_type.fuses == g.nodes[self.output].type
        self.loss_op = self._loss_type.build([], {}, rng, self.dtype, fused=self.fused)
        self._flatten_parameters()
        self._params = {f"{n}.{k}": v for n in self.layers for k, v in self.ops[n].params.items()}
        self._grads = {f"{n}.{k}": v for n in self.layers for k, v in self.ops[n].grads.items()}
        self._buffers = {f"{n}.{k}": v for n in self.layers
                         for k, v in getattr(self.ops[n], "buffers", {}).items()}
        constant = {self.input_node}  # outputs that depend on no parameter need no gradient
        for nid in self.layers:
            if all(s in constant for s in self.sources[nid]):
                if self.ops[nid].params:
                    self.ops[nid].input_grad = False  # e.g. skip dx = g W^T of a first Dense layer
                else:
                    constant.add(nid)
        self._chain = self._chain_program()
        self._chain_buffers: dict[int, tuple[np.ndarray, ...]] = {}
        self._eval_sets: dict[int, dict[str, Op]] = {}
        self.last_output: np.ndarray | None = None
        self.last_evaluation: tuple[np.ndarray, np.ndarray] | None = None

    def _flatten_parameters(self) -> None:
        """Make every parameter (and gradient) a view into one flat vector, so the optimizer
        updates all of them in one kernel call and a snapshot of the weights is one copy.
        The arrays stay live and keep their shapes; ops read them through ``op.params``."""
        arrays = [(n, k, v) for n in self.layers for k, v in self.ops[n].params.items()]
        self._flat_params = self._flat_grads = None
        self._layout: tuple[tuple[str, int, int], ...] = ()
        if not arrays or any(v.dtype != self.dtype for _, _, v in arrays):
            return
        total = sum(v.size for _, _, v in arrays)
        flat_p, flat_g = np.empty(total, self.dtype), np.zeros(total, self.dtype)
        layout, off = [], 0
        for n, k, v in arrays:
            op = self.ops[n]
            view = flat_p[off:off + v.size].reshape(v.shape)
            view[...] = v
            op.params[k] = view
            op.grads[k] = flat_g[off:off + v.size].reshape(v.shape)
            layout.append((f"{n}.{k}", off, off + v.size))
            off += v.size
        self._flat_params, self._flat_grads, self._layout = flat_p, flat_g, tuple(layout)

    def flat_parameters(self) -> np.ndarray | None:
        """All parameters as one live vector (``parameters()`` are views into it), or None."""
        return self._flat_params

    def _chain_program(self) -> np.ndarray | None:
        """The fused program of a small chain of Dense layers and activations, or None.

        Used by ``loss_and_grads`` when every layer takes the previous one's output, the layers are
        Dense (small), elementwise activations with fixed parameters, Flatten or Linear, and the
        loss has a chain kernel (sigmoid + BCE or softmax + CCE on logits, MSE): one Numba call then
        does forward, loss and backward, with the activations' and the loss's own kernels.
        """
        loss_kernel = self._loss_type.chain_kernel(self.fused)
        if self._flat_params is None or self.dtype.kind != "f" or loss_kernel is None:
            return None
        prev = self.input_node
        for nid in self.layers:
            if self.sources[nid] != [prev]:
                return None
            prev = nid
        offsets = {name: start for name, start, _ in self._layout}
        rows, alphas, kernels, width = [], [], [], int(np.prod(self.input_shape))
        off = 0
        for nid in (self.layers[:-1] if self.fused else self.layers):
            op, t = self.ops[nid], node_type(self.graph.nodes[nid].type)
            if isinstance(op, dense_ops.DenseOp):
                (weight,), bias = t.params_with_role("weight"), t.params_with_role("bias")
                din, dout = op.params[weight].shape
                if din != width or din * dout > dense_ops.CHAIN_MAX_WEIGHTS or dout > dense_ops.CHAIN_MAX_UNITS:
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
        if not rows or rows[0][0] != dense_ops.DENSE or width != int(np.prod(self.output_shape)):
            return None
        self._chain_step = dense_ops.chain_kernel(tuple(kernels), loss_kernel)
        self._chain_alphas = np.array(alphas or [0.0], dtype=self.dtype)
        self._chain_width = max(max(r[1], r[2]) for r in rows)
        return np.array(rows, dtype=np.int64)

    def _chain_loss_and_grads(self, x: np.ndarray, y: np.ndarray) -> float:
        n = len(x)
        bufs = self._chain_buffers.get(n)
        if bufs is None:
            if len(self._chain_buffers) >= 8:
                self._chain_buffers.clear()
            prog = self._chain.copy()
            prog[:, 7] *= n  # workspace offsets per sample -> per batch
            bufs = self._chain_buffers[n] = (
                prog, np.empty(int(self._chain[:, 2].sum()) * n, self.dtype),
                np.empty((2, self._chain_width * n), self.dtype),
                np.empty((n, *self.output_shape), self.dtype))
        prog, ws, gbuf, out = bufs
        x2 = np.ascontiguousarray(x, dtype=self.dtype).reshape(n, -1)
        y2 = np.ascontiguousarray(y, dtype=self.dtype)
        loss = self._chain_step(x2, y2.reshape(n, -1), prog, self._chain_alphas, self._flat_params,
                                self._flat_grads, ws, gbuf, out)
        self.last_output = out
        return float(loss)

    def parameters(self) -> dict[str, np.ndarray]:
        """Name -> live learnable array (updating it in place changes the model)."""
        return dict(self._params)

    def gradients(self) -> dict[str, np.ndarray]:
        """Name -> live gradient buffer of the last ``loss_and_grads``."""
        return dict(self._grads)

    def state(self) -> dict[str, np.ndarray]:
        """Parameters plus non-learned buffers (BatchNorm running statistics)."""
        return {**self._params, **self._buffers}

    def make_optimizer(self) -> Optimizer:
        """The optimizer declared by the graph's Optimizer node, with its hyperparameters."""
        node = self.graph.nodes[self.analysis.optimizer]
        t = optimizer_node(node.type)
        return make_optimizer(t.key, **{k: node.params[k] for k in t.hyper_defaults()})

    def targets(self, labels: np.ndarray) -> np.ndarray:
        """Dataset labels/values in the form the graph's loss scores."""
        return self._loss_type.targets(labels, self.num_classes, self.output_shape, self.dtype)

    def load_data(self, **overrides: Any) -> tuple[Dataset, np.ndarray, np.ndarray]:
        """The Dataset node's data (cast to the model dtype) and its train/val targets."""
        params = {**self.graph.nodes[self.input_node].params, **overrides}
        data = node_type(self.graph.nodes[self.input_node].type).load(params, self.base_dir)
        data.x_train = data.x_train.astype(self.dtype, copy=False)
        data.x_val = data.x_val.astype(self.dtype, copy=False)
        return data, self.targets(data.y_train), self.targets(data.y_val)

    def _run(self, x: np.ndarray, training: bool, ops: dict[str, Op] | None = None) -> dict[str, np.ndarray]:
        ops = self.ops if ops is None else ops
        acts = {self.input_node: np.ascontiguousarray(x, dtype=self.dtype)}
        for nid in self.layers:
            acts[nid] = ops[nid].forward([acts[s] for s in self.sources[nid]], training)
        return acts

    def _eval_ops(self, batch: int) -> dict[str, Op]:
        """Ops for evaluation passes of ``batch`` samples: copies sharing the live parameters and
        statistics but with buffers of their own, so probes and validation between training steps
        do not make the training ops reallocate theirs (multi-megabyte for convolutions)."""
        ops = self._eval_sets.get(batch)
        if ops is None:
            if len(self._eval_sets) >= 3:
                self._eval_sets.pop(next(iter(self._eval_sets)))
            shared = {id(a): a for op in self.ops.values()
                      for d in (op.params, op.grads, getattr(op, "buffers", {})) for a in d.values()}
            ops = self._eval_sets[batch] = {nid: copy.deepcopy(op, shared) for nid, op in self.ops.items()}
        return ops

    def _chunked(self, x: np.ndarray, nodes: list[str], batch_size: int) -> list[np.ndarray]:
        """Outputs of ``nodes`` in evaluation mode, computed at most ``batch_size`` samples at a time
        (in equal chunks, the last one zero-padded, so one set of buffers serves every chunk)."""
        n = len(x)
        chunks = max(1, -(-n // batch_size))
        size = max(1, -(-n // chunks))
        parts: list[list[np.ndarray]] = [[] for _ in nodes]
        with KERNEL_LOCK:
            ops = self._eval_ops(size) if n else self.ops
            for i in range(0, max(n, 1), size):
                chunk = x[i:i + size]
                m = len(chunk)
                if 0 < m < size:
                    padded = np.zeros((size, *x.shape[1:]), dtype=self.dtype)
                    padded[:m] = chunk
                    chunk = padded
                acts = self._run(chunk, False, ops)
                for part, node in zip(parts, nodes):
                    part.append(acts[node][:m].copy())
        return [np.concatenate(p) for p in parts]

    def forward(self, x: np.ndarray, training: bool = False, batch_size: int = 512) -> np.ndarray:
        """The graph's output (after its final activation) as a new array."""
        if training:
            with KERNEL_LOCK:
                return self._run(x, True)[self.output].copy()
        return self._chunked(x, [self.output], batch_size)[0]

    def activations(self, x: np.ndarray) -> dict[str, np.ndarray]:
        """Every layer's output for ``x`` (copies), for feature-map views."""
        with KERNEL_LOCK:
            return {k: v.copy() for k, v in self._run(x, False, self._eval_ops(max(len(x), 1))).items()}

    def loss_and_grads(self, x: np.ndarray, y: np.ndarray,
                       training: bool = True) -> tuple[float, dict[str, np.ndarray]]:
        """Mean loss on (x, y) and the gradient of every parameter (live buffers, overwritten next call)."""
        with KERNEL_LOCK:
            if self._chain is not None and len(x) and y.size == len(x) * self._chain[-1, 2]:
                return self._chain_loss_and_grads(x, y), self._grads
            acts = self._run(x, training)
            self.last_output = acts[self.output]
            head = self.sources[self.output][0] if self.fused else self.output
            loss = self.loss_op.forward(acts[head], y)
            pending: dict[str, np.ndarray] = {head: self.loss_op.backward()}
            for nid in reversed(self.layers):
                grad = pending.pop(nid, None)
                if grad is None:
                    continue
                for src, g in zip(self.sources[nid], self.ops[nid].backward(grad)):
                    if g is not None:  # None: an input gradient nobody needs (the data's)
                        pending[src] = g if src not in pending else pending[src] + g
            return loss, self._grads

    def train_step(self, x: np.ndarray, y: np.ndarray, optimizer: Optimizer) -> float:
        """One update on the batch (x, y); returns the loss before the update."""
        with KERNEL_LOCK:
            loss, grads = self.loss_and_grads(x, y, training=True)
            self.apply_gradients(optimizer, grads)
        return loss

    def apply_gradients(self, optimizer: Optimizer, grads: dict[str, np.ndarray] | None = None) -> None:
        """``optimizer.step(parameters, grads)``; one kernel over the flat vectors when the grads
        are this model's own buffers and the optimizer is a built-in one (same arithmetic)."""
        grads = self._grads if grads is None else grads
        if (self._flat_params is not None and grads is self._grads and isinstance(optimizer, Optimizer)
                and type(optimizer).step is Optimizer.step):
            with KERNEL_LOCK:
                optimizer.step_flat(self._flat_params, self._flat_grads, self._layout)
        else:
            optimizer.step(self._params, grads)

    def evaluate(self, x: np.ndarray, y: np.ndarray,
                 batch_size: int = 512) -> tuple[float, float | None]:
        """(mean loss, accuracy or None for regression) in evaluation mode."""
        head = self.sources[self.output][0] if self.fused else self.output
        logits, pred = self._chunked(x, [head, self.output], batch_size)
        self.last_evaluation = (x, pred)  # the inputs and outputs, for views that want them too
        loss = self.loss_op.forward(logits, y)
        return loss, (accuracy(pred, y) if self.num_classes is not None else None)

    def save_weights(self, path: str | os.PathLike[str]) -> None:
        """Write every parameter and buffer to an .npz, whole or not at all."""
        data = io.BytesIO()
        np.savez(data, **self.state())
        write_bytes_atomic(path, data.getvalue())

    def load_weights(self, path: str | os.PathLike[str]) -> None:
        """Load an .npz written by ``save_weights``; every array must match the graph exactly."""
        name = Path(path).name
        try:
            with open(path, "rb") as f:
                zipped = f.read(4) in (b"PK\x03\x04", b"PK\x05\x06")  # how every .npz starts
        except OSError as exc:
            raise WeightsError(f"{name}: cannot read it ({exc.strerror or exc})") from None
        if not zipped:
            raise WeightsError(f"{name}: not an .npz weights file")
        try:
            with np.load(path, allow_pickle=False) as f:
                loaded = {k: f[k] for k in f.files}
        except (OSError, ValueError, zipfile.BadZipFile) as exc:
            raise WeightsError(f"{name}: a damaged .npz weights file ({exc})") from None
        expected = self.state()
        for key in sorted(set(loaded) & set(expected)):
            if loaded[key].shape != expected[key].shape:
                raise WeightsError(f"{name}: parameter '{key}' has shape {_dims(loaded[key].shape)} in the "
                                   f"file but {_dims(expected[key].shape)} in the graph")
        missing = sorted(set(expected) - set(loaded))
        extra = sorted(set(loaded) - set(expected))
        if missing:
            raise WeightsError(f"{name}: no values for {', '.join(missing)}")
        if extra:
            raise WeightsError(f"{name}: holds parameters this graph does not have: {', '.join(extra)}")
        for key, value in loaded.items():
            expected[key][...] = value


def _dims(shape: tuple[int, ...]) -> str:
    return "x".join(map(str, shape)) or "scalar"


def load_dataset(source: PresetSource, dtype: Any = np.float32
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(x_train, y_train, x_val, y_val) of a preset's Dataset node, targets as its loss wants them."""
    model = Model.from_preset(source, dtype=dtype)
    data, y_train, y_val = model.load_data()
    return data.x_train, y_train, data.x_val, y_val
