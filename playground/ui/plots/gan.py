"""GAN Lab's view: real points and the generator's points over the discriminator's probability
that a point is real, with the number of modes the fakes cover (ring and grid targets)."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP

from playground.engine.gan import is_gan
from playground.ui.common import style
from playground.ui.plots.boundary import POINT_SIZE, DecisionBoundaryPanel


def _probe(model, data):
    view = getattr(model, "view_data", None)
    return view() if view is not None else None


class GANPanel(DecisionBoundaryPanel):
    title = QT_TRANSLATE_NOOP("GANPanel", "GAN")
    view_name = "gan"  # playground shot PRESET --view gan
    front_rank = 80  # a GAN on 2D data: this says more than the boundary
    probe = staticmethod(_probe)

    @classmethod
    def note(cls, analysis, graph, shape):
        if not is_gan(graph):
            return ("This view shows a generator against a discriminator: open a GAN preset such "
                    "as gan_ring.")
        return super().note(analysis, graph, shape)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.fake_scatter = pg.ScatterPlotItem(size=POINT_SIZE - 1, symbol="x")
        self.fake_sample = pg.ScatterPlotItem(size=POINT_SIZE + 1, symbol="x")
        self.plot.addItem(self.fake_scatter)
        self.legend.addItem(self.fake_sample, self.tr("generated"))
        self.modes = pg.TextItem(anchor=(0, 0))
        self.plot.addItem(self.modes)
        self._paint_fakes()

    def _paint_fakes(self) -> None:
        t = style.theme()
        pen = pg.mkPen(t.bright_text, width=1.5)
        self.modes.setColor(t.text)
        for item in (self.fake_scatter, self.fake_sample):
            item.setPen(pen)
            item.setBrush(pg.mkBrush(0, 0, 0, 0))
        self.fake_sample.setData([0], [0])

    def apply_theme(self, theme) -> None:
        super().apply_theme(theme)
        if hasattr(self, "fake_scatter"):
            self._paint_fakes()

    def reset(self, setup) -> None:
        super().reset(setup)
        self.fake_scatter.setData([], [])
        self.modes.setText("")

    def update_snapshot(self, snap) -> None:
        view = snap.extras.get(type(self).__name__)
        if view is not None:
            fake = view["fake"]
            self.fake_scatter.setData(fake[:, 0], fake[:, 1])
            if "modes_total" in view:
                x0, _, _, y1 = self.extent
                self.modes.setText(self.tr("modes covered: {n} of {m}").format(
                    n=view["modes_covered"], m=view["modes_total"]))
                self.modes.setPos(x0, y1)
        super().update_snapshot(snap)

    def _redraw(self) -> None:
        super()._redraw()
        label = self.tr("D: P(real)")
        if self.grid.size and self.key.axis.labelText != label:
            self.key.axis.setLabel(label)
