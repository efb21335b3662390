"""The concept presets do what their descriptions say.

Every claim in a concept preset's description is checked here, on the preset's own settings (all
runs are seeded and short: the whole file takes a few seconds). Comparison presets build their runs
from the preset's ``compare`` object exactly as the compare view does.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from playground.engine import Model, Trainer, analyze, load_preset
from playground.engine.compare import Comparison, make_specs
from playground.engine.probes import gradient_norms
from playground.engine.surfaces import describe, race, surface
from playground.paths import PRESETS_DIR

PRESETS = PRESETS_DIR
REFERENCE = ("circle", "digits_cnn", "iris", "mnist_lenet", "spiral", "xor")
CONCEPTS = sorted(p.stem for p in PRESETS.glob("concept_*.json"))


def path(name: str) -> Path:
    return PRESETS / f"{name}.json"


def train(name: str, **kwargs):
    """(trained model, result, (data, y_train, y_val)) of the preset's own settings."""
    model = Model.from_preset(path(name))
    data = model.load_data()
    result = Trainer(model, data=data, **kwargs).run()
    return model, result, data


def compare(name: str, **kwargs) -> dict[str, dict]:
    """Label -> result of the preset's comparison, specs built from its ``compare`` object."""
    settings = load_preset(path(name)).meta["compare"]
    sweep = settings.get("sweep")
    specs = make_specs(settings["optimizers"],
                       sweep=(sweep["name"], sweep["values"]) if sweep else None)
    return {r["label"]: r for r in Comparison(path(name), specs, **kwargs).run()}


def dead_units(model: Model, x: np.ndarray, layer: str) -> np.ndarray:
    """Units of ``layer`` whose input is at most zero for every sample of ``x``."""
    return (model.activations(x)[layer] <= 0).all(axis=0)


# -- every concept preset ---------------------------------------------------------------------------

def test_at_least_ten_concept_presets():
    assert len(CONCEPTS) >= 10


@pytest.mark.parametrize("name", CONCEPTS)
def test_concept_preset_is_complete_and_valid(name):
    data = json.loads(path(name).read_text(encoding="utf-8"))
    graph = load_preset(path(name))
    assert graph.meta["name"] == name
    assert graph.meta["title"].strip()
    assert graph.meta["view"] in ("editor", "training", "compare")
    sentences = re.findall(r"[.!?](?:\s|$)", graph.meta["description"])
    assert 2 <= len(sentences) <= 4, graph.meta["description"]
    assert analyze(graph).ok, analyze(graph).problems
    if graph.meta["view"] == "compare":
        assert "compare" in graph.meta
    # readable layout: no two nodes on top of each other, rows of at most six
    positions = [tuple(n["position"]) for n in data["nodes"]]
    assert len(set(positions)) == len(positions)
    rows: dict[float, int] = {}
    for _, y in positions:
        rows[y] = rows.get(y, 0) + 1
    assert max(rows.values()) <= 6
    # the compare object survives a save
    assert graph.to_dict().get("compare") == data.get("compare")


# -- activations ------------------------------------------------------------------------------------

def test_xor_needs_a_nonlinear_activation():
    _, linear, _ = train("concept_xor_no_activation")
    _, tanh, _ = train("xor")
    assert linear.val_accuracy < 0.75
    assert tanh.val_accuracy > 0.95


def test_deep_sigmoid_gradients_vanish_where_relu_ones_do_not():
    norms = {}
    for name in ("concept_deep_sigmoid", "concept_deep_relu"):
        model = Model.from_preset(path(name))
        data, y, _ = model.load_data()
        opt = model.make_optimizer()
        for i in range(5):
            model.train_step(data.x_train[i * 16:(i + 1) * 16], y[i * 16:(i + 1) * 16], opt)
        norms[name] = gradient_norms(model)
    sigmoid, relu = norms["concept_deep_sigmoid"], norms["concept_deep_relu"]
    assert sigmoid["dense1"] < 1e-3 * sigmoid["dense9"]
    assert sigmoid["dense1"] < 1e-3 * relu["dense1"]
    assert all(v > 0.1 * relu["dense9"] for v in relu.values()), relu


