"""The command line, run as a user would: subprocesses for exit codes, main() for output."""
import json
import subprocess
import sys

import pytest

from playground.cli import main
from playground.paths import PRESETS_DIR


def run(*args):
    return subprocess.run([sys.executable, "-m", "playground", *args], capture_output=True, text=True,
                          timeout=300)


def test_check_prints_summary_table(capsys):
    assert main(["check", str(PRESETS_DIR / "mnist_lenet.json")]) == 0
    out = capsys.readouterr().out
    assert "conv1" in out and "6x28x28" in out and "Total params: 61,706" in out


def test_check_reports_every_problem_and_exits_2(tmp_path, capsys):
    data = json.loads((PRESETS_DIR / "digits_cnn.json").read_text())
    for node in data["nodes"]:
        if node["id"] == "conv1":
            node["params"]["kernel"] = 11
        if node["id"] == "dense1":
            node["params"]["units"] = 7
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Conv2D 'conv1'" not in err  # same padding never shrinks below the kernel
    assert "CCE 'loss': gets 7 outputs for 10 classes" in err


def test_malformed_file_one_line_no_traceback(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "nn-playground-preset", "version": 1, "nodes": [')
    result = run("check", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "broken.json" in result.stderr


def test_train_json_summary(tmp_path):
    weights = tmp_path / "w.npz"
    result = run("train", str(PRESETS_DIR / "xor.json"), "--epochs", "2", "--json", "--save-weights", str(weights))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    for key in ("preset", "epochs", "steps", "train_loss", "val_loss", "train_accuracy",
                "val_accuracy", "seconds", "stopped"):
        assert key in summary
    assert summary["stopped"] == "finished" and summary["epochs"] == 2
    assert "step" in result.stderr and weights.exists()


def test_train_divergence_reported_in_json(capsys):
    assert main(["train", "xor", "--lr", "1e6", "--optimizer", "sgd", "--json", "--quiet"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["stopped"] == "diverged"


@pytest.mark.parametrize("args,message", [
    (["train", "xor", "--optimizer", "lion"], "unknown optimizer 'lion'"),
    (["train", "xor", "--epochs", "0"], "--epochs must be at least 1"),
    (["train", "nothing.json"], "nothing.json: no such file"),
])
def test_bad_arguments_exit_2(args, message, capsys):
    assert main(args) == 2
    assert message in capsys.readouterr().err
