"""The comparison's plots: overlaid loss and accuracy curves, and one decision boundary per run.

Curves are plotted against epochs or samples seen, never steps: full-batch GD takes one step per
epoch and SGD with batch 1 one per sample, so steps would not line runs up.
"""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QWidget

from playground.engine.compare import RunSpec
from playground.ui.common import style
from playground.ui.plots.base import PALETTE, PlotPanel
from playground.ui.plots.keys import side_legend

LINE_STYLES = (Qt.SolidLine, Qt.DashLine, Qt.DotLine, Qt.DashDotLine)
X_AXES = {"epoch": QT_TRANSLATE_NOOP("CompareCurvesPanel", "epochs"),
          "samples": QT_TRANSLATE_NOOP("CompareCurvesPanel", "samples seen")}


def run_styles(specs: Sequence[RunSpec]) -> dict[str, tuple[str, Qt.PenStyle]]:
    """Label -> (colour, line style). Several optimizers: one colour each, and in a sweep one
    line style per value; a single optimizer: one colour per run."""
    keys = list(dict.fromkeys(s.optimizer for s in specs))
    styles, seen = {}, {k: 0 for k in keys}
    for i, spec in enumerate(specs):
        if len(keys) == 1:
            styles[spec.label] = (PALETTE[i % len(PALETTE)], LINE_STYLES[i // len(PALETTE) % 4])
        else:
            n = seen[spec.optimizer]
            seen[spec.optimizer] += 1
            styles[spec.label] = (PALETTE[keys.index(spec.optimizer) % len(PALETTE)], LINE_STYLES[n % 4])
    return styles


class CompareCurvesPanel(PlotPanel):
    """Training loss and validation accuracy of every run, one colour per run, with a legend."""

    title = QT_TRANSLATE_NOOP("CompareCurvesPanel", "Curves")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 4, 0)
        self.x_axis = QComboBox()
        for key, text in X_AXES.items():
            self.x_axis.addItem(self.tr(text), key)
        self.x_axis.currentIndexChanged.connect(self._axis_changed)
        self.log_loss = QCheckBox(self.tr("log loss"))
        self.log_loss.toggled.connect(lambda on: self.loss_plot.setLogMode(y=on))
        bar.addWidget(QLabel(self.tr("x axis:")))
        bar.addWidget(self.x_axis)
        bar.addWidget(self.log_loss)
        bar.addStretch(1)
        self.layout().insertLayout(0, bar)
        self.loss_plot = self.add_plot(0, 0, title=self.tr("Training loss"))
        self.acc_plot = self.add_plot(0, 1, title=self.tr("Validation accuracy"))
        for plot, label in ((self.loss_plot, self.tr("loss")), (self.acc_plot, self.tr("accuracy"))):
            plot.setLabel("left", label)
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.getAxis("left").enableAutoSIPrefix(False)
        self.acc_plot.setYRange(0, 1.02)
        self.acc_plot.setXLink(self.loss_plot)
        self.legend = side_legend(self.graphics, row=0, col=2)
        self.loss_curves: dict[str, pg.PlotDataItem] = {}
        self.acc_curves: dict[str, pg.PlotDataItem] = {}
        self.histories: dict[str, list[dict[str, Any]]] = {}
        self._axis_changed()

    def reset(self, setup) -> None:
        """New runs: one loss and one accuracy curve each (kept and updated until the next reset)."""
        for plot, curves in ((self.loss_plot, self.loss_curves), (self.acc_plot, self.acc_curves)):
            for curve in curves.values():
                plot.removeItem(curve)
        self.legend.clear()
        self.loss_curves, self.acc_curves, self.histories = {}, {}, {}
        self.acc_plot.setVisible(setup.classification)
        for label, (colour, dash) in run_styles(setup.specs).items():
            pen = pg.mkPen(colour, width=2.5, style=dash)
            self.loss_curves[label] = self.loss_plot.plot(pen=pen, connect="finite")
            self.acc_curves[label] = self.acc_plot.plot(pen=pen, connect="finite")
            self.legend.addItem(self.loss_curves[label], label)
            self.histories[label] = []
        self._redraw()

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        for row in snap.results:
            if row["label"] in self.histories:
                self.histories[row["label"]] = row["history"]
        self.refresh()

    def _axis_changed(self) -> None:
        self.loss_plot.setLabel("bottom", self.x_axis.currentText())
        self.acc_plot.setLabel("bottom", self.x_axis.currentText())
        self._redraw()

    def _redraw(self) -> None:
        key = self.x_axis.currentData()
        for label, history in self.histories.items():
            x = np.array([p[key] for p in history], dtype=float)
            self.loss_curves[label].setData(x, _column(history, "train_loss"))
            self.acc_curves[label].setData(x, _column(history, "val_accuracy"))

    def curve_data(self, label: str) -> tuple[np.ndarray, np.ndarray]:
        """(x, training loss) as drawn for one run."""
        x, y = self.loss_curves[label].getData()
        return (np.empty(0), np.empty(0)) if x is None else (x, y)

    def data_table(self):
        header = ["run", "epoch", "samples", "train_loss", "val_loss", "val_accuracy"]
        rows = [[label, p["epoch"], p["samples"], p["train_loss"], p["val_loss"],
                 "" if p["val_accuracy"] is None else p["val_accuracy"]]
                for label, history in self.histories.items() for p in history]
        return header, rows


def _column(history: list[dict[str, Any]], key: str) -> np.ndarray:
    return np.array([np.nan if p[key] is None else p[key] for p in history], dtype=float)


class BoundaryThumbnailsPanel(PlotPanel):
    """Each run's prediction over the input plane, side by side, with the training points."""

    title = QT_TRANSLATE_NOOP("BoundaryThumbnailsPanel", "Decision boundaries")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: dict[str, pg.ImageItem] = {}
        self.grids: dict[str, tuple[np.ndarray, tuple[float, float, float, float]]] = {}

    def reset(self, setup) -> None:
        """Thumbnails for 2D inputs only; the panel hides itself otherwise."""
        self.graphics.clear()
        self.images, self.grids = {}, {}
        self.setVisible(setup.points is not None)
        if setup.points is None:
            return
        brushes = _point_brushes(setup.point_labels)
        styles = run_styles(setup.specs)
        cols = max(1, math.ceil(math.sqrt(len(setup.specs))))
        self.graphics.addLabel(self.tr("Prediction over the input plane, per run"), row=0, col=0, colspan=cols, size="10pt")
        grid = self.graphics.ci.layout
        grid.setSpacing(2)
        for i, spec in enumerate(setup.specs):
            row, col = divmod(i, cols)
            plot = self.add_plot(row + 1, col)
            name = spec.label.replace(" ", "<br>", 1)  # "adam<br>lr=0.1": narrow cells in sweeps
            plot.setTitle(f'<span style="color:{styles[spec.label][0]}; font-weight:bold">{name}</span>',
                          size="9pt")
            grid.setColumnStretchFactor(col, 1)
            grid.setRowStretchFactor(row + 1, 1)
            plot.hideAxis("left")
            plot.hideAxis("bottom")
            plot.setDefaultPadding(0.0)  # fills its cell: thumbnails stay large and equal
            plot.setMouseEnabled(False, False)
            image = pg.ImageItem()
            image.setColorMap(style.boundary_map())
            plot.addItem(image)
            plot.addItem(pg.ScatterPlotItem(setup.points[:, 0], setup.points[:, 1], size=2,
                                            pen=None, brush=brushes))
            self.images[spec.label] = image

    def apply_theme(self, theme: style.Theme) -> None:
        super().apply_theme(theme)
        for image in self.images.values():
            image.setColorMap(style.boundary_map(theme))

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        if snap.boundaries:
            self.grids.update(snap.boundaries)
            self.refresh()

    def _redraw(self) -> None:
        for label, (grid, (x0, y0, x1, y1)) in self.grids.items():
            if label not in self.images:
                continue
            grid = np.nan_to_num(grid, nan=0.0)
            lo, hi = float(grid.min()), float(grid.max())
            bound = max(abs(lo), abs(hi), 1e-6)
            self.images[label].setImage(grid, levels=(0.0, 1.0) if 0 <= lo and hi <= 1 else (-bound, bound))
            self.images[label].setRect(QRectF(x0, y0, x1 - x0, y1 - y0))

    def data_table(self):
        rows = []
        for label, (grid, (x0, y0, x1, y1)) in self.grids.items():
            xs, ys = np.linspace(x0, x1, grid.shape[1]), np.linspace(y0, y1, grid.shape[0])
            rows += [[label, float(xs[c]), float(ys[r]), float(grid[r, c])]
                     for r in range(grid.shape[0]) for c in range(grid.shape[1])]
        return ["run", "x", "y", "prediction"], rows


def _point_brushes(labels: np.ndarray) -> list:
    if labels.ndim == 1:
        return [pg.mkBrush(style.class_color(int(c))) for c in labels]
    ramp = pg.ColorMap([0, 1], [style.class_color(0), style.class_color(1)])
    return [pg.mkBrush(ramp.map(v)) for v in np.clip((labels[:, 0] + 1) / 2, 0, 1)]
