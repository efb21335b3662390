"""Layered auto-layout, read top to bottom: data at the top, then one rank per layer, the loss and
the optimizer last.

A Sugiyama-style layout: ranks by longest path from the sources, wires longer than one rank get
invisible waypoints so they keep a lane of their own beside the nodes they skip, the order inside a
rank follows the barycentre of the neighbours' ports (fewer crossings), and x positions pull every
node under the port that feeds it, so a plain chain is one straight column with the label wire in
a lane on its right and skip connections in a lane on its left. Pure Python over the engine Graph.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from playground.engine.graph import Graph
from playground.engine.registry import node_type

NODE_SIZE = (200.0, 64.0)
RANK_GAP = 46.0
NODE_GAP = 44.0
LANE_WIDTH = 24.0
SWEEPS = 12
# How strongly a wire pulls its two ends into line: a wire between neighbouring ranks keeps the
# chain straight, a lane past skipped ranks gives way to it, and the label wire follows the rest.
CHAIN_PULL, LANE_PULL, LABEL_PULL = 8.0, 0.1, 0.02
TENSOR, TARGET = "tensor", "target"


def port_fractions(count: int) -> list[float]:
    """Where ``count`` ports sit along a node's edge, as fractions of its width: one port in the
    middle; with two, the first (the data path) in the middle and the second (labels) on the right
    so the data path stays a straight column."""
    if count <= 1:
        return [0.5]
    if count == 2:
        return [0.5, 0.82]
    return [(i + 1) / (count + 1) for i in range(count)]


def port_offset(type_name: str, port: str, output: bool, width: float) -> float:
    """x of a port from the node's left edge."""
    t = node_type(type_name)
    ports = [p.name for p in ((t.outputs if output else t.inputs) if t else ())]
    if port not in ports:
        return width / 2
    return width * port_fractions(len(ports))[ports.index(port)]


@dataclass
class _Vertex:
    """A node, or a waypoint of a wire that skips ranks (``node`` is None)."""

    width: float
    node: str | None = None
    side: int = 0  # tie-break inside a rank: -1 left (skip connections), +1 right (labels)
    x: float = 0.0
    up: list[tuple[_Vertex, float, float, float]] = field(default_factory=list)
    down: list[tuple[_Vertex, float, float, float]] = field(default_factory=list)


def ranks(graph: Graph) -> dict[str, int]:
    """Rank of every node: the longest path from a source (cycles are cut where found)."""
    depth: dict[str, int] = {}

    def visit(node_id: str, path: frozenset[str]) -> int:
        if node_id not in depth:
            preds = [e.src for e in graph.inputs_of(node_id) if e.src not in path and e.src in graph.nodes]
            depth[node_id] = 1 + max((visit(p, path | {node_id}) for p in preds), default=-1)
        return depth[node_id]

    for node_id in graph.nodes:
        visit(node_id, frozenset())
    return depth


def layered_positions(graph: Graph, sizes: Mapping[str, tuple[float, float]] | None = None,
                      rank_gap: float = RANK_GAP, node_gap: float = NODE_GAP) -> dict[str, tuple[float, float]]:
    """Top-left position of every node; ``sizes`` gives each node's (width, height) on the canvas."""
    if not graph.nodes:
        return {}
    known = sizes or {}

    def size(node_id: str) -> tuple[float, float]:
        return known.get(node_id, NODE_SIZE)

    rank = ranks(graph)
    rows = _build_rows(graph, rank, size)
    _order(rows)
    _place_x(rows, node_gap)
    _straighten(rows, node_gap)
    tops, y = [], 0.0
    for row in rows:
        tops.append(y)
        y += max((size(v.node)[1] for v in row if v.node), default=0.0) + rank_gap
    left = min(v.x for row in rows for v in row)
    return {v.node: (float(round(v.x - left)), float(round(tops[r])))
            for r, row in enumerate(rows) for v in row if v.node}


def _build_rows(graph: Graph, rank: dict[str, int],
                size: Callable[[str], tuple[float, float]]) -> list[list[_Vertex]]:
    rows: list[list[_Vertex]] = [[] for _ in range(max(rank.values()) + 1)]
    vertices = {}
    for node_id in graph.nodes:
        vertices[node_id] = _Vertex(size(node_id)[0], node_id)
        rows[rank[node_id]].append(vertices[node_id])
    for e in graph.edges:
        if e.src not in vertices or e.dst not in vertices or rank[e.dst] <= rank[e.src]:
            continue
        src, dst = vertices[e.src], vertices[e.dst]
        label = _port_kind(graph.nodes[e.src].type, e.src_port) == TARGET
        upper, upper_x = src, port_offset(graph.nodes[e.src].type, e.src_port, True, src.width)
        for r in range(rank[e.src] + 1, rank[e.dst]):
            way = _Vertex(LANE_WIDTH, side=1 if label else -1)
            rows[r].append(way)
            _link(upper, upper_x, way, LANE_WIDTH / 2, LABEL_PULL if label else LANE_PULL)
            upper, upper_x = way, LANE_WIDTH / 2
        weight = CHAIN_PULL if upper is src else LABEL_PULL if label else LANE_PULL
        _link(upper, upper_x, dst, port_offset(graph.nodes[e.dst].type, e.dst_port, False, dst.width),
              weight)
    return rows


