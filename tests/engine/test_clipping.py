"""Gradient clipping by global norm: an optimizer setting, applied by every update path, exported to
train.py as torch.nn.utils.clip_grad_norm_."""
import numpy as np
import pytest

from playground.engine import Model, Trainer, make_optimizer
from playground.engine.export_project import export_project
from playground.engine.optim import clip_by_global_norm
from tests.engine.test_export import assert_same_training, run_train
from tests.engine.test_recurrent import sequence_graph


def test_clipping_scales_all_gradients_together_only_above_the_limit():
    a, b = np.array([3.0, 0.0]), np.array([[0.0], [4.0]])
    assert clip_by_global_norm([a, b], 10.0) == pytest.approx(5.0)
    np.testing.assert_array_equal(a, [3.0, 0.0])
    assert clip_by_global_norm([a, b], 1.0) == pytest.approx(5.0)
    np.testing.assert_allclose(np.sqrt((a ** 2).sum() + (b ** 2).sum()), 1.0, rtol=1e-5)
    np.testing.assert_allclose(a[0] / b[1, 0], 0.75)  # the direction is kept


@pytest.mark.parametrize("flat", [False, True])
def test_an_optimizer_with_clip_norm_takes_a_bounded_step(flat):
    opt = make_optimizer("sgd", lr=0.5, clip_norm=2.0)
    p = np.zeros(4)
    g = np.array([100.0, 0.0, 0.0, 0.0])
    if flat:
        opt.step_flat(p, g, (("w", 0, 4),))
    else:
        opt.step({"w": p}, {"w": g})
    np.testing.assert_allclose(p, [-1.0, 0, 0, 0], rtol=1e-6)
    off = make_optimizer("sgd", lr=0.5)
    q = np.zeros(4)
    off.step({"w": q}, {"w": np.array([100.0, 0.0, 0.0, 0.0])})
    assert q[0] == -50.0


def test_clipping_changes_the_training_of_a_recurrent_model():
    def losses(clip):
        g = sequence_graph("LSTM", length=12, symbols=4)
        g.nodes["opt"].params["clip_norm"] = clip
        return Trainer(Model.from_preset(g), max_steps=20, record_losses=True).run().step_losses

    plain, clipped = losses(0.0), losses(0.05)
    assert plain[0] == clipped[0] and plain[5:] != clipped[5:]


def test_train_py_clips_as_the_engine_does(tmp_path):
    torch = pytest.importorskip("torch")
    g = sequence_graph("GRU", length=10, symbols=4)
    g.nodes["opt"].params["clip_norm"] = 0.1
    folder = export_project(Model.from_preset(g), tmp_path / "out")
    assert "CLIP_NORM = 0.1" in (folder / "train.py").read_text()
    summary = run_train(folder, "--steps", "20", "--json", "--same-batches")
    model = Model.from_preset(g)
    result = Trainer(model, max_steps=20, record_losses=True).run()
    assert_same_training(model, result, summary, folder, torch)
