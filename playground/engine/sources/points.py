"""Points the learner draws: 2D data that lives in the preset itself.

The Dataset node's ``points`` parameter holds ``{"classes": K, "data": [[x, y, class], ...]}``
(see docs/preset-format.md). Which points are held out for validation depends on each point and
the seed, not on its place in the list, so adding or removing one point never reshuffles the rest.
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from playground.engine.params import points_param
from playground.engine.sources.base import DatasetError, Generated, GeneratedSource, register_source

NAME = "points"


def arrays(value: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray, int]:
    """(xy float32 (N, 2), labels int64 (N,), classes) of a checked ``points`` value."""
    data = value["data"]
    xy = np.array([row[:2] for row in data], dtype=np.float32).reshape(-1, 2)
    labels = np.array([row[2] for row in data], dtype=np.int64).reshape(-1)
    return xy, labels, int(value["classes"])


def validation_mask(xy: np.ndarray, val_fraction: float, seed: int) -> np.ndarray:
    """True for the round(N * val_fraction) points (1..N-1) whose hash of (x, y, seed) is lowest."""
    n = len(xy)
    if n < 2:
        raise DatasetError(f"{NAME}: draw at least 2 points (click in the Decision boundary view); "
                           f"there {'is' if n == 1 else 'are'} {n}")
    bits = np.ascontiguousarray(xy, dtype=np.float32).view(np.uint32).astype(np.uint64)
    key = (bits[:, 0] * np.uint64(0x9E3779B1)) ^ (bits[:, 1] * np.uint64(0x85EBCA77)) \
        ^ np.uint64((seed * 0xC2B2AE3D) & 0xFFFFFFFF)
    key = (key ^ (key >> np.uint64(15))) * np.uint64(0x2C1B3C6D) & np.uint64(0xFFFFFFFFFFFF)
    n_val = min(max(round(n * val_fraction), 1), n - 1)
    mask = np.zeros(n, dtype=bool)
    mask[np.lexsort((np.arange(n), key))[:n_val]] = True
    return mask


def _shape(p: Mapping[str, Any]) -> tuple[tuple[int, ...], int]:
    n = len(p[NAME]["data"])
    if n < 2:
        raise DatasetError(f"{NAME}: draw at least 2 points (click in the Decision boundary view); "
                           f"there {'is' if n == 1 else 'are'} {n}")
    return (2,), int(p[NAME]["classes"])


def _make(p: Mapping[str, Any], rng: np.random.Generator) -> Generated:
    xy, labels, classes = arrays(p[NAME])
    return Generated(xy, labels, classes, None, validation_mask(xy, p["val_fraction"], p["seed"]))


register_source(GeneratedSource(
    NAME, "2D points you draw: click in the Decision boundary view (saved inside the preset)",
    _shape, _make,
    (points_param(NAME, "The drawn points: edit them in the Decision boundary view"),),
    reads=("val_fraction", "seed")))
