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
