"""Registered generated dataset sources (see ``base``); each module below registers its own."""
from playground.engine.sources.base import (GENERATED, DatasetError, Generated, GeneratedSource,
                                            register_source, source_params)

__all__ = ["GENERATED", "DatasetError", "Generated", "GeneratedSource", "register_source", "source_params"]
from playground.engine.sources import gan2d  # noqa: E402,F401
