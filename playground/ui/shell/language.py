"""View > Language: English / 한국어, kept in QSettings and applied at once.

Installing a translator makes Qt send every widget a LanguageChange event; on the window's, what
is built from data (the palette from the registry, the inspector, the About panel) is built again,
and every other text on screen is swapped through the catalogue: menus, actions, dock and toolbar
titles, tabs, labels, buttons, tooltips, plot titles, axes and legends, also texts made from a
template ("Editor view"). A widget whose texts are made from data or values (the race's
captions and results) sets them again in its ``retranslate()``, called after the swap; any other
text whose values change (progress) follows at its next update.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QDoubleSpinBox, QGroupBox, QLabel,
                               QLineEdit, QMainWindow, QMenu, QSpinBox, QTableWidget, QTabWidget, QToolBar,
                               QWidget)

from playground.ui.common import i18n

STATUS_MS = 8000


class LanguageMenu(QMenu):
    """The languages, exclusive, checked on the one in use."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(self.tr("&Language"), window)
        self.window = window
        self.group = QActionGroup(self)
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)  # each language in its own words
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            self.group.addAction(action)
            self.addAction(action)
        self.sync()

    def sync(self) -> None:
        for action in self.group.actions():
            action.setChecked(action.data() == i18n.current_language())

    def action_for(self, code: str) -> QAction:
        return next(a for a in self.group.actions() if a.data() == code)

    def choose(self, code: str) -> None:
        """Keep ``code`` for the next start and switch the window to it now."""
        i18n.save_language(code)
        old = i18n.current_language()
        if code != old and i18n.install(code):  # the window hears LanguageChange: _Retranslator
            self.window.statusBar().showMessage(
                self.tr("Language: {name}. Texts with numbers change at their next update; "
                        "restart the app to see every text in it.").format(name=i18n.LANGUAGES[code]),
                STATUS_MS)
        self.sync()


class _Switch:
    """One switch from ``old`` to ``new`` (through English). Each text keeps, as dynamic
    properties of its object, the English it was shown from and what this put on screen, so that
    switching back and forth never guesses between two English texts that share a translation;
    a text the app has changed since is looked up afresh."""

    def __init__(self, old: str, new: str) -> None:
        self.back = None if old == "en" else i18n.retranslation(old, "en")
        self.forth = None if new == "en" else i18n.retranslation("en", new)

    def __call__(self, obj: QObject, key: str, text: str, menu: bool = False, title: bool = False,
                 near: QObject | None = None) -> str:
        """``text`` of ``obj`` in the new language; ``near``: the object it names (a tab's page),
        whose classes' translations come first."""
        if not text:
            return text
        source, shown = obj.property(f"i18nSource_{key}"), obj.property(f"i18nShown_{key}")
        contexts = (*contexts_of(near), *contexts_of(obj)) if self.back else ()
        if source is None or shown != text:
            source = self.back.swap(text, menu, contexts, title) if self.back else text
        result = self.forth.swap(source, menu) if self.forth else source
        obj.setProperty(f"i18nSource_{key}", source)
        obj.setProperty(f"i18nShown_{key}", result)
        return result


def contexts_of(obj: QObject | None) -> tuple[str, ...]:
    """The translation contexts ``obj``'s texts were likely written in, nearest first: the
    classes of ``obj`` and of its parents (``self.tr`` translates in the class's name)."""
    names: list[str] = []
    while obj is not None:
        names += [cls.__name__ for cls in type(obj).__mro__ if not cls.__module__.startswith(("PySide6", "shiboken", "builtins"))]
        obj = obj.parent()
    return tuple(dict.fromkeys(names))


