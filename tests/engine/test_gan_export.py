"""A GAN exported as a PyTorch project: both networks as modules, the alternating loop in train.py,
each with what the engine does (the modules' outputs, the losses of the same first steps)."""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from playground.engine import Trainer, load_preset, node_type
from playground.engine.export_project import export_project
from playground.engine.export_torch import ExportError, check_exportable
from playground.engine.gan import GANModel, model_from_preset
from playground.engine.model import checked_analysis
from playground.engine.ops.activations import IdentityOp
from playground.engine.preset import save_preset
from playground.engine.registry import REGISTRY, NodeType, register
from tests.engine.exported import load_module

ROOT = Path(__file__).resolve().parents[2]
PRESET = ROOT / "presets" / "gan_ring.json"
FILES = {"model.py", "train.py", "weights.npz", "data.npz", "README.md"}


pytestmark = pytest.mark.usefixtures("one_engine_thread")


def variant(tmp_path, kind="minimax", distribution="normal", d_steps=1, l2=0.0, g_opt=None):
    """gan_ring with small networks and the given loss, noise and settings, as a preset file."""
    g = load_preset(PRESET)
    g.nodes["gan"].params.update(kind=kind, d_steps=d_steps)
    g.nodes["noise"].params.update(distribution=distribution, size=3)
    for n in ("g1", "g3", "d1", "d3"):
        g.nodes[n].params["units"] = 16
    g.nodes["d3"].params["l2"] = l2
    g.nodes["g3"].params["l1"] = l2 / 2
    if g_opt is not None:
        node = g.nodes["g_opt"]
        kept = {k: node.params[k] for k in ("batch_size", "epochs", "seed")}
        node.type, node.params = g_opt[0], {**node_type(g_opt[0]).defaults(), **kept, **g_opt[1]}
    path = tmp_path / "gan.json"
    save_preset(g, path)
    return path


