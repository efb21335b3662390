"""How many cores the engine uses, and when a kernel is big enough to split across them.

One pool owns the cores: Numba's. Parallel kernels split the batch into one slice per thread and
run single-threaded BLAS on each slice, then add the slices' weight gradients. OpenBLAS (numpy's
and SciPy's copy, which Numba's ``np.dot`` calls) therefore stays at one thread: its own spinning
workers fought Numba's for the two cores and made steps up to ten times slower
(docs/performance.md).

A parallel region costs a few microseconds to start and a slice needs enough arithmetic to
amortise it, so ``chunks(work)`` only splits kernels with at least ``MIN_WORK_PER_THREAD``
multiply-adds per thread; TensorFlow-Playground-sized networks never leave one thread and run
today's serial kernels.
"""
from __future__ import annotations

import ctypes
import functools
import glob
import importlib.util
import threading
from pathlib import Path

import numba
import numpy as np

# Multiply-adds (or element operations) a slice needs before splitting pays: a Numba parallel
# region with OpenMP costs about 5-15 us to start and join on the 2-core target, and a
# multiply-add takes about 0.02-0.05 ns at BLAS speed, 0.3-1 ns in a copy loop.
MIN_WORK_PER_THREAD = 200_000

_lock = threading.Lock()
_threads = 0  # 0: not set yet, the default applies
_blas: list[tuple[ctypes.CDLL, str]] | None = None


def max_threads() -> int:
    """The most threads this process can use (Numba's pool size, fixed at start-up: the usable
    cores unless NUMBA_NUM_THREADS says otherwise)."""
    return int(numba.config.NUMBA_NUM_THREADS)


def default_threads(reserve: int = 0) -> int:
    """The usable cores (Numba's pool) less ``reserve``, at least one, since parallel kernels only
    run where they pay; one thread when Numba has only its workqueue layer (no OpenMP or TBB),
    whose slow start made LeNet's layers no faster on two threads than on one (1.0-1.4x the time,
    measured).

    ``reserve`` keeps cores free for other busy threads of the process: a parallel region waits
    for its slowest thread, so an engine thread that shares a core with the window's painting
    holds up every step (``interactive_threads``, docs/performance.md)."""
    return max(1, max_threads() - reserve) if _fast_layer() else 1


def interactive_threads() -> int:
    """The default while a window trains: every core but one, which the GUI thread keeps."""
    return default_threads(reserve=1)


@functools.lru_cache(maxsize=1)
def _fast_layer() -> bool:
    """Whether Numba can use a threading layer other than workqueue (OpenMP or TBB)."""
    layer = str(numba.config.THREADING_LAYER)
    if layer == "workqueue":
        return False
    for name in (("omppool",) if layer == "omp" else ("tbbpool",) if layer == "tbb" else ("omppool", "tbbpool")):
        try:
            importlib.import_module(f"numba.np.ufunc.{name}")
            return True
        except ImportError:
            continue
    return False


def fast_layer() -> bool:
    """Whether Numba can use OpenMP or TBB: layers safe for kernels started from several Python
    threads at once (workqueue aborts the process then, ``kernel_lock``)."""
    return _fast_layer()


def set_threads(n: int) -> int:
    """Use ``n`` threads for every parallel kernel (clamped to ``1..max_threads()``); OpenBLAS
    stays at one thread per slice. Returns the count in effect. Applies to kernels started from
    any Python thread."""
    global _threads
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise ValueError(f"threads must be a whole number >= 1, got {n!r}")
    with _lock:
        _threads = min(n, max_threads())
        _pin_blas()
        numba.set_num_threads(_threads)
        return _threads


def get_threads() -> int:
    """The thread count parallel kernels use (``default_threads()`` until ``set_threads``)."""
    if not _threads:
        set_threads(default_threads())
    return _threads


