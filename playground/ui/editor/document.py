"""The document: one engine Graph, its file, its undo history and its latest validation.

Views listen to the Qt signals here and never touch the Graph directly; every edit goes through a
QUndoCommand from ``edits.py`` pushed on :attr:`GraphDocument.undo_stack`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from playground.engine.graph import Graph
from playground.engine.preset import load_preset, save_preset
from playground.engine.validate import Analysis, analyze


class GraphDocument(QObject):
    """Owns the Graph and re-validates it after every change (coalesced to one run per event loop)."""

    nodeAdded = Signal(str)
    nodeRemoved = Signal(str)
    edgeAdded = Signal(object)
    edgeRemoved = Signal(object)
    paramChanged = Signal(str, str)
    nodeMoved = Signal(str)
    metaChanged = Signal(str)
    reset = Signal()
    analysisChanged = Signal(object)
    dirtyChanged = Signal(bool)
    pathChanged = Signal(object)

    def __init__(self, graph: Graph | None = None, path: str | Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.graph = graph or Graph()
        self.path: Path | None = Path(path) if path else None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._analysis = analyze(self.graph, self.base_dir)
        self._stale = False
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._publish_analysis)
        self.graph.subscribe(self._on_graph_event)

    @property
    def base_dir(self) -> str:
        """Where relative data paths in the graph are resolved: the preset's folder."""
        return str((self.path.resolve().parent if self.path else Path.cwd()))

    @property
    def analysis(self) -> Analysis:
        """The validation of the current graph, recomputed now if an edit is still pending."""
        if self._stale:
            self._analysis = analyze(self.graph, self.base_dir)
            self._stale = False
        return self._analysis

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else self.graph.meta.get("title") or self.graph.name

    def _clean_changed(self, clean: bool) -> None:
        """A method, not a lambda: Qt drops the connection when the document goes, before the
        stack it owns says "clean" once more while being destroyed (at quit with unsaved edits)."""
        self.dirtyChanged.emit(not clean)

    def push(self, command) -> None:
        self.undo_stack.push(command)

    def load(self, path: str | Path) -> None:
        """Replace the graph by a preset file; raises PresetError and changes nothing if it is bad."""
        graph = load_preset(path)
        self.replace(graph, Path(path))

    def replace(self, graph: Graph, path: Path | None) -> None:
        """Start over with another graph: history cleared, saved state clean."""
        self.graph.replace_with(graph)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.set_path(path)
        self.dirtyChanged.emit(False)

    def save(self, path: str | Path | None = None) -> None:
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("no file to save to")
        save_preset(self.graph, target)
        self.undo_stack.setClean()
        self.set_path(target)

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self._schedule_analysis()
        self.pathChanged.emit(path)

    def _on_graph_event(self, event: str, payload: Any) -> None:
        if event != "node_moved":  # first, so the signals' handlers read the new analysis
            self._schedule_analysis()
        if event == "node_added":
            self.nodeAdded.emit(payload.id)
        elif event == "node_removed":
            self.nodeRemoved.emit(payload.id)
        elif event == "edge_added":
            self.edgeAdded.emit(payload)
        elif event == "edge_removed":
            self.edgeRemoved.emit(payload)
        elif event == "param_changed":
            self.paramChanged.emit(payload[0].id, payload[1])
        elif event == "node_moved":
            self.nodeMoved.emit(payload.id)
        elif event == "meta_changed":
            self.metaChanged.emit(payload)
        elif event == "reset":
            self.reset.emit()

    def _schedule_analysis(self) -> None:
        self._stale = True
        self._timer.start()

    def _publish_analysis(self) -> None:
        self.analysisChanged.emit(self.analysis)
