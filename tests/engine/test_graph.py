"""Graph editing rules, shape inference and the messages validation gives."""
import pytest

from playground.engine import Graph, GraphError, analyze
from playground.engine.registry import CATEGORIES, node_types
from tests.graphs import cnn_graph, mlp_graph


def messages(g):
    return [str(p) for p in analyze(g).problems]


def test_registry_declares_every_seed_operation():
    names = {t.type_name for t in node_types()}
    assert {"Dataset", "Dense", "Conv2D", "MaxPool2D", "AvgPool2D", "MinPool2D", "Flatten",
            "Dropout", "BatchNorm", "Add", "Concat", "Sigmoid", "Tanh", "ReLU", "LeakyReLU",
            "PReLU", "ELU", "Softmax", "Linear", "MSE", "BCE", "CCE", "SparseCCE", "SGD",
            "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam"} <= names
    for t in node_types():
        assert t.category in CATEGORIES and t.help
        for p in t.params:
            assert p.help and p.check(p.default) is None, (t.type_name, p.name)


def test_valid_mlp_shapes_and_parameter_counts():
    a = analyze(mlp_graph())
    assert a.ok, a.problems
    assert a.shapes["data"] == (2,) and a.shapes["dense1"] == (8,) and a.shapes["out"] == (1,)
    assert a.param_counts["dense1"] == 2 * 8 + 8 and a.param_counts["dense2"] == 8 + 1
    assert a.total_params == 33
    assert a.output == "out" and a.num_classes == 2


def test_cnn_shapes():
    a = analyze(cnn_graph())
    assert a.ok, a.problems
    assert a.shapes["conv1"] == (4, 6, 6) and a.shapes["pool1"] == (4, 3, 3)
    assert a.shapes["conv2"] == (4, 1, 1) and a.shapes["flat"] == (4,)


def test_kernel_larger_than_input_names_node_and_cause():
    assert "Conv2D 'conv2': 5x5 kernel is larger than its 3x3 input" in messages(cnn_graph(kernel2=5))


def test_dense_on_an_image_suggests_flatten():
    g = cnn_graph()
    g.remove_node("flat")
    g.connect("conv2", "out", "dense", "in")
    assert any("Dense 'dense': needs a flat input, got 4x1x1: add a Flatten" in m for m in messages(g))


def test_cce_with_one_output_unit():
    msgs = messages(mlp_graph(out_act="Softmax", loss="CCE"))
    assert any(m.startswith("CCE 'loss': has 1 output unit") for m in msgs)


def test_output_units_must_match_classes():
    msgs = messages(mlp_graph(source="iris", out_units=4, out_act="Softmax", loss="CCE"))
    assert "CCE 'loss': gets 4 outputs for 3 classes: the last Dense needs 3 units" in msgs


def test_missing_loss_and_optimizer_and_unconnected_input():
    g = mlp_graph()
    g.remove_node("loss")
    g.remove_node("opt")
    msgs = messages(g)
    assert "the graph has no Loss node: add one from the palette" in msgs
    assert "the graph has no Optimizer node: add one from the palette" in msgs
    assert "Sigmoid 'out': its output is not connected to anything" in msgs
    g.add_node("Dense", node_id="lonely")
    assert "Dense 'lonely': input 'in' is not connected" in messages(g)


def test_add_needs_equal_shapes_and_two_inputs():
    g = mlp_graph()
    g.add_node("Dense", {"units": 4}, node_id="side")
    g.add_node("Add", node_id="add")
    g.connect("data", "x", "side", "in")
    g.connect("side", "out", "add", "in")
    assert "Add 'add': needs at least 2 inputs, has 1" in messages(g)
    g.connect("tanh1", "out", "add", "in")
    assert "Add 'add': needs inputs of equal shape, got 4 and 8" in messages(g)


def test_out_of_range_and_unknown_parameters():
    g = mlp_graph()
    g.set_param("dense1", "units", 0)
    g.set_param("tanh1", "colour", "red")
    msgs = messages(g)
    assert "Dense 'dense1': units = 0 is below its minimum 1" in msgs
    assert "Tanh 'tanh1': unknown parameter 'colour'" in msgs
    g.set_param("dense1", "units", float("nan"))
    assert "Dense 'dense1': units must be a finite number, not nan" in messages(g)


def test_connect_refuses_with_reason():
    g = mlp_graph()
    with pytest.raises(GraphError, match="gives a tensor, but BCE 'loss' input 'target' takes a target"):
        g.connect("dense1", "out", "loss", "target")
    with pytest.raises(GraphError, match="already connected"):
        g.connect("data", "x", "tanh1", "in")
    with pytest.raises(GraphError, match="Adam 'opt' has no input 'in'"):
        g.connect("dense1", "out", "opt", "in")


def test_cycle_refused():
    g = Graph()
    g.add_node("Dense", node_id="a")
    g.add_node("Dense", node_id="b")
    g.connect("a", "out", "b", "in")
    with pytest.raises(GraphError, match="cycle"):
        g.connect("b", "out", "a", "in")


def test_events_announce_every_edit():
    g = Graph()
    seen = []
    g.subscribe(lambda event, payload: seen.append(event))
    g.add_node("Dense", node_id="a")
    g.add_node("ReLU", node_id="b")
    edge = g.connect("a", "out", "b", "in")
    g.set_param("a", "units", 3)
    g.move_node("a", (10, 20))
    g.disconnect(edge)
    g.remove_node("b")
    assert seen == ["node_added", "node_added", "edge_added", "param_changed", "node_moved",
                    "edge_removed", "node_removed"]


def test_unique_ids_and_defaults():
    g = Graph()
    a = g.add_node("Dense")
    b = g.add_node("Dense")
    assert (a.id, b.id) == ("dense1", "dense2")
    assert a.params["units"] == 16 and a.params["init"] == "xavier"


def test_node_summaries_count_in_the_singular_for_one():
    """The canvas shows "1 unit", not "1 units" (the output layer of every binary classifier)."""
    from playground.engine.registry import node_type

    dense, conv = node_type("Dense"), node_type("Conv2D")
    assert dense.summary({"units": 1}) == "1 unit" and dense.summary({"units": 24}) == "24 units"
    conv_p = {"channels": 1, "kernel": 3, "stride": 1, "padding": "valid"}
    assert conv.summary(conv_p) == "1 filter 3x3"
    assert conv.summary({**conv_p, "channels": 6}) == "6 filters 3x3"
