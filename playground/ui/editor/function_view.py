"""The inspector's function view: an activation's curve and derivative, or a loss against the
prediction for both targets, drawn from the node declarations' own ops (engine/function_curves.py).

An activation's plot shades the inputs its layer actually gets: from the last training snapshot
(a worker-side probe) or, with no run, from a forward pass of the validation data on a background
thread. The curves are computed there too (a first call may compile kernels), never on the GUI thread.
"""
from __future__ import annotations

import threading
import time

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from playground.engine import function_curves as fc
from playground.engine.registry import node_type
from playground.ui.common import style
from playground.ui.plots.base import PALETTE

PROBE_KEY = "function_view.input_ranges"
GRAD_LIMIT = 10.0  # the gradient plot's y range: cross-entropy's slope grows without bound
LOSS_LIMIT = 5.0
PROBE_BUDGET = 0.02  # share of the worker's time the input-range probe may take
PEAK_SHARE = 0.9  # a derivative whose ends stay below this share of its maximum has a peak worth marking


def _in_background(work, deliver) -> None:
    """Run ``work()`` on a daemon thread and hand its result to ``deliver`` on the GUI thread."""
    relay = _Relay()
    owner = getattr(deliver, "__self__", None)  # a view the inspector may have replaced meanwhile
    relay.done.connect(lambda result: deliver(result) if owner is None or shiboken6.isValid(owner) else None,
                       Qt.QueuedConnection)

    def run() -> None:
        try:
            result = work()
        except Exception:  # a network that cannot run yet: the view simply shades nothing
            result = None
        relay.done.emit(result)
    relay.thread = threading.Thread(target=run, daemon=True)
    _RELAYS.add(relay)
    relay.done.connect(lambda _r: _RELAYS.discard(relay))
    relay.thread.start()


class _Relay(QObject):
    done = Signal(object)


_RELAYS: set[_Relay] = set()  # alive until their thread reports


class InputRanges(QObject):
    """What each activation node's input spans: from the running training (a probe with each heavy
    snapshot) or, when there is no run, from a forward pass of the validation data."""

    changed = Signal()

    def __init__(self, controller, document) -> None:
        super().__init__(controller)
        self.controller, self.document = controller, document
        self.ranges: dict[str, tuple[float, float]] = {}
        self.source = ""  # "run" or "validation"
        self.wanted = False  # an activation's function view is open: the probe measures
        self._asked = False
        self._probed, self._probe_cost = float("-inf"), 0.0  # worker-side, for its budget
        self._x_val = None  # the run's validation inputs, as the probe last saw them
        controller.add_probe(PROBE_KEY, self._probe)
        controller.snapshotReceived.connect(self._snapshot)
        controller.runs.changed.connect(self._run_changed)
        document.undo_stack.indexChanged.connect(lambda _i: self.forget())
        document.reset.connect(self.forget)

    def _probe(self, model, data):
        """On the worker: the ranges while a view wants them, within PROBE_BUDGET of its time
        (a LeNet forward pass of a few samples is not free)."""
        if not self.wanted:
            return None
        now = time.monotonic()
        self._x_val = data.x_val
        if now - self._probed < self._probe_cost / PROBE_BUDGET:
            return None
        self._probed = now
        ranges = fc.activation_input_ranges(model, data.x_val)
        self._probe_cost = time.monotonic() - now
        return ranges

    def forget(self) -> None:
        """The network changed: ranges of the old one mean nothing."""
        if self.controller.running:
            return
        self.ranges, self.source, self._asked = {}, "", False
        self.changed.emit()

    def _snapshot(self, snap) -> None:
        ranges = snap.extras.get(PROBE_KEY)
        if ranges is not None:
            self._run_ranges(ranges)
        elif snap.status == "paused":  # on a step the budget skipped
            self._measure_run()

    def _run_changed(self) -> None:
        if not self.controller.running:  # the run ended: its last step, measured
            self._measure_run()

    def _measure_run(self) -> None:
        model, x = self.controller.model, self._x_val
        if self.wanted and model is not None and x is not None:
            _in_background(lambda: fc.activation_input_ranges(model, x), self._run_ranges)

    def _run_ranges(self, ranges) -> None:
        if ranges is not None:
            self.ranges, self.source = ranges, "run"
            self.changed.emit()

    def request(self) -> None:
        """Measure the ranges on the validation data (once per network), off the GUI thread."""
        if self.ranges or self._asked or self.controller.running or not self.document.analysis.ok:
            return
        self._asked = True
        from playground.engine import Model

        controller = self.controller
        model = controller.model if controller.model_matches() else None
        graph, analysis, base_dir = self.document.graph.copy(), self.document.analysis, self.document.base_dir

        def work():
            m = model or Model(graph, analysis, base_dir=base_dir)
            return fc.activation_input_ranges(m, m.load_data()[0].x_val)
        _in_background(work, self._measured)

    def _measured(self, ranges) -> None:
        if ranges is not None and self._asked and not self.ranges:
            self.ranges, self.source = ranges, "validation"
            self.changed.emit()