def retranslate(window: QWidget, old: str, new: str) -> None:
    """Bring every text of ``window`` shown in ``old`` into ``new``."""
    swap = _Switch(old, new)
    for action in window.findChildren(QAction):
        text, icon_text, tip = action.text(), action.iconText(), action.toolTip()
        action.setText(swap(action, "text", text, menu=True))
        # a button's text that is the menu text without its mnemonic follows the menu text
        new_icon_text = i18n.plain(action.text()) if icon_text == i18n.plain(text) \
            else swap(action, "iconText", icon_text)
        if new_icon_text != icon_text:
            action.setIconText(new_icon_text)
        # Qt's own tooltip (the text without its mnemonic) follows the new text by itself
        auto_tips = (i18n.plain(text), text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…"))
        action.setToolTip("" if tip in auto_tips else swap(action, "toolTip", tip))
        action.setStatusTip(swap(action, "statusTip", action.statusTip()))
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.toolTip():
            widget.setToolTip(swap(widget, "toolTip", widget.toolTip()))
        if isinstance(widget, (QDockWidget, QToolBar)):
            widget.setWindowTitle(swap(widget, "title", widget.windowTitle(), title=True))
        elif isinstance(widget, QMenu):
            widget.setTitle(swap(widget, "menu", widget.title(), menu=True))
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                widget.setTabText(i, swap(widget, f"tab{i}", widget.tabText(i), title=True, near=widget.widget(i)))
                widget.setTabToolTip(i, swap(widget, f"tabTip{i}", widget.tabToolTip(i)))
        elif isinstance(widget, (QLabel, QAbstractButton)):
            button = isinstance(widget, QAbstractButton)
            widget.setText(swap(widget, "text", widget.text(), menu=button, title=button))
        elif isinstance(widget, QGroupBox):
            widget.setTitle(swap(widget, "title", widget.title(), title=True))
        elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            widget.setSpecialValueText(swap(widget, "special", widget.specialValueText()))
            widget.setSuffix(swap(widget, "suffix", widget.suffix()))
        elif isinstance(widget, QLineEdit):
            widget.setPlaceholderText(swap(widget, "placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                widget.setItemText(i, swap(widget, f"item{i}", widget.itemText(i)))
        elif isinstance(widget, QTableWidget):
            for col in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(col)
                if item is not None:
                    item.setText(swap(widget, f"column{col}", item.text()))
    for view in window.findChildren(pg.GraphicsView):  # plot titles, axis labels, legends
        _retranslate_plots(view, swap)
    document = getattr(window, "document", None)
    if document is not None:  # the validation line, the inspector's status, the nodes' tooltips
        document.analysisChanged.emit(document.analysis)


def _retranslate_plots(view: pg.GraphicsView, swap: _Switch) -> None:
    for item in view.scene().items():
        if isinstance(item, pg.AxisItem) and item.labelText:
            item.setLabel(swap(item, "label", item.labelText))
        elif isinstance(item, pg.LegendItem):
            for _sample, label in item.items:
                label.setText(swap(label, "text", label.text))
        elif isinstance(item, pg.LabelItem) and item.text:
            item.setText(swap(item, "text", item.text))


class _Retranslator(QObject):
    """On the window's LanguageChange (a translator installed or removed), bring what it shows
    from the language it was showing to the current one, once per switch."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.shown = i18n.current_language()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.LanguageChange \
                and self.shown != i18n.current_language():
            old, self.shown = self.shown, i18n.current_language()
            retranslate(self.window, old, self.shown)
            _rebuild(self.window)
            for obj in [*self.window.findChildren(QAction), *self.window.findChildren(QWidget)]:
                hook = getattr(obj, "retranslate", None)  # texts made from data and values
                if callable(hook):
                    hook()
        return False


def _rebuild(window: QMainWindow) -> None:
    """What is built from data rather than fixed texts: the palette's entries (the registry),
    the inspector's page, the preset's About panel and the window title."""
    palette = getattr(window, "palette", None)
    if hasattr(palette, "tree"):
        palette.tree.clear()
        palette._fill()
        palette.filter(palette.search.text())
        palette.setMinimumWidth(palette.needed_width())
    inspector = getattr(window, "inspector", None)
    if hasattr(inspector, "show_node"):
        inspector.show_node(inspector.node_id)
    about = getattr(window, "about_dock", None)  # the preset's title and description: title_ko
    if about is not None and hasattr(about.widget(), "refresh"):
        about.widget().refresh()
    if hasattr(window, "_update_title"):  # "spiral (template)"
        window._update_title()


def install_language_menu(window: QMainWindow, menu: QMenu) -> LanguageMenu:
    """Add View > Language to ``menu`` and follow a switch live."""
    sub = LanguageMenu(window)
    menu.addMenu(sub)
    window.language_retranslator = _Retranslator(window)
    return sub
