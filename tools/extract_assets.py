"""Dev-only: (re)build the data files under assets/ from their upstream copies.

Run once on a development machine that has scikit-learn installed::

    python tools/extract_assets.py [--mnist-dir /work/shared/datasets/mnist]

The app and the tests never import scikit-learn: they read the files this script writes.
What it writes (see assets/README.md for attribution and licences):

* ``assets/digits.npz``  - scikit-learn's bundled copy of the UCI optdigits test set:
  ``x`` uint8 (1797, 8, 8) with values 0..16, ``y`` uint8 (1797,) with labels 0..9.
* ``assets/iris.csv``    - scikit-learn's bundled iris (Fisher 1936): a header row, four
  feature columns in cm, then the class as an int (0 setosa, 1 versicolor, 2 virginica).
* ``assets/mnist/``      - the MNIST test split (t10k) IDX files copied byte for byte, plus
  the README that carries their attribution.

The npz is written with fixed zip timestamps so that re-running the script reproduces the
same bytes; it prints SHA-256 sums to paste into assets/README.md.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
ASSETS = REPO / "assets"
MNIST_FILES = ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "README.md")


def write_npz(path: Path, **arrays: np.ndarray) -> None:
    """np.savez_compressed, but with a fixed timestamp so the output is byte-reproducible."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


def extract_digits(out: Path) -> None:
    from sklearn.datasets import load_digits

    d = load_digits()
    images = d.images
    assert images.shape == (1797, 8, 8) and images.min() >= 0 and images.max() <= 16
    assert np.array_equal(images, np.round(images)), "digits pixels should be integers"
    x = images.astype(np.uint8)
    y = d.target.astype(np.uint8)
    assert sorted(set(y.tolist())) == list(range(10))
    write_npz(out, x=x, y=y)


def extract_iris(out: Path) -> None:
    from sklearn.datasets import load_iris

    d = load_iris()
    assert d.data.shape == (150, 4) and list(d.target_names) == ["setosa", "versicolor", "virginica"]
    header = "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species"
    lines = [header]
    for row, label in zip(d.data, d.target):
        lines.append(",".join(f"{v:g}" for v in row) + f",{int(label)}")
    out.write_text("\n".join(lines) + "\n", encoding="ascii")
    # The file must round-trip exactly: every value in the source has one decimal.
    back = np.loadtxt(out, delimiter=",", skiprows=1)
    assert np.array_equal(back[:, :4], d.data) and np.array_equal(back[:, 4], d.target)


def copy_mnist(src: Path, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in MNIST_FILES:
        shutil.copyfile(src / name, out_dir / name)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mnist-dir", type=Path, default=Path("/work/shared/datasets/mnist"),
                    help="folder holding the t10k IDX files and their README")
    args = ap.parse_args()
    ASSETS.mkdir(exist_ok=True)
    extract_digits(ASSETS / "digits.npz")
    extract_iris(ASSETS / "iris.csv")
    copy_mnist(args.mnist_dir, ASSETS / "mnist")
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file() and path.name != "README.md":
            rel = path.relative_to(ASSETS)
            print(f"{rel}  {path.stat().st_size:>9} bytes  sha256 {sha256(path)}")


if __name__ == "__main__":
    main()
