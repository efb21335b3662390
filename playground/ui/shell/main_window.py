"""The main window: palette, canvas, inspector and status bar around one GraphDocument.

Hooks for later views (training, comparison): :attr:`MainWindow.training_toolbar`,
:meth:`MainWindow.add_panel`, :attr:`MainWindow.view_mode` and :attr:`MainWindow.document`.
The editor, training and compare views are dock layouts (:mod:`playground.ui.shell.window_layout`),
one click apart in the toolbar's view switcher.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QWidget

from playground.engine.registry import CATEGORIES, node_types
from playground.ui.common import i18n, settings
from playground.ui.common.runs import RunCoordinator
from playground.ui.compare.controller import CompareController
from playground.ui.editor.canvas.live import CanvasLive
from playground.ui.editor.canvas.node_item import NodeItem
from playground.ui.editor.canvas.scene import GraphScene
from playground.ui.editor.canvas.view import GraphView
from playground.ui.editor.document import GraphDocument
from playground.ui.editor.edits import RemoveItems
from playground.ui.editor.inspector import Inspector
from playground.ui.editor.operations import Editor
from playground.ui.editor.palette import Palette
from playground.ui.files.about_preset import install_about_panel
from playground.ui.files.autosave import Autosaver
from playground.ui.files.file_ops import FileOps
from playground.ui.files.model_files import ModelFiles
from playground.ui.files.preset_library import open_from_library
from playground.ui.help import install_help_menu
from playground.ui.common.theming import install_theme_menu
from playground.ui.shell.language import install_language_menu
from playground.ui.shell.actions import (build_menus, build_toolbar, build_view_toolbar, create_actions,
                                         fit_toolbar, fixed_toolbar)
from playground.ui.shell.window_layout import MIN_WINDOW, VIEWS, ViewLayouts
from playground.ui.training.controller import TrainingController

APP_TITLE = "NN Playground"
LARGEST_DEFAULT = QSize(1920, 1200)  # beyond this a first window would only spread the plots thin
WIDE_TOOLBAR = 1700  # from this window width on, every toolbar button has its label


class MainWindow(QMainWindow):
    """One editor window. ``restore`` reads (and on close writes) geometry and dock layout."""

    viewModeChanged = Signal(str)

    def __init__(self, document: GraphDocument | None = None, restore: bool = True) -> None:
        super().__init__()
        self.document = document or GraphDocument(parent=self)
        self.view_mode = "editor"
        self.scene = GraphScene(self.document, self)
        self.view = GraphView(self.scene)
        self.editor = Editor(self.document, self.scene, self.view)
        self.files = FileOps(self.document, self)
        self.setCentralWidget(self.view)
        self.setAcceptDrops(True)
        self.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.setDockOptions(QMainWindow.AnimatedDocks | QMainWindow.AllowNestedDocks
                            | QMainWindow.AllowTabbedDocks)

        self.layouts: ViewLayouts | None = None  # set once every dock exists
        self.actions = create_actions(self)
        self.menus = build_menus(self, self.actions)
        self.menus["theme"] = install_theme_menu(self, self.menus["view"])
        self.menus["language"] = install_language_menu(self, self.menus["view"])
        self.palette = Palette()
        self.inspector = Inspector(self.document)
        self.palette_dock = self.add_panel(self.tr("Nodes"), self.palette, Qt.LeftDockWidgetArea)
        self.inspector_dock = self.add_panel(self.tr("Inspector"), self.inspector, Qt.RightDockWidgetArea)
        self.about_dock = install_about_panel(self)
        self.view_toolbar = build_view_toolbar(self, self.actions)
        self.edit_toolbar = build_toolbar(self, self.actions)
        self.training_toolbar = fixed_toolbar(self, self.tr("Training"), "trainingToolbar")
        self._build_status_bar()
        self.runs = RunCoordinator(self)
        self.training = TrainingController(self, self.document, self.runs, self.training_toolbar,
                                           self.add_panel, self.reveal_training)
        self.inspector.follow_training(self.training)
        self.canvas_live = CanvasLive(self)
        self.compare = CompareController(self, self.document, self.runs, self.training_toolbar,
                                         self.add_panel, self.set_view_mode)
        self.autosave = Autosaver(self.document)
        self.model_files = ModelFiles(self, self.document, self.scene, self.training, self.menus["file"],
                                      self.actions.quit)
        self.help = install_help_menu(self)
        self.files.may_replace = partial(self.runs.end_all_for, self)
        self._connect()
        self._update_recent(settings.recent_files())
        self._update_title()
        self.resize(_default_size())
        self.persist = restore
        geometry, saved = settings.window_state() if restore else (None, {})
        if restore:
            self.training.speed.restore_saved()
            self.training.engine_threads.restore_saved()
        if geometry is not None and self.restoreGeometry(geometry) and (
                self.width() < MIN_WINDOW.width() or self.height() < MIN_WINDOW.height()):
            self.resize(_default_size())  # a window left squashed opens at the default size
        self.layouts = ViewLayouts(self, self.view_mode, saved)
        self._sync_view_actions()

    def add_panel(self, title: str, widget: QWidget,
                  area: Qt.DockWidgetArea = Qt.BottomDockWidgetArea) -> QDockWidget:
        """Add a dockable panel; its visibility toggle goes in the View menu."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{i18n.english(title).lower().replace(' ', '_')}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.menus["view"].addAction(dock.toggleViewAction())
        return dock

    def set_view_mode(self, mode: str) -> None:
        """Switch to the editor, training or compare view: each has its own dock layout, kept as
        the user left it. Choosing the current view again brings back its docks if closed."""
        if mode not in VIEWS:
            raise ValueError(f"unknown view {mode!r}; expected one of {', '.join(VIEWS)}")
        if mode != self.view_mode:
            self.view_mode = mode
            if self.layouts is not None:
                self.layouts.switch(mode)
            self.viewModeChanged.emit(mode)
        elif self.layouts is not None:
            self.layouts.ensure_essentials(mode)
        self._sync_view_actions()

    def reveal_training(self) -> None:
        """Training has started: when its plots are on screen nothing moves, else the training
        view comes up."""
        if self.view_mode == "compare" or not any(d.isVisibleTo(self) for d in self.training.docks):
            self.set_view_mode("training")

    def reset_layout(self) -> None:
        """View > Reset layout: every view's docks as they were at first launch."""
        settings.forget_layouts()
        self.layouts.reset()
        self.statusBar().showMessage(self.tr("Layout reset: every view starts from its default docks"), 5000)

    def _sync_view_actions(self) -> None:
        for mode, action in self.actions.views.items():
            action.setChecked(mode == self.view_mode)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.layouts is not None:
            self.layouts.window_shown()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        fit_toolbar(self.edit_toolbar, self.actions, self.width() >= WIDE_TOOLBAR)
        if self.layouts is not None:
            self.layouts.window_resized()

    def open_file(self, path: str | Path) -> bool:
        """Open a preset on start-up (no unsaved-changes prompt) and show all of it."""
        ok = self.files.load(path)
        if ok:
            self.view.fit_all()
        return ok

    def _build_status_bar(self) -> None:
        self.validation_label = QLabel()
        self.params_label = QLabel()
        for label in (self.validation_label, self.params_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)
        self._update_status(self.document.analysis)

    def _connect(self) -> None:
        a, ed, files = self.actions, self.editor, self.files
        for action, slot in ((a.new, files.new), (a.open, lambda: files.open()), (a.save, files.save),
                             (a.save_as, files.save_as), (a.library, self.open_library),
                             (a.quit, self.close), (a.cut, ed.cut), (a.copy, ed.copy),
                             (a.paste, ed.paste), (a.duplicate, ed.duplicate),
                             (a.delete, ed.delete_selection), (a.select_all, ed.select_all),
                             (a.auto_layout, ed.auto_layout), (a.fit_view, self.view.fit_all),
                             (a.zoom_in, lambda: self.view.zoom_by(1.25)),
                             (a.zoom_out, lambda: self.view.zoom_by(0.8)),
                             (a.reset_layout, self.reset_layout)):
            action.triggered.connect(slot)
        for mode, action in a.views.items():
            action.triggered.connect(partial(self.set_view_mode, mode))
        self.palette.addRequested.connect(lambda type_name: self.editor.add_node(type_name))
        self.scene.selectionChanged.connect(self._selection_changed)
        for source in (self.scene, self.editor):
            source.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.view.filesDropped.connect(self._open_dropped)
        self.view.contextMenuRequested.connect(self._context_menu)
        self.document.analysisChanged.connect(self._update_status)
        self.document.dirtyChanged.connect(lambda _dirty: self._update_title())
        self.document.pathChanged.connect(lambda _path: self._update_title())
        self.document.metaChanged.connect(lambda _key: self._update_title())
        self.files.recentChanged.connect(self._update_recent)
        self.files.opened.connect(lambda _path: self.view.fit_all())
        # The keys go to the new network's canvas, not to whichever field the focus chain finds
        # when the previous one's widget is gone (the Inspector's Title got the next key press).
        self.files.opened.connect(lambda _path: self.view.setFocus())

    def _selection_changed(self) -> None:
        if shiboken6.isValid(self.scene):  # the scene emits while it is being destroyed
            self.inspector.show_selection(self.scene.selected_node_ids())

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.files.title}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.dirty)

    def _update_status(self, analysis) -> None:
        if not self.document.graph.nodes:  # an empty canvas is a start, not a list of problems
            self.validation_label.setText("")
            self.validation_label.setToolTip("")
        elif analysis.ok:
            self.validation_label.setText(self.tr("✔ valid graph"))
            self.validation_label.setStyleSheet("color: #4caf50;")
            self.validation_label.setToolTip("")
        else:
            count = len(analysis.problems)
            self.validation_label.setText((self.tr("⚠ 1 problem: {message}") if count == 1 else self.tr("⚠ {count} problems: {message}")).format(count=count, message=i18n.engine_text(analysis.problems[0].message)))
            self.validation_label.setStyleSheet("color: #e5484d;")
            self.validation_label.setToolTip("\n".join(i18n.engine_text(p.message) for p in analysis.problems))
        self.params_label.setText(self.tr("{count:,} parameters").format(count=analysis.total_params))

    def _update_recent(self, files: list[str]) -> None:
        menu = self.menus["recent"]
        menu.clear()
        for path in files:
            menu.addAction(Path(path).name, partial(self.files.open, path)).setToolTip(path)
        menu.setEnabled(bool(files))

    def open_library(self) -> bool:
        return open_from_library(self)

    def _open_dropped(self, paths: list[str]) -> None:
        if paths:
            self.files.open(paths[0])

    def _context_menu(self, scene_pos: QPointF, item, global_pos) -> None:
        self.context_menu(scene_pos, item).popup(global_pos)

    def context_menu(self, scene_pos: QPointF, item) -> QMenu:
        """The canvas menu: node or wire commands on an item, adding nodes on empty space."""
        menu = QMenu(self)
        a = self.actions
        node = item if isinstance(item, NodeItem) else (item.parentItem() if item else None)
        if isinstance(node, NodeItem):
            if not node.isSelected():
                self.scene.select_nodes([node.node_id])
            for action in (a.copy, a.cut, a.duplicate, a.delete):
                menu.addAction(action)
        elif item is not None and hasattr(item, "edge"):
            edge = item.edge
            menu.addAction(self.tr("Delete wire"),
                           lambda: self.document.push(RemoveItems(self.document.graph, [], [edge])))
        else:
            add = menu.addMenu(self.tr("Add node"))
            for category in CATEGORIES:
                sub = add.addMenu(category)
                for t in node_types(category):
                    sub.addAction(t.type_name, partial(self.editor.add_node, t.type_name, scene_pos))
            for action in (a.paste, a.select_all, a.auto_layout, a.fit_view):
                menu.addAction(action)
        return menu

    def dragEnterEvent(self, event) -> None:
        if any(u.toLocalFile().endswith(".json") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.toLocalFile().endswith(".json")]
        self._open_dropped(paths)

    def closeEvent(self, event) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.training.shutdown()
        self.autosave.discard()
        self.save_layout()
        event.accept()

    def save_layout(self) -> None:
        """Keep the geometry (unless squashed) and every view's dock layout for the next launch."""
        if self.persist:
            small = self.width() < MIN_WINDOW.width() or self.height() < MIN_WINDOW.height()
            settings.save_window_state(None if small else self.saveGeometry(), self.layouts.to_save())


def _default_size() -> QSize:
    """All of the screen a first window can have (the editor, the plots and the inspector all
    want room), up to LARGEST_DEFAULT; a laptop's 1366x768 gets all of its 1366x768."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return MIN_WINDOW
    room = screen.availableGeometry().size() - QSize(16, 48)  # the window frame and title bar
    return LARGEST_DEFAULT.boundedTo(room).expandedTo(MIN_WINDOW)
