"""Packaging beyond pyproject.toml: the repository's top-level presets/ and assets/ folders ship
inside the package as playground/presets and playground/assets (read by playground/paths.py)."""
from setuptools import find_packages, setup

BUNDLED = {"playground.presets": "presets", "playground.assets": "assets"}

setup(packages=find_packages(include=["playground", "playground.*"]) + list(BUNDLED),
      package_dir=BUNDLED)
