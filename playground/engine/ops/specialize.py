"""Numba kernels specialised on the scalar kernels a node type declares, and still disk-cached.

A loop (an activation over an array, the fused Dense chain) is written once as a template that
calls its scalar kernels through module globals (``_F``, ``_ACT``, ...). ``specialize`` compiles a
copy of the template with those globals bound to one set of kernels. Closures would do the same,
but Numba cannot cache them across processes (the key hashes the closure's dispatchers, which
differ per process); a copy named after a hash of its kernels' source caches like any module-level
function, and editing a kernel renames, so recompiles, every copy that uses it.
"""
from __future__ import annotations

import hashlib
import inspect
import threading
import types
from typing import Any, Callable

from numba import njit
from numba.core.dispatcher import Dispatcher

_CACHE: dict[tuple, Dispatcher] = {}
_LOCK = threading.Lock()


def _source(func: Callable[..., Any]) -> str:
    try:
        return inspect.getsource(func)
    except (OSError, TypeError):  # no source files (a frozen app): the bytecode says as much
        return f"{func.__code__.co_code.hex()}{func.__code__.co_consts!r}"


def kernel_key(kernels: tuple[Dispatcher, ...]) -> str:
    """A short name for a set of scalar kernels that changes when any of their sources does."""
    text = "\0".join(f"{k.py_func.__module__}.{k.py_func.__qualname__}\0{_source(k.py_func)}"
                      for k in kernels)
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def specialize(template: Callable[..., Any], kernels: tuple[Dispatcher, ...], inline: bool = False,
               parallel: bool = False, fastmath: Any = False, **bindings: Any) -> Dispatcher:
    """``template`` compiled with its globals ``bindings`` (built from ``kernels``), once per set;
    ``parallel``: a template with a ``prange`` loop, compiled for Numba's thread pool; ``fastmath``
    as Numba's option (a template's own, say)."""
    key = (template, kernels, tuple(bindings))
    with _LOCK:
        found = _CACHE.get(key)
        if found is None:
            name = f"{template.__name__}_{kernel_key(kernels)}"
            func = types.FunctionType(template.__code__, {**template.__globals__, **bindings}, name,
                                      template.__defaults__)
            func.__qualname__ = name
            options: dict[str, Any] = {"inline": "always"} if inline else {}
            if parallel:
                options["parallel"] = True
            if fastmath:
                options["fastmath"] = fastmath
            found = _CACHE[key] = njit(cache=True, nogil=True, error_model="numpy", **options)(func)
    return found


# The dispatch templates, by the kernels' number of arguments (Numba cannot inline ``*args``):
# forward kernels take (x, alpha, one), backward kernels (x, y, g, alpha, one).

def _only_3(k, a, b, c):
    return _HEAD(a, b, c)  # noqa: F821  (bound by ``specialize``)


def _first_or_rest_3(k, a, b, c):
    if k == 0:
        return _HEAD(a, b, c)  # noqa: F821
    return _REST(k - 1, a, b, c)  # noqa: F821


def _only_5(k, a, b, c, d, e):
    return _HEAD(a, b, c, d, e)  # noqa: F821


def _first_or_rest_5(k, a, b, c, d, e):
    if k == 0:
        return _HEAD(a, b, c, d, e)  # noqa: F821
    return _REST(k - 1, a, b, c, d, e)  # noqa: F821


_DISPATCH = {3: (_only_3, _first_or_rest_3), 5: (_only_5, _first_or_rest_5)}


def dispatch(kernels: tuple[Dispatcher, ...]) -> Dispatcher:
    """One inlined function ``f(k, ...)`` that calls ``kernels[k](...)``: the position in this
    tuple is the only code there is, and a kernel not in the tuple cannot be reached."""
    only, first_or_rest = _DISPATCH[len(inspect.signature(kernels[0].py_func).parameters)]
    if len(kernels) == 1:
        return specialize(only, kernels, inline=True, _HEAD=kernels[0])
    return specialize(first_or_rest, kernels, inline=True, _HEAD=kernels[0], _REST=dispatch(kernels[1:]))
