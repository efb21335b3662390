"""The performance paths compute what the op-by-op paths compute, and ``playground bench`` runs
on reduced workloads and prints valid JSON. No timing assertions: speed is a benchmark figure."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from playground.cli import main
from playground.engine import Model, Trainer, make_optimizer, threads
from tests.graphs import chain_preset

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def dense(units):
    return ("Dense", {"units": units})


CHAINS = [
    ([dense(8), ("Tanh", {}), dense(8), ("Tanh", {}), dense(1), ("Sigmoid", {})], "BCE", "circle"),
    ([dense(6), ("ReLU", {}), dense(5), ("LeakyReLU", {"alpha": 0.1}), dense(1), ("Sigmoid", {})], "BCE", "xor"),
    ([dense(16), ("ELU", {"alpha": 0.7}), dense(3), ("Softmax", {})], "CCE", "iris"),
    ([dense(7), ("Sigmoid", {}), ("Linear", {}), dense(1)], "MSE", "regression"),
    ([dense(4), ("Tanh", {}), dense(1), ("Sigmoid", {})], "MSE", "gauss"),
]


@pytest.mark.parametrize("layers,loss,source", CHAINS)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_fused_chain_matches_op_by_op(layers, loss, source, dtype):
    fused = Model.from_preset(chain_preset(layers, loss, source), seed=3, dtype=dtype)
    plain = Model.from_preset(chain_preset(layers, loss, source), seed=3, dtype=dtype)
    assert fused._chain is not None
    plain._chain = None  # force the op-by-op path
    data, y, _ = fused.load_data()
    x, y = data.x_train[:10], y[:10]
    tol = 1e-10 if dtype == np.float64 else 2e-5
    opt_f, opt_p = fused.make_optimizer(), plain.make_optimizer()
    for _ in range(3):  # and again after updates, through both optimizer paths
        loss_f, grads_f = fused.loss_and_grads(x, y)
        out_f = fused.last_output.copy()
        loss_p, grads_p = plain.loss_and_grads(x, y)
        assert loss_f == pytest.approx(loss_p, rel=tol, abs=tol)
        np.testing.assert_allclose(out_f, plain.last_output, rtol=tol, atol=tol)
        for k in grads_p:
            np.testing.assert_allclose(grads_f[k], grads_p[k], rtol=tol * 10, atol=tol)
        fused.train_step(x, y, opt_f)
        plain.train_step(x, y, opt_p)


def test_chains_of_wide_layers_use_blas_and_other_models_the_ops():
    small = Model.from_preset(chain_preset([dense(30), ("ReLU", {}), dense(1), ("Sigmoid", {})], "BCE"))
    wide = Model.from_preset(chain_preset([dense(300), ("ReLU", {}), dense(1), ("Sigmoid", {})], "BCE"))
    prelu = Model.from_preset(chain_preset([dense(4), ("PReLU", {}), dense(1), ("Sigmoid", {})], "BCE"))
    conv = Model.from_preset(os.path.join(ROOT, "benchmarks", "digits_cnn.json"))
    assert not small._chain.blas and wide._chain.blas  # unrolled loops, and BLAS past 256 units
    assert prelu._chain is None and conv._chain is None  # a learnable activation; a convolution


def test_parameters_are_views_of_one_flat_vector(tmp_path):
    model = Model.from_preset(os.path.join(ROOT, "benchmarks", "digits_cnn.json"), seed=1)
    flat = model.flat_parameters()
    params = model.parameters()
    assert flat.size == sum(p.size for p in params.values())
    for p in params.values():
        assert np.shares_memory(p, flat)
    params["dense1.b"][:] = 7
    assert (flat == 7).sum() == params["dense1.b"].size
    model.save_weights(tmp_path / "w.npz")
    other = Model.from_preset(os.path.join(ROOT, "benchmarks", "digits_cnn.json"), seed=2)
    other.load_weights(tmp_path / "w.npz")
    np.testing.assert_array_equal(other.flat_parameters(), flat)
    assert np.shares_memory(other.parameters()["conv1.W"], other.flat_parameters())


@pytest.mark.parametrize("key", ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
def test_flat_optimizer_step_equals_per_parameter_steps(key):
    hp = {"weight_decay": 0.01}
    if key == "adagrad":
        hp["initial_accumulator_value"] = 0.1
    if key == "rmsprop":
        hp["momentum"] = 0.5
    a = Model.from_preset(os.path.join(ROOT, "benchmarks", "digits_cnn.json"), seed=0, dtype=np.float64)
    b = Model.from_preset(os.path.join(ROOT, "benchmarks", "digits_cnn.json"), seed=0, dtype=np.float64)
    opt_a, opt_b = make_optimizer(key, **hp), make_optimizer(key, **hp)
    data, y, _ = a.load_data()
    for i in range(4):
        x, t = data.x_train[i * 8:(i + 1) * 8], y[i * 8:(i + 1) * 8]
        a.train_step(x, t, opt_a)  # one kernel over the flat vector
        _, grads = b.loss_and_grads(x, t)
        opt_b.step(b.parameters(), grads)  # name by name
        if i == 1:  # switching entry points keeps one state
            _, grads = a.loss_and_grads(x, t)
            opt_a.step(a.parameters(), grads)
            b.train_step(x, t, opt_b)
    for k, p in a.parameters().items():
        np.testing.assert_allclose(p, b.parameters()[k], rtol=1e-12, atol=1e-14)
    for name, slots in opt_a.state.items():
        for s, v in slots.items():
            np.testing.assert_allclose(v, opt_b.state[name][s], rtol=1e-12, atol=1e-14)


def test_trainer_divergence_restores_the_flat_snapshot():
    model = Model.from_preset(chain_preset([dense(8), ("Tanh", {}), dense(1), ("Sigmoid", {})], "BCE",
                                           opt=("SGD", {"lr": 1e6})), seed=0)
    result = Trainer(model, epochs=50).run()
    assert result.status == "diverged"
    assert np.isfinite(model.flat_parameters()).all()


def test_first_layer_skips_the_data_gradient():
    model = Model.from_preset(os.path.join(ROOT, "benchmarks", "mlp_mnist.json"))
    assert model.ops["dense1"].input_grad is False and model.ops["dense2"].input_grad is True
    lenet = Model.from_preset(os.path.join(ROOT, "benchmarks", "lenet.json"))
    assert lenet.ops["conv1"].input_grad is False and lenet.ops["conv2"].input_grad is True


def _bench_json(capsys, *args):
    assert main(["bench", "--quick", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_bench_quick_prints_the_speed_report(capsys):
    report = _bench_json(capsys, "--no-torch", "--workloads", "tiny_mlp,digits_cnn", "--threads", "1")
    assert report["threads"] == 1 and report["quick"] is True
    assert set(report["workloads"]) == {"tiny_mlp", "digits_cnn"}
    for row in report["workloads"].values():
        assert row["engine_steps_per_s"] > 0 and row["engine_samples_per_s"] > 0
        assert row["torch_steps_per_s"] is None and row["ratio"] is None
        assert {"batch_size", "target_ratio", "hot_loop_alloc_bytes"} <= set(row)
    assert report["cold_compile"] is None
    assert report["warm_start"]["tiny_mlp"]["seconds"] > 0
    assert report["rss"]["steps"] == 500 and "rss_growth_mb" in report["rss"]
    assert {"machine", "load_average_start", "load_average_end"} <= set(report)


def test_bench_compares_with_torch_when_installed(capsys):
    pytest.importorskip("torch")
    report = _bench_json(capsys, "--workloads", "tiny_mlp", "--threads", "1")
    row = report["workloads"]["tiny_mlp"]
    assert row["torch_steps_per_s"] > 0 and row["ratio"] > 0 and report["torch_version"]


@pytest.mark.parametrize("env,core,mode,held", [
    ("Haswell", "Haswell", "match", "AVX2"),  # this workplace: OPENBLAS_CORETYPE on an AVX-512 CPU
    ("Sandybridge", "Sandybridge", "match", "AVX"),
    ("Haswell", "Haswell", "native", None),
    (None, "Haswell", "match", None),  # OpenBLAS's own pick on an AVX2 processor: torch's is the same
    ("SkylakeX", "SkylakeX", "match", None),
])
def test_torch_is_held_to_the_instruction_set_openblas_is_forced_onto(monkeypatch, env, core, mode, held):
    from playground import bench

    monkeypatch.setattr(threads, "blas_core", lambda: core)
    if env:
        monkeypatch.setenv("OPENBLAS_CORETYPE", env)
    else:
        monkeypatch.delenv("OPENBLAS_CORETYPE", raising=False)
    assert bench.torch_isa(mode) == held


def test_the_torch_twin_runs_the_instruction_set_it_is_held_to():
    from playground import bench

    torch = pytest.importorskip("torch")
    if torch.backends.cpu.get_cpu_capability() not in ("AVX2", "AVX512"):
        pytest.skip("this processor has no AVX2")
    twin = bench.TorchProcess("tiny_mlp", "AVX2")
    try:
        assert twin.capability == "AVX2"
        assert twin.rate(1, 5) > 0
    finally:
        twin.close()


def test_bench_reliability_cycles_do_not_deadlock(capsys):
    report = _bench_json(capsys, "--reliability", "--cycles", "40")
    assert report["control_cycles"]["cycles"] == 40
    assert report["control_cycles"]["deadlocks"] == 0
    assert sum(report["control_cycles"]["statuses"].values()) == 40
    assert "rss_growth_mb" in report["rss"]


def test_bench_rejects_unknown_workloads(capsys):
    assert main(["bench", "--quick", "--workloads", "nope"]) == 2
    assert "unknown workload nope" in capsys.readouterr().err


def test_bench_gui_reports_latency_and_throughput(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "HOME": str(tmp_path)}
    if os.environ.get("NUMBA_CACHE_DIR") is None and not os.access(ROOT, os.W_OK):
        pytest.skip("needs the package's Numba cache")
    proc = subprocess.run([sys.executable, "-m", "playground", "bench", "--gui", "--quick", "--json",
                           "--seconds", "1.5"], capture_output=True, text=True, timeout=600, cwd=ROOT,
                          env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert {"event_loop_p50_ms", "event_loop_p99_ms", "gui_throughput_ratio"} <= set(report)
    assert report["steps"] > 0 and report["gui_throughput_ratio"] > 0
    assert report["threads"] == threads.interactive_threads()  # the window's default, not the engine's
