"""Optimizer comparison: fair start and batches, sweeps, divergence, outputs, CLI."""
import csv
import itertools
import json

import numpy as np
import pytest

from playground.cli import main
from playground.engine import Model, Trainer
from playground.engine.compare import CompareError, Comparison, RunSpec, make_specs
from playground.paths import PRESETS_DIR
from tests.graphs import mlp_graph

XOR = str(PRESETS_DIR / "xor.json")
RESULT_KEYS = ("optimizer", "hparams", "initial_loss", "final_train_loss", "final_val_loss",
               "final_val_accuracy", "best_val_accuracy", "seconds", "history")


def record_batches(comparison):
    """Label -> list of the training batches its model is given (copies)."""
    seen = {}
    for label in comparison.labels:
        model = comparison.model(label)
        seen[label] = batches = []

        def spy(x, y, training=True, _inner=model.loss_and_grads, _batches=batches):
            _batches.append(x.copy())
            return _inner(x, y, training)
        model.loss_and_grads = spy
    return seen


def test_every_run_starts_from_the_same_weights_and_first_batch():
    specs = make_specs(["sgd", "momentum", "adagrad", "rmsprop", "adam"])
    comparison = Comparison(XOR, specs, steps=3, min_evals=1000)  # evaluate after every step
    params = [comparison.model(label).parameters() for label in comparison.labels]
    for other in params[1:]:
        assert all(np.array_equal(other[k], params[0][k]) for k in params[0])
    results = comparison.run()
    reference = Model.from_preset(XOR)
    data, y_train, _ = reference.load_data()
    assert results[0]["initial_loss"] == pytest.approx(reference.evaluate(data.x_train, y_train)[0])
    assert len({r["initial_loss"] for r in results}) == 1
    assert len({json.dumps(r["history"][0]) for r in results}) == 1
    # the loss of step 1 is measured before any update: same weights on the same batch
    assert len({r["history"][1]["train_loss"] for r in results}) == 1
    assert len({r["history"][2]["train_loss"] for r in results}) == len(results)  # then they differ


def test_equal_batch_sizes_see_identical_batches_and_match_the_trainer():
    comparison = Comparison(XOR, make_specs(["sgd", "adam"]), epochs=2)
    seen = record_batches(comparison)
    results = comparison.run()
    assert len(seen["sgd"]) == len(seen["adam"]) == 50
    assert all(np.array_equal(a, b) for a, b in zip(seen["sgd"], seen["adam"]))
    model = Model.from_preset(XOR)
    trained = Trainer(model, epochs=2).run()  # the preset's own optimizer is Adam
    assert results[1]["final_val_loss"] == trained.val_loss
    assert results[1]["hparams"]["lr"] == 0.03  # the graph's own values for its own optimizer


def test_batch_size_sweep_shares_the_per_epoch_order():
    specs = make_specs(["sgd"], sweep=("batch_size", [1, 32, "full"]))
    assert [s.label for s in specs] == ["sgd batch=1", "sgd batch=32", "sgd batch=full"]
    comparison = Comparison(XOR, specs, epochs=2)
    seen = record_batches(comparison)
    results = comparison.run()
    n = 400
    assert [r["steps"] for r in results] == [2 * n, 2 * 13, 2]
    assert [r["batch_size"] for r in results] == [1, 32, n]
    assert {r["samples_seen"] for r in results} == {2 * n}
    orders = {label: np.concatenate(b) for label, b in seen.items()}
    assert all(np.array_equal(orders["sgd batch=1"], o) for o in orders.values())
    epochs = [orders["sgd batch=1"][i * n:(i + 1) * n] for i in range(2)]
    assert not np.array_equal(epochs[0], epochs[1])  # reshuffled each epoch
    assert [p["samples"] for p in results[2]["history"]] == [0, n, 2 * n]


def test_a_diverging_run_stops_while_the_others_finish():
    specs = [RunSpec("wild", "sgd", {"lr": 1e6}), RunSpec("calm", "adam")]
    results = Comparison(XOR, specs, epochs=3).run()
    wild, calm = results
    assert wild["status"] == "diverged" and "diverged at step" in wild["message"]
    assert wild["final_val_loss"] is None and wild["steps"] < calm["steps"]
    assert calm["status"] == "finished" and calm["steps"] == 75 and calm["winner"]


