"""The window's actions with their standard shortcuts, and the menus and toolbars built from them.

Toolbar buttons keep their text whatever happens (Undo says "Undo", the command it would undo is
in its tooltip), so no button ever moves under the cursor.
"""
from __future__ import annotations

from dataclasses import dataclass

import shiboken6

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from playground.ui.common import icons

VIEW_TITLES = {"editor": QT_TRANSLATE_NOOP("shell.actions", "&Editor"), "training": QT_TRANSLATE_NOOP("shell.actions", "&Training"),
               "compare": QT_TRANSLATE_NOOP("shell.actions", "&Compare")}  # + " view" in menus
VIEW_TIPS = {"editor": QT_TRANSLATE_NOOP("shell.actions", "Build the network: node palette, canvas and Inspector"),
             "training": QT_TRANSLATE_NOOP("shell.actions", "Watch it learn: the live plots get most of the window"),
             "compare": QT_TRANSLATE_NOOP("shell.actions", "Compare optimizers side by side, or race them on a loss surface")}
# The view switcher reads as one segmented control; palette() colours follow the theme.
SEGMENTED_STYLE = """
QToolBar#viewToolbar { spacing: 0px; }
QToolBar#viewToolbar QToolButton { padding: 3px 8px; margin: 0px; border: 1px solid palette(mid);
    border-radius: 0px; }
QToolBar#viewToolbar QToolButton:checked { background: palette(highlight);
    color: palette(highlighted-text); border-color: palette(highlight); }
"""


@dataclass
class Actions:
    new: QAction
    open: QAction
    library: QAction
    save: QAction
    save_as: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    cut: QAction
    copy: QAction
    paste: QAction
    duplicate: QAction
    delete: QAction
    select_all: QAction
    auto_layout: QAction
    fit_view: QAction
    zoom_in: QAction
    zoom_out: QAction
    reset_layout: QAction
    views: dict[str, QAction]


