"""The window's actions with their standard shortcuts, and the menus and toolbars built from them.

Toolbar buttons keep their text whatever happens (Undo says "Undo", the command it would undo is
in its tooltip), so no button ever moves under the cursor.
"""
from __future__ import annotations

from dataclasses import dataclass

import shiboken6

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from playground.ui.common import icons

VIEW_TITLES = {"editor": "&Editor", "training": "&Training", "compare": "&Compare"}  # + " view" in menus
VIEW_TIPS = {"editor": "Build the network: node palette, canvas and Inspector",
             "training": "Watch it learn: the live plots get most of the window",
             "compare": "Compare optimizers side by side, or race them on a loss surface"}
# The view switcher reads as one segmented control; palette() colours follow the theme.
SEGMENTED_STYLE = """
QToolBar#viewToolbar { spacing: 0px; }
QToolBar#viewToolbar QToolButton { padding: 3px 12px; margin: 0px; border: 1px solid palette(mid);
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


def _undo_redo(window: QMainWindow, redo: bool) -> QAction:
    """The undo stack's action: the menu item names the command, the toolbar button never does."""
    stack = window.document.undo_stack
    word = "Redo" if redo else "Undo"
    action = (stack.createRedoAction if redo else stack.createUndoAction)(window, f"&{word}")
    action.setIconText(word)
    keys = [QKeySequence(QKeySequence.Redo), QKeySequence("Ctrl+Y")] if redo else [QKeySequence.Undo]
    action.setShortcuts(keys)
    action.setIcon(window.style().standardIcon(QStyle.SP_ArrowForward if redo else QStyle.SP_ArrowBack))
    shortcut = action.shortcut().toString(QKeySequence.NativeText)

    def describe(text: str) -> None:
        if shiboken6.isValid(action):  # the stack may outlive the window's actions
            action.setToolTip(f"{word} {text} ({shortcut})" if text else f"Nothing to {word.lower()}")

    (stack.redoTextChanged if redo else stack.undoTextChanged).connect(describe)
    describe(stack.redoText() if redo else stack.undoText())
    return action


def _view_actions(window: QMainWindow) -> dict[str, QAction]:
    """Editor, Training and Compare: checkable, one of them checked, Ctrl+1/2/3."""
    group = QActionGroup(window)
    views = {}
    for number, (mode, title) in enumerate(VIEW_TITLES.items(), start=1):
        action = QAction(f"{title} view", window)
        action.setIconText(title.replace("&", ""))
        action.setCheckable(True)
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.setToolTip(f"{VIEW_TIPS[mode]} (Ctrl+{number})")
        action.setStatusTip(VIEW_TIPS[mode])
        group.addAction(action)
        views[mode] = action
    return views


def create_actions(window: QMainWindow) -> Actions:
    sp = QStyle.StandardPixmap
    return Actions(
        new=_action(window, "&New", QKeySequence.New, sp.SP_FileIcon, "Start an empty graph"),
        open=_action(window, "&Open…", QKeySequence.Open, sp.SP_DialogOpenButton, "Open a preset file"),
        library=_action(window, "Preset &library…", "Ctrl+L", sp.SP_DirHomeIcon,
                        "Open one of the bundled presets"),
        save=_action(window, "&Save", QKeySequence.Save, sp.SP_DialogSaveButton, "Save the preset"),
        save_as=_action(window, "Save &As…", QKeySequence.SaveAs, None, "Save under a new name"),
        quit=_action(window, "&Quit", QKeySequence.Quit),
        undo=_undo_redo(window, redo=False),
        redo=_undo_redo(window, redo=True),
        cut=_action(window, "Cu&t", QKeySequence.Cut),
        copy=_action(window, "&Copy", QKeySequence.Copy),
        paste=_action(window, "&Paste", QKeySequence.Paste),
        duplicate=_action(window, "D&uplicate", "Ctrl+D"),
        delete=_action(window, "&Delete", [QKeySequence(QKeySequence.Delete), QKeySequence("Backspace")],
                       sp.SP_TrashIcon, "Delete the selected nodes and wires"),
        select_all=_action(window, "Select &All", QKeySequence.SelectAll),
        auto_layout=_action(window, "&Auto-layout", "Ctrl+Shift+L", "auto_layout",
                            "Arrange the nodes in layers, top to bottom"),
        fit_view=_action(window, "&Fit View", "F", "fit_view", "Show the whole graph"),
        zoom_in=_action(window, "Zoom &In", QKeySequence.ZoomIn),
        zoom_out=_action(window, "Zoom &Out", QKeySequence.ZoomOut),
        reset_layout=_action(window, "&Reset layout", None, None,
                             "Put every view's panels back where they start"),
        views=_view_actions(window),
    )


def build_menus(window: QMainWindow, a: Actions) -> dict[str, QMenu]:
    bar = window.menuBar()
    menus = {name: bar.addMenu(title) for name, title in
             (("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("help", "&Help"))}
    recent = QMenu("Open &Recent", window)
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
    toolbar = fixed_toolbar(window, "Views", "viewToolbar", Qt.ToolButtonTextOnly)
    toolbar.setStyleSheet(SEGMENTED_STYLE)
    for action in a.views.values():
        toolbar.addAction(action)
    return toolbar


def build_toolbar(window: QMainWindow, a: Actions) -> QToolBar:
    toolbar = fixed_toolbar(window, "Edit", "editToolbar")
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

