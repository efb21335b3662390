"""The dataset layer: TF Playground toys, bundled data, and user files with their failure modes."""
from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

from playground.engine.sources import GENERATED
from playground.engine import datasets
from playground.engine.datasets import (SOURCES, Dataset, DatasetError, input_shape_of, load,
                                        toy_2d)

TOYS = ("circle", "xor", "gauss", "spiral", "regression")
CLASSIFY_TOYS = ("circle", "xor", "gauss", "spiral")


def error_of(call, *args, **kwargs) -> str:
    """The DatasetError message; it must be a single line."""
    with pytest.raises(DatasetError) as info:
        call(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


# ---------------------------------------------------------------------------------------------
# 2D toys
# ---------------------------------------------------------------------------------------------

def test_sources_keys():
    assert list(SOURCES) == ["circle", "xor", "gauss", "spiral", "regression", "iris", "digits",
                             "mnist", *GENERATED, "csv", "idx", "npz"]
    assert all(isinstance(v, str) and v and "\n" not in v for v in SOURCES.values())


@pytest.mark.parametrize("kind", TOYS)
def test_toy_shapes_and_dtypes(kind):
    x, y = toy_2d(kind, 200, 0.1, seed=3)
    assert x.shape == (200, 2) and x.dtype == np.float32
    if kind == "regression":
        assert y.shape == (200, 1) and y.dtype == np.float32
    else:
        assert y.shape == (200,) and y.dtype == np.int64
        assert set(np.unique(y)) <= {0, 1}
    assert np.abs(x).max() <= 1.1  # TF's [-6, 6] divided by 6 (xor's padding stays inside)


@pytest.mark.parametrize("kind", ("circle", "gauss", "spiral"))
def test_toy_labels_balanced_without_noise(kind):
    _, y = toy_2d(kind, 300, 0.0, seed=1)
    assert y.sum() == 150
    _, y = toy_2d(kind, 7, 0.0, seed=1)  # odd: one extra positive, still exactly 7 points
    assert len(y) == 7 and y.sum() == 4


def test_xor_roughly_balanced():
    _, y = toy_2d("xor", 2000, 0.0, seed=5)
    assert 0.45 < y.mean() < 0.55


@pytest.mark.parametrize("kind", TOYS)
def test_toy_deterministic_per_seed(kind):
    a = toy_2d(kind, 100, 0.2, seed=7)
    b = toy_2d(kind, 100, 0.2, seed=7)
    c = toy_2d(kind, 100, 0.2, seed=8)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert not (np.array_equal(a[0], c[0]) and np.array_equal(a[1], c[1]))


@pytest.mark.parametrize("kind", ("gauss", "spiral"))
def test_noise_moves_points(kind):
    x0, _ = toy_2d(kind, 200, 0.0, seed=2)
    x1, _ = toy_2d(kind, 200, 0.3, seed=2)
    assert not np.allclose(x0, x1)


@pytest.mark.parametrize("kind", ("circle", "xor", "regression"))
def test_noise_moves_labels_like_tf(kind):
    """As in TF Playground, noise on these toys perturbs the label, not the point."""
    x0, y0 = toy_2d(kind, 400, 0.0, seed=2)
    x1, y1 = toy_2d(kind, 400, 0.4, seed=2)
    assert np.array_equal(x0, x1)
    assert not np.array_equal(y0, y1)


def test_circle_geometry():
    x, y = toy_2d("circle", 400, 0.0, seed=0)
    r = np.hypot(x[:, 0], x[:, 1]) * 6  # back to TF units
    assert r[y == 1].max() < 2.5 <= 3.5 <= r[y == 0].min()
    assert r[y == 0].max() <= 5.0 + 1e-5


def test_gauss_geometry():
    x, y = toy_2d("gauss", 2000, 0.0, seed=0)
    assert np.allclose(x[y == 1].mean(0) * 6, [2, 2], atol=0.1)
    assert np.allclose(x[y == 0].mean(0) * 6, [-2, -2], atol=0.1)
    assert np.allclose((x[y == 1] * 6).var(0), 0.5, atol=0.1)  # variance 0.5 at noise 0
    wide, labels = toy_2d("gauss", 2000, 0.5, seed=0)
    assert np.allclose((wide[labels == 1] * 6).var(0), 4.0, rtol=0.15)  # 4 at TF's 50 %


def test_spiral_geometry():
    x, y = toy_2d("spiral", 200, 0.0, seed=0)
    arm1, arm0 = x[y == 1] * 6, x[y == 0] * 6
    assert np.allclose(arm0, -arm1, atol=1e-5)  # the second arm is the first rotated by pi
    r = np.hypot(arm1[:, 0], arm1[:, 1])
    assert np.all(np.diff(r) > 0) and r[0] == 0 and r[-1] < 5
    assert np.allclose(arm1[1], [5 / 100 * np.sin(1.75 * 2 * np.pi / 100),
                                 5 / 100 * np.cos(1.75 * 2 * np.pi / 100)], atol=1e-5)


def test_regression_plane_target():
    x, y = toy_2d("regression", 300, 0.0, seed=0)
    assert np.allclose(y[:, 0], x.sum(1) * 6 / 10, atol=1e-5)
    assert np.abs(y).max() <= 1.2 + 1e-5


def test_toy_bad_arguments():
    assert "unknown 2D toy" in error_of(toy_2d, "moons", 10, 0.0, 0)
    assert "noise" in error_of(toy_2d, "xor", 10, -0.1, 0)
    assert "samples" in error_of(toy_2d, "xor", 0, 0.0, 0)


# ---------------------------------------------------------------------------------------------
# load(): toys and built-in real data
# ---------------------------------------------------------------------------------------------

def test_load_toy_defaults_and_split():
    ds = load("spiral")
    assert isinstance(ds, Dataset) and ds.name == "spiral"
    assert len(ds.x_train) == 400 and len(ds.x_val) == 100
    assert ds.num_classes == 2 and ds.input_shape == (2,) and ds.is_classification
    ds = load("regression", samples=50, val_fraction=0.1)
    assert len(ds.x_train) == 45 and len(ds.x_val) == 5
    assert ds.num_classes is None and not ds.is_classification
    assert ds.y_train.shape == (45, 1)


def test_load_split_is_a_partition_and_deterministic():
    a = load("gauss", samples=60, noise=0.1, seed=4)
    b = load("gauss", samples=60, noise=0.1, seed=4)
    for field in ("x_train", "y_train", "x_val", "y_val"):
        assert np.array_equal(getattr(a, field), getattr(b, field))
    x, _ = toy_2d("gauss", 60, 0.1, seed=4)
    both = np.concatenate([a.x_train, a.x_val])
    assert sorted(map(tuple, both)) == sorted(map(tuple, x))


def test_load_split_keeps_at_least_one_each():
    ds = load("xor", samples=2, val_fraction=0.01)
    assert len(ds.x_train) == 1 and len(ds.x_val) == 1
    ds = load("xor", samples=3, val_fraction=0.9)
    assert len(ds.x_train) == 1 and len(ds.x_val) == 2


def test_load_bad_arguments():
    assert "unknown dataset source" in error_of(load, "no_such_source")
    assert "val_fraction" in error_of(load, "xor", val_fraction=1.0)
    assert "samples" in error_of(load, "xor", samples=-1)
    assert "at least 2 samples" in error_of(load, "xor", samples=1)


def test_iris():
    ds = load("iris")
    assert ds.x_train.shape == (120, 4) and ds.x_val.shape == (30, 4)
    assert ds.x_train.dtype == np.float32 and ds.y_train.dtype == np.int64
    assert ds.num_classes == 3 and ds.input_shape == (4,)
    assert np.allclose(ds.x_train.mean(0), 0, atol=1e-5)
    assert np.allclose(ds.x_train.std(0), 1, atol=1e-4)
    labels = np.concatenate([ds.y_train, ds.y_val])
    assert np.bincount(labels).tolist() == [50, 50, 50]


def test_digits():
    ds = load("digits")
    assert ds.x_train.shape[1:] == (1, 8, 8) and len(ds.x_train) + len(ds.x_val) == 1797
    assert ds.x_train.dtype == np.float32
    assert ds.x_train.min() == 0 and ds.x_train.max() == 1
    assert ds.num_classes == 10 and ds.input_shape == (1, 8, 8)
    assert set(np.unique(ds.y_train)) == set(range(10))


def test_mnist_seeded_subset():
    a = load("mnist", samples=500, seed=1)
    assert a.x_train.shape == (400, 1, 28, 28) and a.x_val.shape == (100, 1, 28, 28)
    assert a.x_train.dtype == np.float32 and 0 <= a.x_train.min() and a.x_train.max() <= 1
    assert a.num_classes == 10 and a.input_shape == (1, 28, 28)
    b = load("mnist", samples=500, seed=1)
    c = load("mnist", samples=500, seed=2)
    assert np.array_equal(a.x_train, b.x_train) and np.array_equal(a.y_val, b.y_val)
    assert not np.array_equal(a.x_train, c.x_train)


def test_mnist_full_split():
    ds = load("mnist")
    assert len(ds.x_train) == 8000 and len(ds.x_val) == 2000
    assert set(np.unique(ds.y_train)) == set(range(10))


def test_builtin_shapes_are_constants():
    for kind in CLASSIFY_TOYS:
        assert input_shape_of(kind) == ((2,), 2)
    assert input_shape_of("regression") == ((2,), None)
    assert input_shape_of("iris") == ((4,), 3)
    assert input_shape_of("digits") == ((1, 8, 8), 10)
    assert input_shape_of("mnist") == ((1, 28, 28), 10)


def test_assets_dir_can_move(monkeypatch, tmp_path):
    monkeypatch.setattr(datasets, "ASSETS_DIR", tmp_path)
    message = error_of(load, "digits")
    assert "digits.npz" in message and "not found" in message


def test_assets_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv("PLAYGROUND_ASSETS", str(tmp_path))
    from playground import paths

    assert paths.assets_dir() == tmp_path
    monkeypatch.delenv("PLAYGROUND_ASSETS")
    assert (paths.assets_dir() / "iris.csv").is_file()


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------

def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def good_csv_rows(n: int = 20) -> list[str]:
    rng = np.random.default_rng(0)
    return [f"{a:.3f},{b:.3f},{i % 3}" for i, (a, b) in enumerate(rng.normal(size=(n, 2)))]


@pytest.mark.parametrize("header", [True, False])
def test_csv_classification(tmp_path, header):
    lines = (["f1,f2,label"] if header else []) + good_csv_rows()
    p = write(tmp_path, "data.csv", "\n".join(lines) + "\n")
    ds = load("csv", path=str(p), val_fraction=0.25)
    assert ds.x_train.shape == (15, 2) and ds.x_val.shape == (5, 2)
    assert ds.num_classes == 3 and ds.y_train.dtype == np.int64 and ds.input_shape == (2,)
    assert input_shape_of("csv", path=str(p)) == ((2,), 3)


def test_csv_label_column_and_relative_path(tmp_path):
    write(tmp_path, "d.csv", "label;a;b;c\n1;0.5;1;2\n0;1.5;2;3\n1;2.5;3;4\n")
    ds = load("csv", path="d.csv", base_dir=str(tmp_path), label_column=0, val_fraction=0.34)
    assert ds.input_shape == (3,) and ds.num_classes == 2
    all_x = np.concatenate([ds.x_train, ds.x_val])
    assert sorted(all_x[:, 0].tolist()) == [0.5, 1.5, 2.5]


def test_csv_regression(tmp_path):
    p = write(tmp_path, "reg.csv", "x,t\n0,0.5\n1,1.5\n2,2\n3,3.25\n")
    ds = load("csv", path=str(p), val_fraction=0.25)
    assert ds.num_classes is None and ds.y_train.shape == (3, 1) and ds.y_train.dtype == np.float32
    assert input_shape_of("csv", path=str(p)) == ((1,), None)


def test_csv_whitespace_and_comments(tmp_path):
    p = write(tmp_path, "w.txt", "# comment\n1 2 0\n\n3   4 1\n5 6 1\n")
    ds = load("csv", path=str(p))
    assert ds.input_shape == (2,) and len(ds.x_train) + len(ds.x_val) == 3


def test_csv_shape_cache_follows_file_changes(tmp_path):
    p = write(tmp_path, "c.csv", "1,2,0\n3,4,1\n")
    assert input_shape_of("csv", path=str(p)) == ((2,), 2)
    p.write_text("1,2,3,0\n3,4,5,1\n5,6,7,2\n")  # different size -> new cache key
    assert input_shape_of("csv", path=str(p)) == ((3,), 3)


@pytest.mark.parametrize("text, expected", [
    ("a,b,label\n1,2,0\n3,abc,1\n", "line 3, column 2: 'abc' is not a number"),
    ("1,2,0\n3,,1\n", "line 2, column 2: missing value"),
    ("1,2,0\n3,NaN,1\n", "line 2, column 2: missing value"),
    ("1,2,0\n3,inf,1\n", "line 2, column 2: 'inf' is not a finite number"),
    ("1,2,0\n3,4\n", "line 2: 2 columns, expected 3"),
    ("1,2,0\n3,4,1,5\n", "line 2: 4 columns, expected 3"),
    ("a,b\n1,2,0\n", "the header has 2 columns but the data rows have 3"),
    ("1,2,0\n3,4,-1\n", "line 2: label -1 is negative"),
    ("a,b,c\n", "header but no data rows"),
    ("\n\n  \n", "holds no data"),
    ("1\n2\n", "at least 2 columns"),
    ("1,2,0\n3,4,5000\n", "more than 1000 classes"),
    ("# x1, x2, label\n1 2 0\n3 x 1\n", "line 3, column 2: 'x' is not a number"),
    ('1,2,0\n"3\n",x,1\n', "line 2, column 2: 'x' is not a number"),
])
def test_csv_bad_files(tmp_path, text, expected):
    p = write(tmp_path, "bad.csv", text)
    message = error_of(load, "csv", path=str(p))
    assert str(p) in message and expected in message


def test_csv_other_failures(tmp_path):
    message = error_of(load, "csv", path="nope.csv", base_dir=str(tmp_path))
    assert message.startswith("nope.csv") and "not found" in message
    empty = write(tmp_path, "empty.csv", "")
    assert "empty.csv: the file is empty" in error_of(load, "csv", path=str(empty))
    assert "no file chosen" in error_of(load, "csv")
    assert "folder" in error_of(load, "csv", path=str(tmp_path))
    p = write(tmp_path, "ok.csv", "1,2,0\n3,4,1\n")
    assert "label_column 5 is out of range" in error_of(load, "csv", path=str(p), label_column=5)
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"1,2,\xff\xfe\n")
    assert "bin.csv: not UTF-8" in error_of(load, "csv", path=str(binary))
    binary.write_bytes(gzip.compress(b"1,2,0\n"))
    assert "bin.csv: looks like a binary file" in error_of(load, "csv", path=str(binary))
    assert "not found" in error_of(input_shape_of, "csv", path=str(tmp_path / "gone.csv"))


