"""The GAN's training step: the fused chains compute what the ops compute, the noise buffers draw
what fresh arrays would, and each network's L1/L2 regularisation joins its own update."""
from pathlib import Path

import numpy as np
import pytest

from playground.engine import load_preset, node_type
from playground.engine.gan import GANModel
from playground.engine.loop import DivergenceGuard
from playground.engine.model import checked_analysis

PRESET = Path(__file__).resolve().parents[2] / "presets" / "gan_ring.json"


pytestmark = pytest.mark.usefixtures("one_engine_thread")


def gan(kind="minimax", distribution="normal", d_steps=1, latent=2, l1=0.0, l2=0.0, layer="d3",
        dtype=np.float32):
    g = load_preset(PRESET)
    g.nodes["gan"].params.update(kind=kind, d_steps=d_steps)
    g.nodes["noise"].params.update(distribution=distribution, size=latent)
    for n in ("g1", "g3", "d1", "d3"):
        g.nodes[n].params["units"] = 16
    g.nodes[layer].params.update(l1=l1, l2=l2)
    return GANModel(g, checked_analysis(g, None), seed=3, dtype=dtype)


def run(model, steps=12):
    data = model.load_data()[0].x_train
    opt, guard = model.make_optimizer(), DivergenceGuard(model)
    losses = [model.alternating_step(opt, data[8 * i % 800:8 * i % 800 + 8], None, guard)[0] for i in range(steps)]
    return np.array(losses), (model.last_d_loss, model.last_g_loss), model.parameters()


@pytest.mark.parametrize("kind, distribution, d_steps, latent",
                         [("minimax", "normal", 1, 2), ("least_squares", "uniform", 2, 3)])
def test_the_fused_chains_train_as_the_ops_do(kind, distribution, d_steps, latent):
    fast = gan(kind, distribution, d_steps, latent)
    slow = gan(kind, distribution, d_steps, latent)
    assert fast._d_chain is not None and fast._g_chain is not None
    slow._d_chain = slow._g_chain = None  # the op-by-op path
    a, last_a, pa = run(fast)
    b, last_b, pb = run(slow)
    np.testing.assert_allclose(a, b, rtol=1e-5)
    np.testing.assert_allclose(last_a, last_b, rtol=1e-5)
    for k in pa:
        np.testing.assert_allclose(pa[k], pb[k], atol=1e-6, err_msg=k)
    assert not np.array_equal(pa["g1.W"], gan(kind, distribution, d_steps, latent).parameters()["g1.W"])


@pytest.mark.parametrize("distribution", ["normal", "uniform"])
def test_noise_into_buffers_draws_the_numbers_of_fresh_arrays(distribution):
    noise = node_type("Noise")
    p = {"size": 3, "distribution": distribution}
    fresh = noise.sample(p, 5, np.random.default_rng(7), np.float32)
    out, scratch = np.empty((5, 3), np.float32), np.empty((5, 3))
    np.testing.assert_array_equal(noise.sample(p, 5, np.random.default_rng(7), np.float32, out=out,
                                               scratch=scratch), fresh)


@pytest.mark.parametrize("layer, net", [("d3", "d"), ("g3", "g")])
def test_l1_l2_of_a_layer_joins_its_own_networks_update(layer, net):
    model = gan(l1=0.01, l2=0.05, layer=layer, dtype=np.float64)
    own, other = ((model.d_penalty, model.g_penalty) if net == "d" else (model.g_penalty, model.d_penalty))
    assert own is not None and other is None
    assert [t.name for t in own.terms] == [f"{layer}.W"]  # weights only, never the bias
    x = model.load_data()[0].x_train[:8].astype(np.float64)
    if net == "g":
        model.updates = model.d_steps  # the generator's turn
    # the gradient the step applies is the data loss's plus d(l1 |W| + l2 W^2)/dW
    state = model.noise_rng.bit_generator.state
    data_loss = model.g_loss_and_grads() if net == "g" else model.d_loss_and_grads(x)
    grads = model.g_grads if net == "g" else model.d_grads
    expected = grads[f"{layer}.W"].copy()
    w = model.parameters()[f"{layer}.W"]
    expected += 0.01 * np.sign(w) + 2 * 0.05 * w
    model.noise_rng.bit_generator.state = state  # the same fakes again

    seen = {}

    class Guard:
        def diverged(self, value, keep=True):
            seen["value"] = value
            seen["grad"] = grads[f"{layer}.W"].copy()
            return True  # judge only: nothing is applied

    model.alternating_step(model.make_optimizer(), x, None, Guard())
    np.testing.assert_allclose(seen["grad"], expected, rtol=1e-12)
    penalty = 0.01 * np.abs(w).sum() + 0.05 * (w * w).sum()
    assert model.last_penalty == pytest.approx(penalty) and penalty > 0
    assert seen["value"] == pytest.approx(data_loss + penalty)  # the guard judges both terms


def test_regularisation_shrinks_the_weights_it_names():
    plain, strong = gan(), gan(l2=0.5, layer="g3")
    run(plain, 100)
    run(strong, 100)
    norm = {m: float(np.linalg.norm(m.parameters()["g3.W"])) for m in (plain, strong)}
    assert norm[strong] < 0.9 * norm[plain]


def test_the_runs_summary_reports_both_networks_regularisation():
    from playground.engine import Trainer

    model = gan(l2=0.05, layer="d3")  # only the discriminator's layer is regularised
    result = Trainer(model, max_steps=6).run()
    assert result.regularisation == pytest.approx(model.penalty.value()) and result.regularisation > 0
    assert model.g_penalty is None  # the last step was the generator's: D's term still counts
    assert model.last_penalty == pytest.approx(model.d_penalty.value())
