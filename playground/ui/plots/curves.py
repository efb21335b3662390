"""Loss, accuracy and gradient-norm curves."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from playground.engine import probes
from playground.ui.plots.base import REDRAW_INTERVAL, PALETTE, PlotPanel, Series, set_curve, trains_in_turns
from playground.ui.plots.keys import legend_row, spread

SMOOTHING = 0.9  # exponential moving average of the per-step training loss


class _TrainValPanel(PlotPanel):
    """Training value per step (raw faint, smoothed bold) and validation per epoch."""
    redraw_interval = REDRAW_INTERVAL

    label = ""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.legend = legend_row(self.graphics)  # the tab names the plot: the legend takes the title's row
        self.plot = self.add_plot(row=1, col=0)
        self.plot.setLabel("bottom", self.tr("step"))
        self.plot.setLabel("left", self.tr(self.label))
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        self.raw_curve = self.plot.plot(pen=pg.mkPen(PALETTE[0] + "90", width=1))
        self.train_curve = self.plot.plot(pen=pg.mkPen(PALETTE[0], width=2))
        self.val_curve = self.plot.plot(pen=pg.mkPen(PALETTE[1], width=2), symbol="o", symbolSize=5,
                                        symbolBrush=PALETTE[1], symbolPen=None)
        for curve, name in ((self.train_curve, self.tr("training (smoothed)")), (self.raw_curve, self.tr("per batch")),
                            (self.val_curve, self.tr("validation"))):
            self.legend.addItem(curve, name)
        spread(self.legend)
        for curve in (self.raw_curve, self.train_curve):  # thousands of steps: draw ~2 points
            curve.setDownsampling(auto=True, method="peak")  # per pixel column (min and max kept)
            curve.setClipToView(True)
        self.raw, self.smooth, self.val = Series(), Series(), Series()
        self._ema: float | None = None

    def _values(self, snap) -> np.ndarray:
        raise NotImplementedError

    def _val_value(self, point) -> float | None:
        raise NotImplementedError

    def reset(self, setup) -> None:
        self.raw.clear()
        self.smooth.clear()
        self.val.clear()
        self._ema = None
        self._redraw()

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        values = self._values(snap)
        keep = ~np.isnan(values)
        steps, values = snap.steps[keep], values[keep]
        if len(values):
            smoothed = np.empty_like(values)
            for i, v in enumerate(values):
                self._ema = v if self._ema is None else SMOOTHING * self._ema + (1 - SMOOTHING) * v
                smoothed[i] = self._ema
            self.raw.extend(steps, values)
            self.smooth.extend(steps, smoothed)
        # One extend for all of a snapshot's epoch ends: the spiral ends hundreds a second.
        val = [(point[0], value) for point in snap.val_points
               if (value := self._val_value(point)) is not None]
        if val:
            self.val.extend(*zip(*val))
        self.refresh()

    def _redraw(self) -> None:
        self.raw_curve.setData(self.raw.x, self.raw.y)
        set_curve(self.train_curve, self.smooth.x, self.smooth.y)
        set_curve(self.val_curve, self.val.x, self.val.y, symbol="o")

    def data_table(self):
        val = dict(zip(self.val.x, self.val.y))
        smooth = np.interp(self.raw.x, self.smooth.x, self.smooth.y) if len(self.smooth) else []
        rows = [[int(s), raw, sm, val.get(s, "")] for s, raw, sm in zip(self.raw.x, self.raw.y, smooth)]
        return ["step", f"train_{self.label}", f"train_{self.label}_smoothed", f"val_{self.label}"], rows


class LossPanel(_TrainValPanel):
    title = QT_TRANSLATE_NOOP("LossPanel", "Loss")
    view_name = "loss"  # playground shot PRESET --view loss
    label = QT_TRANSLATE_NOOP("_TrainValPanel", "loss")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # The layers' L1/L2 penalty, its own term of what the optimizer minimises (data loss + it).
        self.reg_curve = self.plot.plot(pen=pg.mkPen(PALETTE[2], width=2, style=Qt.DashLine))
        self.reg = Series()
        self._reg_named = False

    def _values(self, snap):
        return snap.train_loss

    def reset(self, setup) -> None:
        self.reg.clear()
        if self._reg_named:
            self.legend.removeItem(self.reg_curve)
            spread(self.legend)
            self._reg_named = False
        super().reset(setup)

    def update_snapshot(self, snap) -> None:
        values = getattr(snap, "regularisation", None)
        if values is not None:
            keep = ~np.isnan(values)
            self.reg.extend(snap.steps[keep], values[keep])
            if not self._reg_named:
                self.legend.addItem(self.reg_curve, self.tr("regularisation"))
                spread(self.legend, max_columns=2)  # four names in one row would widen the dock
                self._reg_named = True
        super().update_snapshot(snap)

    def _redraw(self) -> None:
        super()._redraw()
        self.reg_curve.setData(self.reg.x, self.reg.y)

    def data_table(self):
        header, rows = super().data_table()
        if not len(self.reg):
            return header, rows
        reg = dict(zip(self.reg.x, self.reg.y))
        return [*header, "regularisation"], [[*row, reg.get(row[0], "")] for row in rows]

    def _val_value(self, point):
        return point[1]


class AccuracyPanel(_TrainValPanel):
    title = QT_TRANSLATE_NOOP("AccuracyPanel", "Accuracy")
    view_name = "accuracy"  # playground shot PRESET --view accuracy
    label = QT_TRANSLATE_NOOP("_TrainValPanel", "accuracy")

    @classmethod
    def note(cls, analysis, graph, shape):
        if trains_in_turns(analysis, graph):
            return QCoreApplication.translate("AccuracyPanel", "A GAN's training classifies nothing: the discriminator's accuracy on real and on generated samples is in the D and G view.")
        return None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plot.setYRange(0, 1.02)

    def _values(self, snap):
        return snap.train_accuracy

    def _val_value(self, point):
        return point[2]


class GradientNormPanel(PlotPanel):
    """Per-layer gradient norm over time on a log axis: where gradients vanish or explode."""
    redraw_interval = REDRAW_INTERVAL
    # every few steps (``training.sampling``): a snapshot's own norms alone gave a fast run a dozen points
    series_probe = staticmethod(lambda model, data: probes.gradient_norms(model))

    title = QT_TRANSLATE_NOOP("GradientNormPanel", "Gradient norms")
    view_name = "gradients"  # playground shot PRESET --view gradients

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.legend = legend_row(self.graphics)
        self.plot = self.add_plot(row=1, col=0)
        self.plot.setLogMode(y=True)
        self.plot.setLabel("bottom", self.tr("step"))
        self.plot.setLabel("left", self.tr("‖gradient‖ (log scale)"))
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.series: dict[str, Series] = {}
        self._last_step = -1

    def reset(self, setup) -> None:
        for curve in self.curves.values():
            self.plot.removeItem(curve)
        self.legend.clear()
        self.curves, self.series = {}, {}
        self._last_step = -1
        for i, layer in enumerate(setup.weight_layers):
            self.series[layer] = Series()
            self.curves[layer] = self.plot.plot(pen=pg.mkPen(PALETTE[i % len(PALETTE)], width=2))
            self.legend.addItem(self.curves[layer], layer)
        spread(self.legend, max_columns=4)

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        samples = [*getattr(snap, "series", {}).get(type(self).__name__, []), (snap.step, snap.grad_norms)]
        points: dict[str, list[tuple[int, float]]] = {}
        for step, norms in samples:
            if step <= self._last_step:  # the snapshot's own step was sampled already
                continue
            self._last_step = step
            for layer, norm in norms.items():
                if layer in self.series and norm > 0:
                    points.setdefault(layer, []).append((step, norm))
        for layer, kept in points.items():  # one extend per layer and snapshot
            self.series[layer].extend(*zip(*kept))
        self.refresh()

    def _redraw(self) -> None:
        for layer, series in self.series.items():
            set_curve(self.curves[layer], series.x, series.y)

    def data_table(self):
        layers = list(self.series)
        steps = sorted({s for ser in self.series.values() for s in ser.x})
        lookup = {layer: dict(zip(ser.x, ser.y)) for layer, ser in self.series.items()}
        return ["step", *layers], [[int(s), *(lookup[l].get(s, "") for l in layers)] for s in steps]
