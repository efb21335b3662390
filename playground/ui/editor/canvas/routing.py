"""Wire paths that read top to bottom and never pass behind a node.

A wire leaves its output port downwards and enters its input port from above. When the plain S
curve between them would cross a node, the wire takes a lane instead: a shoulder into the nearest
free vertical corridor beside the nodes in the way, straight down it, and a shoulder into the port.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

LANE_MARGIN = 22.0  # a lane runs this far beside the nodes it passes
SHOULDER = 40.0  # the most height a shoulder into or out of a lane takes
CLEARANCE = 3.0  # how close a wire may come to a node it does not connect
MIN_DROP = 24.0  # below this, the input is not under the output and the wire loops round


def bezier(start: QPointF, end: QPointF) -> QPainterPath:
    """A vertical S curve from an output (above) to an input (below); it loops when the input
    is above the output."""
    dy = end.y() - start.y()
    reach = max(abs(dy) * 0.5, 40.0) if dy < MIN_DROP else dy * 0.5
    path = QPainterPath(start)
    path.cubicTo(start + QPointF(0, reach), end - QPointF(0, reach), end)
    return path


def wire_path(start: QPointF, end: QPointF, obstacles: Sequence[QRectF]) -> QPainterPath:
    """The wire from ``start`` (an output port) to ``end`` (an input port) around ``obstacles``
    (the scene rectangles of the nodes it does not connect)."""
    direct = bezier(start, end)
    if end.y() - start.y() < MIN_DROP or not _hits(direct, obstacles):
        return direct
    best: tuple[int, QPainterPath] | None = None
    for lane in _lanes(start, end, obstacles):
        path = _via_lane(start, end, lane)
        hits = _hits(path, obstacles)
        if hits == 0:
            return path
        if best is None or hits < best[0]:
            best = (hits, path)
    return best[1] if best else direct


def _lanes(start: QPointF, end: QPointF, obstacles: Sequence[QRectF]) -> list[float]:
    """x of the free vertical corridors between the two ports' heights, best first: the least
    sideways travel, then the fewest shoulders (straight down from the output, or straight into
    the input), then the left one (skip connections keep left, the label wire right)."""
    top, bottom = start.y(), end.y()
    blocked = sorted((r.left() - LANE_MARGIN, r.right() + LANE_MARGIN) for r in obstacles
                     if r.bottom() > top and r.top() < bottom)
    merged: list[list[float]] = []
    for lo, hi in blocked:
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    edges = [float("-inf")] + [v for pair in merged for v in pair] + [float("inf")]
    gaps = [(lo, hi) for lo, hi in zip(edges[::2], edges[1::2]) if hi >= lo]
    sx, ex = start.x(), end.x()
    lanes = {min(max(x, lo), hi) for lo, hi in gaps for x in (sx, ex, (sx + ex) / 2)}

    def cost(x: float) -> tuple[float, int, float]:
        return (round(abs(sx - x) + abs(ex - x), 3), (x != sx) + (x != ex), x)

    return sorted(lanes, key=cost)


def _via_lane(start: QPointF, end: QPointF, lane: float) -> QPainterPath:
    shoulder = min(SHOULDER, (end.y() - start.y()) / 3)
    top, bottom = QPointF(lane, start.y() + shoulder), QPointF(lane, end.y() - shoulder)
    path = QPainterPath(start)
    half = QPointF(0, shoulder / 2)
    path.cubicTo(start + half, top - half, top)
    path.lineTo(bottom)
    path.cubicTo(bottom + half, end - half, end)
    return path


def _hits(path: QPainterPath, obstacles: Sequence[QRectF]) -> int:
    """How many obstacles the path passes through, sampled every few pixels along it."""
    bounds = path.controlPointRect().adjusted(-CLEARANCE, -CLEARANCE, CLEARANCE, CLEARANCE)
    near = [r.adjusted(-CLEARANCE, -CLEARANCE, CLEARANCE, CLEARANCE) for r in obstacles if r.intersects(bounds)]
    if not near:
        return 0
    points = sample(path)
    return sum(1 for r in near if any(r.contains(p) for p in points))


def sample(path: QPainterPath, step: float = 5.0) -> list[QPointF]:
    """Points along a path of lines and cubic curves, about ``step`` apart."""
    points: list[QPointF] = []
    i, count = 1, path.elementCount()
    last = path.elementAt(0)
    x0, y0 = last.x, last.y
    points.append(QPointF(x0, y0))
    while i < count:
        e = path.elementAt(i)
        if e.isLineTo():
            n = max(1, int(math.hypot(e.x - x0, e.y - y0) / step))
            points += [QPointF(x0 + (e.x - x0) * k / n, y0 + (e.y - y0) * k / n) for k in range(1, n + 1)]
            x0, y0, i = e.x, e.y, i + 1
        else:  # a cubic: this element and the next two are its control points and end point
            c1, c2, end = e, path.elementAt(i + 1), path.elementAt(i + 2)
            length = (math.hypot(c1.x - x0, c1.y - y0) + math.hypot(c2.x - c1.x, c2.y - c1.y)
                      + math.hypot(end.x - c2.x, end.y - c2.y))
            n = max(4, int(length / step))
            for k in range(1, n + 1):
                t = k / n
                a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
                points.append(QPointF(a * x0 + b * c1.x + c * c2.x + d * end.x,
                                      a * y0 + b * c1.y + c * c2.y + d * end.y))
            x0, y0, i = end.x, end.y, i + 3
    return points
