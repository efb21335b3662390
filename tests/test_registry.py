"""The registry: one declaration per node type, refused duplicates, declared roles."""
from __future__ import annotations

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
    assert seen == {**p, "base_dir": "/some/dir"}
