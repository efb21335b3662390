"""The engine's thread setting, the cost model that keeps small work serial, parallel kernels
that compute what the serial ones compute, and training that does not depend on the thread count."""
from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from playground.cli import main
from playground.engine import Model, get_threads, make_optimizer, set_threads, threads
from playground.engine.ops import conv as conv_ops
from playground.engine.ops.activations import ActivationOp
from playground.engine.ops.conv import Conv2DOp
from playground.engine.ops.dense import DenseOp
from playground.engine.ops.pool import Pool2DOp
from playground.engine.registry import node_type
from tests.graphs import chain_preset

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "benchmarks")
two_threads = pytest.mark.skipif(threads.max_threads() < 2, reason="Numba's pool has one thread")


@pytest.fixture
def restore_threads():
    before = get_threads()
    yield
    set_threads(before)


@pytest.fixture
def split_everything(monkeypatch, restore_threads):
    """Two threads, and a cost model that splits any kernel with work for two."""
    set_threads(2)
    monkeypatch.setattr(threads, "MIN_WORK_PER_THREAD", 1)


def test_set_threads_round_trips_and_clamps(restore_threads):
    assert set_threads(1) == 1 and get_threads() == 1
    assert set_threads(10_000) == threads.max_threads() == get_threads()
    for bad in (0, -2, 1.5, "2", True):
        with pytest.raises(ValueError):
            set_threads(bad)
    assert get_threads() == threads.max_threads()  # a refused value changes nothing


@pytest.mark.skipif(not threads._blas_libraries(), reason="numpy's OpenBLAS not found")
def test_blas_core_names_the_kernels_and_follows_openblas_coretype():
    """bench reports which kernels numpy's OpenBLAS runs, so a forced slower kernel shows."""
    code = "from playground.engine import threads; print(threads.blas_core())"
    env = {**os.environ, "PYTHONPATH": ROOT, "OPENBLAS_CORETYPE": "Nehalem"}  # any x86-64 runs it (SSE4.2)
    if os.uname().machine not in ("x86_64", "AMD64"):
        pytest.skip("OpenBLAS core names differ off x86-64")
    forced = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            check=True).stdout.strip()
    assert forced == "Nehalem" and isinstance(threads.blas_core(), str) and threads.blas_core()


def test_blas_stays_at_one_thread(restore_threads):
    set_threads(threads.max_threads())
    found = threads.blas_threads()
    if found is None:
        pytest.skip("this numpy's OpenBLAS does not export its thread functions")
    assert found == 1


def test_cost_model_keeps_small_work_serial(restore_threads):
    set_threads(threads.max_threads())
    assert threads.chunks(0) == 1
    assert threads.chunks(threads.MIN_WORK_PER_THREAD * 2 - 1) == 1
    assert threads.chunks(1e12) == get_threads()
    set_threads(1)
    assert threads.chunks(1e12) == 1


def test_edges_split_evenly_and_are_shared():
    e = threads.edges(10, 3)
    assert list(e) == [0, 3, 6, 10] and not e.flags.writeable
    assert threads.edges(10, 3) is e
    assert list(threads.edges(5, 1)) == [0, 5]


def _step(model: Model, n: int = 16) -> None:
    data, y, _ = model.load_data()
    model.loss_and_grads(data.x_train[:n], y[:n])


@two_threads
def test_tiny_networks_never_leave_one_thread(restore_threads):
    set_threads(2)
    tiny = Model.from_preset(os.path.join(BENCH, "tiny_mlp.json"))
    assert tiny._chain is not None  # one fused serial kernel per step
    digits = Model.from_preset(os.path.join(BENCH, "digits_cnn.json"))
    _step(digits, 32)
    assert digits.ops["conv1"]._parts == 1
    assert digits.ops["dense1"]._parts == 0 and digits.ops["pool1"]._edges is None
    lenet = Model.from_preset(os.path.join(BENCH, "lenet.json"))
    _step(lenet, 64)
    assert lenet.ops["conv1"]._parts == 2 and lenet.ops["conv2"]._parts == 2
    assert lenet.ops["dense1"]._parts == 2
    assert lenet.ops["dense3"]._parts == 0  # 84 x 10 weights: numpy's product, one thread
    set_threads(1)
    _step(lenet, 64)
    assert lenet.ops["conv2"]._parts == 1 and lenet.ops["pool1"]._edges is None


def _conv_pass(x, w, b, stride, padding, input_grad, g):
    op = Conv2DOp(w.copy(), None if b is None else b.copy(), stride, padding)
    op.input_grad = input_grad
    y = op.forward([x], True).copy()
    dx = op.backward(g)[0]
    return op, [y, None if dx is None else dx.copy(), op.grads["W"].copy(),
                op.grads["b"].copy() if b is not None else None]


def _three_ways(monkeypatch, run):
    """``run()`` serially (the cost model says no), in blocks on one thread, and in blocks on two
    threads: (serial results, one-thread results, two-thread results)."""
    out = []
    for work, count in ((10**15, 2), (1, 1), (1, 2)):
        monkeypatch.setattr(threads, "MIN_WORK_PER_THREAD", work)
        set_threads(count)
        out.append(run())
    return out


