"""2D max / min / average pooling over NCHW images, valid padding.

One forward and one backward Numba kernel serve all three modes (the mode is a runtime integer)
to keep compile time down; work is split over the N*C planes.
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange

from playground.engine.ops.base import Op

MODES = {"max": 0, "min": 1, "avg": 2}
_MAX, _MIN, _AVG = 0, 1, 2
_PARALLEL = False


def pool2d_output_size(size: int, pool: int, stride: int) -> int:
    """Output length along one spatial axis; 0 when the window does not fit."""
    if pool < 1 or stride < 1:
        raise ValueError(f"pool size and stride must be >= 1, got {pool} and {stride}")
    return max((size - pool) // stride + 1, 0)


@njit(cache=True, nogil=True, parallel=_PARALLEL)
def _pool_forward(x, size, stride, mode, scale, out, arg):
    """Window max/min (remembering where it was, as a flat index into the plane) or mean."""
    planes, height, width = x.shape
    oh, ow = out.shape[1], out.shape[2]
    for p in prange(planes):
        for oy in range(oh):
            for ox in range(ow):
                y0, x0 = oy * stride, ox * stride
                if mode == _AVG:
                    acc = x[p, y0, x0] * 0
                    for i in range(size):
                        for j in range(size):
                            acc += x[p, y0 + i, x0 + j]
                    out[p, oy, ox] = acc * scale
                else:
                    best, where = x[p, y0, x0], y0 * width + x0
                    for i in range(size):
                        for j in range(size):
                            v = x[p, y0 + i, x0 + j]
                            if (v > best) if mode == _MAX else (v < best):
                                best, where = v, (y0 + i) * width + x0 + j
                    out[p, oy, ox] = best
                    arg[p, oy, ox] = where


@njit(cache=True, nogil=True, parallel=_PARALLEL)
def _pool_backward(grad, arg, size, stride, mode, scale, dx):
    """Route each output gradient to its winning input, or spread it evenly over the window."""
    planes, height, width = dx.shape
    oh, ow = grad.shape[1], grad.shape[2]
    for p in prange(planes):
        dx[p] = 0
        flat = dx[p].reshape(-1)
        for oy in range(oh):
            for ox in range(ow):
                g = grad[p, oy, ox]
                if mode == _AVG:
                    share = g * scale
                    for i in range(size):
                        for j in range(size):
                            dx[p, oy * stride + i, ox * stride + j] += share
                else:
                    flat[arg[p, oy, ox]] += g


class Pool2DOp(Op):
    """Pooling with a size x size window moved by ``stride``; no parameters.

    Max and min keep the position of the winner from forward, so backward is a scatter; ties go
    to the first element in row-major order.
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
        self._arg = np.empty((0, 0, 0), np.int32)
        self._x_shape: tuple[int, ...] = ()
        self._scale = np.float32(1.0)

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        (x,) = inputs
        x = np.ascontiguousarray(x)
        n, c, h, w = x.shape
        oh = pool2d_output_size(h, self.size, self.stride)
        ow = pool2d_output_size(w, self.size, self.stride)
        if oh == 0 or ow == 0:
            raise ValueError(f"{self.size}x{self.size} pool does not fit a {h}x{w} input")
        if self._arg.shape != (n * c, oh, ow):
            self._arg = np.empty((n * c, oh, ow), np.int32)
        self._x_shape = x.shape
        self._scale = x.dtype.type(1.0 / (self.size * self.size))
        out = np.empty((n * c, oh, ow), x.dtype)
        # y = max/min/mean over each window
        _pool_forward(x.reshape(n * c, h, w), self.size, self.stride, MODES[self.mode],
                      self._scale, out, self._arg)
        return out.reshape(n, c, oh, ow)

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        n, c, h, w = self._x_shape
        g = np.ascontiguousarray(grad, dtype=self._scale.dtype).reshape(n * c, *grad.shape[2:])
        dx = np.empty((n * c, h, w), g.dtype)
        # dx = g at the winner (max/min) or g / size^2 over the window (avg), summed over windows
        _pool_backward(g, self._arg, self.size, self.stride, MODES[self.mode], self._scale, dx)
        return [dx.reshape(n, c, h, w)]
