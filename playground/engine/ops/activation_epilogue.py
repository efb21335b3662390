"""An elementwise activation run inside the layer that feeds it, in that layer's own copies.

A convolution copies its product back to NCHW (adding the bias) and copies the incoming gradient
into the layout its products take; an activation that is the layer's only consumer costs two
more passes over the same arrays (its forward and its backward). Here the layer's copy loops call
the activation's own scalar kernels (the ones its node type declares, ``ops/activations.py``) as
they copy: the forward writes both the layer's output and the activation's, the backward takes
the gradient of the activation's output through ``backward(x, y, g, alpha, one)`` on the fly.

A module's copy kernels are written once with three globals: ``_FUSED`` (False), ``_F`` and
``_DF`` (the identity kernels below, never called while ``_FUSED`` is False). ``fused_kernels``
compiles copies of them with ``_FUSED`` True and an activation's kernels bound (``specialize``:
still disk-cached), each calling the others' fused copies.
"""
from __future__ import annotations

import numpy as np
from numba import njit
from numba.core.dispatcher import Dispatcher

from playground.engine.ops.specialize import specialize


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def identity_forward(x, alpha, one):
    return x


@njit(cache=True, nogil=True, error_model="numpy", inline="always")
def identity_backward(x, y, g, alpha, one):
    return g


_COMPILED: dict[tuple, dict[str, Dispatcher]] = {}


def fused_kernels(kernels: tuple[Dispatcher, Dispatcher], functions: tuple[Dispatcher, ...]
                  ) -> dict[str, Dispatcher]:
    """``functions`` (a module's kernels, callees before their callers) compiled with ``_FUSED``
    and the activation ``kernels`` (forward, backward); name -> compiled copy."""
    key = (kernels, functions)
    found = _COMPILED.get(key)
    if found is None:
        done: dict[str, Dispatcher] = {}
        for f in functions:
            done[f.py_func.__name__] = specialize(
                f.py_func, kernels, parallel=bool(f.targetoptions.get("parallel")),
                fastmath=f.targetoptions.get("fastmath", False), _FUSED=True, _F=kernels[0], _DF=kernels[1],
                **done)
        found = _COMPILED[key] = done
    return found


def plain_kernels(functions: tuple[Dispatcher, ...]) -> dict[str, Dispatcher]:
    """The same name -> kernel table for the module's own (unfused) kernels."""
    return {f.py_func.__name__: f for f in functions}


class Activated:
    """The activation of one fused pass: its scalar ``kernels`` (forward, backward), its output
    array ``post`` (the activation op's own buffer) and its fixed ``alpha`` in the dtype."""

    def __init__(self, kernels: tuple[Dispatcher, Dispatcher], post: np.ndarray, alpha) -> None:
        self.kernels, self.post, self.alpha = kernels, post, alpha

    def table(self, functions: tuple[Dispatcher, ...]) -> dict[str, Dispatcher]:
        return fused_kernels(self.kernels, functions)
