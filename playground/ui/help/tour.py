"""Help > Getting started: a few pages over the window, each lighting up the part it describes.

The tour is an overlay inside the main window (not a separate window): it dims everything but the
part being described and puts a card with the text next to it. Keys in the text are read from the
window's actions, so the tour names the shortcuts that really work.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (QFrame, QGraphicsDropShadowEffect, QHBoxLayout, QLabel, QMainWindow,
                               QPushButton, QVBoxLayout, QWidget)

from playground.ui.common.style import CATEGORY_COLORS, PORT_COLORS
from playground.ui.help.common import ACCENT, MUTED, PRIMARY_BUTTON, QUIET_BUTTON, keys_html

SPOT_PADDING = 6
CARD_WIDTH = 380
MARGIN = 16
DIM = QColor(10, 12, 16, 165)


@dataclass
class Page:
    """One page: its title, its text (rich text) and what it lights up (None: nothing)."""

    key: str
    title: str
    text: str
    target: Callable[[], QRect | None]
    accent: QColor = field(default_factory=lambda: QColor(ACCENT))


def _rect_of(window: QMainWindow, *widgets: QWidget | None) -> QRect | None:
    """The union of the visible ``widgets``' rectangles, in window coordinates."""
    rect = QRect()
    for widget in widgets:
        if widget is not None and shiboken6.isValid(widget) and widget.isVisible():
            top_left = widget.mapTo(window, QPoint(0, 0))
            rect = rect.united(QRect(top_left, widget.size()))
    return rect if rect.isValid() else None


def _toolbar_buttons(window: QMainWindow, toolbar, actions) -> QRect | None:
    if toolbar is None:
        return None
    return _rect_of(window, *(toolbar.widgetForAction(a) for a in actions if a is not None))


def _swatch(color: QColor, text: str) -> str:
    return f"<span style='color:{color.name()}'>&#9679;</span>&nbsp;{text}"


