"""Draw a digit: the learner writes on a pad and watches the trained network read it.

Every stroke is prepared like the training data (``engine/digit_input``), run through a private
copy of the network with the weights of the latest snapshot (``engine/digit_reader``, on one
background thread, so the GUI never waits for the training worker's lock), and shown as class
probabilities, the input as the network sees it and the first Conv2D layer's feature maps.
"""
from __future__ import annotations

import threading
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.engine.digit_input import input_kind
from playground.engine.digit_reader import (
    DigitReader,
    DigitReading,
    DigitWeights,
    digit_weights,
)
from playground.engine.registry import shape_text
from playground.ui.common import style
from playground.ui.plots.base import PlotPanel
from playground.ui.plots.drawing_pad import (
    DEFAULT_THICKNESS,
    MAX_THICKNESS,
    MIN_THICKNESS,
    DrawingPad,
)
from playground.ui.plots.images import tile
from playground.ui.plots.keys import symmetric

PAD_SHARE = 0.52  # of the panel's width at most
MIN_PAD = 100
DEFAULT_CLASSES = 10
DOUBT = 0.8  # below this probability the headline names the runner-up too


class _Relay(QObject):
    """Carries a reading from the reader thread to the panel (a queued signal)."""

    done = Signal(int, object)  # request number, DigitReading or an error message


class _ReaderThread:
    """One background thread reads the drawings of every pad. Each pad has at most one request
    waiting: a newer drawing replaces an older one not yet read, so fast strokes never queue up."""

    def __init__(self) -> None:
        self._wake = threading.Condition()
        self._jobs: dict[int, tuple] = {}
        self._thread: threading.Thread | None = None

    def submit(self, owner: int, job: tuple) -> None:
        with self._wake:
            self._jobs[owner] = job
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="digit-reader", daemon=True)
                self._thread.start()
            self._wake.notify()

    def _loop(self) -> None:
        while True:
            with self._wake:
                while not self._jobs:
                    self._wake.wait()
                _owner, (reader, weights, ink, relay, ticket) = self._jobs.popitem()
            try:
                if reader.weights is not weights:
                    reader.load(weights)
                result = reader.read(ink)
            except Exception as exc:  # shown on the panel, never lost in the thread
                result = f"{type(exc).__name__}: {exc}"
            try:
                relay.done.emit(ticket, result)
            except RuntimeError:  # the panel's window has closed
                pass


READER_THREAD = _ReaderThread()


def _tr(text: str) -> str:
    return QCoreApplication.translate("DigitPanel", text)


