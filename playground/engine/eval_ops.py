"""Copies of a model's ops for evaluation passes, one set per batch size."""
from __future__ import annotations

import copy

from playground.engine.ops.base import Op


class EvalOps:
    """Ops for evaluation passes of a batch size: copies sharing the live parameters and
    statistics but with buffers of their own, so probes and validation between training steps
    do not make the training ops reallocate theirs (multi-megabyte for convolutions)."""

    KEEP = 3  # batch sizes remembered (oldest dropped first)

    def __init__(self, ops: dict[str, Op]) -> None:
        self._ops = ops
        self._sets: dict[int, dict[str, Op]] = {}

    def for_batch(self, batch: int) -> dict[str, Op]:
        ops = self._sets.get(batch)
        if ops is None:
            if len(self._sets) >= self.KEEP:
                self._sets.pop(next(iter(self._sets)))
            shared = {id(a): a for op in self._ops.values()
                      for d in (op.params, op.grads, getattr(op, "buffers", {})) for a in d.values()}
            ops = self._sets[batch] = {nid: copy.deepcopy(op, shared) for nid, op in self._ops.items()}
        return ops