def tour_pages(window: QMainWindow) -> list[Page]:
    """The tour for ``window``: what each part is, how to wire, what training does."""
    a = window.actions
    training = getattr(window, "training", None)
    compare = getattr(window, "compare", None)
    train_actions = getattr(training, "actions", {})
    compare_actions = getattr(compare, "actions", {})
    toolbar = getattr(window, "training_toolbar", None)
    key = keys_html
    help_menu = window.menus.get("help")

    def help_title() -> QRect | None:
        bar = window.menuBar()
        if help_menu is None or not bar.isVisible():
            return None
        geometry = bar.actionGeometry(help_menu.menuAction())
        return QRect(bar.mapTo(window, geometry.topLeft()), geometry.size()) if geometry.isValid() else None

    def views() -> QRect | None:
        docks = [d for d in getattr(training, "docks", []) if d.isVisible()]
        if docks:
            return _rect_of(window, *docks)
        return _toolbar_buttons(window, toolbar, [compare_actions.get("show"), compare_actions.get("race")])

    from playground.ui.help.concepts import concept_entries

    concepts = len(concept_entries())
    ports = " ".join(_swatch(PORT_COLORS[k], label) for k, label in
                     (("tensor", QCoreApplication.translate("help.tour", "tensors")), ("target", QCoreApplication.translate("help.tour", "targets")), ("loss", QCoreApplication.translate("help.tour", "the loss"))))
    kinds = ", ".join(_swatch(color, QCoreApplication.translate("node categories", name).lower()) for name, color in CATEGORY_COLORS.items())
    pages = [
        Page("welcome", QCoreApplication.translate("help.tour", "Welcome to NN Playground"),
             QCoreApplication.translate("help.tour", "Build a neural network from blocks, press one key to train it, and watch it learn "
             "in real time.<br><br>This tour shows each part of the window in {steps} short "
             "steps. Use <b>Next</b> or the arrow keys; <b>Esc</b> closes it."),
             lambda: None),
        Page("palette", QCoreApplication.translate("help.tour", "1 · The Nodes palette"),
             QCoreApplication.translate("help.tour", "Every building block lives here, colour-coded by kind: {kinds}.<br><br><b>Drag</b> one onto the canvas, or <b>double-click</b> it. The search box finds a node by name.").format(kinds=kinds),
             lambda: _rect_of(window, getattr(window, "palette_dock", None)),
             CATEGORY_COLORS["Data"]),
        Page("canvas", QCoreApplication.translate("help.tour", "2 · The canvas: wire your network"),
             QCoreApplication.translate("help.tour", "Drag from an <b>output port</b> (right side of a node) to an <b>input port</b> (left side). Ports are typed: {ports} connect only to their own kind.<br><br>Each wire shows the shape flowing through it. A node with a problem turns <span style='color:#e5484d'><b>red</b></span>; hover it to read why. Scroll to zoom, {key} fits the whole graph.").format(ports=ports, key=key(a.fit_view)),
             lambda: _rect_of(window, window.centralWidget()),
             CATEGORY_COLORS["Layers"]),
        Page("inspector", QCoreApplication.translate("help.tour", "3 · The Inspector"),
             QCoreApplication.translate("help.tour", "Select a node to change its settings here: units, kernel size, activation, learning rate... Each field shows its range and a hint.<br><br>Every edit can be undone with {key}. Click an empty spot on the canvas to give the whole graph a title and a description.").format(key=key(a.undo)),
             lambda: _rect_of(window, getattr(window, "inspector_dock", None)),
             CATEGORY_COLORS["Activations"]),
        Page("train", QCoreApplication.translate("help.tour", "4 · Train it"),
             QCoreApplication.translate("help.tour", "Press <b>Train</b> {key} and the network learns in the background. {key2} pauses, {key3} runs exactly one mini-batch, {key4} stops.<br><br>Training again continues from the current weights; <b>Reset weights</b> starts over. If the loss explodes, training stops and keeps the last good weights.").format(key=key(train_actions.get('train')), key2=key(train_actions.get('pause')), key3=key(train_actions.get('step')), key4=key(train_actions.get('stop'))),
             lambda: _toolbar_buttons(window, toolbar, list(train_actions.values())),
             CATEGORY_COLORS["Optimizers"]),
        Page("views", QCoreApplication.translate("help.tour", "5 · Watch it learn"),
             QCoreApplication.translate("help.tour", "While it trains the views fill in: loss and accuracy, weight histograms, gradient norms, CNN filters, feature maps, the decision boundary and more. Right-click a plot to save it as PNG or CSV.<br><br><b>Compare</b> {key} trains several optimizers side by side from the same weights; <b>Race</b> {key2} runs them on loss surfaces.").format(key=key(compare_actions.get('show')), key2=key(compare_actions.get('race'))),
             views, CATEGORY_COLORS["Losses"]),
        Page("status", QCoreApplication.translate("help.tour", "6 · The status bar"),
             QCoreApplication.translate("help.tour", "Always tells you where you stand: whether the graph is valid (or what is wrong "
             "with it), how many parameters it has, and what training is doing."),
             lambda: _rect_of(window, getattr(window, "validation_label", None),
                              getattr(window, "params_label", None),
                              getattr(training, "progress_label", None)) or _rect_of(window, window.statusBar()),
             QColor("#4caf50")),
        Page("done", QCoreApplication.translate("help.tour", "You are ready"),
             QCoreApplication.translate("help.tour", "Not sure what to build? <b>Help › Concepts</b> has {concepts} small experiments, one deep-learning idea each: vanishing gradients, learning rates, momentum, residual connections...<br><br>This tour stays in the Help menu ({key}). Have fun!").format(concepts=concepts, key=key(_tour_action(window))),
             help_title),
    ]
    pages[0].text = pages[0].text.format(steps=len(pages) - 2)
    return pages


def _tour_action(window: QMainWindow):
    help_ = getattr(window, "help", None)
    return getattr(help_, "tour_action", None)