# ---------------------------------------------------------------------------------------------
# IDX
# ---------------------------------------------------------------------------------------------

def idx_bytes(array: np.ndarray, type_code: int = 0x08) -> bytes:
    dtype = {0x08: ">u1", 0x0B: ">i2", 0x0D: ">f4"}[type_code]
    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(dtype).tobytes()


def write_idx(tmp_path: Path, name: str, array: np.ndarray, gz: bool = False,
              type_code: int = 0x08) -> Path:
    data = idx_bytes(array, type_code)
    p = tmp_path / name
    p.write_bytes(gzip.compress(data) if gz else data)
    return p


@pytest.mark.parametrize("gz", [False, True])
def test_idx_round_trip(tmp_path, gz):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (10, 5, 4), dtype=np.uint8)
    labels = np.arange(10, dtype=np.uint8) % 4
    xi = write_idx(tmp_path, "img.idx", images, gz)
    yi = write_idx(tmp_path, "lab.idx", labels, gz)
    ds = load("idx", path=str(xi), labels_path=str(yi), val_fraction=0.3)
    assert ds.x_train.shape == (7, 1, 5, 4) and ds.x_val.shape == (3, 1, 5, 4)
    assert ds.num_classes == 4 and ds.input_shape == (1, 5, 4)
    x = np.concatenate([ds.x_train, ds.x_val])
    y = np.concatenate([ds.y_train, ds.y_val])
    for image, label in zip(x, y):  # every image still has its own label
        (match,) = np.flatnonzero((images.astype(np.float32) / 255 == image[0]).all(axis=(1, 2)))
        assert labels[match] == label
    assert input_shape_of("idx", path=str(xi), labels_path=str(yi)) == ((1, 5, 4), 4)


