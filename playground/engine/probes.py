"""Read-outs of a model for the live views: decision grids, filters, feature maps, confusion.

Engine-side and Qt-free so the training worker computes them on its own thread and the views only
draw the copies they receive.
"""
from __future__ import annotations

import numpy as np

from playground.engine.model import Model
from playground.engine.nodes.losses import predicted_classes
from playground.engine.registry import node_type

HISTOGRAM_BINS = 40


def plane_grid(x: np.ndarray, resolution: int, margin: float, dtype
               ) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """(points, extent): a ``resolution``-square grid over the 2D inputs ``x`` and ``margin`` of
    their range around them, row by row from the bottom (point r * resolution + c is image[r, c])."""
    lo, hi = x.min(axis=0), x.max(axis=0)
    pad = (hi - lo) * margin + 1e-6
    x0, y0 = lo - pad
    x1, y1 = hi + pad
    gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    grid = np.stack([gx.ravel(), gy.ravel()], axis=1).astype(dtype)
    return grid, (float(x0), float(y0), float(x1), float(y1))


def decision_grid(model: Model, x: np.ndarray, resolution: int = 100, margin: float = 0.15
                  ) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """The model's first output over a grid covering the 2D inputs ``x``: (image[y, x], extent)."""
    grid, extent = plane_grid(x, resolution, margin, model.dtype)
    out = model.forward(grid)
    value = out[:, 0] if out.shape[1] == 1 else out[:, 1] - out[:, 0] if out.shape[1] == 2 else out.argmax(axis=1)
    return value.reshape(resolution, resolution), extent


def conv_layers(model: Model) -> list[str]:
    """Layers whose weight is a bank of image filters (Conv2D)."""
    return [n for n in model.layers if node_type(model.graph.nodes[n].type).is_spatial_filter]


def feature_layers(model: Model) -> list[str]:
    """Layers whose output is an image (conv, pooling, image activations)."""
    return [n for n in model.layers if model.analysis.shapes[n] is not None
            and len(model.analysis.shapes[n]) == 3]


def weight_layers(model: Model) -> list[str]:
    """Layers with a learned weight (Dense, Conv2D; not BatchNorm's scale or PReLU's slope)."""
    return [n for n in model.layers if node_type(model.graph.nodes[n].type).params_with_role("weight")]


def histogram(values: np.ndarray, bins: int = HISTOGRAM_BINS) -> tuple[np.ndarray, np.ndarray]:
    """(counts, edges) over a symmetric range, so histograms of one layer line up over time."""
    limit = float(np.max(np.abs(values))) or 1.0
    counts, edges = np.histogram(values, bins=bins, range=(-limit, limit))
    return counts.astype(np.float32), edges.astype(np.float32)


def gradient_norms(model: Model) -> dict[str, float]:
    """L2 norm of each weighted layer's last gradient (all its parameters together)."""
    grads = model.gradients()
    out = {}
    for node in weight_layers(model):
        total = sum(float(np.vdot(g, g)) for k, g in grads.items() if k.startswith(node + "."))
        out[node] = float(np.sqrt(total))
    return out


def confusion_matrix(pred: np.ndarray, labels: np.ndarray, num_classes: int) -> np.ndarray:
    """counts[true, predicted] for class predictions (argmax, or threshold 0.5 for one output)."""
    guess = predicted_classes(pred)
    out = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(out, (labels.astype(np.int64), guess), 1)
    return out
