"""Generated dataset sources: registered once, their parameters on the Dataset node, seeded."""
import numpy as np
import pytest

from playground.engine import datasets
from playground.engine.features import feature_params
from playground.engine.params import int_param
from playground.engine.registry import node_type
from playground.engine.sources import GENERATED, DatasetError, Generated, GeneratedSource, register_source
from playground.engine.sources.base import COMMON_PARAMS


def test_every_generated_source_is_offered_by_the_dataset_node_with_its_parameters():
    dataset = node_type("Dataset")
    offered = dataset.param("source").choices
    for name, source in GENERATED.items():
        assert name in offered
        for p in source.params:
            assert dataset.param(p.name) == p
        p = {**dataset.defaults(), "source": name}
        shown = dataset.relevant_params(p)
        features = {q.name for q in feature_params()} if dataset._plane(p) else set()  # 2D: the input features
        assert set(shown) == {"source", *source.param_names, *features}


def test_every_generated_source_makes_what_its_shape_says_and_repeats_for_a_seed():
    dataset = node_type("Dataset")
    for name in GENERATED:
        if "samples" not in GENERATED[name].reads:  # drawn points: as many as drawn (test_points)
            continue
        p = {**dataset.defaults(), "source": name, "samples": 60}
        shape, classes = dataset.describe(p)
        a, b = dataset.load(p), dataset.load(p)
        assert a.x_train.shape[1:] == shape and a.num_classes == classes, name
        assert len(a.x_train) + len(a.x_val) == 60, name
        np.testing.assert_array_equal(a.x_train, b.x_train)


def _toy_source(name="test_ramp", **kw):
    def make(p, rng):
        x = rng.normal(size=(p["samples"], p["width"])).astype(np.float32)
        return Generated(x, (x.sum(axis=1) > 0).astype(np.int64), 2, {"width": p["width"]})

    return GeneratedSource(name, "a test source", lambda p: ((p["width"],), 2), make,
                           (int_param("width", 3, "test width", 1, 10),), **kw)


def test_a_registered_source_loads_through_the_common_entry_points(monkeypatch):
    monkeypatch.setattr(datasets, "GENERATED", {**GENERATED})
    monkeypatch.setitem(datasets.GENERATED, "test_ramp", _toy_source())
    assert datasets.input_shape_of("test_ramp", width=5) == ((5,), 2)
    ds = datasets.load("test_ramp", samples=50, width=5, seed=3)
    assert ds.x_train.shape == (40, 5) and ds.meta == {"width": 5}
    with pytest.raises(DatasetError, match="width = 11 is above its maximum 10"):
        datasets.load("test_ramp", width=11)
    with pytest.raises(TypeError, match="unknown dataset option"):
        datasets.load("spiral", widht=5)


def test_a_source_cannot_be_registered_twice_nor_redeclare_a_parameter(monkeypatch):
    monkeypatch.setattr("playground.engine.sources.base.GENERATED", {})
    register_source(_toy_source())
    with pytest.raises(ValueError, match="registered twice"):
        register_source(_toy_source())
    clash = GeneratedSource("other", "x", lambda p: ((1,), 2), None, (int_param("width", 4, "other", 1, 9),))
    with pytest.raises(ValueError, match="clashes"):
        register_source(clash)
    common = GeneratedSource("third", "x", lambda p: ((1,), 2), None, (int_param(COMMON_PARAMS[0], 1, "x"),))
    with pytest.raises(ValueError, match="clashes"):
        register_source(common)
