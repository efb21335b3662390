"""GAN Lab's view: real points and the generator's points over the discriminator's probability
that a point is real, arrows on a sample of fakes showing where the generator's loss pushes each
(minus its gradient), and the number of modes the fakes cover (ring and grid targets)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from playground.engine.gan import is_gan
from playground.engine.gan_metrics import view_state
from playground.ui.common import style
from playground.ui.plots.boundary import POINT_SIZE, DecisionBoundaryPanel
from playground.ui.plots.gan_curves import FAKE_COLOUR, REAL_COLOUR

SAMPLES = 500  # generated points drawn
ARROWS = 60  # of them, the first this many carry an arrow
ARROW_SHARE = 0.12  # the longest arrow, as a share of the plot's width
HEAD = 0.3  # arrow head length, as a share of the arrow


def _probe(model, data):
    if not hasattr(model, "generate"):
        return None
    state = view_state(model, data, SAMPLES, ARROWS)
    report = model.report()
    state.update({k: report[k] for k in ("modes_covered", "modes_total") if k in report})
    return state


def arrow_segments(points: np.ndarray, push: np.ndarray, longest: float) -> np.ndarray:
    """Line segments (pairs of rows) of one arrow per point along ``push``, the strongest push
    ``longest`` long and the others in proportion: a shaft and the head's two strokes each."""
    strength = np.linalg.norm(push, axis=1)
    scale = longest / max(float(strength.max(initial=0.0)), 1e-12)
    tips = points + push * scale
    back = (points - tips) * HEAD
    side = np.stack([-back[:, 1], back[:, 0]], axis=1) * 0.5
    segments = np.stack([points, tips, tips, tips + back + side, tips, tips + back - side], axis=1)
    return segments.reshape(-1, 2)


class GANPanel(DecisionBoundaryPanel):
    title = QT_TRANSLATE_NOOP("GANPanel", "GAN")
    view_name = "gan"  # playground shot PRESET --view gan (GANImagesPanel for image GANs)
    front_rank = 80  # a GAN on 2D data: this says more than the boundary
    probe = staticmethod(_probe)

    @classmethod
    def note(cls, analysis, graph, shape):
        if not is_gan(graph):
            return QCoreApplication.translate("GANPanel", "This view shows a generator against a discriminator: open a GAN preset such as gan_ring.")
        if not analysis.plane:
            return QCoreApplication.translate("GANPanel", "This view draws a GAN on 2D points; this one makes samples of shape {shape}: its images are in the GAN images tab.").format(shape="x".join(map(str, shape)))
        return super().note(analysis, graph, shape)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.arrows = pg.PlotDataItem(connect="pairs")
        self.fake_scatter = pg.ScatterPlotItem(size=POINT_SIZE - 1, symbol="x")
        self.fake_sample = pg.ScatterPlotItem(size=POINT_SIZE + 1, symbol="x")
        self.arrow_sample = pg.PlotDataItem()
        self.plot.addItem(self.fake_scatter)
        self.plot.addItem(self.arrows)
        self.legend.addItem(self.fake_sample, self.tr("generated"))
        self.legend.addItem(self.arrow_sample, self.tr("where G pushes"))
        self.modes = pg.TextItem(anchor=(0, 0))
        self.plot.addItem(self.modes)
        self.arrow_points = np.zeros((0, 2))
        self.push = np.zeros((0, 2))
        self._paint_fakes()

    def _paint_fakes(self) -> None:
        t = style.theme()
        pen = pg.mkPen(FAKE_COLOUR, width=1.6)
        self.modes.setColor(t.text)
        for item in (self.fake_scatter, self.fake_sample):
            item.setPen(pen)
            item.setBrush(pg.mkBrush(0, 0, 0, 0))
        self.fake_sample.setData([0], [0])
        arrow_pen = pg.mkPen(t.text, width=1.2)
        self.arrows.setPen(arrow_pen)
        self.arrow_sample.setPen(arrow_pen)

    def _paint_points(self) -> None:
        """Real points in one colour (GAN Lab's green): the mode a point came from does not matter."""
        super()._paint_points()
        real = pg.mkBrush(REAL_COLOUR)
        for name, scatter in (("train", self.train_scatter), ("val", self.val_scatter)):
            if len(self._labels[name]):  # a list: one brush alone would not replace per-point ones
                scatter.setBrush([real] * len(self._labels[name]))
        for sample in self.samples.values():
            sample.setBrush(real)

    def apply_theme(self, theme) -> None:
        super().apply_theme(theme)
        if hasattr(self, "fake_scatter"):
            self._paint_fakes()

    def reset(self, setup) -> None:
        super().reset(setup)
        self.fake_scatter.setData([], [])
        self.arrows.setData([], [])
        self.arrow_points, self.push = np.zeros((0, 2)), np.zeros((0, 2))
        self.modes.setText("")

    def update_snapshot(self, snap) -> None:
        view = snap.extras.get(type(self).__name__)
        if view is not None:
            fake = view["fake"]
            self.fake_scatter.setData(fake[:, 0], fake[:, 1])
            self.arrow_points = fake[:len(view["push"])].astype(np.float64)
            self.push = view["push"]
            if "modes_total" in view:
                self.modes.setText(self.tr("modes covered: {n} of {m}").format(
                    n=view["modes_covered"], m=view["modes_total"]))
        super().update_snapshot(snap)

    def _redraw(self) -> None:
        super()._redraw()
        label = self.tr("D: P(real)")
        if self.grid.size and self.key.axis.labelText != label:
            self.key.axis.setLabel(label)
        x0, _, x1, y1 = self.extent
        self.modes.setPos(x0, y1)
        if len(self.push):
            seg = arrow_segments(self.arrow_points, self.push, ARROW_SHARE * (x1 - x0))
            self.arrows.setData(seg[:, 0], seg[:, 1])
