"""The graph model: nodes with parameters and positions, typed edges between ports.

Plain Python with a tiny observer list, so Qt views can mirror it without the engine knowing Qt.
Every mutation goes through a method here and announces itself to the listeners.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from playground.engine.registry import node_type

FORMAT = "nn-playground-preset"
VERSION = 1
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,63}$")


class GraphError(ValueError):
    """An edit the graph refuses; the message says why, for the user."""


@dataclass
class Node:
    id: str
    type: str
    params: dict[str, Any] = field(default_factory=dict)
    position: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Edge:
    src: str
    src_port: str
    dst: str
    dst_port: str

    def __str__(self) -> str:
        return f"{self.src}:{self.src_port} -> {self.dst}:{self.dst_port}"


Listener = Callable[[str, Any], None]


class Graph:
    """A network as the user drew it. Events: node_added, node_removed, edge_added, edge_removed,
    param_changed (node, name), node_moved, meta_changed, reset."""

    def __init__(self, name: str = "untitled", description: str = "") -> None:
        self.meta: dict[str, Any] = {"name": name, "description": description}
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _emit(self, event: str, payload: Any = None) -> None:
        for listener in list(self._listeners):
            listener(event, payload)

    @property
    def name(self) -> str:
        return self.meta.get("name", "untitled")

    def set_meta(self, key: str, value: Any) -> None:
        self.meta[key] = value
        self._emit("meta_changed", key)

    def unique_id(self, stem: str) -> str:
        stem = re.sub(r"[^A-Za-z0-9_]", "", stem.lower()) or "node"
        n = 1
        while f"{stem}{n}" in self.nodes:
            n += 1
        return f"{stem}{n}"

    def add_node(self, type_name: str, params: dict[str, Any] | None = None,
                 position: tuple[float, float] = (0.0, 0.0), node_id: str | None = None) -> Node:
        """Add a node; parameters not given take the type's defaults."""
        t = node_type(type_name)
        node_id = node_id or self.unique_id(type_name)
        if node_id in self.nodes:
            raise GraphError(f"there is already a node named '{node_id}'")
        if not _ID.match(node_id):
            raise GraphError(f"'{node_id}' is not a valid node name (letters, digits, _ and -)")
        values = t.defaults() if t else {}
        values.update(params or {})
        node = Node(node_id, type_name, values, (float(position[0]), float(position[1])))
        self.nodes[node_id] = node
        self._emit("node_added", node)
        return node

    def remove_node(self, node_id: str) -> None:
        for edge in [e for e in self.edges if node_id in (e.src, e.dst)]:
            self.disconnect(edge)
        node = self.nodes.pop(node_id)
        self._emit("node_removed", node)

    def set_param(self, node_id: str, name: str, value: Any) -> None:
        self.nodes[node_id].params[name] = value
        self._emit("param_changed", (self.nodes[node_id], name))

    def move_node(self, node_id: str, position: tuple[float, float]) -> None:
        self.nodes[node_id].position = (float(position[0]), float(position[1]))
        self._emit("node_moved", self.nodes[node_id])

    def connection_problem(self, src: str, src_port: str, dst: str, dst_port: str) -> str | None:
        """Why this wire cannot be drawn, or None when it can."""
        if src not in self.nodes or dst not in self.nodes:
            return f"no node named '{src if src not in self.nodes else dst}'"
        if src == dst:
            return "a node cannot feed itself"
        st, dt = node_type(self.nodes[src].type), node_type(self.nodes[dst].type)
        if st is None or dt is None:
            return "unknown node type"
        out = next((p for p in st.outputs if p.name == src_port), None)
        inp = next((p for p in dt.inputs if p.name == dst_port), None)
        if out is None:
            return f"{st.type_name} '{src}' has no output '{src_port}'"
        if inp is None:
            return f"{dt.type_name} '{dst}' has no input '{dst_port}'"
        if out.kind != inp.kind:
            return (f"{st.type_name} '{src}' output '{src_port}' gives a {out.kind}, but "
                    f"{dt.type_name} '{dst}' input '{dst_port}' takes a {inp.kind}")
        if Edge(src, src_port, dst, dst_port) in self.edges:
            return "these ports are already connected"
        if not inp.multi and any(e.dst == dst and e.dst_port == dst_port for e in self.edges):
            return f"{dt.type_name} '{dst}' input '{dst_port}' is already connected"
        if dst in self.upstream(src) or dst == src:
            return "this connection would make a cycle"
        return None

    def connect(self, src: str, src_port: str, dst: str, dst_port: str) -> Edge:
        problem = self.connection_problem(src, src_port, dst, dst_port)
        if problem:
            raise GraphError(problem)
        edge = Edge(src, src_port, dst, dst_port)
        self.edges.append(edge)
        self._emit("edge_added", edge)
        return edge

    def disconnect(self, edge: Edge) -> None:
        self.edges.remove(edge)
        self._emit("edge_removed", edge)

    def inputs_of(self, node_id: str, port: str | None = None) -> list[Edge]:
        return [e for e in self.edges if e.dst == node_id and (port is None or e.dst_port == port)]

    def outputs_of(self, node_id: str) -> list[Edge]:
        return [e for e in self.edges if e.src == node_id]

    def upstream(self, node_id: str) -> set[str]:
        """Every node from which ``node_id`` can be reached."""
        seen: set[str] = set()
        stack = [node_id]
        while stack:
            for e in self.inputs_of(stack.pop()):
                if e.src not in seen:
                    seen.add(e.src)
                    stack.append(e.src)
        return seen

    def to_dict(self) -> dict[str, Any]:
        """The preset-file form (see docs/preset-format.md)."""
        return {
            "format": FORMAT,
            "version": VERSION,
            **copy.deepcopy(self.meta),
            "nodes": [{"id": n.id, "type": n.type, "params": copy.deepcopy(n.params),
                       "position": [round(n.position[0], 1), round(n.position[1], 1)]}
                      for n in self.nodes.values()],
            "edges": [{"from": f"{e.src}:{e.src_port}", "to": f"{e.dst}:{e.dst_port}"}
                      for e in self.edges],
        }

    def replace_with(self, other: Graph) -> None:
        """Take over another graph's content (used by undo and open) and announce a reset."""
        self.meta, self.nodes, self.edges = other.meta, other.nodes, other.edges
        self._emit("reset", None)

    def copy(self) -> Graph:
        """An independent copy of the content (without the listeners)."""
        other = Graph()
        other.meta = copy.deepcopy(self.meta)
        other.nodes = {k: Node(n.id, n.type, copy.deepcopy(n.params), n.position)
                       for k, n in self.nodes.items()}
        other.edges = list(self.edges)
        return other
