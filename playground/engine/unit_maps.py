"""Every unit of a Dense network on 2D data, seen over the input plane (the neuron view).

One forward pass of a grid over the plane through the model gives every layer's output at every
grid point; each unit's column of that output, reshaped, is the picture of what the unit computes.
Units are grouped into columns as the view draws them: the inputs, then one column per weighted
layer (Dense) holding the output of that layer after the per-unit layers that follow it
(activation, Dropout, BatchNorm), so column k's units are exactly the rows of column k+1's weights.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground.engine.model import Model
from playground.engine.probes import plane_grid
from playground.engine.registry import node_type, shape_text

MAX_UNITS = 16  # units drawn per column; the rest are counted, not drawn
RESOLUTION = 60  # grid points along each side of a unit's picture
MARGIN = 0.15  # around the data, as the decision boundary's grid


class NotApplicable(Exception):
    """The network is not a chain of Dense layers on 2D data; the message says why, for the learner."""


@dataclass
class UnitColumn:
    """One column of units: ``nodes`` are the layer and the per-unit layers after it (the last one's
    output is drawn); ``weights[i, j]`` joins unit i of the previous column to unit j of this one."""

    nodes: list[str]
    types: list[str]
    units: int  # in the layer; ``maps`` holds the first min(units, MAX_UNITS)
    maps: np.ndarray  # (shown, resolution, resolution): the unit's output over the plane, [y, x]
    weights: np.ndarray | None = None  # (shown of the previous column, shown); None for the inputs
    bias: np.ndarray | None = None  # (shown,) or None


@dataclass
class UnitMaps:
    extent: tuple[float, float, float, float]  # x0, y0, x1, y1 of the plane
    columns: list[UnitColumn]

    @property
    def resolution(self) -> int:
        return self.columns[0].maps.shape[-1]


def _weight_name(type_name: str) -> str | None:
    """The parameter that makes a node a Dense-like layer: a weight that is not a filter bank."""
    t = node_type(type_name)
    if t is None or t.is_spatial_filter:
        return None
    names = t.params_with_role("weight")
    return names[0] if names else None


def plan(graph, analysis) -> list[list[str]]:
    """The node ids of each column (the first: the Dataset node), or NotApplicable saying why."""
    data = analysis.dataset
    shape = analysis.shapes.get(data) if data else None
    if shape != (2,):
        raise NotApplicable(
            "The neuron view draws every unit over the input plane: it needs data with two input "
            f"features. This network's input has shape {shape_text(shape)}.")
    columns: list[list[str]] = [[data]]
    previous = data
    for nid in analysis.order:
        t = node_type(graph.nodes[nid].type)
        if t is None or not t.is_layer:
            continue
        sources = [e.src for p in t.inputs for e in graph.inputs_of(nid, p.name)]
        out = analysis.shapes.get(nid)
        if sources != [previous]:
            raise NotApplicable(f"The neuron view draws a chain of layers, one after the other; "
                                f"{nid} ({t.type_name}) joins several branches.")
        if out is None or len(out) != 1:
            raise NotApplicable(f"The neuron view draws flat layers of units; {nid} ({t.type_name}) "
                                f"outputs {shape_text(out)}.")
        if _weight_name(t.type_name):
            columns.append([nid])
        elif out == analysis.shapes.get(previous):
            columns[-1].append(nid)  # per-unit: activation, Dropout, BatchNorm
        else:
            raise NotApplicable(f"The neuron view needs every layer between Dense layers to keep "
                                f"its units; {nid} ({t.type_name}) changes their number.")
        previous = nid
    if len(columns) == 1:
        raise NotApplicable("The neuron view draws Dense layers: this network has none.")
    return columns


def unit_maps(model: Model, x: np.ndarray, resolution: int = RESOLUTION, margin: float = MARGIN,
              max_units: int = MAX_UNITS) -> UnitMaps:
    """Every drawn unit's output over a ``resolution``-square grid covering the 2D inputs ``x``,
    with the weights and biases between the drawn units (copies)."""
    groups = plan(model.graph, model.analysis)
    grid, extent = plane_grid(x, resolution, margin, model.dtype)
    acts = dict(zip((g[-1] for g in groups[1:]), model.outputs(grid, [g[-1] for g in groups[1:]])))
    acts[groups[0][0]] = grid
    params = model.parameters()
    columns: list[UnitColumn] = []
    shown_before = 0
    for nodes in groups:
        out = acts[nodes[-1]]
        shown = min(out.shape[1], max_units)
        maps = np.ascontiguousarray(out[:, :shown].T).reshape(shown, resolution, resolution)
        weights = bias = None
        name = _weight_name(model.graph.nodes[nodes[0]].type)
        if name:
            t = node_type(model.graph.nodes[nodes[0]].type)
            weights = params[f"{nodes[0]}.{name}"][:shown_before, :shown].copy()
            bias_names = t.params_with_role("bias")
            key = f"{nodes[0]}.{bias_names[0]}" if bias_names else ""
            bias = params[key][:shown].copy() if key in params else None
        columns.append(UnitColumn(list(nodes), [model.graph.nodes[n].type for n in nodes],
                                  int(out.shape[1]), maps.astype(np.float32, copy=False), weights, bias))
        shown_before = shown
    return UnitMaps(extent, columns)
