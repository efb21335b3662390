"""The neuron view as a learner meets it: every unit's picture is what the engine computes, hovering
says a unit's or a weight's values, clicking enlarges a unit, and LeNet is told why it gets none."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from playground.engine import Model
from playground.engine.probes import decision_grid, plane_grid
from playground.engine.unit_maps import MARGIN, MAX_UNITS, RESOLUTION, NotApplicable, plan, unit_maps
from playground.ui.common.style import boundary_map
from playground.ui.plots.neurons import MIN_CELL_PX, NeuronPanel, levels_for
from playground.ui.training.worker import TrainingSnapshot
from tests.ui.fixtures import PRESETS, dialog_answers, lenet, open_copy, settings_dir, settle, window  # noqa: F401


def neuron_panel(window) -> NeuronPanel:
    return next(p for p in window.training.panels if isinstance(p, NeuronPanel))


@pytest.fixture
def trained_spiral(window, tmp_path, qtbot):
    """The spiral trained for a few steps with the neuron view in front, on a large screen (every
    unit the worker sends fits)."""
    window.resize(1920, 1080)
    open_copy(window, tmp_path, "spiral")
    window.set_view_mode("training")
    controller = window.training
    assert controller.train(max_steps=40)
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    panel = neuron_panel(window)
    controller.show_panel(panel)
    qtbot.waitUntil(lambda: panel.maps is not None and bool(panel._structure), timeout=5_000)
    settle()
    return window, panel


def viewport_point(panel: NeuronPanel, view_point: QPointF):
    return panel.graphics.mapFromScene(panel.plot.vb.mapViewToScene(view_point))


def move_to(panel: NeuronPanel, view_point: QPointF) -> None:
    QTest.qWait(20)  # pyqtgraph drops moves that come within 10 ms of the last (mouseRateLimit)
    pos = QPointF(viewport_point(panel, view_point))
    event = QMouseEvent(QEvent.MouseMove, pos, panel.graphics.viewport().mapToGlobal(pos),
                        Qt.NoButton, Qt.NoButton, Qt.NoModifier)
    QApplication.sendEvent(panel.graphics.viewport(), event)
    settle()


def test_each_units_picture_is_its_activation_from_the_engine_on_the_same_grid(trained_spiral):
    window, panel = trained_spiral
    model = window.training.model  # the run's model: its weights are the last snapshot's
    data = model.load_data()[0]
    grid, extent = plane_grid(data.x_train, RESOLUTION, MARGIN, model.dtype)
    acts = model.activations(grid)  # the engine's own forward pass, all at once
    assert panel.maps.extent == extent
    columns = plan(model.graph, model.analysis)
    assert [c.nodes for c in panel.maps.columns] == columns
    lut = boundary_map().getLookupTable(0.0, 1.0, 256, alpha=True)
    last = len(columns) - 1
    for c, nodes in enumerate(columns):
        expected = acts[nodes[-1]]
        shown = min(expected.shape[1], MAX_UNITS)
        assert len(panel._frames[c]) == shown
        for u in range(shown):
            values = expected[:, u].reshape(RESOLUTION, RESOLUTION)
            np.testing.assert_allclose(panel.maps.columns[c].maps[u], values, rtol=1e-5, atol=1e-6)
            # what is on screen: those values in the boundary's colours, on the unit's own range
            lo, hi = levels_for(values, c == last)
            index = np.clip(np.round((values - lo) / (hi - lo) * 255), 0, 255).astype(int)
            drawn = panel.unit_pixels(c, u)
            assert np.abs(drawn.astype(int) - lut[index]).max() <= 2
    # ... and in its place: the middle of each unit's square on screen has its middle value's colour
    shot = panel.graphics.grab().toImage()
    ratio = shot.devicePixelRatio()
    for c, u in ((1, 0), (1, 5), (2, 9), (3, 15)):
        values = panel.maps.columns[c].maps[u]
        lo, hi = levels_for(values, False)
        centre = panel.unit_rect(c, u).center()
        probe = QPointF(centre.x() + 0.25 * panel.unit_rect(c, u).width(), centre.y())  # clear of the frame
        r = RESOLUTION // 2
        expected = lut[int(np.clip(round((values[r, int(RESOLUTION * 0.75)] - lo) / (hi - lo) * 255), 0, 255))]
        point = viewport_point(panel, probe)
        colour = shot.pixelColor(int(point.x() * ratio), int(point.y() * ratio))
        assert abs(colour.red() - int(expected[0])) + abs(colour.green() - int(expected[1])) \
            + abs(colour.blue() - int(expected[2])) < 60, (c, u)
    # The output unit is the decision boundary at this resolution, on its 0..1 scale.
    boundary, _ = decision_grid(model, data.x_train, RESOLUTION)
    np.testing.assert_allclose(panel.maps.columns[-1].maps[0], boundary, atol=1e-6)
    assert levels_for(boundary, True) == (0.0, 1.0)
    index = np.clip(np.round(boundary * 255), 0, 255).astype(int)
    assert np.abs(panel.unit_pixels(last, 0).astype(int) - lut[index]).max() <= 2
    # 24 units per hidden layer: 16 are drawn, the rest are counted.
    assert [m.textItem.toPlainText() for m in panel._mores] == ["", "+8 more", "+8 more", "+8 more", ""]
    # The lines are the weights between the drawn units.
    w = model.parameters()["dense2.W"]
    np.testing.assert_array_equal(panel.maps.columns[2].weights, w[:MAX_UNITS, :MAX_UNITS])


def test_a_short_panel_draws_fewer_readable_units_and_counts_the_rest(qtbot):
    """At 1366x768 the view is ~330 px tall: fewer units, each at least MIN_CELL_PX (16 were 14 px),
    the rest counted; taller again, all 16 the worker sends."""
    model = Model.from_preset(PRESETS / "spiral.json")
    maps = unit_maps(model, model.load_data()[0].x_train)
    panel = NeuronPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 330)
    panel.show()
    qtbot.waitExposed(panel)
    panel.update_snapshot(TrainingSnapshot(1, 0, 1, 0.0, "finished", np.array([1]), np.array([0.5]),
                                           np.array([np.nan]), extras={"NeuronPanel": maps}))
    panel._flush()
    shown = panel._structure[1][2]
    assert 1 < shown < 16
    assert all(panel.unit_rect(c, 0).width() >= MIN_CELL_PX for c in range(len(panel._structure)))
    assert len(panel._frames[1]) == shown and panel._mores[1].textItem.toPlainText() == f"+{24 - shown} more"
    assert panel._images[1].image.shape[0] == shown * RESOLUTION + (shown - 1) * round(panel._gap * RESOLUTION)
    assert len(panel._edge_ids) == 2 * shown + shown * shown * 2 + shown  # lines between drawn units
    panel.resize(700, 900)  # room again: every unit is back, drawn at once
    qtbot.waitUntil(lambda: panel._structure[1][2] == 16, timeout=5_000)
    assert panel._images[1].image.shape[0] == 16 * RESOLUTION + 15 * round(panel._gap * RESOLUTION)


def test_hovering_a_unit_and_a_weight_says_their_values(trained_spiral):
    window, panel = trained_spiral
    model = window.training.model
    move_to(panel, panel.unit_rect(2, 4).center())
    text = panel.hover_text
    bias = float(model.parameters()["dense2.b"][4])
    values = model.activations(plane_grid(model.load_data()[0].x_train, RESOLUTION, MARGIN,
                                          model.dtype)[0])["relu2"][:, 4]
    assert "dense2 · unit 5 · ReLU" in text
    assert f"bias: {bias:.4g}" in text
    lo, hi = (round(float(v), 4) + 0.0 for v in (values.min(), values.max()))  # no "-0" or 3e-39
    assert f"{lo:.3g} to {hi:.3g}" in text
    assert panel._hovered_frame is panel._frames[2][4]
    assert QToolTip.text() == text
    # The pointer rests: Qt asks the view for a tooltip; the scene's items have none, but the
    # unit's values stay up.
    pos = viewport_point(panel, panel.unit_rect(2, 4).center())
    QApplication.sendEvent(panel.graphics.viewport(),
                           QHelpEvent(QEvent.ToolTip, pos, panel.graphics.viewport().mapToGlobal(pos)))
    QTest.qWait(600)  # a hidden tooltip goes after a short delay
    assert QToolTip.isVisible() and QToolTip.text() == text

    # The middle of the line from dense1's unit 3 to dense2's unit 7: the tooltip names the
    # line under the pointer (where the pointer really is, in whole pixels) and its weight.
    index = panel._edge_ids.index((2, 2, 6))
    middle = panel._edges[index][len(panel._edges[index]) // 2]
    move_to(panel, QPointF(*middle))
    pointer = panel.plot.vb.mapSceneToView(panel.graphics.mapToScene(viewport_point(panel, QPointF(*middle))))
    picked = panel.edge_at(pointer)
    assert picked is not None
    gap = np.hypot(*(panel._edges[picked] - [pointer.x(), pointer.y()]).T).min()
    assert gap <= 4 * panel.plot.vb.viewPixelSize()[0]
    c, i, j = panel._edge_ids[picked]
    w = float(model.parameters()[f"dense{c}.W"][i, j])
    assert f"weight {w:.4g}" in panel.hover_text
    assert f"from dense{c - 1} · unit {i + 1}" in panel.hover_text
    assert f"to dense{c} · unit {j + 1}" in panel.hover_text

    move_to(panel, QPointF(2, 2))  # a corner: nothing there
    assert panel.hover_text == ""


def test_clicking_a_unit_enlarges_it_and_esc_goes_back(trained_spiral, qtbot):
    window, panel = trained_spiral
    QTest.mouseClick(panel.graphics.viewport(), Qt.LeftButton, Qt.NoModifier,
                     viewport_point(panel, panel.unit_rect(1, 3).center()))
    settle()
    assert panel.zoomed == (1, 3)
    assert panel.zoom.isVisible() and not panel.graphics.isVisible()
    assert "dense1 · unit 4" in panel.zoom_title.text()
    np.testing.assert_array_equal(panel.zoom_image.image, panel.maps.columns[1].maps[3])
    assert panel.zoom_graphics.width() > 2 * panel.unit_rect(1, 3).width()
    assert len(panel.zoom_points.data) == len(window.training.model.load_data()[0].x_train)
    QTest.keyClick(panel.back, Qt.Key_Escape)
    settle()
    assert panel.zoomed is None and panel.graphics.isVisible() and not panel.zoom.isVisible()
    QTest.mouseClick(panel.graphics.viewport(), Qt.LeftButton, Qt.NoModifier,
                     viewport_point(panel, panel.unit_rect(4, 0).center()))
    assert panel.zoomed == (4, 0) and "dense4 · unit 1 · Sigmoid" in panel.zoom_title.text()
    QTest.mouseClick(panel.back, Qt.LeftButton)
    assert panel.zoomed is None and panel.graphics.isVisible()


def test_the_view_says_why_it_does_not_apply_to_lenet(lenet, qtbot):
    panel = neuron_panel(lenet)
    lenet.training.show_panel(panel)
    settle()
    assert "two input features" in panel.placeholder_text and "1x28x28" in panel.placeholder_text
    assert panel.placeholder.isVisible()
    model = Model.from_preset(PRESETS / "mnist_lenet.json")
    assert NeuronPanel.probe(model, None) is None  # the worker's probe does nothing there


def test_a_branching_network_is_told_why():
    from playground.engine.preset import load_preset
    from playground.engine.validate import analyze

    graph = load_preset(PRESETS / "spiral.json")
    for edge in [e for e in graph.edges if e.dst == "dense3"]:
        graph.disconnect(edge)
    graph.add_node("Add", node_id="skip")
    graph.connect("relu2", "out", "skip", "in")
    graph.connect("relu1", "out", "skip", "in")
    graph.connect("skip", "out", "dense3", "in")
    analysis = analyze(graph)
    assert analysis.ok, analysis.problems
    with pytest.raises(NotApplicable, match="skip"):
        plan(graph, analysis)


def test_the_input_column_is_the_plane_itself():
    model = Model.from_preset(PRESETS / "spiral.json")
    maps = unit_maps(model, model.load_data()[0].x_train)
    assert [len(c.maps) for c in maps.columns] == [2, 16, 16, 16, 1]
    x0, y0, x1, y1 = maps.extent
    np.testing.assert_allclose(maps.columns[0].maps[0][0], np.linspace(x0, x1, RESOLUTION), atol=1e-6)
    np.testing.assert_allclose(maps.columns[0].maps[1][:, 0], np.linspace(y0, y1, RESOLUTION), atol=1e-6)


def test_epoch_ends_do_not_bring_the_snapshots_off_their_clock(monkeypatch):
    """The spiral ends an epoch every 30 steps, hundreds a second: the epoch ends keep the snapshot
    clock (here frozen) and their validation points ride with the next snapshot, none lost; the
    decision grid and the unit pictures come on the heavy clock and with the run's last snapshot."""
    from types import SimpleNamespace

    from playground.ui.training import worker as worker_module

    monkeypatch.setattr(worker_module, "time", SimpleNamespace(monotonic=lambda: 1000.0))
    model = Model.from_preset(PRESETS / "spiral.json")
    worker = worker_module.TrainingWorker(model, max_steps=150, probes={"NeuronPanel": NeuronPanel.probe})
    snaps = []
    worker.snapshot.connect(snaps.append)
    worker.run()
    assert len(snaps) == 2  # the first step and the last: no snapshot of its own per epoch end
    val_steps = [p[0] for s in snaps for p in s.val_points]
    assert val_steps == list(range(30, 151, 30))  # every epoch end's validation point, in order
    heavy = [s for s in snaps if s.boundary is not None]
    assert len(heavy) == 2 and heavy[-1] is snaps[-1]  # the first snapshot and the last
    assert [s for s in snaps if s.extras.get("NeuronPanel") is not None] == heavy
