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
