"""`playground compare --sweep NODE.PARAM=...` and `--sweep NODE.type=...` as a user runs them."""
import json
import subprocess
import sys

from playground.engine.graph_sweep import swap_types
from playground.engine.registry import node_type
from playground.paths import PRESETS_DIR

SPIRAL = str(PRESETS_DIR / "concept_optimizers_spiral.json")


def run(*args):
    return subprocess.run([sys.executable, "-m", "playground", "compare", SPIRAL, "--optimizers", "adam",
                           "--steps", "5", "--quiet", *args], capture_output=True, text=True, timeout=300)


def test_sweeping_a_layers_units_runs_one_network_per_value():
    result = run("--sweep", "dense1.units=8,16,32", "--json")
    assert result.returncode == 0, result.stderr
    runs = json.loads(result.stdout.strip().splitlines()[-1])["runs"]
    assert [r["label"] for r in runs] == ["adam dense1.units=8", "adam dense1.units=16", "adam dense1.units=32"]
    assert [r["change"] for r in runs] == [{"name": "dense1.units", "value": v} for v in (8, 16, 32)]
    assert all(r["steps"] == 5 for r in runs)
    assert "the same initial weights wherever a layer keeps its shape" in result.stdout


def test_swapping_an_activation_type_and_a_bad_type_or_node():
    result = run("--sweep", "relu1.type=Sigmoid,relu,Tanh", "--json")
    assert result.returncode == 0, result.stderr
    runs = json.loads(result.stdout.strip().splitlines()[-1])["runs"]
    assert [r["label"] for r in runs] == ["adam relu1=Sigmoid", "adam relu1=ReLU", "adam relu1=Tanh"]
    bad = run("--sweep", "relu1.type=ReLU,Conv2D")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.strip().splitlines() == [
        "playground: bad --sweep 'relu1.type=ReLU,Conv2D': relu1.type: 'Conv2D' cannot replace ReLU; "
        "choose among " + ", ".join(swap_types(node_type("ReLU")))]
    missing = run("--sweep", "dense7.units=4")
    assert missing.returncode == 2
    assert "there is no node 'dense7'; the layers are: dense1, relu1" in missing.stderr
    broken = run("--sweep", "dense4.units=1,2")
    assert broken.returncode == 2
    assert broken.stderr == ("playground: adam dense4.units=2: changes the output from 1 to 2; every run "
                             "must give the same output\n")
