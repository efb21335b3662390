"""Views of recurrent memory, live while the network trains: the hidden state over one validation
sequence, an LSTM's (or GRU's) gates and cell state step by step, and a sine network continuing a
wave on its own."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from playground.engine.registry import node_type
from playground.engine.sequence_probes import sequence_trace, sine_continuation
from playground.ui.common import style
from playground.ui.plots.base import PALETTE, REDRAW_INTERVAL, PlotPanel
from playground.ui.plots.keys import colour_key, legend_row, spread, symmetric


def _traced_types(graph):
    """Node types in ``graph`` that report states per time step, with what they report."""
    out = []
    for node in graph.nodes.values():
        t = node_type(node.type)
        if t is not None and getattr(t, "traces", None):
            out.append(t)
    return out


class _HeatMaps(PlotPanel):
    """Side-by-side (units x time) heat maps of one recurrent layer, with a layer picker and a
    caption saying which sequence they show."""
    redraw_interval = REDRAW_INTERVAL
    probe = staticmethod(sequence_trace)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        row = QHBoxLayout()
        self.layer_label = QLabel(self.tr("Layer:"))
        self.layer_box = QComboBox()
        self.layer_box.currentTextChanged.connect(lambda _t: self.refresh())
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        row.addWidget(self.layer_label)
        row.addWidget(self.layer_box)
        row.addWidget(self.caption, 1)
        self.layout().insertLayout(0, row)
        self._show_layer_picker(False)  # a picker only for a choice: two recurrent layers or more
        self.trace: dict | None = None
        self.plots: list[pg.PlotItem] = []
        self.images: list[pg.ImageItem] = []
        self.keys: list[pg.ColorBarItem] = []
        self.shown: dict[str, np.ndarray] = {}

    def _plot(self, row: int, col: int, title: str, left: bool, colspan: int = 1) -> tuple[pg.PlotItem, pg.ImageItem]:
        plot = self.add_plot(row=row, col=col, colspan=colspan)
        plot.setTitle(title, size="9pt")  # short titles: three gates fit a half-width dock
        plot.invertY(True)
        plot.setLabel("bottom", self.tr("time step"))
        if left:
            plot.setLabel("left", self.tr("unit"))
        else:
            plot.getAxis("left").setStyle(showValues=False)
        plot.setMouseEnabled(x=False, y=False)
        for side in ("left", "bottom"):  # steps and units are whole numbers, never "(x0.001)"
            plot.getAxis(side).enableAutoSIPrefix(False)
        plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)  # before any data: not -0.4..0.4
        image = pg.ImageItem()
        plot.addItem(image)
        self.plots.append(plot)
        self.images.append(image)
        return plot, image

    def clear(self) -> None:
        """Empty maps on 0..1 axes: an auto range over an empty image is -0.5..0.5 (``_draw``
        sets each map's range to its cells)."""
        super().clear()
        for plot in self.plots:
            plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)

    def reset(self, setup) -> None:
        self.trace = None
        self.shown = {}
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        self.layer_box.blockSignals(False)
        self._show_layer_picker(False)
        self.caption.setText("")

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        trace = snap.extras.get(type(self).__name__)
        if not trace:
            return
        self.trace = trace
        layers = list(trace["layers"])
        if [self.layer_box.itemText(i) for i in range(self.layer_box.count())] != layers:
            current = self.layer_box.currentText()
            self.layer_box.blockSignals(True)
            self.layer_box.clear()
            self.layer_box.addItems(layers)
            if current in layers:
                self.layer_box.setCurrentText(current)
            self.layer_box.blockSignals(False)
        self._show_layer_picker(len(layers) > 1)
        self.refresh()

    def _show_layer_picker(self, shown: bool) -> None:
        self.layer_label.setVisible(shown)
        self.layer_box.setVisible(shown)

    def _layer(self) -> dict[str, np.ndarray] | None:
        if not self.trace:
            return None
        layers = self.trace["layers"]
        return layers.get(self.layer_box.currentText()) or next(iter(layers.values()), None)

    def _caption(self) -> str:
        t = self.trace
        label, pred = np.asarray(t["label"]), np.asarray(t["prediction"]).ravel()
        steps = len(t["input"])
        if label.ndim == 0 and pred.size > 1:  # classes: name the true one and the guess
            guess = int(pred.argmax())
            return self.tr("One validation sequence ({steps} steps): class {label}, the network says "
                           "{guess} ({p:.0%}).").format(steps=steps, label=int(label), guess=guess,
                                                        p=float(pred[guess]))
        return self.tr("One validation sequence ({steps} steps): target {target}, the network says "
                       "{pred}.").format(steps=steps, target=", ".join(f"{v:.3g}" for v in label.ravel()),
                                         pred=", ".join(f"{v:.3g}" for v in pred))

    def _draw(self, image: pg.ImageItem, values: np.ndarray, levels: tuple[float, float],
              cmap: pg.ColorMap) -> None:
        """(time, units) values drawn as units x time, one cell per step and unit."""
        cells = np.ascontiguousarray(values.T, dtype=np.float32)
        image.setColorMap(cmap)
        image.setImage(cells, levels=levels)
        rect = QRectF(0, 0, cells.shape[1], cells.shape[0])
        image.setRect(rect)
        image.getViewBox().setRange(rect, padding=0.02)  # whole cells, whatever was drawn before

    def data_table(self):
        rows = []
        for name, values in self.shown.items():
            for t, step in enumerate(values):
                rows += [[name, t, u, float(v)] for u, v in enumerate(step)]
        return ["quantity", "time_step", "unit", "value"], rows