def test_idx_2d_and_float(tmp_path):
    vectors = np.arange(12, dtype=np.float32).reshape(6, 2) / 4
    xi = write_idx(tmp_path, "v.idx", vectors, type_code=0x0D)
    yi = write_idx(tmp_path, "l.idx", np.array([0, 1, 0, 1, 0, 1]), type_code=0x0B)
    ds = load("idx", path=str(xi), labels_path=str(yi))
    assert ds.input_shape == (2,) and ds.num_classes == 2
    assert sorted(np.concatenate([ds.x_train, ds.x_val])[:, 0].tolist()) == vectors[:, 0].tolist()


def test_idx_bad_files(tmp_path):
    images = np.zeros((4, 3, 3), np.uint8)
    good_x = write_idx(tmp_path, "x.idx", images)
    good_y = write_idx(tmp_path, "y.idx", np.arange(4))

    wrong = tmp_path / "wrong.idx"
    wrong.write_bytes(b"\x12\x34" + idx_bytes(images)[2:])
    message = error_of(load, "idx", path=str(wrong), labels_path=str(good_y))
    assert str(wrong) in message and "wrong magic number 0x1234" in message

    short = tmp_path / "short.idx"
    short.write_bytes(idx_bytes(images)[:-5])
    message = error_of(load, "idx", path=str(short), labels_path=str(good_y))
    assert str(short) in message and "truncated" in message

    short_gz = tmp_path / "short.idx.gz"
    short_gz.write_bytes(gzip.compress(idx_bytes(images))[:-10])
    message = error_of(load, "idx", path=str(short_gz), labels_path=str(good_y))
    assert str(short_gz) in message and "gzip" in message

    header_only = tmp_path / "head.idx"
    header_only.write_bytes(idx_bytes(images)[:6])
    assert "truncated" in error_of(load, "idx", path=str(header_only), labels_path=str(good_y))

    few = write_idx(tmp_path, "few.idx", np.arange(3))
    message = error_of(load, "idx", path=str(good_x), labels_path=str(few))
    assert f"{good_x} has 4 images but {few} has 3 labels" in message

    negative = write_idx(tmp_path, "neg.idx", np.array([0, 1, -2, 1]), type_code=0x0B)
    message = error_of(load, "idx", path=str(good_x), labels_path=str(negative))
    assert str(negative) in message and "negative" in message

    fractional = write_idx(tmp_path, "frac.idx", np.array([0, 1, 0.5, 1]), type_code=0x0D)
    message = error_of(load, "idx", path=str(good_x), labels_path=str(fractional))
    assert str(fractional) in message and "not an integer" in message

    assert "labels_path" in error_of(load, "idx", path=str(good_x))
    flat = write_idx(tmp_path, "flat.idx", np.arange(4))
    assert "at least 2 dimensions" in error_of(load, "idx", path=str(flat), labels_path=str(good_y))


