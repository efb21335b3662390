"""TensorFlow Playground's signature view: the prediction over the plane with the data on top.

The points appear as soon as a network with 2D inputs is open (``follow``), before any training;
the prediction fills in behind them from the first snapshot, drawn with bilinear smoothing.
"""
from __future__ import annotations

import json

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF
from PySide6.QtGui import QPainter

from playground.engine.registry import node_type, shape_text
from playground.ui.common import style
from playground.ui.plots.base import REDRAW_INTERVAL, PlotPanel
from playground.ui.plots.keys import colour_key, legend_row, spread, symmetric

MARGIN = 0.15  # around the data, as the worker's prediction grid (probes.decision_grid)
POINT_SIZE = 7


class DecisionBoundaryPanel(PlotPanel):
    redraw_interval = REDRAW_INTERVAL
    title = QT_TRANSLATE_NOOP("DecisionBoundaryPanel", "Decision boundary")
    view_name = "boundary"  # playground shot PRESET --view boundary
    front_rank = 40

    @classmethod
    def note(cls, analysis, graph, shape):
        return None if shape == (2,) else (
            QCoreApplication.translate("DecisionBoundaryPanel", "The decision boundary is drawn over a plane: it needs data with two input features. This network's input has shape {shape_text}.").format(shape_text=shape_text(shape)))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.graphics.setRenderHint(QPainter.SmoothPixmapTransform, True)  # interpolated cells
        self.legend = legend_row(self.graphics)
        self.plot = self.add_plot(row=1, col=0)
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
        for item in (self.train_scatter, self.val_scatter):
            self.plot.addItem(item)
        self.legend.addItem(self.samples["train"], self.tr("training data"))
        self.legend.addItem(self.samples["val"], self.tr("validation data"))
        spread(self.legend)
        self.grid = np.zeros((1, 1), dtype=np.float32)
        self.extent = (0.0, 0.0, 1.0, 1.0)
        self._document = None
        self._data_key: str | None = "none yet"  # the dataset whose points are shown (None: no 2D data)
        self._labels = {"train": np.zeros(0), "val": np.zeros(0)}
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
        """Load the open network's 2D dataset (when it has one) and show its points."""
        doc = self._document
        a = doc.analysis
        node = doc.graph.nodes.get(a.dataset) if a.dataset else None
        two_d = node is not None and a.shapes.get(a.dataset) == (2,)
        key = json.dumps([node.type, node.params, doc.base_dir], sort_keys=True, default=str) if two_d else None
        if key == self._data_key:
            return
        self._data_key = key
        self.image.hide()  # a prediction of other data
        if key is None:
            self._show_points(None)
            return
        try:
            data = node_type(node.type).load(node.params, doc.base_dir)
        except Exception as exc:  # a file that cannot be read: the inspector says why
            self._show_points(None, message=self.tr("Cannot show the data: {exc}").format(exc=exc))
            return
        self._show_points((data.x_train, data.y_train), (data.x_val, data.y_val))

    def _show_points(self, train, val=None, message: str | None = None) -> None:
        """Scatter the (inputs, labels) pairs; ``train`` None leaves a plain panel (the training
        controller's placeholder says why), or ``message`` when the data cannot be read."""
        if message:
            self.show_placeholder(message)
        for item in (self.legend, self.key, self.plot.getAxis("left"), self.plot.getAxis("bottom")):
            item.setVisible(train is not None)  # a plain note where the view does not apply
        if train is None:
            for scatter in (self.train_scatter, self.val_scatter):
                scatter.setData([], [])
            self._labels = {"train": np.zeros(0), "val": np.zeros(0)}
            return
        parts = {"train": train, "val": val if val is not None else (np.zeros((0, 2)), np.zeros(0))}
        for name, (x, labels) in parts.items():
            scatter = self.train_scatter if name == "train" else self.val_scatter
            self._labels[name] = labels
            scatter.setData(x[:, 0], x[:, 1])
        self._paint_points()
        everything = np.concatenate([train[0], parts["val"][0]]).astype(float)
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

    def data_table(self):
        x0, y0, x1, y1 = self.extent
        n = self.grid.shape[0]
        xs, ys = np.linspace(x0, x1, self.grid.shape[1]), np.linspace(y0, y1, n)
        return ["x", "y", "prediction"], [[float(xs[c]), float(ys[r]), float(self.grid[r, c])]
                                          for r in range(n) for c in range(self.grid.shape[1])]


def _brushes(labels: np.ndarray) -> list:
    """Class colours (TF Playground's orange and blue first); a regression target on a ramp."""
    if labels.ndim == 1:
        return [pg.mkBrush(style.class_color(int(c))) for c in labels]
    ramp = pg.ColorMap([0, 1], [style.class_color(0), style.class_color(1)])
    return [pg.mkBrush(ramp.map(v)) for v in np.clip((labels[:, 0] + 1) / 2, 0, 1)]
