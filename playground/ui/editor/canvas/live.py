"""The canvas while the network trains: live previews beside the nodes and, after a step, the
forward and backward norms on the wires.

Two toggles (View menu, and two buttons in the canvas's top-left corner) switch them; both are
remembered. The numbers come from the training worker: ``node_stats``'s probes run on its thread
with each heavy snapshot (only while their toggle is on) and arrive in ``snap.extras``.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QMainWindow, QToolButton

from playground.engine import node_stats
from playground.engine.node_stats import WireNorms
from playground.engine.registry import node_type
from playground.ui.common import settings, style
from playground.ui.editor.canvas.previews import PreviewItem, amber, place_cards, wrapped
from playground.ui.training.controller import network_key

PREVIEWS_KEY, NORMS_KEY = "canvas/previews", "canvas/wireNorms"
# ``playground shot --view NAME``: the editor with the previews, or with the norms on the wires too
CANVAS_VIEWS = ("previews", "wire-norms")
PREVIEW_PROBE, NORMS_PROBE = "canvas_previews", "wire_norms"
REDRAW_MS = 250  # the cards and wire labels are redrawn at most this often while a run goes
LOSS_POINTS = 240  # a loss card's curve keeps at most this many points
SMOOTHING = 0.9  # of the loss card's curve (exponential moving average)
FADED, VANISHED = 0.1, 0.01  # gradient norms this far below the largest one are amber, then red
BUTTON_STYLE = """
QToolButton { background: palette(base); border: 1px solid palette(mid); border-radius: 4px;
    padding: 2px 8px; }
QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight); }
"""


def _saved(key: str, default: bool) -> bool:
    value = settings.open_settings().value(key, default)
    return value in (True, "true", "1", 1) if not isinstance(value, bool) else value


def norm_text(value: float) -> str:
    """Two significant digits; very small or large norms in scientific notation."""
    if value == 0:
        return "0"
    if 0.01 <= abs(value) < 1000:
        return f"{value:.2g}" if abs(value) < 100 else f"{value:.0f}"
    return f"{value:.1e}"


def gradient_color(grad: float, largest: float) -> QColor:
    """The usual label colour, amber for a gradient ten times smaller than the network's largest,
    red for one a hundred times smaller: where the gradient vanishes on its way back."""
    ratio = grad / largest if largest > 0 else 1.0
    if ratio < VANISHED:
        return QColor(style.NODE_ERROR)
    return amber() if ratio < FADED else QColor(style.NODE_TEXT)


class CanvasLive(QObject):
    """Installs the toggles on ``window`` and keeps its canvas in step with its training runs."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window, self.scene, self.view = window, window.scene, window.view
        self.document, self.training = window.document, window.training
        self.previews_on = _saved(PREVIEWS_KEY, True)
        self.norms_on = _saved(NORMS_KEY, False)
        self.previews_action = self._toggle(
            self.tr("Show live &previews on the canvas"), self.previews_on, self.set_previews,
            self.tr("Beside each layer, a small picture of what it does while the network trains: "
                    "its output's histogram (dead or saturated units), feature maps, the loss curve"))
        self.norms_action = self._toggle(
            self.tr("Show forward/backward &norms on wires"), self.norms_on, self.set_norms,
            self.tr("On each wire, the norm of the activation going forward and of the loss's "
                    "gradient coming back: step (F10) and watch the chain rule layer by layer"))
        view_menu = window.menus["view"]
        view_menu.insertActions(window.actions.reset_layout, [self.previews_action, self.norms_action])
        view_menu.insertSeparator(window.actions.reset_layout)
        self.buttons = [self._button(self.previews_action, self.tr("Previews")),
                        self._button(self.norms_action, self.tr("Wire norms"))]
        self._place_buttons()
        self.losses: list[float] = []
        self._smoothed: float | None = None
        self._last_step = -1
        self._pending_previews: dict | None = None
        self._pending_norms: dict[str, WireNorms] | None = None
        self._redraw_timer = QTimer(self, singleShot=True, interval=REDRAW_MS)
        self._redraw_timer.timeout.connect(self._draw_pending)
        self._norms: dict[str, WireNorms] | None = None
        self._data_key: str | None = None  # the network the shown numbers belong to
        self.training.add_probe(PREVIEW_PROBE, self._preview_probe)
        self.training.add_probe(NORMS_PROBE, self._norms_probe)
        self.training.snapshotReceived.connect(self._on_snapshot)
        self.document.reset.connect(self._forget)
        self.document.analysisChanged.connect(self._drop_if_stale)

    # --- toggles --------------------------------------------------------------------------------
    def _toggle(self, text: str, checked: bool, slot, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setCheckable(True)
        action.setChecked(checked)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.toggled.connect(slot)
        return action

    def _button(self, action: QAction, text: str) -> QToolButton:
        action.setIconText(text)  # what the button says; the menu has the long text
        button = QToolButton(self.view)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonTextOnly)
        button.setStyleSheet(BUTTON_STYLE)
        button.setFocusPolicy(Qt.NoFocus)
        button.setCursor(Qt.ArrowCursor)
        button.adjustSize()
        return button

    def _place_buttons(self) -> None:
        """Side by side in the canvas's top-left corner (the cards take the nodes' right side)."""
        x = 8
        for button in self.buttons:
            button.move(x, 8)
            x += button.width() + 6

    def set_previews(self, on: bool) -> None:
        self.previews_on = on
        settings.open_settings().setValue(PREVIEWS_KEY, on)
        for item in self.scene.nodes.values():
            if item.preview is not None:
                item.preview.wanted = on
        place_cards(self.scene.nodes)

    def set_norms(self, on: bool) -> None:
        self.norms_on = on
        settings.open_settings().setValue(NORMS_KEY, on)
        self._show_norms()
        if on and self._norms is None:
            self.window.statusBar().showMessage(
                self.tr("Step (F10) or train to see the norms on the wires"), 5000)

    def show_for_shot(self, view: str) -> None:
        """The toggles as ``view`` (one of CANVAS_VIEWS) wants them, for this window only."""
        for action, on in ((self.previews_action, True), (self.norms_action, view == "wire-norms")):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        self.previews_on, self.norms_on = True, view == "wire-norms"

    # --- the worker's side (its thread) -------------------------------------------------------
    def _preview_probe(self, model, data):
        return node_stats.preview_probe(model, data) if self.previews_on else None

    def _norms_probe(self, model, data):
        return node_stats.wire_norms_probe(model, data) if self.norms_on else None

    # --- snapshots (GUI thread) -----------------------------------------------------------------
    def _on_snapshot(self, snap) -> None:
        """Keep the snapshot's numbers; draw them a few times a second at most (a run of tiny
        epochs sends many), at once when the run pauses or ends (a step)."""
        self._data_key = self.training.model_key
        self._add_losses(snap)
        previews = snap.extras.get(PREVIEW_PROBE)
        if previews is not None:
            self._pending_previews = previews
        norms = snap.extras.get(NORMS_PROBE)
        if norms is not None:
            self._pending_norms = norms
        if snap.status != "running":
            self._redraw_timer.stop()
            self._draw_pending()
        elif not self._redraw_timer.isActive():
            self._redraw_timer.start()

    def _draw_pending(self) -> None:
        previews, self._pending_previews = self._pending_previews, None
        norms, self._pending_norms = self._pending_norms, None
        if previews is not None:
            self._show_previews(previews)
        if norms is not None:
            self._norms = norms
            self._show_norms()
        if self.losses:
            self._show_loss()
        place_cards(self.scene.nodes)

    def _add_losses(self, snap) -> None:
        if snap.step < self._last_step:  # a new run from the start
            self.losses, self._smoothed = [], None
        self._last_step = snap.step
        for value in snap.train_loss:
            if np.isfinite(value):
                self._smoothed = value if self._smoothed is None else \
                    SMOOTHING * self._smoothed + (1 - SMOOTHING) * value
                self.losses.append(float(self._smoothed))
        while len(self.losses) > 2 * LOSS_POINTS:  # halve the resolution, keep the whole run
            pairs = np.asarray(self.losses[:len(self.losses) // 2 * 2]).reshape(-1, 2).mean(axis=1)
            self.losses = [*pairs.tolist(), *self.losses[len(self.losses) // 2 * 2:]]

    def _card(self, node_id: str) -> PreviewItem | None:
        item = self.scene.nodes.get(node_id)
        if item is None:
            return None
        if item.preview is None:
            item.preview = PreviewItem(item)
            item.preview.wanted = self.previews_on
        return item.preview

    def _show_previews(self, previews: dict) -> None:
        for node_id, data in previews.items():
            card = self._card(node_id)
            if card is not None:
                card.show_preview(data)

    def _show_loss(self) -> None:
        for node_id, item in self.scene.nodes.items():
            t = node_type(item.type_name)
            if t is not None and t.preview == "loss":
                self._card(node_id).show_loss(np.asarray(self.losses))

    def _show_norms(self) -> None:
        norms = self._norms if self.norms_on else None
        largest = max((n.grad for n in (norms or {}).values() if n.grad is not None), default=0.0)
        tip = self.tr("‖a‖: the norm of one sample's activation on this wire, ‖∂L/∂a‖: of the loss's "
                      "gradient with respect to it (root mean square over the last batch). Amber: "
                      "ten times smaller than the largest gradient in the network, red: a hundred times.")
        for edge, item in self.scene.edges.items():
            n = norms.get(edge.src) if norms and item.src.port.kind == "tensor" else None
            lines = []
            if n is not None:
                lines.append((f"‖a‖ {norm_text(n.output)}", QColor(style.NODE_TEXT)))
                if n.grad is not None:
                    lines.append((f"‖∂L/∂a‖ {norm_text(n.grad)}", gradient_color(n.grad, largest)))
            item.set_norm_lines(lines, wrapped(tip))
        self.scene.route_wires()

    # --- the numbers go with the network they came from ----------------------------------------
    def _forget(self) -> None:
        """Another network: its canvas items are new, the old run's numbers are gone."""
        self.losses, self._smoothed, self._last_step, self._norms = [], None, -1, None
        self._pending_previews = self._pending_norms = None
        self._redraw_timer.stop()
        self._data_key = None

    def _drop_if_stale(self, _analysis) -> None:
        """After an edit that changes the network (not a move), the numbers describe another one."""
        if self._data_key is None or network_key(self.document.graph) == self._data_key:
            return
        self._forget()
        for item in self.scene.nodes.values():
            if item.preview is not None:
                self.scene.removeItem(item.preview)
                item.preview = None
        self._show_norms()
