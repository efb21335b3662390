"""Data for the Dataset node: TF Playground's 2D toys, the bundled real data sets and user files.

numpy only. Anything wrong with a file raises :class:`DatasetError` with a one-line message that
names the file and the problem, so the UI can show it as is instead of a numpy traceback.

The 2D generators are ported from TensorFlow Playground's ``src/dataset.ts``
(Copyright 2016 Google Inc., Apache License 2.0), in TF's coordinates and then divided by 6.
"""
from __future__ import annotations

import csv
import gzip
import io
import math
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from playground.engine.sources import GENERATED, DatasetError
from playground.engine.sources.base import read_file
from playground.paths import ASSETS_DIR


@dataclass
class Dataset:
    """Training and validation arrays plus what the graph needs to know about them."""

    name: str
    x_train: np.ndarray  # float32, (N, *input_shape)
    y_train: np.ndarray  # classification: int64 (N,); regression: float32 (N, k)
    x_val: np.ndarray
    y_val: np.ndarray
    num_classes: int | None  # None for regression
    input_shape: tuple[int, ...]
    meta: dict | None = None  # what a generated source tells the views (vocabulary, modes, ...)
    # Where each sample sits in the user's file, for messages: per part (train, val) the array's
    # name in the file and the sample's row in it. None for data that is not read from a file.
    origin: tuple[tuple[str, np.ndarray], tuple[str, np.ndarray]] | None = None

    def place(self, part: int, i: int) -> str:
        """Sample ``i`` of the training (0) or validation (1) part as the user finds it: its row in
        the file (``x[137]``), else ``training sample 15``."""
        if self.origin is None:
            return f"{('training', 'validation')[part]} sample {i}"
        array, rows = self.origin[part]
        return f"{array}[{int(rows[i])}]"

    @property
    def is_classification(self) -> bool:
        return self.num_classes is not None


SOURCES: dict[str, str] = {
    "circle": "2D toy: a disc of one class inside a ring of the other",
    "xor": "2D toy: XOR of the signs of the two coordinates",
    "gauss": "2D toy: two Gaussian blobs; noise widens them",
    "spiral": "2D toy: two interleaved spirals",
    "regression": "2D toy regression: target grows linearly along the diagonal (x1 + x2)",
    "iris": "Iris flowers: 150 samples, 4 measurements, 3 species (standardised)",
    "digits": "8x8 handwritten digits: 1797 grey images, 10 classes",
    "mnist": "MNIST test split: 10,000 grey 28x28 handwritten digits, 10 classes",
    **{name: source.help for name, source in GENERATED.items()},
    "csv": "Your CSV file: numeric columns, one of them the label (integers: classes, else regression)",
    "idx": "Your IDX files (MNIST format, optionally gzipped): images plus labels",
    "npz": "Your numpy .npz: arrays x, y (or x_train, y_train, x_val, y_val)",
}

TOYS = ("circle", "xor", "gauss", "spiral", "regression")
FILE_SOURCES = ("csv", "idx", "npz")
DEFAULT_TOY_SAMPLES = 500
MAX_CLASSES = 1000  # integer labels beyond this are far more likely a regression target than classes

_BUILTIN_SHAPES: dict[str, tuple[tuple[int, ...], int | None]] = {
    **{kind: ((2,), 2) for kind in TOYS},
    "regression": ((2,), None),
    "iris": ((4,), 3),
    "digits": ((1, 8, 8), 10),
    "mnist": ((1, 28, 28), 10),
}




# --------------------------------------------------------------------------------------------
# 2D toys (TensorFlow Playground, src/dataset.ts)
# --------------------------------------------------------------------------------------------
# Each generator works in TF's [-6, 6] coordinates and returns (points (N, 2), labels (N,)):
# classification labels are TF's +1 / -1, the regression label is TF's value in about [-1, 1].
# The noise draws are made even when noise is 0, so that for one seed the noise slider changes
# only what noise changes in TF (labels for circle/xor/regression, spread for gauss/spiral).

def _half(n: int) -> int:
    """Size of the positive class; TF makes n/2 of each (an odd n gets the extra positive)."""
    return n - n // 2