def _port_kind(type_name: str, port: str) -> str:
    t = node_type(type_name)
    return next((p.kind for p in (t.outputs if t else ()) if p.name == port), TENSOR)


def _link(upper: _Vertex, upper_x: float, lower: _Vertex, lower_x: float, weight: float) -> None:
    upper.down.append((lower, upper_x, lower_x, weight))
    lower.up.append((upper, lower_x, upper_x, weight))


def _order(rows: list[list[_Vertex]]) -> None:
    """Barycentre sweeps down and up; keeps the order with the fewest crossings."""
    for row in rows:
        row.sort(key=lambda v: v.side)
    best, best_crossings = [list(r) for r in rows], _crossings(rows)
    for sweep in range(SWEEPS):
        downwards = sweep % 2 == 0
        order = range(1, len(rows)) if downwards else range(len(rows) - 2, -1, -1)
        for r in order:
            if downwards:
                _sort_by_barycentre(rows[r], rows[r - 1], "up")
            else:
                _sort_by_barycentre(rows[r], rows[r + 1], "down")
        crossings = _crossings(rows)
        if crossings < best_crossings:
            best, best_crossings = [list(r) for r in rows], crossings
    rows[:] = best


def _slot(v: _Vertex, offset: float, index: dict[int, int]) -> float:
    """A port's place in its rank's order: the vertex's index plus where the port sits on it."""
    return index[id(v)] + offset / max(v.width, 1.0)


def _sort_by_barycentre(row: list[_Vertex], adjacent: list[_Vertex], direction: str) -> None:
    index = {id(n): i for i, n in enumerate(adjacent)}
    current = {id(v): i for i, v in enumerate(row)}

    def key(v: _Vertex) -> tuple[float, int, int]:
        links = getattr(v, direction)
        if not links:
            return (current[id(v)] + 0.5, v.side, current[id(v)])
        total = sum(w for *_, w in links)
        centre = sum(_slot(n, far, index) * w for n, _near, far, w in links) / total
        return (centre, v.side, current[id(v)])

    row.sort(key=key)


def _crossings(rows: list[list[_Vertex]]) -> int:
    """Wire crossings between neighbouring ranks, counting where each wire meets its ports."""
    total = 0
    for upper_row, lower_row in zip(rows, rows[1:]):
        up_index = {id(v): i for i, v in enumerate(upper_row)}
        low_index = {id(v): i for i, v in enumerate(lower_row)}
        segments = sorted((_slot(u, ux, up_index), _slot(lo, lx, low_index))
                          for u in upper_row for lo, ux, lx, _w in u.down if id(lo) in low_index)
        for i, (_a, b) in enumerate(segments):
            total += sum(1 for _c, d in segments[i + 1:] if d < b)
    return total


def _place_x(rows: list[list[_Vertex]], gap: float) -> None:
    """x positions: pack each rank, then sweep, pulling every vertex under (or over) the ports it
    connects to, as far as the order and the gaps allow."""
    for row in rows:
        x = 0.0
        for v in row:
            v.x, x = x, x + v.width + gap
    for sweep in range(SWEEPS):
        direction = ("up", "down", None)[sweep % 3]
        for row in (rows if direction != "down" else rows[::-1]):
            desired, weights = [], []
            for v in row:
                links = v.up + v.down if direction is None else getattr(v, direction)
                if links:
                    total = sum(w for *_, w in links)
                    desired.append(sum((n.x + far - near) * w for n, near, far, w in links) / total)
                    weights.append(total)
                else:
                    desired.append(v.x)
                    weights.append(0.01)
            for v, x in zip(row, _closest_ordered(desired, weights, [v.width + gap for v in row])):
                v.x = x


def _closest_ordered(desired: list[float], weights: list[float], steps: list[float]) -> list[float]:
    """Positions closest (weighted least squares) to ``desired`` that keep the order and at least
    ``steps[i]`` between item i and i+1: isotonic regression by pooling adjacent violators."""
    shift, offsets = 0.0, []
    for step in steps:
        offsets.append(shift)
        shift += step
    blocks: list[list[float]] = []  # [weighted mean, total weight, count]
    for d, w, o in zip(desired, weights, offsets):
        blocks.append([d - o, w, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, c2 = blocks.pop()
            m1, w1, c1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    values = [m for m, _w, c in blocks for _ in range(c)]
    return [v + o for v, o in zip(values, offsets)]


def _straighten(rows: list[list[_Vertex]], gap: float) -> None:
    """Line a node up exactly with the port above it when it is off by a few pixels and only
    lanes (which may move) are in the way: least squares leaves such kinks in long chains."""
    for row in rows:
        for i, v in enumerate(row):
            chain = [(n, near, far) for n, near, far, w in v.up if w == CHAIN_PULL]
            if len(chain) != 1 or v.node is None:
                continue
            n, near, far = chain[0]
            trial = [u.x for u in row]
            trial[i] = n.x + far - near
            if abs(trial[i] - v.x) >= 8:
                continue
            for j in range(i - 1, -1, -1):
                trial[j] = min(trial[j], trial[j + 1] - row[j].width - gap)
            for j in range(i + 1, len(row)):
                trial[j] = max(trial[j], trial[j - 1] + row[j - 1].width + gap)
            if all(u.node is None or t == u.x for t, u in zip(trial, row) if u is not v):
                for t, u in zip(trial, row):
                    u.x = t
