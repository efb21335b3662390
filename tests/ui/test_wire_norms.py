"""Backprop you can see: after a Step (F10) the wires show the forward and backward norms the
engine computes on the batch that step trained on."""
from __future__ import annotations

from PySide6.QtGui import QColor

from playground.engine import node_stats
from playground.ui.common import style
from playground.ui.editor.canvas.live import gradient_color, norm_text
from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401


def _step(window, qtbot, steps: int = 1):
    """Press Step ``steps`` times, each time until the snapshot of that step is on screen."""
    controller = window.training
    shown = []
    controller.snapshotReceived.connect(lambda snap: shown.append(snap.step))
    for i in range(steps):
        controller.actions["step"].trigger()
        qtbot.waitUntil(lambda: i + 1 in shown and controller.paused, timeout=60_000)
    settle()


def _edge(window, src: str):
    return next(item for edge, item in window.scene.edges.items()
                if edge.src == src and item.src.port.kind == "tensor")


def test_after_a_step_the_wires_show_the_engines_norms(window, tmp_path, qtbot):
    open_copy(window, tmp_path, "spiral")
    window.canvas_live.norms_action.trigger()  # View > Show forward/backward norms on wires
    _step(window, qtbot, 2)
    model = window.training.model
    expected = node_stats.wire_norms(model, *model.last_batch)  # the worker is paused after it
    for src in ("dense1", "relu1", "dense2", "dense4"):
        lines = [text for text, _ in _edge(window, src).lines()]
        assert lines == [f"‖a‖ {norm_text(expected[src].output)}", f"‖∂L/∂a‖ {norm_text(expected[src].grad)}"]
    assert [t for t, _ in _edge(window, "data").lines()] == [f"‖a‖ {norm_text(expected['data'].output)}"]
    item = _edge(window, "relu1")
    assert not item._label_rect().isEmpty()  # drawn, not hidden for lack of room
    assert "gradient" in item.toolTip()
    window.training.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not window.training.running, timeout=10_000)


def test_turning_the_norms_off_brings_back_the_shape_labels(window, tmp_path, qtbot):
    open_copy(window, tmp_path, "spiral")
    window.canvas_live.norms_action.trigger()
    _step(window, qtbot)
    item = _edge(window, "dense1")
    assert item.lines()[0][0].startswith("‖a‖")
    tall = item._label_rect().height()
    window.canvas_live.buttons[1].click()  # the canvas's Wire norms button
    assert item.lines() == [("24", None)] and item._label_rect().height() < tall
    window.training.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not window.training.running, timeout=10_000)


def test_norms_are_computed_only_while_their_toggle_is_on(window, tmp_path, qtbot):
    open_copy(window, tmp_path, "spiral")
    seen = []
    window.training.snapshotReceived.connect(lambda snap: seen.append(snap.extras.get("wire_norms")))
    controller = window.training
    controller.actions["step"].trigger()
    qtbot.waitUntil(lambda: controller.worker.trainer is not None and controller.worker.trainer.step == 1
                    and controller.paused, timeout=60_000)
    settle()
    assert seen and all(s is None for s in seen)
    assert all(not item.norm_lines for item in window.scene.edges.values())
    controller.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)


def test_vanishing_gradients_are_coloured_amber_then_red():
    normal, faded, vanished = (gradient_color(g, 1.0) for g in (0.5, 0.05, 0.005))
    assert normal == QColor(style.NODE_TEXT) and vanished == QColor(style.NODE_ERROR)
    assert faded not in (normal, vanished)


def test_norm_text_keeps_two_significant_digits():
    assert [norm_text(v) for v in (3.21, 0.0143, 123.4, 0.00012, 0.0)] == ["3.2", "0.014", "123", "1.2e-04", "0"]
