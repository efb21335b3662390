"""2D convolution as im2col + one BLAS matrix product per image.

The patch gathering (im2col) and its adjoint (col2im) are Numba kernels parallel over the batch;
the arithmetic goes to numpy's BLAS, which is far faster than any loop Numba can vectorise
without fastmath. Padding is applied on the fly inside the kernels, so no padded copy is made.
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange

from playground.engine.ops.base import Op

PADDINGS = ("valid", "same")
_PARALLEL = False


def conv2d_output_size(size: int, kernel: int, stride: int, padding: str) -> int:
    """Output length along one spatial axis; 0 when a "valid" kernel does not fit."""
    if stride < 1:
        raise ValueError(f"stride must be >= 1, got {stride}")
    if padding == "same":
        return -(-size // stride)
    if padding == "valid":
        return max((size - kernel) // stride + 1, 0)
    raise ValueError(f"padding must be one of {PADDINGS}, got {padding!r}")


def _pad_before(size: int, kernel: int, stride: int, padding: str) -> int:
    """Top/left padding; TensorFlow's rule puts the odd extra row/column at the bottom/right."""
    if padding == "valid":
        return 0
    out = conv2d_output_size(size, kernel, stride, padding)
    return max((out - 1) * stride + kernel - size, 0) // 2


@njit(cache=True, nogil=True, parallel=_PARALLEL)
def _to_phases(x, stride, pad_top, pad_left, xq):
    """xq[n, c, a*s + b, y, x] = x[n, c, s*y + a - pt, s*x + b - pl], zero outside x.

    Splitting the padded image into stride x stride phases turns every kernel tap into a
    unit-stride window of one phase plane.
    """
    n_batch, channels, height, width = x.shape
    hq, wq = xq.shape[3], xq.shape[4]
    for n in prange(n_batch):
        for c in range(channels):
            for a in range(stride):
                for b in range(stride):
                    plane = xq[n, c, a * stride + b]
                    for y in range(hq):
                        src_y = stride * y + a - pad_top
                        for xx in range(wq):
                            src_x = stride * xx + b - pad_left
                            inside = 0 <= src_y < height and 0 <= src_x < width
                            plane[y, xx] = x[n, c, src_y, src_x] if inside else 0


@njit(cache=True, nogil=True, parallel=_PARALLEL)
def _from_phases(dxq, stride, pad_top, pad_left, dx):
    """Adjoint of _to_phases: drop the padding and interleave the phases back into dx."""
    n_batch, channels, height, width = dx.shape
    hq, wq = dxq.shape[3], dxq.shape[4]
    for n in prange(n_batch):
        for c in range(channels):
            for y in range(height):
                qy, a = divmod(y + pad_top, stride)
                for xx in range(width):
                    qx, b = divmod(xx + pad_left, stride)
                    inside = qy < hq and qx < wq
                    dx[n, c, y, xx] = dxq[n, c, a * stride + b, qy, qx] if inside else 0


