"""Live previews beside the nodes: what a layer is doing while the network trains.

A preview is a small card to the right of its node (to the left when something is in the way)
showing the kind of picture its node type declares (``NodeType.preview``): the histogram of the
output's values with the share of dead ReLU units or saturated sigmoid/tanh outputs, the first
feature maps of a convolution, a pooling layer's output beside its input, the loss curve. Each card
is drawn once per update into a cached pixmap; painting it while the canvas pans or zooms is one
``drawPixmap``.
"""
from __future__ import annotations

import textwrap

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

from playground.engine.node_stats import NodePreview
from playground.ui.common import style
from playground.ui.editor.canvas.node_item import WIDTH

CARD_W, MIN_CARD_H = 216.0, 56.0
MAP_GAP, ARROW_W = 3.0, 14.0
GAP = 44.0  # between node and card: room for a wire's lane beside the node
PAD = 5.0
CAPTION_PT = 8.0
SCALE = 2.0  # pixmap pixels per scene unit: sharp up to 200 % zoom
WARN_AT, ALARM_AT = 0.2, 0.5  # shares of dead or saturated units drawn amber, then red


def _tr(text: str) -> str:
    return QCoreApplication.translate("CanvasPreview", text)


def amber() -> QColor:
    """Warnings short of an error, readable on the theme's node body."""
    return QColor("#e0a030") if style.theme().name == "dark" else QColor("#a86a00")


def warning_color(share: float) -> QColor:
    """Sub-text colour for a harmless share, amber for a worrying one, red for a bad one."""
    if share >= ALARM_AT:
        return QColor(style.NODE_ERROR)
    return amber() if share >= WARN_AT else QColor(style.NODE_SUBTEXT)


def wrapped(text: str, width: int = 72) -> str:
    """A plain-text tooltip in lines of about ``width`` characters (Qt does not wrap plain text)."""
    return "\n".join(textwrap.fill(part, width) for part in text.split("\n"))


def _number(v: float) -> str:
    v = v + 0.0  # no "-0"
    return f"{v:.2g}" if abs(v) < 100 else f"{v:.0f}"


def map_image(values: np.ndarray, signed: bool, limit: float) -> QImage:
    """One feature map as a colour image in the theme's diverging (signed) or sequential map."""
    cmap = style.diverging_map() if signed else style.sequential_map()
    lut = cmap.getLookupTable(0.0, 1.0, 256, alpha=False)
    scaled = (values / (2 * limit) + 0.5) if signed else values / limit
    index = np.clip(scaled * 255, 0, 255).astype(np.uint8)
    rgb = np.ascontiguousarray(lut[index])
    h, w = index.shape
    return QImage(rgb.data, w, h, 3 * w, QImage.Format_RGB888).copy()