def test_deep_sigmoid_barely_learns_and_deep_relu_does():
    assert train("concept_deep_sigmoid")[1].val_accuracy < 0.6
    assert train("concept_deep_relu")[1].val_accuracy > 0.95


def test_dying_relu_units_stay_dead_and_leaky_ones_revive():
    relu = Model.from_preset(path("concept_dying_relu"))
    leaky = Model.from_preset(path("concept_leaky_relu"))
    for name, value in relu.parameters().items():  # the same start
        np.testing.assert_array_equal(value, leaky.parameters()[name])
    data, y_train, y_val = relu.load_data()
    x = data.x_train
    dead0 = dead_units(relu, x, "dense1")
    assert 0.75 <= dead0.mean() <= 0.85
    np.testing.assert_array_equal(dead_units(leaky, x, "dense1"), dead0)

    relu_result = Trainer(relu, data=(data, y_train, y_val)).run()
    leaky_result = Trainer(leaky, data=(data, y_train, y_val)).run()
    relu_dead, leaky_dead = dead_units(relu, x, "dense1"), dead_units(leaky, x, "dense1")
    assert relu_dead[dead0].all()  # no dead ReLU unit comes back
    assert relu_dead.sum() > dead0.sum()  # and more die
    assert relu_result.val_accuracy < 0.85
    assert leaky_dead.mean() < 0.65
    assert leaky_result.val_accuracy > 0.95


# -- depth and shortcuts ----------------------------------------------------------------------------

def test_residual_connections_train_the_deep_net_faster():
    plain = Model.from_preset(path("concept_deep_plain"))
    residual = Model.from_preset(path("concept_deep_residual"))
    assert plain.parameters().keys() == residual.parameters().keys()
    for name, value in plain.parameters().items():
        np.testing.assert_array_equal(value, residual.parameters()[name])
    assert plain.settings == residual.settings
    plain_result, residual_result = Trainer(plain).run(), Trainer(residual).run()
    assert plain_result.steps == residual_result.steps == 500
    assert plain_result.val_loss > 0.2
    assert residual_result.val_loss < 0.05


# -- optimisation -----------------------------------------------------------------------------------

def test_learning_rate_too_low_too_high_and_about_right():
    runs = compare("concept_learning_rate")
    low, good, high = runs["sgd lr=0.001"], runs["sgd lr=0.5"], runs["sgd lr=50"]
    assert low["final_train_loss"] > 0.98 * low["initial_loss"]
    assert high["status"] == "diverged" or high["final_train_loss"] > high["initial_loss"]
    assert good["final_val_accuracy"] > 0.95


def test_batch_size_updates_per_epoch_loss_and_throughput():
    runs = compare("concept_batch_size")
    one, mini, full = runs["sgd batch=1"], runs["sgd batch=32"], runs["sgd batch=full"]
    assert (one["steps"], mini["steps"], full["steps"]) == (20 * 400, 20 * 13, 20)
    assert one["final_train_loss"] < mini["final_train_loss"] < full["final_train_loss"]
    assert full["final_train_loss"] > 0.95 * full["initial_loss"]
    assert full["samples_per_second"] > 10 * one["samples_per_second"]


def test_momentum_in_the_ravine():
    settings = load_preset(path("concept_momentum_ravine")).meta["compare"]["race"]
    surf = surface(settings["surface"])
    keys = settings["optimizers"]
    assert keys == ["sgd", "momentum"]
    assert surf.hparams("sgd")["lr"] == surf.hparams("momentum")["lr"] == 0.9
    paths = race(surf, {key: (key, {}) for key in keys}, steps=200)
    sgd, momentum = describe(surf, paths["sgd"]), describe(surf, paths["momentum"])
    assert momentum["distance"] < 0.001
    assert sgd["distance"] > 0.05
    y = paths["sgd"][1:11, 1]
    assert (np.sign(y[1:]) != np.sign(y[:-1])).all()  # zigzags across the valley
    runs = compare("concept_momentum_ravine")  # the network in the Compare tab
    assert runs["sgd"]["hparams"]["lr"] == runs["momentum"]["hparams"]["lr"] == 0.01
    assert runs["momentum"]["final_train_loss"] < runs["sgd"]["final_train_loss"]