def _same(serial, one, two):
    """Blocked results match the serial ones to rounding, and do not depend on the threads at all."""
    for a, b, c in zip(serial, one, two):
        if a is None:
            assert b is None and c is None
            continue
        np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-12)
        np.testing.assert_array_equal(c, b)


@two_threads
@pytest.mark.parametrize("patch_bytes", [1, conv_ops.PATCH_BYTES])  # one sample per pass, or many
def test_parallel_conv_matches_serial(monkeypatch, restore_threads, patch_bytes):
    monkeypatch.setattr(conv_ops, "PATCH_BYTES", patch_bytes)
    rng = np.random.default_rng(0)
    cases = itertools.product([1, 5, 19], [1, 3], [6], [3], [1, 3], [1, 2], ["same", "valid"],
                              [True, False], [True, False])
    for n, c, h, o, k, stride, padding, input_grad, bias in cases:
        if padding == "valid" and k > h:
            continue
        x = rng.standard_normal((n, c, h, h + 1))
        w, b = rng.standard_normal((o, c, k, k)), (rng.standard_normal(o) if bias else None)
        shape = Conv2DOp(w.copy(), b, stride, padding).forward([x], True).shape
        g = rng.standard_normal(shape)
        ops = []

        def run():
            op, results = _conv_pass(x, w, b, stride, padding, input_grad, g)
            ops.append(op)
            return results

        _same(*_three_ways(monkeypatch, run))
        assert [op._parts for op in ops] == [1, 1, min(2, n)]
        assert [op._blocks.size - 1 for op in ops] == [1, min(n, conv_ops.BLOCKS), min(n, conv_ops.BLOCKS)]


@two_threads
def test_conv_backward_needs_its_forward(split_everything):
    op = Conv2DOp(np.ones((2, 1, 3, 3)), None, 1, "same")
    x = np.ones((4, 1, 5, 5))
    g = np.ones_like(op.forward([x], True))
    op.backward(g)
    with pytest.raises(RuntimeError, match="forward pass first"):
        op.backward(g)


@two_threads
def test_parallel_dense_pool_and_activations_match_serial(monkeypatch, restore_threads):
    rng = np.random.default_rng(1)
    x, g = rng.standard_normal((9, 7)), rng.standard_normal((9, 5))
    w, b = rng.standard_normal((7, 5)), rng.standard_normal(5)
    images = rng.standard_normal((3, 4, 6, 6))
    parts = []

    def run():
        out: list[np.ndarray] = []
        for bias, input_grad in itertools.product([b, None], [True, False]):
            dense = DenseOp(w.copy(), None if bias is None else bias.copy())
            dense.input_grad = input_grad
            out.append(dense.forward([x], True).copy())
            dx = dense.backward(g)[0]
            out += [dense.grads["W"].copy()] + ([dense.grads["b"].copy()] if bias is not None else [])
            out += [dx.copy()] if input_grad else []
            parts.append(dense._parts)
        for mode, size, stride in [("max", 2, 2), ("min", 2, 2), ("avg", 2, 2), ("max", 3, 1), ("avg", 3, 2)]:
            pool = Pool2DOp(mode, size, stride)
            y = pool.forward([images], True)
            out += [y.copy(), pool.backward(np.ones_like(y) * 0.5)[0].copy()]
        for name in ("Sigmoid", "Tanh", "ReLU", "GELU", "Swish"):
            t = node_type(name)
            act = ActivationOp(t.forward, t.backward)
            out += [act.forward([images], True).copy(), act.backward(images * 2)[0].copy()]
        return out

    _same(*_three_ways(monkeypatch, run))
    assert parts == [0] * 4 + [1] * 4 + [2] * 4  # numpy, the slice kernel on one thread, on two


@two_threads
def test_big_dense_chain_runs_in_one_call_and_computes_what_the_ops_compute(monkeypatch, restore_threads):
    """A chain with a layer too big to unroll (300 units) takes the BLAS chain step: the same
    loss, prediction and gradients as op by op, whether its products run whole, in blocks on one
    thread or in blocks on two (then independent of the thread count, as the ops are)."""
    preset = chain_preset([("Dense", {"units": 300}), ("Tanh", {}), ("Dense", {"units": 7, "bias": False}),
                           ("ReLU", {}), ("Dense", {"units": 2}), ("Softmax", {})], "CCE", source="spiral")
    fused = Model.from_preset(preset, seed=4, dtype=np.float64)
    plain = Model.from_preset(preset, seed=4, dtype=np.float64)
    assert fused._chain is not None and fused._chain.blas
    plain._chain = None
    data, y, _ = fused.load_data()
    x, y = data.x_train[:40], y[:40]
    splits = []

    def run():
        results = []
        for model in (fused, plain):
            loss, grads = model.loss_and_grads(x, y)
            results.append([np.array([loss]), model.last_output.copy(), *(grads[k].copy() for k in sorted(grads))])
        for a, b in zip(*results):
            np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)
        splits.append(fused._chain.program(len(x))[[0, 2, 4], 8].tolist())
        return results[0]

    _same(*_three_ways(monkeypatch, run))
    assert splits == [[0, 0, 0], [1, 1, 1], [2, 2, 2]]  # whole, blocks on one thread, on two


