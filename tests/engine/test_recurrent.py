"""Recurrent layers on sequences: shapes and messages, per-step Dense, gradients through time,
thread-independent results, the PyTorch export of sequence outputs, and the sequence sources."""

import numpy as np
import pytest

from playground.engine import Graph, Model, analyze, threads
from playground.engine.graph import GraphError
from playground.engine.ops.recurrent import RecurrentOp
from playground.engine.registry import node_type, node_types, shape_text
from tests.engine.gradcheck import check_op
from tests.engine.torch_twin import exported_outputs

RECURRENT = [t.type_name for t in node_types() if t.swap_group == "recurrent"]


def sequence_graph(kind="LSTM", source="remember_first", rnn=None, head="Softmax", loss="CCE", **data):
    """data -> kind -> [Dense per step -> kind again] -> Dense -> head -> loss -> Adam."""
    g = Graph("seq")
    g.add_node("Dataset", {"source": source, "samples": 80, **data}, node_id="data")
    g.add_node(kind, {"units": 6, **(rnn or {})}, node_id="rnn")
    g.connect("data", "x", "rnn", "in")
    prev = "rnn"
    if (rnn or {}).get("return_sequences"):
        g.add_node("Dense", {"units": 5}, node_id="step")
        g.add_node(kind, {"units": 4}, node_id="rnn2")
        g.connect("rnn", "out", "step", "in")
        g.connect("step", "out", "rnn2", "in")
        prev = "rnn2"
    classes = analyze(g).num_classes
    g.add_node("Dense", {"units": classes or 1}, node_id="dense")
    g.connect(prev, "out", "dense", "in")
    last = "dense"
    if head:
        g.add_node(head, node_id="head")
        g.connect("dense", "out", "head", "in")
        last = "head"
    g.add_node(loss, node_id="loss")
    g.add_node("Adam", {"batch_size": 16, "lr": 0.01}, node_id="opt")
    g.connect(last, "out", "loss", "pred")
    g.connect("data", "y", "loss", "target")
    g.connect("loss", "loss", "opt", "loss")
    return g


@pytest.mark.parametrize("kind", RECURRENT)
def test_shapes_wire_labels_and_the_message_for_a_flat_input(kind):
    g = sequence_graph(kind, rnn={"return_sequences": True}, length=30, symbols=16)
    a = analyze(g)
    assert a.ok, a.problems
    assert shape_text(a.shapes["data"]) == "30x16"
    assert shape_text(a.shapes["rnn"]) == "30x6" and shape_text(a.shapes["step"]) == "30x5"
    assert a.shapes["rnn2"] == (4,)
    gates = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}[kind]
    assert a.param_counts["rnn"] == gates * 6 * (16 + 6 + 2)  # PyTorch's count: two biases
    flat = Graph("flat")
    flat.add_node("Dataset", {"source": "mnist"}, node_id="data")
    flat.add_node("Flatten", node_id="flat")
    flat.add_node(kind, node_id="rnn")
    flat.connect("data", "x", "flat", "in")
    flat.connect("flat", "out", "rnn", "in")
    messages = analyze(flat).problems_of("rnn")
    assert any(f"{kind} needs a sequence input (time x features), got 784: " in m for m in messages), messages


@pytest.mark.parametrize("kind", RECURRENT)
def test_stacked_sequences_and_per_step_dense_have_float64_gradients(kind):
    model = Model.from_preset(sequence_graph(kind, rnn={"return_sequences": True}, length=4, symbols=3),
                              seed=1, dtype=np.float64)
    data, y, _ = model.load_data()
    x = data.x_train[:3] + np.random.default_rng(0).normal(0, 0.3, data.x_train[:3].shape)
    acts = model.activations(x)
    for nid in ("rnn", "step", "rnn2"):  # every op of the stack, on the input it really gets
        op = model.ops[nid]
        op.input_grad = True
        check_op(op, [acts[model.sources[nid][0]].copy()], rtol=1e-4, atol=1e-6)


def test_lstm_forget_bias_starts_at_one_and_recurrent_weights_are_orthogonal():
    op = node_type("LSTM").build([(5, 3)], {"units": 8, "return_sequences": False},
                                 np.random.default_rng(0), np.dtype(np.float64))
    b, u = op.params["b"] + op.params["bh"], op.params["U"]
    np.testing.assert_array_equal(b[8:16], 1.0)
    assert not b[:8].any() and not b[16:].any()
    for gate in range(4):
        block = u[:, gate * 8:(gate + 1) * 8]
        np.testing.assert_allclose(block.T @ block, np.eye(8), atol=1e-12)
    gru = node_type("GRU").build([(5, 3)], {"units": 8, "return_sequences": False},
                                 np.random.default_rng(0), np.dtype(np.float64))
    b = gru.params["b"] + gru.params["bh"]  # r, z, n: the update gate z starts leaning to keep
    np.testing.assert_array_equal(b[8:16], 1.0)
    assert not b[:8].any() and not b[16:].any()