def test_every_optimizer_on_the_spiral():
    runs = compare("concept_optimizers_spiral")
    assert set(runs) == {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"}
    assert runs["adam"]["hparams"]["lr"] == 0.01
    for key in ("adam", "rmsprop"):
        assert runs[key]["final_val_accuracy"] > 0.95, key
    for key in ("sgd", "momentum", "nesterov", "adagrad"):
        assert runs[key]["final_val_accuracy"] < 0.75, key


# -- layers and losses ------------------------------------------------------------------------------

def test_two_3x3_convolutions_vs_one_5x5():
    graph = load_preset(path("concept_conv_3x3_vs_5x5"))
    a = analyze(graph)
    assert a.shapes["relu_in"] == (8, 8, 8)
    assert a.shapes["conv3b"] == a.shapes["conv5"] == (8, 4, 4)
    # stride 1, no padding: each output sees (8 - 4 + 1) = 5 input pixels across, either way
    for node in ("conv3a", "conv3b", "conv5"):
        assert graph.nodes[node].params["stride"] == 1 and graph.nodes[node].params["padding"] == "valid"
    k3, k5 = graph.nodes["conv3a"].params["kernel"], graph.nodes["conv5"].params["kernel"]
    assert (k3 - 1) + (graph.nodes["conv3b"].params["kernel"] - 1) + 1 == k5 == 5
    pair = a.param_counts["conv3a"] + a.param_counts["conv3b"]
    assert (pair, a.param_counts["conv5"]) == (1168, 1608)
    assert train("concept_conv_3x3_vs_5x5")[1].val_accuracy > 0.95


def test_sparse_cce_gives_the_same_loss_as_one_hot_cce():
    losses = {}
    for name in ("iris", "concept_sparse_cce"):
        events = []
        model = Model.from_preset(path(name))
        data, y_train, y_val = model.load_data()
        initial = model.evaluate(data.x_train, y_train)[0]
        Trainer(model, data=(data, y_train, y_val), epochs=10, report_every=1,
                on_event=lambda e: events.append(e.train_loss)).run()
        losses[name] = [initial, *events]
    assert len(losses["iris"]) > 10
    np.testing.assert_allclose(losses["concept_sparse_cce"], losses["iris"], rtol=1e-6)


def _neighbour_correlation(weights: np.ndarray) -> float:
    """Mean correlation of horizontally and vertically adjacent weights within each filter."""
    values = []
    for f in weights[:, 0].astype(np.float64):
        f = f - f.mean()
        a = np.concatenate([f[:, :-1].ravel(), f[:-1, :].ravel()])
        b = np.concatenate([f[:, 1:].ravel(), f[1:, :].ravel()])
        values.append(np.corrcoef(a, b)[0, 1])
    return float(np.mean(values))


def test_mnist_filters_grow_smooth_and_classify():
    model = Model.from_preset(path("concept_mnist_filters"))
    before = _neighbour_correlation(model.parameters()["conv1.W"])
    result = Trainer(model).run()
    after = _neighbour_correlation(model.parameters()["conv1.W"])
    assert abs(before) < 0.1
    assert after > before + 0.1
    assert result.epochs == 2 and result.val_accuracy > 0.95


def test_regression_reaches_a_low_mse():
    model = Model.from_preset(path("concept_regression_mse"))
    data, y_train, y_val = model.load_data()
    assert model.num_classes is None
    initial = model.evaluate(data.x_val, y_val)[0]
    result = Trainer(model, data=(data, y_train, y_val)).run()
    assert initial > 0.3
    assert result.epochs == 60 and result.val_loss < 0.01
