"""The 8x8 digits as a GAN's real data: each image a row of 64 pixels in [0, 1], so a generator
ending in Dense(64) and a Sigmoid makes samples of the same shape. All ten digits, or one chosen
digit (a generator has an easier time with one shape to learn)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import numpy as np

from playground.engine.params import choice_param
from playground.engine.sources.base import DatasetError, Generated, GeneratedSource, register_source
from playground.paths import ASSETS_DIR

NAME = "gan_digits"
ALL = "all"
SIDE = 8  # the images are SIDE x SIDE pixels
_DIGIT = choice_param("digit", ALL, (ALL, *map(str, range(10))),
                      "gan_digits: which digit the real images show (all: the ten of them)")


def digit_images() -> tuple[np.ndarray, np.ndarray]:
    """(pixels float32 (1797, 64) in [0, 1], labels int64 (1797,)) of assets/digits.npz."""
    path = Path(ASSETS_DIR) / "digits.npz"
    try:
        with np.load(path) as archive:
            x, y = archive["x"], archive["y"]
    except (OSError, KeyError, ValueError) as e:
        raise DatasetError(f"{path}: cannot read the 8x8 digits ({e})") from e
    return (x.reshape(len(x), SIDE * SIDE).astype(np.float32) / 16.0), y.astype(np.int64)


def _make(p: Mapping[str, Any], rng: np.random.Generator) -> Generated:
    x, y = digit_images()
    if p["digit"] != ALL:
        keep = y == int(p["digit"])
        x, y = x[keep], y[keep]
    if p["samples"] < len(x):
        pick = np.sort(rng.permutation(len(x))[:p["samples"]])
        x, y = x[pick], y[pick]
    return Generated(x, y, 10, {"image_shape": [SIDE, SIDE], "digit": p["digit"]})


register_source(GeneratedSource(
    NAME, "GAN target: the 8x8 digits as 64 pixels in [0, 1] (all ten or one chosen digit)",
    lambda p: ((SIDE * SIDE,), 10), _make, (_DIGIT,), ("samples", "val_fraction", "seed"),
    default_samples=1797))