# ---------------------------------------------------------------------------------------------
# npz
# ---------------------------------------------------------------------------------------------

def test_npz_single_layout(tmp_path):
    p = tmp_path / "d.npz"
    x = np.random.default_rng(0).integers(0, 256, (30, 6, 6), dtype=np.uint8)
    np.savez(p, x=x, y=np.arange(30) % 5)
    ds = load("npz", path=str(p), samples=20, seed=3)
    assert ds.x_train.shape == (16, 1, 6, 6) and ds.x_val.shape == (4, 1, 6, 6)
    assert ds.num_classes == 5 and ds.x_train.max() <= 1.0
    assert input_shape_of("npz", path=str(p)) == ((1, 6, 6), 5)


def test_npz_split_layout_and_regression(tmp_path):
    p = tmp_path / "s.npz"
    rng = np.random.default_rng(0)
    np.savez(p, x_train=rng.normal(size=(40, 3)), y_train=rng.normal(size=40),
             x_val=rng.normal(size=(10, 3)), y_val=rng.normal(size=10))
    ds = load("npz", path=str(p))
    assert ds.x_train.shape == (40, 3) and ds.x_val.shape == (10, 3)
    assert ds.num_classes is None and ds.y_train.shape == (40, 1) and ds.y_val.dtype == np.float32
    small = load("npz", path=str(p), samples=10, seed=1)
    assert len(small.x_train) == 8 and len(small.x_val) == 2


