"""Generated sequence data (time x features per sample) for the recurrent layers.

- ``sine``: noisy sine waves of random phase and frequency; predict the next (clean) value.
- ``remember_first``: random symbols, one-hot; the label is the first symbol, so a network must
  carry it through every later step (the long-term dependency experiment). With
  ``distractor_noise`` every later step also gets Gaussian noise, as in Bengio, Simard & Frasconi
  (1994)'s latching task: a SimpleRNN adds all of it to its one state, while the gates of an LSTM
  or GRU can shut it out, so it is the noise, not the length alone, that a vanilla RNN cannot
  survive (at T = 25 with clean symbols and Adam it often learns the task).
- ``adding``: the adding problem (Hochreiter & Schmidhuber 1997): a channel of random values and
  a channel marking two of them, one in each half; predict their sum.
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from playground.engine.params import float_param, int_param
from playground.engine.sources.base import Generated, GeneratedSource, register_source

LENGTH = int_param("length", 20, "Time steps per sequence (T)", 2, 1000)
SYMBOLS = int_param("symbols", 4, "remember_first: how many different symbols (the classes)", 2, 64)
DISTRACTOR_NOISE = float_param(
    "distractor_noise", 0.0, "remember_first: standard deviation of the Gaussian noise added to "
    "every step after the first (0: clean symbols); LSTM and GRU gates can shut it out, a "
    "SimpleRNN cannot", 0.0, 10.0)
# Frequencies of the sine source, in cycles per time step: periods of about 7 to 20 steps.
SINE_FREQUENCIES = (0.05, 0.15)


def sine_wave(freq: np.ndarray, phase: np.ndarray, steps: int, start: int = 0) -> np.ndarray:
    """Clean waves sin(2 pi f t + phase) at t = start .. start + steps - 1, one row per (f, phase)."""
    t = np.arange(start, start + steps)
    return np.sin(2 * np.pi * np.asarray(freq)[:, None] * t + np.asarray(phase)[:, None])


def _sine(p: Mapping[str, Any], rng: np.random.Generator) -> Generated:
    n, steps = p["samples"], p["length"]
    freq = rng.uniform(*SINE_FREQUENCIES, n)
    phase = rng.uniform(0, 2 * np.pi, n)
    wave = sine_wave(freq, phase, steps + 1)
    x = wave[:, :steps] + p["noise"] * rng.standard_normal((n, steps))
    return Generated(x[:, :, None].astype(np.float32), wave[:, steps:].astype(np.float32), None,
                     {"sequence": "sine", "noise": p["noise"]})


def _remember_first(p: Mapping[str, Any], rng: np.random.Generator) -> Generated:
    n, steps, k = p["samples"], p["length"], p["symbols"]
    symbols = rng.integers(0, k, (n, steps))
    x = np.eye(k, dtype=np.float32)[symbols]
    if p["distractor_noise"]:  # drawn after the symbols: the same seed gives the same symbols
        x[:, 1:] += (p["distractor_noise"] * rng.standard_normal((n, steps - 1, k))).astype(np.float32)
    return Generated(x, symbols[:, 0].astype(np.int64), k, {"sequence": "remember_first"})


def _adding(p: Mapping[str, Any], rng: np.random.Generator) -> Generated:
    n, steps = p["samples"], p["length"]
    values = rng.uniform(0, 1, (n, steps))
    half = steps // 2
    first = rng.integers(0, half, n)
    second = rng.integers(half, steps, n)
    marks = np.zeros((n, steps))
    rows = np.arange(n)
    marks[rows, first] = marks[rows, second] = 1
    y = values[rows, first] + values[rows, second]
    return Generated(np.stack([values, marks], axis=2).astype(np.float32), y[:, None].astype(np.float32),
                     None, {"sequence": "adding"})


register_source(GeneratedSource(
    "sine", "Sequences: noisy sine waves of random phase and frequency; predict the next value (regression)",
    lambda p: ((p["length"], 1), None), _sine, (LENGTH,)))
register_source(GeneratedSource(
    "remember_first", "Sequences: random one-hot symbols; the class is the first symbol (long memory)",
    lambda p: ((p["length"], p["symbols"]), p["symbols"]), _remember_first, (LENGTH, SYMBOLS, DISTRACTOR_NOISE),
    reads=("samples", "val_fraction", "seed")))
register_source(GeneratedSource(
    "adding", "Sequences: values and two markers; predict the sum of the two marked values (regression)",
    lambda p: ((p["length"], 2), None), _adding, (LENGTH,), reads=("samples", "val_fraction", "seed")))
