"""A validated graph's layers as engine ops: built in topological order, with their inputs."""
from __future__ import annotations

import numpy as np

from playground.engine.graph import Graph
from playground.engine.ops.base import Op
from playground.engine.registry import node_type
from playground.engine.validate import Analysis


def build_ops(graph: Graph, analysis: Analysis, rng: np.random.Generator, dtype: np.dtype
              ) -> tuple[list[str], dict[str, list[str]], dict[str, Op]]:
    """(layers in run order, each layer's input nodes, each layer's op) with fresh weights."""
    layers = [n for n in analysis.order if node_type(graph.nodes[n].type).is_layer]
    sources: dict[str, list[str]] = {}
    ops: dict[str, Op] = {}
    for nid in layers:
        t = node_type(graph.nodes[nid].type)
        sources[nid] = [e.src for p in t.inputs for e in graph.inputs_of(nid, p.name)]
        shapes = [analysis.shapes[s] for s in sources[nid]]
        ops[nid] = t.build(shapes, graph.nodes[nid].params, rng, dtype)
    return layers, sources, ops


def skip_constant_input_grads(layers: list[str], sources: dict[str, list[str]], ops: dict[str, Op],
                              data: str) -> None:
    """Tell the ops whose inputs depend on no parameter (only on the data) not to compute their
    input's gradient, e.g. dx = g W^T of a first Dense layer."""
    constant = {data}
    for nid in layers:
        if all(s in constant for s in sources[nid]):
            if ops[nid].params:
                ops[nid].input_grad = False
            else:
                constant.add(nid)
