"""The inspector's function view: the curves are the node declarations' own forward and backward,
sigmoid's 0.25 peak is marked, the layer's input range is shaded, and a loss shows both targets."""
from __future__ import annotations

import numpy as np
import pytest

from playground.engine import function_curves as fc
from playground.engine.registry import node_type, node_types
from playground.ui.editor.function_view import FunctionView
from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401


def select(window, node_id: str, qtbot) -> FunctionView | None:
    window.scene.select_nodes([node_id])
    settle()
    view = window.inspector.function_view
    if view is not None:
        qtbot.waitUntil(lambda: bool(view.curves), timeout=30_000)
    return view


def test_sigmoid_curves_are_its_declared_kernels_and_the_peak_is_marked(window, tmp_path, qtbot):
    open_copy(window, tmp_path, "spiral")
    view = select(window, "output", qtbot)  # the spiral's Sigmoid
    assert view is not None and view.isVisible()
    t = node_type("Sigmoid")
    x, y = view.curves["f"]
    _, dy = view.curves["df"]
    one = np.float32(1)
    for xi, yi, di in zip(x[::20], y[::20], dy[::20]):
        v = t.forward(np.float32(xi), np.float32(0), one)
        assert yi == pytest.approx(float(v), abs=1e-6)
        assert di == pytest.approx(float(t.backward(np.float32(xi), v, one, np.float32(0), one)), abs=1e-6)
    assert (x[0], x[-1]) == fc.X_RANGE
    assert view.peak == pytest.approx((0.0, 0.25), abs=1e-6)
    assert "max f′ = 0.25 at x = 0" in view.peak_label.textItem.toPlainText()
    assert view.peak_marker.data["x"][0] == pytest.approx(0.0, abs=1e-6)


def test_every_elementwise_activation_plots_its_own_forward_and_backward():
    checked = []
    for t in node_types("Activations"):
        if getattr(t, "forward", None) is None or not hasattr(t.forward, "py_func"):
            continue
        alpha = np.float32(t.defaults().get("alpha", 0.0))
        x, y, dy = fc.activation_curves(t.type_name, {})
        one = np.float32(1)
        for xi, yi, di in zip(x[::25], y[::25], dy[::25]):
            v = t.forward(np.float32(xi), alpha, one)
            assert yi == pytest.approx(float(v), abs=1e-5), t.type_name
            assert di == pytest.approx(float(t.backward(np.float32(xi), v, one, alpha, one)), abs=1e-5), t.type_name
        checked.append(t.type_name)
    assert {"Sigmoid", "Tanh", "ReLU", "LeakyReLU", "ELU", "GELU", "Swish"} <= set(checked)


def test_a_leaky_relus_slope_edit_redraws_its_curve(window, tmp_path, qtbot):
    from playground.ui.editor.edits import SetParam

    open_copy(window, tmp_path, "spiral")
    graph = window.document.graph
    graph.nodes["relu1"].type = "LeakyReLU"
    graph.nodes["relu1"].params = {"alpha": 0.01}
    window.document.push(SetParam(graph, "relu1", "alpha", 0.3))
    view = select(window, "relu1", qtbot)
    x, dy = view.curves["df"]
    assert dy[x < 0] == pytest.approx(0.3) and dy[x > 0] == pytest.approx(1.0)
    window.document.push(SetParam(graph, "relu1", "alpha", 0.1))
    settle()
    view = window.inspector.function_view
    qtbot.waitUntil(lambda: bool(view.curves), timeout=30_000)
    x, dy = view.curves["df"]
    assert dy[x < 0] == pytest.approx(0.1)


def test_the_shaded_range_is_the_layers_inputs_in_the_last_run(window, tmp_path, qtbot):
    open_copy(window, tmp_path, "spiral")
    view = select(window, "relu2", qtbot)
    # No run yet: a forward pass of the validation data (in the background) shades the plot.
    qtbot.waitUntil(lambda: view.shaded is not None, timeout=30_000)
    assert "on the validation data" in view.caption.text()
    controller = window.training
    assert controller.train(max_steps=30)
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    settle()
    model = controller.model
    expected = fc.activation_input_ranges(model, model.load_data()[0].x_val)["relu2"]
    qtbot.waitUntil(lambda: view.shaded == pytest.approx(expected, rel=1e-5), timeout=10_000)
    lo, hi = view.region.getRegion()
    assert (lo, hi) == pytest.approx((max(expected[0], -5), min(expected[1], 5)), rel=1e-5)
    assert view.region.isVisible() and "in the last training snapshot" in view.caption.text()


def test_a_loss_node_shows_the_loss_and_its_gradient_for_both_targets(window, tmp_path, qtbot):
    open_copy(window, tmp_path, "spiral")
    view = select(window, "loss", qtbot)  # BCE
    labels = [label.text for _, label in view.legend.items]
    assert labels == ["target 0", "target 1"]
    p, loss0 = view.curves["loss0"]
    _, loss1 = view.curves["loss1"]
    _, grad0 = view.curves["grad0"]
    _, grad1 = view.curves["grad1"]
    np.testing.assert_allclose(loss0, -np.log(1 - p), rtol=1e-6)
    np.testing.assert_allclose(loss1, -np.log(p), rtol=1e-6)
    np.testing.assert_allclose(grad0, 1 / (1 - p), rtol=1e-6)
    np.testing.assert_allclose(grad1, -1 / p, rtol=1e-6)
    assert view.grad_plot is not None and len(view.grad_plot.listDataItems()) == 2
    assert select(window, "dense1", qtbot) is None  # a Dense layer has no curve to show
    ranges = window.inspector.input_ranges
    assert not ranges.wanted  # no activation's view is open: the run's probe measures nothing
    assert ranges._probe(None, None) is None


def test_mse_and_cce_against_the_prediction():
    mse = fc.loss_curves("MSE", {})
    np.testing.assert_allclose(mse.loss[1], (mse.p - 1) ** 2, rtol=1e-9)
    np.testing.assert_allclose(mse.grad[0], 2 * mse.p, rtol=1e-9)
    cce = fc.loss_curves("CCE", {})  # one output per class: [1 - p, p]
    assert cce.outputs == 2
    np.testing.assert_allclose(cce.loss[0], -np.log(1 - cce.p), rtol=1e-6)
    np.testing.assert_allclose(cce.grad[1], -1 / cce.p, rtol=1e-6)


def test_a_view_replaced_before_its_curves_arrive_is_left_alone(window, qtbot):
    """Selecting node after node faster than the curves are computed: each replaced view's result
    still arrives, and must not be drawn into the deleted widget (this crashed the app)."""
    from playground.ui.editor import function_view

    shown = []
    for t in node_types():
        window.inspector.show_node(window.editor.add_node(t.type_name))
        shown.append(window.inspector.function_view)
    assert len([v for v in shown if v is not None]) > 3
    window.inspector.show_node(window.editor.add_node("ReLU"))
    qtbot.waitUntil(lambda: not function_view._RELAYS, timeout=60_000)
    settle()
    last = window.inspector.function_view
    qtbot.waitUntil(lambda: bool(last.curves), timeout=30_000)
