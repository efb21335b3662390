"""A model's weights as .npz files: written whole, read back only when every array fits."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np

from playground.engine.atomic import atomic_writer


class WeightsError(ValueError):
    """Weights that do not fit the graph; the message names the parameter and both shapes."""


def save_weights(state: dict[str, np.ndarray], path: str | os.PathLike[str]) -> None:
    """Write a model's ``state()`` to an .npz, whole or not at all."""
    with atomic_writer(path) as f:
        np.savez(f, **state)


def load_weights(expected: dict[str, np.ndarray], path: str | os.PathLike[str]) -> None:
    """Fill a model's live ``state()`` arrays from an .npz written by ``save_weights``; every array
    must match the graph exactly, or nothing is changed."""
    name = Path(path).name
    try:
        with open(path, "rb") as f:
            zipped = f.read(4) in (b"PK\x03\x04", b"PK\x05\x06")  # how every .npz starts
    except OSError as exc:
        raise WeightsError(f"{name}: cannot read it ({exc.strerror or exc})") from None
    if not zipped:
        raise WeightsError(f"{name}: not an .npz weights file")
    try:
        with np.load(path, allow_pickle=False) as f:
            loaded = {k: f[k] for k in f.files}
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise WeightsError(f"{name}: a damaged .npz weights file ({exc})") from None
    for key in sorted(set(loaded) & set(expected)):
        if loaded[key].shape != expected[key].shape:
            raise WeightsError(f"{name}: parameter '{key}' has shape {_dims(loaded[key].shape)} in the "
                               f"file but {_dims(expected[key].shape)} in the graph")
    missing = sorted(set(expected) - set(loaded))
    extra = sorted(set(loaded) - set(expected))
    if missing:
        raise WeightsError(f"{name}: no values for {', '.join(missing)}")
    if extra:
        raise WeightsError(f"{name}: holds parameters this graph does not have: {', '.join(extra)}")
    for key, value in loaded.items():
        expected[key][...] = value


def _dims(shape: tuple[int, ...]) -> str:
    return "x".join(map(str, shape)) or "scalar"
