"""Optimizers with PyTorch's torch.optim update rules, names and eps placement.

Each update runs as one Numba kernel over the flattened parameter. L2 weight decay is added to the
gradient first (g <- g + wd * p), as torch does for all of these (Adam included, not AdamW).
With ``clip_norm`` > 0 the gradients are first scaled down together when their global norm exceeds
it, as ``torch.nn.utils.clip_grad_norm_`` does (in place, before weight decay).
Defaults and ranges are declared once, on the optimizer node types in ``nodes/optimizers.py``.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit, prange

from playground.engine import threads

# An updated weight costs about as much as this many multiply-adds at BLAS speed (cost model).
ELEMENT_WORK = 8


@njit(cache=True, nogil=True, error_model="numpy")
def _sgd(p, g, buf, lr, mu, wd, nesterov):
    for i in range(p.size):
        d = g[i] + wd * p[i]
        if mu != 0:  # buf = mu buf + d; step along buf (or d + mu buf for Nesterov)
            buf[i] = mu * buf[i] + d
            d = d + mu * buf[i] if nesterov else buf[i]
        p[i] -= lr * d


@njit(cache=True, nogil=True, error_model="numpy")
def _adagrad(p, g, acc, clr, eps, wd):
    for i in range(p.size):  # acc += g^2; p -= clr g / (sqrt(acc) + eps)
        d = g[i] + wd * p[i]
        acc[i] += d * d
        p[i] -= clr * d / (np.sqrt(acc[i]) + eps)


@njit(cache=True, nogil=True, error_model="numpy")
def _rmsprop(p, g, sq, buf, lr, alpha, eps, mu, wd):
    one = p.dtype.type(1.0)
    for i in range(p.size):  # sq = alpha sq + (1 - alpha) g^2; p -= lr g / (sqrt(sq) + eps)
        d = g[i] + wd * p[i]
        sq[i] = alpha * sq[i] + (one - alpha) * d * d
        step = d / (np.sqrt(sq[i]) + eps)
        if mu != 0:
            buf[i] = mu * buf[i] + step
            step = buf[i]
        p[i] -= lr * step


@njit(cache=True, nogil=True, error_model="numpy")
def _adam(p, g, m, v, step_size, b1, b2, sqrt_bc2, eps, wd):
    one = p.dtype.type(1.0)
    for i in range(p.size):  # m, v moving averages; p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)
        d = g[i] + wd * p[i]
        m[i] = b1 * m[i] + (one - b1) * d
        v[i] = b2 * v[i] + (one - b2) * d * d
        p[i] -= step_size * m[i] / (np.sqrt(v[i]) / sqrt_bc2 + eps)


@njit(cache=True, nogil=True, error_model="numpy", parallel=True)
def _sgd_slices(p, g, buf, lr, mu, wd, nesterov, edges):
    for t in prange(edges.size - 1):
        a, b = edges[t], edges[t + 1]
        _sgd(p[a:b], g[a:b], buf[a:b], lr, mu, wd, nesterov)


@njit(cache=True, nogil=True, error_model="numpy", parallel=True)
def _adam_slices(p, g, m, v, step_size, b1, b2, sqrt_bc2, eps, wd, edges):
    for t in prange(edges.size - 1):
        a, b = edges[t], edges[t + 1]
        _adam(p[a:b], g[a:b], m[a:b], v[a:b], step_size, b1, b2, sqrt_bc2, eps, wd)


def _slices(size: int) -> np.ndarray | None:
    """Slice edges for an update of ``size`` weights on several threads, or None to run it
    serially (elementwise: the result is the same either way)."""
    parts = threads.chunks(size * ELEMENT_WORK)
    return threads.edges(size, parts) if parts > 1 else None


def clip_by_global_norm(grads: list[np.ndarray], max_norm: float) -> float:
    """Scale ``grads`` in place by max_norm / (norm + 1e-6) when their global L2 norm exceeds
    ``max_norm`` (torch.nn.utils.clip_grad_norm_); returns the norm before clipping."""
    norm = float(np.sqrt(sum(float(np.dot(g.reshape(-1), g.reshape(-1))) for g in grads)))
    scale = max_norm / (norm + 1e-6)
    if scale < 1.0:
        for g in grads:
            g *= g.dtype.type(scale)
    return norm


class Optimizer:
    """Updates parameters in place: ``step(params, grads)``; state is kept per parameter name."""

    key = ""
    slots: tuple[str, ...] = ()

    def __init__(self, lr: float, weight_decay: float = 0.0, clip_norm: float = 0.0,
                 **hparams: float) -> None:
        self.clip_norm = clip_norm
        self.hparams: dict[str, float] = {"lr": lr, "weight_decay": weight_decay, **hparams}
        self.t = 0
        self.state: dict[str, dict[str, np.ndarray]] = {}
        self._flat: tuple[Any, ...] | None = None  # (params vector, layout, state dict, slot vectors)

    @property
    def lr(self) -> float:
        return self.hparams["lr"]

    @lr.setter
    def lr(self, value: float) -> None:
        self.hparams["lr"] = value

    def reset(self) -> None:
        self.t = 0
        self.state.clear()
        self._flat = None

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        self.t += 1
        if self.clip_norm > 0:
            clip_by_global_norm([grads[name] for name in params], self.clip_norm)
        typed: dict[Any, dict[str, Any]] = {}
        for name, p in params.items():
            state = self.state.get(name)
            if state is None:
                state = self.state[name] = {s: np.zeros(p.size, dtype=p.dtype) for s in self.slots}
            h = typed.get(p.dtype)
            if h is None:
                f = p.dtype.type
                h = typed[p.dtype] = {k: f(v) for k, v in self.hparams.items()}
            self._update(p.reshape(-1), grads[name].reshape(-1), state, h)

    def step_flat(self, params: np.ndarray, grads: np.ndarray,
                  layout: tuple[tuple[str, int, int], ...]) -> None:
        """``step`` for parameters that are views into one vector: ``layout`` lists (name, start,
        stop) of each. Every rule is elementwise, so one kernel over the whole vector computes
        exactly what ``step`` does name by name; the per-name state becomes views into flat
        slot vectors (existing state is carried over), so both entry points stay interchangeable."""
        flat = self._flat
        if flat is None or flat[0] is not params or flat[1] is not layout or flat[2] is not self.state:
            slots = {s: np.zeros(params.size, dtype=params.dtype) for s in self.slots}
            for name, start, stop in layout:
                old = self.state.get(name)
                for s, vec in slots.items():
                    if old is not None and s in old and old[s].size == stop - start:
                        vec[start:stop] = old[s]
                self.state[name] = {s: vec[start:stop] for s, vec in slots.items()}
            flat = self._flat = (params, layout, self.state, slots)
        self.t += 1
        if self.clip_norm > 0:
            clip_by_global_norm([grads], self.clip_norm)
        f = params.dtype.type
        self._update(params, grads, flat[3], {k: f(v) for k, v in self.hparams.items()})

    def _update(self, p: np.ndarray, g: np.ndarray, state: dict[str, np.ndarray],
                h: dict[str, Any]) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """p -= lr g. Full-batch GD, SGD and mini-batch GD differ only in the batch size."""

    key = "sgd"
    slots = ()
    _mu_key = ""
    _nesterov = False

    def _update(self, p, g, state, h):
        mu = h[self._mu_key] if self._mu_key else p.dtype.type(0)
        args = (p, g, state.get("momentum_buffer", p), h["lr"], mu, h["weight_decay"], self._nesterov)
        edges = _slices(p.size)
        if edges is None:
            _sgd(*args)
        else:
            _sgd_slices(*args, edges)


class Momentum(SGD):
    """torch.optim.SGD(momentum=mu): buf = mu buf + g; p -= lr buf."""

    key = "momentum"
    slots = ("momentum_buffer",)
    _mu_key = "momentum"


class Nesterov(Momentum):
    """torch.optim.SGD(momentum=mu, nesterov=True): buf = mu buf + g; p -= lr (g + mu buf)."""

    key = "nesterov"
    _nesterov = True


class AdaGrad(Optimizer):
    """torch.optim.Adagrad: per-weight step shrinks with the sum of squared gradients."""

    key = "adagrad"
    slots = ("sum",)

    def _update(self, p, g, state, h):
        if self.t == 1 and h["initial_accumulator_value"]:
            state["sum"][:] = h["initial_accumulator_value"]
        clr = h["lr"] / (p.dtype.type(1) + p.dtype.type(self.t - 1) * h["lr_decay"])
        _adagrad(p, g, state["sum"], clr, h["eps"], h["weight_decay"])


class RMSProp(Optimizer):
    """torch.optim.RMSprop (not centred): divide by a moving RMS of the gradient."""

    key = "rmsprop"
    slots = ("square_avg", "momentum_buffer")

    def _update(self, p, g, state, h):
        _rmsprop(p, g, state["square_avg"], state["momentum_buffer"], h["lr"], h["alpha"],
                 h["eps"], h["momentum"], h["weight_decay"])


class Adam(Optimizer):
    """torch.optim.Adam: bias-corrected moving averages of the gradient and its square."""

    key = "adam"
    slots = ("exp_avg", "exp_avg_sq")

    def _update(self, p, g, state, h):
        f = p.dtype.type
        b1, b2 = h["beta1"], h["beta2"]
        bc1 = f(1) - b1 ** f(self.t)
        bc2 = f(1) - b2 ** f(self.t)
        args = (p, g, state["exp_avg"], state["exp_avg_sq"], f(h["lr"] / bc1), b1, b2, f(np.sqrt(bc2)),
                h["eps"], h["weight_decay"])
        edges = _slices(p.size)
        if edges is None:
            _adam(*args)
        else:
            _adam_slices(*args, edges)


OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.key: cls for cls in (SGD, Momentum, Nesterov, AdaGrad, RMSProp, Adam)}


def make_optimizer(name: str, **hparams: float) -> Optimizer:
    """Build an optimizer by key ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam").

    Unspecified hyperparameters take the defaults declared on the optimizer's node type; unknown
    names or out-of-range values raise ValueError with the reason.
    """
    from playground.engine.nodes.optimizers import optimizer_node

    node = optimizer_node(name)
    values = node.hyper_defaults()
    for key, value in hparams.items():
        param = node.param(key)
        if param is None or key not in values:
            raise ValueError(f"{name} has no hyperparameter {key!r}; it takes {', '.join(values)}")
        problem = param.check(value)
        if problem:
            raise ValueError(f"{name}: {problem}")
        values[key] = param.coerce(value)
    return OPTIMIZERS[node.key](**values)