def test_npz_split_layout_classes(tmp_path):
    p = tmp_path / "c.npz"
    np.savez(p, x_train=np.zeros((4, 2)), y_train=np.array([0, 1, 0, 1]),
             x_val=np.zeros((2, 2)), y_val=np.array([2, 0]))
    assert load("npz", path=str(p)).num_classes == 3


def test_npz_bad_files(tmp_path):
    p = tmp_path / "missing.npz"
    np.savez(p, images=np.zeros((3, 2)), y=np.arange(3))
    message = error_of(load, "npz", path=str(p))
    assert str(p) in message and "needs arrays x and y" in message and "found: images, y" in message

    p = tmp_path / "obj.npz"
    np.savez(p, x=np.array([{"a": 1}, None], dtype=object), y=np.arange(2))
    message = error_of(load, "npz", path=str(p))
    assert str(p) in message and "array 'x' holds Python objects" in message

    p = tmp_path / "len.npz"
    np.savez(p, x=np.zeros((5, 2)), y=np.arange(4))
    assert "'x' has 5 samples but 'y' has 4" in error_of(load, "npz", path=str(p))

    p = tmp_path / "neg.npz"
    np.savez(p, x=np.zeros((3, 2)), y=np.array([0, -1, 1]))
    message = error_of(load, "npz", path=str(p))
    assert str(p) in message and "label -1 is negative" in message

    p = tmp_path / "nan.npz"
    np.savez(p, x=np.array([[0.0, np.nan], [1.0, 2.0]]), y=np.array([0, 1]))
    assert "missing (NaN)" in error_of(load, "npz", path=str(p))

    p = tmp_path / "text.npz"
    np.savez(p, x=np.array(["a", "b"]), y=np.array([0, 1]))
    assert "numbers are needed" in error_of(load, "npz", path=str(p))

    p = tmp_path / "mismatch.npz"
    np.savez(p, x_train=np.zeros((3, 2)), y_train=np.arange(3),
             x_val=np.zeros((2, 4)), y_val=np.arange(2))
    assert "x_val samples have (4,)" in error_of(load, "npz", path=str(p))

    p = tmp_path / "junk.npz"
    p.write_bytes(b"PK\x03\x04 this is not really a zip")
    message = error_of(load, "npz", path=str(p))
    assert str(p) in message and "not a valid npz" in message

    p = tmp_path / "pickle.npz"
    p.write_bytes(b"\x80\x04\x95 pickled bytes")
    message = error_of(load, "npz", path=str(p))
    assert str(p) in message and "pickled data is refused" in message

    p = tmp_path / "single.npy"
    np.save(p, np.zeros(3))
    assert "single .npy array" in error_of(load, "npz", path=str(p))
