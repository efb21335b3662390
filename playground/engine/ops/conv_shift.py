"""Unit-stride convolution as shifted matrix products over padded planes: no patches.

im2col copies every input pixel kh * kw times into patches (9x the image for a 3x3 kernel), and
the backward pass rebuilds them and scatter-adds their gradient back: for mnist_vgg's 3x3 layers
those copies took as long as the products. Here each channel of a block of samples is laid out
as one long flat row: the samples stacked with a few zero rows between them, every image row
followed by a few zero columns, so that a tap (i, j) of the kernel reads the input at a fixed
offset ``i * wq + j`` from the output pixel. A tap is then one product of the (out, in) slice
of the weights with a shifted window of the rows:

    Y[:, q] = sum_{i,j} W_ij @ X[:, q + i*wq + j]          (forward)
    dW_ij   = G @ X[:, i*wq + j:]^T                          (one product per tap and block)
    dX[:, r] = sum_{i,j} W_ij^T @ G[:, r - i*wq - j]         (input gradient)

``gemm_ld`` takes the windows in place (their rows are ``T`` elements apart). Zero rows and
columns between samples are shared padding: a "same" 3x3 layer needs one zero row and one zero
column per image, not two, so only 7 % (28x28) to 15 % (14x14) of the products are junk
positions, computed and dropped. Copies left: the input into the planes, the output back to
NCHW (with the bias, and a fused activation's forward: ``activation_epilogue``), the gradient
into the planes (through the activation's backward), the input gradient back.

Used for unit-stride layers with enough input channels (``applies``): with few channels each tap's
product is too thin for BLAS, and im2col's patches are small anyway.
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange

from playground.engine.ops.activation_epilogue import Activated, plain_kernels
from playground.engine.ops.activation_epilogue import identity_backward as _DF
from playground.engine.ops.activation_epilogue import identity_forward as _F
from playground.engine.ops.blas import gemm_ld

# Input channels from which a tap's product (K = channels) runs BLAS near its best speed; below,
# im2col's patches (K = channels * kh * kw) are the better product and cheap to copy.
MIN_CHANNELS = 8
# Junk positions (plane size over output pixels) this path accepts: LeNet's 5x5 "valid" layer on
# 14x14 images would compute 196 positions for 100 outputs, where im2col computes exactly 100; a
# 3x3 "same" layer on 8x8 images (81 for 64) measured no faster than im2col.
MAX_JUNK = 1.2

U = np.uint64
# True only in the copies ``activation_epilogue.fused_kernels`` compiles with an activation's
# kernels as ``_F`` and ``_DF``.
_FUSED = False


class Geometry:
    """Where every pixel of a sample sits in the flat planes, for one input shape and kernel."""

    def __init__(self, n: int, h: int, w: int, kh: int, kw: int, oh: int, ow: int, pad_top: int,
                 pad_left: int) -> None:
        pad_bottom, pad_right = oh + kh - 1 - h - pad_top, ow + kw - 1 - w - pad_left
        self.wq = w + max(pad_left, pad_right)  # row pitch: the image row, then zero columns
        self.pitch = (h + max(pad_top, pad_bottom)) * self.wq  # sample pitch: rows, then zero rows
        self.lead = pad_top * self.wq + pad_left  # zeros before the first sample's first pixel
        self.total = self.lead + n * self.pitch + kh * self.wq + kw
        self.taps = kh * kw
        self.offsets = np.array([i * self.wq + j for i in range(kh) for j in range(kw)], dtype=np.int64)
        # Gradient planes start with this many zeros, so every tap's window starts at index >= 0.
        self.margin = (kh - 1) * self.wq + (kw - 1) - self.lead


def applies(stride: int, in_ch: int, h: int, w: int, kh: int, kw: int, oh: int, ow: int, pad_top: int,
            pad_left: int) -> bool:
    """Whether the shifted products beat im2col for this layer (measured, docs/performance.md)."""
    if stride != 1 or in_ch < MIN_CHANNELS:
        return False
    g = Geometry(1, h, w, kh, kw, oh, ow, pad_top, pad_left)
    return g.pitch <= MAX_JUNK * oh * ow


def spans(nb: int, h: int, w: int, oh: int, ow: int, wq: int, pitch: int) -> tuple[int, int]:
    """Columns of a block of ``nb`` samples: up to the last output pixel, and the last input pixel."""
    return (nb - 1) * pitch + (oh - 1) * wq + ow, (nb - 1) * pitch + (h - 1) * wq + w


@njit(cache=True, nogil=True)
def _pack(x, n0, n1, lead, wq, pitch, xs):
    """xs[c, lead + n*pitch + y*wq + x] = x[n, c, y, x] for samples n0:n1 (the zeros stay)."""
    channels, height, width = x.shape[1], x.shape[2], x.shape[3]
    for c in range(channels):
        row = xs[c]
        for n in range(n0, n1):
            for y in range(height):
                src, base = x[n, c, y], lead + n * pitch + y * wq
                for xx in range(width):
                    row[U(base + xx)] = src[xx]


@njit(cache=True, nogil=True)
def _pack_all(x, lead, wq, pitch, xs, blocks, slices):
    for t in prange(slices.size - 1):
        _pack(x, blocks[slices[t]], blocks[slices[t + 1]], lead, wq, pitch, xs)


@njit(cache=True, nogil=True)
def _forward_blocks(xs, wt, bias, offsets, wq, pitch, y, out, post, alpha, blocks, b0, b1):
    """out[n0:n1] = sum over taps of W_ij @ shifted windows of xs, + bias, for blocks b0:b1; when
    ``_FUSED`` also post = the activation ``_F`` of out, in the same pass."""
    taps, out_ch, channels = wt.shape
    oh, ow = out.shape[2], out.shape[3]
    total, ycols = xs.shape[1], y.shape[1]
    xf, yf = xs.reshape(-1), y.reshape(-1)
    one = out.dtype.type(1)
    for blk in range(b0, b1):
        n0, n1 = blocks[blk], blocks[blk + 1]
        span = (n1 - n0 - 1) * pitch + (oh - 1) * wq + ow
        for t in range(taps):
            start = n0 * pitch + offsets[t]
            gemm_ld(out_ch, span, channels, wt[t].reshape(-1), channels, xf[start:], total, yf, ycols,
                    False, False, t > 0)
        for n in range(n0, n1):
            for o in range(out_ch):
                src, b = y[o], bias[o]
                for oy in range(oh):
                    dst, base = out[n, o, oy], (n - n0) * pitch + oy * wq
                    if _FUSED:
                        act = post[n, o, oy]
                        for ox in range(ow):
                            v = src[U(base + ox)] + b
                            dst[ox] = v
                            act[ox] = _F(v, alpha, one)
                    else:
                        for ox in range(ow):
                            dst[ox] = src[U(base + ox)] + b


@njit(cache=True, nogil=True, parallel=True)
def _forward_slices(xs, wt, bias, offsets, wq, pitch, y, out, post, alpha, blocks, slices):
    for t in prange(slices.size - 1):
        _forward_blocks(xs, wt, bias, offsets, wq, pitch, y[t], out, post, alpha, blocks, slices[t],
                        slices[t + 1])


@njit(cache=True, nogil=True)
def _backward_blocks(grad, xs, wt, offsets, margin, wq, pitch, input_grad, gt, dxt, dx, dwt_blocks, db_blocks,
                     pre, post, alpha, blocks, b0, b1):
    """For blocks b0:b1: the gradient into pixel-major planes (``gt`` (rows, out): zeros except at
    output pixels), each block's per-tap dW^T (``dwt_blocks[blk, tap]`` = (in, out)) and db, and
    when ``input_grad`` dx through ``dxt`` (pixels, in). Pixel-major gradients make both
    products plain (no transposed operand): 1.3-2x faster in OpenBLAS than G X^T and W^T G.
    When ``_FUSED``, ``grad`` is the gradient of the activation's output ``post`` of ``pre`` (this
    layer's output), taken back through ``_DF`` as it is copied."""
    taps, out_ch, channels = wt.shape
    one = grad.dtype.type(1)
    oh, ow = grad.shape[2], grad.shape[3]
    height, width = dx.shape[2], dx.shape[3]
    total = xs.shape[1]
    xf, gf, df = xs.reshape(-1), gt.reshape(-1), dxt.reshape(-1)
    for blk in range(b0, b1):
        n0, n1 = blocks[blk], blocks[blk + 1]
        span_y = (n1 - n0 - 1) * pitch + (oh - 1) * wq + ow
        span_x = (n1 - n0 - 1) * pitch + (height - 1) * wq + width
        db = db_blocks[blk]
        for o in range(out_ch):
            db[o] = 0
        for n in range(n0, n1):
            for o in range(out_ch):
                total_o = grad.dtype.type(0)
                for oy in range(oh):
                    src, base = grad[n, o, oy], margin + (n - n0) * pitch + oy * wq
                    if _FUSED:
                        xin, yout = pre[n, o, oy], post[n, o, oy]
                        for ox in range(ow):
                            v = _DF(xin[ox], yout[ox], src[ox], alpha, one)
                            gt[U(base + ox), o] = v
                            total_o += v
                    else:
                        for ox in range(ow):
                            gt[U(base + ox), o] = src[ox]
                            total_o += src[ox]
                db[o] += total_o
        for t in range(taps):  # dW_ij^T = X_ij G^T, over every pixel of the block at once
            start = n0 * pitch + offsets[t]
            gemm_ld(channels, out_ch, span_y, xf[start:], total, gf[margin * out_ch:], out_ch,
                    dwt_blocks[blk, t].reshape(-1), out_ch, False, False, False)
        if not input_grad:
            continue
        for t in range(taps):  # dX^T[r] = sum G^T[r - i*wq - j] W_ij, r from the first pixel on
            start = offsets[taps - 1] - offsets[t]  # (kh - 1 - i) * wq + (kw - 1 - j)
            gemm_ld(span_x, channels, out_ch, gf[start * out_ch:], out_ch, wt[t].reshape(-1), channels, df,
                    channels, False, False, t > 0)
        for n in range(n0, n1):
            for c in range(channels):
                for y in range(height):
                    dst, base = dx[n, c, y], (n - n0) * pitch + y * wq
                    for xx in range(width):
                        dst[xx] = dxt[U(base + xx), c]


