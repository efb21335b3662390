"""The scene mirrors a GraphDocument: one NodeItem per node, one EdgeItem per edge.

User gestures (dragging wires, moving nodes) become undo commands on the document; the items are
only updated back from the document's signals, so undo and redo need no special handling here.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsScene, QGraphicsSceneMouseEvent

from playground.engine.graph import Edge
from playground.engine.registry import shape_text
from playground.engine.validate import Analysis
from playground.ui.common import i18n, style
from playground.ui.editor.canvas.edge_item import EdgeItem
from playground.ui.editor.canvas.node_item import PORT_R, NodeItem, PortItem
from playground.ui.editor.canvas.previews import place_cards
from playground.ui.editor.canvas.routing import bezier
from playground.ui.editor.document import GraphDocument
from playground.ui.editor.edits import Connect, MoveNodes

GRID = 20


class GraphScene(QGraphicsScene):
    """Canvas contents for one document. ``statusMessage`` carries refusals to the status bar."""

    statusMessage = Signal(str)

    def __init__(self, document: GraphDocument, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[Edge, EdgeItem] = {}
        self._wire_from: PortItem | None = None
        self._wire: QGraphicsPathItem | None = None
        self.setSceneRect(-5000, -5000, 10000, 10000)
        self._reroute_timer = QTimer(self, singleShot=True, interval=0)
        self._reroute_timer.timeout.connect(self.route_wires)
        document.nodeAdded.connect(self._add_node)
        document.nodeRemoved.connect(self._remove_node)
        document.edgeAdded.connect(self._add_edge)
        document.edgeRemoved.connect(self._remove_edge)
        document.paramChanged.connect(lambda node_id, _name: self._refresh_node(node_id))
        document.nodeMoved.connect(self._move_node)
        document.reset.connect(self.rebuild)
        document.analysisChanged.connect(self.apply_analysis)
        style.notifier.changed.connect(self._restyle)
        self.rebuild()

    def render(self, painter: QPainter, target=QRectF(), source=QRectF(),
               mode=Qt.KeepAspectRatio) -> None:
        """Draw the items themselves, not their cached pictures: an SVG export keeps its text
        and lines as vectors."""
        cached = [item for item in self.items() if item.cacheMode() != QGraphicsItem.NoCache]
        modes = [item.cacheMode() for item in cached]
        for item in cached:
            item.setCacheMode(QGraphicsItem.NoCache)
        try:
            super().render(painter, target, source, mode)
        finally:
            for item, cache in zip(cached, modes):
                item.setCacheMode(cache)

    def _restyle(self, _theme: str) -> None:
        """A theme switch: nodes and cards are cached pictures, so each is drawn anew."""
        for item in self.nodes.values():
            item.update()
            if item.preview is not None:
                item.preview.redraw()
        for item in self.edges.values():
            item.update()

    def rebuild(self) -> None:
        self.clear()
        self.nodes.clear()
        self.edges.clear()
        for node_id in self.document.graph.nodes:
            self._add_node(node_id)
        for edge in self.document.graph.edges:
            self._add_edge(edge)
        self.apply_analysis(self.document.analysis)

    def selected_node_ids(self) -> list[str]:
        return [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)]

    def selected_edges(self) -> list[Edge]:
        return [i.edge for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def select_nodes(self, node_ids) -> None:
        self.clearSelection()
        for node_id in node_ids:
            if node_id in self.nodes:
                self.nodes[node_id].setSelected(True)

    def apply_analysis(self, analysis: Analysis) -> None:
        graph = self.document.graph
        for node_id, item in self.nodes.items():
            item.update_face(graph.nodes[node_id], analysis)
        for edge, item in self.edges.items():
            item.set_label(self._edge_label(edge, analysis))
        self.route_wires()

    def route_wires(self, edges=None) -> None:
        """Route ``edges`` (default: all) around the nodes they do not connect, then place every
        label: a wire that takes a lane beside a direct wire from the same port carries none, as
        that one already says the same shape."""
        rects = {node_id: item.sceneBoundingRect().adjusted(3, 3, -3, -3) for node_id, item in self.nodes.items()}

        def obstacles(item: EdgeItem) -> list[QRectF]:
            return [r for node_id, r in rects.items() if node_id not in (item.edge.src, item.edge.dst)]

        for item in (self.edges.values() if edges is None else edges):
            item.update_path(obstacles(item))
        direct = {(e.src, e.src_port) for e, item in self.edges.items() if not item.in_lane()}
        for e, item in self.edges.items():
            item.place_label(obstacles(item), not (item.in_lane() and (e.src, e.src_port) in direct))
        place_cards(self.nodes)

    def node_moved(self, item: NodeItem) -> None:
        """A node moved: its own wires follow at once, the others (which may now have to go round
        it, or may go straight again) once the gesture's events are handled."""
        self.route_wires(item.edges)
        self._reroute_timer.start()

    def _edge_label(self, edge: Edge, analysis: Analysis) -> str:
        kind = self.edges[edge].src.port.kind
        if kind == "target":
            return self.tr("{count} classes").format(count=analysis.num_classes) if analysis.num_classes else self.tr("targets")
        if kind == "loss":
            return self.tr("loss")
        return shape_text(analysis.shapes.get(edge.src))

    def _add_node(self, node_id: str) -> None:
        item = NodeItem(self.document.graph.nodes[node_id])
        self.nodes[node_id] = item
        self.addItem(item)
        self._reroute_timer.start()

    def _remove_node(self, node_id: str) -> None:
        item = self.nodes.pop(node_id, None)
        if item is not None:
            self.removeItem(item)
            self._reroute_timer.start()

    def _refresh_node(self, node_id: str) -> None:
        self.nodes[node_id].update_face(self.document.graph.nodes[node_id], self.document.analysis)

    def _move_node(self, node_id: str) -> None:
        item = self.nodes[node_id]
        pos = QPointF(*self.document.graph.nodes[node_id].position)
        if item.pos() != pos:
            item.setPos(pos)

    def _add_edge(self, edge: Edge) -> None:
        src = self.nodes[edge.src].port(edge.src_port, True)
        dst = self.nodes[edge.dst].port(edge.dst_port, False)
        item = EdgeItem(edge, src, dst)
        self.nodes[edge.src].edges.append(item)
        self.nodes[edge.dst].edges.append(item)
        self.edges[edge] = item
        self.addItem(item)
        self.route_wires([item])

    def _remove_edge(self, edge: Edge) -> None:
        item = self.edges.pop(edge, None)
        if item is None:
            return
        for end in (edge.src, edge.dst):
            if end in self.nodes and item in self.nodes[end].edges:
                self.nodes[end].edges.remove(item)
        self.removeItem(item)

    def try_connect(self, a: PortItem, b: PortItem) -> bool:
        """Connect two ports (in either drag direction) or report why not; True when connected."""
        src, dst = (a, b) if a.is_output else (b, a)
        if src.is_output == dst.is_output:
            side = self.tr("outputs") if src.is_output else self.tr("inputs")
            self.statusMessage.emit(self.tr("Cannot connect two {side}: drag from an output to an input").format(side=side))
            return False
        problem = self.document.graph.connection_problem(src.node_id, src.port.name, dst.node_id,
                                                         dst.port.name)
        if problem:
            self.statusMessage.emit(self.tr("Cannot connect: {problem}").format(problem=i18n.engine_text(problem)))
            return False
        edge = Edge(src.node_id, src.port.name, dst.node_id, dst.port.name)
        self.document.push(Connect(self.document.graph, edge))
        return True

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        port = self._port_at(event.scenePos())
        if port is not None and event.button() == Qt.LeftButton:
            self._wire_from = port
            self._wire = QGraphicsPathItem()
            self._wire.setPen(QPen(style.port_color(port.port.kind), 2, Qt.DashLine))
            self._wire.setZValue(5)
            self.addItem(self._wire)
            self._update_wire(event.scenePos())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._wire is not None:
            self._update_wire(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._wire is not None:
            self.removeItem(self._wire)
            start, self._wire, self._wire_from = self._wire_from, None, None
            target = self._port_at(event.scenePos())
            if target is not None and target is not start:
                self.try_connect(start, target)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self._commit_moves()

    def _commit_moves(self) -> None:
        graph = self.document.graph
        moves = {}
        for node_id in self.selected_node_ids():
            pos = self.nodes[node_id].pos()
            if (pos.x(), pos.y()) != graph.nodes[node_id].position:
                moves[node_id] = (pos.x(), pos.y())
        if moves:
            self.document.push(MoveNodes(graph, moves, self.tr("Move {nodes}").format(nodes=', '.join(moves))))

    def _update_wire(self, pos: QPointF) -> None:
        start = self._wire_from.anchor()
        self._wire.setPath(bezier(start, pos) if self._wire_from.is_output else bezier(pos, start))

    def _port_at(self, pos: QPointF) -> PortItem | None:
        """The port under the pointer, with a little slack round its dot (not so much that a click
        on the title bar below an input starts a wire)."""
        reach = PORT_R + 3
        for item in self.items(QRectF(pos.x() - reach, pos.y() - reach, 2 * reach, 2 * reach)):
            if isinstance(item, PortItem) and QLineF(item.scenePos(), pos).length() <= reach:
                return item
        return None

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, style.CANVAS_BG)
        left, top = math.floor(rect.left() / GRID) * GRID, math.floor(rect.top() / GRID) * GRID
        for major, color in ((False, style.GRID_MINOR), (True, style.GRID_MAJOR)):
            painter.setPen(QPen(color, 0))
            step = GRID * 5 if major else GRID
            x = math.floor(left / step) * step
            while x < rect.right():
                painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
                x += step
            y = math.floor(top / step) * step
            while y < rect.bottom():
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
                y += step
