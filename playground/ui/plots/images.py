"""Image panels: CNN filters, feature maps, the confusion matrix and sample predictions.

Every image has a colour key with real values. Signed values (weights, filters, signed
activations) use the theme's diverging map around zero, so sign reads at a glance.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QGraphicsRectItem, QHBoxLayout, QLabel, QSpinBox

from playground.engine.registry import is_weight
from playground.ui.common import style
from playground.engine.registry import shape_text
from playground.ui.plots.base import REDRAW_INTERVAL, PlotPanel, has_conv, trains_in_turns
from playground.ui.plots.keys import colour_key, nice_ceiling, symmetric

SAMPLE_COLUMNS = 8


def tile(images: np.ndarray, pad: int = 1, columns: int | None = None, band: int = 0) -> np.ndarray:
    """Tile (n, h, w) images, values unchanged, into one image; gaps (and a ``band`` of rows under
    each image, for its caption) are NaN, which draws transparent."""
    n, h, w = images.shape
    cols = columns or int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    cell_h = h + band + pad
    out = np.full((rows * cell_h + pad, cols * (w + pad) + pad), np.nan, dtype=np.float32)
    for i, img in enumerate(images):
        r, c = divmod(i, cols)
        out[pad + r * cell_h:pad + r * cell_h + h, pad + c * (w + pad):pad + c * (w + pad) + w] = img
    return out


class _ImagePanel(PlotPanel):
    """One image with locked aspect and no axes, a colour key when ``key_label`` names the values,
    and an optional layer picker row."""
    redraw_interval = REDRAW_INTERVAL

    picker_label = ""
    key_label = ""  # no colour key without a label

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.controls = QHBoxLayout()
        self.layout().insertLayout(0, self.controls)
        if self.picker_label:
            self.controls.addWidget(QLabel(QCoreApplication.translate(type(self).__name__, self.picker_label)))
            self.layer_box = QComboBox()
            self.layer_box.currentTextChanged.connect(lambda _t: self.refresh())
            self.controls.addWidget(self.layer_box, 1)
        self.plot = self.add_plot()
        self.plot.setAspectLocked(True)
        self.plot.invertY(True)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.setDefaultPadding(0.01)
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        self.signed = True
        self.key = colour_key(self.plot, self.image, style.diverging_map(), QCoreApplication.translate(type(self).__name__, self.key_label)) \
            if self.key_label else None
        if self.key is not None:
            self.key.hide()  # until there are values to key
        self.shown = np.zeros((1, 1), dtype=np.float32)

    def _set_layers(self, layers: list[str]) -> None:
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        self.layer_box.addItems(layers)
        self.layer_box.blockSignals(False)

    def _colour_map(self, theme: style.Theme) -> pg.ColorMap:
        return style.diverging_map(theme) if self.signed else style.sequential_map(theme)

    def _show(self, image: np.ndarray, levels: tuple[float, float], signed: bool) -> None:
        """Draw ``image`` (NaN gaps transparent) with the key spanning ``levels``."""
        self.shown = image
        if signed != self.signed:
            self.signed = signed
            self.apply_theme(style.theme())
        if self.key is not None:
            self.key.setLevels(levels)
            self.key.show()
        self.image.setImage(image, levels=levels)

    def _show_values(self, image: np.ndarray) -> None:
        """Signed values around zero on the diverging map, others from zero on the sequential one."""
        finite = image[np.isfinite(image)]
        if finite.size and finite.min() < 0:
            self._show(image, symmetric(finite), True)
        else:
            self._show(image, (0.0, nice_ceiling(float(finite.max()) if finite.size else 1.0)), False)

    def apply_theme(self, theme: style.Theme) -> None:
        super().apply_theme(theme)
        if self.key is not None:
            self.key.setColorMap(self._colour_map(theme))
        else:
            self.image.setColorMap(self._colour_map(theme))

    def clear(self) -> None:
        super().clear()
        self.shown = np.zeros((0, 0), dtype=np.float32)

    def data_table(self):
        h, w = self.shown.shape
        return ["row", "col", "value"], [[r, c, float(self.shown[r, c])] for r in range(h) for c in range(w)]


class FiltersPanel(_ImagePanel):
    """The kernels of a Conv2D layer: one row per filter, one column per input channel, on one
    scale around zero (orange negative, blue positive), so filters compare with each other."""

    title = QT_TRANSLATE_NOOP("FiltersPanel", "CNN filters")
    view_name = "filters"  # playground shot PRESET --view filters
    front_rank = 30

    @classmethod
    def note(cls, analysis, graph, shape):
        return None if has_conv(graph) else \
            QCoreApplication.translate("FiltersPanel", "This network has no Conv2D layer: add one to see the filters it learns.")
    picker_label = QT_TRANSLATE_NOOP("FiltersPanel", "Conv2D layer:")
    key_label = QT_TRANSLATE_NOOP("FiltersPanel", "weight")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kernels: dict[str, np.ndarray] = {}
        self.apply_theme(style.theme())

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
        self._show(tile(tiles, columns=in_ch if in_ch > 1 else None), symmetric(w), True)


class FeatureMapsPanel(_ImagePanel):
    """Activations of a conv/pool layer for one validation sample (chosen with the spin box), on one
    scale for the whole layer."""

    title = QT_TRANSLATE_NOOP("FeatureMapsPanel", "Feature maps")
    view_name = "feature_maps"  # playground shot PRESET --view feature_maps

    @classmethod
    def note(cls, analysis, graph, shape):
        if any(s is not None and len(s) == 3 for node, s in analysis.shapes.items() if node != analysis.dataset):
            return None
        return QCoreApplication.translate("FeatureMapsPanel", "Feature maps show image-shaped layer outputs (Conv2D, pooling): this network has none.")
    picker_label = QT_TRANSLATE_NOOP("FeatureMapsPanel", "Layer:")
    key_label = QT_TRANSLATE_NOOP("FeatureMapsPanel", "activation")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.controls.addWidget(QLabel(self.tr("Sample:")))
        self.sample_box = QSpinBox()
        self.sample_box.setRange(0, 0)
        self.sample_box.setToolTip(self.tr("Which validation sample to show (applies from the next update)"))
        self.controls.addWidget(self.sample_box)
        self.maps: dict[str, np.ndarray] = {}
        self.apply_theme(style.theme())

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
            self._show_values(tile(maps))


TEXT_CLASSES = 20  # a confusion matrix of more classes writes no count in its cells


class ConfusionPanel(_ImagePanel):
    """counts[true class, predicted class] on validation data; the diagonal is what is right.

    Cells are coloured by their share of the true class (a row sums to 1), so the diagonal reads
    as per-class recall; each cell's count is written in black or white, whichever reads better."""

    title = QT_TRANSLATE_NOOP("ConfusionPanel", "Confusion matrix")
    view_name = "confusion"  # playground shot PRESET --view confusion
    front_rank = 10

    @classmethod
    def note(cls, analysis, graph, shape):
        if trains_in_turns(analysis, graph):
            return QCoreApplication.translate("ConfusionPanel", "The confusion matrix is for classification: a GAN's discriminator tells real samples from generated ones, and the D and G view shows how well.")
        return None if analysis.num_classes or not analysis.loss else \
            QCoreApplication.translate("ConfusionPanel", "The confusion matrix is for classification: this network predicts numbers.")
    key_label = QT_TRANSLATE_NOOP("ConfusionPanel", "share of the true class")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.signed = False
        # Over TEXT_CLASSES classes the cells are too small to write in: a note says where the
        # counts are (hover, CSV), the axes name every few classes.
        self.many_note = QLabel()
        self.many_note.setWordWrap(True)
        self.many_note.hide()
        self.controls.addWidget(self.many_note, 1)
        self.graphics.scene().sigMouseMoved.connect(self._hover)
        self.plot.showAxis("left")
        self.plot.showAxis("bottom")
        self.plot.setLabel("left", self.tr("true class"))
        self.plot.setLabel("bottom", self.tr("predicted class"))
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setStyle(tickLength=0)
        self.texts: list[pg.TextItem] = []
        self.matrix = np.zeros((0, 0), dtype=np.int64)
        self.apply_theme(style.theme())

    def reset(self, setup) -> None:
        for t in self.texts:
            self.plot.removeItem(t)
        self.matrix = np.zeros((0, 0), dtype=np.int64)
        k = setup.num_classes or 0
        every = next((n for n in (1, 2, 5, 10, 20, 50, 100, 200, 500) if k <= TEXT_CLASSES * n), 1000)
        ticks = [[(i + 0.5, str(i)) for i in range(0, k, every)], []]
        self.plot.getAxis("left").setTicks(ticks)
        self.plot.getAxis("bottom").setTicks(ticks)
        font = QFont()
        font.setPointSizeF(9 if k <= 6 else 8)
        self.texts = []
        self.many_note.setText(self.tr(
            "{k} classes: too many to write each count in its cell. Hover a cell for its count, "
            "or save the data as CSV (right-click).").format(k=k))
        self.many_note.setVisible(k > TEXT_CLASSES)
        self.graphics.setToolTip("")
        for i in range(k * k if k <= TEXT_CLASSES else 0):
            text = pg.TextItem("", anchor=(0.5, 0.5))
            text.setFont(font)
            r, c = divmod(i, k)
            text.setPos(c + 0.5, r + 0.5)
            self.plot.addItem(text)
            self.texts.append(text)
        self.matrix = np.zeros((k, k), dtype=np.int64)
        if k:
            self.plot.setRange(xRange=(0, k), yRange=(0, k), padding=0.02)

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        if snap.confusion is None:
            return
        self.matrix = snap.confusion
        self.refresh()

    def cell_text(self, row: int, col: int) -> str:
        """What hovering cell (true ``row``, predicted ``col``) says."""
        total = int(self.matrix[row].sum())
        return self.tr("true {t}, predicted {p}: {n} of {total} ({share:.0%})").format(
            t=row, p=col, n=int(self.matrix[row, col]), total=total, share=float(self.shares()[row, col]))

    def _hover(self, scene_pos) -> None:
        if not self.matrix.size or self.texts:
            return
        point = self.plot.vb.mapSceneToView(scene_pos)
        row, col = int(np.floor(point.y())), int(np.floor(point.x()))
        k = len(self.matrix)
        inside = 0 <= row < k and 0 <= col < k and self.plot.vb.sceneBoundingRect().contains(scene_pos)
        self.graphics.setToolTip(self.cell_text(row, col) if inside else "")

    def shares(self) -> np.ndarray:
        """Each cell's share of its row (its true class); empty rows are 0."""
        totals = self.matrix.sum(axis=1, keepdims=True)
        return np.divide(self.matrix, totals, out=np.zeros(self.matrix.shape), where=totals > 0)

    def _redraw(self) -> None:
        if not self.matrix.size:  # a new run, no matrix yet
            return
        shares = self.shares()
        self._show(shares.astype(np.float32), (0.0, 1.0), False)
        self._colour_texts()

    def _colour_texts(self) -> None:
        cells = self._colour_map(style.theme()).map(self.shares().ravel(), mode="byte")
        for text, value, (r, g, b, _a) in zip(self.texts, self.matrix.ravel(), cells):
            label, colour = str(int(value)), style.text_on(QColor(int(r), int(g), int(b)))
            if text.toPlainText() != label:
                text.setText(label)
            if text.textItem.defaultTextColor() != colour:
                text.setColor(colour)

    def cell_colour(self, row: int, col: int) -> QColor:
        """The colour the cell is painted in (for contrast checks)."""
        return self._colour_map(style.theme()).map(float(self.shares()[row, col]), mode="qcolor")

    def apply_theme(self, theme: style.Theme) -> None:
        super().apply_theme(theme)
        if hasattr(self, "many_note"):
            self.many_note.setStyleSheet(f"QLabel {{ color: {theme.muted}; padding: 2px 6px; }}")
        if self.matrix.size and self.texts:
            self._colour_texts()

    def data_table(self):
        k = len(self.matrix)
        return ["true", *[f"pred_{c}" for c in range(k)]], [[r, *map(int, self.matrix[r])] for r in range(k)]


