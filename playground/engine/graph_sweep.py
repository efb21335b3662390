"""Architecture sweeps: one node's parameter over several values ("dense1.units" = 8, 16, 32) or
its type among the types of its swap group ("act1.type" = Sigmoid, ReLU, Tanh).

Each value gives a variant of the graph; ``transfer_weights`` then gives every variant the
reference model's weights wherever a parameter has the same name and shape, so the runs differ only
in what was swept. Messages are one line and start with the sweep's name.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from playground.engine.graph import Graph
from playground.engine.registry import NodeType, node_type, node_types

TYPE = "type"  # the pseudo-parameter that swaps a node's type


class SweepError(ValueError):
    """A sweep that cannot be run; the message is one line naming the sweep."""


def is_graph_sweep(name: str) -> bool:
    """"node.param" (or "node.type") sweeps the graph; plain names are training settings."""
    return "." in name


def split(name: str) -> tuple[str, str]:
    node, _, key = name.partition(".")
    return node, key


def swap_types(t: type[NodeType]) -> list[str]:
    """The type names ``t`` may be swapped for (itself included), in registration order."""
    if t.swap_group is None:
        return []
    return [u.type_name for u in node_types() if u.swap_group == t.swap_group]


def sweepable(graph: Graph) -> list[tuple[str, list[Any]]]:
    """Every sweep the graph offers with suggested values, layer by layer: the type when the
    node's type has a swap group, then its number and choice parameters."""
    out: list[tuple[str, list[Any]]] = []
    for nid, node in graph.nodes.items():
        t = node_type(node.type)
        if t is None or not t.is_layer:
            continue
        if t.swap_group is not None:
            out.append((f"{nid}.{TYPE}", swap_types(t)))
        for p in t.params:
            value = node.params.get(p.name, p.default)
            if p.kind == "choice":
                out.append((f"{nid}.{p.name}", list(p.choices)))
            elif p.kind == "int":
                values = sorted({v for v in (value // 2, value, value * 2) if p.check(v) is None})
                out.append((f"{nid}.{p.name}", values))
            elif p.kind == "float":
                values = [v for v in (value / 10, value, value * 10) if p.check(v) is None] if value else [value]
                out.append((f"{nid}.{p.name}", values))
            elif p.kind == "bool":
                out.append((f"{nid}.{p.name}", [False, True]))
    return out


def _node(graph: Graph, name: str) -> tuple[str, str, type[NodeType]]:
    nid, key = split(name)
    if not nid or not key:
        raise SweepError(f"{name}: write NODE.PARAMETER (such as dense1.units) or NODE.type")
    if nid not in graph.nodes:
        known = ", ".join(n for n, node in graph.nodes.items() if node_type(node.type).is_layer)
        raise SweepError(f"{name}: there is no node '{nid}'; the layers are: {known}")
    t = node_type(graph.nodes[nid].type)
    if not t.is_layer:
        raise SweepError(f"{name}: '{nid}' ({t.display_name()}) is not a layer; only layers and activations "
                         "can be swept (the data and training settings are the same for every run; "
                         "sweep lr or batch_size for the optimizer)")
    if key != TYPE and t.param(key) is None:
        known = ", ".join([TYPE] * (t.swap_group is not None) + [p.name for p in t.params]) or "none"
        raise SweepError(f"{name}: {t.display_name()} has no parameter '{key}'; its parameters: {known}")
    if key == TYPE and t.swap_group is None:
        raise SweepError(f"{name}: {t.display_name()} has no type it can be swapped for")
    return nid, key, t


def _value(name: str, t: type[NodeType], key: str, raw: Any) -> Any:
    """One swept value, from text (the CLI, the compare view) or JSON (a preset), checked."""
    if key == TYPE:
        allowed = swap_types(t)
        match = next((u for u in allowed if isinstance(raw, str) and u.lower() == raw.strip().lower()), None)
        if match is None:
            raise SweepError(f"{name}: {raw!r} cannot replace {t.display_name()}; choose among "
                             f"{', '.join(allowed)}")
        return match
    p = t.param(key)
    value = raw
    if isinstance(raw, str):
        text = raw.strip()
        if p.kind == "int":
            try:
                value = int(text)
            except ValueError:
                raise SweepError(f"{name}: {text!r} is not a whole number") from None
        elif p.kind == "float":
            try:
                value = float(text)
            except ValueError:
                raise SweepError(f"{name}: {text!r} is not a number") from None
        elif p.kind == "bool":
            if text.lower() not in ("true", "false"):
                raise SweepError(f"{name}: {text!r} is not true or false")
            value = text.lower() == "true"
        else:
            value = text
    problem = p.check(value)
    if problem:
        raise SweepError(f"{name}: {problem}")
    return p.coerce(value)


def sweep_values(graph: Graph, name: str, values: Sequence[Any] | str) -> list[Any]:
    """The checked values of sweep ``name`` on ``graph``; text is split at commas."""
    nid, key, t = _node(graph, name)
    if isinstance(values, str):
        values = [v.strip() for v in values.replace(";", ",").split(",") if v.strip()]
    if not values:
        raise SweepError(f"{name}: give at least one value, separated by commas")
    out = [_value(name, t, key, v) for v in values]
    if len(set(map(repr, out))) != len(out):
        raise SweepError(f"{name}: a value is given twice")
    return out


def variant(graph: Graph, name: str, value: Any) -> Graph:
    """A copy of ``graph`` with the swept setting at ``value``. A swapped-in type keeps the old
    node's parameters that it declares under the same name and accepts; the rest take its defaults."""
    nid, key = split(name)
    out = graph.copy()
    node = out.nodes[nid]
    if key != TYPE:
        node.params[key] = value
        return out
    new = node_type(value)
    params = new.defaults()
    for p in new.params:
        if p.name in node.params and p.check(node.params[p.name]) is None:
            params[p.name] = node.params[p.name]
    node.type, node.params = value, params
    return out


def describe(name: str, value: Any) -> str:
    """How a run is labelled: "dense1.units=8", "act1=ReLU"."""
    nid, key = split(name)
    if key == TYPE:
        return f"{nid}={value}"
    shown = f"{value:g}" if isinstance(value, float) else str(value).lower() if isinstance(value, bool) else value
    return f"{name}={shown}"


def transfer_weights(reference: dict[str, np.ndarray], state: dict[str, np.ndarray]) -> list[str]:
    """Copy into ``state`` (a model's live arrays) every array of ``reference`` with the same name
    and shape; returns the names copied."""
    copied = []
    for name, value in state.items():
        ref = reference.get(name)
        if ref is not None and ref.shape == value.shape:
            value[...] = ref
            copied.append(name)
    return copied
