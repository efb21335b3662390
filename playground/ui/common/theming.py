"""Applying a theme to the running app: widgets, every plot and canvas, live; the choice persists.

Plots made later pick the theme up from pyqtgraph's defaults; plots already on screen are re-styled
here (background, axes, titles, legends). Panels with colours of their own (colour maps, text on
cells) listen to ``style.notifier.changed``.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QGraphicsView, QMenu, QWidget

from playground.ui.common import settings
from playground.ui.common import style

SETTINGS_KEY = "view/theme"


def saved_theme() -> str:
    """The theme chosen last time (dark on first start)."""
    name = str(settings.open_settings().value(SETTINGS_KEY, style.DEFAULT_THEME))
    return name if name in style.THEMES else style.DEFAULT_THEME


def apply_theme(name: str, app: QApplication | None = None, save: bool = False) -> style.Theme:
    """Switch the whole app to theme ``name``; ``save`` remembers it for the next start."""
    t = style.use_theme(name)
    pg.setConfigOptions(background=t.plot_bg, foreground=t.plot_fg)
    app = app or QApplication.instance()
    if app is not None:
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(style.qt_palette(t))
        for widget in app.allWidgets():
            if isinstance(widget, pg.GraphicsView):
                restyle_plot_view(widget, t)
            elif isinstance(widget, QGraphicsView) and widget.scene() is not None:
                widget.scene().update()  # the canvas paints from style's current colours
    if save:
        settings.open_settings().setValue(SETTINGS_KEY, t.name)
    style.notifier.changed.emit(t.name)
    return t


def restyle_plot_view(view: pg.GraphicsView, t: style.Theme) -> None:
    """Background, axes, titles and legends of one pyqtgraph widget in theme ``t``."""
    view.setBackground(t.plot_bg)
    for item in view.scene().items():
        if isinstance(item, pg.AxisItem):
            item.setPen(t.plot_axis)
            item.setTextPen(t.plot_fg)
        elif isinstance(item, pg.LegendItem):
            item.setLabelTextColor(t.plot_fg)
        elif isinstance(item, pg.LabelItem) and item.opts.get("color") is None:
            item.setText(item.text)  # re-reads the default foreground


class ThemeMenu(QMenu):
    """View > Theme: Dark / Light, exclusive, checked on the theme in use."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&Theme"), parent)
        self.group = QActionGroup(self)
        for t in style.THEMES.values():
            action = QAction(self.tr(t.title), self, checkable=True)
            action.setData(t.name)
            action.setStatusTip(self.tr("Use the {name} theme for the window, canvas and plots").format(name=t.name))
            action.triggered.connect(lambda _checked=False, n=t.name: apply_theme(n, save=True))
            self.group.addAction(action)
            self.addAction(action)
        self.sync(style.theme().name)
        style.notifier.changed.connect(self.sync)

    def sync(self, name: str) -> None:
        for action in self.group.actions():
            action.setChecked(action.data() == name)

    def action_for(self, name: str) -> QAction:
        return next(a for a in self.group.actions() if a.data() == name)


def install_theme_menu(window: QWidget, menu: QMenu) -> ThemeMenu:
    """Add the Theme submenu to ``menu`` (the View menu)."""
    sub = ThemeMenu(window)
    menu.addMenu(sub)
    return sub
