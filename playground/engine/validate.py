"""Shape inference and validation of a whole graph.

Every problem is reported with the node's type and name and the cause, e.g.
"Conv2D 'conv2': 5x5 kernel is larger than its 3x3 input", so the editor can outline the node and
the CLI can print the list.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from playground.engine.datasets import DatasetError
from playground.engine.graph import Graph
from playground.engine.registry import NodeType, Shape, ShapeError, node_type


@dataclass(frozen=True)
class Problem:
    node: str | None
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class Analysis:
    """What validation learned: shapes, parameter counts, the order to run nodes in, problems."""

    shapes: dict[str, Shape | None] = field(default_factory=dict)
    param_counts: dict[str, int] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dataset: str | None = None
    loss: str | None = None
    optimizer: str | None = None
    output: str | None = None
    num_classes: int | None = None
    data_shape: Shape | None = None  # one sample of the data, before the source's input features

    @property
    def plane(self) -> bool:
        """Whether the data are 2D points (the decision-boundary view applies)."""
        return self.data_shape == (2,)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def total_params(self) -> int:
        return sum(self.param_counts.values())

    def problems_of(self, node_id: str) -> list[str]:
        return [p.message for p in self.problems if p.node == node_id]


def label(graph: Graph, node_id: str) -> str:
    return f"{graph.nodes[node_id].type} '{node_id}'"


def analyze(graph: Graph, base_dir: str | None = None) -> Analysis:
    """Validate ``graph`` and infer every node's output shape (None where it cannot be known)."""
    a = Analysis()

    def problem(node_id: str | None, why: str) -> None:
        a.problems.append(Problem(node_id, f"{label(graph, node_id)}: {why}" if node_id else why))

    types: dict[str, type[NodeType]] = {}
    for node in graph.nodes.values():
        t = node_type(node.type)
        if t is None:
            problem(node.id, f"unknown node type {node.type!r}")
            continue
        bad = False
        for name, value in node.params.items():
            declared = t.param(name)
            why = f"unknown parameter {name!r}" if declared is None else declared.check(value)
            if why:
                problem(node.id, why)
                bad = True
        if not bad:
            types[node.id] = t

    _check_roles(graph, a, problem)
    _check_ports(graph, a, problem)
    a.order = _topological_order(graph)
    if len(a.order) < len(graph.nodes):
        stuck = sorted(set(graph.nodes) - set(a.order))
        a.problems.append(Problem(stuck[0], "the graph has a cycle through " + ", ".join(stuck)))
        return a

    data_shapes: dict[str, Shape | None] = {}  # each source's, before its input features
    for node_id in a.order:
        if node_id in a.shapes:
            continue
        node, t = graph.nodes[node_id], types.get(node_id)
        if t is None:
            a.shapes[node_id] = None
            continue
        if t.is_source:
            try:
                a.shapes[node_id], classes = t.describe(node.params, base_dir)
                if not t.is_extra_source:
                    a.num_classes = classes
                    data_shapes[node_id] = (2,) if t.input_features(node.params) else a.shapes[node_id]
            except DatasetError as exc:
                problem(node_id, str(exc))
                a.shapes[node_id] = None
            continue
        ins = [e for p in t.inputs for e in graph.inputs_of(node_id, p.name) if p.kind == "tensor"]
        shapes = [a.shapes.get(e.src) for e in ins]
        if not shapes or any(s is None for s in shapes):
            a.shapes[node_id] = None
            continue
        try:
            a.shapes[node_id] = t.infer(shapes, node.params)
            if t.is_loss:
                t.check_target(shapes[0], a.num_classes)
            a.param_counts[node_id] = t.param_count(shapes, node.params)
        except ShapeError as exc:
            problem(node_id, str(exc))
            a.shapes[node_id] = None
    a.data_shape = data_shapes.get(a.dataset)  # the one Dataset node in use, not the last one seen
    for node_id, t in types.items():
        for why in t.check_graph(graph, node_id):
            problem(node_id, why)
    return a


def _check_roles(graph: Graph, a: Analysis, problem) -> None:
    """Exactly one Dataset, one Loss and one Optimizer per output of that loss."""
    roles = {"Dataset": [], "Loss": [], "Optimizer": []}
    for node in graph.nodes.values():
        t = node_type(node.type)
        if t is None:
            continue
        if t.is_source and not t.is_extra_source:
            roles["Dataset"].append(node.id)
        elif t.is_loss:
            roles["Loss"].append(node.id)
        elif t.is_optimizer:
            roles["Optimizer"].append(node.id)
    loss_t = node_type(graph.nodes[roles["Loss"][0]].type) if roles["Loss"] else None
    allowed = {"Optimizer": sum(p.kind == "loss" for p in loss_t.outputs) if loss_t else 1}
    for role, ids in roles.items():
        if not ids:
            problem(None, f"the graph has no {role} node: add one from the palette")
        keep = allowed.get(role, 1)
        for extra in ids[keep:]:
            problem(extra, f"only one {role} node is allowed, '{ids[0]}' is already one" if keep == 1
                    else f"only {keep} {role} nodes are allowed (one per loss output)")
    a.dataset = roles["Dataset"][0] if roles["Dataset"] else None
    a.loss = roles["Loss"][0] if roles["Loss"] else None
    a.optimizer = roles["Optimizer"][0] if roles["Optimizer"] else None
    if a.loss:
        pred = graph.inputs_of(a.loss, "pred")
        a.output = pred[0].src if pred else None


def _check_ports(graph: Graph, a: Analysis, problem) -> None:
    for node in graph.nodes.values():
        t = node_type(node.type)
        if t is None:
            continue
        for port in t.inputs:
            wired = len(graph.inputs_of(node.id, port.name))
            if wired == 0:
                problem(node.id, f"input '{port.name}' is not connected")
            elif port.multi and wired < 2:
                problem(node.id, f"needs at least 2 inputs, has {wired}")
        if t.is_layer and not graph.outputs_of(node.id):
            problem(node.id, "its output is not connected to anything")


def _topological_order(graph: Graph) -> list[str]:
    indegree = {n: 0 for n in graph.nodes}
    for e in graph.edges:
        indegree[e.dst] += 1
    ready = [n for n, d in indegree.items() if d == 0]
    order = []
    while ready:
        n = ready.pop(0)
        order.append(n)
        for e in graph.outputs_of(n):
            indegree[e.dst] -= 1
            if indegree[e.dst] == 0:
                ready.append(e.dst)
    return order
