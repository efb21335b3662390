"""Property-based tests: the preset loader is total, and shape inference agrees with the engine."""
import json

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playground.engine import Graph, GraphError, Model, PresetError, analyze
from playground.engine.preset import graph_from_dict, graph_from_json
from playground.engine.registry import node_type
from tests.graphs import chain, finish

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_loader_is_total_on_any_json(value):
    try:
        graph_from_dict(value, "any.json")
    except PresetError as exc:
        assert str(exc).startswith("any.json")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_loader_is_total_on_any_bytes(data):
    try:
        graph_from_json(data.decode("utf-8", errors="replace"), "bytes.json")
    except PresetError as exc:
        assert "\n" not in str(exc)


def preset_with(nodes, edges):
    return {"format": "nn-playground-preset", "version": 1, "nodes": nodes, "edges": edges}


node_ids = st.sampled_from(["a", "b", "c", "d"])
node_types = st.sampled_from(["Dense", "ReLU", "Add", "Conv2D", "Dataset", "MSE", "SGD", "Nope"])
port_names = st.sampled_from(["in", "out", "x", "y", "pred", "target", "loss", "zz"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.fixed_dictionaries({"id": node_ids, "type": node_types,
                                       "params": st.dictionaries(st.sampled_from(["units", "kernel", "alpha", "bogus"]),
                                                                 st.integers(-5, 50) | st.floats() | st.text(max_size=3),
                                                                 max_size=2)}), max_size=5),
       st.lists(st.tuples(node_ids, port_names, node_ids, port_names), max_size=6))
def test_structurally_random_graphs_load_or_fail_cleanly_and_validate(nodes, edges):
    data = preset_with(nodes, [{"from": f"{a}:{ap}", "to": f"{b}:{bp}"} for a, ap, b, bp in edges])
    try:
        graph = graph_from_dict(json.loads(json.dumps(data)), "rand.json")
    except PresetError:
        return
    analysis = analyze(graph)  # never raises, whatever the parameters
    for problem in analysis.problems:
        assert problem.message


LAYERS = st.sampled_from([
    ("Conv2D", {"channels": 2, "kernel": 3}), ("Conv2D", {"channels": 3, "kernel": 2, "stride": 2, "padding": "same"}),
    ("MaxPool2D", {"size": 2}), ("AvgPool2D", {"size": 3, "stride": 1}), ("MinPool2D", {"size": 2}),
    ("ReLU", {}), ("Tanh", {}), ("BatchNorm", {}), ("Dropout", {"rate": 0.2}), ("Flatten", {}),
    ("Dense", {"units": 5}), ("ELU", {}), ("PReLU", {}), ("Sigmoid", {}), ("LeakyReLU", {}),
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LAYERS, min_size=1, max_size=6))
def test_inferred_shapes_match_what_the_engine_computes(layers):
    g = Graph()
    g.add_node("Dataset", {"source": "digits"}, node_id="data")
    last = chain(g, ("data", "x"), [(t, p, f"n{i}") for i, (t, p) in enumerate(layers)])
    chain(g, (last, "out"), [("Flatten", {}, "flat"), ("Dense", {"units": 10}, "head"), ("Softmax", {}, "out")])
    finish(g, "out", "CCE", "SGD")
    analysis = analyze(g)
    if not analysis.ok:
        assert all(p.node and p.message.startswith(f"{g.nodes[p.node].type} '{p.node}'") for p in analysis.problems)
        try:
            Model.from_preset(g)
        except GraphError:
            return
        raise AssertionError("an invalid graph built a model")
    model = Model.from_preset(g, dtype=np.float64)
    acts = model.activations(np.random.default_rng(0).random((2, 1, 8, 8)))
    for nid in model.layers:
        assert acts[nid].shape[1:] == analysis.shapes[nid], nid
    params = sum(p.size for p in model.parameters().values())
    assert params == analysis.total_params
    assert all(node_type(g.nodes[n].type) for n in g.nodes)
