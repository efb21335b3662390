"""Image panels: CNN filters, feature maps, the confusion matrix and sample predictions."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox

from playground.engine.registry import is_weight
from playground.ui.plots.base import REDRAW_INTERVAL, PlotPanel, mosaic


class _ImagePanel(PlotPanel):
    """One image with locked aspect and no axes, plus an optional layer picker row."""
    redraw_interval = REDRAW_INTERVAL

    picker_label = ""
    diverging = False

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.controls = QHBoxLayout()
        self.layout().insertLayout(0, self.controls)
        if self.picker_label:
            self.controls.addWidget(QLabel(self.picker_label))
            self.layer_box = QComboBox()
            self.layer_box.currentTextChanged.connect(lambda _t: self.refresh())
            self.controls.addWidget(self.layer_box, 1)
        self.plot = self.add_plot(title=self.title)
        self.plot.setAspectLocked(True)
        self.plot.invertY(True)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("CET-D1A" if self.diverging else "viridis"))
        self.plot.addItem(self.image)
        self.shown = np.zeros((1, 1), dtype=np.float32)

    def _set_layers(self, layers: list[str]) -> None:
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        self.layer_box.addItems(layers)
        self.layer_box.blockSignals(False)

    def _show(self, image: np.ndarray, levels: tuple[float, float] | None = None) -> None:
        self.shown = image
        self.image.setImage(np.nan_to_num(image, nan=np.nanmin(image) if np.isfinite(image).any() else 0),
                            autoLevels=levels is None, levels=levels)

    def clear(self) -> None:
        super().clear()
        self.shown = np.zeros((0, 0), dtype=np.float32)

    def data_table(self):
        h, w = self.shown.shape
        return ["row", "col", "value"], [[r, c, float(self.shown[r, c])] for r in range(h) for c in range(w)]


class FiltersPanel(_ImagePanel):
    """The kernels of a Conv2D layer: one row per filter, one column per input channel."""

    title = "CNN filters"
    picker_label = "Conv2D layer:"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kernels: dict[str, np.ndarray] = {}

    def reset(self, setup) -> None:
        self.kernels = {}
        self._set_layers(setup.conv_layers)

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        for name, w in snap.weights.items():
            layer, param = name.rsplit(".", 1)
            if is_weight(param) and w.ndim == 4:
                self.kernels[layer] = w
        self.refresh()

    def _redraw(self) -> None:
        w = self.kernels.get(self.layer_box.currentText())
        if w is None:
            return
        out_ch, in_ch, kh, kw = w.shape
        tiles = w.reshape(out_ch * in_ch, kh, kw)
        self._show(mosaic(tiles, columns=in_ch if in_ch > 1 else None))


class FeatureMapsPanel(_ImagePanel):
    """Activations of a conv/pool layer for one validation sample (chosen with the spin box)."""

    title = "Feature maps"
    picker_label = "Layer:"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.controls.addWidget(QLabel("Sample:"))
        self.sample_box = QSpinBox()
        self.sample_box.setRange(0, 0)
        self.sample_box.setToolTip("Which validation sample to show (applies from the next update)")
        self.controls.addWidget(self.sample_box)
        self.maps: dict[str, np.ndarray] = {}

    def reset(self, setup) -> None:
        self.maps = {}
        self._set_layers(setup.feature_layers)
        count = 0 if setup.sample_images is None else len(setup.sample_images) - 1
        self.sample_box.setRange(0, max(count, 0))

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        if snap.feature_maps:
            self.maps = snap.feature_maps
            self.refresh()

    def _redraw(self) -> None:
        maps = self.maps.get(self.layer_box.currentText())
        if maps is not None:
            self._show(mosaic(maps))


class ConfusionPanel(_ImagePanel):
    """counts[true class, predicted class] on validation data; the diagonal is what is right."""

    title = "Confusion matrix"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plot.showAxis("left")
        self.plot.showAxis("bottom")
        self.plot.setLabel("left", "true class")
        self.plot.setLabel("bottom", "predicted class")
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.texts: list[pg.TextItem] = []
        self.matrix = np.zeros((0, 0), dtype=np.int64)

    def reset(self, setup) -> None:
        for t in self.texts:
            self.plot.removeItem(t)
        self.matrix = np.zeros((0, 0), dtype=np.int64)
        k = setup.num_classes or 0
        ticks = [[(i + 0.5, str(i)) for i in range(k)]]
        self.plot.getAxis("left").setTicks(ticks)
        self.plot.getAxis("bottom").setTicks(ticks)
        self.texts = []
        for i in range(k * k):
            text = pg.TextItem("", color="w", anchor=(0.5, 0.5))
            r, c = divmod(i, k)
            text.setPos(c + 0.5, r + 0.5)
            self.plot.addItem(text)
            self.texts.append(text)

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        if snap.confusion is None:
            return
        self.matrix = snap.confusion
        self.refresh()

    def _redraw(self) -> None:
        if not self.matrix.size:  # a new run, no matrix yet
            return
        self._show(np.log1p(self.matrix.astype(np.float32)))
        for text, value in zip(self.texts, self.matrix.ravel()):
            text.setText(str(int(value)))

    def data_table(self):
        k = len(self.matrix)
        return ["true", *[f"pred_{c}" for c in range(k)]], [[r, *map(int, self.matrix[r])] for r in range(k)]


class SamplePredictionsPanel(_ImagePanel):
    """A grid of validation images with the predicted class; wrong ones are marked in red."""

    title = "Sample predictions"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.image.setColorMap(pg.colormap.get("gray" if "gray" in pg.colormap.listMaps() else "viridis"))
        self.texts: list[pg.TextItem] = []
        self.labels = np.zeros(0, dtype=np.int64)
        self.predictions = np.zeros(0, dtype=np.int64)
        self.columns = 8

    def reset(self, setup) -> None:
        for t in self.texts:
            self.plot.removeItem(t)
        self.texts = []
        self.labels, self.predictions = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        if setup.sample_images is None:
            return
        self.labels = setup.sample_labels.astype(np.int64)
        images = setup.sample_images
        h, w = images.shape[1:]
        self._show(mosaic(images, pad=2, columns=self.columns), levels=(0, 1))
        for i in range(len(images)):
            r, c = divmod(i, self.columns)
            text = pg.TextItem("", anchor=(0, 0))
            text.setPos(2 + c * (w + 2), 2 + r * (h + 2))
            self.plot.addItem(text)
            self.texts.append(text)

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        if snap.sample_predictions is None or not self.texts:
            return
        self.predictions = snap.sample_predictions
        self.refresh()

    def _redraw(self) -> None:
        for text, guess, truth in zip(self.texts, self.predictions, self.labels):
            wrong = guess != truth
            text.setText(f"{guess}" + (f"≠{truth}" if wrong else ""))
            text.setColor("#ff3030" if wrong else "#30d030")

    def data_table(self):
        return ["index", "label", "predicted"], [[i, int(t), int(p)] for i, (t, p) in
                                                   enumerate(zip(self.labels, self.predictions))]
