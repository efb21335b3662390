"""A trainable model built from a validated graph: the graph's ops (``graph_ops``) with their
parameters in one flat vector (``flat_params``), the fused fast path of small Dense chains
(``fused_chain``), evaluation passes on their own op copies (``eval_ops``), the Dataset node's
data and weights files (``weights_io``)."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, Callable

import numpy as np

from playground.engine import weights_io
from playground.engine.activation_fusion import activation_fusions
from playground.engine.datasets import Dataset, DatasetError
from playground.engine.eval_ops import EvalOps
from playground.engine.flat_params import flatten_parameters
from playground.engine.fused_chain import FusedChain
from playground.engine.graph import Graph, GraphError
from playground.engine.graph_ops import build_ops, skip_constant_input_grads
from playground.engine.kernel_lock import KERNEL_LOCK
from playground.engine.nodes.losses import accuracy
from playground.engine.nodes.optimizers import TRAINING_PARAMS, optimizer_node
from playground.engine.ops.base import Op
from playground.engine.optim import Optimizer, make_optimizer
from playground.engine.preset import graph_from_dict, load_preset
from playground.engine.registry import ShapeError, node_type
from playground.engine.regularisation import Penalty
from playground.engine.validate import Analysis, analyze

PresetSource = str | os.PathLike | dict | Graph


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

    # One feed-forward network from the Dataset node to the loss: the canvas previews and the wire
    # norms follow its forward and backward passes (a model of networks trained in turns says False).
    one_network = True

    def __init__(self, graph: Graph, analysis: Analysis, seed: int | None = None,
                 dtype: Any = np.float32, base_dir: str | None = None) -> None:
        self.graph, self.analysis, self.base_dir = graph, analysis, base_dir
        self.dtype = np.dtype(dtype)
        self.adopt(graph, analysis)
        self.seed = self.settings["seed"] if seed is None else seed
        self._loss_type = node_type(graph.nodes[analysis.loss].type)
        self.output = analysis.output
        self.input_node = analysis.dataset
        self.input_shape = analysis.shapes[analysis.dataset]  # what the first layers take
        source = graph.nodes[analysis.dataset]
        self.features = node_type(source.type).input_features(source.params)  # data -> inputs, or None
        self.data_shape = analysis.data_shape  # one sample of the data (2D points before the features)
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
        g = self.graph
        self.layers, self.sources, self.ops = build_ops(g, self.analysis, rng, self.dtype)
        self.fused = self._loss_type.fuses == g.nodes[self.output].type
        self.loss_op = self._loss_type.build([], {}, rng, self.dtype, fused=self.fused)
        flat = flatten_parameters(self.ops, self.layers, self.dtype)
        self._flat_params, self._flat_grads, self._layout = flat
        self._params = {f"{n}.{k}": v for n in self.layers for k, v in self.ops[n].params.items()}
        self._grads = {f"{n}.{k}": v for n in self.layers for k, v in self.ops[n].grads.items()}
        self._buffers = {f"{n}.{k}": v for n in self.layers
                         for k, v in getattr(self.ops[n], "buffers", {}).items()}
        skip_constant_input_grads(self.layers, self.sources, self.ops, self.input_node)
        head = self.sources[self.output][0] if self.fused else self.output
        self._fusions = activation_fusions(self.layers, self.sources, self.ops, {self.output, head})
        self._fused_into = {act: layer for layer, act in self._fusions.items()}
        self._chain = FusedChain.compile(g, self.layers, self.sources, self.ops, self.input_node,
                                         (self.input_shape, self.output_shape), self._loss_type,
                                         self.fused, flat, self.dtype)
        self._eval_ops = EvalOps(self.ops)
        self.penalty = Penalty.of(self)  # the layers' L1/L2 regularisation, None without any
        self.last_penalty = 0.0  # its value at the last training step
        self.last_output: np.ndarray | None = None
        self.last_evaluation: tuple[np.ndarray, np.ndarray] | None = None
        self.last_batch: tuple[np.ndarray, np.ndarray] | None = None

    def flat_parameters(self) -> np.ndarray | None:
        """All parameters as one live vector (``parameters()`` are views into it), or None."""
        return self._flat_params

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
        node = self.graph.nodes[self.input_node]
        data = node_type(node.type).load({**node.params, **overrides}, self.base_dir)
        self._check_inputs(data)
        data.x_train = data.x_train.astype(self.dtype, copy=False)
        data.x_val = data.x_val.astype(self.dtype, copy=False)
        return data, self.targets(data.y_train), self.targets(data.y_val)

    def _check_inputs(self, data: Dataset) -> None:
        """Refuse, before training, data a layer fed by the dataset cannot take (a token id
        outside an Embedding's vocabulary), naming the file and the sample's row in it."""
        if self.features is not None:
            return
        for nid in self.layers:
            if self.sources[nid] != [self.input_node]:
                continue
            node = self.graph.nodes[nid]
            t = node_type(node.type)
            for part, x in enumerate((data.x_train, data.x_val)):
                problem = t.input_problem(x, node.params)
                if problem:
                    i, what = problem
                    raise DatasetError(f"{data.name}: {data.place(part, i)}, {what} "
                                       f"(node '{nid}', {t.display_name()})")

    def _run(self, x: np.ndarray, training: bool, ops: dict[str, Op] | None = None) -> dict[str, np.ndarray]:
        ops = self.ops if ops is None else ops
        acts = {self.input_node: self._inputs(x)}
        for nid in self.layers:
            if nid in self._fused_into:  # computed by the layer before it
                acts[nid] = ops[nid].output
                continue
            act = self._fusions.get(nid)
            try:
                inputs = [acts[s] for s in self.sources[nid]]
                if act is None:
                    acts[nid] = ops[nid].forward(inputs, training)
                else:
                    acts[nid] = ops[nid].forward_activated(inputs, training, ops[act])
            except ShapeError as e:  # an input the node cannot take (a token id out of range)
                t = node_type(self.graph.nodes[nid].type)
                raise GraphError(f"node '{nid}' ({t.display_name()}): {e}") from None
        return acts

    def _inputs(self, x: np.ndarray) -> np.ndarray:
        """The data as the first layers take it: through the source's input features, if any."""
        x = np.ascontiguousarray(x, dtype=self.dtype)
        return x if self.features is None else self.features(x)

    def _chunked(self, x: np.ndarray, nodes: list[str], batch_size: int) -> list[np.ndarray]:
        """Outputs of ``nodes`` in evaluation mode, computed at most ``batch_size`` samples at a time
        (in equal chunks, the last one zero-padded, so one set of buffers serves every chunk)."""
        n = len(x)
        chunks = max(1, -(-n // batch_size))
        size = max(1, -(-n // chunks))
        parts: list[list[np.ndarray]] = [[] for _ in nodes]
        with KERNEL_LOCK:
            ops = self._eval_ops.for_batch(size) if n else self.ops
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

    def outputs(self, x: np.ndarray, nodes: list[str], batch_size: int = 512) -> list[np.ndarray]:
        """The outputs of ``nodes`` for ``x`` in evaluation mode (copies), ``batch_size`` samples at
        a time: many samples (a grid over the plane) through small serial kernels."""
        return self._chunked(x, list(nodes), batch_size)

    def activations(self, x: np.ndarray, lock: bool = True) -> dict[str, np.ndarray]:
        """Every layer's output for ``x`` (copies), for feature-map views. ``lock=False`` only for
        a model no other thread uses, when concurrent kernels are safe (``digit_reader``)."""
        with KERNEL_LOCK if lock else contextlib.nullcontext():
            return {k: v.copy() for k, v in self._run(x, False, self._eval_ops.for_batch(max(len(x), 1))).items()}

    def inspect(self, x: np.ndarray, read: Callable[[dict[str, Op]], Any]) -> Any:
        """``read(ops)`` right after an evaluation pass of ``x``, while the ops' caches (a recurrent
        layer's gates, say) still describe ``x``: for views of what happens inside a layer."""
        with KERNEL_LOCK:
            ops = self._eval_ops.for_batch(max(len(x), 1))
            self._run(x, False, ops)
            return read(ops)

    def loss_and_grads(self, x: np.ndarray, y: np.ndarray,
                       training: bool = True) -> tuple[float, dict[str, np.ndarray]]:
        """Mean loss on (x, y) and the gradient of every parameter (live buffers, overwritten next call).
        ``last_batch`` keeps (x, y) for probes that look at the step just taken (not copied)."""
        with KERNEL_LOCK:
            self.last_batch = (x, y)
            inputs = x if self.features is None else self._inputs(x)
            if self._chain is not None and self._chain.fits(inputs, y):
                loss, self.last_output = self._chain.loss_and_grads(inputs, y, self._flat_params,
                                                                    self._flat_grads)
                return loss, self._grads
            acts = self._run(x, training)
            self.last_output = acts[self.output]
            head = self.sources[self.output][0] if self.fused else self.output
            loss = self.loss_op.forward(acts[head], y)
            pending: dict[str, np.ndarray] = {head: self.loss_op.backward()}
            for nid in reversed(self.layers):
                grad = pending.pop(nid, None)
                if grad is None:
                    continue
                if nid in self._fused_into:  # the layer before it takes the gradient through it
                    pending[self._fused_into[nid]] = grad
                    continue
                act = self._fusions.get(nid)
                op = self.ops[nid]
                grads = op.backward(grad) if act is None else op.backward_activated(grad, self.ops[act])
                for src, g in zip(self.sources[nid], grads):
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
        weights_io.save_weights(self.state(), path)

    def load_weights(self, path: str | os.PathLike[str]) -> None:
        """Load an .npz written by ``save_weights``; every array must match the graph exactly."""
        weights_io.load_weights(self.state(), path)


def load_dataset(source: PresetSource, dtype: Any = np.float32
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(x_train, y_train, x_val, y_val) of a preset's Dataset node, targets as its loss wants them."""
    model = Model.from_preset(source, dtype=dtype)
    data, y_train, y_val = model.load_data()
    return data.x_train, y_train, data.x_val, y_val
