"""A convolution that runs the elementwise activation after it (``Op.fuses``) trains as the two
ops one after the other, on each of its paths (direct, im2col, shifted products; one slice and
several), and both nodes still show their own outputs. By registration: every activation type
that takes images and is elementwise with fixed parameters fuses."""
from __future__ import annotations

import numpy as np
import pytest

from playground.engine import Graph, Model, get_threads, set_threads, threads
from playground.engine.ops import conv_shift
from playground.engine.ops.activations import ActivationOp
from playground.engine.registry import ShapeError, node_types
from tests.graphs import chain, finish

ACTIVATIONS = [t for t in node_types("Activations") if t.is_layer]
# Filters per layer: 1 -> 3 (the direct first-layer kernels), 3 -> 16 (im2col), 16 -> 8 (the
# shifted products, with ``shift_more``).
CHANNELS = (3, 16, 8)


@pytest.fixture(params=["one slice", "split"])
def paths(request, monkeypatch):
    """The shifted products for the 16-channel layer on 8x8 digits, and in "split" every kernel
    cut into blocks run on two threads."""
    monkeypatch.setattr(conv_shift, "MAX_JUNK", 1e9)
    before = get_threads()
    if request.param == "split":
        set_threads(2)
        monkeypatch.setattr(threads, "MIN_WORK_PER_THREAD", 1)
    yield request.param
    set_threads(before)


def conv_graph(act: str, branch: bool = False) -> Graph:
    """digits -> (Conv2D 3x3 same -> act) x 3 -> Flatten -> Dense 10 -> Softmax; with ``branch``
    the last conv's output also feeds an Add with its activation."""
    g = Graph("fusion")
    g.add_node("Dataset", {"source": "digits"}, node_id="data")
    layers = []
    for i, ch in enumerate(CHANNELS):
        layers += [("Conv2D", {"channels": ch, "kernel": 3, "padding": "same"}, f"conv{i}"), (act, {}, f"act{i}")]
    last = chain(g, ("data", "x"), layers)
    if branch:
        g.add_node("Add", {}, node_id="add")
        g.connect(last, "out", "add", "in")
        g.connect(f"conv{len(CHANNELS) - 1}", "out", "add", "in")
        last = "add"
    out = chain(g, (last, "out"), [("Flatten", {}, "flat"), ("Dense", {"units": 10}, "dense"),
                                    ("Softmax", {}, "out")])
    return finish(g, out, "CCE", "Adam", {"batch_size": 16})


def unfused(model: Model) -> Model:
    model._fusions, model._fused_into = {}, {}
    return model


def fusable(t) -> bool:
    """Whether ``t`` takes images and is elementwise with fixed parameters."""
    try:
        t.infer([(3, 8, 8)], t.defaults())
    except ShapeError:
        return False
    op = t.build([(3, 8, 8)], t.defaults(), np.random.default_rng(0), np.dtype(np.float32))
    return isinstance(op, ActivationOp) and not op.params


FUSABLE = [t for t in ACTIVATIONS if fusable(t)]


def test_relu_and_tanh_are_among_the_fused():
    assert {"ReLU", "Tanh"} <= {t.type_name for t in FUSABLE}


@pytest.mark.parametrize("t", FUSABLE, ids=[t.type_name for t in FUSABLE])
def test_every_elementwise_activation_fuses(t):
    model = Model.from_preset(conv_graph(t.type_name), seed=0)
    assert model._fusions == {f"conv{i}": f"act{i}" for i in range(len(CHANNELS))}


# A kink (ReLU) on one slice and split, a smooth curve from its output (Tanh) and a fixed alpha
# (LeakyReLU, split) in float64: each activation, dtype and path compiles its own copies of the
# conv kernels, so not every combination (a cold cache takes minutes).
CASES = [("ReLU", np.float32, "one slice"), ("ReLU", np.float32, "split"), ("Tanh", np.float64, "one slice"),
         ("LeakyReLU", np.float64, "split")]


@pytest.mark.parametrize("act,dtype,paths", CASES, indirect=["paths"],
                         ids=[f"{a}-{d.__name__}-{p}" for a, d, p in CASES])
def test_fused_training_matches_the_two_ops(act, dtype, paths):
    tol = 1e-10 if dtype == np.float64 else 1e-5
    fused = Model.from_preset(conv_graph(act), seed=3, dtype=dtype)
    plain = unfused(Model.from_preset(conv_graph(act), seed=3, dtype=dtype))
    data, y, _ = fused.load_data()
    x, y = data.x_train[:16], y[:16]
    opt_f, opt_p = fused.make_optimizer(), plain.make_optimizer()
    for _ in range(3):
        loss_f = fused.train_step(x, y, opt_f)
        loss_p = plain.train_step(x, y, opt_p)
        assert loss_f == pytest.approx(loss_p, rel=tol)
        for k, g in plain.gradients().items():
            np.testing.assert_allclose(fused.gradients()[k], g, rtol=tol, atol=tol * np.abs(g).max(), err_msg=k)
    convs = [fused.ops[f"conv{i}"] for i in range(len(CHANNELS))]
    assert [(op._direct, op._shift is not None) for op in convs] == [(True, False), (False, False), (False, True)]
    assert all(op._activated is not None for op in convs)  # each ran its activation
    if paths == "split":
        assert all(op._parts == 2 for op in convs)


def test_views_keep_each_nodes_own_output():
    model = Model.from_preset(conv_graph("ReLU"), seed=1)
    data, y, _ = model.load_data()
    x = data.x_train[:16]
    model.train_step(x, y[:16], model.make_optimizer())
    acts = model.activations(x)
    for i in range(len(CHANNELS)):
        pre, post = acts[f"conv{i}"], acts[f"act{i}"]
        assert (pre < 0).any()  # the conv's own output, before the ReLU
        np.testing.assert_array_equal(post, np.maximum(pre, 0))
    train = model._run(x, True)  # the training pass (fused) leaves the same outputs
    for k in acts:
        np.testing.assert_allclose(train[k], acts[k], rtol=1e-6, atol=1e-6, err_msg=k)


@pytest.mark.parametrize("paths", ["one slice"], indirect=True)
def test_a_conv_whose_output_feeds_another_node_too_is_not_fused(paths):
    fused = Model.from_preset(conv_graph("Tanh", branch=True), seed=4, dtype=np.float64)
    plain = unfused(Model.from_preset(conv_graph("Tanh", branch=True), seed=4, dtype=np.float64))
    assert fused._fusions == {"conv0": "act0", "conv1": "act1"}
    data, y, _ = fused.load_data()
    x, y = data.x_train[:16], y[:16]
    opt_f, opt_p = fused.make_optimizer(), plain.make_optimizer()
    for _ in range(2):
        assert fused.train_step(x, y, opt_f) == pytest.approx(plain.train_step(x, y, opt_p), rel=1e-10)
        for k, g in plain.gradients().items():
            np.testing.assert_allclose(fused.gradients()[k], g, rtol=1e-10, atol=1e-12, err_msg=k)