@njit(cache=True, nogil=True, parallel=True)
def _backward_slices(grad, xs, wt, offsets, margin, wq, pitch, input_grad, gt, dxt, dx, dwt_blocks, db_blocks,
                     pre, post, alpha, blocks, slices):
    for t in prange(slices.size - 1):
        _backward_blocks(grad, xs, wt, offsets, margin, wq, pitch, input_grad, gt[t], dxt[t], dx, dwt_blocks,
                         db_blocks, pre, post, alpha, blocks, slices[t], slices[t + 1])


@njit(cache=True, nogil=True)
def _to_taps(w, wt):
    """wt[i*kw + j, o, c] = w[o, c, i, j]: each tap's (out, in) matrix, contiguous."""
    out_ch, channels, kh, kw = w.shape
    for o in range(out_ch):
        for c in range(channels):
            for i in range(kh):
                for j in range(kw):
                    wt[i * kw + j, o, c] = w[o, c, i, j]


# Elements of the blocks' weight gradients added up per pass (a thread takes whole chunks).
SUM_CHUNK = 2048


@njit(cache=True, nogil=True, parallel=True)
def _sum_tap_blocks(dwt_blocks, db_blocks, total, dw, db):
    """dw[o, c, i, j] and db from the blocks' per-tap (in, out) gradients, added in block order:
    element by element over the blocks' contiguous arrays into ``total`` (taps, in, out), chunks
    of it split across the threads, then transposed into dw. (Adding each element's 16 block
    copies at once, strides of a whole block apart, took 1.6 ms for mnist_vgg's fourth layer.)"""
    blocks = dwt_blocks.shape[0]
    parts, flat = dwt_blocks.reshape(blocks, -1), total.reshape(-1)
    for chunk in prange((flat.size + SUM_CHUNK - 1) // SUM_CHUNK):
        lo, hi = chunk * SUM_CHUNK, min(flat.size, (chunk + 1) * SUM_CHUNK)
        for i in range(lo, hi):
            flat[i] = parts[0, i]
        for blk in range(1, blocks):
            src = parts[blk]
            for i in range(lo, hi):
                flat[i] += src[i]
    taps, channels, out_ch = total.shape
    kw = dw.shape[3]
    for o in range(out_ch):
        for c in range(channels):
            for t in range(taps):
                dw[o, c, t // kw, t % kw] = total[t, c, o]
        acc = db_blocks[0, o]
        for blk in range(1, blocks):
            acc += db_blocks[blk, o]
        db[o] = acc


# The kernels that run a following activation when fused (callees first), and their plain table.
_FUSABLE = (_forward_blocks, _forward_slices, _backward_blocks, _backward_slices)
_PLAIN = plain_kernels(_FUSABLE)


class ShiftedConv:
    """Buffers and calls of the shifted-product path for one input shape, dtype and slice count.

    ``forward`` keeps the packed input for the ``backward`` that follows (no patches rebuilt)."""

    def __init__(self, x_shape: tuple[int, ...], w_shape: tuple[int, ...], out_hw: tuple[int, int],
                 pads: tuple[int, int], blocks: np.ndarray, slices: np.ndarray, dtype: np.dtype) -> None:
        n, c, h, w = x_shape
        out_ch, _, kh, kw = w_shape
        oh, ow = out_hw
        g = self.geometry = Geometry(n, h, w, kh, kw, oh, ow, *pads)
        self.blocks, self.slices = blocks, slices
        parts, widest = slices.size - 1, int(np.diff(blocks).max())
        span_y, span_x = spans(widest, h, w, oh, ow, g.wq, g.pitch)
        self.xs = np.zeros((c, g.total), dtype)  # the zeros between pixels are never written
        self.wt = np.empty((g.taps, out_ch, c), dtype)
        self.y = np.empty((parts, out_ch, span_y), dtype)
        self.gt = np.zeros((parts, g.margin + g.lead + span_x + 1, out_ch), dtype)  # zeros stay zero
        self.dxt = np.empty((parts, span_x, c), dtype)
        self.dwt_blocks = np.empty((blocks.size - 1, g.taps, c, out_ch), dtype)
        self.db_blocks = np.empty((blocks.size - 1, out_ch), dtype)
        self.dwt_total = np.empty((g.taps, c, out_ch), dtype)

    def forward(self, x: np.ndarray, w: np.ndarray, bias: np.ndarray, out: np.ndarray,
                activation: Activated | None = None) -> None:
        """out = the convolution of x; with an ``activation``, its output too (``Activated``)."""
        g = self.geometry
        _to_taps(w, self.wt)
        fns, post, alpha = _PLAIN, out, out.dtype.type(0)
        if activation is not None:
            fns, post, alpha = activation.table(_FUSABLE), activation.post, activation.alpha
        if self.slices.size > 2:
            _pack_all(x, g.lead, g.wq, g.pitch, self.xs, self.blocks, self.slices)
            fns["_forward_slices"](self.xs, self.wt, bias, g.offsets, g.wq, g.pitch, self.y, out, post, alpha,
                                   self.blocks, self.slices)
        else:
            _pack(x, 0, x.shape[0], g.lead, g.wq, g.pitch, self.xs)
            fns["_forward_blocks"](self.xs, self.wt, bias, g.offsets, g.wq, g.pitch, self.y[0], out, post, alpha,
                                   self.blocks, 0, self.blocks.size - 1)

    def backward(self, grad: np.ndarray, input_grad: bool, dx: np.ndarray, dw: np.ndarray,
                 db: np.ndarray, out: np.ndarray, activation: Activated | None = None) -> None:
        """dx, dw and db from the gradient of ``out`` (``forward``'s), or with an ``activation``
        from the gradient of its output."""
        g = self.geometry
        fns, post, alpha = _PLAIN, out, out.dtype.type(0)
        if activation is not None:
            fns, post, alpha = activation.table(_FUSABLE), activation.post, activation.alpha
        args = (grad, self.xs, self.wt, g.offsets, g.margin, g.wq, g.pitch, input_grad)
        if self.slices.size > 2:
            fns["_backward_slices"](*args, self.gt, self.dxt, dx, self.dwt_blocks, self.db_blocks, out, post,
                                    alpha, self.blocks, self.slices)
        else:
            fns["_backward_blocks"](*args, self.gt[0], self.dxt[0], dx, self.dwt_blocks, self.db_blocks, out,
                                    post, alpha, self.blocks, 0, self.blocks.size - 1)
        _sum_tap_blocks(self.dwt_blocks, self.db_blocks, self.dwt_total, dw, db)
