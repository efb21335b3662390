"""GAN nodes, validation messages, the D/G alternation, the modes metric, weights and the CLI JSON."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from playground.engine import (
    Trainer,
    analyze,
    load_preset,
    node_type,
)
from playground.engine.gan import GANModel, model_from_preset, modes_covered
from playground.engine.loop import DivergenceGuard
from playground.engine.model import checked_analysis
from playground.engine.sources.gan2d import grid_centres, ring_centres

ROOT = Path(__file__).resolve().parents[2]
PRESET = ROOT / "presets" / "gan_ring.json"


pytestmark = pytest.mark.usefixtures("one_engine_thread")


def small_gan(d_steps=1, hidden=8):
    g = load_preset(PRESET)
    g.nodes["gan"].params["d_steps"] = d_steps
    for n in ("g1", "g3", "d1", "d3"):
        g.nodes[n].params["units"] = hidden
    return g


def test_shapes_run_through_both_networks():
    a = analyze(small_gan())
    assert a.ok, a.problems
    assert a.shapes["noise"] == (2,) and a.shapes["g5"] == (2,) and a.shapes["realfake"] == (2,)
    assert a.shapes["d5"] == (1,) and a.num_classes == 8 and a.dataset == "data"


def test_validation_says_what_the_gan_lacks():
    g = small_gan()
    g.disconnect(next(e for e in g.edges if e.src_port == "g_loss"))
    assert "GANLoss 'gan': the generator has no optimizer: wire g_loss to an optimizer node" in \
        [p.message for p in analyze(g).problems]
    g = small_gan()
    g.nodes["d5"].params["units"] = 3
    assert any("the discriminator's output must be one unit" in p.message for p in analyze(g).problems)
    g = small_gan()
    g.nodes["g5"].params["units"] = 3
    assert any("the generator makes 3 samples but the real ones are 2" in p.message
               for p in analyze(g).problems)
    g = small_gan()
    g.add_node("SGD", node_id="third")
    assert any("only 2 Optimizer nodes are allowed" in p.message for p in analyze(g).problems)


def test_d_steps_discriminator_updates_for_each_generator_update():
    g = small_gan(d_steps=3)
    model = GANModel(g, checked_analysis(g, None))
    opt = model.make_optimizer()
    result = Trainer(model, opt, max_steps=12).run()
    assert result.steps == 12 and (opt.d.t, opt.g.t) == (9, 3)  # each optimizer's own step count
    assert (model.d_updates, model.g_updates) == (9, 3)


def test_a_discriminator_step_moves_only_d_and_a_generator_step_only_g():
    g = small_gan()
    model = GANModel(g, checked_analysis(g, None))
    opt, guard = model.make_optimizer(), DivergenceGuard(model)
    x = model.load_data()[0].x_train[:64]
    before = {k: v.copy() for k, v in model.parameters().items()}
    model.alternating_step(opt, x, None, guard)  # D
    moved = {k for k, v in model.parameters().items() if not np.array_equal(v, before[k])}
    assert moved == set(model.d_params)
    before = {k: v.copy() for k, v in model.parameters().items()}
    model.alternating_step(opt, x, None, guard)  # G
    moved = {k for k, v in model.parameters().items() if not np.array_equal(v, before[k])}
    assert moved == set(model.g_params)


@pytest.mark.parametrize("kind", ["minimax", "least_squares"])
def test_gan_loss_gradients_match_finite_differences(kind):
    t, p = node_type("GANLoss"), {"kind": kind, "d_steps": 1}
    rng = np.random.default_rng(0)
    real, fake = rng.standard_normal((5, 1)), rng.standard_normal((7, 1))
    _, g_real, g_fake = t.d_loss(p, real, fake)
    eps = 1e-6
    for arr, grad, f in ((real, g_real, lambda: t.d_loss(p, real, fake)[0]),
                         (fake, g_fake, lambda: t.d_loss(p, real, fake)[0]),
                         (fake, t.g_loss(p, fake)[1], lambda: t.g_loss(p, fake)[0])):
        for i in range(len(arr)):
            arr[i] += eps
            up = f()
            arr[i] -= 2 * eps
            down = f()
            arr[i] += eps
            assert grad[i, 0] == pytest.approx((up - down) / (2 * eps), rel=1e-4, abs=1e-8)


def test_modes_covered_counts_modes_with_enough_points_within_three_std():
    centres, std = ring_centres(), 0.05
    rng = np.random.default_rng(0)
    everywhere = centres[rng.integers(0, 8, 800)] + std * rng.standard_normal((800, 2))
    assert modes_covered(everywhere, centres, std) == 8
    collapsed = centres[[0] * 790 + [3] * 10] + std * rng.standard_normal((800, 2))
    assert modes_covered(collapsed, centres, std) == 1  # 10 points are too few to count mode 3
    assert modes_covered(np.zeros((800, 2)), centres, std) == 0  # the centre of the ring is no mode
    grid = grid_centres()
    assert modes_covered(grid[rng.integers(0, 12, 1000)], grid, std) == 12


def test_weights_of_both_networks_save_and_load(tmp_path):
    a = model_from_preset(small_gan())
    Trainer(a, max_steps=6).run()
    a.save_weights(tmp_path / "w.npz")
    b = model_from_preset(small_gan(), seed=5)
    z = a.noise_of(20)
    assert not np.allclose(a.generate(z), b.generate(z))
    b.load_weights(tmp_path / "w.npz")
    np.testing.assert_array_equal(a.generate(z), b.generate(z))
    np.testing.assert_array_equal(a.score(z), b.score(z))
    assert set(np.load(tmp_path / "w.npz").files) == set(a.d_params) | set(a.g_params)


def test_train_json_adds_gan_figures():
    out = subprocess.run([sys.executable, "-m", "playground", "train", "gan_ring", "--json", "--quiet",
                          "--steps", "20"], capture_output=True, text=True, cwd="/", check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert summary["steps"] == 20 and summary["stopped"] == "finished"
    assert isinstance(summary["d_loss"], float) and isinstance(summary["g_loss"], float)
    assert summary["modes_total"] == 8 and 0 <= summary["modes_covered"] <= 8


def test_the_benchmark_torch_twin_holds_the_engines_two_networks():
    torch = pytest.importorskip("torch")
    from playground.bench import GANTorchCase, engine_case

    case = engine_case("gan_2d")
    twin = GANTorchCase(case)
    z = case.model.noise_of(16)
    with torch.no_grad():
        fake = twin.g(torch.from_numpy(z)).numpy()
        score = twin.d(torch.from_numpy(fake)).numpy()
    np.testing.assert_allclose(fake, case.model.generate(z), atol=1e-5)
    np.testing.assert_allclose(score, case.model.score(fake), atol=1e-5)
    assert np.isfinite(case.step()) and np.isfinite(twin.step())


def test_the_loops_loss_is_the_discriminators_and_the_guard_sees_each_networks_own():
    g = small_gan()
    model = GANModel(g, checked_analysis(g, None))
    opt = model.make_optimizer()
    losses = Trainer(model, opt, max_steps=4, record_losses=True).run().step_losses
    assert losses[1] == losses[0] and losses[3] == losses[2] != losses[0]  # G steps: the last D loss

    class Refusing:
        def diverged(self, value, keep=True):
            self.seen = value
            return True

    guard, before = Refusing(), model.g_params["g1.W"].copy()
    model.updates = 1  # the generator's turn
    loss, ok = model.alternating_step(opt, np.zeros((4, 2), np.float32), None, guard)
    assert not ok and loss == guard.seen != model.last_d_loss  # the G loss itself was judged
    np.testing.assert_array_equal(model.g_params["g1.W"], before)  # and nothing was applied


def test_every_benchmark_workload_has_its_targets():
    from playground.bench import TARGETS, WORKLOADS

    assert all(None not in TARGETS[name] for name in WORKLOADS)  # no "Nonex" in the bench table
    assert TARGETS["gan_2d"][0] == 5.0  # issue 20: engine/torch at one thread


def test_a_diverging_gan_stops_with_weights_the_discriminator_vouched_for():
    """A generator's loss can stay fine on weights where the discriminator's has blown up (its
    huge scores fool nothing): the run stops, and the weights kept are ones D's loss was fine on."""
    g = small_gan(hidden=64)
    for opt in ("d_opt", "g_opt"):
        node = g.nodes[opt]
        kept = {k: node.params[k] for k in ("batch_size", "epochs", "seed")}
        node.type, node.params = "SGD", {**node_type("SGD").defaults(), **kept, "lr": 1e4}
    model = GANModel(g, checked_analysis(g, None))
    data = model.load_data()[0]
    start = model.evaluate(data.x_val, None)[0]
    result = Trainer(model, max_steps=200).run()
    assert result.status == "diverged" and result.steps < 200
    assert "the last good weights were kept" in result.message
    assert all(np.isfinite(v).all() for v in model.parameters().values())
    assert result.val_loss < 10 * start  # not the blown-up discriminator of the failing step


