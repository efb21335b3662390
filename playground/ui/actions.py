"""The window's actions with their standard shortcuts, and the menus and toolbar built from them."""
from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar


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


def _action(window: QMainWindow, text: str, shortcut=None, icon: QStyle.StandardPixmap | None = None,
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    action.setStatusTip(tip)
    action.setToolTip(f"{text.replace('&', '').rstrip('.…')} ({action.shortcut().toString()})"
                      if action.shortcut().toString() else text.replace("&", ""))
    return action


def create_actions(window: QMainWindow) -> Actions:
    undo_stack = window.document.undo_stack
    undo = undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.Undo)
    undo.setIcon(window.style().standardIcon(QStyle.SP_ArrowBack))
    redo = undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence(QKeySequence.Redo), QKeySequence("Ctrl+Y")])
    redo.setIcon(window.style().standardIcon(QStyle.SP_ArrowForward))
    sp = QStyle.StandardPixmap
    return Actions(
        new=_action(window, "&New", QKeySequence.New, sp.SP_FileIcon, "Start an empty graph"),
        open=_action(window, "&Open…", QKeySequence.Open, sp.SP_DialogOpenButton, "Open a preset file"),
        library=_action(window, "Preset &library…", "Ctrl+L", sp.SP_DirHomeIcon,
                        "Open one of the bundled presets"),
        save=_action(window, "&Save", QKeySequence.Save, sp.SP_DialogSaveButton, "Save the preset"),
        save_as=_action(window, "Save &As…", QKeySequence.SaveAs, None, "Save under a new name"),
        quit=_action(window, "&Quit", QKeySequence.Quit),
        undo=undo,
        redo=redo,
        cut=_action(window, "Cu&t", QKeySequence.Cut),
        copy=_action(window, "&Copy", QKeySequence.Copy),
        paste=_action(window, "&Paste", QKeySequence.Paste),
        duplicate=_action(window, "D&uplicate", "Ctrl+D"),
        delete=_action(window, "&Delete", [QKeySequence(QKeySequence.Delete), QKeySequence("Backspace")],
                       sp.SP_TrashIcon, "Delete the selected nodes and wires"),
        select_all=_action(window, "Select &All", QKeySequence.SelectAll),
        auto_layout=_action(window, "&Auto-layout", "Ctrl+Shift+L", sp.SP_BrowserReload,
                            "Arrange the nodes in layers, top to bottom"),
        fit_view=_action(window, "&Fit View", "F", sp.SP_DesktopIcon, "Show the whole graph"),
        zoom_in=_action(window, "Zoom &In", QKeySequence.ZoomIn),
        zoom_out=_action(window, "Zoom &Out", QKeySequence.ZoomOut),
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
    for item in (a.auto_layout, a.fit_view, a.zoom_in, a.zoom_out, None):
        _add(menus["view"], item)
    return menus


def build_toolbar(window: QMainWindow, a: Actions) -> QToolBar:
    toolbar = window.addToolBar("Edit")
    toolbar.setObjectName("editToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
    for item in (a.new, a.open, a.save, None, a.undo, a.redo, a.delete, None, a.auto_layout, a.fit_view):
        if item is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(item)
    return toolbar


def _add(menu: QMenu, item) -> None:
    if item is None:
        menu.addSeparator()
    elif isinstance(item, QMenu):
        menu.addMenu(item)
    else:
        menu.addAction(item)


def all_actions(a: Actions) -> list[QAction]:
    return [getattr(a, f.name) for f in fields(a)]
