"""What each node is doing, in a few numbers: the canvas previews and the norms on the wires.

Pure numpy on the training worker's thread, between steps. Which statistic a node gets comes from
its declaration (``NodeType.preview``, ``units_can_die``, ``saturates_outside``, ``output_range``),
never from its type name. The passes run on copies of the model's ops that share its parameters
and statistics but keep their own buffers and gradients, so the training ops, the gradients the
optimizer applies and BatchNorm's running statistics are left exactly as they were.
"""
from __future__ import annotations

import copy
import weakref
from dataclasses import dataclass

import numpy as np

from playground.engine.kernel_lock import KERNEL_LOCK
from playground.engine.model import Model
from playground.engine.ops.base import Op
from playground.engine.registry import node_type

BINS = 24
MAP_COUNT = 4  # feature maps a "maps" preview shows
POOLED_COUNT = 2  # input and output maps a "pooled" preview shows
FLAT_SAMPLES, IMAGE_SAMPLES = 256, 32  # validation samples the histograms are taken over
KEEP = 3  # batch sizes whose op copies are kept (the previews', the last batch's, a short last batch)


@dataclass
class NodePreview:
    """One node's preview: ``kind`` is its type's ``preview``; the rest is what that kind draws."""

    kind: str
    counts: np.ndarray | None = None  # "histogram": samples per bin
    value_range: tuple[float, float] = (0.0, 0.0)  # the bins' span
    dead: float | None = None  # fraction of units (channels of an image) never above 0
    saturated: float | None = None  # fraction of outputs where the gradient all but vanishes
    maps: np.ndarray | None = None  # "maps" / "pooled": (k, H, W) output maps of one sample
    input_maps: np.ndarray | None = None  # "pooled": the same channels of its input


@dataclass
class WireNorms:
    """Root mean square over the batch's samples of each sample's norm: ``output`` of a node's
    output, ``grad`` of the loss's gradient with respect to it (None: nothing needs it)."""

    output: float
    grad: float | None


_ops_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _own_ops(model: Model, batch: int) -> dict[str, Op]:
    """Copies of the model's ops for batches of ``batch``: shared parameters and buffers, their
    own activation caches and gradient arrays (made once per network and batch size)."""
    sets = _ops_cache.get(model)
    if sets is None or sets[0] is not model.ops:  # a new model, or new weights (reset)
        sets = _ops_cache[model] = (model.ops, {})
    ops = sets[1].get(batch)
    if ops is None:
        if len(sets[1]) >= KEEP:
            sets[1].pop(next(iter(sets[1])))
        shared = {id(a): a for op in model.ops.values()
                  for d in (op.params, getattr(op, "buffers", {})) for a in d.values()}
        ops = sets[1][batch] = {nid: copy.deepcopy(op, dict(shared)) for nid, op in model.ops.items()}
    return ops


def _forward(model: Model, ops: dict[str, Op], x: np.ndarray) -> dict[str, np.ndarray]:
    acts = {model.input_node: np.ascontiguousarray(x, dtype=model.dtype)}
    for nid in model.layers:
        acts[nid] = ops[nid].forward([acts[s] for s in model.sources[nid]], False)
    return acts


def preview_samples(model: Model, x: np.ndarray) -> np.ndarray:
    """The validation samples the previews describe (fewer for images: a conv pass costs more)."""
    return x[:IMAGE_SAMPLES if len(model.input_shape) == 3 else FLAT_SAMPLES]


def dead_fraction(values: np.ndarray) -> float:
    """Fraction of units never above 0 on any sample: features of (N, F), channels of (N, C, H, W)."""
    per_unit = values.max(axis=(0, 2, 3)) if values.ndim == 4 else values.reshape(len(values), -1).max(axis=0)
    return float(np.mean(per_unit <= 0)) if per_unit.size else 0.0


def saturated_fraction(values: np.ndarray, bounds: tuple[float, float]) -> float:
    """Fraction of outputs outside ``bounds`` (where the gradient is under a tenth of its peak)."""
    lo, hi = bounds
    return float(np.mean((values <= lo) | (values >= hi))) if values.size else 0.0


