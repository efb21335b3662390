"""Every registered node type keeps the promises of its declaration (as Keras's run_layer_test):
inferred shape = the real output, param_count = the parameters built, each with a declared role,
float64 finite-difference gradients, preset round-trip, fused chain = op-by-op where it fuses, and
the PyTorch export computes the engine's forward. A new node type is covered by being registered."""
from __future__ import annotations

import numpy as np
import pytest

from playground.engine import Graph, Model, load_preset, save_preset
from playground.engine.ops.activations import ActivationOp
from playground.engine.registry import ROLES, ShapeError, node_type, node_types
from tests.engine.gradcheck import check_op, numeric_grad
from tests.engine.torch_twin import exported_outputs
from tests.graphs import chain, finish

CANDIDATE_INPUTS = [(6,), (4, 3), (2, 6, 6)]  # a flat vector, a short sequence, a small image
LAYERS = [t for t in node_types() if t.is_layer]
# Losses scored against the Dataset's targets (GANLoss scores real vs fake: tests/engine/test_gan.py)
LOSSES = [t for t in node_types() if t.is_loss and any(p.kind == "target" for p in t.inputs)]


def ids(types):
    return [t.type_name for t in types]


def tensor_inputs(t) -> int:
    """How many tensors the type takes: 2 for a port that takes several wires."""
    return sum(2 if port.multi else 1 for port in t.inputs if port.kind == "tensor")


def example_shapes(t):
    """(input shapes, inferred output shape) for the first candidate input the type accepts."""
    for shape in CANDIDATE_INPUTS:
        shapes = [shape] * tensor_inputs(t)
        try:
            return shapes, t.infer(shapes, t.defaults())
        except ShapeError:
            continue
    pytest.fail(f"{t.type_name} accepts none of the inputs {CANDIDATE_INPUTS}")


def built(t, seed=0):
    shapes, out = example_shapes(t)
    op = t.build(shapes, t.defaults(), np.random.default_rng(seed), np.dtype(np.float64))
    rng = np.random.default_rng(seed + 1)
    inputs = [t.sample_input(s, t.defaults(), rng) for s in shapes]  # token ids for an Embedding
    return shapes, out, op, inputs


@pytest.mark.parametrize("t", LAYERS, ids=ids(LAYERS))
def test_inferred_shape_and_parameter_count_match_what_is_built(t):
    shapes, out, op, inputs = built(t)
    assert op.forward(inputs, True).shape == (3, *out)
    assert op.forward(inputs, False).shape == (3, *out)
    assert t.param_count(shapes, t.defaults()) == sum(p.size for p in op.params.values())
    assert set(op.grads) == set(op.params)
    for name in op.params:  # plots, initialisers and exporters find parameters by role
        assert t.param_roles.get(name) in ROLES, f"{t.type_name}.{name} declares no role"