def _action(window: QMainWindow, text: str, shortcut=None,
            icon: QStyle.StandardPixmap | str | None = None, tip: str = "") -> QAction:
    """``icon`` is one of Qt's standard pixmaps or the name of one of ours in assets/icons/."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
    if isinstance(icon, str):
        action.setIcon(icons.icon(icon))
    elif icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    action.setStatusTip(tip)
    action.setToolTip(f"{text.replace('&', '').rstrip('.…')} ({action.shortcut().toString()})"
                      if action.shortcut().toString() else text.replace("&", ""))
    return action


class _UndoAction(QAction):
    """The undo stack's Undo or Redo: the menu item names the command ("&Undo Add Dense"), the
    toolbar button never does; its words are translated when shown, so a language switch
    (``retranslate``) renames it."""

    def __init__(self, window: QMainWindow, redo: bool) -> None:
        super().__init__(window)
        self.stack, self.redo = window.document.undo_stack, redo
        self.setShortcuts([QKeySequence(QKeySequence.Redo), QKeySequence("Ctrl+Y")] if redo
                          else [QKeySequence(QKeySequence.Undo)])
        self.setIcon(window.style().standardIcon(QStyle.SP_ArrowForward if redo else QStyle.SP_ArrowBack))
        self.triggered.connect(self.stack.redo if redo else self.stack.undo)
        (self.stack.canRedoChanged if redo else self.stack.canUndoChanged).connect(self._sync)
        (self.stack.redoTextChanged if redo else self.stack.undoTextChanged).connect(self._sync)
        self.retranslate()

    def retranslate(self) -> None:
        self._sync()

    def _sync(self, *_args) -> None:
        if not shiboken6.isValid(self) or not shiboken6.isValid(self.stack):  # the stack may outlive the window
            return
        word = QCoreApplication.translate("shell.actions", "Redo") if self.redo \
            else QCoreApplication.translate("shell.actions", "Undo")
        command = self.stack.redoText() if self.redo else self.stack.undoText()
        self.setEnabled(self.stack.canRedo() if self.redo else self.stack.canUndo())
        self.setText(f"&{word} {command}" if command else f"&{word}")
        self.setIconText(word)
        shortcut = self.shortcut().toString(QKeySequence.NativeText)
        self.setToolTip(f"{word} {command} ({shortcut})" if command else QCoreApplication.translate(
            "shell.actions", "Nothing to {lower}").format(lower=word.lower()))


def _undo_redo(window: QMainWindow, redo: bool) -> QAction:
    return _UndoAction(window, redo)


def _view_actions(window: QMainWindow) -> dict[str, QAction]:
    """Editor, Training and Compare: checkable, one of them checked, Ctrl+1/2/3."""
    group = QActionGroup(window)
    views = {}
    for number, (mode, title) in enumerate(VIEW_TITLES.items(), start=1):
        action = QAction(QCoreApplication.translate("shell.actions", "{title} view").format(title=QCoreApplication.translate("shell.actions", title)), window)
        action.setIconText(QCoreApplication.translate("shell.actions", title).replace("&", ""))
        action.setCheckable(True)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.setToolTip(f"{QCoreApplication.translate('shell.actions', VIEW_TIPS[mode])} (Ctrl+{number})")
        action.setStatusTip(QCoreApplication.translate("shell.actions", VIEW_TIPS[mode]))
        group.addAction(action)
        views[mode] = action
    return views


def create_actions(window: QMainWindow) -> Actions:
    sp = QStyle.StandardPixmap
    return Actions(
        new=_action(window, QCoreApplication.translate("shell.actions", "&New"), QKeySequence.New, sp.SP_FileIcon, QCoreApplication.translate("shell.actions", "Start an empty graph")),
        open=_action(window, QCoreApplication.translate("shell.actions", "&Open…"), QKeySequence.Open, sp.SP_DialogOpenButton, QCoreApplication.translate("shell.actions", "Open a preset file")),
        library=_action(window, QCoreApplication.translate("shell.actions", "Preset &library…"), "Ctrl+L", sp.SP_DirHomeIcon,
                        QCoreApplication.translate("shell.actions", "Open one of the bundled presets")),
        save=_action(window, QCoreApplication.translate("shell.actions", "&Save"), QKeySequence.Save, sp.SP_DialogSaveButton, QCoreApplication.translate("shell.actions", "Save the preset")),
        save_as=_action(window, QCoreApplication.translate("shell.actions", "Save &As…"), QKeySequence.SaveAs, None, QCoreApplication.translate("shell.actions", "Save under a new name")),
        quit=_action(window, QCoreApplication.translate("shell.actions", "&Quit"), QKeySequence.Quit),
        undo=_undo_redo(window, redo=False),
        redo=_undo_redo(window, redo=True),
        cut=_action(window, QCoreApplication.translate("shell.actions", "Cu&t"), QKeySequence.Cut),
        copy=_action(window, QCoreApplication.translate("shell.actions", "&Copy"), QKeySequence.Copy),
        paste=_action(window, QCoreApplication.translate("shell.actions", "&Paste"), QKeySequence.Paste),
        duplicate=_action(window, QCoreApplication.translate("shell.actions", "D&uplicate"), "Ctrl+D"),
        delete=_action(window, QCoreApplication.translate("shell.actions", "&Delete"), [QKeySequence(QKeySequence.Delete), QKeySequence("Backspace")],
                       sp.SP_TrashIcon, QCoreApplication.translate("shell.actions", "Delete the selected nodes and wires")),
        select_all=_action(window, QCoreApplication.translate("shell.actions", "Select &All"), QKeySequence.SelectAll),
        auto_layout=_action(window, QCoreApplication.translate("shell.actions", "&Auto-layout"), "Ctrl+Shift+L", "auto_layout",
                            QCoreApplication.translate("shell.actions", "Arrange the nodes in layers, top to bottom")),
        fit_view=_action(window, QCoreApplication.translate("shell.actions", "&Fit View"), "F", "fit_view", QCoreApplication.translate("shell.actions", "Show the whole graph")),
        zoom_in=_action(window, QCoreApplication.translate("shell.actions", "Zoom &In"), QKeySequence.ZoomIn),
        zoom_out=_action(window, QCoreApplication.translate("shell.actions", "Zoom &Out"), QKeySequence.ZoomOut),
        reset_layout=_action(window, QCoreApplication.translate("shell.actions", "&Reset layout"), None, None,
                             QCoreApplication.translate("shell.actions", "Put every view's panels back where they start")),
        views=_view_actions(window),
    )


def build_menus(window: QMainWindow, a: Actions) -> dict[str, QMenu]:
    bar = window.menuBar()
    menus = {name: bar.addMenu(title) for name, title in
             (("file", QCoreApplication.translate("shell.actions", "&File")), ("edit", QCoreApplication.translate("shell.actions", "&Edit")), ("view", QCoreApplication.translate("shell.actions", "&View")), ("help", QCoreApplication.translate("shell.actions", "&Help")))}
    recent = QMenu(QCoreApplication.translate("shell.actions", "Open &Recent"), window)
    menus["recent"] = recent
    for item in (a.new, a.open, recent, a.library, None, a.save, a.save_as, None, a.quit):
        _add(menus["file"], item)
    for item in (a.undo, a.redo, None, a.cut, a.copy, a.paste, a.duplicate, a.delete, None,
                 a.select_all):
        _add(menus["edit"], item)
    for item in (*a.views.values(), None, a.auto_layout, a.fit_view, a.zoom_in, a.zoom_out, None,
                 a.reset_layout, None):
        _add(menus["view"], item)
    return menus


def fixed_toolbar(window: QMainWindow, title: str, name: str,
                  style: Qt.ToolButtonStyle = Qt.ToolButtonTextBesideIcon) -> QToolBar:
    """A toolbar in the window's top row that cannot be dragged away (buttons stay put)."""
    toolbar = window.addToolBar(title)
    toolbar.setObjectName(name)
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(style)
    return toolbar


def build_view_toolbar(window: QMainWindow, a: Actions) -> QToolBar:
    """The view switcher, first in the toolbar row: Editor | Training | Compare."""
    toolbar = fixed_toolbar(window, QCoreApplication.translate("shell.actions", "Views"), "viewToolbar", Qt.ToolButtonTextOnly)
    toolbar.setStyleSheet(SEGMENTED_STYLE)
    for action in a.views.values():
        toolbar.addAction(action)
    return toolbar


def build_toolbar(window: QMainWindow, a: Actions) -> QToolBar:
    toolbar = fixed_toolbar(window, QCoreApplication.translate("shell.actions", "Edit"), "editToolbar")
    for item in (a.new, a.open, a.save, None, a.undo, a.redo, a.delete, None, a.auto_layout, a.fit_view):
        if item is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(item)
    return toolbar


def fit_toolbar(toolbar: QToolBar, a: Actions, wide: bool) -> None:
    """Labels beside every edit icon in a wide window; in a narrower one (a 1366-pixel laptop)
    the well-known icons go without, so the whole toolbar row fits. Only a window resize changes
    this, never an edit."""
    for action in (a.new, a.open, a.save, a.delete, a.auto_layout, a.fit_view):
        button = toolbar.widgetForAction(action)
        if button is not None:
            button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon if wide else Qt.ToolButtonIconOnly)


def _add(menu: QMenu, item) -> None:
    if item is None:
        menu.addSeparator()
    elif isinstance(item, QMenu):
        menu.addMenu(item)
    else:
        menu.addAction(item)

