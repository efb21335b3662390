"""Pick a writable Numba cache directory before Numba is imported.

Numba caches compiled kernels next to their source files; when the package is installed somewhere
read-only (a system site-packages), the cache silently does nothing and every start recompiles.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from playground.paths import user_cache_dir


def configure() -> None:
    """Point NUMBA_CACHE_DIR at the user cache when the package directory is not writable."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    if os.access(Path(__file__).parent, os.W_OK):
        return
    target = user_cache_dir() / "numba"
    target.mkdir(parents=True, exist_ok=True)
    os.environ["NUMBA_CACHE_DIR"] = str(target)
    if "numba" in sys.modules:
        sys.modules["numba"].config.CACHE_DIR = str(target)


# What the first training step is doing while it takes long: on a first run after install (or with
# a new cache folder) Numba compiles the kernels, several seconds; later runs load them (a second).
COMPILE_NOTE = "compiling kernels (first run only)"
LOAD_NOTE = "loading the compiled kernels"


def first_run() -> bool:
    """True when Numba's cache holds none of the engine's kernels yet, so the first step compiles
    them. False when some are cached, or when this Numba does not say where its cache is."""
    import importlib
    import pkgutil

    from numba.core.dispatcher import Dispatcher

    from playground.engine import ops, optim

    modules = [optim, *(importlib.import_module(f"{ops.__name__}.{m.name}")
                        for m in pkgutil.iter_modules(ops.__path__))]
    folders = {Path(folder) for module in modules for value in vars(module).values()
               if isinstance(value, Dispatcher)
               and (folder := getattr(getattr(value, "_cache", None), "cache_path", None))}
    return bool(folders) and not any(next(f.glob("*.nbi"), None) for f in folders if f.is_dir())


def first_step_note() -> str:
    """What to say while a run's first step is slow (before it starts: it fills the cache)."""
    return COMPILE_NOTE if first_run() else LOAD_NOTE
