"""The Help menu: Getting started tour (F1), Keyboard shortcuts, Concepts and About.

``install_help_menu(window)`` fills the window's Help menu; ``show_tour_on_first_launch(window)``
shows the tour once per user (remembered in the settings), and only the app's launcher calls it,
so tests and screenshots never see it unless they ask.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from playground.ui.common import settings

TOUR_SEEN_KEY = "help/tourSeen"


class HelpMenu:
    """The Help menu's actions and the dialogs they open (each returned, for tests)."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        self.window = window
        self.menu = menu
        self.tour = None
        self.tour_action = self._add(QCoreApplication.translate("HelpMenu", "&Getting started"), QKeySequence.HelpContents,
                                     QCoreApplication.translate("HelpMenu", "A short tour of the window"), self.show_tour)
        self.shortcuts_action = self._add(QCoreApplication.translate("HelpMenu", "&Keyboard shortcuts…"), "Ctrl+/",
                                          QCoreApplication.translate("HelpMenu", "Every shortcut, read from the menus"), self.show_shortcuts)
        self.concepts_action = self._add(QCoreApplication.translate("HelpMenu", "&Concepts…"), None,
                                         QCoreApplication.translate("HelpMenu", "Small experiments, one deep-learning idea each"),
                                         self.show_concepts)
        menu.addSeparator()
        self.about_action = self._add(QCoreApplication.translate("HelpMenu", "&About NN Playground"), None,
                                      QCoreApplication.translate("HelpMenu", "Version, licences, libraries and data sources"), self.show_about)
        self.about_action.setMenuRole(QAction.AboutRole)

    def _add(self, text: str, shortcut, tip: str, slot) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def show_tour(self):
        """Open the tour on its first page (restarting it if it is already open)."""
        from playground.ui.help.tour import Tour

        if self.tour is not None:
            self.tour.close_tour()
        if getattr(self.window, "view_mode", "editor") != "editor":  # its first step shows the palette
            self.window.set_view_mode("editor")
        self.tour = Tour(self.window)
        self.tour.finished.connect(self._tour_closed)
        self.tour.show()
        mark_tour_seen()
        return self.tour

    def _tour_closed(self) -> None:
        self.tour = None

    def show_shortcuts(self) -> QDialog:
        from playground.ui.help.shortcuts import ShortcutsDialog

        return self._open(ShortcutsDialog(self.window))

    def show_concepts(self) -> QDialog:
        from playground.ui.help.concepts import ConceptsDialog

        return self._open(ConceptsDialog(self.window))

    def show_about(self) -> QDialog:
        from playground.ui.help.about import AboutDialog

        return self._open(AboutDialog(self.window))

    @staticmethod
    def _open(dialog: QDialog) -> QDialog:
        """Window-modal and non-blocking; the dialog deletes itself when closed."""
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()
        return dialog


def install_help_menu(window: QMainWindow) -> HelpMenu:
    """Fill ``window.menus["help"]`` and keep Help the last menu of the menu bar."""
    menu = window.menus["help"]
    bar = window.menuBar()
    bar.removeAction(menu.menuAction())
    bar.addAction(menu.menuAction())
    return HelpMenu(window, menu)


def tour_seen() -> bool:
    return settings.open_settings().value(TOUR_SEEN_KEY, False, type=bool)


def mark_tour_seen() -> None:
    settings.open_settings().setValue(TOUR_SEEN_KEY, True)


def show_tour_on_first_launch(window: QMainWindow) -> bool:
    """Show the tour (once the window is on screen) unless this user has seen it; True if it will."""
    if tour_seen():
        return False
    help_menu = getattr(window, "help", None)
    if help_menu is None:
        return False
    QTimer.singleShot(300, window, help_menu.show_tour)
    mark_tour_seen()
    return True
