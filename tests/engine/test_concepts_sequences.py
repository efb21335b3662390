"""The sequence concept presets do what their descriptions say (seeded, short runs)."""
from __future__ import annotations

import functools

import numpy as np

from playground.engine import Model, Trainer, load_preset, node_type
from playground.engine.sequence_probes import sequence_trace, sine_continuation
from playground.paths import PRESETS_DIR


@functools.lru_cache(maxsize=None)
def trained(name: str, rnn_type: str | None = None):
    """(model, result, data) of the preset's own settings, its ``rnn`` node swapped to ``rnn_type``."""
    graph = load_preset(PRESETS_DIR / f"{name}.json")
    if rnn_type:  # the other type keeps the parameters both declare (units, return_sequences)
        node, t = graph.nodes["rnn"], node_type(rnn_type)
        node.type, node.params = rnn_type, {**t.defaults(), **{k: v for k, v in node.params.items() if t.param(k)}}
    model = Model.from_preset(graph)
    data = model.load_data()
    return model, Trainer(model, data=data).run(), data


def test_lstm_and_gru_remember_the_first_symbol_and_simple_rnn_falls_behind():
    accuracy = {kind: trained("concept_rnn_vs_lstm_memory", kind)[1].val_accuracy
                for kind in ("LSTM", "GRU", "SimpleRNN")}
    assert accuracy["LSTM"] >= 0.95 and accuracy["GRU"] >= 0.95, accuracy
    assert accuracy["SimpleRNN"] <= 0.75, accuracy  # chance is 0.25; it has not learnt to carry it


def test_the_forget_gate_holds_the_first_symbol_in_the_cell():
    model, result, (data, _, _) = trained("concept_lstm_gates")
    assert result.val_accuracy >= 0.95
    traces = [sequence_trace(model, data, i) for i in range(60)]
    labels = np.array([int(t["label"]) for t in traces])
    cells = np.stack([t["layers"]["rnn"]["cell state"] for t in traces])  # (seq, T, units)
    forget = np.stack([t["layers"]["rnn"]["forget gate"] for t in traces])
    last = cells[:, -1]
    # the units whose final cell state separates the symbols best (between- over within-class spread)
    means = np.stack([last[labels == k].mean(axis=0) for k in np.unique(labels)])
    spread = means.var(axis=0) / (np.mean([last[labels == k].var(axis=0) for k in np.unique(labels)], axis=0) + 1e-6)
    memory = np.argsort(spread)[-8:]
    assert forget[:, 1:].mean() > 0.7  # mostly open after the first step: keep the cell
    # some of the units that store it hold the value their cell took at step 0 to the very end
    corr = np.array([abs(np.corrcoef(cells[:, 0, j], last[:, j])[0, 1]) for j in memory])
    assert (corr > 0.9).sum() >= 2, corr
    # and the final cell state alone tells the symbol (nearest class mean)
    guess = np.argmin(((last[:, None, :] - means[None]) ** 2).sum(axis=2), axis=1)
    assert (np.unique(labels)[guess] == labels).mean() >= 0.95


def test_sine_prediction_is_accurate_and_the_generated_continuation_follows_the_wave():
    graph = load_preset(PRESETS_DIR / "concept_sine_prediction.json")
    fresh = Model.from_preset(graph)
    data = fresh.load_data()[0]
    before = sine_continuation(fresh, data)
    model, result, (data, _, _) = trained("concept_sine_prediction")
    assert result.val_loss < 0.02
    after = sine_continuation(model, data)
    assert len(after["generated"]) == 40
    error = np.abs(after["generated"][:20] - after["truth"][:20]).mean()
    assert error < 0.2 and error < 0.5 * np.abs(before["generated"][:20] - before["truth"][:20]).mean()
