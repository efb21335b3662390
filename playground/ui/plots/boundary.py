"""TensorFlow Playground's signature view: the prediction over the plane with the data on top.

The points appear as soon as a network with 2D inputs is open (``follow``), before any training;
the prediction fills in behind them from the first snapshot, drawn with bilinear smoothing. The
learner can draw the data right here (``point_editor``): the column beside the plot picks the
class, clears, and sets the sample count, noise and validation share.
"""
from __future__ import annotations

import json

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea

from playground.engine.registry import node_type, shape_text
from playground.ui.common import i18n, style
from playground.ui.plots.base import REDRAW_INTERVAL, PlotPanel
from playground.ui.plots.keys import colour_key, legend_row, spread, symmetric
from playground.ui.plots.point_editor import DataTools, DrawBox, PointEditor, PointSet

MARGIN = 0.15  # around the data, as the worker's prediction grid (probes.decision_grid)
POINT_SIZE = 7
EMPTY_RANGE = (-1.0 - MARGIN, 1.0 + MARGIN)  # the plane before any point is drawn (the toys' range)
MAX_CLASS_KEYS = 8


class DecisionBoundaryPanel(PlotPanel):
    redraw_interval = REDRAW_INTERVAL
    title = QT_TRANSLATE_NOOP("DecisionBoundaryPanel", "Decision boundary")
    view_name = "boundary"  # playground shot PRESET --view boundary
    front_rank = 40

    @classmethod
    def note(cls, analysis, graph, shape):
        return None if analysis.plane else (
            QCoreApplication.translate("DecisionBoundaryPanel", "The decision boundary is drawn over a plane: it needs data with two input features. This network's input has shape {shape_text}.").format(shape_text=shape_text(shape)))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.graphics.setRenderHint(QPainter.SmoothPixmapTransform, True)  # interpolated cells
        self.legend = legend_row(self.graphics)
        self.editor = PointEditor(self._show_edit, self._pixel_size, self._show_stroke, self._hide_points)
        self.plot = self.add_plot(row=1, col=0, viewBox=DrawBox(self.editor))
        self.plot.setAspectLocked(True)  # a circle stays a circle whatever the dock's shape
        self.plot.setDefaultPadding(0.0)
        self.image = pg.ImageItem()
        self.image.hide()
        self.plot.addItem(self.image)
        self.key = colour_key(self.plot, self.image, style.boundary_map(), self.tr("prediction"))
        self.train_scatter = pg.ScatterPlotItem(size=POINT_SIZE)
        self.val_scatter = pg.ScatterPlotItem(size=POINT_SIZE)
        self.samples = {"train": pg.ScatterPlotItem(size=POINT_SIZE + 1),  # legend swatches: one
                        "val": pg.ScatterPlotItem(size=POINT_SIZE + 1)}  # neutral fill, each outline
        self.stroke_scatter = pg.ScatterPlotItem(size=POINT_SIZE)  # the stroke being painted
        for item in (self.train_scatter, self.val_scatter, self.stroke_scatter):
            item.mouseClickEvent = lambda ev: ev.ignore()  # a click on a point draws, as anywhere else
            self.plot.addItem(item)
        self.legend.addItem(self.samples["train"], self.tr("training data"))
        self.legend.addItem(self.samples["val"], self.tr("validation data"))
        spread(self.legend)
        self.grid = np.zeros((1, 1), dtype=np.float32)
        self.extent = (0.0, 0.0, 1.0, 1.0)
        self._document = None
        self._data_key: str | None = "none yet"  # the dataset whose points are shown (None: no 2D data)
        self._labels = {"train": np.zeros(0), "val": np.zeros(0)}
        self._shown_val = np.zeros(0, dtype=bool)  # which of the points shown are validation ones
        self._node_id: str | None = None  # the Dataset node whose points are shown
        self.tools = DataTools()
        self.tools_area = QScrollArea()  # scrolls in a short dock instead of making the dock taller
        self.tools_area.setWidget(self.tools)
        self.tools_area.setWidgetResizable(True)
        self.tools_area.setFrameShape(QFrame.NoFrame)
        self.tools_area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.tools_area.setFixedWidth(self.tools.width() + self.tools_area.verticalScrollBar().sizeHint().width())
        self.tools_area.hide()
        self.tools.classChosen.connect(self._choose_class)
        self.tools.clearClicked.connect(self.editor.clear)
        self.tools.addClassClicked.connect(self.editor.add_class)
        self.tools.paramEdited.connect(self.editor.set_param)
        layout = self.layout()
        layout.removeWidget(self.graphics)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.graphics, 1)
        row.addWidget(self.tools_area)
        layout.addLayout(row)
        for i in range(MAX_CLASS_KEYS):  # 1, 2, ...: pick the class to draw
            key = QShortcut(QKeySequence(str(i + 1)), self, context=Qt.WidgetWithChildrenShortcut)
            key.activated.connect(lambda i=i: self._choose_class(i))
        self.apply_theme(style.theme())

    # --- the data, before and during training ------------------------------------------------
    def follow(self, document) -> None:
        """Show the points of ``document``'s dataset now and whenever its Dataset node changes."""
        self._document = document
        document.analysisChanged.connect(self._document_changed)
        self.preview()

    def _document_changed(self, _analysis) -> None:
        self.preview()

    def preview(self) -> None:
        """Load the open network's 2D dataset (when it has one) and show its points; drawn points
        show even when there are too few to train on, so that more can be drawn."""
        doc = self._document
        a = doc.analysis
        node = doc.graph.nodes.get(a.dataset) if a.dataset else None
        t = node_type(node.type) if node is not None else None
        drawable = t is not None and t.drawable(node.params)
        two_d = node is not None and (a.plane or drawable)
        key = json.dumps([node.type, node.params, doc.base_dir], sort_keys=True, default=str) if two_d else None
        if key == self._data_key:
            if node is not None and self.tools.isVisible():
                self._show_controls(node)  # the sliders follow an edit undone before re-validation
            return
        self._data_key = key
        self.image.hide()  # a prediction of other data
        if key is None:
            self._attach(None, None, False, PointSet.empty())
            self._show_points(None)
            return
        same_node = self._node_id == node.id and self.tools.isVisible()
        drawn = t.drawn_points(node.params)
        problem = ""
        try:
            data = t.load(node.params, doc.base_dir)
            train, val = (data.x_train, data.y_train), (data.x_val, data.y_val)
            classes = data.num_classes
        except Exception as exc:  # a file that cannot be read: the inspector says why
            if drawn is None:
                self._attach(None, None, False, PointSet.empty())
                self._show_points(None, message=self.tr("Cannot show the data: {exc}").format(exc=exc))
                return
            problem = str(exc)
            train, val, classes = (drawn[0], drawn[1]), None, drawn[2]
        points = PointSet.empty(classes or 2)
        if drawable:
            val_xy, val_labels = val if val is not None else (np.zeros((0, 2)), np.zeros(0))
            points = PointSet(np.vstack([train[0], val_xy]), np.concatenate([train[1], val_labels]),
                              np.r_[np.zeros(len(train[0]), bool), np.ones(len(val_xy), bool)], classes)
        self._attach(doc, node, drawable, points, problem)
        self._show_points(train, val, fit=not (same_node and self._inside_view(points.xy)))

    def _attach(self, doc, node, drawable: bool, points: PointSet, problem: str = "") -> None:
        """Point the editor and the tools column at ``node`` (None: nothing to draw on)."""
        self._node_id = node.id if node is not None else None
        self.editor.attach(doc, self._node_id, drawable, points)
        self.tools_area.setVisible(node is not None)
        if node is None:
            return
        self._show_controls(node)
        self.tools.show_classes(points.classes if drawable else 0, self.editor.current_class)
        for widget in (self.tools.clear_button, self.tools.how):
            widget.setEnabled(drawable)
        if problem or not drawable:
            self.tools.status.setText(problem or self.tr("Drawing needs class labels: this data is a "
                                                         "regression target."))
        else:
            val = int(points.is_val.sum())
            self.tools.status.setText(self.tr("{n} points: {t} for training, {v} for validation").format(
                n=f"{len(points):,}", t=f"{len(points) - val:,}", v=f"{val:,}"))

    def _show_controls(self, node) -> None:
        """The sliders at the node's values; the ones its source does not read are disabled."""
        t = node_type(node.type)
        controls = tuple((c[0], i18n.node_text(t.type_name, c[1]), *c[2:]) for c in t.plane_controls)
        self.tools.set_controls(controls, {c[0]: i18n.param_help(t.param(c[0])) for c in t.plane_controls})
        relevant = set(t.relevant_params({**t.defaults(), **node.params}))
        self.tools.show_values({c[0]: t.control_value(node.params, c[0]) for c in t.plane_controls},
                               relevant)
        toggles = t.feature_toggles
        self.tools.show_features(toggles, {n: node.params.get(n, t.param(n).default) for n, _ in toggles},
                                 visible=all(n in relevant for n, _ in toggles))

    def _choose_class(self, index: int) -> None:
        if index < len(self.tools.class_buttons):
            self.editor.current_class = index
            self.tools.class_buttons[index].setChecked(True)

    def _pixel_size(self) -> tuple[float, float]:
        """Data units per screen pixel along x and y."""
        (x0, x1), (y0, y1) = self.plot.vb.viewRange()
        w, h = max(self.plot.vb.width(), 1.0), max(self.plot.vb.height(), 1.0)
        return (x1 - x0) / w or 1e-9, (y1 - y0) / h or 1e-9

    def _inside_view(self, xy: np.ndarray) -> bool:
        (x0, x1), (y0, y1) = self.plot.vb.viewRange()
        return bool(len(xy) == 0 or ((xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)).all())

    def _show_stroke(self, xy: np.ndarray, labels: np.ndarray) -> None:
        t = style.theme()
        self.stroke_scatter.setData(xy[:, 0], xy[:, 1], pen=pg.mkPen(t.point_edge, width=1),
                                    brush=_brushes(labels))

    def _hide_points(self, erased: np.ndarray) -> None:
        """Hide the erased ones of the points shown (a mask in the order of the last ``_show_edit``
        or preview: the training points, then the validation points)."""
        v = self._shown_val
        if len(erased) != len(v):
            return
        self.train_scatter.setPointsVisible(~erased[~v])
        self.val_scatter.setPointsVisible(~erased[v])

    def _show_edit(self, points: PointSet) -> None:
        """The points of an edit in progress (or just committed), before the document reloads them."""
        v = points.is_val
        self._show_points((points.xy[~v], points.labels[~v]), (points.xy[v], points.labels[v]), fit=False)
        self._shown_val = v.copy()

    def _show_points(self, train, val=None, message: str | None = None, fit: bool = True) -> None:
        """Scatter the (inputs, labels) pairs; ``train`` None leaves a plain panel (the training
        controller's placeholder says why), or ``message`` when the data cannot be read."""
        if message:
            self.show_placeholder(message)
        for item in (self.legend, self.key, self.plot.getAxis("left"), self.plot.getAxis("bottom")):
            item.setVisible(train is not None)  # a plain note where the view does not apply
        self.stroke_scatter.setData([], [])
        if train is None:
            self._shown_val = np.zeros(0, dtype=bool)
            for scatter in (self.train_scatter, self.val_scatter):
                scatter.setData([], [])
            self._labels = {"train": np.zeros(0), "val": np.zeros(0)}
            return
        parts = {"train": train, "val": val if val is not None else (np.zeros((0, 2)), np.zeros(0))}
        for name, (x, labels) in parts.items():
            scatter = self.train_scatter if name == "train" else self.val_scatter
            self._labels[name] = labels
            scatter.setData(x[:, 0], x[:, 1])
        self._shown_val = np.r_[np.zeros(len(train[0]), bool), np.ones(len(parts["val"][0]), bool)]
        self._paint_points()
        if not fit:
            return
        everything = np.concatenate([train[0], parts["val"][0]]).astype(float).reshape(-1, 2)
        if not len(everything):
            self.plot.setRange(xRange=EMPTY_RANGE, yRange=EMPTY_RANGE, padding=0)
            return
        lo, hi = everything.min(axis=0), everything.max(axis=0)
        pad = (hi - lo) * MARGIN + 1e-6
        (x0, y0), (x1, y1) = (lo - pad).tolist(), (hi + pad).tolist()
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def _paint_points(self) -> None:
        t = style.theme()
        pens = {"train": pg.mkPen(t.point_edge, width=1), "val": pg.mkPen(t.val_point_edge, width=1.4)}
        for name, scatter in (("train", self.train_scatter), ("val", self.val_scatter)):
            scatter.setPen(pens[name])
            if len(self._labels[name]):
                scatter.setBrush(_brushes(self._labels[name]))
        for name, sample in self.samples.items():
            sample.setData([0], [0], pen=pens[name], brush=pg.mkBrush(t.muted))

    # --- runs ---------------------------------------------------------------------------------
    def reset(self, setup) -> None:
        self.image.hide()
        self.grid = np.zeros((0, 0), dtype=np.float32)  # nothing to export before a snapshot
        if setup.points is None:
            self._data_key = None
            self._show_points(None)
            return
        val = self.val_scatter.getData()
        same = len(self._labels["train"]) == len(setup.points)
        val_part = (np.column_stack(val), self._labels["val"]) if same and len(val[0]) else None
        self._show_points((setup.points, setup.point_labels), val_part)

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        if snap.boundary is None:
            return
        self.grid, self.extent = snap.boundary
        self.refresh()

    def _redraw(self) -> None:
        if not self.grid.size:  # a new run, no grid yet
            return
        x0, y0, x1, y1 = self.extent
        lo, hi = float(np.nanmin(self.grid)), float(np.nanmax(self.grid))
        probability = 0 <= lo and hi <= 1
        levels = (0.0, 1.0) if probability else symmetric(self.grid)
        classes = self._labels["train"].ndim == 1
        label = (self.tr("P(class 1)") if probability else "P(1) − P(0)") if classes else self.tr("prediction")
        if self.key.axis.labelText != label:
            self.key.axis.setLabel(label)
        self.key.setLevels(levels)
        self.image.setImage(self.grid, levels=levels)
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.image.show()

    def apply_theme(self, theme: style.Theme) -> None:
        super().apply_theme(theme)
        self.key.setColorMap(style.boundary_map(theme))
        self._paint_points()
        if hasattr(self, "tools"):
            self.tools.apply_theme(theme)

    def data_table(self):
        x0, y0, x1, y1 = self.extent
        n = self.grid.shape[0]
        xs, ys = np.linspace(x0, x1, self.grid.shape[1]), np.linspace(y0, y1, n)
        return ["x", "y", "prediction"], [[float(xs[c]), float(ys[r]), float(self.grid[r, c])]
                                          for r in range(n) for c in range(self.grid.shape[1])]


RAMP_LEVELS = 64


def _brushes(labels: np.ndarray) -> list:
    """Class colours (TF Playground's orange and blue first); a regression target on a ramp.
    One brush object per colour: pyqtgraph draws thousands of points sharing a few brushes fast."""
    labels = np.asarray(labels)
    if labels.ndim == 1:
        codes = labels.astype(np.int64)
        palette = [pg.mkBrush(style.class_color(c)) for c in range(int(codes.max(initial=0)) + 1)]
    else:
        ramp = pg.ColorMap([0, 1], [style.class_color(0), style.class_color(1)])
        palette = [pg.mkBrush(ramp.map(i / (RAMP_LEVELS - 1))) for i in range(RAMP_LEVELS)]
        codes = np.round(np.clip((labels[:, 0] + 1) / 2, 0, 1) * (RAMP_LEVELS - 1)).astype(np.int64)
    return [palette[c] for c in codes]
