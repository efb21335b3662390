"""The neuron view: every unit of a Dense network on 2D data as a small picture of what it computes
over the input plane, every weight as a line (colour: sign, thickness: size), live while training.

The pictures come from the worker (``unit_maps`` on its thread with each heavy snapshot); this panel
only lays them out and draws them. Hovering a unit or a line says its values; clicking a unit shows
it large, with the data on top, until Back (or Esc).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (QGraphicsObject, QGraphicsPathItem, QGraphicsRectItem, QHBoxLayout, QLabel, QPushButton,
                               QToolTip, QVBoxLayout, QWidget)

from playground.engine.unit_maps import MAX_UNITS, NotApplicable, UnitMaps, plan, unit_maps
from playground.ui.common import i18n, style
from playground.ui.plots.base import REDRAW_INTERVAL, PlotPanel
from playground.ui.plots.keys import colour_key, nice_ceilings, symmetric

MAX_CELL_PX = 56  # a unit's picture at most, in pixels; it shrinks to fit the panel's height
MIN_CELL_PX = 24  # ... down to this (readable at 1366x768); a column draws fewer units then
GAP = 0.22  # between the pictures of one column, in cells (rounded to whole rows of a picture)
LUT_SIZE = 256  # colours of a picture's lookup table
MAX_PITCH = 12.0  # from one column's centre to the next one's at most, in cells
BIG_CELL = 3.0  # how much larger the pictures of a column of few units may be
HEADER_PX = 36  # room above the columns for their names
FOOTER_PX = 18  # below, for "+N more"
SIDE_PX = 64  # left and right of the outer columns (their names are wider than they)
WIDTH_STEPS = 8  # line widths are drawn in this many steps (one path per step and sign)
MAX_LINE_PX = 4.0
SATURATE = 0.95  # a unit's colours span this quantile of its |values|; larger ones saturate
HIT_PX = 4.0  # how close the pointer must be to a line to pick it
CURVE_SAMPLES = 12  # points per line for picking


def _probe(model, data) -> UnitMaps | None:
    """Runs on the training worker: the unit pictures, or None for networks the view does not draw."""
    if model.input_shape != (2,):
        return None
    try:
        return unit_maps(model, data.x_train)
    except NotApplicable:
        return None


def levels_for(values: np.ndarray, output: bool) -> tuple[float, float]:
    """A picture's colour range in the decision boundary's colours: the output on the boundary's
    own scale (0..1 for a probability, else symmetric around its largest value); another unit
    symmetric around zero (zero is the neutral middle) up to its SATURATE quantile of |value|, so
    a ReLU's ramp shows its shape instead of only its far corner (the tooltip gives the range)."""
    lo, hi = column_levels(np.asarray(values)[None], output)
    return float(lo[0]), float(hi[0])


def column_levels(maps: np.ndarray, output: bool) -> tuple[np.ndarray, np.ndarray]:
    """``levels_for`` of each of a column's pictures (``maps``: units, rows, columns) in one pass."""
    flat = maps.reshape(len(maps), -1)
    finite = np.isfinite(flat).all()
    low = (np.min if finite else np.nanmin)(flat, axis=1)
    high = (np.max if finite else np.nanmax)(flat, axis=1)
    if output:
        ranges = [(0.0, 1.0) if 0 <= lo and hi <= 1 else symmetric(values)
                  for lo, hi, values in zip(low, high, flat)]
        lows, highs = zip(*ranges)
        return np.array(lows, dtype=float), np.array(highs, dtype=float)
    tops = (np.quantile if finite else np.nanquantile)(np.abs(flat), SATURATE, axis=1)
    with np.errstate(invalid="ignore"):
        tops = np.where(tops > 0, tops, np.maximum(np.abs(low), np.abs(high)))
    highs = nice_ceilings(np.where(np.isfinite(tops), tops, 1.0))
    return -highs, highs


