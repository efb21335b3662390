"""The curves of the inspector's function view, computed by the node declarations' own ops.

An activation is run forward and backward (with an upstream gradient of one) over a row of inputs,
so the plotted derivative is exactly what backpropagation multiplies by; a loss is scored one
prediction at a time, for target 0 and target 1, with the targets built by its ``targets``.
Nothing here restates a formula: a new activation or loss gets its curves by registration.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground.engine.model import Model
from playground.engine.registry import NodeType, ShapeError, node_type

X_RANGE = (-5.0, 5.0)
POINTS = 401
PREDICTION_RANGE = (0.005, 0.995)  # probabilities: the ends are where cross-entropy goes to infinity
RANGE_SAMPLES = 64  # validation samples the input ranges are measured on (LeNet: a small forward pass)


@dataclass
class LossCurves:
    p: np.ndarray  # the prediction (probability of class 1)
    loss: dict[int, np.ndarray]  # target -> loss at each p
    grad: dict[int, np.ndarray]  # target -> dL/dp at each p
    outputs: int  # prediction units the loss was scored on (2: p is [1 - p, p]'s second)


def is_activation(t: type[NodeType] | None) -> bool:
    return t is not None and t.category == "Activations"


def activation_curves(type_name: str, params: dict, x: np.ndarray | None = None
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, f(x), f'(x)) of an activation through its own op. Each input is the first of two
    scores, the other 0: elementwise functions ignore the second; softmax's first output is then
    its probability against one rival."""
    t = node_type(type_name)
    x = np.linspace(*X_RANGE, POINTS) if x is None else np.asarray(x, dtype=np.float64)
    op = t.build([(2,)], {**t.defaults(), **params}, np.random.default_rng(0), np.dtype(np.float32))
    scores = np.zeros((len(x), 2), dtype=np.float32)
    scores[:, 0] = x
    y = np.array(op.forward([scores], False), dtype=np.float64)[:, 0]
    upstream = np.zeros_like(scores)
    upstream[:, 0] = 1
    dy = np.array(op.backward(upstream)[0], dtype=np.float64)[:, 0]
    return x, y, dy


def loss_curves(type_name: str, params: dict, p: np.ndarray | None = None) -> LossCurves:
    """The loss and dL/dp against the prediction p for targets 0 and 1, one prediction at a time,
    through the loss's own op (on probabilities, not fused with a preceding activation). A loss
    that wants one unit per class scores [1 - p, p], and dL/dp is the chain rule along that line."""
    t = node_type(type_name)
    p = np.linspace(*PREDICTION_RANGE, POINTS) if p is None else np.asarray(p, dtype=np.float64)
    try:
        t.check_target((1,), 2)
        outputs = 1
    except ShapeError:
        outputs = 2
    op = t.build([], {**t.defaults(), **params}, np.random.default_rng(0), np.dtype(np.float64))
    loss: dict[int, np.ndarray] = {}
    grad: dict[int, np.ndarray] = {}
    for target in (0, 1):
        y = t.targets(np.array([target]), 2, (outputs,), np.dtype(np.float64))
        values, slopes = np.empty(len(p)), np.empty(len(p))
        for i, v in enumerate(p):
            pred = np.array([[v]]) if outputs == 1 else np.array([[1 - v, v]])
            values[i] = op.forward(pred, y)
            g = op.backward()[0]
            slopes[i] = g[0] if outputs == 1 else g[1] - g[0]
        loss[target], grad[target] = values, slopes
    return LossCurves(p, loss, grad, outputs)


def activation_input_ranges(model: Model, x: np.ndarray) -> dict[str, tuple[float, float]]:
    """What each activation node's input spans on ``x`` (the first RANGE_SAMPLES samples):
    node id -> (min, max), for shading the part of the curve the network uses."""
    nodes = [n for n in model.layers if is_activation(node_type(model.graph.nodes[n].type))]
    sources = sorted({model.sources[n][0] for n in nodes})
    if not sources:
        return {}
    outs = dict(zip(sources, model.outputs(x[:RANGE_SAMPLES], sources)))
    return {n: (float(np.min(outs[model.sources[n][0]])), float(np.max(outs[model.sources[n][0]])))
            for n in nodes}