@pytest.mark.parametrize("t", LAYERS, ids=ids(LAYERS))
def test_float64_gradients_match_finite_differences(t):
    _, _, op, inputs = built(t)
    first = op.forward(inputs, True).copy()
    random_in_training = not np.array_equal(first, op.forward(inputs, True))  # e.g. Dropout
    check_op(op, inputs, training=not random_in_training, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("t", LOSSES, ids=ids(LOSSES))
@pytest.mark.parametrize("fused", [False, True])
def test_loss_gradients_match_finite_differences(t, fused):
    if fused and not t.fuses:
        pytest.skip(f"{t.type_name} takes no logits")
    rng = np.random.default_rng(0)
    t.check_target((3,), 3)
    pred = rng.standard_normal((5, 3)) if fused else rng.uniform(0.1, 0.9, (5, 3))
    target = t.targets(rng.integers(0, 3, 5), 3, (3,), np.dtype(np.float64))
    op = t.build([], {}, rng, np.dtype(np.float64), fused=fused)
    op.forward(pred, target)
    analytic = op.backward().copy()
    np.testing.assert_allclose(analytic, numeric_grad(lambda: op.forward(pred, target), pred),
                               rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("t", node_types(), ids=ids(node_types()))
def test_preset_round_trip(t, tmp_path):
    g = Graph("round trip")
    node = g.add_node(t.type_name, node_id="n", position=(12.5, -3.0))
    save_preset(g, tmp_path / "p.json")
    back = load_preset(tmp_path / "p.json").nodes["n"]
    assert (back.type, back.params, back.position) == (t.type_name, node.params, node.position)


def graph_around(t, folder):
    """A whole trainable graph with ``t`` in it: data (an npz in ``folder`` of the type's own
    sample inputs, token ids for an Embedding) -> (two Linear feeds for a multi-input type; an
    Embedding for a type that takes a sequence) -> t -> Flatten if needed -> Dense -> Softmax ->
    CCE -> SGD."""
    shape = example_shapes(t)[0][0]
    rng = np.random.default_rng(5)
    g = Graph(t.type_name)
    sequence = len(shape) == 2  # time x features: embedded token ids
    source = node_type("Embedding") if sequence else t
    path = folder / "data.npz"
    x = source.sample_input(shape[:1] if sequence else shape, source.defaults(), rng, batch=60)
    np.savez(path, x=x.astype(np.float32), y=rng.integers(0, 2, 60))
    g.add_node("Dataset", {"source": "npz", "path": str(path)}, node_id="data")
    feeds = [("data", "x")]
    if sequence:
        g.add_node("Embedding", {"dim": shape[1]}, node_id="embed")
        g.connect("data", "x", "embed", "in")
        feeds = [("embed", "out")]
    if tensor_inputs(t) > 1:
        feeds = []
        for i in range(tensor_inputs(t)):
            g.add_node("Linear", node_id=f"feed{i}")
            g.connect("data", "x", f"feed{i}", "in")
            feeds.append((f"feed{i}", "out"))
    g.add_node(t.type_name, node_id="it")
    for src in feeds:
        g.connect(*src, "it", "in")
    prev = ("it", "out")
    if len(example_shapes(t)[1]) != 1:
        g.add_node("Flatten", node_id="flat")
        g.connect(*prev, "flat", "in")
        prev = ("flat", "out")
    out = chain(g, prev, [("Dense", {"units": 2}, "dense"), ("Softmax", {}, "out")])
    return finish(g, out, "CCE", "SGD", {"batch_size": 8})


def chain_graph(t):
    """data -> Dense(5) -> t -> Dense(1) -> Sigmoid -> BCE: the shape of the fused Dense chain."""
    g = Graph("chain")
    g.add_node("Dataset", {"source": "circle", "samples": 60}, node_id="data")
    layers = [("Dense", {"units": 5}), (t.type_name, {}), ("Dense", {"units": 1}), ("Sigmoid", {})]
    out = chain(g, ("data", "x"), [(typ, params, f"n{i}") for i, (typ, params) in enumerate(layers)])
    return finish(g, out, "BCE", "Adam", {"batch_size": 10})


CHAINABLE = [t for t in LAYERS if tensor_inputs(t) == 1 and example_shapes(t) == ([(6,)], (6,))]


@pytest.mark.parametrize("t", CHAINABLE, ids=ids(CHAINABLE))
def test_fused_chain_computes_what_the_ops_compute(t):
    fused = Model.from_preset(chain_graph(t), seed=2, dtype=np.float64)
    plain = Model.from_preset(chain_graph(t), seed=2, dtype=np.float64)
    op = fused.ops["n1"]
    if isinstance(op, ActivationOp) and not op.params:  # elementwise, fixed parameters: must fuse
        assert fused._chain is not None, f"{t.type_name} should run in the fused chain"
    if fused._chain is None:
        pytest.skip(f"{t.type_name} is not fused")
    plain._chain = None
    data, y, _ = fused.load_data()
    x, y = data.x_train[:10], y[:10]
    opt_f, opt_p = fused.make_optimizer(), plain.make_optimizer()
    for _ in range(3):
        loss_f, grads_f = fused.loss_and_grads(x, y)
        out_f = fused.last_output.copy()
        loss_p, grads_p = plain.loss_and_grads(x, y)
        assert loss_f == pytest.approx(loss_p, rel=1e-10, abs=1e-12)
        np.testing.assert_allclose(out_f, plain.last_output, rtol=1e-10, atol=1e-12)
        for k in grads_p:
            np.testing.assert_allclose(grads_f[k], grads_p[k], rtol=1e-9, atol=1e-12, err_msg=k)
        fused.train_step(x, y, opt_f)
        plain.train_step(x, y, opt_p)


@pytest.mark.parametrize("t", LAYERS, ids=ids(LAYERS))
def test_pytorch_export_computes_the_engine_forward(t, tmp_path):
    pytest.importorskip("torch")
    model = Model.from_preset(graph_around(t, tmp_path), seed=1)
    data, y, _ = model.load_data()
    opt = model.make_optimizer()
    for i in range(3):  # move weights and BatchNorm statistics away from their initial values
        model.train_step(data.x_train[i * 8:(i + 1) * 8], y[i * 8:(i + 1) * 8], opt)
    np.testing.assert_allclose(exported_outputs(model, data.x_val[:16], tmp_path),
                               model.forward(data.x_val[:16]), atol=1e-5)
