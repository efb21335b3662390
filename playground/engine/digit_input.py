"""A hand-drawn or photographed digit made to look like the training data of MNIST or digits.

numpy only. The input is a grey image of any size (0 black .. 1 white); ``to_ink`` turns it into
ink on a dark background, and ``prepare`` scales and centres that ink the way the data set was made:

- MNIST (LeCun, Cortes and Burges): the digit's bounding box is fitted into 20x20 pixels keeping
  its aspect ratio (area resampling, which gives the grey anti-aliased edges MNIST has), then the
  box is moved, by whole pixels, so that the centre of mass sits at the centre of the 28x28 field.
  The bundled MNIST digits have their centre of mass at pixel (14.0, 14.0) on average (0-based
  pixel centres), which is the target here.
- digits (UCI optdigits, NIST's preprocessing): the digit is fitted into a 32x32 bitmap, keeping
  its aspect ratio and centred by its box (the bundled digits all fill the 8 rows and about 6 of
  the 8 columns), then each 4x4 block becomes the count of its "on" pixels, 0..16.

Either image is then scaled to the value range the data set has as the Dataset node loads it
(``engine/datasets.py``: MNIST /255, digits /16, so 0..1 for both).
"""
from __future__ import annotations

import numpy as np

MNIST_SHAPE = (1, 28, 28)
DIGITS_SHAPE = (1, 8, 8)
MNIST_BOX = 20  # the longer side of the digit's box in the 28x28 field
MNIST_CENTRE = 14.0  # where the centre of mass goes (row and column, 0-based pixel centres)
DIGITS_BITMAP = 32  # the optdigits bitmap, counted in 4x4 blocks
DIGITS_BLOCK = 4
INK_THRESHOLD = 0.05  # ink below this (of 1) is background when finding the digit's box
RANGE_SAMPLES = 512  # training images looked at for the data's value range


def input_kind(shape: tuple[int, ...] | None) -> str | None:
    """'mnist' for a 1x28x28 input, 'digits' for 1x8x8, None for anything a digit pad cannot feed."""
    shape = tuple(shape) if shape is not None else None
    return "mnist" if shape == MNIST_SHAPE else "digits" if shape == DIGITS_SHAPE else None


def to_ink(gray: np.ndarray) -> np.ndarray:
    """Ink 0..1 on a 0 background from a grey image (0 black .. 1 white) of either polarity.

    A light border (the median of the outer pixels) means dark ink on paper: the image is
    inverted. The background level is then subtracted and the darkest-to-brightest ink stretched
    to 0..1, so a grey photo of a sheet of paper looks like a scan."""
    g = np.asarray(gray, dtype=np.float64)
    if g.ndim != 2 or g.size == 0:
        raise ValueError(f"a digit image must be a 2-D grey image, got shape {g.shape}")
    border = np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]])
    background = float(np.median(border))
    if background > 0.5:
        g, background = 1.0 - g, 1.0 - background
    top = float(g.max())
    if top - background < INK_THRESHOLD:
        return np.zeros(g.shape, dtype=np.float32)
    return np.clip((g - background) / (top - background), 0.0, 1.0).astype(np.float32)


def bounding_box(ink: np.ndarray, threshold: float = INK_THRESHOLD) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right) of the pixels above ``threshold`` (bottom/right exclusive), or None."""
    rows = np.flatnonzero((ink > threshold).any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero((ink > threshold).any(axis=0))
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, column) of the intensity-weighted mean pixel centre; the middle for an empty image."""
    total = float(image.sum())
    h, w = image.shape
    if total <= 0:
        return (h - 1) / 2, (w - 1) / 2
    return (float((image.sum(axis=1) * np.arange(h)).sum() / total),
            float((image.sum(axis=0) * np.arange(w)).sum() / total))


