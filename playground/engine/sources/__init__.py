"""Registered generated dataset sources (see ``base``); each module below registers its own."""
from playground.engine.sources.base import (GENERATED, DatasetError, Generated, GeneratedSource,
                                            register_source, source_params)
from playground.engine.sources import sequences  # noqa: E402, F401
from playground.engine.sources import points  # noqa: F401  (registers the drawn-points source)

__all__ = ["GENERATED", "DatasetError", "Generated", "GeneratedSource", "register_source", "source_params"]
from playground.engine.sources import text  # noqa: E402, F401  (skipgram, cbow, text_tokens, ...)
from playground.engine.sources import gan2d  # noqa: E402,F401
from playground.engine.sources import gan_digits  # noqa: E402,F401