class _Card(QFrame):
    """The tour's text card with its buttons."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tourCard")
        self.setFixedWidth(CARD_WIDTH)
        self.strip = QFrame()
        self.strip.setFixedHeight(4)
        self.step = QLabel()
        self.step.setStyleSheet(f"color: {MUTED}; font-size: 8.5pt; letter-spacing: 1px;")
        self.title = QLabel(wordWrap=True)
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600; color: #ffffff;")
        self.text = QLabel(wordWrap=True, textFormat=Qt.RichText)
        self.text.setStyleSheet("font-size: 10pt; color: #d5d9df; line-height: 140%;")
        self.skip = QPushButton(self.tr("Skip tour"))
        self.back = QPushButton(self.tr("Back"))
        self.next = QPushButton(self.tr("Next"))
        self.skip.setStyleSheet("QPushButton { background: transparent; border: none;"
                                f" color: {MUTED}; padding: 6px 4px; }}"
                                " QPushButton:hover { color: #e8eaed; }")
        self.back.setStyleSheet(QUIET_BUTTON)
        self.next.setStyleSheet(PRIMARY_BUTTON)
        for button in (self.skip, self.back, self.next):
            button.setCursor(Qt.PointingHandCursor)
            button.setFocusPolicy(Qt.NoFocus)
        self.dots = QLabel()
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.skip)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        body = QVBoxLayout()
        body.setContentsMargins(20, 14, 20, 16)
        body.setSpacing(8)
        header = QHBoxLayout()
        header.addWidget(self.step)
        header.addStretch(1)
        header.addWidget(self.dots)
        body.addLayout(header)
        body.addWidget(self.title)
        body.addWidget(self.text)
        body.addSpacing(6)
        body.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.strip)
        layout.addLayout(body)
        self.setStyleSheet("#tourCard { background: #2f343d; border: 1px solid #4a515e;"
                           " border-radius: 10px; }")
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(28)
        shadow.setOffset(0, 6)
        shadow.setColor(QColor(0, 0, 0, 160))
        self.setGraphicsEffect(shadow)

    def show_page(self, page: Page, index: int, count: int) -> None:
        accent = page.accent.name()
        self.strip.setStyleSheet(f"background: {accent}; border-top-left-radius: 10px;"
                                 " border-top-right-radius: 10px;")
        self.step.setText(self.tr("GETTING STARTED") if index == 0 else self.tr("STEP {index} OF {total}").format(index=index, total=count - 2)
                          if index < count - 1 else self.tr("ALL DONE"))
        self.dots.setText(" ".join(  # one dot per step (the welcome and the end are none), as the text counts
            f"<span style='color:{accent if i == index or index == count - 1 else '#5d6573'}'>&#9679;</span>"
            for i in range(1, count - 1)))
        self.title.setText(page.title)
        self.text.setText(page.text)
        self.back.setEnabled(index > 0)
        self.back.setVisible(index > 0)
        self.skip.setText(self.tr("Browse concepts") if index == count - 1 else self.tr("Skip tour"))
        self.next.setText(self.tr("Let's go") if index == 0 else self.tr("Start building") if index == count - 1 else self.tr("Next"))
        self.adjustSize()


class Tour(QWidget):
    """The overlay: dims the window around the current page's target and shows the card."""

    finished = Signal()

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("gettingStartedTour")
        self.setAttribute(Qt.WA_StyledBackground, False)
        self.setFocusPolicy(Qt.StrongFocus)
        self.pages = tour_pages(window)
        self.index = 0
        self.card = _Card(self)
        self.card.next.clicked.connect(self.next)
        self.card.back.clicked.connect(self.back)
        self.card.skip.clicked.connect(self._skip)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self._show_page()

    # --- navigation ---------------------------------------------------------------------------
    @property
    def page(self) -> Page:
        return self.pages[self.index]

    def next(self) -> None:
        if self.index == len(self.pages) - 1:
            self.close_tour()
        else:
            self.go_to(self.index + 1)

    def back(self) -> None:
        if self.index > 0:
            self.go_to(self.index - 1)

    def go_to(self, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._show_page()

    def _skip(self) -> None:
        """"Skip tour", or on the last page "Browse concepts"."""
        last = self.index == len(self.pages) - 1
        self.close_tour()
        help_menu = getattr(self.window_, "help", None)
        if last and help_menu is not None:
            help_menu.show_concepts()

    def close_tour(self) -> None:
        self.window_.removeEventFilter(self)
        self.hide()
        self.finished.emit()
        self.deleteLater()

    # --- geometry -----------------------------------------------------------------------------
    def spotlight(self) -> QRect | None:
        """The lit-up rectangle of the current page (window coordinates), or None."""
        rect = self.page.target()
        if rect is None:
            return None
        rect = rect.adjusted(-SPOT_PADDING, -SPOT_PADDING, SPOT_PADDING, SPOT_PADDING) & self.visible_rect()
        return rect if rect.isValid() else None

    def visible_rect(self) -> QRect:
        """The part of the window that is on its screen (a window can be larger than the screen);
        all of it when rendering offscreen, where the nominal screen is not what anyone sees."""
        screen = self.window_.screen()
        if screen is None or QGuiApplication.platformName() == "offscreen":
            return self.rect()
        area = screen.availableGeometry()
        return self.rect() & QRect(self.mapFromGlobal(area.topLeft()), area.size())

    def _show_page(self) -> None:
        self.card.show_page(self.page, self.index, len(self.pages))
        self._place_card()
        self.update()

    def _place_card(self) -> None:
        """Beside the spotlight where there is room (right, left, below, above), else inside its
        lower right corner; centred when nothing is lit."""
        layout = self.card.layout()
        height = layout.totalHeightForWidth(CARD_WIDTH) if layout.hasHeightForWidth() else -1
        size = QSize(CARD_WIDTH, height if height > 0 else self.card.sizeHint().height())
        bounds = self.visible_rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        spot = self.spotlight()
        if spot is None:
            self.card.setGeometry(QRect(bounds.center() - QPoint(size.width() // 2, size.height() // 2), size))
            return
        gap = MARGIN
        candidates = [
            QPoint(spot.right() + gap, spot.top()),
            QPoint(spot.left() - gap - size.width(), spot.top()),
            QPoint(spot.left(), spot.bottom() + gap),
            QPoint(spot.left(), spot.top() - gap - size.height()),
        ]
        for point in candidates:
            rect = self._clamped(QRect(point, size), bounds, spot)
            if rect is not None:
                self.card.setGeometry(rect)
                return
        inside = QRect(spot.right() - MARGIN - size.width(), spot.bottom() - MARGIN - size.height(),
                       size.width(), size.height())
        self.card.setGeometry(self._shift_into(inside, bounds))

    def _clamped(self, rect: QRect, bounds: QRect, spot: QRect) -> QRect | None:
        """``rect`` slid along its side to fit ``bounds``, or None if it would cover ``spot``."""
        rect = self._shift_into(rect, bounds)
        if not bounds.contains(rect) or rect.intersects(spot):
            return None
        return rect

    @staticmethod
    def _shift_into(rect: QRect, bounds: QRect) -> QRect:
        dx = max(bounds.left() - rect.left(), 0) + min(bounds.right() - rect.right(), 0)
        dy = max(bounds.top() - rect.top(), 0) + min(bounds.bottom() - rect.bottom(), 0)
        return rect.translated(dx, dy)

    # --- events -------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:
        if watched is self.window_ and event.type() in (QEvent.Resize, QEvent.LayoutRequest):
            self.setGeometry(self.window_.rect())
            self._place_card()
            self.raise_()
        return False

    def showEvent(self, event) -> None:
        self.raise_()
        self.setFocus()
        super().showEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        dim = QPainterPath()
        dim.addRect(QRectF(self.rect()))
        spot = self.spotlight()
        if spot is not None:
            hole = QPainterPath()
            hole.addRoundedRect(QRectF(spot), 8, 8)
            dim = dim.subtracted(hole)
        painter.fillPath(dim, DIM)
        if spot is not None:
            glow = QColor(self.page.accent)
            for width, alpha in ((9, 40), (5, 80)):
                glow.setAlpha(alpha)
                painter.setPen(QPen(glow, width))
                painter.drawRoundedRect(QRectF(spot), 8, 8)
            painter.setPen(QPen(self.page.accent, 2))
            painter.drawRoundedRect(QRectF(spot).adjusted(1, 1, -1, -1), 8, 8)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key_Right, Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.next()
        elif key in (Qt.Key_Left, Qt.Key_Backspace):
            self.back()
        elif key == Qt.Key_Escape:
            self.close_tour()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        event.accept()  # the window under the overlay waits until the tour is closed
