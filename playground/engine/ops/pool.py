"""2D max / min / average pooling over NCHW images, valid padding.

One forward and one backward Numba kernel serve all three modes (the mode is a runtime integer)
to keep compile time down, plus an unrolled forward for the common 2x2 max/min window with
stride 2: the general kernel's loops over a runtime window size run about 7x slower there.
Planes are independent, so a big enough batch (``threads.chunks``) runs the same kernels on one
slice of planes per thread; the results do not depend on the slice count.
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange

from playground.engine import threads
from playground.engine.ops.base import Op

MODES = {"max": 0, "min": 1, "avg": 2}
_MAX, _AVG = MODES["max"], MODES["avg"]


def pool2d_output_size(size: int, pool: int, stride: int) -> int:
    """Output length along one spatial axis; 0 when the window does not fit."""
    if pool < 1 or stride < 1:
        raise ValueError(f"pool size and stride must be >= 1, got {pool} and {stride}")
    return max((size - pool) // stride + 1, 0)


@njit(cache=True, nogil=True)
def _pool_forward(x, size, stride, mode, area, out, arg):
    """Window max/min (remembering where it was, as a flat index into the plane) or mean."""
    planes, height, width = x.shape
    oh, ow = out.shape[1], out.shape[2]
    for p in range(planes):
        for oy in range(oh):
            for ox in range(ow):
                y0, x0 = oy * stride, ox * stride
                if mode == _AVG:
                    acc = area * 0  # a zero of the input dtype
                    for i in range(size):
                        for j in range(size):
                            acc += x[p, y0 + i, x0 + j]
                    out[p, oy, ox] = acc / area
                else:
                    best, where = x[p, y0, x0], y0 * width + x0
                    for i in range(size):
                        for j in range(size):
                            v = x[p, y0 + i, x0 + j]
                            if (v > best) if mode == _MAX else (v < best):
                                best, where = v, (y0 + i) * width + x0 + j
                    out[p, oy, ox] = best
                    arg[p, oy, ox] = where


@njit(cache=True, nogil=True)
def _pool2x2_forward(x, sign, out, arg):
    """_pool_forward for a 2x2 window, stride 2, max (sign 1) or min (sign -1): straight-line
    selects of single values and index arithmetic instead of loops, so nothing depends on a
    branch that random data mispredicts (selecting (value, index) pairs compiled to branches and
    ran 2-3x slower: 0.63 against 0.31 ms for mnist_vgg's first pool). Same winners, ties
    included; only where a NaN lands may differ (training has diverged then)."""
    planes, width = x.shape[0], x.shape[2]
    oh, ow = out.shape[1], out.shape[2]
    for p in range(planes):
        for oy in range(oh):
            top, bottom = x[p, 2 * oy], x[p, 2 * oy + 1]
            dst, where = out[p, oy], arg[p, oy]
            base = 2 * oy * width
            for ox in range(ow):
                a, b = top[2 * ox], top[2 * ox + 1]
                c, d = bottom[2 * ox], bottom[2 * ox + 1]
                right_top = sign * b > sign * a  # ties keep the earlier element, as _pool_forward
                right_bottom = sign * d > sign * c
                m1 = b if right_top else a
                m2 = d if right_bottom else c
                bottom_wins = sign * m2 > sign * m1
                dst[ox] = m2 if bottom_wins else m1
                i1 = 2 * ox + np.int32(right_top)
                i2 = width + 2 * ox + np.int32(right_bottom)
                where[ox] = base + (i2 if bottom_wins else i1)


@njit(cache=True, nogil=True)
def _pool_backward(grad, arg, size, stride, mode, area, dx):
    """Route each output gradient to its winning input, or spread it evenly over the window."""
    planes = dx.shape[0]
    oh, ow = grad.shape[1], grad.shape[2]
    flat = dx.reshape(planes, -1)
    for p in range(planes):
        dst = flat[p]
        for q in range(dst.size):
            dst[q] = 0
        for oy in range(oh):
            for ox in range(ow):
                g = grad[p, oy, ox]
                if mode == _AVG:
                    share = g / area
                    for i in range(size):
                        for j in range(size):
                            dx[p, oy * stride + i, ox * stride + j] += share
                else:
                    dst[arg[p, oy, ox]] += g


# A pooled element costs about as much as this many multiply-adds at BLAS speed (cost model).
ELEMENT_WORK = 8


@njit(cache=True, nogil=True, parallel=True)
def _pool_forward_slices(x, size, stride, mode, area, out, arg, edges):
    for t in prange(edges.size - 1):
        a, b = edges[t], edges[t + 1]
        _pool_forward(x[a:b], size, stride, mode, area, out[a:b], arg[a:b])


@njit(cache=True, nogil=True, parallel=True)
def _pool2x2_forward_slices(x, sign, out, arg, edges):
    for t in prange(edges.size - 1):
        a, b = edges[t], edges[t + 1]
        _pool2x2_forward(x[a:b], sign, out[a:b], arg[a:b])


@njit(cache=True, nogil=True, parallel=True)
def _pool_backward_slices(grad, arg, size, stride, mode, area, dx, edges):
    for t in prange(edges.size - 1):
        a, b = edges[t], edges[t + 1]
        _pool_backward(grad[a:b], arg[a:b], size, stride, mode, area, dx[a:b])


class Pool2DOp(Op):
    """Pooling with a size x size window moved by ``stride``; no parameters.

    Max and min keep the position of the winner from forward, so backward is a scatter; ties go
    to the first element in row-major order. As in ``Conv2DOp``, the returned arrays are reused
    buffers, overwritten by the next call of the same method.
    """

    def __init__(self, mode: str, size: int, stride: int) -> None:
        super().__init__()
        if mode not in MODES:
            raise ValueError(f"mode must be one of {tuple(MODES)}, got {mode!r}")
        if size < 1 or stride < 1:
            raise ValueError(f"pool size and stride must be >= 1, got {size} and {stride}")
        self.mode = mode
        self.size = int(size)
        self.stride = int(stride)
        self._x_shape: tuple[int, ...] = ()
        self._dtype = np.dtype(np.float32)
        self._edges: np.ndarray | None = None

    def _prepare(self, x_shape: tuple[int, ...], dtype: np.dtype) -> None:
        """(Re)allocate the output, winner-index and gradient buffers for a new shape or dtype."""
        if x_shape == self._x_shape and dtype == self._dtype:
            return
        n, c, h, w = x_shape
        oh = pool2d_output_size(h, self.size, self.stride)
        ow = pool2d_output_size(w, self.size, self.stride)
        if oh == 0 or ow == 0:
            raise ValueError(f"{self.size}x{self.size} pool does not fit a {h}x{w} input")
        self._out = np.empty((n, c, oh, ow), dtype)
        self._arg = np.empty((n * c, oh, ow), np.int32)
        self._dx = np.empty(x_shape, dtype)
        self._area = dtype.type(self.size * self.size)  # dtype-matched, so no float64 upcast
        self._sign = dtype.type(-1 if self.mode == "min" else 1)
        self._work = n * c * h * w * ELEMENT_WORK
        self._x_shape, self._dtype = x_shape, dtype

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        (x,) = inputs
        x = np.ascontiguousarray(x)
        self._prepare(x.shape, x.dtype)
        n, c, h, w = x.shape
        out = self._out.reshape(n * c, *self._out.shape[2:])
        parts = min(threads.chunks(self._work), n * c)
        self._edges = threads.edges(n * c, parts) if parts > 1 else None
        planes = x.reshape(n * c, h, w)
        # y = max / min / mean of each window
        if self.size == self.stride == 2 and self.mode != "avg":
            if parts > 1:
                _pool2x2_forward_slices(planes, self._sign, out, self._arg, self._edges)
            else:
                _pool2x2_forward(planes, self._sign, out, self._arg)
        elif parts > 1:
            _pool_forward_slices(planes, self.size, self.stride, MODES[self.mode], self._area, out,
                                 self._arg, self._edges)
        else:
            _pool_forward(planes, self.size, self.stride, MODES[self.mode], self._area, out, self._arg)
        return self._out

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        n, c, h, w = self._x_shape
        g = np.ascontiguousarray(grad, dtype=self._dtype)
        args = (g.reshape(n * c, *g.shape[2:]), self._arg, self.size, self.stride, MODES[self.mode],
                self._area, self._dx.reshape(n * c, h, w))
        # dx = g at the winner (max/min) or g / size^2 over the window (avg), summed over windows
        if self._edges is not None:
            _pool_backward_slices(*args, self._edges)
        else:
            _pool_backward(*args)
        return [self._dx]
