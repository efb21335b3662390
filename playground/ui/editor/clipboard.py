"""Copy and paste of sub-graphs as preset JSON, so they also travel between windows and editors."""
from __future__ import annotations

import json
from typing import Iterable

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from playground.engine.graph import Edge, Graph, Node
from playground.engine.preset import graph_from_json

MIME_TYPE = "application/x-nn-playground"
PASTE_OFFSET = 30.0


def subgraph_json(graph: Graph, node_ids: Iterable[str]) -> str:
    """The selected nodes and the wires among them, as a preset document."""
    ids = set(node_ids)
    part = Graph(graph.name)
    for node in graph.nodes.values():
        if node.id in ids:
            part.add_node(node.type, dict(node.params), node.position, node.id)
    for e in graph.edges:
        if e.src in ids and e.dst in ids:
            part.connect(e.src, e.src_port, e.dst, e.dst_port)
    return json.dumps(part.to_dict(), indent=2)


def copy_to_clipboard(graph: Graph, node_ids: Iterable[str]) -> None:
    text = subgraph_json(graph, node_ids)
    mime = QMimeData()
    mime.setData(MIME_TYPE, text.encode("utf-8"))
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)


def clipboard_text() -> str | None:
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return None
    if mime.hasFormat(MIME_TYPE):
        return bytes(mime.data(MIME_TYPE).data()).decode("utf-8")
    return mime.text() if mime.hasText() else None


def pasted_items(graph: Graph, text: str,
                 offset: float = PASTE_OFFSET) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges to add for pasted preset text: fresh unique ids, shifted by ``offset``.

    Raises PresetError when the text is not a preset.
    """
    part = graph_from_json(text, "clipboard")
    taken = set(graph.nodes)
    renamed: dict[str, str] = {}
    nodes = []
    for node in part.nodes.values():
        new_id = node.id
        if new_id in taken:
            new_id = _fresh_id(node.id.rstrip("0123456789_-") or node.type, taken)
        taken.add(new_id)
        renamed[node.id] = new_id
        x, y = node.position
        nodes.append(Node(new_id, node.type, dict(node.params), (x + offset, y + offset)))
    edges = [Edge(renamed[e.src], e.src_port, renamed[e.dst], e.dst_port) for e in part.edges]
    return nodes, edges



def _fresh_id(stem: str, taken: set[str]) -> str:
    n = 1
    while f"{stem}{n}" in taken:
        n += 1
    return f"{stem}{n}"
