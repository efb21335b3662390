"""The one registry of node types.

Each node type is one class that declares its parameters, ports, output-shape inference and how it
builds its engine op. The palette, inspector, validation, engine, preset files and exporters all
read these declarations, so adding a layer type means adding one class here or in ``nodes/``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from playground.engine.params import Param

Shape = tuple[int, ...]
CATEGORIES = ("Data", "Layers", "Activations", "Losses", "Optimizers")
# Canvas previews: "histogram" of the output's values, "maps" the first feature maps of one
# validation image, "pooled" the output maps beside the input maps, "loss" the loss curve.
PREVIEWS = ("", "histogram", "maps", "pooled", "loss")
# What a learned parameter is for; plots, initialisers and exporters ask for a role, never a name.
ROLES = ("weight", "bias", "scale", "shift", "slope")
_TORCH_NAMES = {"weight": "weight", "bias": "bias", "scale": "weight", "shift": "bias", "slope": "weight"}


class ShapeError(Exception):
    """A node cannot accept its inputs; the message is the cause, the graph adds the node's name."""


@dataclass(frozen=True)
class Port:
    """A typed connection point. ``kind`` is "tensor", "target" or "loss"; ``multi`` takes 2+ wires."""

    name: str
    kind: str = "tensor"
    multi: bool = False


class NodeType:
    """Declaration of one kind of node; subclasses are registered with :func:`register`."""

    type_name: ClassVar[str]
    title: ClassVar[str] = ""
    category: ClassVar[str]
    help: ClassVar[str]
    params: ClassVar[tuple[Param, ...]] = ()
    inputs: ClassVar[tuple[Port, ...]] = (Port("in"),)
    outputs: ClassVar[tuple[Port, ...]] = (Port("out"),)
    summary_params: ClassVar[tuple[str, ...]] = ()
    param_roles: ClassVar[dict[str, str]] = {}  # each learned parameter of its op -> one of ROLES
    # What the graph, validation and the views need to know about a node, declared, not guessed
    # from its category or type name:
    is_layer: ClassVar[bool] = True  # a step of the forward pass (its output feeds other nodes)
    is_source: ClassVar[bool] = False  # gives the graph its inputs and targets
    is_extra_source: ClassVar[bool] = False  # a source beside the graph's one Dataset (GAN noise)
    is_loss: ClassVar[bool] = False
    is_optimizer: ClassVar[bool] = False
    trains_in_turns: ClassVar[bool] = False  # a loss whose outputs each train their own network, in turns
    torch_exportable: ClassVar[bool] = True  # the PyTorch export knows how to write it
    is_spatial_filter: ClassVar[bool] = False  # its weight is a bank of image filters (out, in, kh, kw)
    is_token_table: ClassVar[bool] = False  # its weight holds one vector per token (vocab, dim)
    # Types of one group take the same input and give the same output shape, so a compare sweep may
    # swap one for another ("activation", "recurrent"); None: not swappable.
    swap_group: ClassVar[str | None] = None
    # What its live preview on the canvas shows (engine/node_stats.py): one of PREVIEWS.
    preview: ClassVar[str] = ""
    output_range: ClassVar[tuple[float, float] | None] = None  # bounds its outputs never leave
    units_can_die: ClassVar[bool] = False  # a unit can get stuck at output 0 and stop learning
    # Outside this range its gradient is under a tenth of its peak: it barely passes one back.
    saturates_outside: ClassVar[tuple[float, float] | None] = None

    @classmethod
    def param(cls, name: str) -> Param | None:
        return next((p for p in cls.params if p.name == name), None)

    @classmethod
    def params_with_role(cls, role: str) -> tuple[str, ...]:
        """Names of the op parameters that play ``role`` (e.g. "weight": ("W",) for Dense)."""
        return tuple(name for name, r in cls.param_roles.items() if r == role)

    @classmethod
    def relevant_params(cls, p: dict[str, Any]) -> tuple[str, ...]:
        """The parameters that matter with these values (the inspector hides the others)."""
        return tuple(q.name for q in cls.params)

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return {p.name: p.default for p in cls.params}

    @classmethod
    def display_name(cls) -> str:
        return cls.title or cls.type_name

    @classmethod
    def infer(cls, shapes: list[Shape], p: dict[str, Any]) -> Shape:
        """Output shape (no batch dimension) for these input shapes; raise ShapeError if impossible."""
        return shapes[0]

    @classmethod
    def param_count(cls, shapes: list[Shape], p: dict[str, Any]) -> int:
        return 0

    @classmethod
    def sample_input(cls, shape: Shape, p: dict[str, Any], rng: np.random.Generator,
                     batch: int = 3) -> np.ndarray:
        """A batch of inputs the node accepts (tests, previews): standard normal values kept away
        from 0, where ReLU-like functions have a kink; a node taking token ids gives ids."""
        x = rng.standard_normal((batch, *shape))
        x[np.abs(x) < 1e-2] = 0.5
        return x

    @classmethod
    def input_problem(cls, x: np.ndarray, p: dict[str, Any]) -> tuple[int, str] | None:
        """A value of the loaded data (N, *shape) this node cannot take when fed by the dataset:
        (sample, what and where inside it), or None. Checked once as the data loads, so the
        message names the file and row instead of a batch position mid-training."""
        return None

    @classmethod
    def build(cls, shapes: list[Shape], p: dict[str, Any], rng: np.random.Generator,
              dtype: np.dtype) -> Any:
        """The engine op for this node (an ``Op`` for layers and activations)."""
        raise NotImplementedError(f"{cls.type_name} builds no op")

    @classmethod
    def penalty_rates(cls, p: dict[str, Any]) -> tuple[float, float]:
        """(L1, L2) regularisation rates of this layer's weights (``params_with_role("weight")``)."""
        return 0.0, 0.0

    @classmethod
    def input_features(cls, p: dict[str, Any]) -> Any:
        """A source's map from its data to the network's inputs (a ``features.FeatureMap``), or
        None when the network takes the data as it is."""
        return None

    @classmethod
    def torch_module(cls, shapes: list[Shape], p: dict[str, Any]) -> str | None:
        """Source of the equivalent ``torch.nn`` module for the exported script (None: no module)."""
        return None

    @classmethod
    def torch_call(cls, module: str, args: list[str]) -> str:
        """Source of this node's forward expression, given its module and input variable names."""
        return f"{module}({args[0]})"

    @classmethod
    def torch_forward(cls, module: str, args: list[str], p: dict[str, Any]) -> str:
        """``torch_call`` for types whose call depends on their parameters (a recurrent layer's
        last step); the exporter asks this one."""
        return cls.torch_call(module, args)

    @classmethod
    def torch_state(cls, params: dict[str, np.ndarray], p: dict[str, Any]) -> dict[str, np.ndarray]:
        """Engine parameters (by role; buffers keep their names) as the torch module's state_dict wants them."""
        return {_TORCH_NAMES.get(cls.param_roles.get(k, ""), k): v for k, v in params.items()}

    @classmethod
    def check_graph(cls, graph: Any, node_id: str) -> list[str]:
        """Problems of the graph around this node that only its type knows (e.g. a GAN's missing
        optimizer), as messages without the node's name."""
        return []

    @classmethod
    def summary(cls, p: dict[str, Any]) -> str:
        """Key parameters as one short line for the node face, e.g. "32 units"."""
        return ", ".join(f"{k}={p[k]}" for k in cls.summary_params if k in p)