def _area_weights(n: int, m: int) -> np.ndarray:
    """(m, n) matrix: output pixel i averages the input pixels its interval [i, i+1) * n/m covers,
    each weighted by the overlap (area resampling, exact for any ratio)."""
    edges = np.arange(m + 1) * (n / m)
    lo, hi = edges[:-1, None], edges[1:, None]
    j = np.arange(n)[None, :]
    overlap = np.clip(np.minimum(hi, j + 1) - np.maximum(lo, j), 0.0, None)
    return overlap / (n / m)


def resample(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """``image`` resized to (height, width) by area resampling (anti-aliased when shrinking)."""
    h, w = image.shape
    return (_area_weights(h, height) @ image.astype(np.float64) @ _area_weights(w, width).T)


def _fit(ink: np.ndarray, box: int) -> np.ndarray | None:
    """The ink's bounding box resized so its longer side is ``box``, keeping the aspect ratio."""
    found = bounding_box(ink)
    if found is None:
        return None
    top, bottom, left, right = found
    crop = ink[top:bottom, left:right]
    h, w = crop.shape
    scale = box / max(h, w)
    return resample(crop, max(1, min(box, round(h * scale))), max(1, min(box, round(w * scale))))


def _place(canvas: np.ndarray, part: np.ndarray, top: int, left: int) -> None:
    h, w = part.shape
    canvas[top:top + h, left:left + w] = part


def mnist_style(ink: np.ndarray) -> np.ndarray:
    """(28, 28) in 0..1: box fitted into 20x20, centre of mass moved to the field's centre."""
    field = np.zeros(MNIST_SHAPE[1:], dtype=np.float64)
    digit = _fit(ink, MNIST_BOX)
    if digit is None:
        return field.astype(np.float32)
    digit = np.clip(digit / digit.max(), 0.0, 1.0)  # a thin pen still reaches full ink
    h, w = digit.shape
    cy, cx = centre_of_mass(digit)
    size = MNIST_SHAPE[1]
    top = int(np.clip(round(MNIST_CENTRE - cy), 0, size - h))  # the box stays inside the field
    left = int(np.clip(round(MNIST_CENTRE - cx), 0, size - w))
    _place(field, digit, top, left)
    return field.astype(np.float32)


def digits_style(ink: np.ndarray) -> np.ndarray:
    """(8, 8) counts 0..16: fitted into a 32x32 bitmap, centred by its box, 4x4 blocks summed."""
    bitmap = np.zeros((DIGITS_BITMAP, DIGITS_BITMAP), dtype=np.float64)
    digit = _fit(ink, DIGITS_BITMAP)
    if digit is not None:
        digit = np.clip(digit / digit.max(), 0.0, 1.0)
        h, w = digit.shape
        _place(bitmap, digit, (DIGITS_BITMAP - h) // 2, (DIGITS_BITMAP - w) // 2)
    cells = DIGITS_BITMAP // DIGITS_BLOCK
    return bitmap.reshape(cells, DIGITS_BLOCK, cells, DIGITS_BLOCK).sum(axis=(1, 3)).astype(np.float32)


def prepare(ink: np.ndarray, shape: tuple[int, ...], value_range: tuple[float, float] = (0.0, 1.0)
            ) -> np.ndarray:
    """The network input (1, H, W), float32, for ink 0..1 on black: MNIST- or digits-style by
    ``shape``, scaled from 0..1 to the data's ``value_range`` (its background and full ink)."""
    kind = input_kind(shape)
    if kind == "mnist":
        unit = mnist_style(ink)
    elif kind == "digits":
        unit = digits_style(ink) / (DIGITS_BLOCK * DIGITS_BLOCK)
    else:
        raise ValueError(f"a drawn digit can feed a 1x28x28 or 1x8x8 input, not {shape}")
    lo, hi = value_range
    return (lo + (hi - lo) * unit).astype(np.float32)[None]


def value_range(x: np.ndarray) -> tuple[float, float]:
    """(background, full ink) of training images: their lowest and highest value (a sample)."""
    sample = np.asarray(x[:RANGE_SAMPLES])
    lo, hi = float(sample.min()), float(sample.max())
    return (lo, hi) if hi > lo else (lo, lo + 1.0)
