"""The canvas previews' statistics and the wire norms, against plain numpy on the same data."""
from __future__ import annotations

import numpy as np

from playground.engine import Model, Trainer
from playground.engine import node_stats
from playground.engine.registry import node_types
from tests.graphs import chain_preset, cnn_graph


def _trained(preset, steps=30, dtype=np.float32) -> tuple[Model, Trainer]:
    model = Model.from_preset(preset, dtype=dtype)
    trainer = Trainer(model, max_steps=steps)
    trainer.run()
    return model, trainer


def test_every_preview_kind_a_node_declares_is_a_known_one():
    from playground.engine.registry import PREVIEWS

    assert {t.preview for t in node_types()} <= set(PREVIEWS)
    assert all(t.preview == "loss" for t in node_types("Losses"))


def test_dead_and_saturated_fractions_follow_the_declarations_and_match_numpy():
    preset = chain_preset([("Dense", {"units": 12}), ("ReLU", {}), ("Dense", {"units": 6}),
                           ("Tanh", {}), ("Dense", {"units": 1}), ("Sigmoid", {})], "BCE")
    model, trainer = _trained(preset)
    x = trainer.data.x_val
    got = node_stats.node_previews(model, x)
    acts = model.activations(x)
    relu = acts["n1"]
    assert got["n1"].dead == np.mean(relu.max(axis=0) <= 0)
    assert got["n1"].saturated is None and got["n0"].dead is None
    assert got["n3"].saturated == np.mean(np.abs(acts["n3"]) >= 0.95)
    assert got["n3"].value_range == (-1.0, 1.0)  # tanh's declared range
    counts, _ = np.histogram(acts["n0"], bins=node_stats.BINS, range=got["n0"].value_range)
    np.testing.assert_array_equal(got["n0"].counts, counts)


def test_a_dead_relu_unit_is_counted():
    preset = chain_preset([("Dense", {"units": 4}), ("ReLU", {}), ("Dense", {"units": 1}),
                           ("Sigmoid", {})], "BCE")
    model = Model.from_preset(preset)
    model.parameters()["n0.W"][:, 1] = 0.0
    model.parameters()["n0.b"][1] = -1.0  # unit 1 outputs -1 before the ReLU for every input
    x = model.load_data()[0].x_val
    assert node_stats.node_previews(model, x)["n1"].dead >= 0.25


def test_conv_and_pool_previews_are_the_feature_maps_of_the_first_sample():
    model = Model(*_graph_and_analysis(cnn_graph()))
    x = model.load_data()[0].x_val[:5]
    got = node_stats.node_previews(model, x)
    acts = model.activations(x[:1])
    np.testing.assert_allclose(got["conv1"].maps, acts["conv1"][0, :node_stats.MAP_COUNT], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got["pool1"].maps, acts["pool1"][0, :2], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got["pool1"].input_maps, acts["conv1"][0, :2], rtol=1e-5, atol=1e-6)
    assert "flat" not in got  # Flatten declares no preview


def _graph_and_analysis(graph):
    from playground.engine.validate import analyze

    return graph, analyze(graph)


def test_wire_norms_are_the_chain_rule_computed_by_hand():
    preset = chain_preset([("Dense", {"units": 5}), ("ReLU", {}), ("Dense", {"units": 1}),
                           ("Sigmoid", {})], "BCE")
    model, trainer = _trained(preset, steps=5, dtype=np.float64)
    x, y = model.last_batch
    p = model.parameters()
    grads_before = {k: v.copy() for k, v in model.gradients().items()}
    norms = node_stats.wire_norms(model, x, y)
    z1 = x @ p["n0.W"] + p["n0.b"]
    a1 = np.maximum(z1, 0)
    z2 = a1 @ p["n2.W"] + p["n2.b"]
    per_sample = 1 / (1 + np.exp(-z2)) - y.reshape(z2.shape)  # d BCE_n / d z2_n (the fused logits)
    g_a1 = per_sample @ p["n2.W"].T
    g_z1 = g_a1 * (z1 > 0)

    def rms(a):
        return np.sqrt(np.mean(np.sum(a.reshape(len(a), -1) ** 2, axis=1)))

    assert np.isclose(norms["n0"].output, rms(z1)) and np.isclose(norms["n1"].output, rms(a1))
    assert np.isclose(norms["n2"].grad, rms(per_sample))
    assert np.isclose(norms["n1"].grad, rms(g_a1)) and np.isclose(norms["n0"].grad, rms(g_z1))
    assert norms["n3"].grad is None and norms["data"].grad is None  # the loss takes the logits
    for k, v in model.gradients().items():  # the optimizer's gradients are left alone
        np.testing.assert_array_equal(v, grads_before[k])


def test_wire_norms_leave_batchnorm_statistics_and_the_training_run_alone():
    preset = chain_preset([("Dense", {"units": 6}), ("BatchNorm", {}), ("ReLU", {}),
                           ("Dropout", {"rate": 0.5}), ("Dense", {"units": 1}), ("Sigmoid", {})], "BCE")
    plain, _ = _trained(preset, steps=20)
    probed = Model.from_preset(preset)
    runs = []
    trainer = Trainer(probed, max_steps=20, report_every=1,
                      on_event=lambda e: runs.append(node_stats.wire_norms_probe(probed, trainer.data)))
    trainer.run()
    assert len(runs) == 20 and all(r["n0"].grad > 0 for r in runs)
    for k, v in plain.state().items():
        np.testing.assert_array_equal(v, probed.state()[k])


def test_the_op_copies_of_each_batch_size_are_made_once_per_network():
    preset = chain_preset([("Dense", {"units": 4}), ("ReLU", {}), ("Dense", {"units": 1}),
                           ("Sigmoid", {})], "BCE")
    model = Model.from_preset(preset)
    previews, batch = node_stats._own_ops(model, 256), node_stats._own_ops(model, 10)
    assert node_stats._own_ops(model, 256) is previews and node_stats._own_ops(model, 10) is batch
    assert previews["n0"].params["W"] is model.ops["n0"].params["W"]  # the live weights
    assert previews["n0"].grads["W"] is not model.ops["n0"].grads["W"]  # gradients of their own
    model.reset(1)
    assert node_stats._own_ops(model, 256) is not previews


def test_networks_trained_in_turns_get_no_previews_or_wire_norms():
    from playground.engine.gan import GANModel
    from playground.paths import PRESETS_DIR

    model = GANModel.from_preset(PRESETS_DIR / "gan_ring.json")
    trainer = Trainer(model, max_steps=2)
    trainer.run()
    assert node_stats.preview_probe(model, trainer.data) == {}
    assert node_stats.wire_norms_probe(model, trainer.data) is None