# Filled by ``register`` as node modules are imported; ``playground.engine`` imports the built-in
# ones (``nodes/``) before anything else can ask, so this module never imports them back.
REGISTRY: dict[str, type[NodeType]] = {}


def register(cls: type[NodeType]) -> type[NodeType]:
    """Add ``cls`` to the registry; a second type under a taken name is refused, not swapped in."""
    if cls.category not in CATEGORIES:
        raise ValueError(f"{cls.__name__}: unknown category {cls.category!r}")
    taken = REGISTRY.get(cls.type_name)
    if taken is not None and taken is not cls:
        raise ValueError(f"{cls.__module__}.{cls.__qualname__}: the node type name {cls.type_name!r} "
                         f"is already registered by {taken.__module__}.{taken.__qualname__}")
    REGISTRY[cls.type_name] = cls
    return cls


def node_type(name: str) -> type[NodeType] | None:
    """Look a node type up by its type name; None when unknown."""
    return REGISTRY.get(name)


def is_weight(param: str) -> bool:
    """Whether some node type names a parameter ``param`` (the part after "<node>.") as a weight."""
    return any(t.param_roles.get(param) == "weight" for t in REGISTRY.values())


def node_types(category: str | None = None) -> list[type[NodeType]]:
    """All registered types (of one category), in declaration order."""
    return [t for t in REGISTRY.values() if category is None or t.category == category]


def shape_text(shape: Shape | None) -> str:
    """How shapes are written in messages and on wires: 1x28x28, 10."""
    if shape is None:
        return "?"
    return "x".join(str(d) for d in shape) if shape else "scalar"
