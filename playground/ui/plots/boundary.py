"""TensorFlow Playground's signature view: the prediction over the plane with the data on top."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from playground.ui.plots.base import REDRAW_INTERVAL, PlotPanel

CLASS_COLOURS = ["#f59322", "#0877bd", "#2ca02c", "#d62728", "#9467bd"]


class DecisionBoundaryPanel(PlotPanel):
    redraw_interval = REDRAW_INTERVAL
    title = "Decision boundary"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plot = self.add_plot(title="Decision boundary (prediction over the input plane)")
        self.plot.setAspectLocked(True)
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.ColorMap([0.0, 0.5, 1.0], ["#f8c58f", "#f4f5f6", "#8fc1e3"]))
        self.plot.addItem(self.image)
        self.scatter = pg.ScatterPlotItem(size=6, pen=pg.mkPen("w", width=0.8))
        self.plot.addItem(self.scatter)
        self.grid = np.zeros((1, 1), dtype=np.float32)
        self.extent = (0.0, 0.0, 1.0, 1.0)

    def reset(self, setup) -> None:
        self.grid = np.zeros((0, 0), dtype=np.float32)  # nothing to export before a snapshot
        if setup.points is None:
            self.scatter.setData([], [])
            return
        self.plot.enableAutoRange()
        labels = setup.point_labels
        if labels.ndim == 1:
            brushes = [pg.mkBrush(CLASS_COLOURS[int(c) % len(CLASS_COLOURS)]) for c in labels]
        else:
            value = np.clip((labels[:, 0] + 1) / 2, 0, 1)
            brushes = [pg.mkBrush(pg.ColorMap([0, 1], ["#f59322", "#0877bd"]).map(v)) for v in value]
        self.scatter.setData(setup.points[:, 0], setup.points[:, 1], brush=brushes)

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
        self.image.setImage(self.grid, levels=self._levels())
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))

    def _levels(self) -> tuple[float, float]:
        lo, hi = float(self.grid.min()), float(self.grid.max())
        if 0 <= lo and hi <= 1:
            return 0.0, 1.0
        bound = max(abs(lo), abs(hi), 1e-6)
        return -bound, bound

    def data_table(self):
        x0, y0, x1, y1 = self.extent
        n = self.grid.shape[0]
        xs, ys = np.linspace(x0, x1, self.grid.shape[1]), np.linspace(y0, y1, n)
        return ["x", "y", "prediction"], [[float(xs[c]), float(ys[r]), float(self.grid[r, c])]
                                          for r in range(n) for c in range(self.grid.shape[1])]
