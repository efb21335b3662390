"""Every parameter of a model as a view into one flat vector (and every gradient into another)."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from playground.engine.ops.base import Op


class FlatParameters(NamedTuple):
    params: np.ndarray | None  # None: the parameters stay separate arrays
    grads: np.ndarray | None
    layout: tuple[tuple[str, int, int], ...]  # ("<node>.<param>", start, stop) in the vectors


def flatten_parameters(ops: dict[str, Op], layers: list[str], dtype: np.dtype) -> FlatParameters:
    """Make every parameter (and gradient) of ``ops`` a view into one flat vector, so the
    optimizer updates all of them in one kernel call and a snapshot of the weights is one copy.
    The arrays stay live and keep their shapes; ops read them through ``op.params``. Nothing is
    flattened when there are no parameters or one has another dtype."""
    arrays = [(n, k, v) for n in layers for k, v in ops[n].params.items()]
    if not arrays or any(v.dtype != dtype for _, _, v in arrays):
        return FlatParameters(None, None, ())
    total = sum(v.size for _, _, v in arrays)
    flat_p, flat_g = np.empty(total, dtype), np.zeros(total, dtype)
    layout, off = [], 0
    for n, k, v in arrays:
        op = ops[n]
        view = flat_p[off:off + v.size].reshape(v.shape)
        view[...] = v
        op.params[k] = view
        op.grads[k] = flat_g[off:off + v.size].reshape(v.shape)
        layout.append((f"{n}.{k}", off, off + v.size))
        off += v.size
    return FlatParameters(flat_p, flat_g, tuple(layout))
