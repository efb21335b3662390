"""The tiny image GAN's view: a grid of generated images beside real ones, and their pixel
histograms. The fakes come from a fixed set of latent vectors, so each cell is one sample the
learner watches evolve from a grey blur into a digit."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF

from playground.engine.gan import is_gan
from playground.engine.gan_metrics import HISTOGRAM_BINS, latents, pixel_histogram, real_samples
from playground.engine.kernel_lock import KERNEL_LOCK
from playground.ui.common import style
from playground.ui.plots.base import REDRAW_INTERVAL, PlotPanel
from playground.ui.plots.gan_curves import FAKE_COLOUR, REAL_COLOUR
from playground.ui.plots.keys import legend_row, spread

COLUMNS = 6
CELLS = COLUMNS * COLUMNS
GAP = 1  # pixels between cells
HISTOGRAM_SAMPLES = 500


def image_side(shape: tuple[int, ...]) -> int | None:
    """The side of the square grey images a flat sample of ``shape`` holds (64 -> 8), else None."""
    size = int(np.prod(shape)) if shape else 0
    side = round(np.sqrt(size))
    return side if len(shape) == 1 and size >= 16 and side * side == size else None


def tile(images: np.ndarray, side: int, columns: int = COLUMNS, gap: int = GAP) -> np.ndarray:
    """(n, side*side) pixels in [0, 1] as one image of ``columns`` cells a row, NaN between cells
    (drawn as the background). Cell i's top-left pixel is at (row i // columns, col i % columns)
    times ``side + gap`` plus ``gap``. Row 0 of the result is the top row on screen."""
    n = len(images)
    rows = int(np.ceil(n / columns))
    step = side + gap
    out = np.full((rows * step + gap, columns * step + gap), np.nan, dtype=np.float32)
    for i, img in enumerate(np.clip(images, 0.0, 1.0)):
        r, c = divmod(i, columns)
        out[gap + r * step: gap + r * step + side, gap + c * step: gap + c * step + side] = img.reshape(side, side)
    return out


def _probe(model, data):
    side = image_side(getattr(model, "input_shape", ()))
    if side is None or not hasattr(model, "generate"):
        return None
    with KERNEL_LOCK:
        fake = model.generate(latents(model, max(CELLS, HISTOGRAM_SAMPLES)))
    real = real_samples(data)
    return {"cells": fake[:CELLS].copy(), "histogram": pixel_histogram(fake),
            "real": real[:CELLS].copy(), "real_histogram": pixel_histogram(real),
            "step": model.d_updates + model.g_updates}


class GANImagesPanel(PlotPanel):
    title = QT_TRANSLATE_NOOP("GANImagesPanel", "GAN images")
    view_name = "gan"  # playground shot PRESET --view gan: this one for images, GANPanel for 2D
    front_rank = 80
    redraw_interval = REDRAW_INTERVAL
    probe = staticmethod(_probe)

    @classmethod
    def note(cls, analysis, graph, shape):
        if not is_gan(graph):
            return QCoreApplication.translate("GANImagesPanel", "This view shows the images a generator draws: open a GAN preset such as concept_gan_digits.")
        if image_side(shape) is None:
            return QCoreApplication.translate("GANImagesPanel", "This view shows generated images: the real samples must be square grey images given as one row of pixels (64 for 8x8). These have shape {shape}.").format(shape="x".join(map(str, shape)))
        return None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.fake_plot = self.add_plot(row=0, col=0, title=self.tr("generated (fixed noise)"))
        self.real_plot = self.add_plot(row=0, col=1, title=self.tr("real"))
        self.images = {}
        for name, plot in (("fake", self.fake_plot), ("real", self.real_plot)):
            plot.setAspectLocked(True)
            plot.invertY(True)  # row 0 of an image at the top, as it is drawn
            for axis in ("left", "bottom"):
                plot.hideAxis(axis)
            plot.setMouseEnabled(False, False)
            plot.hideButtons()
            item = pg.ImageItem()
            item.setLookupTable(_grey_lut())
            plot.addItem(item)
            self.images[name] = item
        self.legend = legend_row(self.graphics, row=1, col=0)
        self.histogram_plot = self.add_plot(row=2, col=0, colspan=2)
        self.histogram_plot.setLabel("bottom", self.tr("pixel value"))
        self.histogram_plot.setLabel("left", self.tr("share of pixels"))
        self.histogram_plot.getAxis("left").enableAutoSIPrefix(False)
        self.histogram_plot.showGrid(y=True, alpha=0.25)
        self.histogram_plot.setMouseEnabled(False, False)
        self.graphics.ci.layout.setColumnStretchFactor(0, 1)  # both grids the same size
        self.graphics.ci.layout.setColumnStretchFactor(1, 1)
        self.graphics.ci.layout.setRowStretchFactor(0, 3)
        self.graphics.ci.layout.setRowStretchFactor(2, 1)
        edges = np.linspace(0.0, 1.0, HISTOGRAM_BINS + 1)
        self.edges = edges
        self.real_bars = pg.PlotDataItem(stepMode="center", pen=pg.mkPen(REAL_COLOUR, width=2))
        self.fake_bars = pg.PlotDataItem(stepMode="center", pen=pg.mkPen(FAKE_COLOUR, width=2))
        self.histogram_plot.addItem(self.real_bars)
        self.histogram_plot.addItem(self.fake_bars)
        self.legend.addItem(self.real_bars, self.tr("real pixels"))
        self.legend.addItem(self.fake_bars, self.tr("generated pixels"))
        spread(self.legend)
        self.distance = pg.TextItem(anchor=(1, 0))
        self.distance.setParentItem(self.histogram_plot.vb)
        self.histogram_plot.vb.sigResized.connect(self._place_distance)
        self.side = 0
        self.cells = self.real = np.zeros((0, 0), dtype=np.float32)
        self.real_histogram = self.fake_histogram = np.zeros(0)
        self.apply_theme(style.theme())

    def apply_theme(self, theme) -> None:
        super().apply_theme(theme)
        if hasattr(self, "distance"):
            self.distance.setColor(theme.text)

    def _place_distance(self, *_args) -> None:
        self.distance.setPos(self.histogram_plot.vb.boundingRect().width() - 6, 2)

    def reset(self, setup) -> None:
        self.cells = np.zeros((0, 0), dtype=np.float32)
        self.fake_histogram = np.zeros(0)
        self.images["fake"].clear()
        self.fake_bars.setData([], [])
        self.distance.setText("")
        self.images["real"].clear()
        self.real_bars.setData([], [])
        self.real = np.zeros((0, 0), dtype=np.float32)
        self.real_histogram = np.zeros(0)

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        view = snap.extras.get(type(self).__name__)
        if view is None:
            return
        self.cells, self.fake_histogram = view["cells"], view["histogram"]
        self.real, self.real_histogram = view["real"], view["real_histogram"]
        self.refresh()

    def _set_image(self, item: pg.ImageItem, image: np.ndarray) -> None:
        item.setImage(image, levels=(0.0, 1.0))
        item.setRect(QRectF(0, 0, image.shape[1], image.shape[0]))

    def _redraw(self) -> None:
        side = image_side(self.cells.shape[1:])
        if not side:
            return
        self.side = side
        self._set_image(self.images["fake"], tile(self.cells, side))
        self._set_image(self.images["real"], tile(self.real, side))
        self.fake_bars.setData(self.edges, self.fake_histogram)
        self.real_bars.setData(self.edges, self.real_histogram)
        self.distance.setText(self.tr("histogram distance to real: {d:.2f}").format(d=self.distance_to_real()))
        self._place_distance()

    def distance_to_real(self) -> float:
        """L1 distance between the generated and the real pixel histograms on screen."""
        return float(np.abs(self.fake_histogram - self.real_histogram).sum())

    def cell(self, i: int) -> np.ndarray:
        """The pixels cell ``i`` of the generated grid shows, as a side x side image."""
        side = self.side
        r, c = divmod(i, COLUMNS)
        step = side + GAP
        image = self.images["fake"].image
        return image[GAP + r * step: GAP + r * step + side, GAP + c * step: GAP + c * step + side]

    def data_table(self):
        header = ["bin_low", "bin_high", "real", "generated"]
        if not len(self.fake_histogram):
            return header, []
        return header, [[float(self.edges[i]), float(self.edges[i + 1]), float(self.real_histogram[i]),
                         float(self.fake_histogram[i])] for i in range(HISTOGRAM_BINS)]


def _grey_lut() -> np.ndarray:
    """Black to white; NaN (between cells) stays transparent, showing the plot's background."""
    ramp = np.linspace(0, 255, 256).astype(np.ubyte)
    return np.stack([ramp, ramp, ramp, np.full(256, 255, np.ubyte)], axis=1)