def _circle(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """classifyCircleData: positives within radius 2.5, negatives in the ring 3.5..5."""
    radius = 5.0
    n_pos = _half(n)
    r = np.concatenate([rng.uniform(0, radius * 0.5, n_pos),
                        rng.uniform(radius * 0.7, radius, n - n_pos)])
    angle = rng.uniform(0, 2 * np.pi, n)
    points = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    jittered = points + rng.uniform(-radius, radius, (n, 2)) * noise  # noise moves the label only
    labels = np.where(np.hypot(jittered[:, 0], jittered[:, 1]) < radius * 0.5, 1.0, -1.0)
    return points, labels


def _xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """classifyXORData: uniform in [-5, 5]^2 pushed 0.3 away from the axes; label = sign(x*y)."""
    points = rng.uniform(-5, 5, (n, 2))
    points += np.where(points > 0, 0.3, -0.3)
    jittered = points + rng.uniform(-5, 5, (n, 2)) * noise
    labels = np.where(jittered[:, 0] * jittered[:, 1] >= 0, 1.0, -1.0)
    return points, labels


def _gauss(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """classifyTwoGaussData: blobs at (2, 2) and (-2, -2); variance maps noise 0..0.5 to 0.5..4."""
    variance = 0.5 + noise * (4.0 - 0.5) / 0.5  # d3 linear scale, unclamped like TF's
    n_pos = _half(n)
    centres = np.repeat(np.array([[2.0, 2.0], [-2.0, -2.0]]), [n_pos, n - n_pos], axis=0)
    points = centres + math.sqrt(variance) * rng.standard_normal((n, 2))
    labels = np.repeat([1.0, -1.0], [n_pos, n - n_pos])
    return points, labels


def _spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """classifySpiralData: two arms of 1.75 turns out to radius 5, the second rotated by pi."""
    per_arm = n / 2

    def arm(count: int, delta_t: float) -> np.ndarray:
        i = np.arange(count)
        r = i / per_arm * 5
        t = 1.75 * i / per_arm * 2 * np.pi + delta_t
        return np.stack([r * np.sin(t), r * np.cos(t)], axis=1)

    n_pos = _half(n)
    points = np.concatenate([arm(n_pos, 0.0), arm(n - n_pos, np.pi)])
    points += rng.uniform(-1, 1, (n, 2)) * noise
    labels = np.repeat([1.0, -1.0], [n_pos, n - n_pos])
    return points, labels


def _plane(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """regressPlane: uniform in [-6, 6]^2, label = (x + y) / 10 at a noise-jittered position."""
    points = rng.uniform(-6, 6, (n, 2))
    jittered = points + rng.uniform(-6, 6, (n, 2)) * noise
    return points, jittered.sum(axis=1) / 10.0  # d3 linear [-10, 10] -> [-1, 1]


_GENERATORS: dict[str, Callable[[int, float, np.random.Generator], tuple[np.ndarray, np.ndarray]]] = {
    "circle": _circle, "xor": _xor, "gauss": _gauss, "spiral": _spiral, "regression": _plane,
}


def toy_2d(kind: str, samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """TF Playground's 2D data: x float32 (N, 2) roughly in [-1, 1]; y int64 0/1 labels
    (TF's -1 -> 0) or, for "regression", float32 (N, 1). noise is a fraction (TF's 50 % = 0.5)."""
    if kind not in _GENERATORS:
        raise DatasetError(f"unknown 2D toy {kind!r}; choose one of: {', '.join(TOYS)}")
    if samples < 1:
        raise DatasetError(f"{kind}: samples must be at least 1, got {samples}")
    if not noise >= 0:  # also catches NaN
        raise DatasetError(f"{kind}: noise must be 0 or more, got {noise}")
    points, labels = _GENERATORS[kind](int(samples), float(noise), _rng(seed, kind))
    x = (points / 6.0).astype(np.float32)
    if kind == "regression":
        return x, labels.astype(np.float32).reshape(-1, 1)
    return x, (labels > 0).astype(np.int64)


def _rng(seed: int, *stream: int | str) -> np.random.Generator:
    """A generator for one seed; ``stream`` separates independent uses of the same seed."""
    if seed < 0:
        raise DatasetError(f"seed must be 0 or more, got {seed}")
    tags = [zlib.crc32(s.encode()) if isinstance(s, str) else int(s) for s in stream]
    return np.random.default_rng([int(seed), *tags])


# --------------------------------------------------------------------------------------------
# Samples before the split
# --------------------------------------------------------------------------------------------

@dataclass
class _Table:
    """All samples of a source before the train/validation split (``val``: a file's own split)."""

    x: np.ndarray
    y: np.ndarray
    num_classes: int | None
    val: tuple[np.ndarray, np.ndarray] | None = None


def _class_labels(values: np.ndarray, name: str, where: Callable[[int], str]) -> tuple[np.ndarray, int]:
    """Check class labels are integers 0..K-1; return them as int64 with K = max + 1."""
    values = np.asarray(values)
    if values.dtype.kind == "f":
        bad = np.flatnonzero(~np.isfinite(values) | (values != np.round(values)))
        if bad.size:
            raise DatasetError(f"{name}{where(bad[0])}: label {values[bad[0]]:g} is not an integer; "
                               "class labels must be integers 0..K-1")
    labels = values.astype(np.int64)
    bad = np.flatnonzero(labels < 0)
    if bad.size:
        raise DatasetError(f"{name}{where(bad[0])}: label {labels[bad[0]]} is negative; "
                           "class labels must be integers 0..K-1")
    num_classes = int(labels.max()) + 1 if labels.size else 0
    if num_classes > MAX_CLASSES:
        raise DatasetError(f"{name}: labels go up to {num_classes - 1}, more than {MAX_CLASSES} "
                           "classes; a regression target needs non-integer values")
    return labels, num_classes


def _no_where(_: int) -> str:
    return ""


# --------------------------------------------------------------------------------------------
# Files: common checks
# --------------------------------------------------------------------------------------------

def _resolve(path: str, base_dir: str | None) -> Path:
    """A user path: ~ expanded, relative paths taken from the preset's folder when known."""
    p = Path(path).expanduser()
    if not p.is_absolute() and base_dir:
        p = Path(base_dir).expanduser() / p
    return p


def _need_path(source: str, path: str, param: str = "path") -> None:
    if not path or not path.strip():
        raise DatasetError(f"{source}: no file chosen (set '{param}')")


def _read_bytes(p: Path, name: str) -> bytes:
    """The whole file, refused when empty."""
    data = read_file(p, name)
    if not data:
        raise DatasetError(f"{name}: the file is empty")
    return data


def _one_line(text: object, limit: int = 120) -> str:
    """Exception text or a cell, squeezed onto one short line for a message."""
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 3] + "..."


def _check_finite(x: np.ndarray, name: str, what: str) -> None:
    if x.dtype.kind == "f" and not np.isfinite(x).all():
        raise DatasetError(f"{name}: {what} contains missing (NaN) or infinite values")


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------

_MISSING = {"", "nan", "na", "n/a", "null", "none", "?"}


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, stripped cells) of each non-blank, non-comment line.

    The delimiter is the first of , ; tab found on the first such line; otherwise any whitespace.
    A row whose quoted cell spans lines is numbered by the line it starts on.
    """
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    delimiter = next((d for d in ",;\t" if d in first), None)
    if delimiter is None:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                yield number, line.split()
        return
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    start = 1
    for cells in reader:
        cells = [c.strip() for c in cells]
        if any(cells) and not cells[0].startswith("#"):
            yield start, cells
        start = reader.line_num + 1


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _cell_error(name: str, line: int, column: int, cell: str) -> DatasetError:
    """Why one cell is unusable, in the 'file line L, column C: problem' form."""
    where = f"{name} line {line}, column {column + 1}"
    if cell.lower() in _MISSING:
        shown = f" ({cell!r})" if cell else ""
        return DatasetError(f"{where}: missing value{shown}")
    if _is_number(cell):
        return DatasetError(f"{where}: {cell!r} is not a finite number")
    return DatasetError(f"{where}: {_one_line(cell, 40)!r} is not a number")


def _parse_numbers(rows: list[list[str]], lines: list[int], name: str) -> np.ndarray:
    """Cells to float64; on failure, find the first bad cell to say where it is."""
    try:
        values = np.array(rows, dtype=np.float64)
        if np.isfinite(values).all():
            return values
    except ValueError:
        pass
    for line, cells in zip(lines, rows):
        for column, cell in enumerate(cells):
            if cell.lower() in _MISSING or not _is_number(cell) or not math.isfinite(float(cell)):
                raise _cell_error(name, line, column, cell)
    raise DatasetError(f"{name}: cannot read the numbers")  # unreachable in practice


def _read_csv(p: Path, name: str, label_column: int) -> _Table:
    """Numeric CSV with an optional header row; one column is the label.

    Integer-valued labels make a classification set (K = max + 1 classes); any non-integer label
    makes it regression with a (N, 1) float target.
    """
    data = _read_bytes(p, name)
    if b"\x00" in data[:4096]:
        raise DatasetError(f"{name}: looks like a binary file, not CSV text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DatasetError(f"{name}: not UTF-8 text (bad byte at offset {e.start})") from None
    rows_iter = list(_csv_rows(text))
    if not rows_iter:
        raise DatasetError(f"{name}: the file holds no data")
    header: tuple[int, list[str]] | None = None
    if not any(_is_number(c) for c in rows_iter[0][1]):
        header, rows_iter = rows_iter[0], rows_iter[1:]
    if not rows_iter:
        raise DatasetError(f"{name}: has a header but no data rows")
    lines = [line for line, _ in rows_iter]
    rows = [cells for _, cells in rows_iter]
    width = len(rows[0])
    if header is not None and len(header[1]) != width:
        raise DatasetError(f"{name} line {header[0]}: the header has {len(header[1])} columns "
                           f"but the data rows have {width}")
    for line, cells in rows_iter:
        if len(cells) != width:
            raise DatasetError(f"{name} line {line}: {len(cells)} columns, expected {width} "
                               f"(as on line {lines[0]})")
    if width < 2:
        raise DatasetError(f"{name}: needs at least 2 columns (features and a label), found 1")
    if not -width <= label_column < width:
        raise DatasetError(f"{name}: label_column {label_column} is out of range for {width} columns")
    values = _parse_numbers(rows, lines, name)
    label_index = label_column % width
    x = np.delete(values, label_index, axis=1).astype(np.float32)
    raw_labels = values[:, label_index]
    if np.array_equal(raw_labels, np.round(raw_labels)):
        y, num_classes = _class_labels(raw_labels, name, lambda i: f" line {lines[i]}")
        return _Table(x, y, num_classes)
    return _Table(x, raw_labels.astype(np.float32).reshape(-1, 1), None)


# --------------------------------------------------------------------------------------------
# IDX (the MNIST format)
# --------------------------------------------------------------------------------------------

_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def _read_idx(p: Path, name: str) -> np.ndarray:
    """One IDX array (gzip detected by its magic bytes, not by the file name)."""
    data = _read_bytes(p, name)
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as e:
            raise DatasetError(f"{name}: broken gzip data ({_one_line(e)})") from None
    if len(data) < 4:
        raise DatasetError(f"{name}: truncated: only {len(data)} bytes, too short for an IDX header")
    if data[0] or data[1] or data[2] not in _IDX_TYPES or data[3] == 0:
        raise DatasetError(f"{name}: not an IDX file (wrong magic number 0x{data[:4].hex()}; "
                           "expected 0x0000, a type byte and the number of dimensions)")
    ndim = data[3]
    header = 4 + 4 * ndim
    if len(data) < header:
        raise DatasetError(f"{name}: truncated: the header needs {header} bytes, "
                           f"the file has {len(data)}")
    dims = struct.unpack(f">{ndim}I", data[4:header])
    dtype = np.dtype(_IDX_TYPES[data[2]])
    count = math.prod(dims)
    expected, found = count * dtype.itemsize, len(data) - header
    if found < expected:
        raise DatasetError(f"{name}: truncated: the header promises shape {dims} ({expected} bytes) "
                           f"but only {found} bytes follow")
    if found > expected:
        raise DatasetError(f"{name}: {found - expected} unexpected bytes after the {dims} array")
    if dims[0] == 0:
        raise DatasetError(f"{name}: holds no samples")
    return np.frombuffer(data, dtype, count=count, offset=header).reshape(dims)


def _image_features(x: np.ndarray, name: str, what: str) -> np.ndarray:
    """float32 inputs: uint8 scaled to 0..1, a single 2D image per sample gets a channel axis."""
    if x.dtype.kind not in "biuf":
        raise DatasetError(f"{name}: {what} has dtype {x.dtype}, numbers are needed")
    if x.ndim == 0:
        raise DatasetError(f"{name}: {what} is a single number, not an array of samples")
    if len(x) == 0:
        raise DatasetError(f"{name}: {what} holds no samples")
    out = x.astype(np.float32) / 255.0 if x.dtype == np.uint8 else x.astype(np.float32)
    if out.ndim == 1:
        out = out.reshape(-1, 1)
    elif out.ndim == 3:
        out = out[:, None]  # (N, H, W) -> (N, 1, H, W)
    _check_finite(out, name, what)
    return out


def _read_idx_pair(images: Path, images_name: str, labels: Path, labels_name: str) -> _Table:
    """Images IDX plus labels IDX of the same count: (N, 1, H, W) for 3-D images, (N, D) for 2-D."""
    x_raw = _read_idx(images, images_name)
    y_raw = _read_idx(labels, labels_name)
    if x_raw.ndim < 2:
        raise DatasetError(f"{images_name}: images need at least 2 dimensions (count, ...), "
                           f"found shape {x_raw.shape}")
    if y_raw.ndim == 2 and y_raw.shape[1] == 1:
        y_raw = y_raw[:, 0]
    if y_raw.ndim != 1:
        raise DatasetError(f"{labels_name}: labels must be 1-D (one per image), "
                           f"found shape {y_raw.shape}")
    if len(x_raw) != len(y_raw):
        raise DatasetError(f"{images_name} has {len(x_raw)} images but {labels_name} has "
                           f"{len(y_raw)} labels")
    x = _image_features(x_raw, images_name, "the images")
    y, num_classes = _class_labels(y_raw, labels_name, lambda i: f" (label #{i})")
    return _Table(x, y, num_classes)


# --------------------------------------------------------------------------------------------
# npz
# --------------------------------------------------------------------------------------------

_NPZ_SPLIT = ("x_train", "y_train", "x_val", "y_val")


def _npz_array(archive: np.lib.npyio.NpzFile, key: str, name: str) -> np.ndarray:
    try:
        return archive[key]
    except ValueError as e:
        if "pickle" in str(e) or "object" in str(e).lower():
            raise DatasetError(f"{name}: array '{key}' holds Python objects (pickled data), which are "
                               "refused for safety; save plain numeric arrays (sequences of different "
                               "lengths: pad them to one length)") from None
        raise DatasetError(f"{name}: array '{key}' cannot be read ({_one_line(e)})") from None
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as e:
        raise DatasetError(f"{name}: array '{key}' cannot be read ({_one_line(e)})") from None


def _npz_targets(y: np.ndarray, name: str, key: str) -> tuple[np.ndarray, int | None]:
    """Integer (or bool) y -> class labels (N,); float y -> regression targets (N, k)."""
    if y.dtype.kind in "biu":
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        if y.ndim != 1:
            raise DatasetError(f"{name}: integer '{key}' must hold one class label per sample, "
                               f"found shape {y.shape}")
        return _class_labels(y, f"{name}: '{key}'", lambda i: f" (sample {i})")
    if y.dtype.kind == "f":
        if y.ndim not in (1, 2):
            raise DatasetError(f"{name}: '{key}' must be (N,) or (N, k), found shape {y.shape}")
        _check_finite(y, name, f"'{key}'")
        return y.astype(np.float32).reshape(len(y), -1), None
    raise DatasetError(f"{name}: '{key}' has dtype {y.dtype}; "
                       "integer labels or float targets are needed")


def _npz_part(archive: np.lib.npyio.NpzFile, xk: str, yk: str,
              name: str) -> tuple[np.ndarray, np.ndarray, int | None]:
    x = _image_features(_npz_array(archive, xk, name), name, f"'{xk}'")
    y, num_classes = _npz_targets(_npz_array(archive, yk, name), name, yk)
    if len(x) != len(y):
        raise DatasetError(f"{name}: '{xk}' has {len(x)} samples but '{yk}' has {len(y)}")
    return x, y, num_classes


def _open_npz(p: Path, name: str) -> np.lib.npyio.NpzFile:
    """The archive, never unpickling anything (a pickle can run code)."""
    data = _read_bytes(p, name)
    try:
        archive = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as e:
        reason = "pickled data is refused" if "pickle" in str(e) else _one_line(e)
        raise DatasetError(f"{name}: not a valid npz file ({reason})") from None
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise DatasetError(f"{name}: is a single .npy array; an npz with arrays x and y is needed")
    return archive


def _read_npz(p: Path, name: str) -> _Table:
    """Arrays x, y - or x_train, y_train, x_val, y_val to keep the file's own split.

    uint8 x is scaled to 0..1 and (N, H, W) gets a channel axis, as for IDX images.
    """
    with _open_npz(p, name) as archive:
        present = list(archive.files)
        if all(k in present for k in _NPZ_SPLIT):
            x, y, k_train = _npz_part(archive, "x_train", "y_train", name)
            xv, yv, k_val = _npz_part(archive, "x_val", "y_val", name)
            if x.shape[1:] != xv.shape[1:]:
                raise DatasetError(f"{name}: x_train samples have shape {x.shape[1:]} but x_val "
                                   f"samples have {xv.shape[1:]}")
            if (k_train is None) != (k_val is None) or y.shape[1:] != yv.shape[1:]:
                raise DatasetError(f"{name}: y_train and y_val differ in kind or shape "
                                   f"({y.dtype} {y.shape[1:]} vs {yv.dtype} {yv.shape[1:]})")
            num_classes = None if k_train is None else max(k_train, k_val)
            return _Table(x, y, num_classes, val=(xv, yv))
        if "x" in present and "y" in present:
            x, y, num_classes = _npz_part(archive, "x", "y", name)
            return _Table(x, y, num_classes)
    found = ", ".join(present) if present else "no arrays"
    raise DatasetError(f"{name}: needs arrays x and y (or x_train, y_train, x_val, y_val); "
                       f"found: {found}")


# --------------------------------------------------------------------------------------------
# Built-in real data (assets/)
# --------------------------------------------------------------------------------------------

def _asset(relative: str) -> tuple[Path, str]:
    p = Path(ASSETS_DIR) / relative
    return p, str(p)


def _read_iris() -> _Table:
    return _read_csv(*_asset("iris.csv"), label_column=-1)


def _read_digits() -> _Table:
    """assets/digits.npz: x uint8 (1797, 8, 8) with values 0..16 -> (N, 1, 8, 8) / 16."""
    p, name = _asset("digits.npz")
    with _open_npz(p, name) as archive:
        x = _npz_array(archive, "x", name)
        y = _npz_array(archive, "y", name)
    labels, _ = _class_labels(y, name, _no_where)
    return _Table(x.astype(np.float32)[:, None] / 16.0, labels, 10)


def _read_mnist() -> _Table:
    images, images_name = _asset("mnist/t10k-images-idx3-ubyte.gz")
    labels, labels_name = _asset("mnist/t10k-labels-idx1-ubyte.gz")
    table = _read_idx_pair(images, images_name, labels, labels_name)
    table.num_classes = 10
    return table


def _read_source(source: str, path: str, labels_path: str, label_column: int,
                 base_dir: str | None) -> _Table:
    """All samples of a real source (built-in or file), not yet subset or split."""
    if source == "iris":
        return _read_iris()
    if source == "digits":
        return _read_digits()
    if source == "mnist":
        return _read_mnist()
    if source not in FILE_SOURCES:
        raise DatasetError(f"unknown dataset source {source!r}; choose one of: {', '.join(SOURCES)}")
    _need_path(source, path)
    if source == "csv":
        return _read_csv(_resolve(path, base_dir), path, label_column)
    if source == "npz":
        return _read_npz(_resolve(path, base_dir), path)
    _need_path(source, labels_path, "labels_path")
    return _read_idx_pair(_resolve(path, base_dir), path, _resolve(labels_path, base_dir), labels_path)


# --------------------------------------------------------------------------------------------
# Subset and split
# --------------------------------------------------------------------------------------------

def _val_count(n: int, val_fraction: float, name: str) -> int:
    """round(n * val_fraction), kept within 1..n-1 so neither part is empty."""
    if n < 2:
        raise DatasetError(f"{name}: needs at least 2 samples to split into training and validation, "
                           f"has {n}")
    return min(max(round(n * val_fraction), 1), n - 1)


def _split(name: str, table: _Table, samples: int, val_fraction: float, seed: int,
           named: bool = False) -> Dataset:
    """A seeded permutation picks the subset (samples > 0) and then the validation part;
    ``named``: the file names its arrays (npz), so the Dataset keeps each sample's ``origin``."""
    rng = _rng(seed, "split")
    if table.val is not None:
        ds = _keep_file_split(name, table, samples, rng)
        if not named:
            ds.origin = None
        return ds
    order = rng.permutation(len(table.x))
    if 0 < samples < len(order):
        order = order[:samples]
    n_val = _val_count(len(order), val_fraction, name)
    val, train = order[:n_val], order[n_val:]
    return Dataset(name, table.x[train], table.y[train], table.x[val], table.y[val],
                   table.num_classes, tuple(table.x.shape[1:]),
                   origin=(("x", train), ("x", val)) if named else None)


def _keep_file_split(name: str, table: _Table, samples: int, rng: np.random.Generator) -> Dataset:
    """npz with its own split: keep it; samples > 0 takes that many, shared in proportion."""
    x_val, y_val = table.val  # type: ignore[misc]
    n_train, n_val = len(table.x), len(x_val)
    train, val = np.arange(n_train), np.arange(n_val)
    if 0 < samples < n_train + n_val:
        if samples < 2:
            raise DatasetError(f"{name}: needs at least 2 samples to keep a training and a "
                               "validation part")
        keep_val = min(max(round(samples * n_val / (n_train + n_val)), 1), samples - 1, n_val)
        train = np.sort(rng.permutation(n_train)[: samples - keep_val])
        val = np.sort(rng.permutation(n_val)[:keep_val])
    return Dataset(name, table.x[train], table.y[train], x_val[val], y_val[val],
                   table.num_classes, tuple(table.x.shape[1:]),
                   origin=(("x_train", train), ("x_val", val)))


def _standardise(ds: Dataset) -> None:
    """Scale features with the training part's mean and std (the validation part must not leak in)."""
    mean = ds.x_train.mean(axis=0)
    std = ds.x_train.std(axis=0)
    std[std == 0] = 1.0
    ds.x_train = ((ds.x_train - mean) / std).astype(np.float32)
    ds.x_val = ((ds.x_val - mean) / std).astype(np.float32)


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------

def source_options(source: str, given: dict) -> dict:
    """A generated source's own parameters: ``given`` over their declared defaults; a name no
    source declares is a TypeError, as for any unknown keyword."""
    declared = {p.name for spec in GENERATED.values() for p in spec.params}
    unknown = set(given) - declared
    if unknown:
        raise TypeError(f"unknown dataset option(s): {', '.join(sorted(unknown))}")
    own = GENERATED[source].params if source in GENERATED else ()
    values = {p.name: given.get(p.name, p.default) for p in own}
    for p in own:
        problem = p.check(values[p.name])
        if problem:
            raise DatasetError(f"{source}: {problem}")
    return values


def _generated(source: str, samples: int, noise: float, val_fraction: float, seed: int,
               options: dict) -> Dataset:
    spec = GENERATED[source]
    params = {"samples": samples or spec.default_samples, "noise": noise, "val_fraction": val_fraction,
              "seed": seed, **source_options(source, options)}
    made = spec.make(params, _rng(seed, "source", source))
    val = made.validation
    table = (_Table(made.x, made.y, made.num_classes) if val is None else
             _Table(made.x[~val], made.y[~val], made.num_classes, val=(made.x[val], made.y[val])))
    ds = _split(source, table, 0, val_fraction, seed)
    ds.meta = dict(made.meta) if made.meta else None
    return ds


def load(source: str, *, samples: int = 0, noise: float = 0.0, val_fraction: float = 0.2, seed: int = 0,
         path: str = "", labels_path: str = "", label_column: int = -1,
         base_dir: str | None = None, **options) -> Dataset:
    """The Dataset node's data: same arguments and seed -> same arrays.

    samples: points for the toys (0 -> 500); for real data 0 = all, else a seeded subset; for a
    generated source (``sources``) how many to make (0: the source's default). ``options`` are
    a generated source's own parameters. Relative paths resolve against base_dir (the preset's
    folder) when given. An npz with x_train/x_val keeps its own split (val_fraction is not used).
    """
    if samples < 0:
        raise DatasetError(f"{source}: samples must be 0 or more, got {samples}")
    if not 0.0 < val_fraction < 1.0:
        raise DatasetError(f"{source}: val_fraction must be between 0 and 1, got {val_fraction}")
    if seed < 0:
        raise DatasetError(f"{source}: seed must be 0 or more, got {seed}")
    if source in GENERATED:
        return _generated(source, samples, noise, val_fraction, seed, options)
    source_options(source, options)  # refuses unknown names
    if source in TOYS:
        x, y = toy_2d(source, samples or DEFAULT_TOY_SAMPLES, noise, seed)
        table = _Table(x, y, None if source == "regression" else 2)
        return _split(source, table, 0, val_fraction, seed)
    table = _read_source(source, path, labels_path, label_column, base_dir)
    name = path if source in FILE_SOURCES else source
    ds = _split(name, table, samples, val_fraction, seed, named=source == "npz")
    if source == "iris":
        _standardise(ds)
    return ds


_SHAPE_CACHE: dict[tuple, tuple[tuple[int, ...], int | None]] = {}
_SHAPE_CACHE_SIZE = 32
_SHAPE_CACHE_LOCK = threading.Lock()  # the editor and a training thread may both ask


def _file_key(path: str, base_dir: str | None) -> tuple:
    """(resolved path, mtime, size): a changed file gets a new key; a missing one is not cached."""
    p = _resolve(path, base_dir)
    st = p.stat()
    return str(p.resolve()), st.st_mtime_ns, st.st_size


def input_shape_of(source: str, *, path: str = "", labels_path: str = "", label_column: int = -1,
                   base_dir: str | None = None, **options) -> tuple[tuple[int, ...], int | None]:
    """(input shape, number of classes or None) for the editor's shape inference.

    Built-ins answer from constants, generated sources from their parameters (``options``);
    files are read once and remembered by (path, mtime, size).
    """
    if source in GENERATED:
        return GENERATED[source].shape(source_options(source, options))
    if source in _BUILTIN_SHAPES:
        return _BUILTIN_SHAPES[source]
    try:
        key: tuple = (source, _file_key(path, base_dir),
                      _file_key(labels_path, base_dir) if source == "idx" else None,
                      label_column if source == "csv" else None)
    except (OSError, ValueError):
        key = ()  # missing or unnamed file: let the reader say what is wrong
    with _SHAPE_CACHE_LOCK:
        cached = _SHAPE_CACHE.get(key) if key else None
    if cached is not None:
        return cached
    table = _read_source(source, path, labels_path, label_column, base_dir)
    result = (tuple(table.x.shape[1:]), table.num_classes)
    if key:
        with _SHAPE_CACHE_LOCK:
            while len(_SHAPE_CACHE) >= _SHAPE_CACHE_SIZE:
                _SHAPE_CACHE.pop(next(iter(_SHAPE_CACHE)))  # oldest first
            _SHAPE_CACHE[key] = result
    return result
