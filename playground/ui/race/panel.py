"""The loss-surface race: optimizers rolling down an analytic 2D surface from a clicked start.

The surface is a heat map of log(1 + f - min f) with contour lines; the paths are precomputed on a
short worker call (``race/worker.py``) and revealed step by step by a timer, so students can watch
plain gradient descent zigzag or linger while momentum and Adam move on.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

from playground.engine.nodes.optimizers import OPTIMIZER_KEYS, optimizer_node
from playground.engine.surfaces import SURFACES, Point, Surface
from playground.ui.common import style
from playground.ui.common.param_editors import FloatEditor
from playground.ui.common.threads import OneWorkerAtATime
from playground.ui.plots.base import PALETTE
from playground.ui.plots.keys import side_legend
from playground.ui.race.worker import RaceJob, RaceRequest, RaceResult

FRAME_MS = 30
ANIMATION_FRAMES = 100  # a race takes about ANIMATION_FRAMES * FRAME_MS to play
CONTOURS = 12


class RacePanel(OneWorkerAtATime, QWidget):
    """Surface, optimizers, learning rate and steps on the left; the animated plot on the right."""

    raceFinished = Signal()  # the animation reached the last step

    def _theme_changed(self, _name: str = "") -> None:
        t = style.theme()
        self.image.setColorMap(style.surface_map(t))
        for iso in self.isocurves:
            iso.setPen(pg.mkPen(t.contour, width=1))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.surface: Surface = SURFACES["saddle"]
        self.start: Point = self.surface.start
        self.result: RaceResult | None = None
        self.shown = 0
        self.worker: RaceJob | None = None
        self._pending: RaceRequest | None = None
        self.timer = QTimer(self, interval=FRAME_MS)
        self.timer.timeout.connect(self._advance)
        self._build_controls()
        self._build_plot()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.controls)
        right = QVBoxLayout()
        right.addWidget(self.graphics, 1)
        right.addWidget(self.caption)
        layout.addLayout(right, 1)
        self.set_surface("saddle")

    # --- construction -------------------------------------------------------------------------
    def _build_controls(self) -> None:
        self.controls = QWidget()
        self.controls.setMaximumWidth(280)
        column = QVBoxLayout(self.controls)
        column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.surface_box = QComboBox()
        for name, surf in SURFACES.items():
            self.surface_box.addItem(QCoreApplication.translate("engine messages", surf.title), name)
        self.surface_box.currentIndexChanged.connect(lambda _i: self.set_surface(self.surface_box.currentData()))
        self.formula = QLabel()
        self.steps = QSpinBox(minimum=10, maximum=5000, singleStep=50, value=200, keyboardTracking=False)
        self.steps.valueChanged.connect(self.recompute)
        form.addRow(self.tr("Surface"), self.surface_box)
        form.addRow("f(x, y) =", self.formula)
        form.addRow(self.tr("Steps"), self.steps)
        column.addLayout(form)

        box = QGroupBox(self.tr("Optimizers"))
        grid = QGridLayout(box)
        self.checks: dict[str, QCheckBox] = {}
        for i, key in enumerate(OPTIMIZER_KEYS):
            check = QCheckBox(optimizer_node(key).type_name, checked=True)
            check.setStyleSheet(f"QCheckBox {{ color: {PALETTE[i]}; font-weight: bold; }}")
            check.toggled.connect(self.recompute)
            grid.addWidget(check, i // 2, i % 2)
            self.checks[key] = check
        column.addWidget(box)

        self.same_lr = QCheckBox(self.tr("Same learning rate for all"))
        self.same_lr.setToolTip(self.tr("Off: each optimizer uses a learning rate chosen for this surface"))
        self.lr = FloatEditor(next(p for p in optimizer_node("sgd").params if p.name == "lr"))
        self.lr.setValue(0.01)
        self.lr.setEnabled(False)
        self.same_lr.toggled.connect(self.lr.setEnabled)
        self.same_lr.toggled.connect(self.recompute)
        self.lr.valueChanged.connect(lambda _v: self.same_lr.isChecked() and self.recompute())
        lr_row = QHBoxLayout()
        lr_row.addWidget(self.same_lr)
        lr_row.addWidget(self.lr)
        column.addLayout(lr_row)

        buttons = QHBoxLayout()
        replay = QPushButton(self.tr("Replay"))
        replay.clicked.connect(self.replay)
        reset = QPushButton(self.tr("Default start"))
        reset.clicked.connect(lambda: self.set_start(self.surface.start))
        buttons.addWidget(replay)
        buttons.addWidget(reset)
        column.addLayout(buttons)
        self.start_label = QLabel()
        self.start_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #9aa3b2;")
        column.addWidget(self.start_label)
        column.addWidget(self.status)
        column.addStretch(1)

    def _build_plot(self) -> None:
        self.graphics = pg.GraphicsLayoutWidget()
        self.plot = self.graphics.addPlot()
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setLabel("bottom", "x")
        self.plot.setLabel("left", "y")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(False, False)
        self.plot.hideButtons()
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        self.isocurves = [pg.IsocurveItem() for _ in range(CONTOURS)]
        for iso in self.isocurves:
            iso.setParentItem(self.image)
        self._theme_changed()
        style.notifier.changed.connect(self._theme_changed)
        self.minima = pg.ScatterPlotItem(symbol="star", size=16, brush="#ffd400", pen=pg.mkPen("#333", width=1))
        self.start_marker = pg.ScatterPlotItem(symbol="o", size=12, brush="w", pen=pg.mkPen("#111", width=2))
        self.plot.addItem(self.minima)
        self.legend = side_legend(self.graphics, row=0, col=1)  # paths go anywhere on the plot
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.heads: dict[str, pg.ScatterPlotItem] = {}
        for i, key in enumerate(OPTIMIZER_KEYS):
            colour = PALETTE[i]
            self.curves[key] = self.plot.plot(pen=pg.mkPen(colour, width=2.5), connect="finite")
            self.heads[key] = pg.ScatterPlotItem(size=10, brush=colour, pen=pg.mkPen("w", width=1.5))
            self.plot.addItem(self.heads[key])
        self.plot.addItem(self.start_marker)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("QLabel { padding: 4px 6px; font-size: 10pt; }")

    # --- commands -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """After a language switch: the texts made from the surface, the start and the result."""
        for key, check in self.checks.items():
            check.setText(optimizer_node(key).type_name)
        for i, (name, surf) in enumerate(SURFACES.items()):
            self.surface_box.setItemText(i, QCoreApplication.translate("engine messages", surf.title))
        self._caption()
        self._start_text()
        if self.result is not None:
            for sample, label in self.legend.items:
                key = next(k for k, c in self.curves.items() if c is sample.item)
                label.setText(f"{optimizer_node(key).type_name} (lr {self.result.hparams[key]['lr']:g})")
            if self.status.text():
                self._summarise()

    def _caption(self) -> None:
        s = self.surface
        self.caption.setText(f"<b>{QCoreApplication.translate('engine messages', s.title)}</b>: {QCoreApplication.translate('engine messages', s.caption)}")

    def _start_text(self) -> None:
        self.start_label.setText(self.tr("Start: ({x:.3g}, {y:.3g}). Click the plot to start elsewhere.").format(x=self.start[0], y=self.start[1]))

    def set_surface(self, name: str) -> None:
        """Show surface ``name`` and race from its default start."""
        self.surface = SURFACES[name]
        s = self.surface
        if self.surface_box.currentData() != name:
            self.surface_box.setCurrentIndex(self.surface_box.findData(name))
        self.formula.setText(s.formula)
        self._caption()
        x, y, z = s.grid(200)
        shade = np.log1p(z - z.min())
        self.image.setImage(shade, levels=(float(shade.min()), float(shade.max())))
        (x0, x1), (y0, y1) = s.x_range, s.y_range
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        for iso, level in zip(self.isocurves, np.quantile(shade, np.linspace(0.04, 0.96, CONTOURS))):
            iso.setData(shade, float(level))
        self.minima.setData([m[0] for m in s.minima], [m[1] for m in s.minima])
        self.plot.setRange(xRange=s.x_range, yRange=s.y_range, padding=0)
        self.set_start(s.start)

    def set_start(self, point: Point) -> None:
        """Race again from ``point`` (what a click on the plot does)."""
        self.start = (float(point[0]), float(point[1]))
        self.start_marker.setData([self.start[0]], [self.start[1]])
        self._start_text()
        self.recompute()

    def recompute(self) -> None:
        """Queue a race for the current settings; the newest request wins."""
        self.timer.stop()  # the animation on screen is outdated
        overrides = {"lr": self.lr.value()} if self.same_lr.isChecked() else {}
        chosen = {k: (k, dict(overrides)) for k, check in self.checks.items() if check.isChecked()}
        self._pending = RaceRequest(self.surface.name, chosen, self.start, self.steps.value())
        if not self.running and self.isVisible():  # a hidden panel races when first shown
            self._launch()

    def replay(self) -> None:
        if self.result is not None:
            self.shown = 0
            self.timer.start()

    def busy(self) -> bool:
        return self.running or self._pending is not None

    def shutdown(self, timeout_ms: int = 1500) -> bool:
        self.timer.stop()
        self._pending = None
        return self._wait_for_worker(timeout_ms)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending is not None and not self.running:
            self._launch()

    # --- worker ---------------------------------------------------------------------------------
    def _launch(self) -> None:
        request, self._pending = self._pending, None
        self._start_worker(RaceJob(request))
        self.worker.finished.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        self.thread.start()

    @Slot(object)
    def _on_done(self, result: RaceResult) -> None:
        if self._pending is not None or result.request.surface != self.surface.name:
            return  # outdated: a newer request follows
        self.result = result
        self.status.setText("")
        self.legend.clear()
        for key in OPTIMIZER_KEYS:
            visible = key in result.paths
            self.curves[key].setVisible(visible)
            self.heads[key].setVisible(visible)
            if visible:
                self.legend.addItem(self.curves[key], f"{optimizer_node(key).type_name} (lr {result.hparams[key]['lr']:g})")
        self.shown = 0
        self._show_paths()
        self.timer.start()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.status.setText(self.tr("Cannot race: {message}").format(message=message))

    def _run_ended(self, worker: RaceJob) -> None:
        if self._pending is not None:
            self._launch()

    # --- animation and clicks -------------------------------------------------------------------
    def _advance(self) -> None:
        total = self.result.request.steps + 1
        self.shown = min(total, self.shown + max(1, math.ceil(total / ANIMATION_FRAMES)))
        self._show_paths()
        if self.shown >= total:
            self.timer.stop()
            self._summarise()
            self.raceFinished.emit()

    def _show_paths(self) -> None:
        n = max(1, self.shown)
        for label, path in self.result.paths.items():
            part = path[:n]
            self.curves[label].setData(part[:, 0], part[:, 1])
            finite = part[np.isfinite(part).all(axis=1)]
            self.heads[label].setData(finite[-1:, 0], finite[-1:, 1])

    def _summarise(self) -> None:
        """One line per optimizer: where it ended and whether it settled in a minimum."""
        lines = []
        for key, row in self.result.summary.items():
            label = optimizer_node(key).type_name
            if row["diverged"]:
                lines.append(self.tr("{label}: diverged").format(label=label))
            elif row["settled_at"] is not None:
                lines.append(self.tr("{label}: settled at step {step}, f = {value:.3g}").format(label=label, step=row['settled_at'], value=row['final_value']))
            else:
                lines.append(self.tr("{label}: f = {value:.3g} at the end").format(label=label, value=row['final_value']))
        self.status.setText("\n".join(lines))

    def _clicked(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        pos = self.plot.vb.mapSceneToView(event.scenePos())
        (x0, x1), (y0, y1) = self.surface.x_range, self.surface.y_range
        if x0 <= pos.x() <= x1 and y0 <= pos.y() <= y1:
            event.accept()
            self.set_start((pos.x(), pos.y()))