class HiddenStatePanel(_HeatMaps):
    """The recurrent layer's hidden state at every step of one validation sequence (above it, the
    sequence itself): which units switch on when, and what they keep."""

    title = QT_TRANSLATE_NOOP("HiddenStatePanel", "Hidden state")
    view_name = "hidden"  # playground shot PRESET --view hidden
    front_rank = 50

    @classmethod
    def note(cls, analysis, graph, shape):
        if _traced_types(graph):
            return None
        return QCoreApplication.translate(
            "HiddenStatePanel", "The hidden-state view is for recurrent layers (SimpleRNN, LSTM, GRU): "
            "this network has none.")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plot = self.add_plot(row=1, col=0, title=self.tr("hidden state"))
        self.input_plot = self.add_plot(row=0, col=0, title=self.tr("input"))
        self.input_plot.invertY(True)
        self.input_plot.setLabel("left", self.tr("feature"))
        self.input_plot.hideAxis("bottom")
        self.input_plot.setMouseEnabled(x=False, y=False)
        self.input_image = pg.ImageItem()
        self.input_plot.addItem(self.input_image)
        self.plot.invertY(True)
        self.plot.setLabel("bottom", self.tr("time step"))
        self.plot.setLabel("left", self.tr("unit"))
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setXLink(self.input_plot)
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        self.input_key = colour_key(self.input_plot, self.input_image, style.diverging_map(), self.tr("input"))
        self.key = colour_key(self.plot, self.image, style.diverging_map(), self.tr("activation"))
        layout = self.graphics.ci.layout
        layout.setRowStretchFactor(0, 1)
        layout.setRowStretchFactor(1, 3)

    def _redraw(self) -> None:
        layer = self._layer()
        if layer is None:
            return
        hidden = layer["hidden state"]
        x = np.asarray(self.trace["input"], dtype=np.float32)
        lo, hi = symmetric(x[np.isfinite(x)]) if x.min() < 0 else (0.0, max(float(x.max()), 1e-6))
        cmap = style.diverging_map() if x.min() < 0 else style.sequential_map()
        self.input_key.setColorMap(cmap)
        self.input_key.setLevels((lo, hi))
        self._draw(self.input_image, x, (lo, hi), cmap)
        levels = symmetric(hidden) if hidden.size else (-1.0, 1.0)
        self.key.setLevels(levels)
        self._draw(self.image, hidden, levels, style.diverging_map())
        self.shown = {"input": x, "hidden state": hidden}
        self.caption.setText(self._caption())