class FunctionView(QWidget):
    """Curves for one activation or loss node; build with ``for_node`` (None for other nodes)."""

    @classmethod
    def for_node(cls, node_id: str, type_name: str, params: dict, ranges: InputRanges | None):
        t = node_type(type_name)
        if fc.is_activation(t) or (t is not None and t.is_loss):
            return cls(node_id, type_name, params, ranges)
        return None

    def __init__(self, node_id: str, type_name: str, params: dict, ranges: InputRanges | None) -> None:
        super().__init__()
        self.node_id, self.type_name, self.params = node_id, type_name, dict(params)
        self.is_loss = node_type(type_name).is_loss
        self.ranges = ranges
        self.curves: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # what is drawn, by name
        self.shaded: tuple[float, float] | None = None
        self.peak: tuple[float, float] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        heading = QLabel(self.tr("Loss against the prediction") if self.is_loss
                         else self.tr("Function and derivative"))
        heading.setStyleSheet("font-weight: 600;")
        layout.addWidget(heading)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumWidth(180)  # never wider than the inspector
        self.graphics.setMinimumHeight(300 if self.is_loss else 200)
        self.graphics.setMaximumHeight(300 if self.is_loss else 220)
        layout.addWidget(self.graphics)
        self.caption = QLabel(wordWrap=True)
        layout.addWidget(self.caption)
        self._build_plots()
        self.apply_theme(style.theme())
        style.notifier.changed.connect(self._theme_changed)
        if ranges is not None and not self.is_loss:
            ranges.wanted = True
            ranges.changed.connect(self._shade)
            ranges.request()
        _in_background(self._compute, self._show)

    # --- plots ----------------------------------------------------------------------------------
    def _build_plots(self) -> None:
        g = self.graphics
        self.legend = pg.LegendItem(labelTextSize="8pt", colCount=2, horSpacing=14, verSpacing=-8)
        g.addItem(self.legend, row=0, col=0)
        g.ci.layout.setRowStretchFactor(0, 0)
        if self.is_loss:
            self.plot = g.addPlot(row=1, col=0)
            self.grad_plot = g.addPlot(row=2, col=0)
            self.plot.setLabel("left", self.tr("loss"))
            self.grad_plot.setLabel("left", self.tr("dL/dp"))
            self.grad_plot.setLabel("bottom", self.tr("prediction p"))
            self.grad_plot.setXLink(self.plot)
            self.plot.getAxis("bottom").setStyle(showValues=False)
            for plot in (self.plot, self.grad_plot):
                plot.getAxis("left").setWidth(40)
        else:
            self.plot = g.addPlot(row=1, col=0)
            self.plot.setLabel("bottom", self.tr("input x"))
            self.grad_plot = None
            self.region = pg.LinearRegionItem(movable=False)
            self.region.setZValue(-10)
            self.region.hide()
            self.plot.addItem(self.region)
            self.peak_marker = pg.ScatterPlotItem(size=8, symbol="o")
            self.peak_label = pg.TextItem(anchor=(0.5, 1.15))
            self.plot.addItem(self.peak_marker)
            self.plot.addItem(self.peak_label)
        for plot in (self.plot, self.grad_plot):
            if plot is not None:
                plot.setMouseEnabled(False, False)
                plot.hideButtons()
                plot.showGrid(x=True, y=True, alpha=0.15)
                plot.addLine(y=0, pen=pg.mkPen(style.theme().plot_axis, width=1))

    def _compute(self):
        if self.is_loss:
            return fc.loss_curves(self.type_name, self.params)
        return fc.activation_curves(self.type_name, self.params)

    def _show(self, result) -> None:
        if result is None:
            self.caption.setText(self.tr("Cannot plot this node's function."))
            return
        t = style.theme()
        if self.is_loss:
            self._show_loss(result, t)
        else:
            self._show_activation(*result, t)
        self._shade()

    def _show_activation(self, x, y, dy, t) -> None:
        self.curves = {"f": (x, y), "df": (x, dy)}
        f = self.plot.plot(x, y, pen=pg.mkPen(PALETTE[0], width=2.2))
        d = self.plot.plot(x, dy, pen=pg.mkPen(PALETTE[1], width=2, style=Qt.DashLine))
        self.legend.addItem(f, self.tr("f(x)"))
        self.legend.addItem(d, self.tr("f′(x)"))
        self.plot.setXRange(*fc.X_RANGE, padding=0.02)
        low = float(min(y.min(), dy.min(), 0.0))
        high = float(max(y.max(), dy.max()))
        self.plot.setYRange(low, high + 0.22 * (high - low), padding=0.03)  # room for the peak's label
        top = float(dy.max())
        i = int(dy.argmax())
        if 0 < i < len(x) - 1 and max(dy[0], dy[-1]) < PEAK_SHARE * top:
            self.peak = (float(x[i]), top)
            self.peak_marker.setData([x[i]], [top], brush=pg.mkBrush(PALETTE[1]), pen=pg.mkPen(t.plot_fg))
            self.peak_label.setText(self.tr("max f′ = {v:.3g} at x = {x:.2g}").format(v=top, x=float(x[i]) + 0.0))
            self.peak_label.setColor(t.plot_fg)
            self.peak_label.setPos(x[i], top)
        self._caption()

    def _show_loss(self, curves: fc.LossCurves, t) -> None:
        for target in (0, 1):
            colour = style.class_color(target, t)
            pen = pg.mkPen(colour, width=2.2)
            item = self.plot.plot(curves.p, curves.loss[target], pen=pen)
            self.grad_plot.plot(curves.p, np.clip(curves.grad[target], -GRAD_LIMIT * 1.5, GRAD_LIMIT * 1.5),
                                pen=pg.mkPen(colour, width=2, style=Qt.DashLine))
            self.legend.addItem(item, self.tr("target {y}").format(y=target))
            self.curves[f"loss{target}"] = (curves.p, curves.loss[target])
            self.curves[f"grad{target}"] = (curves.p, curves.grad[target])
        self.plot.setXRange(0, 1, padding=0.02)
        top = min(LOSS_LIMIT, float(max(curves.loss[0].max(), curves.loss[1].max())))
        self.plot.setYRange(0, top * 1.05, padding=0)
        limit = min(GRAD_LIMIT, float(max(np.abs(curves.grad[0]).max(), np.abs(curves.grad[1]).max())))
        self.grad_plot.setYRange(-limit * 1.05, limit * 1.05, padding=0)
        self.outputs = curves.outputs
        self._caption()

    def _shade(self) -> None:
        if self.is_loss or self.ranges is None:
            return
        lo_hi = self.ranges.ranges.get(self.node_id)
        self.shaded = lo_hi
        if lo_hi is None:
            self.region.hide()
        else:
            lo, hi = lo_hi
            self.region.setRegion((max(lo, fc.X_RANGE[0]), min(hi, fc.X_RANGE[1])))
            self.region.show()
        self._caption()

    def _caption(self) -> None:
        if self.is_loss:
            text = self.tr("Solid: the loss of one prediction p for target 0 (orange) and 1 (blue); "
                           "dashed: its gradient, which training follows. ")
            if getattr(self, "outputs", 1) == 2:
                text += self.tr("This loss takes one output per class: p is class 1's of [1 − p, p].")
            self.caption.setText(text)
            return
        text = self.tr("From the node's own forward and backward pass.")
        if self.shaded is not None:
            lo, hi = self.shaded
            source = self.tr("in the last training snapshot") if self.ranges.source == "run" \
                else self.tr("on the validation data")
            text += " " + self.tr("Shaded: the inputs this layer gets {source}, {lo:.2f} to {hi:.2f}.").format(
                source=source, lo=lo, hi=hi)
        self.caption.setText(text)

    # --- theme ----------------------------------------------------------------------------------
    def apply_theme(self, t: style.Theme) -> None:
        """The view's own colours; backgrounds, axes and legends follow the theme by themselves."""
        self.caption.setStyleSheet(f"color: {t.muted};")
        if not self.is_loss:
            colour = pg.mkColor(t.highlight)
            colour.setAlpha(50)
            self.region.setBrush(pg.mkBrush(colour))
            for line in self.region.lines:
                line.setPen(pg.mkPen(t.highlight, width=1))
            self.peak_label.setColor(t.plot_fg)
            fill = pg.mkColor(t.plot_bg)
            fill.setAlpha(210)  # readable over the curves it may cross
            self.peak_label.fill = pg.mkBrush(fill)
            self.peak_label.update()

    def _theme_changed(self, _name: str) -> None:
        self.apply_theme(style.theme())
