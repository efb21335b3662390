"""Shared pieces of the plot panels: bounded series, PNG/CSV export from the context menu, and the
placeholder a view shows when it does not apply to the network."""
from __future__ import annotations

import csv
import html
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QFileDialog, QGraphicsItem, QLabel, QVBoxLayout, QWidget

from playground.engine.registry import NodeType, node_type
from playground.ui.common import style

MAX_POINTS = 4000
# Seconds between redraws of one panel while snapshots stream in. Painting (pyqtgraph axes and
# antialiased paths, mostly Python under the GIL) is the GUI thread's main cost and slows the
# training thread down; data still arrives with every snapshot and the last state is always drawn.
REDRAW_INTERVAL = 0.33
# Qt strokes an antialiased pen wider than 1 px point by point: 4 gradient-norm curves of 2,500
# points took 2.4 s a paint at width 2 and 40 ms at width 1 (its fast path). A curve with more
# points than one per this many pixel columns is drawn 1 px wide and without symbols.
DENSE_COLUMNS = 10
# Mid-tone curve colours that read on the dark and the light plot background alike.
PALETTE = ["#2f86d6", "#e0474c", "#35a852", "#f08c28", "#9a6fd6", "#a8735a", "#e377c2", "#17b3c9",
           "#b5b52a", "#8c8c8c"]
PLACEHOLDER_COLOUR = "#8a93a3"  # the text a view shows instead of a plot that does not apply

pg.setConfigOptions(antialias=True, background=style.theme().plot_bg, foreground=style.theme().plot_fg,
                    imageAxisOrder="row-major")