class GatesPanel(_HeatMaps):
    """An LSTM's input, forget and output gates and its cell state at every step of one
    validation sequence, side by side (a GRU's update and reset gates and hidden state)."""

    title = QT_TRANSLATE_NOOP("GatesPanel", "Gates")
    view_name = "gates"  # playground shot PRESET --view gates
    front_rank = 60

    @classmethod
    def note(cls, analysis, graph, shape):
        if any(len(t.traces) > 1 for t in _traced_types(graph)):
            return None
        return QCoreApplication.translate(
            "GatesPanel", "Gates belong to LSTM and GRU layers: this network has none.")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._layout_for: tuple[str, ...] = ()
        self._build(("input gate", "forget gate", "output gate", "cell state"))

    def _build(self, names: tuple[str, ...]) -> None:
        """One heat map per quantity; gates share one 0..1 key, states get a signed key each."""
        rebuilt = bool(self.plots)
        if rebuilt and self.placeholder is not None:  # kept: it moves to the new first plot
            self.plots[0].vb.sigResized.disconnect(self._place_placeholder)
            self.graphics.scene().removeItem(self.placeholder)
            self.placeholder.setParentItem(None)
        for plot in self.plots:
            self.graphics.removeItem(plot)
        self.plots, self.images, self.keys = [], [], []
        gates = [n for n in names if n.endswith("gate")]
        states = [n for n in names if not n.endswith("gate")]
        for i, name in enumerate(gates):  # the gates side by side, the memory they steer below
            self._plot(0, i, self._title(name), left=i == 0)
        for name in states:
            plot, _ = self._plot(1, 0, self._title(name), left=True, colspan=len(gates))
        for plot, image, signed in ((self.plots[len(gates) - 1], self.images[len(gates) - 1], False),
                                    (self.plots[-1], self.images[-1], True)):
            key = colour_key(plot, image, style.diverging_map() if signed else style.sequential_map(),
                             self.tr("state") if signed else self.tr("open"))
            self.keys.append(key)
        layout = self.graphics.ci.layout
        layout.setRowStretchFactor(0, 3)
        layout.setRowStretchFactor(1, 2)
        self._order = (*gates, *states)
        self._layout_for = names
        if rebuilt and self.placeholder is not None:  # the "does not apply" text moves along
            self.placeholder.setParentItem(self.plots[0].vb)
            self.plots[0].vb.sigResized.connect(self._place_placeholder)

    def _title(self, name: str) -> str:
        titles = {"input gate": self.tr("input gate: write"), "forget gate": self.tr("forget gate: keep"),
                  "output gate": self.tr("output gate: read"), "cell state": self.tr("cell state (memory)"),
                  "update gate": self.tr("update gate: keep old"), "reset gate": self.tr("reset gate"),
                  "hidden state": self.tr("hidden state")}
        return titles.get(name, name)

    def _redraw(self) -> None:
        layer = self._layer()
        if layer is None:
            return
        names = tuple(n for n in layer if n != "hidden state") or tuple(layer)
        if len(names) <= 1:  # a SimpleRNN has no gates
            return
        if "cell state" not in names:  # a GRU: its state is the hidden state itself
            names = (*names, "hidden state")
        if names != self._layout_for:
            self._build(names)
        self.shown = {}
        for name, image in zip(self._order, self.images):
            values = layer[name]
            self.shown[name] = values
            if name.endswith("gate"):
                self._draw(image, values, (0.0, 1.0), style.sequential_map())
            else:
                levels = symmetric(values) if values.size else (-1.0, 1.0)
                self._draw(image, values, levels, style.diverging_map())
                self.keys[1].setLevels(levels)
        self.keys[0].setLevels((0.0, 1.0))
        self.caption.setText(self._caption())


class SinePanel(PlotPanel):
    """A sine window, the true continuation, and the continuation the network generates by
    feeding its own predictions back in."""

    title = QT_TRANSLATE_NOOP("SinePanel", "Sine continuation")
    view_name = "sine"  # playground shot PRESET --view sine
    front_rank = 70
    redraw_interval = REDRAW_INTERVAL
    probe = staticmethod(sine_continuation)

    @classmethod
    def note(cls, analysis, graph, shape):
        if len(shape) == 2 and shape[1] == 1 and analysis.loss and analysis.num_classes is None:
            return None
        return QCoreApplication.translate(
            "SinePanel", "The sine view is for networks that predict the next value of a wave "
            "(the sine data).")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.legend = legend_row(self.graphics)
        self.plot = self.add_plot(row=1, col=0)
        self.plot.setLabel("bottom", self.tr("time step"))
        self.plot.setLabel("left", self.tr("value"))
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setYRange(-1.3, 1.3)
        self.input_curve = self.plot.plot(pen=pg.mkPen(PALETTE[9], width=2))
        self.truth_curve = self.plot.plot(pen=pg.mkPen(PALETTE[0], width=2, style=Qt.DashLine))
        self.generated_curve = self.plot.plot(pen=pg.mkPen(PALETTE[1], width=2.5), symbol="o",
                                              symbolSize=4, symbolBrush=PALETTE[1], symbolPen=None)
        self.start = pg.InfiniteLine(angle=90, pen=pg.mkPen(PALETTE[9], width=1, style=Qt.DotLine))
        self.plot.addItem(self.start)
        for curve, name in ((self.input_curve, self.tr("what the network sees")),
                            (self.truth_curve, self.tr("true continuation")),
                            (self.generated_curve, self.tr("generated (its predictions fed back)"))):
            self.legend.addItem(curve, name)
        spread(self.legend, 3)
        self.result: dict | None = None

    def reset(self, setup) -> None:
        self.result = None

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        result = snap.extras.get(type(self).__name__)
        if result is not None:
            self.result = result
            self.refresh()

    def _redraw(self) -> None:
        r = self.result
        if r is None:
            return
        n, k = len(r["input"]), len(r["truth"])
        self.input_curve.setData(np.arange(n), r["input"])
        after = np.arange(n - 1, n + k)  # joined to the window's last point
        self.truth_curve.setData(after, np.concatenate([r["input"][-1:], r["truth"]]))
        self.generated_curve.setData(after[1:], r["generated"])
        self.start.setPos(n - 0.5)

    def data_table(self):
        if self.result is None:
            return ["time_step", "input", "truth", "generated"], []
        r = self.result
        n = len(r["input"])
        rows = [[t, float(v), "", ""] for t, v in enumerate(r["input"])]
        rows += [[n + i, "", float(a), float(b)] for i, (a, b) in enumerate(zip(r["truth"], r["generated"]))]
        return ["time_step", "input", "truth", "generated"], rows
