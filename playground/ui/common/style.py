"""The app's two themes (dark and light) in one place: widgets, canvas and plots read their colours here.

The module-level colours (``CANVAS_BG``, ``NODE_TEXT``, ...) are the current theme's; ``use_theme``
rebinds them, so painters read them as ``style.NAME`` at paint time and follow a switch on their
next repaint. ``playground.ui.common.theming`` applies a theme to the running application.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtGui import QColor, QFont, QPalette

CATEGORY_COLORS = {
    "Data": QColor("#2e7d6f"),
    "Layers": QColor("#3d5a98"),
    "Activations": QColor("#8a5a9e"),
    "Losses": QColor("#b5523b"),
    "Optimizers": QColor("#9a7b1e"),
}
# Mid-tone port and wire colours read on both themes' canvases.
PORT_COLORS = {"tensor": QColor("#4a9bdb"), "target": QColor("#dd9f3f"), "loss": QColor("#e05f4f")}


@dataclass(frozen=True)
class Theme:
    """Every colour the app paints with, for one theme."""

    name: str
    title: str
    # widgets (the Qt palette)
    window: str
    window_text: str
    base: str
    alternate_base: str
    button: str
    text: str
    muted: str  # hints, secondary text
    disabled: str
    highlight: str
    winner_bg: str  # the best run's row in the comparison table
    link: str
    bright_text: str
    # canvas
    canvas_bg: str
    grid_minor: str
    grid_major: str
    node_body: str
    node_border: str
    node_title_text: str  # on the category-coloured title bar
    node_text: str
    node_subtext: str
    node_selected: str
    node_error: str
    wire: str
    label_bg: str  # wire shape labels, #AARRGGBB
    # plots
    plot_bg: str
    plot_fg: str  # tick labels, titles, legend text
    plot_axis: str  # axis lines; grid lines are this at low alpha
    point_edge: str  # outline of training points on the decision boundary
    val_point_edge: str  # outline of validation points
    wrong: str  # wrong predictions
    classes: tuple[str, ...]  # data points by class: TF Playground's orange and blue first
    boundary: tuple[str, str, str]  # class 0 side, undecided, class 1 side
    sequential: tuple[str, ...]  # low -> high (counts, activations)
    diverging: tuple[str, ...]  # negative -> 0 -> positive (weights, filters)
    grayscale: tuple[str, str]  # image value 0 -> 1 (digits)
    surface: tuple[str, str, str]  # loss surfaces, low -> high
    contour: str  # their contour lines


DARK = Theme(
    name="dark", title=QT_TRANSLATE_NOOP("ThemeMenu", "&Dark"),
    window="#2b2f36", window_text="#e8eaed", base="#23272e", alternate_base="#2b2f36", button="#353a43",
    text="#e8eaed", muted="#8a93a3", disabled="#6b7280", highlight="#3d7bd9", winner_bg="#2f5d34", link="#6ea8fe",
    bright_text="#ff6b6b",
    canvas_bg="#1f2228", grid_minor="#272b32", grid_major="#30353e", node_body="#2d323b",
    node_border="#4a515e", node_title_text="#f4f5f7", node_text="#e8eaed", node_subtext="#a9b0bc",
    node_selected="#f0c040", node_error="#e5484d", wire="#8f9aab", label_bg="#dc1f2228",
    plot_bg="#1f2228", plot_fg="#c3c8d1", plot_axis="#6b7380", point_edge="#15171b",
    val_point_edge="#f4f5f7", wrong="#ff5a5f",
    classes=("#ffa040", "#3fa2f0", "#4cc46a", "#f0605d", "#b58cf0"),
    boundary=("#86491a", "#2a2e35", "#15507e"),
    sequential=("#1f2228", "#1b3a5c", "#23609a", "#3d8fd1", "#8ec9f5", "#e3f3ff"),
    diverging=("#ffc27a", "#d9802a", "#5a3a1e", "#24272d", "#1c4a70", "#2f86c9", "#9fd3fa"),
    grayscale=("#000000", "#ffffff"),
    surface=("#1c2026", "#26374b", "#3d6189"), contour="#71839a",
)

LIGHT = Theme(
    name="light", title=QT_TRANSLATE_NOOP("ThemeMenu", "&Light"),
    window="#eef0f3", window_text="#1f2328", base="#ffffff", alternate_base="#f5f6f8", button="#e4e7ec",
    text="#1f2328", muted="#5f6773", disabled="#a0a6b0", highlight="#2f6fd0", winner_bg="#cdebd3", link="#1f5fbf",
    bright_text="#c62828",
    canvas_bg="#f7f8fa", grid_minor="#eceef2", grid_major="#dde1e7", node_body="#ffffff",
    node_border="#b9bfc9", node_title_text="#ffffff", node_text="#1f2328", node_subtext="#5b6270",
    node_selected="#d99100", node_error="#d93036", wire="#7d8797", label_bg="#ebffffff",
    plot_bg="#ffffff", plot_fg="#3a404b", plot_axis="#9aa1ab", point_edge="#ffffff",
    val_point_edge="#1f2328", wrong="#d62728",
    classes=("#f59322", "#0877bd", "#2ca02c", "#d62728", "#9467bd"),
    boundary=("#f6b26b", "#f5f6f7", "#7fb5df"),
    sequential=("#ffffff", "#dbe9f6", "#a5c8e6", "#5f9fd3", "#2a6db0", "#0b3f73"),
    diverging=("#8a3f00", "#e07b1f", "#f8c99a", "#f7f7f7", "#a9cdee", "#3d88c9", "#0b4a85"),
    grayscale=("#ffffff", "#000000"),
    surface=("#fbfcfd", "#c9d8e6", "#6f93b8"), contour="#52667d",
)

THEMES = {t.name: t for t in (DARK, LIGHT)}
DEFAULT_THEME = "dark"


class _Notifier(QObject):
    """``changed(name)`` after a theme switch: views with colours of their own re-style then."""

    changed = Signal(str)


notifier = _Notifier()
_current = DARK

# The current theme's canvas colours (rebound by use_theme).
CANVAS_BG = GRID_MINOR = GRID_MAJOR = NODE_BODY = NODE_BORDER = NODE_TITLE_TEXT = QColor()
NODE_SELECTED = NODE_ERROR = NODE_TEXT = NODE_SUBTEXT = WIRE = WIRE_SELECTED = LABEL_BG = QColor()


def theme() -> Theme:
    """The theme in use."""
    return _current


def use_theme(name: str) -> Theme:
    """Make ``name`` the current theme (unknown names fall back to the default) and return it."""
    global _current, CANVAS_BG, GRID_MINOR, GRID_MAJOR, NODE_BODY, NODE_BORDER, NODE_TITLE_TEXT
    global NODE_SELECTED, NODE_ERROR, NODE_TEXT, NODE_SUBTEXT, WIRE, WIRE_SELECTED, LABEL_BG
    t = _current = THEMES.get(name, THEMES[DEFAULT_THEME])
    CANVAS_BG, GRID_MINOR, GRID_MAJOR = QColor(t.canvas_bg), QColor(t.grid_minor), QColor(t.grid_major)
    NODE_BODY, NODE_BORDER, NODE_TITLE_TEXT = QColor(t.node_body), QColor(t.node_border), QColor(t.node_title_text)
    NODE_SELECTED, NODE_ERROR = QColor(t.node_selected), QColor(t.node_error)
    NODE_TEXT, NODE_SUBTEXT, WIRE = QColor(t.node_text), QColor(t.node_subtext), QColor(t.wire)
    WIRE_SELECTED, LABEL_BG = NODE_SELECTED, QColor(t.label_bg)
    return t


use_theme(DEFAULT_THEME)


def qt_palette(t: Theme) -> QPalette:
    """The widgets' colours (Fusion style) for theme ``t``."""
    palette = QPalette()
    colors = {
        QPalette.Window: t.window, QPalette.WindowText: t.window_text, QPalette.Base: t.base,
        QPalette.AlternateBase: t.alternate_base, QPalette.ToolTipBase: t.base,
        QPalette.ToolTipText: t.text, QPalette.Text: t.text, QPalette.Button: t.button,
        QPalette.ButtonText: t.text, QPalette.BrightText: t.bright_text, QPalette.Highlight: t.highlight,
        QPalette.HighlightedText: "#ffffff", QPalette.Link: t.link, QPalette.PlaceholderText: t.muted,
        QPalette.Light: QColor(t.button).lighter(125).name(), QPalette.Midlight: QColor(t.button).lighter(110).name(),
        QPalette.Mid: QColor(t.button).darker(125).name(), QPalette.Dark: QColor(t.button).darker(160).name(),
        QPalette.Shadow: "#000000",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.Text, QPalette.ButtonText, QPalette.WindowText):
        palette.setColor(QPalette.Disabled, role, QColor(t.disabled))
    return palette


