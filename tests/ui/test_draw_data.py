"""Drawing data in the decision-boundary view: clicks, strokes, right-click removal, Clear,
undo/redo, the data sliders, saving and training on exactly the drawn points."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from playground.engine import Model, load_preset
from playground.engine.registry import node_type
from playground.ui.plots.boundary import DecisionBoundaryPanel
from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401


def _panel(window) -> DecisionBoundaryPanel:
    window.set_view_mode("training")
    panel = next(p for p in window.training.panels if isinstance(p, DecisionBoundaryPanel))
    window.training.show_panel(panel)
    settle()
    return panel


def _pos(panel, x: float, y: float) -> QPoint:
    """The viewport pixel of the data point (x, y)."""
    scene = panel.plot.vb.mapViewToScene(QPointF(x, y))
    return panel.graphics.mapFromScene(scene)


def _click(panel, x, y, button=Qt.LeftButton):
    QTest.mouseClick(panel.graphics.viewport(), button, Qt.NoModifier, _pos(panel, x, y))
    settle()


def _move(viewport, pos: QPoint, buttons) -> None:
    """A mouse move with the button held (QTest.mouseMove sends none)."""
    event = QMouseEvent(QEvent.MouseMove, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), Qt.NoButton,
                        buttons, Qt.NoModifier)
    QApplication.sendEvent(viewport, event)


def _drag(panel, path, button=Qt.LeftButton):
    viewport = panel.graphics.viewport()
    points = [_pos(panel, x, y) for x, y in path]
    QTest.mousePress(viewport, button, Qt.NoModifier, points[0])
    for a, b in zip(points, points[1:]):
        for i in range(1, 6):
            _move(viewport, a + (b - a) * i / 5, button)
    QTest.mouseRelease(viewport, button, Qt.NoModifier, points[-1])
    settle()


def _data(window):
    graph = window.document.graph
    return graph.nodes[window.document.analysis.dataset].params


def _drawn(window):
    return node_type("Dataset").drawn_points(_data(window))


def _wait_shown(qtbot, panel, count):
    """The panel shows ``count`` points once the document has re-validated."""
    qtbot.waitUntil(lambda: len(panel.train_scatter.getData()[0]) + len(panel.val_scatter.getData()[0]) == count,
                    timeout=5000)


@pytest.fixture
def circle(window, tmp_path):
    path = open_copy(window, tmp_path, "circle")
    return window, _panel(window), path


def test_a_click_turns_the_toy_into_its_points_plus_one(circle, qtbot):
    window, panel, _ = circle
    assert panel.tools.isVisible() and len(panel.tools.class_buttons) == 2
    before = len(panel.editor.points)
    assert before == 500
    panel.tools.class_buttons[1].click()
    _click(panel, 0.9, 0.9)
    xy, labels, classes = _drawn(window)
    assert _data(window)["source"] == "points" and len(xy) == 501 and classes == 2
    assert np.allclose(xy[-1], [0.9, 0.9], atol=0.02) and labels[-1] == 1
    _wait_shown(qtbot, panel, 501)
    assert window.document.undo_stack.count() == 1  # one step


def test_drag_paints_several_points_in_one_undo_step_and_undo_redo_cover_it(circle, qtbot):
    window, panel, _ = circle
    stack = window.document.undo_stack
    _drag(panel, [(-0.9, 0.9), (-0.3, 0.9), (-0.3, 0.4)])
    xy, labels, _ = _drawn(window)
    painted = len(xy) - 500
    assert painted >= 4 and stack.count() == 1
    assert (labels[-painted:] == 0).all()
    assert (xy[-painted:, 1] >= 0.35).all() and (xy[-painted:, 0] <= -0.25).all()
    stack.undo()
    settle()
    assert _data(window)["source"] == "circle"
    _wait_shown(qtbot, panel, 500)
    stack.redo()
    assert len(_drawn(window)[0]) == 500 + painted
    _wait_shown(qtbot, panel, 500 + painted)


def test_right_click_removes_the_nearest_point_and_ctrl_z_brings_it_back(circle, qtbot):
    window, panel, _ = circle
    _click(panel, 0.95, -0.95)  # a lone point in a corner
    _click(panel, 0.95, -0.95, Qt.RightButton)
    assert len(_drawn(window)[0]) == 500
    assert not any(np.allclose(p, [0.95, -0.95], atol=0.02) for p in _drawn(window)[0])
    window.view.setFocus()
    QTest.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    settle()
    assert len(_drawn(window)[0]) == 501
    _wait_shown(qtbot, panel, 501)


def test_right_drag_erases_and_clear_removes_everything_undoably(circle, qtbot):
    window, panel, _ = circle
    _click(panel, 0.0, 0.0)
    _wait_shown(qtbot, panel, 501)
    _drag(panel, [(-0.2, 0.0), (0.2, 0.0)], Qt.RightButton)
    erased = 501 - len(_drawn(window)[0])
    assert erased >= 3 and window.document.undo_stack.count() == 2
    panel.tools.clear_button.click()
    settle()
    assert len(_drawn(window)[0]) == 0
    _wait_shown(qtbot, panel, 0)
    assert "draw at least 2 points" in panel.tools.status.text()
    _click(panel, -0.5, 0.5)  # drawing goes on from nothing
    panel.tools.class_buttons[1].click()
    _click(panel, 0.5, -0.5)
    xy, labels, _ = _drawn(window)
    assert len(xy) == 2 and list(labels) == [0, 1]
    assert window.document.analysis.ok
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert len(_drawn(window)[0]) == 501 - erased


def test_sliders_edit_the_dataset_node_through_the_undo_stack(circle, qtbot):
    window, panel, _ = circle
    noise = panel.tools.sliders["noise"]
    noise.setValue(noise.value() + 10)
    noise.setValue(noise.value() + 10)
    assert _data(window)["noise"] == pytest.approx(0.2)
    assert window.document.undo_stack.count() == 1  # a slider drag is one step
    val = panel.tools.sliders["val_fraction"]
    val.setValue(val.maximum())
    assert _data(window)["val_fraction"] == pytest.approx(0.9)
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    settle()
    assert _data(window)["noise"] == 0.0
    qtbot.waitUntil(lambda: noise.value() == 0 and panel.tools.values["noise"].text() == "0 %", timeout=5000)
    _click(panel, 0.9, 0.9)  # drawn points read no noise or sample count
    settle()
    qtbot.waitUntil(lambda: not panel.tools.sliders["noise"].isVisibleTo(panel.tools), timeout=5000)
    assert not panel.tools.sliders["samples"].isVisibleTo(panel.tools)
    assert panel.tools.sliders["val_fraction"].isVisibleTo(panel.tools)


def test_drawn_points_are_saved_reloaded_and_exactly_what_training_uses(circle, qtbot, tmp_path):
    window, panel, path = circle
    panel.tools.clear_button.click()
    spots = [(-0.6, -0.6, 0), (-0.5, -0.7, 0), (-0.7, -0.4, 0), (0.6, 0.6, 1), (0.5, 0.7, 1), (0.7, 0.4, 1)]
    for x, y, c in spots:
        panel.tools.class_buttons[c].click()
        _click(panel, x, y)
    _drag(panel, [(0.3, -0.8), (0.8, -0.8)])
    xy, labels, _ = _drawn(window)
    window.document.save(path)
    reloaded = load_preset(path)
    again = node_type("Dataset").drawn_points(reloaded.nodes["data"].params)
    np.testing.assert_array_equal(again[0], xy)
    np.testing.assert_array_equal(again[1], labels)
    assert window.open_file(path)
    settle()
    panel = _panel(window)
    _wait_shown(qtbot, panel, len(xy))
    assert window.training.train(max_steps=5)
    qtbot.waitUntil(lambda: not window.training.running, timeout=60000)
    data, _, _ = window.training.model.load_data()
    seen = np.vstack([data.x_train, data.x_val])
    assert sorted(map(tuple, seen)) == sorted(map(tuple, xy))
    assert sorted(np.concatenate([data.y_train, data.y_val])) == sorted(labels)
    model = Model.from_preset(path)
    assert model.load_data()[0].x_train.shape[1] == 2


def test_number_keys_pick_the_class(circle):
    window, panel, _ = circle
    panel.graphics.setFocus()
    QTest.keyClick(panel.graphics, Qt.Key_2)
    assert panel.editor.current_class == 1 and panel.tools.class_buttons[1].isChecked()
    QTest.keyClick(panel.graphics, Qt.Key_1)
    assert panel.editor.current_class == 0


def test_a_preset_with_5000_points_and_points_outside_the_plot_opens_and_draws(window, qtbot, tmp_path):
    from playground.engine.preset import save_preset
    from tests.graphs import mlp_graph
    rng = np.random.default_rng(1)
    xy = rng.uniform(-1, 1, (5000, 2)).round(4)
    xy[:2] = [[40.0, -35.0], [-1000.0, 2.0]]
    g = mlp_graph()
    g.nodes["data"].params.update(node_type("Dataset").with_drawn_points(xy, (xy[:, 0] > 0).astype(int), 2))
    path = tmp_path / "many.json"
    save_preset(g, path)
    assert window.open_file(path)
    settle()
    panel = _panel(window)
    _wait_shown(qtbot, panel, 5000)
    (x0, x1), _ = panel.plot.vb.viewRange()
    assert x0 < -1000 and x1 > 40  # every point in view
    _click(panel, 10.0, 0.0)
    assert len(_drawn(window)[0]) == 5001
    window.document.save(path)
    assert len(node_type("Dataset").drawn_points(load_preset(path).nodes["data"].params)[0]) == 5001


def test_the_loss_panel_draws_the_regularisation_term_of_a_regularised_network(window, qtbot, tmp_path):
    from playground.ui.editor.edits import SetParam
    from playground.ui.plots.curves import LossPanel
    open_copy(window, tmp_path, "spiral")
    loss = next(p for p in window.training.panels if isinstance(p, LossPanel))
    assert window.training.train(max_steps=10)
    qtbot.waitUntil(lambda: not window.training.running, timeout=60000)
    settle()
    assert len(loss.reg) == 0 and "regularisation" not in [item[1].text for item in loss.legend.items]
    dense = [n.id for n in window.document.graph.nodes.values() if n.type == "Dense"]
    for node_id in dense:
        window.document.push(SetParam(window.document.graph, node_id, "l2", 0.01))
    settle()
    assert window.training.train(max_steps=40)
    qtbot.waitUntil(lambda: not window.training.running, timeout=60000)
    qtbot.waitUntil(lambda: len(loss.reg) > 0, timeout=5000)
    assert "regularisation" in [item[1].text for item in loss.legend.items]
    model = window.training.model
    assert loss.reg.y[-1] == pytest.approx(model.penalty.value(), rel=0.05)  # the last steps' penalty
    header, rows = loss.data_table()
    assert header[-1] == "regularisation"


def test_a_stroke_in_progress_draws_only_its_own_points_and_commits_on_release(circle):
    window, panel, _ = circle
    viewport = panel.graphics.viewport()
    shown = panel.train_scatter.getData()[0].copy()
    a, b = _pos(panel, -0.9, -0.9), _pos(panel, 0.9, -0.9)
    QTest.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, a)
    for i in range(1, 21):
        _move(viewport, a + (b - a) * i / 20, Qt.LeftButton)
        QTest.qWait(12)  # a hand's pace: pyqtgraph drops moves closer than 10 ms
    settle()
    painted = len(panel.stroke_scatter.getData()[0])
    xs = panel.stroke_scatter.getData()[0]
    assert painted >= 10 and window.document.undo_stack.count() == 0
    assert xs.min() < -0.8 and xs.max() > 0.8 and np.diff(np.sort(xs)).max() < 0.2  # evenly along the path
    np.testing.assert_array_equal(panel.train_scatter.getData()[0], shown)  # the 500 points are left alone
    QTest.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, b)
    settle()
    assert window.document.undo_stack.count() == 1 and len(_drawn(window)[0]) == 500 + painted
    assert len(panel.stroke_scatter.getData()[0]) == 0


def test_input_feature_toggles_beside_the_plot_change_the_input_width_undoably(circle, qtbot):
    window, panel, _ = circle
    assert panel.tools.inputs_title.isVisible()
    buttons = panel.tools.feature_buttons
    assert buttons["x1"].isChecked() and not buttons["x1_sq"].isChecked()
    buttons["x1_sq"].click()
    buttons["x2_sq"].click()
    assert _data(window)["x1_sq"] and _data(window)["x2_sq"]
    assert window.document.analysis.shapes["data"] == (4,) and window.document.undo_stack.count() == 2
    window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: not buttons["x2_sq"].isChecked(), timeout=5000)
    assert window.document.analysis.shapes["data"] == (3,)
    window.document.graph.set_param("data", "source", "digits")  # not 2D: no plane, no toggles
    qtbot.waitUntil(lambda: not panel.tools.isVisible(), timeout=5000)


def test_plus_adds_a_class_to_draw_and_the_graph_says_the_output_no_longer_fits(circle, qtbot):
    window, panel, _ = circle
    panel.tools.add_class_button.click()
    settle()
    assert _drawn(window)[2] == 3 and panel.editor.current_class == 2
    qtbot.waitUntil(lambda: len(panel.tools.class_buttons) == 3 and panel.tools.class_buttons[2].isChecked(),
                    timeout=5000)
    _click(panel, 0.9, 0.9)
    assert _drawn(window)[1][-1] == 2
    assert not window.document.analysis.ok  # one sigmoid output cannot score three classes
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert _data(window)["source"] == "circle"