@pytest.mark.parametrize("kind", RECURRENT)
@pytest.mark.parametrize("sequences", [False, True])
def test_results_do_not_depend_on_the_thread_count(kind, sequences):
    """A batch big enough to split runs in fixed blocks: one thread and two give equal numbers."""
    t = node_type(kind)
    p = {**t.defaults(), "units": 64, "return_sequences": sequences}
    x = np.random.default_rng(0).standard_normal((64, 30, 16)).astype(np.float32)
    op = t.build([(30, 16)], p, np.random.default_rng(1), np.dtype(np.float32))
    assert threads.splits(64 * 30 * (16 + 64) * 64 * {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}[kind]) \
        or kind == "SimpleRNN"
    results = []
    before = threads.get_threads()
    try:
        for n in (1, threads.max_threads()):
            threads.set_threads(n)
            out = op.forward([x], True).copy()
            g = np.random.default_rng(2).standard_normal(out.shape).astype(np.float32)
            dx = op.backward(g)[0].copy()
            results.append((out, dx, {k: v.copy() for k, v in op.grads.items()}))
    finally:
        threads.set_threads(before)
    (o1, d1, g1), (o2, d2, g2) = results
    np.testing.assert_array_equal(o1, o2)
    np.testing.assert_array_equal(d1, d2)
    for k in g1:
        np.testing.assert_array_equal(g1[k], g2[k])


def test_trace_gives_the_states_and_gates_of_one_sequence():
    op = node_type("LSTM").build([(7, 3)], {"units": 5, "return_sequences": False},
                                 np.random.default_rng(0), np.dtype(np.float32))
    x = np.random.default_rng(1).standard_normal((2, 7, 3)).astype(np.float32)
    last = op.forward([x], False).copy()
    trace = op.trace(1)
    assert list(trace) == ["hidden state", "input gate", "forget gate", "output gate", "cell state"]
    assert all(v.shape == (7, 5) for v in trace.values())
    np.testing.assert_allclose(trace["hidden state"][-1], last[1])
    np.testing.assert_allclose(trace["hidden state"], trace["output gate"] * np.tanh(trace["cell state"]),
                               atol=1e-6)
    gru = node_type("GRU").build([(7, 3)], {"units": 5, "return_sequences": False},
                                 np.random.default_rng(0), np.dtype(np.float32))
    assert isinstance(gru, RecurrentOp)
    gru.forward([x], False)
    assert list(gru.trace(0)) == ["hidden state", "update gate", "reset gate"]


@pytest.mark.parametrize("kind", RECURRENT)
def test_pytorch_export_of_stacked_sequences_matches_the_engine(kind, tmp_path):
    pytest.importorskip("torch")
    from playground.engine.export_torch import torch_script

    model = Model.from_preset(sequence_graph(kind, rnn={"return_sequences": True}, length=9, symbols=5), seed=3)
    data, y, _ = model.load_data()
    opt = model.make_optimizer()
    for i in range(3):
        model.train_step(data.x_train[i * 16:(i + 1) * 16], y[i * 16:(i + 1) * 16], opt)
    source, _ = torch_script(model, "weights.npz")
    assert f"nn.{ {'SimpleRNN': 'RNN'}.get(kind, kind)}(" in source and "batch_first=True" in source
    np.testing.assert_allclose(exported_outputs(model, data.x_val, tmp_path), model.forward(data.x_val),
                               atol=1e-4)


def test_sequence_sources_make_what_they_say():
    dataset = node_type("Dataset")
    base = {**dataset.defaults(), "samples": 200, "seed": 4}
    first = dataset.load({**base, "source": "remember_first", "length": 12, "symbols": 6})
    assert first.x_train.shape[1:] == (12, 6) and first.num_classes == 6
    np.testing.assert_array_equal(first.x_train[:, 0].argmax(axis=1), first.y_train)
    assert (first.x_train.sum(axis=2) == 1).all()
    adding = dataset.load({**base, "source": "adding", "length": 10})
    values, marks = adding.x_train[..., 0], adding.x_train[..., 1]
    assert (marks.sum(axis=1) == 2).all() and (marks[:, :5].sum(axis=1) == 1).all()
    np.testing.assert_allclose((values * marks).sum(axis=1), adding.y_train[:, 0], rtol=1e-6)
    noisy = dataset.load({**base, "source": "remember_first", "length": 12, "symbols": 6,
                          "distractor_noise": 1.5})
    np.testing.assert_array_equal(noisy.y_train, first.y_train)  # same seed: same symbols, noise on top
    np.testing.assert_array_equal(noisy.x_train[:, 0], first.x_train[:, 0])  # the first step stays clean
    later = noisy.x_train[:, 1:] - first.x_train[:, 1:]
    assert abs(later.mean()) < 0.05 and abs(later.std() - 1.5) < 0.05
    sine = dataset.load({**base, "source": "sine", "length": 15, "noise": 0.0})
    assert sine.x_train.shape[1:] == (15, 1) and sine.num_classes is None
    assert np.abs(sine.x_train).max() <= 1.0 and sine.y_train.shape[1:] == (1,)


def test_a_sequence_parameter_out_of_range_is_one_clear_problem():
    g = sequence_graph("GRU", length=1)
    with pytest.raises(GraphError, match="length = 1 is below its minimum 2"):
        Model.from_preset(g)


def test_ragged_sequences_in_a_users_npz_are_one_line_naming_the_file_and_the_fix(tmp_path):
    from playground.engine import DatasetError, datasets

    x = np.empty(3, dtype=object)
    x[0], x[1], x[2] = np.zeros((4, 2)), np.zeros((5, 2)), np.zeros((3, 2))
    path = tmp_path / "ragged.npz"
    np.savez(path, x=x, y=np.array([0, 1, 0]))
    with pytest.raises(DatasetError) as info:
        datasets.load("npz", path=str(path))
    message = str(info.value)
    assert "\n" not in message and str(path) in message and "array 'x'" in message
    assert "pad them to one length" in message