def colour_column(maps: np.ndarray, lows: np.ndarray, highs: np.ndarray, lut: np.ndarray,
                  gap: int) -> np.ndarray:
    """One RGBA picture of a column's units, the first on top, ``gap`` transparent rows between
    them: each unit on its own colour range, looked up in ``lut`` (n, 4) in one take."""
    n, rows, cols = maps.shape
    span = np.where(highs > lows, highs - lows, 1.0)[:, None, None]
    scaled = (maps - lows[:, None, None]) / span * (len(lut) - 1) + 0.5
    index = np.clip(np.nan_to_num(scaled, nan=(len(lut) - 1) / 2), 0, len(lut) - 1).astype(np.intp)
    picture = np.zeros((n * rows + (n - 1) * gap, cols, 4), dtype=np.uint8)
    for u in range(n):  # row 0 is the bottom of the view (y up): the last unit comes first
        start = (n - 1 - u) * (rows + gap)
        picture[start:start + rows] = np.take(lut, index[u], axis=0)
    return picture


def _tidy(value) -> float:
    """A value as the learner reads it: 3.5e-39 and -0 are 0."""
    return round(float(value), 4) + 0.0


class LinesItem(QGraphicsObject):
    """Paths drawn each with its pen, in order (``_draw_lines``). Not cached as a picture: the
    lines change at nearly every redraw of a training run, and a view-sized cache picture made
    each such paint twice as slow."""

    def __init__(self) -> None:
        super().__init__()
        self._paths: list[tuple[QPen, QPainterPath]] = []
        self._bounds = QRectF()

    def set_paths(self, paths: list[tuple[QPen, QPainterPath]]) -> None:
        self.prepareGeometryChange()
        self._paths = paths
        bounds = QRectF()
        for _, path in paths:
            bounds = bounds.united(path.boundingRect())
        self._bounds = bounds.adjusted(-MAX_LINE_PX, -MAX_LINE_PX, MAX_LINE_PX, MAX_LINE_PX)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        painter.setBrush(Qt.NoBrush)
        for pen, path in self._paths:  # drawPath: strokePath outlines each path first, 2-3x slower
            painter.setPen(pen)
            painter.drawPath(path)