def node_preview(kind: str, out: np.ndarray, inp: np.ndarray | None, t) -> NodePreview:
    """The preview of one node from its output ``out`` (batch first) and first input ``inp``."""
    p = NodePreview(kind)
    if kind == "histogram":
        lo, hi = t.output_range or (float(out.min()), float(out.max()))
        if hi <= lo:
            lo, hi = lo - 0.5, hi + 0.5
        counts, _ = np.histogram(out, bins=BINS, range=(lo, hi))
        p.counts, p.value_range = counts.astype(np.float32), (float(lo), float(hi))
        if t.units_can_die:
            p.dead = dead_fraction(out)
        if t.saturates_outside is not None:
            p.saturated = saturated_fraction(out, t.saturates_outside)
    elif kind == "maps":
        p.maps = out[0, :MAP_COUNT].astype(np.float32)
    elif kind == "pooled":
        p.maps = out[0, :POOLED_COUNT].astype(np.float32)
        p.input_maps = inp[0, :POOLED_COUNT].astype(np.float32) if inp is not None else None
    return p


def node_previews(model: Model, x: np.ndarray) -> dict[str, NodePreview]:
    """Each layer's preview on the samples ``x`` (evaluation mode), for the layers that have one;
    "loss" previews are drawn from the loss curve the snapshots carry, so they are not here."""
    ops = _own_ops(model, len(x))
    with KERNEL_LOCK:
        acts = _forward(model, ops, x)
        out = {}
        for nid in model.layers:
            t = node_type(model.graph.nodes[nid].type)
            kind = t.preview
            if kind in ("maps", "pooled") and acts[nid].ndim != 4:
                continue
            if kind in ("histogram", "maps", "pooled"):
                sources = model.sources[nid]
                out[nid] = node_preview(kind, acts[nid], acts[sources[0]] if sources else None, t)
    return out


def _rms_norm(a: np.ndarray) -> float:
    """sqrt(mean over samples of |a_n|^2): the typical length of one sample's vector."""
    a64 = a.astype(np.float64, copy=False)
    return float(np.sqrt(np.vdot(a64, a64) / max(len(a), 1)))


def wire_norms(model: Model, x: np.ndarray, y: np.ndarray) -> dict[str, WireNorms]:
    """One forward and backward pass on the batch (x, y) with the weights as they are now (in
    evaluation mode, so Dropout and BatchNorm's statistics are left alone): per node, the norm of
    its output going forward and of dLoss_n/dOutput_n coming back, per sample n (the batch's mean
    loss times the batch size: a norm that does not shrink as the batch grows). The data gets no
    gradient; nor does an output activation its loss takes the logits of (softmax + CCE)."""
    ops = _own_ops(model, len(x))
    loss_op = copy.deepcopy(model.loss_op)
    n = max(len(x), 1)
    with KERNEL_LOCK:
        acts = _forward(model, ops, x)
        norms = {nid: WireNorms(_rms_norm(a), None) for nid, a in acts.items()}
        head = model.sources[model.output][0] if model.fused else model.output
        loss_op.forward(acts[head], y)
        pending: dict[str, np.ndarray] = {head: loss_op.backward()}
        for nid in reversed(model.layers):
            grad = pending.pop(nid, None)
            if grad is None:
                continue
            norms[nid].grad = _rms_norm(grad) * n
            for src, g in zip(model.sources[nid], ops[nid].backward(grad)):
                if g is not None:
                    pending[src] = g if src not in pending else pending[src] + g
        if model.input_node in pending:
            norms[model.input_node].grad = _rms_norm(pending[model.input_node]) * n
    return norms


def preview_probe(model: Model, data) -> dict[str, NodePreview]:
    """The training worker's probe for the canvas previews: the first validation samples (none
    for a model that is not one feed-forward network)."""
    if not model.one_network:
        return {}
    return node_previews(model, preview_samples(model, data.x_val))


def wire_norms_probe(model: Model, data) -> dict[str, WireNorms] | None:
    """The training worker's probe for the wire norms: the batch the last step trained on (none
    for a model that is not one feed-forward network)."""
    if not model.one_network or model.last_batch is None:
        return None
    return wire_norms(model, *model.last_batch)