class Series:
    """x/y points of a curve that may grow to millions of steps, kept in bounded memory.

    Points fall into buckets of ``size`` consecutive points; each bucket keeps its lowest and its
    highest point (true x and y). When there are more buckets than fit in ``max_points``,
    neighbouring buckets merge in pairs and ``size`` doubles, so density stays even over the whole
    run, a spike that happened survives in its bucket's extreme, and no value is invented. The first
    and the latest point are always drawn. Feed finite values in increasing x.
    """

    def __init__(self, max_points: int = MAX_POINTS) -> None:
        self.max_buckets = max(2, (max_points - 2) // 2)
        self.clear()

    def clear(self) -> None:
        self.size = 1  # points per bucket
        self._lo = np.empty((0, 2))  # completed buckets: (x, y) of the lowest and highest point
        self._hi = np.empty((0, 2))
        self._open: tuple[np.ndarray, np.ndarray, int] | None = None  # the filling bucket
        self._first: np.ndarray | None = None
        self._last: np.ndarray | None = None
        self.count = 0  # points fed since the last clear
        self._drawn: tuple[np.ndarray, np.ndarray] | None = None

    def extend(self, x, y) -> None:
        x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
        n = len(x)
        if n == 0:
            return
        if self._first is None:
            self._first = np.array([x[0], y[0]])
        self._last = np.array([x[-1], y[-1]])
        self.count += n
        self._drawn = None
        i = 0
        if self._open is not None:
            lo, hi, filled = self._open
            i = min(self.size - filled, n)
            self._open = _fold(lo, hi, filled, x[:i], y[:i])
            if self._open[2] == self.size:
                self._complete(self._open[0][None], self._open[1][None])
                self._open = None
        full = (n - i) // self.size
        if full:
            end = i + full * self.size
            xs, ys = x[i:end].reshape(full, self.size), y[i:end].reshape(full, self.size)
            rows = np.arange(full)
            lo, hi = ys.argmin(axis=1), ys.argmax(axis=1)
            self._complete(np.column_stack([xs[rows, lo], ys[rows, lo]]),
                           np.column_stack([xs[rows, hi], ys[rows, hi]]))
            i = end
        if i < n:
            self._open = _fold(None, None, 0, x[i:], y[i:])
        while len(self._lo) > self.max_buckets:
            self._merge()

    def _complete(self, lo: np.ndarray, hi: np.ndarray) -> None:
        self._lo, self._hi = np.concatenate([self._lo, lo]), np.concatenate([self._hi, hi])

    def _merge(self) -> None:
        """Pairs of buckets become one bucket of twice the size; an odd last one starts the open
        bucket (it is the first half of the next merged bucket)."""
        pairs = len(self._lo) // 2
        if len(self._lo) % 2:
            lo, hi = self._lo[-1], self._hi[-1]
            if self._open is not None:
                lo, hi = _lower(lo, self._open[0]), _higher(hi, self._open[1])
            self._open = (lo, hi, self.size + (self._open[2] if self._open else 0))
        a, b = self._lo[0:2 * pairs:2], self._lo[1:2 * pairs:2]
        self._lo = np.where((b[:, 1] < a[:, 1])[:, None], b, a)
        a, b = self._hi[0:2 * pairs:2], self._hi[1:2 * pairs:2]
        self._hi = np.where((b[:, 1] > a[:, 1])[:, None], b, a)
        self.size *= 2

    def _points(self) -> tuple[np.ndarray, np.ndarray]:
        if self._drawn is None:
            if self._first is None:
                self._drawn = (np.empty(0), np.empty(0))
                return self._drawn
            lo, hi = self._lo, self._hi
            if self._open is not None:
                lo, hi = np.vstack([lo, self._open[0]]), np.vstack([hi, self._open[1]])
            early = lo[:, 0] <= hi[:, 0]
            pair = np.empty((len(lo), 2, 2))
            pair[:, 0] = np.where(early[:, None], lo, hi)
            pair[:, 1] = np.where(early[:, None], hi, lo)
            points = np.vstack([self._first, pair.reshape(-1, 2), self._last])
            keep = np.ones(len(points), dtype=bool)
            keep[1:] = np.any(points[1:] != points[:-1], axis=1)
            points = points[keep]
            self._drawn = (points[:, 0].copy(), points[:, 1].copy())
        return self._drawn

    @property
    def x(self) -> np.ndarray:
        return self._points()[0]

    @property
    def y(self) -> np.ndarray:
        return self._points()[1]

    def __len__(self) -> int:
        return len(self.x)


def _lower(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return b if b[1] < a[1] else a


def _higher(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return b if b[1] > a[1] else a


def _fold(lo, hi, filled: int, x: np.ndarray, y: np.ndarray):
    """A bucket's (lowest, highest, count) after it takes in more points."""
    if len(x) == 0:
        return lo, hi, filled
    i, j = int(y.argmin()), int(y.argmax())
    new_lo, new_hi = np.array([x[i], y[i]]), np.array([x[j], y[j]])
    if lo is None:
        return new_lo, new_hi, len(x)
    return _lower(lo, new_lo), _higher(hi, new_hi), filled + len(x)


def set_curve(curve: pg.PlotDataItem, x: np.ndarray, y: np.ndarray, width: float = 2.0,
              symbol: str | None = None) -> None:
    """``curve.setData(x, y)``, drawn ``width`` wide (with ``symbol`` at each point) while its points
    are sparse, and 1 px wide without symbols once they are dense (``DENSE_COLUMNS``): every point
    is still drawn, and a paint stays short at thousands of points."""
    view = curve.getViewBox()
    columns = view.width() if view is not None and view.width() > 0 else 600.0
    dense = len(x) * DENSE_COLUMNS > columns
    pen = QPen(curve.opts["pen"])
    if pen.widthF() != (1.0 if dense else width):
        pen.setWidthF(1.0 if dense else width)
        curve.setPen(pen)
    if curve.opts["symbol"] != (None if dense else symbol):
        curve.setSymbol(None if dense else symbol)
    curve.setData(x, y)


def cache_axes(plot: pg.PlotItem) -> None:
    """Keep each axis (ticks, labels, grid) as a picture Qt blits: an axis replays its recorded
    text at every paint of anything under it (2-3 ms each, under the GIL the training thread
    needs); cached, it is drawn again only when its range, size or colours change."""
    for axis in plot.axes.values():
        axis["item"].setCacheMode(QGraphicsItem.DeviceCoordinateCache)


def trains_in_turns(analysis, graph) -> bool:
    """Whether the network's loss trains networks in turns (a GAN, as its loss declares): the
    loop reports each network's loss, and nothing is classified."""
    node = graph.nodes.get(analysis.loss) if analysis.loss else None
    return node is not None and bool(getattr(node_type(node.type), "trains_in_turns", False))


# Tests replace these to avoid modal file dialogs.
def has_conv(graph) -> bool:
    return any((node_type(n.type) or NodeType).is_spatial_filter for n in graph.nodes.values())


def ask_save_path(parent: QWidget, caption: str, filter: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, "", filter)[0]


class PlotPanel(QWidget):
    """A panel with one or more plot items; adds 'Save as PNG' and 'Save data as CSV' to their menus."""

    title = ""
    view_name = ""  # what ``playground shot PRESET --view NAME`` calls this panel
    # Opening or training a network fronts, of the views that apply to it, the highest ranked
    # (0: never fronted by itself): the one that says most about that kind of network.
    front_rank = 0
    redraw_interval = 0.0  # seconds; the live training panels use REDRAW_INTERVAL
    # A staticmethod probe(model, data) -> object, run on the training worker's thread with every heavy snapshot;
    # its result arrives as ``snap.extras[type(panel).__name__]``. None: the panel needs none.
    probe = None

    @classmethod
    def note(cls, analysis, graph, shape: tuple[int, ...]) -> str | None:
        """Why this view does not apply to a network whose input has ``shape`` (None: it applies)."""
        return None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graphics = pg.GraphicsLayoutWidget()
        self.hint = QLabel()
        self.hint.setWordWrap(True)  # never widens the dock
        self.hint.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.hint)
        layout.addWidget(self.graphics)
        self.received = 0
        self.placeholder: pg.TextItem | None = None
        self._axes_shown: list[str] = []
        self._reason = ""  # what the placeholder says, "" while the view applies
        self._stale = False
        self._last_draw = float("-inf")
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush)
        style.notifier.changed.connect(self._theme_changed)
        PlotPanel.apply_theme(self, style.theme())  # panels apply theirs once their items exist

    def add_plot(self, row: int = 0, col: int = 0, **kwargs) -> pg.PlotItem:
        item = self.graphics.addPlot(row=row, col=col, **kwargs)
        cache_axes(item)
        if self.placeholder is None:
            self._add_placeholder(item)
        menu = item.vb.menu
        menu.addSeparator()
        menu.addAction(self.tr("Save as PNG..."), self.save_png)
        menu.addAction(self.tr("Save data as CSV..."), self.save_csv)
        return item

    def apply_theme(self, theme: style.Theme) -> None:
        """Colours of the panel's own (colour maps, markers, text on cells); panels extend this.
        Backgrounds, axes and legends follow the theme without it (``theming``)."""
        self.hint.setStyleSheet(f"QLabel {{ color: {theme.muted}; padding: 2px 4px; }}")

    def _theme_changed(self, _name: str) -> None:
        self.apply_theme(style.theme())
        if self.received:
            self._stale = True
            self._flush()

    def data_table(self) -> tuple[list[str], list[list[float]]]:
        """(header, rows) of what the panel shows; panels override."""
        return [], []

    def save_png(self, path: str | None = None) -> str | None:
        path = path or ask_save_path(self, self.tr("Save {title} as PNG").format(title=QCoreApplication.translate(type(self).__name__, self.title)), self.tr("PNG images (*.png)"))
        if path:
            self.grab().save(path, "PNG")
        return path or None

    def save_csv(self, path: str | None = None) -> str | None:
        path = path or ask_save_path(self, self.tr("Save {title} data as CSV").format(title=QCoreApplication.translate(type(self).__name__, self.title)), self.tr("CSV files (*.csv)"))
        if path:
            header, rows = self.data_table()
            with open(path, "w", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(header)
                writer.writerows(rows)
        return path or None

    def show_hint(self, text: str) -> None:
        """A grey line above the plot until the first snapshot: an empty plot says how to fill it."""
        self.hint.setText(text)
        self.hint.setVisible(self.received == 0)

    def _add_placeholder(self, plot: pg.PlotItem) -> None:
        """A centred text in the first plot's view box (pixel coordinates, so it never scales)."""
        self.placeholder = pg.TextItem("", color=PLACEHOLDER_COLOUR, anchor=(0.5, 0.5))
        self.placeholder.setParentItem(plot.vb)
        self.placeholder.setZValue(1000)
        self.placeholder.hide()
        plot.vb.sigResized.connect(self._place_placeholder)

    def _place_placeholder(self, *_args) -> None:
        vb = self.placeholder.parentItem()
        rect = vb.boundingRect()
        self.placeholder.setTextWidth(max(120.0, rect.width() - 24))
        self.placeholder.setPos(rect.center())

    def show_placeholder(self, reason: str | None) -> None:
        """Say in the view why it does not apply to this network (``None``: it applies)."""
        if self.placeholder is None:
            return
        if reason:
            self.placeholder.setHtml(f"<div style='text-align:center'>{html.escape(reason)}</div>")
            self._place_placeholder()
        plot = self.placeholder.parentItem().parentItem()
        if bool(reason) != bool(self._reason):  # axes of nothing would only distract
            if reason:
                self._axes_shown = [a for a in ("left", "bottom") if plot.getAxis(a).isVisible()]
            for axis in self._axes_shown:
                plot.showAxis(axis, not reason)
        self._reason = reason or ""
        self.placeholder.setVisible(bool(reason))
        if reason:
            self.hint.hide()
        else:
            self.hint.setVisible(self.received == 0 and bool(self.hint.text()))

    @property
    def placeholder_text(self) -> str:
        """What the placeholder says, '' when it is hidden."""
        return self._reason

    def clear(self) -> None:
        """Another network was opened: nothing of the previous run stays drawn. Panels forget
        their own data in ``reset``; this empties every curve, scatter and image on screen."""
        self.received = 0
        self._stale = False
        self._flush_timer.stop()
        for item in self.graphics.ci.items:
            if isinstance(item, pg.PlotItem):
                for data in item.items:
                    if isinstance(data, pg.PlotDataItem):
                        data.setData([], [])
                    elif isinstance(data, (pg.ScatterPlotItem, pg.ImageItem)):
                        data.clear()
                y_auto = bool(item.vb.state["autoRange"][1])  # a fixed y range (accuracy) stays
                item.vb.setRange(xRange=(0, 1), yRange=(0, 1) if y_auto else None, padding=0)
                item.vb.enableAutoRange(x=True, y=y_auto)
        self.hint.setVisible(bool(self.hint.text()) and not self.placeholder_text)

    def reset(self, setup) -> None:
        """A new run starts: forget old data, adapt to the model (layers, classes)."""

    def update_snapshot(self, snap) -> None:
        """Keep what the snapshot brings; panels extend this and then call ``refresh``."""
        self.received += 1
        self.hint.hide()

    def refresh(self) -> None:
        """Redraw now if the panel is on screen, else when it is next shown (a hidden tab).
        At most one redraw per ``redraw_interval``: a later one is deferred to a timer."""
        self._stale = True
        if not self.isVisible():
            return
        wait = self._last_draw + self.redraw_interval - time.monotonic()
        if wait <= 0:
            self._flush()
        elif not self._flush_timer.isActive():
            self._flush_timer.start(max(1, int(wait * 1000)))

    def _flush(self) -> None:
        if self._stale and self.isVisible():
            self._draw_now()

    def _draw_now(self) -> None:
        self._redraw()
        self._stale = False
        self._last_draw = time.monotonic()
        # The new data's auto range and view transform now, not inside the paint: there a changed
        # range asks for a second paint of the whole view (every redraw was painted twice).
        for item in self.graphics.ci.items:
            if isinstance(item, pg.PlotItem):
                item.vb.prepareForPaint()

    def _redraw(self) -> None:
        """Push the kept data into the plot items (setData / setImage)."""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._draw_now()


def mosaic(images: np.ndarray, pad: int = 1, columns: int | None = None) -> np.ndarray:
    """Tile (n, h, w) images into one (rows*(h+pad), cols*(w+pad)) image, each scaled to 0..1."""
    n, h, w = images.shape
    cols = columns or int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    out = np.full((rows * (h + pad) + pad, cols * (w + pad) + pad), np.nan, dtype=np.float32)
    for i, img in enumerate(images):
        lo, hi = float(np.min(img)), float(np.max(img))
        scaled = (img - lo) / (hi - lo) if hi > lo else np.zeros_like(img)
        r, c = divmod(i, cols)
        out[pad + r * (h + pad):pad + r * (h + pad) + h, pad + c * (w + pad):pad + c * (w + pad) + w] = scaled
    return out
