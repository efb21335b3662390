"""Which elementwise activations the layer before them runs in its own passes (``Op.fuses``).

An activation that is a layer's only consumer costs a pass over the layer's output going forward
and one over its gradient coming back; a layer that fuses it applies it while it copies those
arrays anyway (``ops/activation_epilogue.py``). Both nodes keep their own outputs (feature-map
views read them), so only the training and evaluation passes of ``Model`` change.
"""
from __future__ import annotations

from playground.engine.ops.base import Op


def activation_fusions(layers: list[str], sources: dict[str, list[str]], ops: dict[str, Op],
                       keep: set[str]) -> dict[str, str]:
    """layer -> the activation it runs, for each activation whose only input is a layer that
    feeds nothing else and fuses it; neither node in ``keep`` (the model's output and the loss's
    input, which a loss on logits takes from before the activation)."""
    consumers: dict[str, list[str]] = {}
    for nid in layers:
        for src in sources[nid]:
            consumers.setdefault(src, []).append(nid)
    fused: dict[str, str] = {}
    for nid in layers:
        src = sources[nid]
        if len(src) != 1 or nid in keep or src[0] in keep or src[0] not in ops:
            continue
        if consumers[src[0]] == [nid] and ops[src[0]].fuses(ops[nid]):
            fused[src[0]] = nid
    return fused