@two_threads
@pytest.mark.parametrize("key", ["sgd", "momentum", "nesterov", "adam"])
def test_parallel_optimizer_steps_match_serial(monkeypatch, restore_threads, key):
    rng = np.random.default_rng(2)
    p0, grads = rng.standard_normal(1001), rng.standard_normal((3, 1001))

    def run():
        opt, p = make_optimizer(key, weight_decay=0.01), p0.copy()
        for g in grads:
            opt.step({"w": p}, {"w": g})
        return [p]

    serial, one, two = _three_ways(monkeypatch, run)
    np.testing.assert_array_equal(one[0], serial[0])  # elementwise: no blocks, no reordering
    np.testing.assert_array_equal(two[0], serial[0])


_LENET_RUN = r"""
import json, sys
import numpy as np
from playground.engine import Model, set_threads
set_threads(int(sys.argv[2]))
model = Model.from_preset(sys.argv[1], seed=3)
data, y, _ = model.load_data()
opt = model.make_optimizer()
bs = model.settings["batch_size"]
losses = []
for i in range(200):
    j = (i * bs) % (len(y) - bs)
    losses.append(model.train_step(data.x_train[j:j + bs], y[j:j + bs], opt))
parts = model.ops["conv2"]._parts
print(json.dumps({"losses": losses, "parts": parts}))
"""


def test_lenet_losses_do_not_depend_on_the_thread_count():
    """200 LeNet steps with one thread and with two (each in its own process, Numba's pool given
    two threads even on a one-core machine): the same losses up to float32 rounding."""
    env = {**os.environ, "NUMBA_NUM_THREADS": "2",
           "PYTHONPATH": os.pathsep.join(p for p in (ROOT, os.environ.get("PYTHONPATH", "")) if p)}
    runs = {}
    for n in (1, 2):
        proc = subprocess.run([sys.executable, "-c", _LENET_RUN, os.path.join(BENCH, "lenet.json"), str(n)],
                              capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
        assert proc.returncode == 0, proc.stderr[-2000:]
        runs[n] = json.loads(proc.stdout.strip().splitlines()[-1])
    assert runs[1]["parts"] == 1 and runs[2]["parts"] == 2  # the second run did split the batch
    one, two = np.array(runs[1]["losses"]), np.array(runs[2]["losses"])
    assert one[-1] < one[0] * 0.5  # it trained
    np.testing.assert_allclose(two[-20:], one[-20:], rtol=1e-4)


@pytest.mark.parametrize("command", [["train", "xor", "--steps", "3", "--quiet"],
                                     ["compare", "xor", "--optimizers", "sgd,adam", "--steps", "3", "--quiet"]])
def test_cli_threads_option(command, restore_threads, capsys):
    assert main([*command, "--threads", "1"]) == 0
    assert get_threads() == 1
    assert main([*command, "--threads", "0"]) == 2
    assert "--threads must be at least 1" in capsys.readouterr().err


def test_bench_reports_a_scaling_table(capsys, restore_threads):
    assert main(["bench", "--quick", "--json", "--no-torch", "--workloads", "tiny_mlp"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    counts = list(range(1, threads.max_threads() + 1)) if threads.max_threads() <= 4 else None
    if counts:
        assert report["thread_counts"] == counts
    row = report["workloads"]["tiny_mlp"]
    assert list(row["scaling"]) == [str(t) for t in report["thread_counts"]]
    for entry in row["scaling"].values():
        assert entry["engine_steps_per_s"] > 0 and len(entry["engine_rounds"]) == 2
    assert report["blas_threads"] in (1, None)


def test_bench_refuses_more_threads_than_the_pool(capsys):
    assert main(["bench", "--quick", "--threads", str(threads.max_threads() + 1)]) == 2
    assert "more than the" in capsys.readouterr().err


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_kernel_gemm_matches_numpy(dtype):
    """The kernels' products (numpy's own CBLAS, or np.dot where it is missing), every
    transpose, overwrite and accumulate."""
    from playground.engine.ops.blas import check

    rng = np.random.default_rng(3)
    for trans_a, trans_b, accumulate in itertools.product([False, True], repeat=3):
        a_, b_ = rng.standard_normal((5, 7)).astype(dtype), rng.standard_normal((7, 3)).astype(dtype)
        a = np.ascontiguousarray(a_.T) if trans_a else a_
        b = np.ascontiguousarray(b_.T) if trans_b else b_
        c = rng.standard_normal((5, 3)).astype(dtype)
        expected = a_ @ b_ + (c if accumulate else 0)
        check(a, b, c, trans_a, trans_b, accumulate)
        np.testing.assert_allclose(c, expected, rtol=1e-5 if dtype == np.float32 else 1e-12, atol=1e-5)
