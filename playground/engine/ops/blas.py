"""Matrix products inside Numba kernels, with numpy's own OpenBLAS.

Numba's ``np.dot`` calls SciPy's copy of OpenBLAS, which ran LeNet-sized products about 1.5x
slower than numpy's ``matmul`` on the same shapes (16x150 by 150x6400: 499 against 325 us of CPU
time; same "Haswell" kernels, OpenBLAS 0.3.30 against 0.3.31). ``gemm`` calls numpy's library
directly through its CBLAS symbol, resolved by name when the kernel is linked, so cached kernels
stay valid. Where that symbol is not found (a numpy built against another BLAS) it falls back to
``np.dot``.
"""
from __future__ import annotations

import glob
import os

import numpy as np
from numba import njit, types
from numba.extending import overload

_ROW_MAJOR, _NO_TRANS, _TRANS = 101, 111, 112


def _numpy_cblas() -> tuple[str, str] | None:
    """The names of numpy's bundled cblas_sgemm and cblas_dgemm, once their library is loaded."""
    import ctypes

    import llvmlite.binding as ll

    root = os.path.dirname(np.__file__)
    for path in sorted(glob.glob(os.path.join(root, "..", "numpy.libs", "*openblas*"))
                       + glob.glob(os.path.join(root, ".dylibs", "*openblas*"))):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix, suffix in (("scipy_cblas_", "64_"), ("scipy_cblas_", ""), ("cblas_", "")):
            names = (f"{prefix}sgemm{suffix}", f"{prefix}dgemm{suffix}")
            if all(hasattr(lib, n) for n in names):
                ll.load_library_permanently(path)
                return names
    return None


_NAMES = _numpy_cblas()
HAVE_NUMPY_BLAS = _NAMES is not None


def _signature(dtype):
    i, p = types.int64, types.CPointer(dtype)
    return types.void(i, i, i, i, i, i, dtype, p, i, p, i, dtype, p, i)


if HAVE_NUMPY_BLAS:
    _sgemm = types.ExternalFunction(_NAMES[0], _signature(types.float32))
    _dgemm = types.ExternalFunction(_NAMES[1], _signature(types.float64))


def gemm(a, b, c, trans_a, trans_b, accumulate):
    """c = op(a) @ op(b) (+ c when ``accumulate``), op transposing when trans_*; C-contiguous
    2D arrays of one float dtype. Only callable from Numba kernels."""
    raise NotImplementedError


@overload(gemm, jit_options={"nogil": True})
def _gemm(a, b, c, trans_a, trans_b, accumulate):
    if HAVE_NUMPY_BLAS and a.dtype in (types.float32, types.float64):
        call = _sgemm if a.dtype == types.float32 else _dgemm
        ftype = np.float32 if a.dtype == types.float32 else np.float64

        def impl(a, b, c, trans_a, trans_b, accumulate):
            m, n = c.shape
            k = a.shape[0] if trans_a else a.shape[1]
            if m == 0 or n == 0:
                return
            call(_ROW_MAJOR, _TRANS if trans_a else _NO_TRANS, _TRANS if trans_b else _NO_TRANS, m, n, k,
                 ftype(1.0), a.ctypes, a.shape[1], b.ctypes, b.shape[1], ftype(1.0 if accumulate else 0.0),
                 c.ctypes, n)
        return impl

    def fallback(a, b, c, trans_a, trans_b, accumulate):
        left = a.T if trans_a else a
        right = b.T if trans_b else b
        if accumulate:
            c += np.dot(left, right)
        else:
            np.dot(left, right, c)
    return fallback


@njit(cache=True, nogil=True)
def check(a, b, c, trans_a, trans_b, accumulate):
    """``gemm`` from Python, for tests."""
    gemm(a, b, c, trans_a, trans_b, accumulate)


def gemm_ld(m, n, k, a, lda, b, ldb, c, ldc, trans_a, trans_b, accumulate):
    """c[:m, :n] = op(a) @ op(b) (+ c when ``accumulate``) on matrices inside flat arrays: ``a``,
    ``b`` and ``c`` are 1D views that start at each matrix's first element, rows ``lda``, ``ldb``
    and ``ldc`` elements apart (so a window of a wider matrix, shifted by a few columns, is one
    operand). op(a) is m x k, op(b) k x n. Only callable from Numba kernels."""
    raise NotImplementedError


@overload(gemm_ld, jit_options={"nogil": True})
def _gemm_ld(m, n, k, a, lda, b, ldb, c, ldc, trans_a, trans_b, accumulate):
    if HAVE_NUMPY_BLAS and a.dtype in (types.float32, types.float64):
        call = _sgemm if a.dtype == types.float32 else _dgemm
        ftype = np.float32 if a.dtype == types.float32 else np.float64

        def impl(m, n, k, a, lda, b, ldb, c, ldc, trans_a, trans_b, accumulate):
            if m == 0 or n == 0:
                return
            call(_ROW_MAJOR, _TRANS if trans_a else _NO_TRANS, _TRANS if trans_b else _NO_TRANS, m, n, k,
                 ftype(1.0), a.ctypes, lda, b.ctypes, ldb, ftype(1.0 if accumulate else 0.0), c.ctypes, ldc)
        return impl

    def fallback(m, n, k, a, lda, b, ldb, c, ldc, trans_a, trans_b, accumulate):
        for i in range(m):
            for j in range(n):
                acc = c[i * ldc + j] if accumulate else c.dtype.type(0)
                for p in range(k):
                    left = a[p * lda + i] if trans_a else a[i * lda + p]
                    right = b[j * ldb + p] if trans_b else b[p * ldb + j]
                    acc += left * right
                c[i * ldc + j] = acc
    return fallback


@njit(cache=True, nogil=True)
def check_ld(m, n, k, a, lda, b, ldb, c, ldc, trans_a, trans_b, accumulate):
    """``gemm_ld`` from Python, for tests."""
    gemm_ld(m, n, k, a, lda, b, ldb, c, ldc, trans_a, trans_b, accumulate)
