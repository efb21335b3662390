"""concept_overfitting does what its description says: without regularisation the validation loss
turns up while the training loss keeps falling; L2 on the Dense layers, or Dropout, ends lower.

The three runs start from identical weights and see identical batches (the Dropout nodes are in the
graph at rate 0, so only their rate changes; an L2 rate changes no initial weight)."""
import json

import numpy as np
import pytest

from playground.engine import Model, Trainer, load_preset
from playground.engine.registry import node_type
from playground.paths import PRESETS_DIR

PRESET = PRESETS_DIR / "concept_overfitting.json"


def _variant(**rates):
    """The preset with every Dense layer at L2 rate ``l2`` and every Dropout at ``rate``."""
    d = json.loads(PRESET.read_text())
    for node in d["nodes"]:
        if "l2" in rates and node["type"] == "Dense":
            node["params"]["l2"] = rates["l2"]
        if "rate" in rates and node["type"] == "Dropout":
            node["params"]["rate"] = rates["rate"]
    return d


def _curves(preset):
    model = Model.from_preset(preset)
    epochs = []
    result = Trainer(model, on_event=lambda e: epochs.append(e) if e.epoch_end else None).run()
    return (np.array([e.train_loss for e in epochs]), np.array([e.val_loss for e in epochs]), result,
            [e.regularisation for e in epochs], model)


@pytest.fixture(scope="module")
def runs():
    return {"none": _curves(PRESET), "l2": _curves(_variant(l2=0.003)), "dropout": _curves(_variant(rate=0.5))}


def test_the_preset_is_a_big_network_on_few_noisy_points():
    graph = load_preset(PRESET)
    data = next(n for n in graph.nodes.values() if node_type(n.type).is_source).params
    model = Model.from_preset(PRESET)
    assert len(model.load_data()[0].x_train) <= 50 and data["noise"] >= 0.2
    assert model.analysis.total_params > 50 * len(model.load_data()[0].x_train)
    assert {"Dropout"} <= {n.type for n in graph.nodes.values()}


def test_without_regularisation_validation_loss_turns_up_while_training_loss_falls(runs):
    train, val, result, reg, model = runs["none"]
    assert model.penalty is None and all(r is None for r in reg)
    assert val[-1] > 2 * val.min() and val.argmin() < len(val) // 2  # clearly above its minimum
    half = len(train) // 2
    assert train[-1] < train[half] < train[len(train) // 4]  # and the training loss kept falling
    assert train[-1] < 0.5 * val.min()


def test_l2_and_dropout_each_end_with_a_lower_validation_loss(runs):
    none = runs["none"][1][-1]
    for name in ("l2", "dropout"):
        assert runs[name][1][-1] < 0.7 * none, name
    assert all(r is not None and r > 0 for r in runs["l2"][3])  # L2 is its own term of the loss
    assert runs["l2"][4].penalty is not None and runs["dropout"][4].penalty is None


def test_the_presets_comparison_shows_both_fixes_beating_the_unregularised_network():
    from playground.engine import load_preset
    from playground.engine.compare import Comparison, compare_plan
    from playground.paths import PRESETS_DIR

    path = PRESETS_DIR / "concept_overfitting.json"
    specs = compare_plan(load_preset(path)).specs()
    assert [s.label for s in specs] == ["adam no regularisation", "adam L2 0.003", "adam Dropout 0.5"]
    plain, l2, dropout = Comparison(path, specs).run()
    assert all(r["status"] == "finished" for r in (plain, l2, dropout))
    assert l2["final_val_loss"] < 0.7 * plain["final_val_loss"]
    assert dropout["final_val_loss"] < 0.7 * plain["final_val_loss"]
