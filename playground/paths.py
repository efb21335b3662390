"""Every folder the app reads from or writes to, in one place (no Qt, so the engine may use it).

The bundled presets, data and benchmark workloads live in the repository's top-level ``presets/``,
``assets/`` and ``benchmarks/``; setup.py ships them inside the package as ``playground/presets``,
``playground/assets`` and ``playground/benchmarks``.
So an installed wheel reads them through ``importlib.resources``, while a source checkout (on
PYTHONPATH or installed in editable mode) has no such package folders and reads the top-level ones.
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    installed = Path(str(resources.files("playground"))) / name
    return installed if installed.is_dir() else _CHECKOUT / name


def assets_dir() -> Path:
    """The built-in data sets' folder (iris, digits, MNIST); ``PLAYGROUND_ASSETS`` points elsewhere."""
    override = os.environ.get("PLAYGROUND_ASSETS")
    return Path(override) if override else _bundled("assets")


PRESETS_DIR: Path = _bundled("presets")
ASSETS_DIR: Path = assets_dir()
BENCH_DIR: Path = _bundled("benchmarks")  # ``playground bench``'s workloads
ICONS_DIR: Path = _bundled("assets") / "icons"  # the toolbar's own SVGs (not moved by PLAYGROUND_ASSETS)


def bundled_preset_names() -> list[str]:
    """Names of the bundled presets ("spiral", ...), sorted."""
    return sorted(p.stem for p in PRESETS_DIR.glob("*.json"))


def user_data_dir() -> Path:
    """Where the app keeps the user's data (autosave): ``PLAYGROUND_DATA_DIR``, else the settings
    override used by tests, else ``$XDG_DATA_HOME`` or ~/.local/share, under nn-playground."""
    folder = os.environ.get("PLAYGROUND_DATA_DIR") or os.environ.get("PLAYGROUND_SETTINGS_DIR")
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "nn-playground"


def user_cache_dir() -> Path:
    """Where re-creatable files go (Numba's compiled kernels): ``$XDG_CACHE_HOME`` or ~/.cache."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nn-playground"
