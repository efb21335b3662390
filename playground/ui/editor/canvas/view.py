"""The canvas view: wheel scrolls, Ctrl+wheel zooms around the cursor, middle-button pan,
rubber-band selection, drops.

Opening a network or Fit View shows as much of it as fits while node text stays readable (at least
``READABLE_PT`` on screen); the rest is a scroll away. Once the user zooms out below that by hand,
Fit View shows the whole network however small.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsView

from playground.ui.editor.canvas.node_item import TEXT_PT
from playground.ui.editor.canvas.scene import GraphScene

NODE_MIME = "application/x-nn-playground-node"
MIN_ZOOM, MAX_ZOOM = 0.1, 3.0
READABLE_PT = 9.0
READABLE_ZOOM = READABLE_PT / TEXT_PT
FIT_MARGIN = 40.0


class GraphView(QGraphicsView):
    """Drops of palette entries become ``nodeTypeDropped``; dropped .json files ``filesDropped``."""

    nodeTypeDropped = Signal(str, QPointF)
    filesDropped = Signal(list)
    contextMenuRequested = Signal(QPointF, object, QPoint)

    def __init__(self, scene: GraphScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setAcceptDrops(True)
        self._pan_from: QPoint | None = None
        self.zoomed_out_by_hand = False
        scene.document.reset.connect(self._forget_hand_zoom)

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        """Zoom by ``factor`` (the user's gesture: zooming out below readable text is remembered)."""
        factor = max(MIN_ZOOM / self.zoom(), min(MAX_ZOOM / self.zoom(), factor))
        self.scale(factor, factor)
        self.zoomed_out_by_hand = self.zoom() < READABLE_ZOOM - 1e-6

    def fit_all(self) -> None:
        """Show every node, never magnified beyond 100 % and never so small that node text is
        unreadable (unless the user has zoomed out that far); a network that does not fit is shown
        from its start, the top, centred across."""
        rect = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            self.resetTransform()
            self.centerOn(0, 0)
            return
        rect = rect.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        view = self.viewport().rect()
        fit = min(view.width() / rect.width(), view.height() / rect.height())
        floor = MIN_ZOOM if self.zoomed_out_by_hand else READABLE_ZOOM
        zoom = max(floor, min(1.0, fit))
        self.resetTransform()
        self.scale(zoom, zoom)
        visible_h = view.height() / zoom
        y = rect.center().y() if rect.height() <= visible_h else rect.top() + visible_h / 2
        visible_w = view.width() / zoom
        x = rect.center().x() if rect.width() <= visible_w else rect.left() + visible_w / 2
        self.centerOn(x, y)

    def _forget_hand_zoom(self) -> None:
        self.zoomed_out_by_hand = False

    def center_scene_pos(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def wheelEvent(self, event) -> None:
        """Ctrl+wheel zooms around the cursor; the wheel alone scrolls (Shift+wheel sideways), so a
        tall network reads like a page and a touchpad's two-finger swipe pans."""
        if event.modifiers() & Qt.ControlModifier:
            self.zoom_by(1.0015 ** event.angleDelta().y())
        else:
            delta = event.pixelDelta() if not event.pixelDelta().isNull() else event.angleDelta() / 2
            dx, dy = delta.x(), delta.y()
            if event.modifiers() & Qt.ShiftModifier and dx == 0:
                dx, dy = dy, 0
            self.pan(dx, dy)
        event.accept()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MiddleButton:
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self.pan(delta.x(), delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._pan_from is not None and event.button() == Qt.MiddleButton:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def pan(self, dx: float, dy: float) -> None:
        """Move the visible area by a screen-pixel offset (the content follows the pointer)."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(dx))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(dy))

    def contextMenuEvent(self, event) -> None:
        scene_pos = self.mapToScene(event.pos())
        item = self.itemAt(event.pos())
        self.contextMenuRequested.emit(scene_pos, item, event.globalPos())
        event.accept()

    def dragEnterEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasFormat(NODE_MIME) or _json_files(mime):
            event.acceptProposedAction()
        else:
            event.ignore()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasFormat(NODE_MIME):
            type_name = bytes(mime.data(NODE_MIME).data()).decode("utf-8")
            self.nodeTypeDropped.emit(type_name, self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
        elif files := _json_files(mime):
            self.filesDropped.emit(files)
            event.acceptProposedAction()
        else:
            event.ignore()


def _json_files(mime) -> list[str]:
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile().endswith(".json")]
