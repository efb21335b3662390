"""Packaging beyond pyproject.toml: the repository's top-level presets/, assets/ and benchmarks/
folders ship inside the package as playground/presets, playground/assets and playground/benchmarks
(read by playground/paths.py)."""
from setuptools import find_packages, setup

BUNDLED = {"playground.presets": "presets", "playground.assets": "assets", "playground.benchmarks": "benchmarks"}

setup(packages=find_packages(include=["playground", "playground.*"]) + list(BUNDLED),
      package_dir=BUNDLED)
