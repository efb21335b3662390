"""The contract every engine operation follows: forward caches what backward needs."""
from __future__ import annotations

import numpy as np


class Op:
    """One node of the built graph.

    ``params`` maps local names ("W", "b", ...) to live arrays; ``grads`` has the same keys and
    shapes and is overwritten by each ``backward``. ``forward`` receives one array per input port
    (batch first) and may cache what ``backward`` needs; ``backward`` receives dLoss/dOutput and
    returns dLoss/dInput for each input, in port order.
    """

    params: dict[str, np.ndarray]
    grads: dict[str, np.ndarray]

    def __init__(self) -> None:
        self.params = {}
        self.grads = {}
        # The model clears this when no input needs a gradient (the input is the data); an op
        # that honours it skips computing dx and returns None in its place.
        self.input_grad = True

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        raise NotImplementedError

    def fuses(self, activation: Op) -> bool:
        """Whether this op can run ``activation`` (its only consumer) in its own passes: then the
        model calls ``forward_activated(inputs, training, activation)`` (this op's output, with
        the activation's left in the activation op) and ``backward_activated(grad, activation)``
        (from the gradient of the activation's output) instead of the two ops' own passes."""
        return False

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        raise NotImplementedError

    def _track(self, **params: np.ndarray) -> None:
        """Register learnable arrays and zeroed gradient buffers of the same shape and dtype."""
        for name, value in params.items():
            self.params[name] = value
            self.grads[name] = np.zeros_like(value)
