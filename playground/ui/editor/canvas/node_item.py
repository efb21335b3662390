"""A node on the canvas: category-coloured title, key parameters, output shape, typed ports.

The canvas reads top to bottom, so inputs sit on a node's top edge and outputs on its bottom edge.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QStyleOptionGraphicsItem

from playground.engine.graph import Node
from playground.engine.registry import Port, node_type, shape_text
from playground.engine.validate import Analysis
from playground.ui.common import i18n, style
from playground.ui.editor.layout import port_fractions

if TYPE_CHECKING:
    from playground.ui.editor.canvas.edge_item import EdgeItem
    from playground.ui.editor.canvas.previews import PreviewItem

WIDTH = 200.0
TITLE_H = 24.0
LINE_H = 17.0
ROW_H = 16.0
PAD = 7.0
PORT_R = 5.5
TITLE_PT, TEXT_PT = 10.0, 9.0  # TEXT_PT is the smallest text on a node: the view keeps it readable


class PortItem(QGraphicsEllipseItem):
    """A connection point; wires are drawn by dragging from one port to another."""

    def __init__(self, parent: NodeItem, port: Port, is_output: bool) -> None:
        super().__init__(-PORT_R, -PORT_R, 2 * PORT_R, 2 * PORT_R, parent)
        self.node_item, self.port, self.is_output = parent, port, is_output
        color = style.port_color(port.kind)
        self.setBrush(QBrush(color))
        self.setPen(QPen(color.darker(160), 1.2))
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CrossCursor)
        direction = "output" if is_output else "input"
        self.setToolTip(f"{port.name}: {port.kind} {direction}" + (QCoreApplication.translate("PortItem", " (takes several wires)") if port.multi else ""))
        self.setZValue(2)

    @property
    def node_id(self) -> str:
        return self.node_item.node_id

    def anchor(self) -> QPointF:
        return self.scenePos()

    def hoverEnterEvent(self, event) -> None:
        self.setScale(1.4)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.setScale(1.0)
        super().hoverLeaveEvent(event)


class NodeItem(QGraphicsItem):
    """Draws one graph node; the scene keeps it in sync with the document."""

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node_id, self.type_name = node.id, node.type
        self.node_type = node_type(node.type)
        self.category = self.node_type.category if self.node_type else ""
        self.edges: list[EdgeItem] = []
        self.summary, self.shape_line, self.params_line = "", "", ""
        self.problems: list[str] = []
        self.output_shape: tuple[int, ...] | None = None
        self.preview: PreviewItem | None = None  # its live preview card, once training sent one
        self.setFlags(QGraphicsItem.ItemIsMovable | QGraphicsItem.ItemIsSelectable
                      | QGraphicsItem.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)  # panning blits the drawn node
        inputs = self.node_type.inputs if self.node_type else ()
        outputs = self.node_type.outputs if self.node_type else ()
        self.inputs = {p.name: PortItem(self, p, False) for p in inputs}
        self.outputs = {p.name: PortItem(self, p, True) for p in outputs}
        self.height = 0.0
        self.setPos(*node.position)
        self.update_face(node, None)

    def size(self) -> tuple[float, float]:
        return (WIDTH, self.height)

    def port(self, name: str, output: bool) -> PortItem | None:
        return (self.outputs if output else self.inputs).get(name)

    def update_face(self, node: Node, analysis: Analysis | None) -> None:
        """Refresh the text lines and the problem outline from the node and the latest analysis."""
        self.prepareGeometryChange()
        t = self.node_type
        self.summary = i18n.engine_text(t.summary(node.params)) if t else ""
        shape = analysis.shapes.get(node.id) if analysis else None
        self.output_shape = shape
        self.shape_line = f"→ {shape_text(shape)}" if t and t.outputs else ""
        count = analysis.param_counts.get(node.id, 0) if analysis else 0
        self.params_line = QCoreApplication.translate("NodeItem", "{count:,} params").format(count=count) if count else ""
        self.problems = analysis.problems_of(node.id) if analysis else []
        help_text = i18n.node_help(t) if t else QCoreApplication.translate("NodeItem", "unknown node type {type!r}").format(type=node.type)
        self.setToolTip("\n".join(f"⚠ {i18n.engine_text(p)}" for p in self.problems) if self.problems
                        else f"{node.type} '{node.id}'\n{help_text}")
        self._layout_ports()
        self.update()

    def _text_lines(self) -> list[tuple[str, str]]:
        """Body lines as (left, right-aligned) text: the summary, then the shape and the count."""
        lines = [(part, "") for part in _wrap(self.summary, style.ui_font(TEXT_PT), WIDTH - 2 * PAD - 6)]
        if self.shape_line or self.params_line:
            lines.append((self.shape_line, self.params_line))
        return lines or [("", "")]

    def _named(self, ports: dict[str, PortItem]) -> bool:
        """A side with several ports names them, so the user sees which wire goes where."""
        return len(ports) > 1

    def _body_top(self) -> float:
        return TITLE_H + (ROW_H + 2 if self._named(self.inputs) else 0.0) + PAD / 2

    def _layout_ports(self) -> None:
        body_bottom = self._body_top() + len(self._text_lines()) * LINE_H + PAD / 2
        self.height = body_bottom + (ROW_H + PORT_R if self._named(self.outputs) else 0.0)
        for ports, y in ((self.inputs, 0.0), (self.outputs, self.height)):
            for item, fraction in zip(ports.values(), port_fractions(len(ports))):
                item.setPos(WIDTH * fraction, y)

    def boundingRect(self) -> QRectF:
        return QRectF(-3, -3, WIDTH + 6, self.height + 6)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, WIDTH, self.height), 7, 7)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setRenderHint(QPainter.Antialiasing)
        rect = QRectF(0, 0, WIDTH, self.height)
        body = QPainterPath()
        body.addRoundedRect(rect, 7, 7)
        painter.fillPath(body, style.NODE_BODY)
        title = QPainterPath()
        title.addRoundedRect(QRectF(0, 0, WIDTH, TITLE_H + 7), 7, 7)
        title = title.intersected(_rect_path(QRectF(0, 0, WIDTH, TITLE_H)))
        painter.fillPath(title, style.category_color(self.category))
        self._paint_text(painter)
        if self.isSelected():
            pen = QPen(style.NODE_SELECTED, 2.4)
        elif self.problems:
            pen = QPen(style.NODE_ERROR, 2.4)
        else:
            pen = QPen(style.NODE_BORDER, 1.0)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        painter.drawRoundedRect(rect, 7, 7)

    def _paint_text(self, painter: QPainter) -> None:
        bold, small = style.ui_font(TITLE_PT, bold=True), style.ui_font(TEXT_PT)
        painter.setFont(bold)
        id_width = QFontMetricsF(bold).horizontalAdvance(self.node_id)
        painter.setPen(style.NODE_TITLE_TEXT)
        painter.drawText(QRectF(PAD + 2, 0, WIDTH - 2 * PAD, TITLE_H), Qt.AlignVCenter | Qt.AlignLeft,
                         _elide(self.node_id, bold, WIDTH * 0.6))
        painter.setFont(small)
        painter.setPen(style.NODE_TITLE_TEXT.darker(115))
        type_room = WIDTH - 2 * PAD - min(id_width, WIDTH * 0.6) - 8
        painter.drawText(QRectF(PAD, 0, WIDTH - 2 * PAD - 2, TITLE_H), Qt.AlignVCenter | Qt.AlignRight,
                         _elide(self.type_name, small, type_room))
        y = self._body_top()
        room = WIDTH - 2 * PAD - 6
        lines = self._text_lines()
        summary_lines = len(lines) - bool(self.shape_line or self.params_line)
        for i, (left, right) in enumerate(lines):
            painter.setPen(style.NODE_TEXT if i < summary_lines else style.NODE_SUBTEXT)
            right_width = QFontMetricsF(small).horizontalAdvance(right) + 8 if right else 0.0
            painter.drawText(QRectF(PAD + 3, y, room, LINE_H), Qt.AlignVCenter | Qt.AlignLeft,
                             _elide(left, small, room - right_width))
            if right:
                painter.drawText(QRectF(PAD + 3, y, room, LINE_H), Qt.AlignVCenter | Qt.AlignRight, right)
            y += LINE_H
        painter.setPen(style.NODE_SUBTEXT)
        for ports, top in ((self.inputs, TITLE_H + 2), (self.outputs, self.height - ROW_H - PORT_R)):
            if self._named(ports):
                for item in ports.values():
                    painter.drawText(QRectF(item.x() - WIDTH / 4, top, WIDTH / 2, ROW_H),
                                     Qt.AlignCenter, item.port.name)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value):
        if change == QGraphicsItem.ItemPositionHasChanged and self.scene() is not None:
            self.scene().node_moved(self)
        elif change == QGraphicsItem.ItemSelectedHasChanged:
            self.setZValue(3 if value else 1)
        return super().itemChange(change, value)


def _rect_path(rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    path.addRect(rect)
    return path


def _wrap(text: str, font, width: float) -> list[str]:
    """A summary on one line, or on two split after a comma when one line would cut it off."""
    metrics = QFontMetricsF(font)
    if not text or metrics.horizontalAdvance(text) <= width:
        return [text] if text else []
    parts = text.split(", ")
    for cut in range(len(parts) - 1, 0, -1):
        head = ", ".join(parts[:cut]) + ","
        if metrics.horizontalAdvance(head) <= width:
            return [head, ", ".join(parts[cut:])]
    return [text]


def _elide(text: str, font, width: float) -> str:
    return QFontMetricsF(font).elidedText(text, Qt.ElideRight, width)