class PreviewItem(QGraphicsItem):
    """The card of one node; ``show_preview`` / ``show_loss`` redraw its pixmap."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.size = (CARD_W, MIN_CARD_H)
        self.pixmap = QPixmap()
        self.data: NodePreview | None = None
        self.losses: np.ndarray | None = None
        self.on_left = False
        self.wanted = True  # the previews toggle is on
        self.blocked = False  # no room beside its node
        self.stale = False  # new data not drawn yet: the card was off screen (drawn when painted)
        self.setAcceptedMouseButtons(Qt.NoButton)  # a press goes to the node: drag it, select it
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)  # panning blits, never re-scales
        self.setZValue(-1)

    def _map_layout(self) -> tuple[list[np.ndarray], float]:
        """The groups of maps a maps card draws (pooling: input, then output) and their side, as
        large as the card's width allows."""
        d = self.data
        groups = [d.input_maps, d.maps] if d.kind == "pooled" and d.input_maps is not None else [d.maps]
        count = sum(len(g) for g in groups)
        arrow = ARROW_W if len(groups) > 1 else 0.0
        return groups, (CARD_W - 2 * PAD - 2 - arrow - MAP_GAP * (count - 1)) / max(count, 1)

    def _content_height(self) -> float:
        if self.data is not None and self.data.kind in ("maps", "pooled"):
            caption = QFontMetricsF(style.ui_font(CAPTION_PT)).height()
            return PAD + caption + 2 + min(self._map_layout()[1], 64.0) + PAD + 1
        return MIN_CARD_H

    def fit(self, node_height: float, on_left: bool) -> None:
        """As tall as its node or its pictures, beside its node's right or left edge."""
        h = max(node_height, self._content_height())
        self.on_left = on_left
        self.setPos(-GAP - CARD_W if on_left else WIDTH + GAP, 0)
        if (CARD_W, h) != self.size:
            self.prepareGeometryChange()
            self.size = (CARD_W, h)
            self.redraw()

    def show_preview(self, data: NodePreview) -> None:
        self.data, self.losses = data, None
        self.redraw_when_seen()

    def show_loss(self, losses: np.ndarray) -> None:
        self.data, self.losses = None, losses
        self.redraw_when_seen()

    def on_screen(self) -> bool:
        """Whether some visible view of the canvas shows (part of) the card."""
        scene = self.scene()
        rect = self.sceneBoundingRect()
        return scene is not None and any(
            v.isVisible() and v.mapToScene(v.viewport().rect()).boundingRect().intersects(rect)
            for v in scene.views())

    def redraw_when_seen(self) -> None:
        """Redraw now if the card is on screen, else when it is next painted (scrolled or zoomed
        into view): a run's cards off screen cost the GUI thread nothing."""
        if self.isVisible() and self.on_screen():
            self.redraw()
        else:
            self.stale = True
            self.setToolTip(wrapped(self.tip()))
            self.update()

    def redraw(self) -> None:
        """Render the card into its pixmap (new data, new size, a theme switch)."""
        self.stale = False
        w, h = self.size
        pixmap = QPixmap(int(w * SCALE), int(h * SCALE))
        pixmap.setDevicePixelRatio(SCALE)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.Antialiasing)
        card = QRectF(0.5, 0.5, w - 1, h - 1)
        painter.setPen(QPen(style.NODE_BORDER, 1.0))
        painter.setBrush(style.NODE_BODY)
        painter.drawRoundedRect(card, 6, 6)
        if self.losses is not None:
            self._draw_loss(painter, w, h)
        elif self.data is not None:
            (self._draw_histogram if self.data.kind == "histogram" else self._draw_maps)(painter, w, h)
        painter.end()
        self.pixmap = pixmap
        self.setToolTip(wrapped(self.tip()))
        self.update()

    # --- the kinds of card ----------------------------------------------------------------------
    def _caption(self, painter: QPainter, w: float, left: str, right: str = "",
                 right_color: QColor | None = None) -> float:
        """A caption line at the top; returns where the picture below it starts."""
        font = style.ui_font(CAPTION_PT)
        painter.setFont(font)
        line_h = QFontMetricsF(font).height()
        rect = QRectF(PAD + 1, PAD - 1, w - 2 * PAD - 2, line_h)
        right_w = QFontMetricsF(font).horizontalAdvance(right) + 6 if right else 0.0
        painter.setPen(style.NODE_SUBTEXT)
        painter.drawText(rect.adjusted(0, 0, -right_w, 0), Qt.AlignLeft | Qt.AlignVCenter,
                         QFontMetricsF(font).elidedText(left, Qt.ElideRight, rect.width() - right_w))
        if right:
            painter.setFont(style.ui_font(CAPTION_PT, bold=True))
            painter.setPen(right_color or style.NODE_TEXT)
            painter.drawText(rect, Qt.AlignRight | Qt.AlignVCenter, right)
        return PAD + line_h

    def tip(self) -> str:
        """What the card's tooltip says about what it shows."""
        d = self.data
        if self.losses is not None:
            losses = self.losses
            return _tr("The training loss so far, smoothed: now {last} (lowest {lo}, highest {hi})").format(
                last=_number(float(losses[-1])), lo=_number(float(np.min(losses))),
                hi=_number(float(np.max(losses))))
        if d is None:
            return ""
        if d.kind == "histogram":
            tip = _tr("Histogram of this node's output values on validation samples "
                      "(bar height: square root of the count)")
            if d.dead is not None:
                tip += "\n" + _tr("Dead: {p}% of its units output 0 for every sample, so they pass no "
                                  "gradient back and stop learning (dying ReLU).").format(p=round(100 * d.dead))
            elif d.saturated is not None:
                tip += "\n" + _tr("Saturated: {p}% of its outputs sit where its slope is under a tenth of "
                                  "its peak, so almost no gradient flows back through them (vanishing "
                                  "gradients).").format(p=round(100 * d.saturated))
            return tip
        if d.kind == "pooled":
            return _tr("The first channels of one validation image going in (left) and coming out "
                       "(right): pooling keeps the strongest response of each window at a lower resolution")
        signed = bool(min(float(g.min()) for g in self._map_layout()[0]) < 0)
        return _tr("This layer's first feature maps for one validation image (orange below 0, "
                   "blue above)") if signed else _tr("This layer's first feature maps for one validation image")

    def _draw_histogram(self, painter: QPainter, w: float, h: float) -> None:
        d = self.data
        lo, hi = d.value_range
        right, color = "", None
        if d.dead is not None:
            right, color = _tr("dead {p}%").format(p=round(100 * d.dead)), warning_color(d.dead)
        elif d.saturated is not None:
            right, color = _tr("saturated {p}%").format(p=round(100 * d.saturated)), warning_color(d.saturated)
        top = self._caption(painter, w, f"{_number(lo)} … {_number(hi)}", right, color)
        area = QRectF(PAD + 1, top + 2, w - 2 * PAD - 2, h - top - PAD - 2)
        counts = np.sqrt(np.asarray(d.counts, dtype=np.float64))
        peak = counts.max() or 1.0
        bar_w = area.width() / len(counts)
        painter.setPen(Qt.NoPen)
        painter.setBrush(style.port_color("tensor"))
        for i, c in enumerate(counts):
            bar_h = area.height() * c / peak
            if bar_h > 0:
                painter.drawRect(QRectF(area.left() + i * bar_w + 0.3, area.bottom() - bar_h,
                                        bar_w - 0.6, bar_h))
        painter.setPen(QPen(style.NODE_SUBTEXT, 0.8))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        if lo < 0 < hi:  # where zero is
            x = area.left() + area.width() * (-lo) / (hi - lo)
            painter.setPen(QPen(style.NODE_SUBTEXT, 0.8, Qt.DotLine))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))

    def _draw_maps(self, painter: QPainter, w: float, h: float) -> None:
        d = self.data
        pooled = d.kind == "pooled"
        groups, side = self._map_layout()
        signed = bool(min(float(g.min()) for g in groups) < 0)
        caption = _tr("input → output") if pooled else \
            _tr("{n} of {c} feature maps").format(n=len(d.maps), c=self.channels)
        top = self._caption(painter, w, caption)
        side = min(side, h - top - PAD - 3)
        x, y = PAD + 1, top + 2
        painter.setRenderHint(QPainter.SmoothPixmapTransform, False)  # pixels stay square
        for gi, group in enumerate(groups):
            for i, m in enumerate(group):
                # each map on its own scale (as the Feature maps view); a pooled pair shares one
                ref = groups[0][i] if pooled else m
                limit = float(np.max(np.abs(ref))) or 1.0
                rect = QRectF(x, y, side, side)
                painter.drawImage(rect, map_image(m, signed, limit))
                painter.setPen(QPen(style.NODE_BORDER, 0.8))
                painter.setBrush(Qt.NoBrush)
                painter.drawRect(rect)
                x += side + MAP_GAP
            if pooled and gi == 0:
                painter.setPen(style.NODE_SUBTEXT)
                painter.setFont(style.ui_font(CAPTION_PT + 1))
                painter.drawText(QRectF(x - MAP_GAP, y, ARROW_W + MAP_GAP, side), Qt.AlignCenter, "→")
                x += ARROW_W

    @property
    def channels(self) -> int:
        shape = self.parentItem().output_shape
        return shape[0] if shape else len(self.data.maps)

    def _draw_loss(self, painter: QPainter, w: float, h: float) -> None:
        losses = self.losses
        top = self._caption(painter, w, _tr("training loss"), _number(float(losses[-1])))
        area = QRectF(PAD + 2, top + 3, w - 2 * PAD - 4, h - top - PAD - 4)
        lo, hi = float(np.min(losses)), float(np.max(losses))
        span = hi - lo or 1.0
        columns = max(2, int(area.width()))
        if len(losses) > columns:  # one point per pixel column (a mean of its losses) draws the same
            edges = np.linspace(0, len(losses), columns + 1).astype(int)
            losses = np.add.reduceat(np.asarray(losses, dtype=float), edges[:-1]) / np.diff(edges)
        xs = np.linspace(area.left(), area.right(), len(losses)) if len(losses) > 1 else np.array([area.left()])
        ys = area.bottom() - (losses - lo) / span * area.height()
        line = QPolygonF([QPointF(float(a), float(b)) for a, b in zip(xs, ys)])
        fill = QPainterPath()
        fill.moveTo(area.left(), area.bottom())
        fill.addPolygon(line)
        fill.lineTo(float(xs[-1]), area.bottom())
        fill.closeSubpath()
        color = QColor(style.port_color("loss"))
        soft = QColor(color)
        soft.setAlpha(50)
        painter.fillPath(fill, soft)
        painter.setPen(QPen(color, 1.4))
        painter.drawPolyline(line)

    # --- QGraphicsItem --------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, *self.size)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if self.stale:
            self.redraw()
        painter.drawPixmap(QPointF(0, 0), self.pixmap)


def place_cards(nodes: dict) -> None:
    """Each card beside its node's right edge, else its left edge when that side would cover
    another node or card, else hidden (its node's tooltip and the plots still say it all)."""
    taken = [item.sceneBoundingRect() for item in nodes.values()]
    for item in nodes.values():
        card = item.preview
        if card is None or card.data is None and card.losses is None:
            continue
        spot = None
        for on_left in (False, True):
            card.fit(item.height, on_left)
            rect = card.sceneBoundingRect()
            if not any(rect.intersects(r) for r in taken):
                spot = rect
                break
        card.blocked = spot is None
        card.setVisible(card.wanted and not card.blocked)
        if spot is not None:
            taken.append(spot)
