"""L1 and L2 regularisation of a layer's weights: ``l1 * sum|w| + l2 * sum(w^2)`` per layer.

Each layer type declares its rates (``NodeType.penalty_rates``) and which parameters are weights
(``param_roles``); biases are never penalised. The training loop (``loop.train_step``) adds the
penalty's gradient to the data gradient before the update and reports the penalty as its own term.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground.engine.registry import node_type


@dataclass(frozen=True)
class Term:
    name: str  # "<node>.<param>", as in Model.parameters()
    l1: float
    l2: float


class Penalty:
    """The regularisation of one model's weights (live arrays: it follows every update)."""

    def __init__(self, terms: list[Term], params: dict[str, np.ndarray]) -> None:
        self.terms = terms
        self._params = params

    @classmethod
    def of(cls, model) -> Penalty | None:
        """The model's penalty, or None when every rate is zero (no cost at all)."""
        return cls.of_layers(model.graph, model.layers, model.parameters())

    @classmethod
    def of_layers(cls, graph, layers: list[str], params: dict[str, np.ndarray]) -> Penalty | None:
        """The penalty of ``layers`` of ``graph`` whose weights are ``params`` (one network of
        several, as a GAN's generator or discriminator), or None when every rate is zero."""
        terms = []
        for node_id in layers:
            node = graph.nodes[node_id]
            t = node_type(node.type)
            l1, l2 = t.penalty_rates(node.params)
            if l1 or l2:
                terms += [Term(f"{node_id}.{w}", float(l1), float(l2)) for w in t.params_with_role("weight")
                          if f"{node_id}.{w}" in params]
        return cls(terms, params) if terms else None

    def value(self) -> float:
        """The penalty of the current weights."""
        total = 0.0
        for term in self.terms:
            w = self._params[term.name]
            if term.l1:
                total += term.l1 * float(np.abs(w).sum(dtype=np.float64))
            if term.l2:
                total += term.l2 * float(np.vdot(w, w))
        return total

    def add_gradient(self, grads: dict[str, np.ndarray]) -> float:
        """Add d(penalty)/dw to ``grads`` in place; returns the penalty."""
        for term in self.terms:
            w, g = self._params[term.name], grads[term.name]
            if term.l1:
                g += (term.l1 * np.sign(w)).astype(g.dtype, copy=False)
            if term.l2:
                g += (2.0 * term.l2) * w
        return self.value()
