"""Layered auto-layout, left to right: each node one column after its deepest input.

Long chains (LeNet has 16 layers) wrap into several bands of columns, read like lines of text, so
the whole network fits a screen at a readable zoom. Pure Python over the engine Graph.
"""
from __future__ import annotations

import math

from playground.engine.graph import Graph

COLUMN_SPACING = 250.0
ROW_SPACING = 120.0
BAND_GAP = 70.0


def layers(graph: Graph) -> list[list[str]]:
    """Node ids per column (longest path from a source), ordered by their inputs' rows."""
    depth: dict[str, int] = {}

    def visit(node_id: str, path: frozenset[str] = frozenset()) -> int:
        if node_id not in depth:
            preds = [e.src for e in graph.inputs_of(node_id) if e.src not in path]
            depth[node_id] = 1 + max((visit(p, path | {node_id}) for p in preds), default=-1)
        return depth[node_id]

    for node_id in graph.nodes:
        visit(node_id)
    columns: list[list[str]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for node_id in graph.nodes:
        columns[depth[node_id]].append(node_id)
    rank: dict[str, float] = {}
    for ids in columns:
        order = {i: n for n, i in enumerate(ids)}

        def key(node_id: str) -> tuple[float, int]:
            preds = [rank[e.src] for e in graph.inputs_of(node_id) if e.src in rank]
            return (sum(preds) / len(preds) if preds else 0.0, order[node_id])

        ids.sort(key=key)
        for n, node_id in enumerate(ids):
            rank[node_id] = n - (len(ids) - 1) / 2
    return columns


def layered_positions(graph: Graph, aspect: float | None = None, column: float = COLUMN_SPACING,
                      row: float = ROW_SPACING) -> dict[str, tuple[float, float]]:
    """Top-left position of every node. With ``aspect`` (width / height of the view), columns
    wrap into as many bands as make the layout's shape closest to the view's."""
    columns = layers(graph)
    if not columns:
        return {}
    tallest = max(len(c) for c in columns)
    band_height = tallest * row + BAND_GAP
    bands = 1
    if aspect:
        def mismatch(k: int) -> float:
            width = math.ceil(len(columns) / k) * column
            return abs(math.log(width / (k * band_height) / aspect))

        bands = min(range(1, len(columns) + 1), key=mismatch)
    per_band = math.ceil(len(columns) / bands)
    positions = {}
    for index, ids in enumerate(columns):
        band, col = divmod(index, per_band)
        for n, node_id in enumerate(ids):
            y = band * band_height + (n - (len(ids) - 1) / 2) * row
            positions[node_id] = (col * column, y)
    return positions
