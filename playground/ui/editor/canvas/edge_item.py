"""A wire from an output port down to an input port, labelled with its tensor shape."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from playground.engine.graph import Edge
from playground.ui.common import style
from playground.ui.editor.canvas.node_item import PortItem
from playground.ui.editor.canvas.routing import wire_path

LABEL_PT = 9.0


class EdgeItem(QGraphicsPathItem):
    """A selectable wire between two ports with its shape label at the middle."""

    def __init__(self, edge: Edge, src: PortItem, dst: PortItem) -> None:
        super().__init__()
        self.edge, self.src, self.dst = edge, src, dst
        self.label = ""
        self.norm_lines: list[tuple[str, QColor]] = []  # shown instead of the label when set
        self._norm_tip = ""
        self._label_at = QRectF()
        self.setFlag(QGraphicsItem.ItemIsSelectable)
        self.setZValue(0)
        self.setToolTip(str(edge))
        self.update_path()

    def set_label(self, text: str) -> None:
        """New label text; the scene re-routes the wire afterwards, which places the label."""
        self.label = text
        self._update_tip()

    def set_norm_lines(self, lines: list[tuple[str, QColor]], tip: str = "") -> None:
        """Lines (text, colour) to show in place of the shape label, e.g. the forward and backward
        norms after a step; none: the shape label again. The scene places the label afterwards."""
        self.norm_lines, self._norm_tip = lines, tip if lines else ""
        self._update_tip()

    def _update_tip(self) -> None:
        base = f"{self.edge}  ({self.label})" if self.label else str(self.edge)
        self.setToolTip(f"{base}\n{self._norm_tip}" if self._norm_tip else base)

    def lines(self) -> list[tuple[str, QColor | None]]:
        """What the label shows, line by line (None: the usual label colour)."""
        return self.norm_lines or ([(self.label, None)] if self.label else [])

    def update_path(self, obstacles: Sequence[QRectF] = ()) -> None:
        """Route the wire around ``obstacles`` (the nodes it does not connect)."""
        self.prepareGeometryChange()
        self.setPath(wire_path(self.src.anchor(), self.dst.anchor(), obstacles))

    def in_lane(self) -> bool:
        """Whether the wire leaves the straight S curve to go round nodes."""
        return self.path().elementCount() > 4

    def place_label(self, obstacles: Sequence[QRectF], shown: bool = True) -> None:
        """Halfway down a short wire, at the first shoulder of a long one; nowhere when not
        ``shown`` or when it would cover a node (the tooltip still says it)."""
        self.prepareGeometryChange()
        self._label_at = QRectF()
        lines = self.lines()
        if not (lines and shown):
            return
        metrics = QFontMetricsF(style.ui_font(LABEL_PT))
        w = max(metrics.horizontalAdvance(text) for text, _ in lines) + 10
        h = metrics.height() * len(lines) + 2
        path = self.path()
        if self.in_lane():
            first, bend = path.elementAt(0), path.elementAt(3)
            mid = QPointF(first.x + bend.x, first.y + bend.y) / 2
        else:
            mid = path.pointAtPercent(0.5)
        rect = QRectF(mid.x() - w / 2, mid.y() - h / 2, w, h)
        ends = (self.src.node_item.sceneBoundingRect(), self.dst.node_item.sceneBoundingRect())
        if not any(rect.intersects(r) for r in (*obstacles, *ends)):
            self._label_at = rect

    def _label_rect(self) -> QRectF:
        return self._label_at

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
            painter.setFont(style.ui_font(LABEL_PT))
            lines = self.lines()
            line_h = (rect.height() - 2) / max(len(lines), 1)
            for i, (text, line_color) in enumerate(lines):
                painter.setPen(line_color or style.NODE_TEXT)
                painter.drawText(QRectF(rect.left(), rect.top() + 1 + i * line_h, rect.width(), line_h),
                                 Qt.AlignCenter, text)