def category_color(category: str) -> QColor:
    return CATEGORY_COLORS.get(category, QColor("#666666"))


def category_heading(category: str) -> QColor:
    """The category's colour as text on the window background (lighter on dark, darker on light)."""
    color = category_color(category)
    return color.lighter(150) if luminance(QColor(_current.window)) < 0.5 else color.darker(115)


def port_color(kind: str) -> QColor:
    return PORT_COLORS.get(kind, QColor("#cccccc"))


def class_color(index: int, t: Theme | None = None) -> str:
    classes = (t or _current).classes
    return classes[index % len(classes)]


def ui_font(point_size: float = 9.0, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def _ramp(colors: tuple[str, ...]) -> pg.ColorMap:
    return pg.ColorMap([i / (len(colors) - 1) for i in range(len(colors))], list(colors))


def boundary_map(t: Theme | None = None) -> pg.ColorMap:
    """Prediction over the plane: class 0's colour, a neutral middle (the boundary), class 1's."""
    return _ramp((t or _current).boundary)


def sequential_map(t: Theme | None = None) -> pg.ColorMap:
    """Counts and other values from 0 up: from the plot background to a bright blue."""
    return _ramp((t or _current).sequential)


def diverging_map(t: Theme | None = None) -> pg.ColorMap:
    """Signed values (weights, filters): orange below 0, neutral at 0, blue above, as TF Playground."""
    return _ramp((t or _current).diverging)


def grayscale_map(t: Theme | None = None) -> pg.ColorMap:
    return _ramp((t or _current).grayscale)


def surface_map(t: Theme | None = None) -> pg.ColorMap:
    """Loss surfaces: from the plot background (low) to a calm blue (high)."""
    return _ramp((t or _current).surface)


def luminance(color: QColor) -> float:
    """WCAG relative luminance (0 black .. 1 white)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_on(background: QColor) -> QColor:
    """Near-black or white, whichever reads better on ``background``."""
    dark, light = QColor("#111418"), QColor("#ffffff")
    return dark if contrast_ratio(dark, background) >= contrast_ratio(light, background) else light
