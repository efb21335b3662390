"""Export a graph to a standalone, readable PyTorch script: the path to GPUs and clusters.

Every node type says which ``torch.nn`` module it is (``torch_module``), how it is called
(``torch_call``) and how its weights map onto that module (``torch_state``); this module only
stitches those declarations together. The weights go to an .npz beside the script.
"""
from __future__ import annotations

import keyword
import os
import textwrap
from pathlib import Path

import numpy as np

from playground.engine.model import Model
from playground.engine.atomic import atomic_writer, write_text_atomic
from playground.engine.registry import node_type

TEMPLATE = '''\
"""{title}: exported from Neural Network Playground.

A standalone PyTorch version of the graph. It needs torch and numpy only; the weights are read
from "{weights_name}" next to this file. Run it to do a forward pass on a random batch.
"""
from pathlib import Path

import numpy as np
import torch
from torch import nn

INPUT_SHAPE = {input_shape}
WEIGHTS = Path(__file__).with_name("{weights_name}")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
{init}

    def forward(self, x):
{forward}


def build_model(weights=WEIGHTS):
    """The network with the exported weights loaded, in evaluation mode."""
    model = Net()
    with np.load(weights, allow_pickle=False) as arrays:
        model.load_state_dict({{k: torch.from_numpy(arrays[k].copy()) for k in arrays.files}})
    return model.eval()


if __name__ == "__main__":
    model = build_model()
    with torch.no_grad():
        out = model(torch.randn(4, *INPUT_SHAPE))
    print("output shape:", tuple(out.shape))
'''


def _ident(node_id: str) -> str:
    """A Python name for a node: ids may contain '-', be keywords, or clash with the input x."""
    name = node_id.replace("-", "_")
    return f"n_{name}" if keyword.iskeyword(name) or name in ("x", "self", "torch", "nn") else name


def torch_script(model: Model, weights_name: str) -> tuple[str, dict[str, np.ndarray]]:
    """(script source, state dict arrays) for ``model``'s graph and current weights."""
    graph, shapes = model.graph, model.analysis.shapes
    init, forward, state = [], [], {}
    names = {model.input_node: "x"}
    for nid in model.layers:
        node = graph.nodes[nid]
        t = node_type(node.type)
        module = t.torch_module([shapes[s] for s in model.sources[nid]], node.params)
        var = _ident(nid)
        attr = f"self.{var}"
        if module is not None:
            init.append(f"{attr} = {module}")
        forward.append(f"{var} = {t.torch_call(attr, [names[s] for s in model.sources[nid]])}")
        names[nid] = var
        op = model.ops[nid]
        arrays = {**op.params, **getattr(op, "buffers", {})}
        for key, value in t.torch_state(arrays, node.params).items():
            state[f"{var}.{key}"] = np.ascontiguousarray(value)
    forward.append(f"return {names[model.output]}")
    source = TEMPLATE.format(
        title=graph.meta.get("title") or graph.name, weights_name=weights_name,
        input_shape=tuple(model.input_shape),
        init=textwrap.indent("\n".join(init) or "pass", " " * 8),
        forward=textwrap.indent("\n".join(forward), " " * 8))
    return source, state


def export_torch(model: Model, path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write the script to ``path`` and its weights to the same name with .npz; returns both."""
    path = Path(path)
    weights_path = path.with_suffix(".npz")
    source, state = torch_script(model, weights_path.name)
    with atomic_writer(weights_path) as f:
        np.savez(f, **state)
    write_text_atomic(path, source)
    return path, weights_path
