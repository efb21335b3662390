"""L1/L2 regularisation per layer: the penalty, its gradient, the training loop and its reports."""
import numpy as np
import pytest

from playground.engine import Model, Trainer
from playground.engine.loop import DivergenceGuard, train_step
from playground.engine.optim import make_optimizer
from playground.engine.registry import node_type
from playground.engine.validate import analyze
from tests.engine.gradcheck import numeric_grad
from tests.graphs import cnn_graph, mlp_graph


def _model(graph, rates, dtype=np.float64):
    for node_id, values in rates.items():
        graph.nodes[node_id].params.update(values)
    return Model(graph, analyze(graph), seed=1, dtype=dtype)


@pytest.mark.parametrize("graph, rates", [
    (mlp_graph(), {"dense1": {"l1": 0.03, "l2": 0.2}, "dense2": {"l2": 0.5}}),
    (cnn_graph(), {"conv1": {"l1": 0.01}, "conv2": {"l2": 0.1}, "dense": {"l1": 0.02, "l2": 0.05}}),
])
def test_penalty_and_its_gradient_match_finite_differences_in_float64(graph, rates):
    model = _model(graph, rates)
    data, y, _ = model.load_data()
    x, y = data.x_train[:6], y[:6]
    params = model.parameters()
    expected = sum(v.get("l1", 0) * np.abs(params[f"{n}.W"]).sum() + v.get("l2", 0) * (params[f"{n}.W"] ** 2).sum()
                   for n, v in rates.items())
    assert model.penalty.value() == pytest.approx(expected, rel=1e-12)
    assert {t.name for t in model.penalty.terms} == {f"{n}.W" for n in rates}  # biases are not penalised

    _, grads = model.loss_and_grads(x, y)
    model.penalty.add_gradient(grads)
    analytic = {k: g.copy() for k, g in grads.items()}

    def total() -> float:
        return model.loss_and_grads(x, y)[0] + model.penalty.value()

    for name in params:
        np.testing.assert_allclose(analytic[name], numeric_grad(total, params[name]), rtol=1e-5, atol=1e-7,
                                   err_msg=name)


def test_no_rates_no_penalty_and_the_same_training():
    plain = _model(mlp_graph(), {}, np.float32)
    zero = _model(mlp_graph(), {"dense1": {"l1": 0.0, "l2": 0.0}}, np.float32)
    assert plain.penalty is None and zero.penalty is None
    a, b = Trainer(plain, max_steps=20).run(), Trainer(zero, max_steps=20).run()
    assert a.train_loss == b.train_loss and a.regularisation is None


def test_the_loop_adds_the_penalty_gradient_and_reports_it_apart():
    model = _model(mlp_graph(), {"dense1": {"l2": 0.5}}, np.float32)
    data, y, _ = model.load_data()
    w = model.parameters()["dense1.W"]
    before = w.copy()
    _, grads = model.loss_and_grads(data.x_train[:8], y[:8])
    data_grad = grads["dense1.W"].copy()
    loss, ok = train_step(model, make_optimizer("sgd", lr=0.1), data.x_train[:8], y[:8], DivergenceGuard(model))
    assert ok and model.last_penalty == pytest.approx(0.5 * float((before ** 2).sum()), rel=1e-5)
    np.testing.assert_allclose(w, before - 0.1 * (data_grad + 2 * 0.5 * before), rtol=1e-5, atol=1e-6)
    events = []
    result = Trainer(model, max_steps=30, report_every=10, on_event=events.append).run()
    assert all(e.regularisation is not None and e.regularisation > 0 for e in events)
    assert result.regularisation == pytest.approx(model.penalty.value())


def test_l2_keeps_weights_smaller_and_l1_makes_them_sparse():
    runs = {name: _model(mlp_graph(hidden=16), {"dense1": rates}, np.float32)
            for name, rates in (("none", {}), ("l2", {"l2": 0.05}), ("l1", {"l1": 0.02}))}
    for model in runs.values():
        Trainer(model, epochs=15).run()
    w = {k: m.parameters()["dense1.W"] for k, m in runs.items()}
    assert np.linalg.norm(w["l2"]) < 0.8 * np.linalg.norm(w["none"])
    assert (np.abs(w["l1"]) < 1e-2).mean() > (np.abs(w["none"]) < 1e-2).mean() + 0.2


def test_dense_and_conv_declare_rates_and_show_them_on_the_node():
    for name in ("Dense", "Conv2D"):
        t = node_type(name)
        p = {**t.defaults(), "l2": 0.01}
        assert t.penalty_rates(p) == (0.0, 0.01) and t.params_with_role("weight") == ("W",)
        assert "L2 0.01" in t.summary(p)
    assert node_type("BatchNorm").penalty_rates({}) == (0.0, 0.0)


def test_train_json_reports_the_regularisation_term(tmp_path):
    import json
    import subprocess
    import sys

    from tests.graphs import mlp_graph as graph
    from playground.engine.preset import save_preset
    g = graph()
    g.nodes["dense1"].params["l2"] = 0.01
    path = tmp_path / "reg.json"
    save_preset(g, path)
    plain = tmp_path / "plain.json"
    save_preset(graph(), plain)
    out = {}
    for name, p in (("reg", path), ("plain", plain)):
        run = subprocess.run([sys.executable, "-m", "playground", "train", str(p), "--steps", "20", "--json", "--quiet"],
                             capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        out[name] = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["reg"]["regularisation"] > 0 and out["plain"]["regularisation"] is None


def test_exported_train_py_adds_the_same_penalty(tmp_path):
    torch = pytest.importorskip("torch")
    from playground.engine.export_project import export_project
    from tests.engine.test_export import assert_same_training, run_train
    g = mlp_graph()
    g.nodes["dense1"].params.update(l1=0.01, l2=0.05)
    g.nodes["dense2"].params.update(l2=0.1)
    model = Model(g, analyze(g))
    folder = export_project(model, tmp_path / "out")
    summary = run_train(folder, "--steps", "30", "--json", "--same-batches")
    engine = Model(g, analyze(g))
    result = Trainer(engine, max_steps=30, record_losses=True).run()
    assert_same_training(engine, result, summary, folder, torch)
