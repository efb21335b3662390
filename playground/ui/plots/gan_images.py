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
from playground.ui.plots.base import REDRAW_INTERVAL, PlotPanel
from playground.ui.plots.gan_curves import FAKE_COLOUR, REAL_COLOUR
from playground.ui.plots.keys import side_legend

COLUMNS = 6
CELLS = COLUMNS * COLUMNS
GAP = 1  # pixels between cells
HISTOGRAM_SAMPLES = 500
HISTOGRAM_HEIGHT = 130  # pixels at most: the grids take the rest


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
        # Both grids in one plot, side by side at one scale; below them a short histogram row
        self.grid_plot = self.add_plot(row=0, col=0, colspan=2)
        self.grid_plot.setAspectLocked(True)
        self.grid_plot.invertY(True)  # row 0 of an image at the top, as it is drawn
        for axis in ("left", "bottom"):
            self.grid_plot.hideAxis(axis)
        self.grid_plot.setMouseEnabled(False, False)
        self.grid_plot.hideButtons()
        self.images, self.labels = {}, {}
        # each grid's label, and the short one for a grid narrower than the label (a small dock)
        self.label_texts = {"fake": (self.tr("generated (fixed noise)"), self.tr("G(z)")),
                            "real": (self.tr("real"), self.tr("real"))}
        for name, (text, _short) in self.label_texts.items():
            item = pg.ImageItem()
            item.setLookupTable(_grey_lut())
            self.grid_plot.addItem(item)
            self.images[name] = item
            self.labels[name] = pg.TextItem(text, anchor=(0.5, 1.0))
            self.grid_plot.addItem(self.labels[name])
        self.legend = side_legend(self.graphics, row=1, col=1)
        self.histogram_plot = self.add_plot(row=1, col=0)
        self.histogram_plot.setLabel("bottom", self.tr("pixel value"))
        self.histogram_plot.getAxis("left").enableAutoSIPrefix(False)
        self.histogram_plot.showGrid(y=True, alpha=0.25)
        self.histogram_plot.setMouseEnabled(False, False)
        layout = self.graphics.ci.layout
        layout.setRowStretchFactor(0, 1)
        layout.setRowStretchFactor(1, 0)
        self.histogram_plot.setMaximumHeight(HISTOGRAM_HEIGHT)
        edges = np.linspace(0.0, 1.0, HISTOGRAM_BINS + 1)
        self.edges = edges
        self.real_bars = pg.PlotDataItem(stepMode="center", pen=pg.mkPen(REAL_COLOUR, width=2))
        self.fake_bars = pg.PlotDataItem(stepMode="center", pen=pg.mkPen(FAKE_COLOUR, width=2))
        self.histogram_plot.addItem(self.real_bars)
        self.histogram_plot.addItem(self.fake_bars)
        self.legend.addItem(self.real_bars, self.tr("real pixels"))
        self.legend.addItem(self.fake_bars, self.tr("generated pixels"))
        self.side = self.grid_width = 0
        self.grid_plot.vb.sigResized.connect(lambda *_a: self._fit_labels())
        self.cells = self.real = np.zeros((0, 0), dtype=np.float32)
        self.real_histogram = self.fake_histogram = np.zeros(0)

    def reset(self, setup) -> None:
        self.cells = np.zeros((0, 0), dtype=np.float32)
        self.fake_histogram = np.zeros(0)
        self.images["fake"].clear()
        self.fake_bars.setData([], [])
        self.histogram_plot.setTitle("")
        self.images["real"].clear()
        for label in self.labels.values():
            label.setPos(0, 0)
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

    def _set_image(self, name: str, image: np.ndarray, x: float) -> None:
        """One grid at ``x`` (plot units: pixels), its label centred above it."""
        h, w = image.shape
        self.images[name].setImage(image, levels=(0.0, 1.0))
        self.images[name].setRect(QRectF(x, 0, w, h))
        self.labels[name].setPos(x + w / 2, -0.5)

    def _redraw(self) -> None:
        side = image_side(self.cells.shape[1:])
        if not side:
            return
        self.side = side
        fake = tile(self.cells, side)
        self._set_image("fake", fake, 0)
        self._set_image("real", tile(self.real, side), fake.shape[1] + 2 * side)
        self.grid_width = fake.shape[1]
        self.grid_plot.setRange(xRange=(0, 2 * fake.shape[1] + 2 * side), yRange=(-2 * side, fake.shape[0]),
                                padding=0.02)
        self._fit_labels()
        self.fake_bars.setData(self.edges, self.fake_histogram)
        self.real_bars.setData(self.edges, self.real_histogram)
        self.histogram_plot.setTitle(self.tr("distance to real: {d:.2f}").format(d=self.distance_to_real()),
                                     size="9pt")

    def _fit_labels(self) -> None:
        """Each grid's label in the room between the grids' centres (the short one, or none, when
        the full one would run into its neighbour), and room above the grids for its height."""
        px = self.grid_plot.vb.viewPixelSize()[0] if self.side else 0.0
        if not px:
            return
        room = (self.grid_width + 2 * self.side) / px - 8
        height = 0.0
        for name, texts in self.label_texts.items():
            label = self.labels[name]
            for text in texts:
                label.setText(text)
                if label.textItem.boundingRect().width() <= room:
                    break
            label.setVisible(label.textItem.boundingRect().width() <= room)
            height = max(height, label.textItem.boundingRect().height())
        top = max(2 * self.side, (height + 2) * px)
        if top > 2 * self.side * 1.01:
            self.grid_plot.setYRange(-top, self.images["fake"].height() or 0, padding=0.02)

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
