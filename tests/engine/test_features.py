"""Input features of 2D data (x1, x2, x1², x2², x1x2, sin x1, sin x2): shapes, the model's first
step, the decision grid, the export, and the concept preset they make possible."""
import importlib.util
import json

import numpy as np
import pytest

from playground.engine import Model, Trainer, analyze, load_preset
from playground.engine.export_project import export_project
from playground.engine.features import FEATURES, FeatureMap
from playground.engine.probes import decision_grid
from playground.engine.registry import node_type
from playground.paths import PRESETS_DIR
from tests.graphs import mlp_graph

ALL = {f.name: True for f in FEATURES}


def _graph(source="circle", **features):
    g = mlp_graph(source)
    g.nodes["data"].params.update(features)
    return g


def test_each_feature_is_what_its_name_says():
    x = np.array([[0.5, -2.0], [1.5, 0.25]], dtype=np.float64)
    out = FeatureMap(tuple(ALL))(x)
    a, b = x[:, 0], x[:, 1]
    np.testing.assert_allclose(out, np.stack([a, b, a * a, b * b, a * b, np.sin(a), np.sin(b)], axis=1))
    assert FeatureMap(("x2_sq", "x1")).names == ("x1", "x2_sq")  # always in the declared order


def test_the_input_width_follows_the_features_switched_on():
    assert analyze(_graph()).shapes["data"] == (2,)
    a = analyze(_graph(**ALL))
    assert a.ok and a.shapes["data"] == (7,) and a.param_counts["dense1"] == 7 * 8 + 8 and a.plane
    a = analyze(_graph(x1=False, x2=False, x1_sq=True))
    assert a.shapes["data"] == (1,) and a.data_shape == (2,)
    none = analyze(_graph(x1=False, x2=False))
    assert not none.ok and "at least one input feature" in none.problems_of("data")[0]


def test_features_are_offered_only_for_2d_data():
    t = node_type("Dataset")
    assert "x1_sq" in t.relevant_params({**t.defaults(), "source": "spiral"})
    assert "x1_sq" not in t.relevant_params({**t.defaults(), "source": "digits"})
    assert t.input_features({**t.defaults(), "source": "digits", "x1_sq": True}) is None
    assert analyze(_graph("iris", x1_sq=True)).shapes["data"] == (4,)  # not 2D: left alone


def test_the_model_and_the_decision_grid_go_through_the_same_map():
    model = Model.from_preset(_graph(x1_sq=True, sin_x2=True), seed=2)
    data, y, _ = model.load_data()
    assert data.x_train.shape[1] == 2 and model.input_shape == (4,)  # the data stay 2D points
    x = data.x_val[:20]
    by_hand = model.activations(x)  # layer outputs, the map applied first
    w, b = model.parameters()["dense1.W"], model.parameters()["dense1.b"]
    np.testing.assert_allclose(by_hand["dense1"], model.features(x) @ w + b, rtol=1e-5, atol=1e-6)
    grid, (x0, y0, x1, y1) = decision_grid(model, data.x_train, resolution=5)
    gx, gy = np.meshgrid(np.linspace(x0, x1, 5), np.linspace(y0, y1, 5))
    points = np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float32)
    np.testing.assert_allclose(grid.ravel(), model.forward(points)[:, 0], rtol=1e-5)
    result = Trainer(model, max_steps=30).run()  # the fused fast path sees the features too
    assert result.status == "finished" and np.isfinite(result.train_loss)


def _load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_exported_pytorch_model_applies_the_features_and_the_penalty(tmp_path):
    torch = pytest.importorskip("torch")
    g = _graph(**ALL)
    g.nodes["dense1"].params.update(l1=0.01, l2=0.02)
    model = Model.from_preset(g, seed=4)
    data, _, _ = model.load_data()
    folder = export_project(model, tmp_path / "out")
    exported = _load(folder / "model.py", "features_model")
    assert exported.INPUT_SHAPE == (2,)
    net = exported.build_model(exported.WEIGHTS).eval()
    x = data.x_val[:16]
    with torch.no_grad():
        np.testing.assert_allclose(net.predict(torch.from_numpy(x)).numpy(), model.forward(x), atol=1e-5)
        assert float(net.penalty()) == pytest.approx(model.penalty.value(), rel=1e-5)


CIRCLE = PRESETS_DIR / "concept_features_circle.json"


def test_concept_features_circle_one_layer_solves_the_circle_only_with_the_squares():
    graph = load_preset(CIRCLE)
    layers = [n for n in graph.nodes.values() if node_type(n.type).is_layer and node_type(n.type).params_with_role("weight")]
    assert len(layers) == 1  # no hidden layer
    with_squares = Trainer(Model.from_preset(CIRCLE)).run()
    assert with_squares.val_accuracy >= 0.95
    plain = json.loads(CIRCLE.read_text())
    data = next(n for n in plain["nodes"] if n["type"] == "Dataset")
    data["params"].update(x1=True, x2=True, x1_sq=False, x2_sq=False)
    without = Trainer(Model.from_preset(plain)).run()
    assert without.val_accuracy < 0.7 and without.val_loss > 2 * with_squares.val_loss


def test_a_second_dataset_node_does_not_make_the_first_ones_data_a_plane():
    """The data shape is the Dataset node's the network reads (the first), not the last one added:
    a spiral node dropped beside a digits network made the boundary view draw the digit images."""
    from tests.graphs import cnn_graph

    g = cnn_graph()
    g.add_node("Dataset", {"source": "spiral"}, node_id="zz_spiral")
    a = analyze(g)
    assert a.dataset == "data" and a.data_shape == a.shapes["data"] != (2,) and not a.plane
