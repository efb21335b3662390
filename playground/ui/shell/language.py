"""View > Language: English / 한국어, kept in QSettings and applied at once.

Installing a translator makes Qt send every widget a LanguageChange event. Widgets that build
their contents from the registry (the palette, the inspector) rebuild on it; for the rest of the
window the texts on screen are swapped through the catalogue (menus, actions, dock and toolbar
titles, tabs, labels, buttons, tooltips). Texts that carry values (progress, counts) follow at
their next update; the status bar says that a restart shows everything in the new language.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QGroupBox, QLabel, QLineEdit,
                               QMainWindow, QMenu, QTableWidget, QTabWidget, QToolBar, QWidget)

from playground.ui.common import i18n

STATUS_MS = 8000
_SUFFIX = re.compile(r"(.*?)(\s*\([^()]*\))", re.S)  # "New (Ctrl+N)": a tooltip with its shortcut


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


def _swap(text: str, forward: dict[str, str]) -> str:
    if not text:
        return text
    if text in forward:
        return forward[text]
    match = _SUFFIX.fullmatch(text)
    if match and match.group(1) in forward:
        return forward[match.group(1)] + match.group(2)
    return text


def retranslate(window: QWidget, forward: dict[str, str]) -> None:
    """Swap every text of ``window`` shown in the old language for the new one (``forward``)."""
    swap = lambda text: _swap(text, forward)
    for action in window.findChildren(QAction):
        icon_text = action.iconText()
        action.setText(swap(action.text()))
        if swap(icon_text) != icon_text:
            action.setIconText(swap(icon_text))
        action.setToolTip(swap(action.toolTip()))
        action.setStatusTip(swap(action.statusTip()))
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.toolTip():
            widget.setToolTip(swap(widget.toolTip()))
        if isinstance(widget, (QDockWidget, QToolBar)):
            widget.setWindowTitle(swap(widget.windowTitle()))
        elif isinstance(widget, QMenu):
            widget.setTitle(swap(widget.title()))
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                widget.setTabText(i, swap(widget.tabText(i)))
                widget.setTabToolTip(i, swap(widget.tabToolTip(i)))
        elif isinstance(widget, QLabel):
            widget.setText(swap(widget.text()))
        elif isinstance(widget, QAbstractButton):
            widget.setText(swap(widget.text()))
        elif isinstance(widget, QGroupBox):
            widget.setTitle(swap(widget.title()))
        elif isinstance(widget, QLineEdit):
            widget.setPlaceholderText(swap(widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                widget.setItemText(i, swap(widget.itemText(i)))
        elif isinstance(widget, QTableWidget):
            for col in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(col)
                if item is not None:
                    item.setText(swap(item.text()))
    document = getattr(window, "document", None)
    if document is not None:  # the validation line, the inspector's status, the nodes' tooltips
        document.analysisChanged.emit(document.analysis)


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
            retranslate(self.window, i18n.text_map(old, self.shown))
            _rebuild(self.window)
        return False


def _rebuild(window: QMainWindow) -> None:
    """The views built from the registry: the palette's entries, the inspector's page."""
    palette = getattr(window, "palette", None)
    if hasattr(palette, "tree"):
        palette.tree.clear()
        palette._fill()
        palette.filter(palette.search.text())
        palette.setMinimumWidth(palette.needed_width())
    inspector = getattr(window, "inspector", None)
    if hasattr(inspector, "show_node"):
        inspector.show_node(inspector.node_id)


def install_language_menu(window: QMainWindow, menu: QMenu) -> LanguageMenu:
    """Add View > Language to ``menu`` and follow a switch live."""
    sub = LanguageMenu(window)
    menu.addMenu(sub)
    window.language_retranslator = _Retranslator(window)
    return sub
