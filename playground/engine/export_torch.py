"""The graph as a readable PyTorch module (model.py of an exported project) and its state dict.

Every node type says which ``torch.nn`` module it is (``torch_module``), how it is called
(``torch_call``) and how its weights map onto that module (``torch_state``); this module only
stitches those declarations together. ``forward`` returns what the loss takes (the logits when the
loss fuses the final activation, as the engine does), ``predict`` applies that final activation.
"""
from __future__ import annotations

import keyword
import os
import textwrap
from pathlib import Path

import numpy as np

from playground.engine.model import Model
from playground.engine.registry import NodeType, node_type

WEIGHTS_NAME = "weights.npz"

TEMPLATE = '''\
"""{title}: the network, exported from Neural Network Playground.

{doc}
"""
from pathlib import Path

import numpy as np
import torch
from torch import nn

INPUT_SHAPE = {input_shape}  # one sample, without the batch dimension
WEIGHTS = Path(__file__).with_name("{weights_name}")
{features}

class Net(nn.Module):
    def __init__(self):
        super().__init__()
{init}

    def forward(self, x):
        """{forward_summary}"""
{forward}

    def penalty(self):
        """The L1/L2 regularisation of the weights, which train.py adds to the loss."""
        return {penalty}

    def activate(self, out):
        """forward()'s result turned into the playground's output{predict_doc}."""
        return {activate}

    def predict(self, x):
        """The playground's output for a batch x of shape (N, *INPUT_SHAPE)."""
        return self.activate(self.forward(x))


def build_model(weights=None):
    """The network in training mode (call .eval() for inference).

    weights: an .npz of its state dict (WEIGHTS: the ones exported from the playground), or None
    for PyTorch's own fresh initialisation.
    """
    model = Net()
    if weights is not None:
        with np.load(weights, allow_pickle=False) as arrays:
            model.load_state_dict({{k: torch.from_numpy(arrays[k].copy()) for k in arrays.files}})
    return model


if __name__ == "__main__":
    model = build_model(WEIGHTS).eval()
    with torch.no_grad():
        out = model.predict(torch.randn(4, *INPUT_SHAPE))
    print(model)
    print("output shape:", tuple(out.shape))
'''


class ExportError(ValueError):
    """The graph cannot be exported; the message names the node and says why."""


def check_exportable(graph) -> None:
    """Refuse, before any model is built, a graph with nodes the export cannot write yet."""
    names = sorted({t.display_name() for t in (node_type(n.type) for n in graph.nodes.values())
                    if t is not None and not t.torch_exportable})
    if names:
        raise ExportError(f"the {', '.join(names)} nodes have no PyTorch export yet, so this "
                          "network cannot be exported")


