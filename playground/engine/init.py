"""Weight initialisers. Fans follow PyTorch: conv fan_in = in_ch*kh*kw, fan_out = out_ch*kh*kw."""
from __future__ import annotations

import numpy as np

INITS = ("xavier", "he", "gaussian")


def fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """(fan_in, fan_out) of a Dense (in, out) or Conv2D (out, in, kh, kw) weight."""
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = int(np.prod(shape[2:]))
    return shape[1] * receptive, shape[0] * receptive


def init_weight(shape: tuple[int, ...], method: str, std: float, rng: np.random.Generator,
                dtype: np.dtype) -> np.ndarray:
    fan_in, fan_out = fans(shape)
    if method == "xavier":  # U(-a, a), a = sqrt(6 / (fan_in + fan_out))
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        w = rng.uniform(-limit, limit, size=shape)
    elif method == "he":  # N(0, 2 / fan_in)
        w = rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)
    elif method == "gaussian":
        w = rng.standard_normal(shape) * std
    else:
        raise ValueError(f"unknown initialiser {method!r}")
    return np.ascontiguousarray(w, dtype=dtype)


def orthogonal(size: int, blocks: int, rng: np.random.Generator, dtype: np.dtype) -> np.ndarray:
    """(size, blocks * size) recurrent weights: ``blocks`` random orthogonal matrices side by side
    (one per gate), so repeated multiplication by each neither explodes nor vanishes at the start
    (Saxe et al. 2014; Keras's recurrent_initializer)."""
    parts = []
    for _ in range(blocks):
        q, r = np.linalg.qr(rng.standard_normal((size, size)))
        parts.append(q * np.sign(np.diag(r)))  # signs fixed so q is uniformly distributed
    return np.ascontiguousarray(np.concatenate(parts, axis=1), dtype=dtype)
