"""What the sequence views show, computed on the training thread: a recurrent layer's states and
gates over one validation sequence, and a sine network continuing a wave on its own."""
from __future__ import annotations

from typing import Any

import numpy as np

from playground.engine.sources.sequences import sine_wave

# The wave the sine view continues: fixed, so the picture changes only because the network learns.
SINE_FREQUENCY, SINE_PHASE = 0.07, 0.4


def traced_layers(model: Any) -> list[str]:
    """The model's layers that can report their states per time step (recurrent layers)."""
    return [n for n in model.layers if hasattr(model.ops[n], "trace")]


def sequence_trace(model: Any, data: Any, index: int = 0) -> dict[str, Any] | None:
    """Validation sequence ``index``: its input (T, F), label, the prediction, and for every
    recurrent layer name -> {quantity -> (T, units)} (hidden state, gates, cell state)."""
    layers = traced_layers(model)
    if not layers or len(data.x_val) == 0:
        return None
    i = min(index, len(data.x_val) - 1)
    x = data.x_val[i:i + 1]

    traces = model.inspect(x, lambda ops: {n: ops[n].trace(0) for n in layers})
    pred = model.forward(x)[0]
    return {"input": x[0].copy(), "label": np.asarray(data.y_val[i]).copy(), "prediction": pred,
            "layers": traces}


def sine_continuation(model: Any, data: Any, steps: int | None = None) -> dict[str, np.ndarray] | None:
    """A fixed sine window of the model's length, then ``steps`` values the model generates by
    feeding back its own predictions, beside the true continuation. None unless the data is the
    sine source (a one-channel sequence predicting one value)."""
    meta = getattr(data, "meta", None) or {}
    shape = tuple(model.input_shape)
    if meta.get("sequence") != "sine" or len(shape) != 2 or shape[1] != 1:
        return None
    window = shape[0]
    steps = steps or 2 * window
    wave = sine_wave(np.array([SINE_FREQUENCY]), np.array([SINE_PHASE]), window + steps)[0]
    seq = wave[:window].astype(model.dtype).reshape(1, window, 1)
    generated = np.empty(steps)
    for k in range(steps):
        nxt = float(model.forward(seq)[0, 0])
        generated[k] = nxt
        seq = np.concatenate([seq[:, 1:], np.full((1, 1, 1), nxt, dtype=seq.dtype)], axis=1)
    return {"input": wave[:window], "truth": wave[window:], "generated": generated}