def check_target(path: Path, kind: str) -> None:
    """Raise ExportError when ``path`` cannot be written: its folder is missing, not a folder, or
    read-only (checked before any work, so a typo costs nothing). ``kind`` names what is written."""
    parent = path.parent
    if not parent.exists():
        raise ExportError(f"cannot write {path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise ExportError(f"cannot write {path}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {path}: permission denied for {kind} in {parent}")


def _ident(node_id: str) -> str:
    """A Python name for a node: ids may contain '-', be keywords, or clash with the input x."""
    name = node_id.replace("-", "_")
    return f"n_{name}" if keyword.iskeyword(name) or name in ("x", "self", "torch", "nn") else name


def _has_counterpart(t: type[NodeType], module: str | None) -> bool:
    """A node type exports when it names a module or writes its own call (Add, Concat)."""
    return module is not None or t.torch_call.__func__ is not NodeType.torch_call.__func__


def fused_head(model: Model) -> str:
    """The node whose output the loss takes: the final activation's input when the loss fuses it."""
    return model.sources[model.output][0] if model.fused else model.output


def layer_sources(model, layers: list[str], names: dict[str, str], init: list[str],
                  state: dict[str, np.ndarray]):
    """For each of ``layers`` (in run order) of a built model: add its module to ``init`` (lines
    of ``__init__``) and its weights to ``state``, then yield (node id, its variable, its module
    attribute, its node type, its call). ``names`` maps the nodes computed so far to variables
    (the input's first); each layer's is added after it is yielded.

    Raises ExportError naming the first node that has no PyTorch counterpart."""
    graph, shapes = model.graph, model.analysis.shapes
    for nid in layers:
        node = graph.nodes[nid]
        t = node_type(node.type)
        module = t.torch_module([shapes[s] for s in model.sources[nid]], node.params)
        if not _has_counterpart(t, module) or any(s not in names for s in model.sources[nid]):
            raise ExportError(f"node '{nid}' ({t.display_name()}) has no PyTorch counterpart, so "
                              "the graph cannot be exported to PyTorch")
        var = _ident(nid)
        attr = f"self.{var}"
        if module is not None:
            init.append(f"{attr} = {module}")
        op = model.ops[nid]
        arrays = {**op.params, **getattr(op, "buffers", {})}
        for key, value in t.torch_state(arrays, node.params).items():
            state[f"{var}.{key}"] = np.ascontiguousarray(value)
        yield nid, var, attr, t, t.torch_forward(attr, [names[s] for s in model.sources[nid]], node.params)
        names[nid] = var


def torch_script(model: Model, weights_name: str = WEIGHTS_NAME) -> tuple[str, dict[str, np.ndarray]]:
    """(model.py source, state dict arrays) for ``model``'s graph and current weights.

    Raises ExportError naming the first node that has no PyTorch counterpart."""
    if not isinstance(model, Model):
        raise ExportError("a GAN's two networks export as a PyTorch project (--to torch), "
                          "not as one ONNX network")
    graph = model.graph
    init, forward, state = [], [], {}
    names = {model.input_node: "x"}
    if model.features is not None:  # the data's 2D points -> the chosen input features, first
        forward.append("x = input_features(x)")
    head = fused_head(model)
    activate = "out"
    for nid, var, attr, t, call in layer_sources(model, model.layers, names, init, state):
        if nid == model.output and head != model.output:
            activate = t.torch_call(attr, ["out"])
        else:
            forward.append(f"{var} = {call}")
    forward.append(f"return {names[head]}")
    final = node_type(graph.nodes[model.output].type).display_name()
    if head != model.output:
        predict_doc = f" (the {final} applied)"
        summary = f"Logits: the output before the final {final}, as the loss takes it."
        about = (f"Net.forward returns the logits (before the final {final}), which the loss takes; "
                 f"Net.predict gives the playground's output{predict_doc}.")
    else:
        predict_doc = ""
        summary = "The playground's output, as the loss takes it."
        about = "Net.forward and Net.predict both return the playground's output (the loss takes it)."
    doc = textwrap.fill(f"{about} build_model(WEIGHTS) loads the exported weights. Needs torch and "
                        "numpy only.", 96)
    source = TEMPLATE.format(
        title=graph.meta.get("title") or graph.name, weights_name=weights_name, doc=doc,
        input_shape=tuple(model.data_shape), predict_doc=predict_doc,
        features=_features_source(model), penalty=penalty_source(model.penalty, model, names),
        forward_summary=summary, activate=activate,
        init=textwrap.indent("\n".join(init) or "pass", " " * 8),
        forward=textwrap.indent("\n".join(forward), " " * 8))
    return source, state


def _features_source(model: Model) -> str:
    """The input-feature map as a module-level function (empty without one)."""
    if model.features is None:
        return ""
    return (f'\n\ndef input_features(x):\n    """The 2D points x (N, 2) as the network\'s inputs: '
            f'{", ".join(model.features.names)}."""\n    x1, x2 = x[:, 0], x[:, 1]\n'
            f"    return {model.features.torch_source()}\n")


def penalty_source(penalty, model, names: dict[str, str]) -> str:
    """``l1 * |w|.sum() + l2 * (w * w).sum()`` over the weights ``penalty`` regularises, as Python
    source (``names``: the layers' variables)."""
    if penalty is None:
        return "0.0"
    parts = []
    params = model.parameters()
    for term in penalty.terms:
        node_id, param = term.name.split(".", 1)
        node = model.graph.nodes[node_id]
        key = next(iter(node_type(node.type).torch_state({param: params[term.name]}, node.params)))
        w = f"self.get_parameter({names[node_id] + '.' + key!r})"
        if term.l1:
            parts.append(f"{term.l1!r} * {w}.abs().sum()")
        if term.l2:
            parts.append(f"{term.l2!r} * {w}.pow(2).sum()")
    return " + ".join(parts)
