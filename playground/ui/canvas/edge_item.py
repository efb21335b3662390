"""A wire: a cubic Bezier from an output port to an input port, labelled with its tensor shape."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from playground.engine.graph import Edge
from playground.ui import style
from playground.ui.canvas.node_item import PortItem


def bezier(start: QPointF, end: QPointF) -> QPainterPath:
    """A left-to-right S curve; it bends more when the wire goes backwards."""
    dx = max(abs(end.x() - start.x()) * 0.5, 40.0)
    path = QPainterPath(start)
    path.cubicTo(start + QPointF(dx, 0), end - QPointF(dx, 0), end)
    return path


class EdgeItem(QGraphicsPathItem):
    """A selectable wire between two ports with its shape label at the middle."""

    def __init__(self, edge: Edge, src: PortItem, dst: PortItem) -> None:
        super().__init__()
        self.edge, self.src, self.dst = edge, src, dst
        self.label = ""
        self.setFlag(QGraphicsItem.ItemIsSelectable)
        self.setZValue(0)
        self.setToolTip(str(edge))
        self.update_path()

    def set_label(self, text: str) -> None:
        self.prepareGeometryChange()
        self.label = text
        self.setToolTip(f"{self.edge}  ({text})" if text else str(self.edge))
        self.update()

    def update_path(self) -> None:
        self.setPath(bezier(self.src.anchor(), self.dst.anchor()))

    def _label_rect(self) -> QRectF:
        """Where the shape label goes; empty when the wire is too short to carry it legibly."""
        if not self.label:
            return QRectF()
        metrics = QFontMetricsF(style.ui_font(8))
        w, h = metrics.horizontalAdvance(self.label) + 10, metrics.height() + 3
        start, end = self.src.anchor(), self.dst.anchor()
        if abs(end.x() - start.x()) < w + 16 and abs(end.y() - start.y()) < 3 * h:
            return QRectF()
        mid = self.path().pointAtPercent(0.5)
        return QRectF(mid.x() - w / 2, mid.y() - h / 2, w, h)

    def boundingRect(self) -> QRectF:
        return super().boundingRect().adjusted(-4, -4, 4, 4).united(self._label_rect())

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        path = stroker.createStroke(self.path())
        path.addRect(self._label_rect())
        return path

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.Antialiasing)
        color = style.WIRE_SELECTED if self.isSelected() else style.port_color(self.src.port.kind)
        painter.setPen(QPen(color, 3.0 if self.isSelected() else 2.0, Qt.SolidLine, Qt.RoundCap))
        painter.setBrush(Qt.NoBrush)
        painter.drawPath(self.path())
        rect = self._label_rect()
        if not rect.isEmpty():
            painter.setPen(QPen(color.darker(130), 1))
            painter.setBrush(style.LABEL_BG)
            painter.drawRoundedRect(rect, 4, 4)
            painter.setFont(style.ui_font(8))
            painter.setPen(style.NODE_TEXT)
            painter.drawText(rect, Qt.AlignCenter, self.label)
