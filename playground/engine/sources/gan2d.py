"""2D target distributions for GANs (as in GAN Lab): a ring of 8 Gaussians, two moons, a line and
a 5x5 grid of Gaussians, all inside [-1, 1]^2. Ring and grid keep their mode centres and spread in
``meta`` so the modes-covered metric (``engine/gan_metrics``) can count what a generator reaches."""
from __future__ import annotations

import numpy as np

from playground.engine.params import float_param
from playground.engine.sources.base import Generated, GeneratedSource, register_source

_SPREAD = float_param("spread", 0.05, "GAN targets: standard deviation of each mode (or of the "
                      "noise around the moons and the line)", 0.0, 1.0)
_READS = ("samples", "val_fraction", "seed")


def ring_centres() -> np.ndarray:
    angles = np.arange(8) * (2 * np.pi / 8)
    return np.stack([np.cos(angles), np.sin(angles)], axis=1)


def grid_centres() -> np.ndarray:
    ticks = np.linspace(-1.0, 1.0, 5)
    return np.array([(a, b) for a in ticks for b in ticks])


def _modes(centres: np.ndarray):
    def make(p, rng):
        n, spread = p["samples"], p["spread"]
        y = rng.integers(0, len(centres), n)
        x = centres[y] + spread * rng.standard_normal((n, 2))
        return Generated(x.astype(np.float32), y.astype(np.int64), len(centres),
                         {"modes": centres.tolist(), "mode_std": spread})
    return make


def _moons(p, rng):
    n, spread = p["samples"], p["spread"]
    y = rng.integers(0, 2, n)
    t = rng.uniform(0.0, np.pi, n)
    upper = np.stack([np.cos(t), np.sin(t)], axis=1)
    lower = np.stack([1.0 - np.cos(t), 0.5 - np.sin(t)], axis=1)
    x = np.where(y[:, None] == 0, upper, lower)
    x = (x - [0.5, 0.25]) * [0.66, 0.9] + spread * rng.standard_normal((n, 2))
    return Generated(x.astype(np.float32), y.astype(np.int64), 2)


def _line(p, rng):
    n, spread = p["samples"], p["spread"]
    t = rng.uniform(-1.0, 1.0, n)
    x = np.stack([0.8 * t, 0.4 * t], axis=1) + spread * rng.standard_normal((n, 2))
    return Generated(x.astype(np.float32), t.astype(np.float32).reshape(-1, 1), None)


def _shape(classes: int | None):
    return lambda p: ((2,), classes)


for _name, _help, _make, _classes in (
        ("ring8", "GAN target: a ring of 8 Gaussians (label: the mode)", _modes(ring_centres()), 8),
        ("grid25", "GAN target: a 5x5 grid of Gaussians (label: the mode)", _modes(grid_centres()), 25),
        ("moons", "GAN target: two interleaving half circles (label: the moon)", _moons, 2),
        ("line", "GAN target: points along a line (target: the position on it)", _line, None)):
    register_source(GeneratedSource(_name, _help, _shape(_classes), _make,
                                    (_SPREAD,), _READS, default_samples=2000))
