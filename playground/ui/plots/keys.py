"""Keys to what a plot shows, kept off the data: a legend row above the plot, a colour bar beside it."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy

ROUND_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def legend_row(graphics: pg.GraphicsLayoutWidget, row: int = 0, col: int = 0) -> pg.LegendItem:
    """A legend in its own layout row (put the plot in the row below): it never covers a curve."""
    legend = pg.LegendItem(labelTextSize="9pt", colCount=1, verSpacing=-6, horSpacing=18)
    legend.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
    graphics.addItem(legend, row=row, col=col)
    graphics.ci.layout.setAlignment(legend, Qt.AlignHCenter | Qt.AlignBottom)
    graphics.ci.layout.setRowStretchFactor(row, 0)
    graphics.ci.layout.setRowStretchFactor(row + 1, 1)
    return legend


def side_legend(graphics: pg.GraphicsLayoutWidget, row: int, col: int) -> pg.LegendItem:
    """A legend in its own layout cell beside the plots, top-aligned: it never covers a curve."""
    legend = pg.LegendItem(labelTextSize="9pt")
    legend.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
    graphics.addItem(legend, row=row, col=col)
    graphics.ci.layout.setAlignment(legend, Qt.AlignTop)
    return legend


def spread(legend: pg.LegendItem, max_columns: int = 5) -> None:
    """Lay the entries out side by side, in as few rows as ``max_columns`` allows."""
    n = max(1, len(legend.items))
    rows = math.ceil(n / max_columns)
    legend.setColumnCount(math.ceil(n / rows))


def colour_key(plot: pg.PlotItem | None, image: pg.ImageItem, cmap: pg.ColorMap, label: str,
               levels: tuple[float, float] = (0.0, 1.0)) -> pg.ColorBarItem:
    """A colour bar right of ``plot`` (or placed by the caller when None) that also sets
    ``image``'s colour map and levels."""
    bar = pg.ColorBarItem(values=levels, colorMap=cmap, interactive=False, width=11, colorMapMenu=False)
    bar.setImageItem(image, insert_in=plot)
    bar.axis.setLabel(label)  # beside the values, clear of the bar
    bar.axis.setWidth(None)  # as wide as values and label need
    bar.axis.setStyle(maxTickLevel=0)  # a few round values, not a ruler
    bar.axis.enableAutoSIPrefix(False)
    return bar


def nice_ceiling(value: float, floor: float = 1e-6) -> float:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or
    above ``value``: a colour key that stays put while values drift, at most 25 % above them."""
    value = max(float(value), floor)
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in ROUND_STEPS if step * power >= value * (1 - 1e-9))


def nice_ceilings(values, floor: float = 1e-6) -> np.ndarray:
    """``nice_ceiling`` of each value, in one pass (a column of units' colour ranges)."""
    values = np.maximum(np.asarray(values, dtype=float), floor)
    power = 10.0 ** np.floor(np.log10(values))
    candidates = np.array(ROUND_STEPS)[None, :] * power[:, None]
    first = (candidates >= values[:, None] * (1 - 1e-9)).argmax(axis=1)
    return candidates[np.arange(len(values)), first]


def symmetric(values) -> tuple[float, float]:
    """(-m, m) around the largest magnitude (rounded up): zero sits in the middle of a diverging map."""
    finite = np.asarray(values)[np.isfinite(values)]
    m = nice_ceiling(float(np.max(np.abs(finite))) if finite.size else 1.0)
    return -m, m