def test_cli_export_writes_both_networks_and_their_loop(tmp_path):
    run = subprocess.run([sys.executable, "-m", "playground", "export", "gan_ring", "-o", str(tmp_path / "out")],
                         capture_output=True, text=True, check=False, cwd="/", env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    assert "trained in turns" in run.stdout
    folder = tmp_path / "out"
    assert {p.name for p in folder.iterdir()} == FILES
    model_py, train_py = (folder / "model.py").read_text(), (folder / "train.py").read_text()
    assert "class Generator(nn.Module)" in model_py and "class Discriminator(nn.Module)" in model_py
    assert "D_STEPS = 1" in train_py and "torch.optim.Adam" in train_py
    with np.load(folder / "weights.npz") as w:
        assert {k.split(".")[0] for k in w.files} == {"generator", "discriminator"}
    with np.load(folder / "data.npz") as d:
        assert d["modes"].shape == (8, 2) and d["x_train"].shape[1:] == (2,)


def test_onnx_of_a_gan_is_refused_in_one_line(tmp_path):
    run = subprocess.run([sys.executable, "-m", "playground", "export", "gan_ring", "--to", "onnx", "-o",
                          str(tmp_path / "g.onnx")], capture_output=True, text=True, check=False, cwd="/",
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "playground: a GAN's two networks export as a PyTorch project (--to torch), not as one ONNX network"]
    assert not (tmp_path / "g.onnx").exists()


def test_a_node_type_without_export_is_still_refused_before_any_model_is_built():
    @register
    class Wobble(NodeType):
        type_name = "Wobble"
        category = "Activations"
        help = "A test activation."
        torch_exportable = False

        @classmethod
        def build(cls, shapes, p, rng, dtype):
            return IdentityOp()

    try:
        g = load_preset(PRESET)
        g.nodes["g2"].type = "Wobble"
        with pytest.raises(ExportError, match="the Wobble nodes have no PyTorch export yet"):
            check_exportable(g)
        check_exportable(load_preset(PRESET))  # a GAN's own nodes all export
    finally:
        del REGISTRY["Wobble"]


@pytest.mark.parametrize("kind, distribution", [("minimax", "normal"), ("least_squares", "uniform")])
def test_each_module_computes_what_the_engine_does(kind, distribution, tmp_path):
    torch = pytest.importorskip("torch")
    model = model_from_preset(variant(tmp_path, kind, distribution, l2=0.01), seed=4)
    Trainer(model, max_steps=7).run()  # trained weights, not just the initial ones
    folder = export_project(model, tmp_path / "out")
    exported = load_module(folder / "model.py", "exported_gan_model")
    generator, discriminator = exported.build_models(exported.WEIGHTS)
    z = model.noise_of(50)
    exported_z = exported.sample_noise(50, np.random.default_rng(model.EVAL_SEED)).numpy()
    np.testing.assert_array_equal(exported_z, z)  # the same noise stream
    with torch.no_grad():
        fake = generator(torch.from_numpy(z)).numpy()
        x = model.load_data()[0].x_val[:50]
        score = discriminator(torch.from_numpy(x)).numpy()
        p = discriminator.probability(torch.from_numpy(x)).numpy()
        penalties = float(generator.penalty()), float(discriminator.penalty())
    np.testing.assert_allclose(fake, model.generate(z), atol=1e-4)
    np.testing.assert_allclose(score, model.score(x), atol=1e-4)
    np.testing.assert_allclose(p, model.probability(x), atol=1e-4)
    assert penalties == pytest.approx((model.g_penalty.value(), model.d_penalty.value()), rel=1e-5)
    assert min(penalties) > 0


@pytest.mark.parametrize("kind, distribution, d_steps, g_opt", [
    ("minimax", "normal", 1, None),
    ("least_squares", "uniform", 2, ("Momentum", {"lr": 0.02, "clip_norm": 0.5})),
])
def test_train_py_same_batches_tracks_the_engines_losses(kind, distribution, d_steps, g_opt, tmp_path):
    """The same real batches and noise stream: train.py's D and G losses are the engine's."""
    pytest.importorskip("torch")
    steps = 30
    source = variant(tmp_path, kind, distribution, d_steps, l2=0.01, g_opt=g_opt)
    folder = export_project(model_from_preset(source), tmp_path / "out")
    train = load_module(folder / "train.py", "exported_gan_train")
    summary = train.main(["--device", "cpu", "--checkpoint", str(tmp_path / "ck.pt"), "--steps", str(steps),
                          "--same-batches", "--json"])
    model = model_from_preset(source)
    result = Trainer(model, max_steps=steps, record_losses=True).run()
    assert summary["status"] == result.status == "finished" and summary["steps"] == steps
    np.testing.assert_allclose(summary["step_losses"], result.step_losses, rtol=1e-4)
    assert len(summary["g_losses"]) == steps // (d_steps + 1)
    assert summary["d_loss"] == pytest.approx(model.last_d_loss, rel=1e-4)
    assert summary["g_loss"] == pytest.approx(model.last_g_loss, rel=1e-4)
    assert summary["val_loss"] == pytest.approx(result.val_loss, rel=1e-4)
    report = model.report()
    assert (summary["modes_covered"], summary["modes_total"]) == (report["modes_covered"], 8)


def test_train_py_resumes_where_it_stopped(tmp_path):
    pytest.importorskip("torch")
    folder = export_project(model_from_preset(variant(tmp_path)), tmp_path / "out")
    train = load_module(folder / "train.py", "exported_gan_train")
    args = ["--device", "cpu", "--same-batches", "--json"]
    whole = train.main([*args, "--steps", "16", "--checkpoint", str(tmp_path / "a.pt")])
    train.main([*args, "--steps", "9", "--checkpoint", str(tmp_path / "b.pt")])
    rest = train.main([*args, "--steps", "16", "--checkpoint", str(tmp_path / "b.pt"),
                       "--resume", str(tmp_path / "b.pt")])
    np.testing.assert_allclose(rest["step_losses"], whole["step_losses"], rtol=1e-6)


def test_the_exported_model_runs_on_its_own(tmp_path):
    pytest.importorskip("torch")
    g = load_preset(PRESET)
    folder = export_project(GANModel(g, checked_analysis(g, None)), tmp_path / "out")
    run = subprocess.run([sys.executable, "model.py"], cwd=folder, capture_output=True, text=True, check=False,
                         env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert run.returncode == 0, run.stderr
    assert "samples: (4, 2) probabilities: (4, 1)" in run.stdout


@pytest.mark.parametrize("arrays, words", [
    ({"x_train": np.zeros((4, 2), np.float32)}, ["has no x_val", "it needs x_train, x_val"]),
    ({"x_train": np.zeros((4, 3), np.float32), "x_val": np.zeros((2, 3), np.float32)},
     ["x_train has samples of shape (3,)", "the networks take (2,)"]),
])
def test_train_py_refuses_data_it_cannot_use_in_one_line(arrays, words, tmp_path):
    pytest.importorskip("torch")
    folder = export_project(model_from_preset(variant(tmp_path)), tmp_path / "out")
    np.savez(tmp_path / "mine.npz", **arrays)
    train = load_module(folder / "train.py", "exported_gan_train")
    with pytest.raises(SystemExit) as stop:
        train.main(["--device", "cpu", "--data", str(tmp_path / "mine.npz")])
    message = str(stop.value)
    assert message.startswith("train.py: ") and all(w in message for w in words), message
