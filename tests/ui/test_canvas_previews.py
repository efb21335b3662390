"""Live previews beside the canvas nodes: toggled from the View menu and the canvas button, drawn
from the training worker's numbers, equal to what the engine computes on the same data."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from playground.engine import node_stats
from playground.ui.editor.edits import SetParam
from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401


def _train(window, tmp_path, qtbot, name: str, steps: int):
    open_copy(window, tmp_path, name)
    assert window.training.train(max_steps=steps)
    qtbot.waitUntil(lambda: not window.training.running, timeout=120_000)
    qtbot.waitUntil(lambda: not window.canvas_live._redraw_timer.isActive(), timeout=5_000)  # drawn
    settle()
    return window.training.model


def _cards(window):
    return {nid: item.preview for nid, item in window.scene.nodes.items() if item.preview is not None}


def _picture(window, rect: QRectF) -> QImage:
    """What the canvas shows in ``rect`` (scene coordinates)."""
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    window.scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    return image


def test_previews_appear_while_training_and_the_toggles_hide_and_show_them(window, tmp_path, qtbot):
    live = window.canvas_live
    assert live.previews_action.isChecked()  # on by default
    _train(window, tmp_path, qtbot, "spiral", 40)
    cards = _cards(window)
    assert {"dense1", "relu1", "output", "loss"} <= set(cards)
    assert "data" not in cards and "optimizer" not in cards  # they declare no preview
    assert all(c.isVisible() for c in cards.values())
    area = cards["relu1"].sceneBoundingRect()
    shown = _picture(window, area)
    assert window.menus["view"].actions().count(live.previews_action) == 1
    live.previews_action.trigger()  # View > Show live previews on the canvas
    assert not any(c.isVisible() for c in cards.values())
    assert _picture(window, area) != shown
    button = live.buttons[0]
    qtbot.mouseClick(button, Qt.LeftButton)  # the canvas's Previews button
    assert live.previews_action.isChecked() and all(c.isVisible() for c in cards.values())
    assert _picture(window, area) == shown


def test_a_relu_preview_says_the_dead_fraction_the_engine_computes(window, tmp_path, qtbot):
    model = _train(window, tmp_path, qtbot, "spiral", 60)
    card = _cards(window)["relu2"]
    x = node_stats.preview_samples(model, model.load_data()[0].x_val)
    relu = model.activations(x)["relu2"]
    expected = float(np.mean(relu.max(axis=0) <= 0))
    assert card.data.dead == expected
    assert f"{round(100 * expected)}% of its units output 0" in " ".join(card.toolTip().split())
    counts, _ = np.histogram(relu, bins=node_stats.BINS, range=card.data.value_range)
    np.testing.assert_array_equal(card.data.counts, counts)


def test_a_sigmoid_preview_counts_saturated_outputs(window, tmp_path, qtbot):
    model = _train(window, tmp_path, qtbot, "spiral", 60)
    card = _cards(window)["output"]
    x = node_stats.preview_samples(model, model.load_data()[0].x_val)
    out = model.activations(x)["output"]
    assert card.data.saturated == float(np.mean((out <= 0.025) | (out >= 0.975)))
    assert card.data.value_range == (0.0, 1.0)


def test_a_conv_preview_shows_the_first_feature_maps_of_a_validation_image(window, tmp_path, qtbot):
    model = _train(window, tmp_path, qtbot, "digits_cnn", 5)
    cards = _cards(window)
    conv = next(n for n in model.layers if model.graph.nodes[n].type == "Conv2D")
    maps = model.activations(model.load_data()[0].x_val[:1])[conv][0]
    np.testing.assert_allclose(cards[conv].data.maps, maps[:node_stats.MAP_COUNT], rtol=1e-5, atol=1e-6)
    assert cards[conv].data.kind == "maps" and not cards[conv].pixmap.isNull()
    pool = next((n for n in model.layers if model.graph.nodes[n].type.endswith("Pool2D")), None)
    if pool is not None:
        assert cards[pool].data.input_maps is not None and cards[pool].data.maps is not None


def test_the_loss_card_follows_the_loss_curve(window, tmp_path, qtbot):
    _train(window, tmp_path, qtbot, "spiral", 80)
    card = _cards(window)["loss"]
    assert card.losses is not None and len(card.losses) == 80
    assert card.losses[-1] < card.losses[0]


def test_an_edit_to_the_network_drops_its_stale_previews(window, tmp_path, qtbot):
    _train(window, tmp_path, qtbot, "spiral", 20)
    assert _cards(window)
    window.document.push(SetParam(window.document.graph, "dense1", "units", 8))
    qtbot.waitUntil(lambda: not _cards(window), timeout=5_000)


def test_the_toggles_are_remembered_in_a_new_window(window, qtbot):
    from playground.ui.shell.main_window import MainWindow

    window.canvas_live.previews_action.trigger()
    window.canvas_live.norms_action.trigger()
    again = MainWindow()
    qtbot.addWidget(again)
    assert not again.canvas_live.previews_action.isChecked()
    assert again.canvas_live.norms_action.isChecked()
    QApplication.processEvents()


def test_a_theme_switch_repaints_the_cached_nodes_and_cards(window, tmp_path, qtbot):
    from playground.ui.common import style

    _train(window, tmp_path, qtbot, "spiral", 10)
    node = window.scene.nodes["relu1"]
    card = node.preview

    def colour_inside(item) -> str:
        view = window.view
        window.view.centerOn(item)
        settle()
        height = item.height if item is node else item.size[1]
        spot = view.mapFromScene(item.mapToScene(QPointF(12, height - 3)))  # plain body, no text
        return view.viewport().grab().toImage().pixelColor(spot).name()

    assert colour_inside(node) == style.DARK.node_body and colour_inside(card) == style.DARK.node_body
    window.menus["theme"].action_for("light").trigger()
    settle()
    assert colour_inside(node) == style.LIGHT.node_body and colour_inside(card) == style.LIGHT.node_body
    window.menus["theme"].action_for("dark").trigger()


def test_a_card_off_screen_is_drawn_when_it_comes_into_view(window, tmp_path, qtbot):
    """New numbers for a card the canvas does not show cost no drawing until it is scrolled to."""
    _train(window, tmp_path, qtbot, "spiral", 40)
    live, view = window.canvas_live, window.view
    card = _cards(window)["loss"]
    node = window.scene.nodes["data"]
    view.centerOn(node)  # the first node in view, the loss (the last) far below it
    settle()
    assert not card.on_screen()
    before = card.pixmap.cacheKey()
    live.losses = [*live.losses, 0.001]  # a new lowest loss arrives
    live._show_loss()
    settle()
    assert card.stale and card.pixmap.cacheKey() == before
    assert "now 0.001" in card.toolTip()  # the tooltip already says it
    view.centerOn(card)
    qtbot.waitUntil(lambda: not card.stale, timeout=5_000)  # painted as it came into view
    assert card.pixmap.cacheKey() != before
