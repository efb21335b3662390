"""2D convolution as im2col + a BLAS matrix product, with Numba doing the data movement.

Numba cannot vectorise the dot products of a convolution without fastmath, so the arithmetic
goes to numpy's BLAS (one product over the whole batch per pass) and the Numba kernels copy and
scatter (a first layer is the exception, below). The image is split into stride x stride
"phase" planes (with the padding baked in) so every kernel tap is a unit-stride window of one
plane. Patches hold exactly the output pixels: an earlier layout copied whole plane rows (junk
columns included) to make each tap one long copy, but the junk went through every product too,
40% of the arithmetic for LeNet's second layer. The kernels are serial on purpose: on the 2-core
target, Numba's OpenMP workers and OpenBLAS's threads spin against each other and a LeNet step
got ~10x slower with parallel=True.

A first layer with unit stride and few filters (its input is the data, so it needs no input
gradient) skips the patches: its inputs have one or three channels, so patches are 9-25 times
the size of the image and the products over them are thin (LeNet's first weight gradient ran at
about half the speed of the other products, fed from memory). Direct kernels that slide over the
image, two filters and two taps per pass, took LeNet's first layer from 0.30 to 0.15 ms forward
and 0.46 to 0.20 ms backward, and its whole step from 3.3 to 2.2 ms (the second layer's data now
stays in cache).
"""
from __future__ import annotations

import numpy as np
from numba import njit

from playground.engine.ops.base import Op

PADDINGS = ("valid", "same")


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


