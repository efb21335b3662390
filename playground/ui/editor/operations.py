"""Editing operations on the canvas selection, shared by menus, shortcuts and context menus."""
from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Signal

from playground.engine.preset import PresetError
from playground.ui.editor import clipboard
from playground.ui.editor.canvas.node_item import WIDTH
from playground.ui.editor.canvas.scene import GraphScene
from playground.ui.editor.canvas.view import GraphView
from playground.ui.editor.document import GraphDocument
from playground.ui.editor.edits import AddSubgraph, MoveNodes, RemoveItems, new_node
from playground.ui.editor.layout import layered_positions


class Editor(QObject):
    """Turns user intents into undo commands on the document and selects what they created."""

    statusMessage = Signal(str)

    def __init__(self, document: GraphDocument, scene: GraphScene, view: GraphView) -> None:
        super().__init__(scene)
        self.document, self.scene, self.view = document, scene, view
        view.nodeTypeDropped.connect(self.add_node)

    @property
    def graph(self):
        return self.document.graph

    def add_node(self, type_name: str, scene_pos: QPointF | None = None) -> str:
        """Add a node of ``type_name`` centred on ``scene_pos`` (default: the view centre)."""
        pos = scene_pos if scene_pos is not None else self.view.center_scene_pos()
        command = new_node(self.graph, type_name, (round(pos.x() - WIDTH / 2), round(pos.y() - 30)))
        self.document.push(command)
        node_id = command.nodes[0].id
        self.scene.select_nodes([node_id])
        return node_id

    def delete_selection(self) -> None:
        nodes, edges = self.scene.selected_node_ids(), self.scene.selected_edges()
        if nodes or edges:
            self.document.push(RemoveItems(self.graph, nodes, edges))

    def copy(self) -> None:
        nodes = self.scene.selected_node_ids()
        if nodes:
            clipboard.copy_to_clipboard(self.graph, nodes)
            self.statusMessage.emit(self.tr("Copied {count} node(s)").format(count=len(nodes)))

    def cut(self) -> None:
        self.copy()
        self.delete_selection()

    def paste(self) -> None:
        text = clipboard.clipboard_text()
        if not text:
            return
        try:
            nodes, edges = clipboard.pasted_items(self.graph, text)
        except PresetError as exc:
            self.statusMessage.emit(self.tr("Nothing to paste: {exc}").format(exc=exc))
            return
        self._add_items(nodes, edges, self.tr("Paste"))

    def duplicate(self) -> None:
        nodes = self.scene.selected_node_ids()
        if nodes:
            text = clipboard.subgraph_json(self.graph, nodes)
            self._add_items(*clipboard.pasted_items(self.graph, text), self.tr("Duplicate"))

    def _add_items(self, nodes, edges, text: str) -> None:
        if nodes:
            self.document.push(AddSubgraph(self.graph, nodes, edges, self.tr("{text} {count} node(s)").format(text=text, count=len(nodes))))
            self.scene.select_nodes([n.id for n in nodes])

    def select_all(self) -> None:
        for item in self.scene.items():
            if item.flags() & item.GraphicsItemFlag.ItemIsSelectable:
                item.setSelected(True)

    def auto_layout(self) -> None:
        sizes = {i: n.size() for i, n in self.scene.nodes.items()}
        moves = {i: p for i, p in layered_positions(self.graph, sizes).items()
                 if p != self.graph.nodes[i].position}
        if moves:
            self.document.push(MoveNodes(self.graph, moves, self.tr("Auto-layout")))
        self.view.fit_all()