class SamplePredictionsPanel(_ImagePanel):
    """A grid of validation images in grayscale, each with "true → predicted" under it; wrong ones
    are framed and written in red."""

    title = QT_TRANSLATE_NOOP("SamplePredictionsPanel", "Sample predictions")
    view_name = "samples"  # playground shot PRESET --view samples

    @classmethod
    def note(cls, analysis, graph, shape):
        return None if len(shape) == 3 else (
            QCoreApplication.translate("SamplePredictionsPanel", "Sample predictions are shown for image data: this network's input has shape {shape_text}.").format(shape_text=shape_text(shape)))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.signed = False
        self.caption = pg.LabelItem(self.tr("true → predicted · wrong ones in red"), size="9pt")
        self.graphics.addItem(self.caption, row=1, col=0)
        self.caption.hide()
        self.texts: list[pg.TextItem] = []
        self.frames: list[QGraphicsRectItem] = []
        self.labels = np.zeros(0, dtype=np.int64)
        self.predictions = np.zeros(0, dtype=np.int64)
        self.columns = SAMPLE_COLUMNS
        self.apply_theme(style.theme())

    def reset(self, setup) -> None:
        for item in (*self.texts, *self.frames):
            self.plot.removeItem(item)
        self.texts, self.frames = [], []
        self.labels, self.predictions = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        self.caption.setVisible(setup.sample_images is not None)
        if setup.sample_images is None:
            return
        self.labels = setup.sample_labels.astype(np.int64)
        images = setup.sample_images
        n, h, w = images.shape
        lo, hi = float(images.min()), float(images.max())
        band, pad = max(8, h // 2), 2
        self.shown = tile((images - lo) / (hi - lo or 1.0), pad=pad, columns=self.columns, band=band)
        self.image.setImage(self.shown, levels=(0.0, 1.0))
        font = QFont()
        font.setPointSizeF(9)
        for i in range(n):
            r, c = divmod(i, self.columns)
            x, y = pad + c * (w + pad), pad + r * (h + band + pad)
            frame = QGraphicsRectItem(QRectF(x - 0.5, y - 0.5, w + 1, h + 1))
            frame.setBrush(Qt.NoBrush)
            frame.hide()
            self.plot.addItem(frame)
            self.frames.append(frame)
            text = pg.TextItem("", anchor=(0.5, 0))
            text.setFont(font)
            text.setPos(x + w / 2, y + h + 1)
            self.plot.addItem(text)
            self.texts.append(text)
        self._label()

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        if snap.sample_predictions is None or not self.texts:
            return
        self.predictions = snap.sample_predictions
        self.refresh()

    def _redraw(self) -> None:
        self._label()

    def _label(self) -> None:
        t = style.theme()
        wrong_pen = pg.mkPen(t.wrong, width=2)
        wrong_pen.setCosmetic(True)
        for i, (text, truth) in enumerate(zip(self.texts, self.labels)):
            guess = self.predictions[i] if i < len(self.predictions) else None
            wrong = guess is not None and bool(guess != truth)
            text.setText(f"{truth} → {'…' if guess is None else guess}")
            text.setColor(t.wrong if wrong else t.plot_fg)
            self.frames[i].setPen(wrong_pen)
            self.frames[i].setVisible(wrong)

    def _colour_map(self, theme: style.Theme) -> pg.ColorMap:
        return style.grayscale_map(theme)

    def apply_theme(self, theme: style.Theme) -> None:
        super().apply_theme(theme)
        self.caption.setText(self.caption.text, color=theme.muted)
        self._label()

    def data_table(self):
        return ["index", "label", "predicted"], [[i, int(t), int(p)] for i, (t, p) in
                                                   enumerate(zip(self.labels, self.predictions))]
