"""Importing an exported project's files in the test process."""
from __future__ import annotations

import importlib.util
import sys


def load_module(path, name):
    """Import an exported file as `python train.py` would see it (its folder on sys.path)."""
    folder = str(path.parent)
    sys.path.insert(0, folder)
    sys.modules.pop("model", None)
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(folder)
        sys.modules.pop("model", None)
    return module
