"""Reading one drawn digit with a copy of a training model's weights.

The training worker copies the weights with each heavy snapshot (``digit_weights``, a probe); a
``DigitReader`` keeps its own model of the same network, loads those copies and runs one image
through it, so reading a drawing never touches the arrays the training thread is updating. With a
thread-safe threading layer (OpenMP or TBB) its passes need no ``KERNEL_LOCK`` either, so a reading
never waits behind a whole training step (LeNet: p90 56 ms while training, 0.7 ms idle); with
Numba's workqueue layer, which aborts when two threads start parallel kernels at once, they take it.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numba
import numpy as np

from playground.engine import digit_input, probes, threads
from playground.engine.graph import Graph
from playground.engine.model import Model
from playground.engine.registry import node_type
from playground.engine.validate import Analysis


@dataclass
class DigitWeights:
    """A copy of a model's parameters and buffers, with the network they belong to."""

    graph: Graph  # the run's own copy of the graph (never edited afterwards)
    analysis: Analysis
    state: dict[str, np.ndarray]  # name -> copy
    value_range: tuple[float, float]  # the training images' background and full-ink values
    shape: tuple[int, ...]


@dataclass
class DigitReading:
    """What the network makes of one drawing."""

    image: np.ndarray  # (H, W): the input as the network sees it, in the data's value range
    probabilities: np.ndarray  # (classes,)
    maps: np.ndarray | None  # (C, h, w): the first layer's feature maps when it is a Conv2D
    maps_layer: str | None
    seconds: float  # time spent in the forward pass (lock wait included)

    @property
    def predicted(self) -> int:
        return int(np.argmax(self.probabilities))


def digit_weights(model: Model, data) -> DigitWeights | None:
    """The probe: copies of ``model``'s state when it classifies 28x28 or 8x8 images, else None."""
    if digit_input.input_kind(model.input_shape) is None or not model.num_classes:
        return None
    state = {k: v.copy() for k, v in model.state().items()}
    return DigitWeights(model.graph, model.analysis, state, digit_input.value_range(data.x_train),
                        tuple(model.input_shape))


def concurrent_kernels_safe() -> bool:
    """Whether kernels may run from two Python threads at once: the threading layer in use (or,
    before the first parallel kernel, the one Numba will pick) is OpenMP or TBB."""
    try:
        return numba.threading_layer() in ("omp", "tbb")
    except ValueError:  # no parallel kernel has run yet: the layer is not chosen
        return threads.fast_layer()


def probabilities(output: np.ndarray) -> np.ndarray:
    """Class probabilities from one output row: a softmax's as they are, a single sigmoid as
    (1 - p, p), raw scores through a softmax."""
    row = np.asarray(output, dtype=np.float64).ravel()
    if row.size == 1:
        p = float(np.clip(row[0], 0.0, 1.0))
        return np.array([1.0 - p, p])
    if row.min() >= 0 and abs(row.sum() - 1.0) < 1e-3:
        return row / row.sum()
    e = np.exp(row - row.max())
    return e / e.sum()


def first_conv_layer(model: Model) -> str | None:
    """The first weighted layer when it is a Conv2D (its maps show what it detects), else None."""
    first = next(iter(probes.weight_layers(model)), None)
    if first is None or not node_type(model.graph.nodes[first].type).is_spatial_filter:
        return None
    return first


class DigitReader:
    """A private model of the trained network that reads drawings with the latest weights."""

    def __init__(self) -> None:
        self.weights: DigitWeights | None = None
        self._model: Model | None = None

    def load(self, weights: DigitWeights) -> None:
        """Use these weights from now on (a new network builds a new private model)."""
        if self._model is None or self.weights is None or weights.graph is not self.weights.graph:
            self._model = Model(weights.graph, weights.analysis)
        own = self._model.state()
        for name, value in weights.state.items():
            np.copyto(own[name], value)
        self.weights = weights

    def read(self, ink: np.ndarray) -> DigitReading:
        """Prepare ``ink`` (0..1 on black, any size) like the training data and run it."""
        if self._model is None or self.weights is None:
            raise RuntimeError("no weights loaded: train the network first")
        w = self.weights
        x = digit_input.prepare(ink, w.shape, w.value_range)[None]
        model = self._model
        layer = first_conv_layer(model)
        started = time.perf_counter()
        acts = model.activations(x, lock=not concurrent_kernels_safe())
        seconds = time.perf_counter() - started
        return DigitReading(x[0, 0], probabilities(acts[model.output][0]),
                            acts[layer][0] if layer else None, layer, seconds)
