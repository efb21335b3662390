"""The registry: one declaration per node type, refused duplicates, declared roles."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from playground.engine import datasets
from playground.engine.registry import REGISTRY, NodeType, node_type, register


def test_register_refuses_a_duplicate_type_name():
    node_type("Dense")  # load the built-in types
    before = REGISTRY["Dense"]

    class Dense(NodeType):
        type_name = "Dense"
        category = "Layers"
        help = "an impostor"

    with pytest.raises(ValueError, match="'Dense' is already registered by playground.engine.nodes.layers.Dense"):
        register(Dense)
    assert REGISTRY["Dense"] is before


def test_dataset_node_offers_every_source_the_loader_knows():
    assert node_type("Dataset").param("source").choices == tuple(datasets.SOURCES)


def test_dataset_node_loads_with_every_one_of_its_parameters(monkeypatch):
    seen = {}

    def fake_load(source, **kwargs):
        seen.update(kwargs, source=source)
        return "data"

    monkeypatch.setattr(datasets, "load", fake_load)
    t = node_type("Dataset")
    p = {**t.defaults(), "source": "xor", "samples": 40, "noise": 0.1, "label_column": 2}
    assert t.load(p, "/some/dir") == "data"
    # Other sources' own parameters stay behind; the input features are the model's first step.
    from playground.engine.features import feature_params
    from playground.engine.sources import source_params
    left_out = {q.name for q in (*source_params(), *feature_params())}
    assert seen == {**{k: v for k, v in p.items() if k not in left_out}, "base_dir": "/some/dir"}


def test_views_find_weights_and_filters_by_declared_role_not_by_name(monkeypatch):
    from playground.engine import Model, probes
    from playground.engine.nodes.layers import Conv2D
    from tests.graphs import cnn_graph

    class FilterBank(Conv2D):  # a convolution under another name, its weight under another key
        type_name = "FilterBank"
        param_roles = {"kernels": "weight", "b": "bias"}

        @classmethod
        def build(cls, shapes, p, rng, dtype):
            op = super().build(shapes, p, rng, dtype)
            op.params["kernels"], op.grads["kernels"] = op.params.pop("W"), op.grads.pop("W")
            return op

    monkeypatch.setitem(REGISTRY, "FilterBank", FilterBank)
    g = cnn_graph()
    g.nodes["conv1"].type = "FilterBank"
    model = Model.from_preset(g, seed=0)
    assert probes.conv_layers(model) == ["conv1", "conv2"]
    assert probes.weight_layers(model) == ["conv1", "conv2", "dense"]
    assert FilterBank.torch_state({"kernels": np.zeros(1), "b": np.zeros(1)}, {"padding": "valid"}).keys() \
        == {"weight", "bias"}


def test_batchnorm_scale_and_prelu_slope_are_not_weights_to_plot():
    from playground.engine import Model, probes
    from tests.graphs import mlp_graph

    g = mlp_graph()
    g.add_node("BatchNorm", node_id="bn")
    g.add_node("PReLU", node_id="pr")
    first = next(e for e in g.edges if e.src == "dense1")
    g.disconnect(first)
    g.connect("dense1", "out", "bn", "in")
    g.connect("bn", "out", "pr", "in")
    g.connect("pr", "out", first.dst, first.dst_port)
    model = Model.from_preset(g, seed=0)
    assert probes.weight_layers(model) == ["dense1", "dense2"]


def test_dataset_node_resolves_its_own_relative_file_paths(tmp_path):
    t = node_type("Dataset")
    p = {**t.defaults(), "source": "idx", "path": "x.idx", "labels_path": str(tmp_path / "y.idx")}
    assert t.with_absolute_paths(p, "/presets") == {**p, "path": str(Path("/presets") / "x.idx")}
    assert t.with_absolute_paths(t.defaults(), "/presets") == t.defaults()  # no file: nothing to do