class NeuronPanel(PlotPanel):
    redraw_interval = REDRAW_INTERVAL
    title = QT_TRANSLATE_NOOP("NeuronPanel", "Neurons")
    view_name = "neurons"  # playground shot PRESET --view neurons
    probe = staticmethod(_probe)

    @classmethod
    def note(cls, analysis, graph, shape):
        try:
            plan(graph, analysis)
        except NotApplicable as exc:
            return i18n.engine_text(str(exc))
        return None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.graphics.setRenderHint(QPainter.SmoothPixmapTransform, True)
        self.plot = self.add_plot()
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setAspectLocked(True)
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.plot.vb.sigResized.connect(self._place)
        self.caption = QLabel(self.tr(
            "Squares: each unit's output over the input plane. Lines: weights (blue positive, "
            "orange negative, thicker is larger). Hover for values; click a unit to enlarge it."))
        self.caption.setWordWrap(True)
        self.layout().addWidget(self.caption)
        self._build_zoom()
        self.maps: UnitMaps | None = None
        self._structure: tuple = ()
        self._images: list[pg.ImageItem] = []  # one per column: its units' pictures in one image
        self._lut: np.ndarray | None = None  # the boundary map as (LUT_SIZE, 4) bytes, per theme
        self._gap = GAP  # between pictures, in cells: whole rows of the pictures' resolution
        self._fit = MAX_UNITS  # units a column draws at most: as many as fit at MIN_CELL_PX
        self._redrawing = False
        self._frames: list[list[QGraphicsRectItem]] = []
        self._heads: list[pg.TextItem] = []
        self._mores: list[pg.TextItem] = []
        self._geometry = ([], 1.0, 0.0, 0.0)  # cell per column and column pitch (px), first centre, middle height
        self._lines = LinesItem()  # every weight's line, under the pictures
        self._lines.setZValue(1)
        self.plot.vb.addItem(self._lines)
        self._drawn_lines: np.ndarray | None = None  # each line's code, as drawn
        self._controls = np.zeros((0, 4, 2))  # each line's bezier points
        self._edges = np.zeros((0, CURVE_SAMPLES, 2))  # points along each line, for picking
        self._edge_ids: list[tuple[int, int, int]] = []  # (column, from unit, to unit) of each line
        self._hover_item: QGraphicsPathItem | None = None
        self._hovered_frame: QGraphicsRectItem | None = None
        self.hover_text = ""
        self.zoomed: tuple[int, int] | None = None  # (column, unit) shown large
        self._points = None
        scene = self.graphics.scene()
        scene.sigMouseMoved.connect(self._hover)
        self.graphics.viewport().installEventFilter(self)  # the scene's own tooltips would hide ours
        scene.sigMouseClicked.connect(self._clicked)
        self.apply_theme(style.theme())

    # --- the enlarged unit --------------------------------------------------------------------
    def _build_zoom(self) -> None:
        self.zoom = QWidget()
        column = QVBoxLayout(self.zoom)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.back = QPushButton(self.tr("← Network"))
        self.back.setToolTip(self.tr("Back to every unit (Esc)"))
        self.back.clicked.connect(self.unzoom)
        self.zoom_title = QLabel()
        row.addWidget(self.back)
        row.addWidget(self.zoom_title, 1)
        column.addLayout(row)
        self.zoom_graphics = pg.GraphicsLayoutWidget()
        self.zoom_graphics.setRenderHint(QPainter.SmoothPixmapTransform, True)
        self.zoom_plot = self.zoom_graphics.addPlot()
        self.zoom_plot.setAspectLocked(True)
        self.zoom_plot.setDefaultPadding(0.0)
        self.zoom_plot.setLabel("bottom", "x1")
        self.zoom_plot.setLabel("left", "x2")
        for axis in ("left", "bottom"):
            self.zoom_plot.getAxis(axis).enableAutoSIPrefix(False)
        self.zoom_image = pg.ImageItem()
        self.zoom_plot.addItem(self.zoom_image)
        self.zoom_points = pg.ScatterPlotItem(size=6)
        self.zoom_plot.addItem(self.zoom_points)
        self.zoom_key = colour_key(self.zoom_plot, self.zoom_image, style.boundary_map(), self.tr("output"))
        self.zoom_graphics.scene().sigMouseClicked.connect(lambda ev: self.unzoom())
        column.addWidget(self.zoom_graphics, 1)
        self.layout().addWidget(self.zoom)
        self.zoom.hide()

    def eventFilter(self, watched, event) -> bool:
        """The resting pointer's tooltip event: our text (the scene's items have none and
        would hide it)."""
        if event.type() == QEvent.ToolTip and watched is self.graphics.viewport():
            if self.hover_text:
                QToolTip.showText(event.globalPos(), self.hover_text, self.graphics)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.zoomed is not None:
            self.unzoom()
        else:
            super().keyPressEvent(event)

    def enlarge(self, column: int, unit: int) -> None:
        """Show one unit's picture large, with axes, a colour key and the training data on top."""
        self.zoomed = (column, unit)
        QToolTip.hideText()
        self.graphics.hide()
        self.caption.hide()
        self.zoom.show()
        self.back.setFocus()  # Esc reaches the panel from there
        self._draw_zoom()

    def unzoom(self) -> None:
        if self.zoomed is None:
            return
        self.zoomed = None
        self.zoom.hide()
        self.graphics.show()
        self.caption.show()

    def _draw_zoom(self) -> None:
        if self.zoomed is None or self.maps is None:
            return
        c, u = self.zoomed
        if c >= len(self.maps.columns) or u >= len(self.maps.columns[c].maps):
            self.unzoom()
            return
        col = self.maps.columns[c]
        values = col.maps[u]
        detail = self.tr("output {lo:.3g} to {hi:.3g}").format(lo=_tidy(values.min()), hi=_tidy(values.max()))
        if col.bias is not None:
            detail += " · " + self.tr("bias {b:.3g}").format(b=float(col.bias[u]))
        self.zoom_title.setText(f"<b>{self._unit_name(c, u)}</b>&nbsp;&nbsp;<span style='color:"
                                f"{style.theme().muted}'>{detail} · {self.tr('click or Esc: back')}</span>")
        levels = levels_for(col.maps[u], c == len(self.maps.columns) - 1)
        self.zoom_key.setLevels(levels)
        self.zoom_image.setImage(col.maps[u], levels=levels)
        x0, y0, x1, y1 = self.maps.extent
        self.zoom_image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.zoom_plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        if self._points is not None:
            x, labels = self._points
            t = style.theme()
            brushes = [pg.mkBrush(style.class_color(int(v))) for v in labels] if labels.ndim == 1 \
                else pg.mkBrush(t.muted)
            self.zoom_points.setData(x[:, 0], x[:, 1], brush=brushes, pen=pg.mkPen(t.point_edge, width=1))

    # --- runs -----------------------------------------------------------------------------------
    def reset(self, setup) -> None:
        self.maps = None
        self.unzoom()
        self._points = None if setup.points is None else (setup.points, setup.point_labels)
        self.zoom_points.setData([], [])

    def clear(self) -> None:
        super().clear()
        self.maps = None
        self.unzoom()
        self._layout(())

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        maps = snap.extras.get(type(self).__name__)
        if maps is None:
            return
        self.maps = maps
        self.refresh()

    def _redraw(self) -> None:
        if self.maps is None:
            return
        self._redrawing = True
        try:
            self._redraw_maps(self.maps)
        finally:
            self._redrawing = False

    def _redraw_maps(self, maps: UnitMaps) -> None:
        structure = self._structure_of(maps)
        gap = round(GAP * maps.resolution) / maps.resolution
        if structure != self._structure or gap != self._gap:
            self._gap = gap
            self._layout(structure)
        if self._lut is None:
            self._lut = style.boundary_map().getLookupTable(0.0, 1.0, LUT_SIZE, alpha=True)
        last = len(maps.columns) - 1
        rows = round(self._gap * maps.resolution)
        for c, col in enumerate(maps.columns):
            shown = col.maps[:self._structure[c][2]]
            lows, highs = column_levels(shown, c == last)
            self._images[c].setImage(colour_column(shown, lows, highs, self._lut, rows), levels=(0, 255))
            self._images[c].setRect(self.column_rect(c))  # the image's size is known now
        self._draw_lines()
        self._draw_zoom()

    def _structure_of(self, maps: UnitMaps) -> tuple:
        """(nodes, units, units drawn) of each column: as many as the worker sent and fit."""
        return tuple((tuple(c.nodes), c.units, min(len(c.maps), self._fit)) for c in maps.columns)

    # --- layout (view coordinates are the panel's pixels, y up) ---------------------------------
    def unit_rect(self, column: int, unit: int) -> QRectF:
        """Where a unit's picture sits, in the view's coordinates."""
        shown = self._structure[column][2]
        cells, pitch, x0, mid = self._geometry
        cell = cells[column]
        gap = self._gap
        top = mid + (shown * cell * (1 + gap) - cell * gap) / 2
        centre = x0 + column * pitch
        return QRectF(centre - cell / 2, top - unit * cell * (1 + gap) - cell, cell, cell)

    def unit_pixels(self, column: int, unit: int) -> np.ndarray:
        """The RGBA pixels of a unit's picture as drawn (rows: y up), cut from its column's image."""
        picture = self._images[column].image
        rows = self.maps.resolution
        shown = self._structure[column][2]
        start = (shown - 1 - unit) * (rows + round(self._gap * rows))
        return picture[start:start + rows]

    def column_rect(self, column: int) -> QRectF:
        """Where a column's picture (all its units) sits: from its last unit's bottom to its first's top."""
        first, last = self.unit_rect(column, 0), self.unit_rect(column, self._structure[column][2] - 1)
        return QRectF(last.left(), last.top(), last.width(), first.bottom() - last.top())

    def _layout(self, structure: tuple) -> None:
        """Create the pictures, frames and labels for columns of these nodes and unit counts."""
        vb = self.plot.vb
        for item in self._images + [f for row in self._frames for f in row] \
                + self._heads + self._mores + ([self._hover_item] if self._hover_item else []):
            vb.removeItem(item)
        self._structure = structure
        self._images, self._frames, self._heads, self._mores = [], [], [], []
        self._remove_lines()
        self._hover_item = self._hovered_frame = None
        self._controls, self._edges, self._edge_ids = np.zeros((0, 4, 2)), np.zeros((0, CURVE_SAMPLES, 2)), []
        if not structure:
            return
        t = style.theme()
        for c, (nodes, units, shown) in enumerate(structure):
            image = pg.ImageItem()
            image.setZValue(2)
            vb.addItem(image)
            self._images.append(image)
            frames = []
            for u in range(shown):
                frame = QGraphicsRectItem()
                frame.setZValue(3)
                vb.addItem(frame)
                frames.append(frame)
            self._frames.append(frames)
            head = pg.TextItem(anchor=(0.5, 1.0))
            head.setHtml(self._header_html(c))
            self._heads.append(head)
            more = pg.TextItem(self.tr("+{n} more").format(n=units - shown) if units > shown else "",
                               anchor=(0.5, 0.0), color=t.muted)
            self._mores.append(more)
        for text in self._heads + self._mores:
            text.setZValue(4)
            vb.addItem(text)
        self._hover_item = QGraphicsPathItem()
        self._hover_item.setZValue(1.5)
        vb.addItem(self._hover_item)
        self._style_frames(t)
        self._place()

    def _header_html(self, column: int) -> str:
        nodes = self._structure[column][0]
        t = style.theme()
        if column == 0:
            name, detail = self.tr("inputs"), ""
        else:
            types = self.maps.columns[column].types if self.maps else []
            name, detail = nodes[0], " · ".join(types[1:]) if len(types) > 1 else ""
        return (f"<div style='text-align:center'><span style='color:{t.plot_fg};font-weight:600'>{name}"
                f"</span><br><span style='color:{t.muted}'>{detail}</span></div>")

    def _place(self, *_args) -> None:
        """Size and place everything for the panel's current size: the pictures as large as the
        height allows, the columns spread over the width."""
        rect = self.plot.vb.boundingRect()
        w, h = max(rect.width(), 80.0), max(rect.height(), 80.0)
        self.plot.vb.setRange(xRange=(0, w), yRange=(0, h), padding=0)
        if not self._structure:
            return
        n = len(self._structure)
        room = h - HEADER_PX - FOOTER_PX
        gap = self._gap
        fit = max(1, int((room + gap * MIN_CELL_PX) // (MIN_CELL_PX * (1 + gap))))
        if fit != self._fit and self.maps is not None:
            self._fit = fit
            if self._structure_of(self.maps) != self._structure:
                self._layout(self._structure_of(self.maps))  # places everything again
                if not self._redrawing:  # a resize: the new layout's pictures at once, no blank frame
                    self._draw_now()
                return
        tallest = max(shown for _, _, shown in self._structure)
        base = max(4.0, min(MAX_CELL_PX, room / (tallest * (1 + gap) - gap)))
        # Columns of few units (the inputs, the output) get larger pictures, up to BIG_CELL times.
        cells = [max(base, min(MAX_CELL_PX * 2, BIG_CELL * base, room / (shown * (1 + gap) - gap)))
                 for _, _, shown in self._structure]
        left, right = SIDE_PX + cells[0] / 2, SIDE_PX + cells[-1] / 2
        pitch = min(MAX_PITCH * base, (w - left - right) / max(n - 1, 1))
        span = (n - 1) * pitch
        mid = FOOTER_PX + room / 2
        self._geometry = (cells, pitch, left + (w - left - right - span) / 2, mid)
        for c, (nodes, units, shown) in enumerate(self._structure):
            for u in range(shown):
                self._frames[c][u].setRect(self.unit_rect(c, u))
            self._images[c].setRect(self.column_rect(c))
            x = self.unit_rect(c, 0).center().x()
            self._heads[c].setPos(x, self.unit_rect(c, 0).bottom() + 4)
            self._mores[c].setPos(x, self.unit_rect(c, shown - 1).top() - 2)
        self._place_lines()
        if self.maps is not None:
            self._draw_lines()

    # --- weights as lines -----------------------------------------------------------------------
    def _place_lines(self) -> None:
        """Each line's ends and control points (one bezier per weight, left to right) and points
        along it for picking: they change with the layout only, not with the weights."""
        controls, ids = [], []
        s = np.linspace(0, 1, CURVE_SAMPLES)[None, :, None]
        for c in range(1, len(self._structure)):
            a = np.array([[r.right(), r.center().y()] for r in map(lambda u: self.unit_rect(c - 1, u),
                                                                     range(self._structure[c - 1][2]))])
            b = np.array([[r.left(), r.center().y()] for r in map(lambda u: self.unit_rect(c, u),
                                                                  range(self._structure[c][2]))])
            start = np.repeat(a, len(b), axis=0)
            end = np.tile(b, (len(a), 1))
            mid = (start[:, :1] + end[:, :1]) / 2
            controls.append(np.stack([start, np.hstack([mid, start[:, 1:]]),
                                      np.hstack([mid, end[:, 1:]]), end], axis=1))
            ids += [(c, i, j) for i in range(len(a)) for j in range(len(b))]
        self._controls = np.concatenate(controls) if controls else np.zeros((0, 4, 2))
        p = self._controls[:, None]
        self._edges = (((1 - s) ** 3) * p[:, :, 0] + 3 * ((1 - s) ** 2) * s * p[:, :, 1]
                       + 3 * (1 - s) * s * s * p[:, :, 2] + s ** 3 * p[:, :, 3])
        self._edge_ids = ids
        self._remove_lines()  # the layout moved: every line is drawn anew

    def _draw_lines(self) -> None:
        """One path per sign and width step, all in one item: a few draw calls however many weights
        there are (16 items of one path each took 40 % longer to paint). Lines whose sign and
        width step are those drawn already stay as they are."""
        shown = [s for _, _, s in self._structure]
        weights = [None if col.weights is None else col.weights[:shown[c - 1], :shown[c]]
                   for c, col in enumerate(self.maps.columns) if c]
        if not len(self._controls) or any(w is None for w in weights) \
                or sum(w.size for w in weights) != len(self._controls):
            self._remove_lines()
            return
        drawn = self._line_codes(weights)
        if self._drawn_lines is not None and np.array_equal(drawn, self._drawn_lines):
            return
        self._drawn_lines = drawn
        points = self._controls.reshape(len(self._controls), 8).tolist()
        paths = []
        for step in range(WIDTH_STEPS):  # faint lines first, strong ones over them
            for code in (step, step + WIDTH_STEPS):  # negative, then positive weights
                chosen = np.flatnonzero(drawn == code)
                if not len(chosen):
                    continue
                path = QPainterPath()
                for k in chosen.tolist():
                    x0, y0, x1, y1, x2, y2, x3, y3 = points[k]
                    path.moveTo(x0, y0)
                    path.cubicTo(x1, y1, x2, y2, x3, y3)
                paths.append((self._line_pen(code), path))
        self._lines.set_paths(paths)
        if self._hover_item is not None:
            self._hover_item.setPath(QPainterPath())

    def _line_codes(self, weights: list[np.ndarray]) -> np.ndarray:
        """Each line's sign and width step as one code: step, plus WIDTH_STEPS if positive."""
        strength = np.concatenate([np.abs(w).ravel() / (float(np.max(np.abs(w))) or 1.0) for w in weights])
        positive = np.concatenate([(w > 0).ravel() for w in weights])
        return np.minimum((strength * WIDTH_STEPS).astype(int), WIDTH_STEPS - 1) + positive * WIDTH_STEPS

    def _line_pen(self, code: int) -> QPen:
        sign, step = divmod(code, WIDTH_STEPS)
        share = (step + 1) / WIDTH_STEPS
        colour = QColor(style.class_color(sign, style.theme()))
        colour.setAlphaF(0.12 + 0.68 * share ** 1.5)
        pen = QPen(colour, 0.3 + (MAX_LINE_PX - 0.3) * share ** 2)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.RoundCap)
        return pen

    def _remove_lines(self) -> None:
        self._lines.set_paths([])
        self._drawn_lines = None

    # --- hover and click ------------------------------------------------------------------------
    def unit_at(self, point: QPointF) -> tuple[int, int] | None:
        """(column, unit) whose picture holds the view point ``point``, or None."""
        for c, frames in enumerate(self._frames):
            for u, frame in enumerate(frames):
                if frame.rect().contains(point):
                    return c, u
        return None

    def edge_at(self, point: QPointF) -> int | None:
        """Index of the line nearest to the view point ``point``, within a few pixels, or None."""
        if not len(self._edges):
            return None
        px = self.plot.vb.viewPixelSize()[0] or 1.0
        d = np.hypot(self._edges[..., 0] - point.x(), self._edges[..., 1] - point.y()).min(axis=1)
        best = int(d.argmin())
        return best if d[best] <= HIT_PX * px else None

    def _unit_name(self, c: int, u: int) -> str:
        if c == 0:
            return self.tr("input x{i}").format(i=u + 1)
        col = self.maps.columns[c]
        return self.tr("{layer} · unit {i} · {kind}").format(layer=col.nodes[0], i=u + 1,
                                                             kind=" · ".join(col.types[1:]) or col.types[0])

    def unit_tooltip(self, c: int, u: int) -> str:
        col = self.maps.columns[c]
        values = col.maps[u]
        lines = [f"<b>{self._unit_name(c, u)}</b>",
                 self.tr("output over the plane: {lo:.3g} to {hi:.3g}").format(
                     lo=_tidy(values.min()), hi=_tidy(values.max()))]
        if col.bias is not None:
            lines.append(self.tr("bias: {b:.4g}").format(b=float(col.bias[u])))
        if col.weights is not None:
            lines.append(self.tr("incoming weights: {lo:.3g} to {hi:.3g}").format(
                lo=float(col.weights[:, u].min()), hi=float(col.weights[:, u].max())))
        lines.append(f"<span style='color:{style.theme().muted}'>{self.tr('Click to enlarge')}</span>")
        return "<br>".join(lines)

    def edge_tooltip(self, index: int) -> str:
        c, i, j = self._edge_ids[index]
        w = float(self.maps.columns[c].weights[i, j])
        return "<br>".join([f"<b>{self.tr('weight {w:.4g}').format(w=w)}</b>",
                            self.tr("from {a}").format(a=self._unit_name(c - 1, i)),
                            self.tr("to {b}").format(b=self._unit_name(c, j))])

    def _hover(self, scene_pos: QPointF) -> None:
        if self.maps is None or not self._structure or not self.graphics.isVisible():
            return
        point = self.plot.vb.mapSceneToView(scene_pos)
        unit = self.unit_at(point)
        edge = None if unit else self.edge_at(point)
        self._highlight(unit, edge)
        text = self.unit_tooltip(*unit) if unit else self.edge_tooltip(edge) if edge is not None else ""
        self.hover_text = text
        if text:
            where = self.graphics.mapToGlobal(self.graphics.mapFromScene(scene_pos))
            QToolTip.showText(where, text, self.graphics)
        else:
            QToolTip.hideText()

    def _highlight(self, unit, edge) -> None:
        t = style.theme()
        if self._hovered_frame is not None:
            self._hovered_frame.setPen(self._frame_pen(t))
            self._hovered_frame = None
        if unit:
            self._hovered_frame = self._frames[unit[0]][unit[1]]
            pen = QPen(QColor(t.node_selected), 2)
            pen.setCosmetic(True)
            self._hovered_frame.setPen(pen)
        path = QPainterPath()
        if edge is not None:
            p = self._edges[edge]
            path.moveTo(*p[0])
            for x, y in p[1:]:
                path.lineTo(x, y)
        pen = QPen(QColor(t.node_selected), 3)
        pen.setCosmetic(True)
        self._hover_item.setPen(pen)
        self._hover_item.setPath(path)

    def _clicked(self, event) -> None:
        if self.maps is None or not self._structure or event.button() != Qt.LeftButton:
            return
        unit = self.unit_at(self.plot.vb.mapSceneToView(event.scenePos()))
        if unit:
            self.enlarge(*unit)

    # --- looks and data -------------------------------------------------------------------------
    def _frame_pen(self, t: style.Theme) -> QPen:
        colour = QColor(t.plot_axis)
        colour.setAlphaF(0.55)  # a quiet edge: the picture, not its box, should catch the eye
        pen = QPen(colour, 1)
        pen.setCosmetic(True)
        return pen

    def _style_frames(self, t: style.Theme) -> None:
        for row in self._frames:
            for frame in row:
                frame.setPen(self._frame_pen(t))

    def apply_theme(self, theme: style.Theme) -> None:
        super().apply_theme(theme)
        self.caption.setStyleSheet(f"QLabel {{ color: {theme.muted}; padding: 2px 6px; }}")
        self.zoom_key.setColorMap(style.boundary_map(theme))
        self._lut = None  # the pictures' colours: looked up again at the next redraw
        self._style_frames(theme)
        if self._structure:
            self._layout(self._structure)  # labels in the new colours
            self._stale = True

    def data_table(self):
        rows = []
        if self.maps is not None:
            for c, col in enumerate(self.maps.columns):
                if col.weights is None:
                    continue
                for i in range(col.weights.shape[0]):
                    for j in range(col.weights.shape[1]):
                        rows.append([col.nodes[0], i + 1, j + 1, float(col.weights[i, j])])
                if col.bias is not None:
                    rows += [[col.nodes[0], "bias", j + 1, float(b)] for j, b in enumerate(col.bias)]
        return ["layer", "from unit", "to unit", "weight"], rows
