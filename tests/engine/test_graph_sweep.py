"""Architecture sweeps: a layer's parameter or type over several values, from the same weights
wherever the shapes allow, on the same batches; bad sweeps refused in one line."""
import copy
import json

import numpy as np
import pytest

from playground.engine import PresetError, graph_from_dict, load_preset
from playground.engine import graph_sweep
from playground.engine.compare import Comparison, CompareError, compare_plan, make_specs
from playground.engine.registry import node_type
from playground.paths import PRESETS_DIR

SPIRAL = PRESETS_DIR / "concept_optimizers_spiral.json"  # dense1 -> relu1 -> ... -> dense4 -> output


def test_a_units_sweep_keeps_every_weight_whose_shape_it_does_not_change():
    c = Comparison(load_preset(SPIRAL), make_specs(["adam"], sweep=("dense2.units", [12, 24, 48])), steps=3)
    models = [c.model(label) for label in c.labels]
    assert [m.graph.nodes["dense2"].params["units"] for m in models] == [12, 24, 48]
    reference = models[1].state()  # 24 units: the preset's own network
    for m in (models[0], models[2]):
        for name in ("dense1.W", "dense1.b", "dense3.b", "dense4.W", "dense4.b"):
            np.testing.assert_array_equal(m.state()[name], reference[name])
        assert m.state()["dense2.W"].shape != reference["dense2.W"].shape
    histories = [r["history"][0]["train_loss"] for r in c.results()]
    assert len(set(histories)) == 3  # each network starts from its own loss


def test_a_type_swap_keeps_all_weights_and_carries_the_parameters_the_new_type_accepts():
    graph = load_preset(SPIRAL)
    graph.nodes["relu1"].type, graph.nodes["relu1"].params = "LeakyReLU", {"alpha": 0.3}
    swapped = graph_sweep.variant(graph, "relu1.type", "ELU")
    elu = node_type("ELU")
    assert swapped.nodes["relu1"].type == "ELU"
    assert swapped.nodes["relu1"].params == ({**elu.defaults(), "alpha": 0.3} if elu.param("alpha")
                                             else elu.defaults())
    assert graph.nodes["relu1"].type == "LeakyReLU"  # the original graph is untouched
    specs = make_specs(["adam"], sweep=("relu1.type", graph_sweep.sweep_values(graph, "relu1.type",
                                                                               "sigmoid, ReLU,Tanh")))
    assert [s.label for s in specs] == ["adam relu1=Sigmoid", "adam relu1=ReLU", "adam relu1=Tanh"]
    c = Comparison(graph, specs, steps=2)
    states = [c.model(label).state() for label in c.labels]
    for name in states[0]:
        np.testing.assert_array_equal(states[1][name], states[0][name])
        np.testing.assert_array_equal(states[2][name], states[0][name])


def test_runs_of_a_sweep_see_identical_batches():
    """init_std is unused by the xavier initialiser: both variants are the same network, so only
    identical batches give identical loss curves."""
    c = Comparison(load_preset(SPIRAL), make_specs(["sgd"], sweep=("dense1.init_std", [0.05, 0.5])), steps=40)
    a, b = (r["history"] for r in c.run())
    assert len(a) > 5 and [p["train_loss"] for p in a] == [p["train_loss"] for p in b]


@pytest.mark.parametrize("name, values, message", [
    ("dense9.units", "3", "dense9.units: there is no node 'dense9'; the layers are: dense1, relu1"),
    ("dense1.unit", "3", "dense1.unit: Dense has no parameter 'unit'; its parameters: units, init"),
    ("dense1.units", "0", "dense1.units: units = 0 is below its minimum 1"),
    ("dense1.units", "8, x", "dense1.units: 'x' is not a whole number"),
    ("dense1.units", "8, 8", "dense1.units: a value is given twice"),
    ("dense1.init", "he, zeros", "dense1.init: init must be one of xavier, he, gaussian, not 'zeros'"),
    ("relu1.type", "ReLU, Softmax", "relu1.type: 'Softmax' cannot replace ReLU; choose among Sigmoid"),
    ("dense1.type", "Conv2D", "dense1.type: Dense has no type it can be swapped for"),
    ("data.samples", "3", "data.samples: 'data' (Dataset) is not a layer; only layers and activations"),
    ("optimizer.lr", "0.1", "optimizer.lr: 'optimizer' (Adam) is not a layer; only layers"),
])
def test_a_bad_sweep_is_one_line_naming_it(name, values, message):
    with pytest.raises(graph_sweep.SweepError) as info:
        graph_sweep.sweep_values(load_preset(SPIRAL), name, values)
    assert str(info.value).startswith(message) and "\n" not in str(info.value)


def test_a_variant_that_breaks_the_graph_names_the_run():
    specs = make_specs(["adam"], sweep=("dense4.units", [1, 3]))
    with pytest.raises(CompareError, match=r"^adam dense4.units=3: BCE 'loss': gets 3 outputs"):
        Comparison(load_preset(SPIRAL), specs, steps=1)


def test_a_preset_holds_an_architecture_sweep_and_bad_ones_are_refused_with_their_place():
    data = json.loads(SPIRAL.read_text())
    data["compare"] = {"optimizers": ["adam"], "sweep": {"name": "dense1.units", "values": [8, 16]}}
    plan = compare_plan(graph_from_dict(data))
    assert [s.label for s in plan.specs()] == ["adam dense1.units=8", "adam dense1.units=16"]
    data["compare"]["sweep"] = {"name": "relu1.type"}  # no values: every type of its group
    assert plan_types(graph_from_dict(data)) == graph_sweep.swap_types(node_type("ReLU"))
    for sweep, message in (({"name": "dense1.units", "values": [8, 0]}, "units = 0 is below"),
                           ({"name": "nope.units", "values": [8]}, "there is no node 'nope'"),
                           ({"name": "dense1units", "values": [8]}, "expected one of optimizers")):
        bad = copy.deepcopy(data)
        bad["compare"]["sweep"] = sweep
        with pytest.raises(PresetError, match=r"^p\.json: compare\.sweep.*" + message):
            graph_from_dict(bad, "p.json")


def plan_types(graph):
    return [s.change[1] for s in compare_plan(graph).specs()]
