"""Undoable edits of a GraphDocument. Each command calls only the Graph's public methods."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from typing import Any, Iterable

from PySide6.QtGui import QUndoCommand

from playground.engine.graph import Edge, Graph, Node
from playground.engine.registry import node_type
from playground.ui.common.i18n import fill

MERGE_PARAM = 1001


class AddSubgraph(QUndoCommand):
    """Add nodes (with fixed ids) and the edges among them: used by add, paste and duplicate."""

    def __init__(self, graph: Graph, nodes: list[Node], edges: list[Edge], text: str) -> None:
        super().__init__(text)
        self.graph, self.nodes, self.edges = graph, nodes, edges

    def redo(self) -> None:
        for n in self.nodes:
            self.graph.add_node(n.type, dict(n.params), n.position, n.id)
        for e in self.edges:
            self.graph.connect(e.src, e.src_port, e.dst, e.dst_port)

    def undo(self) -> None:
        for n in reversed(self.nodes):
            self.graph.remove_node(n.id)


class RemoveItems(QUndoCommand):
    """Delete nodes (with every wire touching them) and extra wires; undo restores them in order."""

    def __init__(self, graph: Graph, node_ids: Iterable[str], edges: Iterable[Edge] = ()) -> None:
        ids = [i for i in graph.nodes if i in set(node_ids)]
        super().__init__((QCoreApplication.translate("RemoveItems", "Delete 1 node") if len(ids) == 1 else QCoreApplication.translate("RemoveItems", "Delete {count} nodes").format(count=len(ids))) if ids else QCoreApplication.translate("RemoveItems", "Delete wire"))
        self.graph = graph
        self.nodes = [_clone(graph.nodes[i]) for i in ids]
        self.edges = [e for e in graph.edges if e in set(edges) or e.src in ids or e.dst in ids]

    def redo(self) -> None:
        for e in self.edges:
            if e in self.graph.edges:
                self.graph.disconnect(e)
        for n in self.nodes:
            self.graph.remove_node(n.id)

    def undo(self) -> None:
        for n in self.nodes:
            self.graph.add_node(n.type, dict(n.params), n.position, n.id)
        for e in self.edges:
            self.graph.connect(e.src, e.src_port, e.dst, e.dst_port)


class Connect(QUndoCommand):
    def __init__(self, graph: Graph, edge: Edge) -> None:
        super().__init__(fill(QCoreApplication.translate("Connect", "Connect {src} to {dst}"), src=edge.src, dst=edge.dst))
        self.graph, self.edge = graph, edge

    def redo(self) -> None:
        self.graph.connect(self.edge.src, self.edge.src_port, self.edge.dst, self.edge.dst_port)

    def undo(self) -> None:
        self.graph.disconnect(self.edge)


class SetParam(QUndoCommand):
    """Change one parameter; consecutive changes of the same parameter merge into one step."""

    def __init__(self, graph: Graph, node_id: str, name: str, value: Any) -> None:
        super().__init__(QCoreApplication.translate("SetParam", "Set {node_id}.{name}").format(node_id=node_id, name=name))
        self.graph, self.node_id, self.name = graph, node_id, name
        self.old, self.new = graph.nodes[node_id].params.get(name), value

    def id(self) -> int:
        return MERGE_PARAM

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetParam) or (other.node_id, other.name) != (self.node_id, self.name):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.graph.set_param(self.node_id, self.name, self.new)

    def undo(self) -> None:
        if self.old is None:
            t = node_type(self.graph.nodes[self.node_id].type)
            self.graph.set_param(self.node_id, self.name, t.defaults().get(self.name) if t else None)
        else:
            self.graph.set_param(self.node_id, self.name, self.old)


class MoveNodes(QUndoCommand):
    """Move several nodes at once (a drag, or auto-layout)."""

    def __init__(self, graph: Graph, moves: dict[str, tuple[float, float]], text: str = "Move") -> None:
        super().__init__(text)
        self.graph = graph
        self.new = dict(moves)
        self.old = {i: graph.nodes[i].position for i in moves}

    def redo(self) -> None:
        for i, pos in self.new.items():
            self.graph.move_node(i, pos)

    def undo(self) -> None:
        for i, pos in self.old.items():
            self.graph.move_node(i, pos)


class SetMeta(QUndoCommand):
    def __init__(self, graph: Graph, key: str, value: str) -> None:
        super().__init__(QCoreApplication.translate("SetMeta", "Set {key}").format(key=key))
        self.graph, self.key, self.new = graph, key, value
        self.old = graph.meta.get(key, "")

    def redo(self) -> None:
        self.graph.set_meta(self.key, self.new)

    def undo(self) -> None:
        self.graph.set_meta(self.key, self.old)


def new_node(graph: Graph, type_name: str, position: tuple[float, float]) -> AddSubgraph:
    t = node_type(type_name)
    node = Node(graph.unique_id(type_name), type_name, t.defaults() if t else {}, position)
    return AddSubgraph(graph, [node], [], QCoreApplication.translate("AddSubgraph", "Add {type_name}").format(type_name=type_name))


def _clone(node: Node) -> Node:
    return Node(node.id, node.type, dict(node.params), node.position)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
