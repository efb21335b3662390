"""Shared pieces of the plot panels: bounded series and PNG/CSV export from the context menu."""
from __future__ import annotations

import csv
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from playground.ui import style

MAX_POINTS = 4000
# Seconds between redraws of one panel while snapshots stream in. Painting (pyqtgraph axes and
# antialiased paths, mostly Python under the GIL) is the GUI thread's main cost and slows the
# training thread down; data still arrives with every snapshot and the last state is always drawn.
REDRAW_INTERVAL = 0.33
# Mid-tone curve colours that read on the dark and the light plot background alike.
PALETTE = ["#2f86d6", "#e0474c", "#35a852", "#f08c28", "#9a6fd6", "#a8735a", "#e377c2", "#17b3c9",
           "#b5b52a", "#8c8c8c"]

pg.setConfigOptions(antialias=True, background=style.theme().plot_bg, foreground=style.theme().plot_fg,
                    imageAxisOrder="row-major")


class Series:
    """x/y points that stay bounded: past MAX_POINTS, every other old point is dropped."""

    def __init__(self) -> None:
        self.x = np.empty(0)
        self.y = np.empty(0)

    def extend(self, x: np.ndarray, y: np.ndarray) -> None:
        self.x = np.concatenate([self.x, np.asarray(x, dtype=float)])
        self.y = np.concatenate([self.y, np.asarray(y, dtype=float)])
        if len(self.x) > MAX_POINTS:
            self.x, self.y = self.x[::2].copy(), self.y[::2].copy()

    def clear(self) -> None:
        self.x, self.y = np.empty(0), np.empty(0)

    def __len__(self) -> int:
        return len(self.x)


# Tests replace these to avoid modal file dialogs.
def ask_save_path(parent: QWidget, caption: str, filter: str) -> str:
    return QFileDialog.getSaveFileName(parent, caption, "", filter)[0]


class PlotPanel(QWidget):
    """A panel with one or more plot items; adds 'Save as PNG' and 'Save data as CSV' to their menus."""

    title = ""
    redraw_interval = 0.0  # seconds; the live training panels use REDRAW_INTERVAL

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
        self._stale = False
        self._last_draw = float("-inf")
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush)
        style.notifier.changed.connect(self._theme_changed)
        PlotPanel.apply_theme(self, style.theme())  # panels apply theirs once their items exist

    def add_plot(self, row: int = 0, col: int = 0, **kwargs) -> pg.PlotItem:
        item = self.graphics.addPlot(row=row, col=col, **kwargs)
        menu = item.vb.menu
        menu.addSeparator()
        menu.addAction("Save as PNG...", self.save_png)
        menu.addAction("Save data as CSV...", self.save_csv)
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
        path = path or ask_save_path(self, f"Save {self.title} as PNG", "PNG images (*.png)")
        if path:
            self.grab().save(path, "PNG")
        return path or None

    def save_csv(self, path: str | None = None) -> str | None:
        path = path or ask_save_path(self, f"Save {self.title} data as CSV", "CSV files (*.csv)")
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
            self._redraw()
            self._stale = False
            self._last_draw = time.monotonic()

    def _redraw(self) -> None:
        """Push the kept data into the plot items (setData / setImage)."""

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._redraw()
            self._stale = False
            self._last_draw = time.monotonic()


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
