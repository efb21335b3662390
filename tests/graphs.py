"""The graphs the tests build, in one place: chains of layers, the loss and optimizer that finish a
network, a small MLP and CNN, and a chain as preset JSON."""
from __future__ import annotations

from typing import Any

from playground.engine import Graph

Layer = tuple[str, dict[str, Any], str]  # type, parameters, node id


def chain(g: Graph, after: tuple[str, str], layers: list[Layer]) -> str:
    """Add ``layers`` one after another, the first fed by the port ``after`` (node id, port);
    returns the last layer's id."""
    for typ, params, nid in layers:
        g.add_node(typ, params, node_id=nid)
        g.connect(*after, nid, "in")
        after = (nid, "out")
    return after[0]


def finish(g: Graph, out: str, loss: str = "CCE", optimizer: str = "SGD",
           opt_params: dict[str, Any] | None = None) -> Graph:
    """Train ``out`` against the labels of the node "data" with ``loss`` and ``optimizer`` (its
    ``opt_params`` set)."""
    g.add_node(loss, node_id="loss")
    g.add_node(optimizer, opt_params, node_id="opt")
    g.connect(out, "out", "loss", "pred")
    g.connect("data", "y", "loss", "target")
    g.connect("loss", "loss", "opt", "loss")
    return g


def mlp_graph(source="circle", hidden=8, out_units=1, out_act="Sigmoid", loss="BCE") -> Graph:
    g = Graph("test")
    g.add_node("Dataset", {"source": source}, node_id="data")
    chain(g, ("data", "x"), [("Dense", {"units": hidden}, "dense1"), ("Tanh", {}, "tanh1"),
                             ("Dense", {"units": out_units}, "dense2"), (out_act, {}, "out")])
    return finish(g, "out", loss, "Adam")


def cnn_graph(kernel2=3) -> Graph:
    g = Graph("cnn")
    g.add_node("Dataset", {"source": "digits"}, node_id="data")
    chain(g, ("data", "x"), [("Conv2D", {"channels": 4, "kernel": 3}, "conv1"),
                             ("MaxPool2D", {"size": 2}, "pool1"),
                             ("Conv2D", {"channels": 4, "kernel": kernel2}, "conv2"),
                             ("Flatten", {}, "flat"), ("Dense", {"units": 10}, "dense"),
                             ("Softmax", {}, "out")])
    return finish(g, "out", "CCE", "SGD")


def chain_preset(layers, loss, source="circle", samples=200, opt=("Adam", {})) -> dict:
    """A chain Dataset -> layers -> loss, as preset JSON: layers are (type, params)."""
    nodes = [{"id": "data", "type": "Dataset", "params": {"source": source, "samples": samples},
              "position": [0, 0]}]
    edges, prev = [], "data:x"
    for i, (typ, params) in enumerate(layers):
        nodes.append({"id": f"n{i}", "type": typ, "params": params, "position": [100 * i, 0]})
        edges.append({"from": prev, "to": f"n{i}:in"})
        prev = f"n{i}:out"
    nodes += [{"id": "loss", "type": loss, "params": {}, "position": [0, 100]},
              {"id": "opt", "type": opt[0], "params": {"batch_size": 10, **opt[1]}, "position": [0, 200]}]
    edges += [{"from": prev, "to": "loss:pred"}, {"from": "data:y", "to": "loss:target"},
              {"from": "loss:loss", "to": "opt:loss"}]
    return {"format": "nn-playground-preset", "version": 1, "name": "t", "nodes": nodes, "edges": edges}