@njit(cache=True, nogil=True)
def _phase_range(phase, pad, stride, size, count):
    """Indices q < count whose source q*stride + phase - pad lies inside [0, size)."""
    lo = max(0, (pad - phase + stride - 1) // stride)
    hi = min(count, (size - 1 - phase + pad) // stride + 1)
    return lo, max(lo, hi)


@njit(cache=True, nogil=True)
def _to_phases(x, stride, pad_top, pad_left, xq):
    """xq[n, c, a*s + b, qy, qx] = x[n, c, qy*s + a - pt, qx*s + b - pl], zero outside x.

    Splitting the padded image into stride x stride phases turns every kernel tap into a
    unit-stride window of one phase plane.
    """
    n_batch, channels, height, width = x.shape
    hq, wq = xq.shape[3], xq.shape[4]
    for n in range(n_batch):
        for c in range(channels):
            for a in range(stride):
                y_lo, y_hi = _phase_range(a, pad_top, stride, height, hq)
                for b in range(stride):
                    x_lo, x_hi = _phase_range(b, pad_left, stride, width, wq)
                    plane = xq[n, c, a * stride + b]
                    for qy in range(hq):
                        dst = plane[qy]
                        if qy < y_lo or qy >= y_hi:
                            for qx in range(wq):
                                dst[qx] = 0
                            continue
                        src = x[n, c, qy * stride + a - pad_top]
                        for qx in range(x_lo):
                            dst[qx] = 0
                        for qx in range(x_lo, x_hi):
                            dst[qx] = src[qx * stride + b - pad_left]
                        for qx in range(x_hi, wq):
                            dst[qx] = 0


@njit(cache=True, nogil=True)
def _from_phases(dxq, stride, pad_top, pad_left, dx):
    """Adjoint of _to_phases: drop the padding and interleave the phases back into dx."""
    n_batch, channels, height, width = dx.shape
    hq, wq = dxq.shape[3], dxq.shape[4]
    covered_h, covered_w = min(height, hq * stride - pad_top), min(width, wq * stride - pad_left)
    for n in range(n_batch):
        for c in range(channels):
            for y in range(covered_h, height):
                for xx in range(width):
                    dx[n, c, y, xx] = 0
            for a in range(stride):
                y_lo, y_hi = _phase_range(a, pad_top, stride, height, hq)
                for qy in range(y_lo, y_hi):
                    dst = dx[n, c, qy * stride + a - pad_top]
                    for xx in range(covered_w, width):
                        dst[xx] = 0
                    for b in range(stride):
                        x_lo, x_hi = _phase_range(b, pad_left, stride, width, wq)
                        src = dxq[n, c, a * stride + b, qy]
                        for qx in range(x_lo, x_hi):
                            dst[qx * stride + b - pad_left] = src[qx]


# Numba wraps negative indices, and the check it emits for an index it cannot prove non-negative
# stops LLVM vectorising the loop (the patch copies ran 4x slower); an unsigned index has none.
U = np.uint64


@njit(cache=True, nogil=True)
def _im2col(xq, kh, kw, stride, oh, ow, col):
    """col[(c, i, j), n, oy*ow + ox] = phase(i%s, j%s)[n, c, oy + i//s, ox + j//s].

    Each tap of each output row is a unit-stride run of ow elements of a phase plane.
    """
    n_batch, channels = xq.shape[0], xq.shape[1]
    for c in range(channels):
        for i in range(kh):
            for j in range(kw):
                phase, di, dj = (i % stride) * stride + j % stride, i // stride, j // stride
                rows = col[(c * kh + i) * kw + j]
                for n in range(n_batch):
                    plane, dst = xq[n, c, phase], rows[n]
                    for oy in range(oh):
                        src, base = plane[U(oy + di)], oy * ow
                        for ox in range(ow):
                            dst[U(base + ox)] = src[U(ox + dj)]


@njit(cache=True, nogil=True)
def _col2im(col, kh, kw, stride, oh, ow, dxq):
    """Adjoint of _im2col: scatter-add every tap back into its phase plane."""
    n_batch, channels = dxq.shape[0], dxq.shape[1]
    flat = dxq.reshape(-1)
    for q in range(flat.size):
        flat[q] = 0
    for c in range(channels):
        for i in range(kh):
            for j in range(kw):
                phase, di, dj = (i % stride) * stride + j % stride, i // stride, j // stride
                rows = col[(c * kh + i) * kw + j]
                for n in range(n_batch):
                    plane, src = dxq[n, c, phase], rows[n]
                    for oy in range(oh):
                        dst, base = plane[U(oy + di)], oy * ow
                        for ox in range(ow):
                            dst[U(ox + dj)] += src[U(base + ox)]


@njit(cache=True, nogil=True)
def _to_nchw(y, bias, out):
    """out[n, o, p] = y[o, n, p] + bias[o]: the product's channel-major rows back to NCHW."""
    out_ch, n_batch, pixels = y.shape
    for n in range(n_batch):
        for o in range(out_ch):
            src, dst, b = y[o, n], out[n, o], bias[o]
            for p in range(pixels):
                dst[p] = src[p] + b


@njit(cache=True, nogil=True)
def _to_channel_major(grad, g):
    """g[o, n, p] = grad[n, o, p], the layout the weight and patch gradient products take."""
    n_batch, out_ch, pixels = grad.shape
    for n in range(n_batch):
        for o in range(out_ch):
            src, dst = grad[n, o], g[o, n]
            for p in range(pixels):
                dst[p] = src[p]


# The direct kernels win while a layer has few filters per input channel (LeNet's 1 -> 6, 1 -> 8,
# 3 -> 4 and 2 -> 8 measured 0.5-0.9x of im2col's time on their own); from 1 -> 16 or 3 -> 8 on,
# im2col + BLAS is as fast or faster (1.15x at 1 -> 16, 1.6x at 3 -> 64).
DIRECT_MAX_CHANNEL_PAIRS = 12

# Only reassociation (and the sign of zero) is relaxed, so the weight-gradient sums vectorise;
# NaN and infinity still propagate, which the divergence check relies on.
SUM_FASTMATH = {"reassoc", "nsz", "contract"}


@njit(cache=True, nogil=True)
def _direct_forward(xp, w, bias, acc, out):
    """out[n, o] = bias[o] + sum_{c,i,j} w[o, c, i, j] * xp[n, c, i:, j:] for a unit stride.

    ``xp`` is the padded input (N, C, oh + kh - 1, ow + kw - 1). Each plane is read flat: output
    pixel (oy, ox) sits at oy * wq + ox of ``acc`` (2, >= (oh - 1) * wq + ow), so each tap is one
    long unit-stride pass; the wq - ow junk columns of each row are computed and dropped. Two
    filters and two taps share every pass (an odd last filter is computed twice).
    """
    n_batch, channels, _, wq = xp.shape
    out_ch, _, kh, kw = w.shape
    oh, ow = out.shape[2], out.shape[3]
    length = (oh - 1) * wq + ow
    a0, a1 = acc[0], acc[1]
    for n in range(n_batch):
        for o0 in range(0, out_ch, 2):
            o1 = min(o0 + 1, out_ch - 1)
            b0, b1 = bias[o0], bias[o1]
            for p in range(length):
                a0[p] = b0
                a1[p] = b1
            for c in range(channels):
                src = xp[n, c].reshape(-1)
                for i in range(kh):
                    j = 0
                    while j + 1 < kw:
                        u0, u1, off = w[o0, c, i, j], w[o0, c, i, j + 1], i * wq + j
                        v0, v1 = w[o1, c, i, j], w[o1, c, i, j + 1]
                        for p in range(length):
                            s0, s1 = src[U(off + p)], src[U(off + p + 1)]
                            a0[U(p)] += u0 * s0 + u1 * s1
                            a1[U(p)] += v0 * s0 + v1 * s1
                        j += 2
                    if j < kw:
                        u0, v0, off = w[o0, c, i, j], w[o1, c, i, j], i * wq + j
                        for p in range(length):
                            s0 = src[U(off + p)]
                            a0[U(p)] += u0 * s0
                            a1[U(p)] += v0 * s0
            for o, a in ((o0, a0), (o1, a1)):
                for oy in range(oh):
                    row = out[n, o, oy]
                    for ox in range(ow):
                        row[ox] = a[U(oy * wq + ox)]


@njit(cache=True, nogil=True, fastmath=SUM_FASTMATH)
def _direct_weight_grad(xp, grad, gw, dw, db):
    """dw[o, c, i, j] = sum_{n,oy,ox} grad[n, o, oy, ox] * xp[n, c, oy + i, ox + j]; db[o] = sum grad.

    ``gw`` (out_ch, >= oh * wq) holds one sample's gradient in _direct_forward's flat layout; its
    junk columns must be zero (they are never written), so each tap is one dot product.
    """
    n_batch, channels, _, wq = xp.shape
    out_ch, _, kh, kw = dw.shape
    oh, ow = grad.shape[2], grad.shape[3]
    length = (oh - 1) * wq + ow
    dw[:] = 0
    db[:] = 0
    for n in range(n_batch):
        for o in range(out_ch):
            row, total = gw[o], dw.dtype.type(0)
            for oy in range(oh):
                src = grad[n, o, oy]
                for ox in range(ow):
                    row[U(oy * wq + ox)] = src[ox]
                    total += src[ox]
            db[o] += total
        for c in range(channels):
            src = xp[n, c].reshape(-1)
            for i in range(kh):
                for o0 in range(0, out_ch, 2):
                    o1 = min(o0 + 1, out_ch - 1)
                    r0, r1 = gw[o0], gw[o1]
                    j = 0
                    while j < kw:
                        pair = j + 1 < kw
                        j1 = j + 1 if pair else j  # an odd last tap pairs with itself
                        off0, off1 = i * wq + j, i * wq + j1
                        s00 = s01 = s10 = s11 = dw.dtype.type(0)
                        for p in range(length):
                            x0, x1 = src[U(off0 + p)], src[U(off1 + p)]
                            g0, g1 = r0[U(p)], r1[U(p)]
                            s00 += g0 * x0
                            s01 += g0 * x1
                            s10 += g1 * x0
                            s11 += g1 * x1
                        dw[o0, c, i, j] += s00
                        if o1 != o0:
                            dw[o1, c, i, j] += s10
                        if pair:
                            dw[o0, c, i, j1] += s01
                            if o1 != o0:
                                dw[o1, c, i, j1] += s11
                        j += 2


class Conv2DOp(Op):
    """Cross-correlation of NCHW images with (out_ch, in_ch, kh, kw) filters plus optional bias.

    All buffers, including the returned output and input gradient, are allocated once per input
    shape and dtype and reused: fresh multi-megabyte arrays every step cost more in page faults
    than the convolution itself. The array returned by ``forward`` (``backward``) is therefore
    overwritten by the next ``forward`` (``backward``) call; copy it to keep it longer. Inputs of
    another dtype are converted to the weights' dtype.
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
        self._direct = False

    def _prepare(self, x_shape: tuple[int, ...], dtype: np.dtype) -> None:
        """Work out the geometry and (re)allocate buffers when the input shape, the dtype or the
        need for an input gradient changes."""
        out_ch, in_ch = self.params["W"].shape[:2]
        direct = self.stride == 1 and not self.input_grad and out_ch * in_ch <= DIRECT_MAX_CHANNEL_PAIRS
        if x_shape == self._x_shape and dtype == self._dtype and direct == self._direct:
            return
        kh, kw = self.params["W"].shape[2:]
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
        # Unit stride without padding: the image is its own single phase plane, no copies needed.
        self._plain = s == 1 and (hq, wq) == (h, w)
        self._xq = None if self._plain else np.empty((n, c, s * s, hq, wq), dtype)
        self._direct = direct
        if direct:
            self._acc = np.empty((2, oh * wq), dtype)
            self._gw = np.zeros((out_ch, oh * wq), dtype)  # junk columns stay zero
            self._db = np.empty(out_ch, dtype)  # the bias gradient when there is no bias
        else:
            self._col = np.empty((c * kh * kw, n, oh * ow), dtype)  # patches, then their gradient
            self._y = np.empty((out_ch, n, oh * ow), dtype)  # W @ col, later the output gradient
            self._dx = np.empty(x_shape, dtype)
        self._no_bias = np.zeros(out_ch, dtype)
        self._out = np.empty((n, out_ch, oh, ow), dtype)
        self._x_shape, self._dtype = x_shape, dtype

    def _phase_view(self, a: np.ndarray) -> np.ndarray:
        """An (N, C, 1, H, W) view of an image batch, for the single-phase case."""
        return a.reshape(a.shape[0], a.shape[1], 1, *a.shape[2:])

    def _padded(self, x: np.ndarray) -> np.ndarray:
        """The (N, C, H', W') padded input of a unit-stride direct layer."""
        if self._plain:
            return x
        _to_phases(x, 1, *self._pads, self._xq)
        return self._xq.reshape(x.shape[0], x.shape[1], *self._xq.shape[3:])

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        (x,) = inputs
        w = self.params["W"]
        x = np.ascontiguousarray(x, dtype=w.dtype)
        self._prepare(x.shape, w.dtype)
        out_ch, _, kh, kw = w.shape
        (oh, ow), s = self._out_hw, self.stride
        bias = self.params.get("b", self._no_bias)
        if self._direct:
            self._xp = self._padded(x)
            _direct_forward(self._xp, w, bias, self._acc, self._out)
            return self._out
        if self._plain:
            xq = self._phase_view(x)
        else:
            xq = self._xq
            _to_phases(x, s, *self._pads, xq)
        _im2col(xq, kh, kw, s, oh, ow, self._col)
        col = self._col.reshape(self._col.shape[0], -1)
        np.matmul(w.reshape(out_ch, -1), col, out=self._y.reshape(out_ch, -1))  # Y = W @ col
        n = x.shape[0]
        _to_nchw(self._y, bias, self._out.reshape(n, out_ch, -1))
        return self._out  # y = Y + b

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        w = self.params["W"]
        out_ch, _, kh, kw = w.shape
        (oh, ow), s = self._out_hw, self.stride
        grad = np.ascontiguousarray(grad, dtype=w.dtype)
        if self._direct:
            if grad.shape != self._out.shape:  # the kernel does not check its indices
                raise ValueError(f"gradient of shape {grad.shape} for an output of shape {self._out.shape}")
            _direct_weight_grad(self._xp, grad, self._gw, self.grads["W"], self.grads.get("b", self._db))
            self._xp = None  # the caller's batch is not kept alive
            return [None]
        _to_channel_major(grad.reshape(grad.shape[0], out_ch, -1), self._y)
        g = self._y.reshape(out_ch, -1)
        col = self._col.reshape(self._col.shape[0], -1)
        if "b" in self.params:
            np.sum(g, axis=1, out=self.grads["b"])  # db[o] = sum_{n,y,x} g[n, o, y, x]
        np.matmul(g, col.T, out=self.grads["W"].reshape(out_ch, -1))  # dW = G @ col^T
        if not self.input_grad:
            return [None]
        np.matmul(w.reshape(out_ch, -1).T, g, out=col)  # dcol = W^T @ G (patches no longer needed)
        if self._plain:
            _col2im(self._col, kh, kw, s, oh, ow, self._phase_view(self._dx))  # dx = col2im(dcol)
        else:
            _col2im(self._col, kh, kw, s, oh, ow, self._xq)  # dx = crop(col2im(dcol))
            _from_phases(self._xq, s, *self._pads, self._dx)
        return [self._dx]
