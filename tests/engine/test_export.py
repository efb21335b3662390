"""Export to a standalone PyTorch script: every preset exports; with torch, outputs match the engine."""
import importlib.util
import subprocess
import sys

import numpy as np
import pytest

from playground.cli import main
from playground.engine import Graph, Model
from playground.engine.export_torch import export_torch, torch_script
from playground.paths import PRESETS_DIR
from tests.graphs import chain, finish

PRESETS = ["xor", "spiral", "circle", "iris", "digits_cnn", "mnist_lenet"]


def every_layer_graph():
    """One graph that uses every layer and activation type the exporter has to translate."""
    g = Graph("all layers")
    g.add_node("Dataset", {"source": "digits"}, node_id="data")
    layers = [("Conv2D", {"channels": 4, "kernel": 3, "stride": 2, "padding": "same"}, "conv-a"),
              ("BatchNorm", {}, "bn"), ("ELU", {"alpha": 0.7}, "elu"),
              ("Conv2D", {"channels": 4, "kernel": 3, "padding": "same"}, "class")]
    chain(g, ("data", "x"), layers)
    g.add_node("Add", node_id="add")
    g.connect("class", "out", "add", "in")
    g.connect("elu", "out", "add", "in")
    g.add_node("MinPool2D", {"size": 2}, node_id="minpool")
    g.add_node("AvgPool2D", {"size": 2}, node_id="avgpool")
    g.add_node("Concat", node_id="cat")
    g.connect("add", "out", "minpool", "in")
    g.connect("add", "out", "avgpool", "in")
    g.connect("minpool", "out", "cat", "in")
    g.connect("avgpool", "out", "cat", "in")
    tail = [("Flatten", {}, "x"), ("Dense", {"units": 12}, "dense"), ("PReLU", {}, "prelu"),
            ("Dropout", {"rate": 0.3}, "drop"), ("LeakyReLU", {"alpha": 0.1}, "leaky"),
            ("Dense", {"units": 10}, "logits"), ("Softmax", {}, "out")]
    return finish(g, chain(g, ("cat", "out"), tail), "CCE", "Adam")


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_exports_readable_script(name, tmp_path):
    model = Model.from_preset(PRESETS_DIR / f"{name}.json")
    script, weights = export_torch(model, tmp_path / f"{name}.py")
    source = script.read_text()
    compile(source, str(script), "exec")
    assert "def build_model" in source and "class Net(nn.Module)" in source
    with np.load(weights) as arrays:
        assert sum(arrays[k].size for k in arrays.files) == model.analysis.total_params


def load_module(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("source", ["mnist_lenet", "spiral", "every_layer"])
def test_exported_module_matches_engine_forward(source, tmp_path):
    torch = pytest.importorskip("torch")
    graph = every_layer_graph() if source == "every_layer" else PRESETS_DIR / f"{source}.json"
    model = Model.from_preset(graph, seed=3)
    data, y, _ = model.load_data()
    opt = model.make_optimizer()
    for i in range(5):  # move BatchNorm statistics and weights away from their initial values
        model.train_step(data.x_train[i * 16:(i + 1) * 16], y[i * 16:(i + 1) * 16], opt)
    script, _ = export_torch(model, tmp_path / "model.py")
    net = load_module(script).build_model()
    x = data.x_val[:32]
    with torch.no_grad():
        theirs = net(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(theirs, model.forward(x), atol=1e-4)
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "output shape: (4," in run.stdout


def test_names_that_are_not_python_identifiers_are_renamed():
    source, state = torch_script(Model.from_preset(every_layer_graph()), "w.npz")
    assert "self.n_class = " in source and "self.n_x = " in source and "self.conv_a = " in source
    assert "n_class.1.weight" in state and "conv_a.1.weight" in state


def test_cli_export_with_trained_weights(tmp_path, capsys):
    weights = tmp_path / "w.npz"
    assert main(["train", "xor", "--epochs", "1", "--quiet", "--save-weights", str(weights)]) == 0
    out = tmp_path / "xor_model.py"
    assert main(["export", "xor", "--weights", str(weights), "--to", "torch", "-o", str(out)]) == 0
    assert out.exists() and out.with_suffix(".npz").exists()
    assert main(["export", "xor", "--weights", str(tmp_path / "nope.npz"), "-o", str(out)]) == 2
    assert "nope.npz" in capsys.readouterr().err
