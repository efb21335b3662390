"""The app installed from its wheel, away from the source tree, works as from a clone: bundled
presets, the built-in data sets and the preset library are all inside the package.

Builds the wheel once (about a second) and installs it in a fresh virtual environment that sees
the already installed numpy, Numba and PySide6, so nothing is downloaded. The runs then compile
the kernels from scratch, as a user's first start does (about 30-40 s on two busy cores).
"""
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "README.md", "playground", "presets", "assets", "benchmarks")
PRESET_NAMES = sorted(p.name for p in (ROOT / "presets").glob("*.json"))


def _have_build_tools() -> bool:
    try:
        import setuptools
    except ImportError:
        return False
    if int(setuptools.__version__.split(".")[0]) < 77:  # pyproject.toml's build requirement
        return False
    return subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(not _have_build_tools(), reason="needs pip and setuptools to build")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the sources (the build leaves nothing in the checkout)."""
    src = tmp_path_factory.mktemp("src")
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.nbi", "*.nbc")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=skip)
        elif (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps",
                             "--no-index", "-w", str(dist), str(src)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return next(dist.glob("nn_playground-*.whl"))


def see_the_test_environment(python: Path) -> None:
    """Let the new venv import what the test run's own environment has (numpy, Numba, PySide6):
    ``--system-site-packages`` shows only the base interpreter's, and CI installs into a venv."""
    import sysconfig

    folders = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    target = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            capture_output=True, text=True, check=True, timeout=120).stdout.strip()
    (Path(target) / "test_environment.pth").write_text("".join(f"{f}\n" for f in sorted(folders)))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> dict:
    """A fresh venv with the wheel installed, and the environment to run it away from the clone."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True,
                   timeout=300)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    see_the_test_environment(bin_dir / "python")
    result = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--no-deps", "--ignore-installed",
                             "--no-index", str(wheel)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "NUMBA_CACHE_DIR", "PLAYGROUND_ASSETS", "VIRTUAL_ENV")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"), QT_QPA_PLATFORM="offscreen",
               PATH=os.pathsep.join([str(bin_dir), env.get("PATH", "")]))
    work = tmp_path_factory.mktemp("elsewhere")
    return {"bin": bin_dir, "env": env, "cwd": work}


def run(installed, *args, timeout=600):
    return subprocess.run([str(installed["bin"] / "playground"), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=installed["env"],
                          cwd=installed["cwd"])


def test_wheel_holds_presets_and_data_but_no_screenshots(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n.split("/")[-1] for n in names if n.startswith("playground/presets/")) == PRESET_NAMES
    for asset in ("iris.csv", "digits.npz", "mnist/t10k-images-idx3-ubyte.gz",
                  "mnist/t10k-labels-idx1-ubyte.gz", "README.md"):
        assert f"playground/assets/{asset}" in names
    assets = {f"playground/assets/{p.relative_to(ROOT / 'assets').as_posix()}"
              for p in (ROOT / "assets").rglob("*") if p.is_file() and "screenshots" not in p.parts}
    assert assets <= set(names)  # icons too, whatever else lands in assets/
    assert not [n for n in names if "screenshots" in n]
    assert {"playground/i18n/playground_ko.qm", "playground/i18n/playground_ko.ts"} <= set(names)
    assert sorted(n.split("/")[-1] for n in names if n.startswith("playground/benchmarks/")) == sorted(
        p.name for p in (ROOT / "benchmarks").glob("*.json"))  # `playground bench` runs from the wheel
    packages = {str(p.parent.relative_to(ROOT)).replace(os.sep, "/")
                for p in (ROOT / "playground").rglob("__init__.py")}
    assert all(f"{package}/__init__.py" in names for package in packages)


def test_installed_app_reads_its_own_files(installed):
    code = ("import playground.paths as p; print(p.PRESETS_DIR); print(p.ASSETS_DIR); "
            "from playground.bench import workload_path; print(workload_path('mnist_vgg'))")
    result = subprocess.run([str(installed["bin"] / "python"), "-c", code], capture_output=True,
                            text=True, env=installed["env"], cwd=installed["cwd"], timeout=120)
    presets, assets, workload = result.stdout.split()
    assert all("site-packages" in p for p in (presets, assets, workload)), result.stdout + result.stderr
    assert not Path(presets).is_relative_to(ROOT) and Path(workload).is_file()


def test_installed_app_trains_bundled_presets(installed):
    spiral = run(installed, "train", "spiral", "--quiet")
    assert spiral.returncode == 0 and spiral.stdout.startswith("finished"), spiral.stderr
    lenet = run(installed, "train", "mnist_lenet", "--steps", "30", "--quiet")  # MNIST from the package
    assert lenet.returncode == 0 and lenet.stdout.startswith("finished: 0 epochs, 30 steps"), lenet.stderr


def test_installed_app_renders_and_lists_presets(installed):
    shot = run(installed, "shot", "digits_cnn", "-o", "x.png", "--size", "900x600")
    assert shot.returncode == 0, shot.stderr
    assert (installed["cwd"] / "x.png").read_bytes()[:4] == b"\x89PNG"
    korean = run(installed, "shot", "digits_cnn", "-o", "ko.png", "--size", "900x600", "--lang", "ko")
    assert korean.returncode == 0, korean.stderr  # the installed catalogue loads
    code = ("from playground.ui.shell.app import create_app; app = create_app(); "
            "from playground.ui.files.file_ops import presets_dir; "
            "from playground.ui.files.preset_library import PresetLibrary; "
            "print(len(PresetLibrary(presets_dir()).entries))")
    result = subprocess.run([str(installed["bin"] / "python"), "-c", code], capture_output=True,
                            text=True, env=installed["env"], cwd=installed["cwd"], timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) == len(PRESET_NAMES)