def start_pool() -> None:
    """Start Numba's thread pool now. A cached kernel that calls a parallel one (the BLAS chains
    call ``dense_forward``) links against the pool's entry points but does not start it, so it
    crashed the process when loaded from the cache before any parallel kernel had run (Numba
    issues 8578 and 9938)."""
    get_threads()


def splits(work: float) -> bool:
    """Whether a kernel of ``work`` multiply-adds is big enough to run in slices, on any thread
    count: such kernels cut their batch into the same blocks on one thread as on many, so the
    thread count does not change their results (only their speed)."""
    return work >= 2 * MIN_WORK_PER_THREAD


def chunks(work: float) -> int:
    """How many slices to split a kernel of ``work`` multiply-adds into: 1 (serial) unless each
    thread gets at least MIN_WORK_PER_THREAD, otherwise up to ``get_threads()``.

    Also makes Numba's thread count for the calling thread match (Numba keeps it per thread),
    so a worker thread's parallel kernels use the chosen count.
    """
    threads = _threads or get_threads()
    n = min(threads, int(work // MIN_WORK_PER_THREAD))
    if n <= 1:
        return 1
    if numba.get_num_threads() != threads:
        numba.set_num_threads(threads)
    return n


@functools.lru_cache(maxsize=256)
def edges(total: int, parts: int) -> np.ndarray:
    """Split ``range(total)`` into ``parts`` near-equal consecutive slices: [0, ..., total] as a
    read-only int64 array (cached, so a training step allocates none)."""
    out = np.array([total * i // parts for i in range(parts + 1)], dtype=np.int64)
    out.flags.writeable = False
    return out


def blas_threads() -> int | None:
    """OpenBLAS's thread count as numpy's library reports it, or None when it cannot be read."""
    for lib, prefix in _blas_libraries():
        get = getattr(lib, prefix.replace("set_num_threads", "get_num_threads"), None)
        if get is not None:
            get.restype = ctypes.c_int
            return int(get())
    return None


def blas_core() -> str | None:
    """The CPU kernels numpy's OpenBLAS runs ("SkylakeX", "Haswell", ...), or None when unknown.

    An OPENBLAS_CORETYPE in the environment forces them: Haswell's AVX2 kernels on an AVX-512
    processor ran the convolutions' products at 55 instead of 90-100 GMAC/s (docs/performance.md).
    """
    for lib, prefix in _blas_libraries():
        get = getattr(lib, prefix.replace("set_num_threads", "get_corename"), None)
        if get is not None:
            get.restype = ctypes.c_char_p
            name = get()
            return name.decode() if name else None
    return None


def _pin_blas() -> None:
    for lib, name in _blas_libraries():
        getattr(lib, name)(ctypes.c_int(1))


def _blas_libraries() -> list[tuple[ctypes.CDLL, str]]:
    """numpy's and SciPy's bundled OpenBLAS, with the name of their set_num_threads function.

    Wheels ship them as ``numpy.libs/libscipy_openblas64_*.so`` (symbols with a ``scipy_`` prefix
    and ``64_`` suffix) and ``scipy.libs/libscipy_openblas*.so``; other builds may export plain
    ``openblas_set_num_threads``. Libraries that cannot be found are skipped (their thread count
    then stays at OPENBLAS_NUM_THREADS, which ``import playground`` sets to 1).
    """
    global _blas
    if _blas is not None:
        return _blas
    found: list[tuple[ctypes.CDLL, str]] = []
    names = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
             "openblas_set_num_threads64_", "openblas_set_num_threads")
    for package in ("numpy", "scipy"):
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.origin:
            continue
        root = Path(spec.origin).resolve().parent
        candidates = sorted(glob.glob(str(root.parent / f"{package}.libs" / "*openblas*")))
        candidates += sorted(glob.glob(str(root / ".dylibs" / "*openblas*")))
        candidates += sorted(glob.glob(str(root.parent / f"{package}.libs" / "*openblas*.dll")))
        for path in candidates:
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                continue
            name = next((n for n in names if hasattr(lib, n)), None)
            if name is not None:
                found.append((lib, name))
    _blas = found
    return found
