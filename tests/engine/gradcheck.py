"""Finite-difference gradient checks in float64, shared by the op and loss tests."""
from __future__ import annotations

from typing import Callable

import numpy as np


def numeric_grad(f: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central differences of scalar ``f()`` with respect to ``x``, perturbed in place."""
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = f()
        flat[i] = old - eps
        down = f()
        flat[i] = old
        gflat[i] = (up - down) / (2 * eps)
    return grad


def check_op(op, inputs: list[np.ndarray], training: bool = True, seed: int = 0,
             rtol: float = 1e-5, atol: float = 1e-7) -> None:
    """Check ``op.backward`` against finite differences for every input and parameter.

    Uses the loss ``sum(out * r)`` with a fixed random ``r`` so every output element matters.
    """
    rng = np.random.default_rng(seed)
    out = op.forward(inputs, training)
    r = rng.standard_normal(out.shape)

    def loss() -> float:
        return float(np.sum(op.forward(inputs, training) * r))

    op.forward(inputs, training)
    analytic_inputs = [None if g is None else g.copy() for g in op.backward(r.copy())]
    analytic_params = {k: g.copy() for k, g in op.grads.items()}
    for i, x in enumerate(inputs):
        if x.dtype.kind in "iu":  # token ids: no gradient to give
            assert analytic_inputs[i] is None, f"input {i} holds ids but got a gradient"
            continue
        np.testing.assert_allclose(analytic_inputs[i], numeric_grad(loss, x), rtol=rtol, atol=atol,
                                   err_msg=f"input {i}")
    for name, p in op.params.items():
        np.testing.assert_allclose(analytic_params[name], numeric_grad(loss, p), rtol=rtol,
                                   atol=atol, err_msg=f"param {name}")