@njit(cache=True, nogil=True, parallel=_PARALLEL)
def _im2col(xq, kh, kw, stride, oh, ow, col):
    """col[(c, i, j), n, oy*wq + ox] = phase(i%s, j%s)[oy + i//s, ox + j//s].

    Rows are "wide" (wq columns per output row, the last wq - ow of them junk) so each tap is a
    single contiguous copy of length (oh-1)*wq + ow, which vectorises; junk is cropped later.
    """
    n_batch, channels = xq.shape[0], xq.shape[1]
    wq = xq.shape[4]
    span = (oh - 1) * wq + ow
    for n in prange(n_batch):
        for c in range(channels):
            for i in range(kh):
                for j in range(kw):
                    plane = xq[n, c, (i % stride) * stride + j % stride].reshape(-1)
                    off = (i // stride) * wq + j // stride
                    row = col[(c * kh + i) * kw + j, n]
                    row[:span] = plane[off:off + span]
                    row[span:] = 0


@njit(cache=True, nogil=True, parallel=_PARALLEL)
def _col2im(col, kh, kw, stride, oh, ow, dxq):
    """Adjoint of _im2col: scatter-add every tap back into its phase plane."""
    n_batch, channels = dxq.shape[0], dxq.shape[1]
    wq = dxq.shape[4]
    span = (oh - 1) * wq + ow
    for n in prange(n_batch):
        dxq[n] = 0
        for c in range(channels):
            for i in range(kh):
                for j in range(kw):
                    plane = dxq[n, c, (i % stride) * stride + j % stride].reshape(-1)
                    off = (i // stride) * wq + j // stride
                    row = col[(c * kh + i) * kw + j, n]
                    for p in range(span):
                        plane[off + p] += row[p]


class Conv2DOp(Op):
    """Cross-correlation of NCHW images with (out_ch, in_ch, kh, kw) filters plus optional bias.

    Scratch buffers are kept between calls and reallocated only when the input shape or dtype
    changes; returned arrays are always fresh, so callers may keep activations and gradients.
    """

    def __init__(self, weight: np.ndarray, bias: np.ndarray | None, stride: int,
                 padding: str) -> None:
        super().__init__()
        if weight.ndim != 4:
            raise ValueError(f"weight must be (out_ch, in_ch, kh, kw), got shape {weight.shape}")
        if bias is not None and bias.shape != (weight.shape[0],):
            raise ValueError(f"bias must have shape ({weight.shape[0]},), got {bias.shape}")
        if padding not in PADDINGS:
            raise ValueError(f"padding must be one of {PADDINGS}, got {padding!r}")
        if stride < 1:
            raise ValueError(f"stride must be >= 1, got {stride}")
        self.stride = int(stride)
        self.padding = padding
        if bias is None:
            self._track(W=weight)
        else:
            self._track(W=weight, b=bias)
        self._x_shape: tuple[int, ...] = ()
        self._dtype = weight.dtype

    def _prepare(self, x_shape: tuple[int, ...], dtype: np.dtype) -> None:
        """Work out the geometry and (re)allocate scratch when the input shape or dtype changes."""
        if x_shape == self._x_shape and dtype == self._dtype:
            return
        out_ch, in_ch, kh, kw = self.params["W"].shape
        n, c, h, w = x_shape
        if c != in_ch:
            raise ValueError(f"expected {in_ch} input channels, got {c}")
        s = self.stride
        oh = conv2d_output_size(h, kh, s, self.padding)
        ow = conv2d_output_size(w, kw, s, self.padding)
        if oh == 0 or ow == 0:
            raise ValueError(f"{kh}x{kw} kernel does not fit a {h}x{w} input with valid padding")
        hq, wq = oh + (kh - 1) // s, ow + (kw - 1) // s
        self._pads = (_pad_before(h, kh, s, self.padding), _pad_before(w, kw, s, self.padding))
        self._out_hw = (oh, ow)
        self._xq = np.empty((n, c, s * s, hq, wq), dtype)  # phases in forward, their grad in backward
        self._col = np.empty((c * kh * kw, n, oh * wq), dtype)  # patches, then their gradient
        self._y_wide = np.empty((out_ch, n, oh, wq), dtype)
        self._g_wide = np.zeros((out_ch, n, oh, wq), dtype)  # junk columns stay zero for good
        self._x_shape, self._dtype = x_shape, dtype

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        (x,) = inputs
        w = self.params["W"]
        x = np.ascontiguousarray(x, dtype=w.dtype)
        self._prepare(x.shape, w.dtype)
        out_ch, _, kh, kw = w.shape
        (oh, ow), s = self._out_hw, self.stride
        _to_phases(x, s, *self._pads, self._xq)
        _im2col(self._xq, kh, kw, s, oh, ow, self._col)
        col = self._col.reshape(self._col.shape[0], -1)
        np.matmul(w.reshape(out_ch, -1), col, out=self._y_wide.reshape(out_ch, -1))  # Y = W @ col
        y = self._y_wide[..., :ow].transpose(1, 0, 2, 3)
        out = np.empty((x.shape[0], out_ch, oh, ow), w.dtype)
        if "b" in self.params:
            np.add(y, self.params["b"][:, None, None], out=out)  # y[n, o] += b[o]
        else:
            np.copyto(out, y)
        return out

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        w = self.params["W"]
        out_ch, _, kh, kw = w.shape
        (oh, ow), s = self._out_hw, self.stride
        np.copyto(self._g_wide[..., :ow], grad.transpose(1, 0, 2, 3))
        g = self._g_wide.reshape(out_ch, -1)
        col = self._col.reshape(self._col.shape[0], -1)
        if "b" in self.params:
            np.sum(g, axis=1, out=self.grads["b"])  # db[o] = sum_{n,y,x} g[n, o, y, x]
        np.matmul(g, col.T, out=self.grads["W"].reshape(out_ch, -1))  # dW = G @ col^T
        np.matmul(w.reshape(out_ch, -1).T, g, out=col)  # dcol = W^T @ G (patches no longer needed)
        _col2im(self._col, kh, kw, s, oh, ow, self._xq)
        dx = np.empty(self._x_shape, w.dtype)
        _from_phases(self._xq, s, *self._pads, dx)  # dx = crop(col2im(dcol))
        return [dx]
