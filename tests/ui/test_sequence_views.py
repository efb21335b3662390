"""The sequence views: hidden state and gates of a recurrent layer, the sine continuation, and the
notes they show for networks they do not apply to."""
from types import SimpleNamespace

import numpy as np

from playground.engine import Model, analyze, load_preset
from playground.engine.sequence_probes import sequence_trace, sine_continuation
from playground.paths import PRESETS_DIR
from playground.ui.plots.sequences import GatesPanel, HiddenStatePanel, SinePanel


def preset(name):
    return PRESETS_DIR / f"{name}.json"


def show(qtbot, cls, extras):
    panel = cls()
    qtbot.addWidget(panel)
    panel.resize(700, 420)
    panel.show()
    panel.update_snapshot(SimpleNamespace(extras={cls.__name__: extras}))
    panel._redraw()
    return panel


def test_hidden_state_and_gates_show_units_by_time_of_one_validation_sequence(qtbot):
    model = Model.from_preset(preset("concept_lstm_gates"))
    data = model.load_data()[0]
    trace = sequence_trace(model, data)
    hidden = show(qtbot, HiddenStatePanel, trace)
    assert hidden.image.image.shape == (32, 25)  # units x time
    assert hidden.input_image.image.shape == (4, 25)  # the one-hot symbols above it
    assert "25 steps" in hidden.caption.text() and f"class {int(data.y_val[0])}" in hidden.caption.text()
    gates = show(qtbot, GatesPanel, trace)
    titles = [p.titleLabel.text for p in gates.plots]
    assert [t.split(":")[0] for t in titles] == ["input gate", "forget gate", "output gate", "cell state (memory)"]
    np.testing.assert_allclose(gates.images[1].image, trace["layers"]["rnn"]["forget gate"].T)
    assert all(0.0 <= v <= 1.0 for v in gates.images[0].image.ravel())


def test_a_gru_shows_its_update_and_reset_gates(qtbot):
    graph = load_preset(preset("concept_lstm_gates"))
    graph.nodes["rnn"].type = "GRU"
    model = Model.from_preset(graph)
    gates = show(qtbot, GatesPanel, sequence_trace(model, model.load_data()[0]))
    assert [p.titleLabel.text.split(":")[0] for p in gates.plots] == ["update gate", "reset gate", "hidden state"]


def test_sine_view_draws_the_window_the_truth_and_the_generated_continuation(qtbot):
    model = Model.from_preset(preset("concept_sine_prediction"))
    result = sine_continuation(model, model.load_data()[0])
    panel = show(qtbot, SinePanel, result)
    assert len(panel.input_curve.getData()[0]) == 20
    assert len(panel.generated_curve.getData()[1]) == 40
    header, rows = panel.data_table()
    assert header == ["time_step", "input", "truth", "generated"] and len(rows) == 60


def test_views_say_when_they_do_not_apply():
    xor = load_preset(PRESETS_DIR / "xor.json")
    a = analyze(xor)
    assert "recurrent" in HiddenStatePanel.note(a, xor, (2,))
    assert "LSTM and GRU" in GatesPanel.note(a, xor, (2,))
    assert "sine" in SinePanel.note(a, xor, (2,))
    gates = load_preset(preset("concept_lstm_gates"))
    gates.nodes["rnn"].type = "SimpleRNN"
    gates.nodes["rnn"].params["activation"] = "tanh"
    assert HiddenStatePanel.note(analyze(gates), gates, (25, 4)) is None
    assert GatesPanel.note(analyze(gates), gates, (25, 4)) is not None
    sine = load_preset(preset("concept_sine_prediction"))
    assert SinePanel.note(analyze(sine), sine, (20, 1)) is None
