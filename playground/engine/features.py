"""Input features of 2D data, as in TensorFlow Playground: x1, x2, x1^2, x2^2, x1*x2, sin(x1),
sin(x2), each switched on or off on the Dataset node.

The data keeps its two coordinates; the model maps them to the chosen features as its first step
(``FeatureMap``), so the decision-boundary grid, evaluation and the exported PyTorch module all go
through the same map.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from playground.engine.params import Param, bool_param


@dataclass(frozen=True)
class Feature:
    name: str  # the Dataset node's parameter that switches it on
    label: str  # how views write it
    compute: Callable[[np.ndarray, np.ndarray], np.ndarray]
    torch: str  # the same in PyTorch, of columns x1 and x2
    default: bool = False


FEATURES: tuple[Feature, ...] = (
    Feature("x1", "x₁", lambda a, b: a, "x1", True),
    Feature("x2", "x₂", lambda a, b: b, "x2", True),
    Feature("x1_sq", "x₁²", lambda a, b: a * a, "x1 * x1"),
    Feature("x2_sq", "x₂²", lambda a, b: b * b, "x2 * x2"),
    Feature("x1_x2", "x₁x₂", lambda a, b: a * b, "x1 * x2"),
    Feature("sin_x1", "sin(x₁)", lambda a, b: np.sin(a), "torch.sin(x1)"),
    Feature("sin_x2", "sin(x₂)", lambda a, b: np.sin(b), "torch.sin(x2)"),
)
PLAIN = tuple(f.name for f in FEATURES if f.default)  # what needs no map: the coordinates as they are


def feature_params() -> tuple[Param, ...]:
    """One on/off parameter per feature, for the Dataset node."""
    return tuple(bool_param(f.name, f.default, f"2D data: feed {f.label} to the network") for f in FEATURES)


class FeatureMap:
    """(N, 2) coordinates -> (N, k) chosen features, in the coordinates' dtype."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.features = tuple(f for f in FEATURES if f.name in names)
        self.names = tuple(f.name for f in self.features)

    @property
    def width(self) -> int:
        return len(self.features)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        a, b = x[:, 0], x[:, 1]
        out = np.empty((len(x), self.width), dtype=x.dtype)
        for i, f in enumerate(self.features):
            out[:, i] = f.compute(a, b)
        return out

    def torch_source(self) -> str:
        """A PyTorch expression of ``x`` (N, 2) giving the same features."""
        return "torch.stack([" + ", ".join(f.torch for f in self.features) + "], dim=1)"

    def labels(self) -> tuple[str, ...]:
        return tuple(f.label for f in self.features)


def chosen(p: dict) -> tuple[str, ...]:
    """The features switched on in the parameters ``p``."""
    return tuple(f.name for f in FEATURES if p.get(f.name, f.default))
