"""Analytic 2D loss surfaces and the optimizer race on them.

The race steps the app's real optimizers (``make_optimizer``) on a two-element float64 parameter,
so the trajectories show exactly the update rules the app trains networks with. The default start
points and learning rates were chosen so each surface's lesson shows within 100-300 steps; the
captions only claim what ``tests/engine/test_race.py`` checks.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from playground.engine.kernel_lock import KERNEL_LOCK
from playground.engine.loop import DivergenceGuard
from playground.engine.optim import make_optimizer

Point = tuple[float, float]
ArrayFn = Callable[[Any, Any], Any]


@dataclass(frozen=True)
class Surface:
    """A loss f(x, y) with its gradient; ``f`` and ``grad`` accept numpy arrays (for contour grids)."""

    name: str
    title: str
    formula: str
    caption: str  # what to look for, in one or two sentences
    f: ArrayFn
    grad: Callable[[Any, Any], tuple[Any, Any]]
    start: Point
    x_range: Point  # plot range
    y_range: Point
    minima: tuple[Point, ...]  # deepest first; empty when f is unbounded below
    lr: dict[str, float]  # default learning rate per optimizer key

    def value(self, point: Any) -> float:
        return float(self.f(point[0], point[1]))

    def gradient(self, point: Any) -> np.ndarray:
        return np.array(self.grad(point[0], point[1]), dtype=np.float64)

    def hparams(self, key: str, overrides: dict[str, float] | None = None) -> dict[str, float]:
        """All hyperparameters optimizer ``key`` races with here: this surface's lr, the
        optimizer's other defaults, then ``overrides``. ValueError for unknown keys or bad values."""
        lr = {"lr": self.lr[key]} if key in self.lr else {}
        return dict(make_optimizer(key, **{**lr, **(overrides or {})}).hparams)

    def grid(self, n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(X, Y, Z) over the plot range, n x n, for a contour or heat map."""
        x, y = np.meshgrid(np.linspace(*self.x_range, n), np.linspace(*self.y_range, n))
        return x, y, self.f(x, y)


def _double_well_minima(tilt: float) -> tuple[Point, ...]:
    """Minima of (x^2 - 1)^2 + tilt x on y = 0: the outer roots of 4x^3 - 4x + tilt, deepest first."""
    roots = sorted(float(r.real) for r in np.roots([4.0, 0.0, -4.0, tilt]))
    return (roots[0], 0.0), (roots[-1], 0.0)


_TILT = 0.3

SURFACES: dict[str, Surface] = {s.name: s for s in (
    Surface(
        "saddle", "Saddle", "x² − y²",
        "Plain gradient descent slides towards the saddle point and lingers there, because the "
        "push along y is proportional to the tiny y. Momentum, RMSProp and Adam roll off far sooner.",
        lambda x, y: x * x - y * y,
        lambda x, y: (2 * x, -2 * y),
        start=(1.0, 0.001), x_range=(-1.5, 1.5), y_range=(-1.5, 1.5), minima=(),
        lr={"sgd": 0.01, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.05, "rmsprop": 0.01,
            "adam": 0.01}),
    Surface(
        "ravine", "Ravine", "x²/100 + y²",
        "A valley 10 times longer than wide: plain gradient descent zigzags across it and then "
        "crawls along its floor; momentum at the same learning rate damps the zigzag and gets much "
        "closer to the minimum at the origin.",
        lambda x, y: x * x / 100 + y * y,
        lambda x, y: (x / 50, 2 * y),
        start=(-4.0, 1.0), x_range=(-5.0, 5.0), y_range=(-1.5, 1.5), minima=((0.0, 0.0),),
        lr={"sgd": 0.9, "momentum": 0.9, "nesterov": 0.6, "adagrad": 0.5, "rmsprop": 0.05,
            "adam": 0.1}),
    Surface(
        "rosenbrock", "Rosenbrock", "(1 − x)² + 100 (y − x²)²",
        "Every method drops into the curved valley quickly; the hard part is travelling along its "
        "flat floor to the minimum at (1, 1). Momentum covers far more of it than plain gradient "
        "descent at the same learning rate.",
        lambda x, y: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
        lambda x, y: (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)),
        start=(-1.2, 1.0), x_range=(-2.0, 2.0), y_range=(-1.0, 3.0), minima=((1.0, 1.0),),
        lr={"sgd": 0.001, "momentum": 0.001, "nesterov": 0.001, "adagrad": 1.0, "rmsprop": 0.01,
            "adam": 0.1}),
    Surface(
        "local-minima", "Local and global minimum", f"(x² − 1)² + {_TILT}x + y²/2",
        "Two valleys: plain gradient descent stops in the nearer, shallower one at x ≈ 0.96; "
        "momentum arrives with enough speed to roll over the ridge into the deeper one at "
        "x ≈ −1.04. At these learning rates AdaGrad, RMSProp and Adam stop in the shallow one too.",
        lambda x, y: (x * x - 1) ** 2 + _TILT * x + 0.5 * y * y,
        lambda x, y: (4 * x * (x * x - 1) + _TILT, y),
        start=(2.0, 1.0), x_range=(-2.0, 2.5), y_range=(-1.5, 1.5), minima=_double_well_minima(_TILT),
        lr={"sgd": 0.02, "momentum": 0.02, "nesterov": 0.02, "adagrad": 0.3, "rmsprop": 0.03,
            "adam": 0.1}),
)}


def surface(name: str) -> Surface:
    """The surface called ``name``; ValueError naming the choices otherwise."""
    try:
        return SURFACES[name]
    except KeyError:
        raise ValueError(f"unknown surface {name!r}; choose one of {', '.join(SURFACES)}") from None


def race(surf: Surface, optimizers: dict[str, tuple[str, dict[str, float]]],
         start: Point | None = None, steps: int = 200) -> dict[str, np.ndarray]:
    """Label -> trajectory, an array (steps + 1, 2) starting at ``start`` (default: the surface's).

    ``optimizers`` maps a label to (optimizer key, hyperparameters); a missing lr takes the
    surface's default for that key. Once a point or gradient stops being finite the rest of the
    trajectory is NaN, so plots simply end there. Raises ValueError for bad optimizers or values.
    """
    built = {label: make_optimizer(key, **surf.hparams(key, h))
             for label, (key, h) in optimizers.items()}
    p0 = np.array(surf.start if start is None else start, dtype=np.float64)
    out = {}
    with KERNEL_LOCK, np.errstate(over="ignore", invalid="ignore"):  # divergence is handled
        for label, opt in built.items():
            traj = np.full((steps + 1, 2), np.nan)
            p, g = p0.copy(), np.empty(2)
            guard = DivergenceGuard(exploded=None)  # the training loops' rule: stop once not finite
            traj[0] = p
            for i in range(1, steps + 1):
                g[:] = surf.grad(p[0], p[1])
                if guard.diverged(g):
                    break
                opt.step({"p": p}, {"p": g})
                if guard.diverged(p):
                    break
                traj[i] = p
            out[label] = traj
    return out


def describe(surf: Surface, trajectory: np.ndarray, tol: float = 0.05) -> dict[str, Any]:
    """Plain-data summary of one trajectory: where it ended, how low, which minimum, since when.

    ``settled_at`` is the first step from which the path stays within ``tol`` of its final minimum.
    """
    finite = np.isfinite(trajectory).all(axis=1)
    last = int(np.flatnonzero(finite)[-1])
    end = trajectory[last]
    with np.errstate(over="ignore", invalid="ignore"):  # the last finite point may be far out
        value = surf.value(end)
    row: dict[str, Any] = {
        "final": [float(end[0]), float(end[1])], "final_value": value,
        "diverged": last < len(trajectory) - 1, "nearest_minimum": None, "distance": None,
        "settled_at": None}
    if surf.minima:
        nearest = min(surf.minima, key=lambda m: math.dist(m, end))
        dist = np.hypot(trajectory[:last + 1, 0] - nearest[0], trajectory[:last + 1, 1] - nearest[1])
        far = np.flatnonzero(dist >= tol)
        row.update(nearest_minimum=[float(nearest[0]), float(nearest[1])], distance=float(dist[-1]))
        if dist[-1] < tol and not row["diverged"]:
            row["settled_at"] = int(far[-1]) + 1 if len(far) else 0
    return row