class DigitPanel(PlotPanel):
    """A drawing pad beside the class probabilities, the input as the network sees it and the
    first layer's feature maps of the drawing."""

    title = QT_TRANSLATE_NOOP("DigitPanel", "Draw a digit")
    view_name = "digit"  # playground shot PRESET --view digit
    probe = staticmethod(digit_weights)

    @classmethod
    def note(cls, analysis, graph, shape):
        if input_kind(shape) is not None and analysis.num_classes:
            return None
        return _tr("Drawing a digit needs a network that classifies 28x28 (MNIST) or 8x8 (digits) "
                   "grey images: this network's input is {shape}.").format(shape=shape_text(shape))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weights: DigitWeights | None = None
        self.reading: DigitReading | None = None
        self.samples: np.ndarray | None = None  # (n, H, W) validation images of the run
        self.sample_labels: np.ndarray | None = None
        self._next_sample = 0
        self.sample_label: int | None = None  # the label of the validation image on the pad
        self.latency: float | None = None  # seconds from the last request to its reading on screen
        self._reader = DigitReader()  # used only on the reader thread
        self._relay = _Relay()
        self._relay.done.connect(self._on_reading)
        self._ticket = 0  # requests made
        self._shown = 0  # the newest request whose reading is on screen
        self._asked_at = 0.0
        self._build()
        self.apply_theme(style.theme())
        self._say_state()

    # --- construction -------------------------------------------------------------------------
    def _build(self) -> None:
        self.pad = DrawingPad()
        self.pad.changed.connect(self._drawing_changed)
        self.pad.refused.connect(self._show_refusal)
        self.thickness = QSlider(Qt.Horizontal)
        self.thickness.setRange(MIN_THICKNESS, MAX_THICKNESS)
        self.thickness.setValue(DEFAULT_THICKNESS)
        self.thickness.setToolTip(self.tr("How thick the pen writes (the whole drawing follows)"))
        self.thickness.valueChanged.connect(self.pad.set_thickness)
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Wipe the pad (Delete)"))
        self.clear_button.clicked.connect(self.pad.clear)
        self.sample_button = QToolButton()
        self.sample_button.setText(self.tr("Sample"))
        self.sample_button.setToolTip(self.tr("Put a validation image on the pad, a different one each "
                                              "time: compare your writing with the data's"))
        self.sample_button.clicked.connect(self.show_sample)
        self.sample_button.setEnabled(False)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(QLabel(self.tr("Pen")))
        controls.addWidget(self.thickness, 1)
        controls.addWidget(self.sample_button)
        controls.addWidget(self.clear_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addStretch(1)
        left.addWidget(self.pad, 0, Qt.AlignHCenter)
        left.addLayout(controls)
        left.addWidget(self.message)
        left.addStretch(1)
        self.left = QWidget()
        self.left.setLayout(left)
        self.setMinimumSize(220, 160)  # the pad follows the panel's size (``_fit_pad``)

        self.headline = QLabel()
        self.headline.setTextFormat(Qt.RichText)
        self.headline.setWordWrap(True)
        self.headline.setMinimumHeight(58)
        self.headline.setAlignment(Qt.AlignVCenter | Qt.AlignLeft)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.headline)
        base = self.layout()
        base.removeWidget(self.graphics)
        right.addWidget(self.graphics, 1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.left, 0)
        row.addLayout(right, 1)
        base.addLayout(row, 1)

        self.bars_plot = self.add_plot(row=0, col=0, colspan=2)
        self.bars_plot.setMouseEnabled(False, False)
        self.bars_plot.hideButtons()
        self.bars_plot.setMenuEnabled(True)
        self.bars_plot.getAxis("left").setTicks([[(0, "0"), (0.5, "50%"), (1, "100%")], []])
        self.bars_plot.getAxis("bottom").setStyle(tickLength=0)
        self._set_classes(DEFAULT_CLASSES)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.72, x0=None)
        self.bars_plot.addItem(self.bars)
        self.graphics.scene().sigMouseMoved.connect(self._hover_bars)

        self.seen_plot = self._image_plot(1, 0, self.tr("input"))
        self.seen = pg.ImageItem()
        self.seen_plot.addItem(self.seen)
        self.seen_frame = QGraphicsRectItem()  # the field's edge, on either theme's background
        self.seen_frame.setBrush(Qt.NoBrush)
        self.seen_plot.addItem(self.seen_frame)
        self.maps_plot = self._image_plot(1, 1, self.tr("feature maps"))
        self.maps = pg.ImageItem()
        self.maps_plot.addItem(self.maps)
        self.graphics.ci.layout.setRowStretchFactor(0, 1)
        self.graphics.ci.layout.setRowStretchFactor(1, 1)
        self.graphics.ci.layout.setColumnStretchFactor(1, 2)
        self.seen_plot.setToolTip(self.tr("The drawing as the network sees it: scaled, centred and "
                                          "normalised like its training images"))

    def _set_classes(self, k: int) -> None:
        self.bars_plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(k)], []])
        self.bars_plot.disableAutoRange()
        self.bars_plot.setRange(xRange=(-0.6, k - 0.4), yRange=(0, 1.02), padding=0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_pad()

    def _fit_pad(self) -> None:
        """The biggest square pad that leaves the readings their share of the width and the
        pen controls room below it."""
        below = self.thickness.sizeHint().height() + 12
        if self.message.isVisible():
            below += self.message.sizeHint().height() + 6
        side = min(int(self.width() * PAD_SHARE), self.height() - below - 8)
        side = max(side, MIN_PAD)
        if self.pad.width() != side:
            self.pad.setFixedSize(side, side)
            self.left.setFixedWidth(side)

    def bar_tip(self, x: float) -> str:
        """What hovering the bars at class coordinate ``x`` says ('' off the bars)."""
        r = self.reading
        k = round(x)
        if r is None or not 0 <= k < len(r.probabilities) or abs(x - k) > 0.4:
            return ""
        return self.tr("class {k}: {p:.1%}").format(k=k, p=float(r.probabilities[k]))

    def _hover_bars(self, pos) -> None:
        inside = self.bars_plot.vb.sceneBoundingRect().contains(pos)
        tip = self.bar_tip(self.bars_plot.vb.mapSceneToView(pos).x()) if inside else ""
        self.graphics.setToolTip(tip)

    def _image_plot(self, row: int, col: int, title: str) -> pg.PlotItem:
        plot = self.graphics.addPlot(row=row, col=col, title=title)
        plot.titleLabel.setAttr("size", "9pt")
        plot.setAspectLocked(True)
        plot.invertY(True)
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        plot.setDefaultPadding(0.02)
        return plot

    def show_hint(self, text: str) -> None:
        """The pad says itself what to do before any run (the headline); no line above it."""
        self.hint.hide()

    # --- theme ---------------------------------------------------------------------------------
    def apply_theme(self, theme: style.Theme) -> None:
        super().apply_theme(theme)
        if not hasattr(self, "bars"):
            return  # the base class paints before the panel's items exist
        self.message.setStyleSheet(f"QLabel {{ color: {theme.wrong}; }}")
        self.seen.setColorMap(style.grayscale_map(theme))
        pen = pg.mkPen(theme.plot_axis, width=1)
        pen.setCosmetic(True)
        self.seen_frame.setPen(pen)
        self.maps.setColorMap(style.diverging_map(theme))
        for plot in (self.seen_plot, self.maps_plot):
            plot.titleLabel.setText(plot.titleLabel.text, color=theme.muted)
        self._show_reading()
        self._say_state()

    # --- run data ------------------------------------------------------------------------------
    def reset(self, setup) -> None:
        """A run starts (its weights arrive with its first heavy snapshot), or the network was
        replaced (no run: nothing to read with)."""
        if not setup.total_steps:
            self.weights = None
            self.reading = None
            self._show_reading()
        self.samples, self.sample_labels = setup.sample_images, setup.sample_labels
        self._next_sample = 0
        self.sample_button.setEnabled(self.samples is not None and len(self.samples) > 0)
        self._say_state()

    def show_sample(self) -> None:
        """The next validation image of the run on the pad, as ink."""
        if self.samples is None or not len(self.samples):
            return
        i = self._next_sample % len(self.samples)
        self._next_sample += 1
        image = self.samples[i]
        lo, hi = float(image.min()), float(image.max())
        self.pad.set_ink((image - lo) / (hi - lo) if hi > lo else np.zeros_like(image))
        self.sample_label = int(self.sample_labels[i]) if self.sample_labels is not None else None
        self._say_state()

    def clear(self) -> None:
        super().clear()
        self._set_classes(DEFAULT_CLASSES)  # the base class let the axes range freely again
        self.reading = None
        self._show_reading()
        self._say_state()

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        weights = snap.extras.get(type(self).__name__)
        if weights is None:
            return
        first = self.weights is None
        self.weights = weights
        if not self.pad.is_empty():
            self._ask()  # the bars follow the training as it goes
        elif first:
            self._say_state()

    def data_table(self):
        if self.reading is None:
            return [], []
        return ["class", "probability"], [[c, float(p)] for c, p in enumerate(self.reading.probabilities)]

    # --- reading the drawing -------------------------------------------------------------------
    def _drawing_changed(self, _final: bool) -> None:
        self.sample_label = None  # a stroke, a drop or Clear: no longer the data's own image
        if self.message.isVisible():
            self.message.hide()
            self._fit_pad()
        if self.pad.is_empty():
            self.reading = None
            self._show_reading()
            self._say_state()
            return
        self._ask()

    def _ask(self) -> None:
        if self.weights is None:
            self._say_state()
            return
        self._ticket += 1
        self._asked_at = time.perf_counter()
        READER_THREAD.submit(id(self), (self._reader, self.weights, self.pad.ink(), self._relay,
                                        self._ticket))

    def _on_reading(self, ticket: int, result) -> None:
        self._shown = max(self._shown, ticket)
        if isinstance(result, str):
            self._show_refusal(self.tr("The network could not read the drawing: {error}").format(
                error=result))
            return
        if self.pad.is_empty() or self.weights is None:
            return  # cleared (or the network replaced) while it was being read
        if ticket == self._ticket:
            self.latency = time.perf_counter() - self._asked_at
        self.reading = result
        self._show_reading()
        self._say_state()

    @property
    def reading_pending(self) -> bool:
        """Whether the drawing on the pad is still being read."""
        return self._shown < self._ticket

    def _show_refusal(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self._fit_pad()

    # --- drawing -------------------------------------------------------------------------------
    def _say_state(self) -> None:
        """The headline: what to do next, or the network's answer."""
        t, r = style.theme(), self.reading
        if self.weights is None:
            text = self.tr("<b>Train the network first (F5)</b><br><span style='color:{muted}'>"
                           "then write a digit on the pad: it reads every stroke.</span>")
        elif r is None:
            text = self.tr("<b>Write a digit on the pad</b><br><span style='color:{muted}'>"
                           "or drop a PNG/JPEG image of one.</span>")
        else:
            text = self.tr("<span style='color:{muted}'>The network reads</span>&nbsp; "
                           "<span style='font-size:20pt; font-weight:bold; color:{accent}'>{digit}</span>"
                           "&nbsp; <span style='color:{muted}'>{share}&nbsp;sure</span>")
            second = int(np.argsort(r.probabilities)[-2]) if len(r.probabilities) > 1 else None
            if second is not None and r.probabilities[r.predicted] < DOUBT:
                text += self.tr("<br><span style='color:{muted}'>or a {other} ({other_share})</span>").format(
                    muted="{muted}", other=second, other_share=f"{float(r.probabilities[second]):.0%}")
            if self.sample_label is not None:
                text += self.tr("<br><span style='color:{muted}'>a validation image labelled {label}</span>"
                                ).format(muted="{muted}", label=self.sample_label)
        share = f"{float(r.probabilities[r.predicted]):.0%}" if r is not None else ""
        self.headline.setText(text.format(muted=t.muted, accent=t.highlight,
                                          digit=r.predicted if r is not None else "", share=share))

    def _show_reading(self) -> None:
        t = style.theme()
        r = self.reading
        if r is None:
            self.bars.setOpts(x=[], height=[], brushes=[])
            self.seen.clear()
            self.maps.clear()
            self.seen_plot.setVisible(False)  # until there is a drawing to show
            self.maps_plot.setVisible(False)
            return
        k = len(r.probabilities)
        self._set_classes(k)
        self.seen_plot.setVisible(True)
        winner = r.predicted
        brushes = [pg.mkBrush(t.highlight if i == winner else t.plot_axis) for i in range(k)]
        self.bars.setOpts(x=np.arange(k), height=r.probabilities, brushes=brushes,
                          pens=[pg.mkPen(None)] * k)
        lo, hi = self.weights.value_range if self.weights else (0.0, 1.0)
        self.seen.setImage(r.image, levels=(lo, hi))
        h, w = r.image.shape
        self.seen_frame.setRect(QRectF(0, 0, w, h))
        if r.maps is not None:
            self.maps_plot.setVisible(True)
            title = self.tr("{layer} feature maps").format(layer=r.maps_layer)
            if self.maps_plot.titleLabel.text != title:
                self.maps_plot.titleLabel.setText(title, color=t.muted)
            columns = 3 if len(r.maps) <= 9 else None
            self.maps.setImage(tile(r.maps, columns=columns), levels=symmetric(r.maps))
        else:
            self.maps.clear()
            self.maps_plot.setVisible(False)

    def show_placeholder(self, reason: str | None) -> None:
        super().show_placeholder(reason)
        applies = not reason
        self.left.setVisible(applies)
        self.headline.setVisible(applies)
        self.seen_plot.setVisible(applies and self.reading is not None)
        self.maps_plot.setVisible(applies and self.reading is not None and self.reading.maps is not None)
