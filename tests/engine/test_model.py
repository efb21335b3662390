"""The public Model API: building, forward, gradients of whole graphs, weights files."""
import numpy as np
import pytest

from playground.engine import GraphError, Model, WeightsError, load_dataset, make_optimizer
from tests.engine.gradcheck import numeric_grad
from tests.graphs import cnn_graph, mlp_graph


def whole_model_gradcheck(model, x, y, rtol=1e-5, atol=1e-7):
    _, grads = model.loss_and_grads(x, y, training=False)
    grads = {k: v.copy() for k, v in grads.items()}
    for name, p in model.parameters().items():
        numeric = numeric_grad(lambda: model.loss_and_grads(x, y, training=False)[0], p)
        np.testing.assert_allclose(grads[name], numeric, rtol=rtol, atol=atol, err_msg=name)


def test_api_shapes_names_and_forward():
    model = Model.from_preset(mlp_graph().to_dict(), seed=0)
    assert model.input_shape == (2,) and model.output_shape == (1,)
    assert list(model.parameters()) == ["dense1.W", "dense1.b", "dense2.W", "dense2.b"]
    assert model.parameters()["dense1.W"].dtype == np.float32
    out = model.forward(np.zeros((5, 2), dtype=np.float32))
    assert out.shape == (5, 1) and np.all((out > 0) & (out < 1))


def test_same_seed_same_weights():
    a = Model.from_preset(mlp_graph(), seed=3).parameters()
    b = Model.from_preset(mlp_graph(), seed=3).parameters()
    c = Model.from_preset(mlp_graph(), seed=4).parameters()
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["dense1.W"], c["dense1.W"])


@pytest.mark.parametrize("loss,act,units", [("BCE", "Sigmoid", 1), ("MSE", "Tanh", 1),
                                            ("CCE", "Softmax", 2), ("SparseCCE", "Softmax", 2),
                                            ("MSE", "Sigmoid", 2)])
def test_whole_graph_gradients_float64(loss, act, units):
    model = Model.from_preset(mlp_graph(out_units=units, out_act=act, loss=loss), seed=1, dtype=np.float64)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((6, 2))
    y = model.targets(rng.integers(0, 2, 6))
    whole_model_gradcheck(model, x, y)


def test_cnn_with_residual_and_batchnorm_gradients_float64():
    g = cnn_graph()
    g.add_node("BatchNorm", node_id="bn")
    g.add_node("Conv2D", {"channels": 4, "kernel": 3, "padding": "same"}, node_id="conv_skip")
    g.add_node("Add", node_id="add")
    g.remove_node("conv2")
    g.connect("pool1", "out", "bn", "in")
    g.connect("bn", "out", "conv_skip", "in")
    g.connect("conv_skip", "out", "add", "in")
    g.connect("pool1", "out", "add", "in")
    g.connect("add", "out", "flat", "in")
    model = Model.from_preset(g, seed=0, dtype=np.float64)
    assert model.output_shape == (10,)
    rng = np.random.default_rng(0)
    x = rng.random((3, 1, 8, 8))
    y = model.targets(np.array([1, 4, 7]))
    whole_model_gradcheck(model, x, y, rtol=1e-4, atol=1e-6)


def test_invalid_graph_lists_problems():
    g = mlp_graph()
    g.remove_node("loss")
    with pytest.raises(GraphError, match="no Loss node"):
        Model.from_preset(g)


def test_train_step_reduces_loss():
    model = Model.from_preset(mlp_graph(), seed=0)
    data, y, _ = model.load_data()
    opt = make_optimizer("adam", lr=0.05)
    first = model.train_step(data.x_train, y, opt)
    for _ in range(200):
        last = model.train_step(data.x_train, y, opt)
    assert last < first * 0.5


def test_weights_round_trip_and_mismatch(tmp_path):
    model = Model.from_preset(mlp_graph(), seed=0)
    path = tmp_path / "w.npz"
    model.save_weights(path)
    other = Model.from_preset(mlp_graph(), seed=9)
    other.load_weights(path)
    for k, v in model.parameters().items():
        np.testing.assert_array_equal(other.parameters()[k], v)
    wider = Model.from_preset(mlp_graph(hidden=16), seed=0)
    with pytest.raises(WeightsError, match=r"w.npz: parameter 'dense1.W' has shape 2x8 in the file but 2x16 in the graph"):
        wider.load_weights(path)
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises(WeightsError, match="junk.npz: not an .npz weights file"):
        model.load_weights(junk)


def test_load_dataset_returns_targets_for_the_loss():
    x_train, y_train, x_val, y_val = load_dataset(mlp_graph(source="iris", out_units=3,
                                                            out_act="Softmax", loss="CCE").to_dict())
    assert x_train.shape[1:] == (4,) and y_train.shape[1:] == (3,)
    assert np.all(y_train.sum(axis=1) == 1)
    assert len(x_train) + len(x_val) == 150


def test_float64_model_available_for_checks():
    model = Model.from_preset(cnn_graph(), dtype=np.float64)
    assert all(p.dtype == np.float64 for p in model.parameters().values())
    assert model.forward(np.zeros((2, 1, 8, 8))).dtype == np.float64
