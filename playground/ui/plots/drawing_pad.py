"""The pad a digit is written on: anti-aliased mouse strokes, a pen thickness, a dropped image.

The drawing lives in a fixed 280x280 grey raster (ink 1 on 0, as MNIST stores it) whatever the
widget's size, so resizing the dock never changes what the network reads. On screen the raster is
drawn in the theme's image colours (light ink on dark, or dark ink on paper in the light theme).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from playground.engine.digit_input import to_ink
from playground.ui.common import style

RASTER = 280  # the drawing's own resolution (10x MNIST's field)
DEFAULT_THICKNESS = 24  # raster pixels: about MNIST's stroke width for a digit drawn 3/4 of the pad high
MIN_THICKNESS, MAX_THICKNESS = 6, 48
PAD_KEYS = (Qt.Key_Backspace, Qt.Key_Delete)  # take the last stroke back, clear
IMAGE_MARGIN = 0.1  # a dropped image fills the pad up to this share of its side on each border


def gray_array(image: QImage) -> np.ndarray:
    """(h, w) 0..1 grey values of ``image``, transparent parts taken as white paper."""
    paper = QImage(image.size(), QImage.Format_RGB32)
    paper.fill(Qt.white)
    p = QPainter(paper)
    p.drawImage(0, 0, image)
    p.end()
    gray = paper.convertToFormat(QImage.Format_Grayscale8)
    rows = np.frombuffer(gray.constBits(), np.uint8).reshape(gray.height(), gray.bytesPerLine())
    return rows[:, :gray.width()].astype(np.float32) / 255.0


def ink_image(ink: np.ndarray) -> QImage:
    """A Grayscale8 QImage (its own copy) of ink 0..1."""
    data = np.ascontiguousarray(np.clip(ink * 255.0 + 0.5, 0, 255).astype(np.uint8))
    h, w = data.shape
    return QImage(data.data, w, h, w, QImage.Format_Grayscale8).copy()


class DrawingPad(QWidget):
    """Draw with the left button; Backspace takes the last stroke back, Delete clears.

    ``changed(final)`` is emitted while a stroke grows (final False) and when it ends or the
    drawing changes otherwise (final True); ``refused(message)`` when a dropped file is not an
    image (the drawing stays as it was)."""

    changed = Signal(bool)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[QPointF]] = []
        self.thickness = DEFAULT_THICKNESS
        self.background: QImage | None = None  # a dropped image, as ink fitted into the raster
        self.raster = QImage(RASTER, RASTER, QImage.Format_Grayscale8)
        self._hover: QPointF | None = None
        self._drawing = False
        self._dropping = False  # a file is being dragged over the pad
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setCursor(Qt.CrossCursor)
        self.setMinimumSize(100, 100)
        policy = QSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setToolTip(self.tr("Write a digit with the mouse, or drop a PNG/JPEG image here.\n"
                                "Backspace takes the last stroke back, Delete clears."))
        self._render()
        style.notifier.changed.connect(self._theme_changed)

    def _theme_changed(self, _name: str) -> None:
        self.update()

    # --- what is drawn --------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self.strokes and self.background is None

    def ink(self) -> np.ndarray:
        """The drawing as ink 0..1 on 0, (RASTER, RASTER) float32 (a copy)."""
        r = self.raster
        rows = np.frombuffer(r.constBits(), np.uint8).reshape(r.height(), r.bytesPerLine())
        return rows[:, :r.width()].astype(np.float32) / 255.0

    def clear(self) -> None:
        if self.is_empty():
            return
        self.strokes, self.background = [], None
        self._render()
        self.changed.emit(True)

    def undo_stroke(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self._render()
            self.changed.emit(True)

    def set_thickness(self, value: int) -> None:
        """The pen for the whole drawing (its strokes are redrawn)."""
        value = int(min(max(value, MIN_THICKNESS), MAX_THICKNESS))
        if value == self.thickness:
            return
        self.thickness = value
        self._render()
        self.update()
        if self.strokes:
            self.changed.emit(True)

    def load_image(self, path: str) -> bool:
        """Put the image file at ``path`` on the pad (replacing the drawing); False, with
        ``refused`` emitted and the drawing kept, when it is not an image that can be read."""
        name = Path(path).name
        reader = QImageReader(path)
        image = reader.read() if reader.canRead() else QImage()
        if image.isNull():
            self.refused.emit(self.tr("“{name}” is not an image this pad can read (PNG, JPEG, BMP, GIF): "
                                      "your drawing is unchanged.").format(name=name))
            return False
        self.set_image(image)
        return True

    def set_image(self, image: QImage) -> None:
        """Any picture of a digit, as ink (grey, inverted if dark on light) fitted into the pad."""
        if max(image.width(), image.height()) > 4 * RASTER:  # huge photos: keep it quick
            image = image.scaled(4 * RASTER, 4 * RASTER, Qt.KeepAspectRatio, Qt.SmoothTransformation)
        self.set_ink(to_ink(gray_array(image)))

    def set_ink(self, ink: np.ndarray) -> None:
        """Ink 0..1 on 0 of any size, fitted into the pad in place of the drawing."""
        side = round(RASTER * (1 - 2 * IMAGE_MARGIN))
        h, w = ink.shape
        factor = max(1, side // max(h, w))  # small images (28x28 digits) grow by whole pixels:
        mode = Qt.FastTransformation if factor > 1 else Qt.SmoothTransformation  # no blur added
        size = (w * factor, h * factor) if factor > 1 else (side, side)
        self.background = ink_image(ink).scaled(*size, Qt.KeepAspectRatio, mode)
        self.strokes = []
        self._render()
        self.changed.emit(True)

    # --- painting -------------------------------------------------------------------------------
    def _pen(self) -> QPen:
        pen = QPen(QColor(255, 255, 255), self.thickness, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
        return pen

    def _render(self) -> None:
        """Redraw the raster from the background image and every stroke."""
        self.raster.fill(0)
        p = QPainter(self.raster)
        p.setRenderHint(QPainter.Antialiasing)
        if self.background is not None:
            b = self.background
            p.drawImage(QPointF((RASTER - b.width()) / 2, (RASTER - b.height()) / 2), b)
        p.setPen(self._pen())
        for points in self.strokes:
            self._draw_stroke(p, points)
        p.end()
        self.update()

    @staticmethod
    def _draw_stroke(p: QPainter, points: list[QPointF]) -> None:
        if len(points) == 1:
            p.drawPoint(points[0])
            return
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        p.drawPath(path)

    def _add_segment(self, a: QPointF, b: QPointF) -> None:
        """Draw only the newest piece of the stroke (a long stroke stays fast to draw)."""
        p = QPainter(self.raster)
        p.setRenderHint(QPainter.Antialiasing)
        p.setPen(self._pen())
        p.drawLine(a, b)
        p.end()

    def _pad_rect(self) -> QRectF:
        side = min(self.width(), self.height()) - 2
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _to_raster(self, pos: QPointF) -> QPointF:
        r = self._pad_rect()
        scale = RASTER / r.width()
        return QPointF((pos.x() - r.x()) * scale, (pos.y() - r.y()) * scale)

    def paintEvent(self, _event) -> None:
        t = style.theme()
        low, high = QColor(t.grayscale[0]), QColor(t.grayscale[1])
        shown = self.raster.convertToFormat(QImage.Format_Indexed8)
        shown.setColorTable([QColor(
            round(low.red() + (high.red() - low.red()) * i / 255),
            round(low.green() + (high.green() - low.green()) * i / 255),
            round(low.blue() + (high.blue() - low.blue()) * i / 255)).rgb() for i in range(256)])
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.setRenderHint(QPainter.SmoothPixmapTransform)
        rect = self._pad_rect()
        p.drawImage(rect, shown)
        frame = QPen(QColor(t.highlight) if self.hasFocus() or self._dropping else QColor(t.plot_axis),
                     4 if self._dropping else 1.5)
        p.setPen(frame)
        p.setBrush(Qt.NoBrush)
        p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        if self.is_empty():
            p.setPen(QColor(t.muted))
            p.drawText(rect, Qt.AlignCenter | Qt.TextWordWrap,
                       self.tr("Write a digit here\nwith the mouse\n\nor drop an image"))
        if self._hover is not None and not self._drawing:  # the pen's size, where it would draw
            radius = self.thickness / 2 * rect.width() / RASTER
            p.setPen(QPen(QColor(t.highlight), 1))
            p.drawEllipse(self._hover, radius, radius)
        p.end()

    def sizeHint(self) -> QSize:
        return QSize(260, 260)

    def heightForWidth(self, width: int) -> int:
        return width

    # --- mouse and keys -------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return super().mousePressEvent(event)
        self._drawing = True
        point = self._to_raster(event.position())
        self.strokes.append([point])
        p = QPainter(self.raster)
        p.setRenderHint(QPainter.Antialiasing)
        p.setPen(self._pen())
        p.drawPoint(point)
        p.end()
        self.update()
        self.changed.emit(False)

    def mouseMoveEvent(self, event) -> None:
        self._hover = event.position()
        if self._drawing and event.buttons() & Qt.LeftButton:
            point = self._to_raster(event.position())
            stroke = self.strokes[-1]
            self._add_segment(stroke[-1], point)
            stroke.append(point)
            self.changed.emit(False)
        self.update()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.LeftButton and self._drawing:
            self._drawing = False
            self.changed.emit(True)
        self.update()

    def leaveEvent(self, event) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def event(self, event) -> bool:
        """Claim the pad's own keys before the window's shortcuts (Delete removes nodes there)."""
        if event.type() == QEvent.ShortcutOverride and event.key() in PAD_KEYS \
                and event.modifiers() == Qt.NoModifier:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Backspace:
            self.undo_stroke()
        elif event.key() == Qt.Key_Delete:
            self.clear()
        else:
            super().keyPressEvent(event)

    # --- drag and drop --------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasImage() or any(u.isLocalFile() for u in mime.urls()):
            event.acceptProposedAction()
            self._dropping = True
            self.update()

    def dragLeaveEvent(self, event) -> None:
        self._dropping = False
        self.update()

    def dropEvent(self, event) -> None:
        self._dropping = False
        self.update()
        mime = event.mimeData()
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        if files:
            self.load_image(files[0])
        elif mime.hasImage():
            self.set_image(QImage(mime.imageData()))
        event.acceptProposedAction()
