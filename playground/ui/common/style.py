"""Colours and fonts shared by the canvas and the palette, so a category looks the same everywhere."""
from __future__ import annotations

from PySide6.QtGui import QColor, QFont

CATEGORY_COLORS = {
    "Data": QColor("#2e7d6f"),
    "Layers": QColor("#3d5a98"),
    "Activations": QColor("#8a5a9e"),
    "Losses": QColor("#b5523b"),
    "Optimizers": QColor("#9a7b1e"),
}
PORT_COLORS = {"tensor": QColor("#4fa3e0"), "target": QColor("#e0a84f"), "loss": QColor("#e05f4f")}
CANVAS_BG = QColor("#1f2228")
GRID_MINOR = QColor("#272b32")
GRID_MAJOR = QColor("#30353e")
NODE_BODY = QColor("#2d323b")
NODE_BORDER = QColor("#4a515e")
NODE_SELECTED = QColor("#f0c040")
NODE_ERROR = QColor("#e5484d")
NODE_TEXT = QColor("#e8eaed")
NODE_SUBTEXT = QColor("#a9b0bc")
WIRE = QColor("#8f9aab")
WIRE_SELECTED = NODE_SELECTED
LABEL_BG = QColor(31, 34, 40, 220)


def category_color(category: str) -> QColor:
    return CATEGORY_COLORS.get(category, QColor("#666666"))


def port_color(kind: str) -> QColor:
    return PORT_COLORS.get(kind, QColor("#cccccc"))


def ui_font(point_size: float = 9.0, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font