def test_stop_history_bound_and_a_graph_source():
    comparison = Comparison(mlp_graph(), make_specs(["sgd", "adam"], {"lr": 0.05}), epochs=40,
                            max_history=8)
    rounds = itertools.count()
    results = comparison.run(should_stop=lambda: next(rounds) >= 400)
    for r in results:
        assert r["status"] == "stopped" and 0 < r["steps"] < r["total_steps"]
        steps = [p["step"] for p in r["history"]]
        assert len(steps) <= 9 and steps[0] == 0 and steps[-1] == r["steps"]
        assert steps == sorted(steps) and r["hparams"]["lr"] == 0.05


def test_json_and_csv_files(tmp_path):
    comparison = Comparison(XOR, make_specs(["sgd", "adam"]), epochs=2, target_accuracy=0.6)
    comparison.run()
    comparison.to_json(tmp_path / "c.json")
    comparison.to_csv(tmp_path / "c.csv")
    data = json.loads((tmp_path / "c.json").read_text())
    assert data["winner"] == "adam" and len(data["runs"]) == 2
    assert all(key in run for run in data["runs"] for key in RESULT_KEYS)
    rows = list(csv.DictReader((tmp_path / "c.csv").read_text().splitlines()))
    assert [r["label"] for r in rows] == ["sgd", "adam"]
    assert rows[1]["winner"] == "True" and float(rows[1]["final_val_accuracy"]) > 0.5
    assert rows[1]["steps_to_target"] and rows[1]["hparams"].startswith("lr=0.03")


def test_bad_specs_raise_compare_error():
    with pytest.raises(CompareError, match="^adam has no hyperparameter 'momentum'"):
        Comparison(XOR, [RunSpec("adam", "adam", {"momentum": 0.5})])
    with pytest.raises(CompareError, match="unknown optimizer 'lion'"):
        Comparison(XOR, [RunSpec("x", "lion")])
    with pytest.raises(CompareError, match="batch size"):
        Comparison(XOR, [RunSpec("x", "sgd", batch_size=0)])


def test_cli_json_last_line_and_table(capsys):
    assert main(["compare", "xor", "--optimizers", "sgd,momentum,adam", "--epochs", "2",
                 "--target-accuracy", "0.7", "--json", "--quiet"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    runs = json.loads(lines[-1])["runs"]
    assert [r["optimizer"] for r in runs] == ["sgd", "momentum", "adam"]
    assert all(key in run for run in runs for key in RESULT_KEYS)
    assert runs[0]["history"][0]["step"] == 0
    assert any(line.startswith("*") for line in lines) and "winner" in "\n".join(lines)


def test_cli_lr_sweep_and_files(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["compare", "xor", "--optimizers", "sgd", "--lr", "0.01,0.1", "--steps", "5",
                 "--json-out", str(out), "--csv", str(tmp_path / "r.csv"), "--quiet"]) == 0
    assert "sgd lr=0.01" in capsys.readouterr().out
    assert [r["hparams"]["lr"] for r in json.loads(out.read_text())["runs"]] == [0.01, 0.1]
    assert (tmp_path / "r.csv").exists()


@pytest.mark.parametrize("args,message", [
    (["--optimizers", "sgd,lion"], "unknown optimizer 'lion'"),
    (["--csv", "/nonexistent/dir/r.csv"], "cannot write /nonexistent/dir/r.csv"),
    (["--sweep", "lr"], "bad --sweep 'lr'"),
    (["--sweep", "batch_size=1,0"], "bad --sweep"),
    (["--lr", "fast"], "bad --lr 'fast'"),
    (["--batch-size", "big"], "bad --batch-size 'big'"),
    (["--lr", "0.1,0.2", "--sweep", "batch_size=1,2"], "sweep one setting at a time"),
    (["--optimizers", "adam", "--sweep", "momentum=0.5,0.9"], "adam has no hyperparameter 'momentum'"),
    (["--target-accuracy", "90"], "--target-accuracy must be between 0 and 1"),
])
def test_cli_bad_input_one_line_exit_2(args, message, capsys):
    assert main(["compare", "xor", "--epochs", "1", "--quiet", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.strip().count("\n") == 0


def test_networks_trained_in_turns_are_refused_before_any_model_is_built():
    with pytest.raises(CompareError, match="^node 'gan' .* trains networks in turns"):
        Comparison(PRESETS_DIR / "gan_ring.json", [RunSpec("adam", "adam")])
