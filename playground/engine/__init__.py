"""The training engine: numpy + Numba, no Qt. Usable as a library and from the CLI."""
from playground.engine import numba_cache as _numba_cache

_numba_cache.configure()