def cli_train(*args):
    out = subprocess.run([sys.executable, "-m", "playground", "train", *map(str, args), "--json", "--quiet"],
                         capture_output=True, text=True, cwd="/", check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1]), out.stderr


def test_cli_saves_and_loads_both_networks_weights(tmp_path):
    saved, _ = cli_train(PRESET, "--steps", "20", "--save-weights", tmp_path / "w.npz")
    model = model_from_preset(PRESET)
    model.load_weights(tmp_path / "w.npz")
    data = model.load_data()[0]
    assert model.evaluate(data.x_val, None)[0] == pytest.approx(saved["val_loss"], rel=1e-6)
    loaded, _ = cli_train(PRESET, "--steps", "1", "--load-weights", tmp_path / "w.npz")
    fresh, _ = cli_train(PRESET, "--steps", "1")
    opt, guard = model.make_optimizer(), DivergenceGuard(model)
    from playground.engine.loop import BatchSchedule

    x, y = BatchSchedule(data.x_train, np.zeros((len(data.x_train), 1)), model.seed).batch(0, 64)
    first = model.alternating_step(opt, x.astype(np.float32), y, guard)[0]
    assert loaded["step_losses"] == [pytest.approx(first, rel=1e-6)] != fresh["step_losses"]


def test_cli_reports_a_diverging_gan(tmp_path):
    g = small_gan(hidden=64)
    for opt in ("d_opt", "g_opt"):
        node = g.nodes[opt]
        kept = {k: node.params[k] for k in ("batch_size", "epochs", "seed")}
        node.type, node.params = "SGD", {**node_type("SGD").defaults(), **kept, "lr": 1e4}
    from playground.engine.preset import save_preset

    save_preset(g, tmp_path / "wild.json")
    summary, stderr = cli_train(tmp_path / "wild.json", "--steps", "100")
    assert summary["stopped"] == "diverged" and summary["steps"] < 100
    assert "the last good weights were kept" in summary["message"] and summary["message"] in stderr
    assert summary["val_loss"] < 10 and summary["modes_total"] == 8
