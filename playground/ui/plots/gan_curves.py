"""The game's score over a run: the discriminator's and the generator's losses as two curves, and
the discriminator's accuracy on real and on fake samples. Both measured on fixed sets (the real
validation samples and the fakes of a fixed latent set, ``engine/gan_metrics``), so a curve moves
because a network changed, not because a batch did."""
from __future__ import annotations

import weakref

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from playground.engine.gan import is_gan
from playground.engine.gan_metrics import latents, real_samples, scores
from playground.engine.kernel_lock import KERNEL_LOCK
from playground.ui.plots.base import REDRAW_INTERVAL, PlotPanel, Series, set_curve
from playground.ui.plots.keys import legend_row, spread

# GAN Lab's pairing: the discriminator blue, the generator purple; never the red of class 1.
D_COLOUR, G_COLOUR = "#2f86d6", "#b07cf0"
REAL_COLOUR, FAKE_COLOUR = "#35a852", "#b07cf0"
FAKE_CURVE_COLOUR = "#f08c28"  # "D on fake": the fakes' purple is taken by "G loss" in this legend
# The fixed sets each point is measured on. A point costs about as much arithmetic as these
# samples' forward passes: on concept_gan_digits (a 0.15 ms step) 500 + 500 samples cost 0.5 ms
# and left the 5 % sampling budget ~10 points a run, 64 + 64 cost 0.1 ms and give it ~100.
REAL_SAMPLES = 64
FAKE_SAMPLES = 64
SERIES = ("d_loss", "g_loss", "accuracy_real", "accuracy_fake")


_LATENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # model -> its fixed latent set


def _probe(model, data):
    if not hasattr(model, "generate"):
        return None
    real = real_samples(data)[:REAL_SAMPLES]
    z = _LATENTS.get(model)
    if z is None or len(z) != FAKE_SAMPLES:  # the same set every call: drawn once per model
        z = _LATENTS[model] = latents(model, FAKE_SAMPLES)
    with KERNEL_LOCK:
        fake = model.generate(z)
    return {"step": model.d_updates + model.g_updates, **scores(model, real, fake)}


class GANCurvesPanel(PlotPanel):
    title = QT_TRANSLATE_NOOP("GANCurvesPanel", "D and G")
    view_name = "gan_curves"
    front_rank = 80  # a GAN: both players' losses say more than the loss curve, which follows D's
    redraw_interval = REDRAW_INTERVAL
    probe = staticmethod(_probe)  # the state each heavy snapshot shows (the run's end included)
    series_probe = staticmethod(_probe)  # and every few steps between (``training.sampling``)

    @classmethod
    def note(cls, analysis, graph, shape):
        if not is_gan(graph):
            return QCoreApplication.translate("GANCurvesPanel", "These curves follow a generator against a discriminator: open a GAN preset such as gan_ring.")
        return None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.legend = legend_row(self.graphics)
        self.loss_plot = self.add_plot(row=1, col=0)
        self.accuracy_plot = self.add_plot(row=2, col=0)
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.setYRange(0, 1, padding=0.02)
        self.accuracy_plot.vb.enableAutoRange(y=False)
        for plot, label in ((self.loss_plot, self.tr("loss")), (self.accuracy_plot, self.tr("D accuracy"))):
            plot.setLabel("left", label)
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.getAxis("left").enableAutoSIPrefix(False)
            plot.getAxis("bottom").enableAutoSIPrefix(False)  # an empty 0..1 axis read "(x0.001)"
            plot.getAxis("left").setWidth(48)
        self.accuracy_plot.setLabel("bottom", self.tr("step"))
        dashed = {"accuracy_fake"}
        colours = {"d_loss": D_COLOUR, "g_loss": G_COLOUR, "accuracy_real": REAL_COLOUR,
                   "accuracy_fake": FAKE_CURVE_COLOUR}
        self.curves = {key: (self.loss_plot if key.endswith("loss") else self.accuracy_plot).plot(
            pen=pg.mkPen(colours[key], width=2, style=Qt.DashLine if key in dashed else Qt.SolidLine),
            symbolBrush=colours[key], symbolPen=None, symbolSize=5) for key in SERIES}
        names = {"d_loss": self.tr("D loss"), "g_loss": self.tr("G loss"),
                 "accuracy_real": self.tr("D on real"), "accuracy_fake": self.tr("D on fake")}
        for key in SERIES:
            self.legend.addItem(self.curves[key], names[key])
        spread(self.legend, max_columns=4)
        self.series = {key: Series() for key in SERIES}
        self._last_step = -1

    def reset(self, setup) -> None:
        for s in self.series.values():
            s.clear()
        self._last_step = -1
        self._redraw()

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        name = type(self).__name__
        points = [p for _step, p in getattr(snap, "series", {}).get(name, [])]
        points.append(snap.extras.get(name))
        for point in points:
            if point is None or point["step"] <= self._last_step:
                continue
            self._last_step = point["step"]
            for key in SERIES:
                if np.isfinite(point[key]):
                    self.series[key].extend([point["step"]], [point[key]])
        self.refresh()

    def _redraw(self) -> None:
        for key in SERIES:
            set_curve(self.curves[key], self.series[key].x, self.series[key].y, symbol="o")

    def data_table(self):
        steps = sorted(set().union(*(self.series[k].x.tolist() for k in SERIES)))
        values = {k: dict(zip(self.series[k].x.tolist(), self.series[k].y.tolist())) for k in SERIES}
        return ["step", *SERIES], [[s, *(values[k].get(s, "") for k in SERIES)] for s in steps]
