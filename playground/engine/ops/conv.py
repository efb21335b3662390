"""2D convolution as im2col + BLAS matrix products, with Numba doing the data movement.

Numba cannot vectorise the dot products of a convolution without fastmath, so the arithmetic
goes to numpy's BLAS (``blas.gemm``, called from the kernels) and the Numba kernels copy and
scatter (a first layer is the exception, below). The image is split into stride x stride
"phase" planes (with the padding baked in) so every kernel tap is a unit-stride window of one
plane. Patches hold exactly the output pixels: an earlier layout copied whole plane rows (junk
columns included) to make each tap one long copy, but the junk went through every product too,
40% of the arithmetic for LeNet's second layer. Patches are made for a few samples at a time and
multiplied while they are in cache; a big layer runs its batch in fixed blocks, one run of blocks
per thread (``threads``), with single-threaded BLAS inside each.

A first layer with unit stride and few filters (its input is the data, so it needs no input
gradient) skips the patches: its inputs have one or three channels, so patches are 9-25 times
the size of the image and the products over them are thin (LeNet's first weight gradient ran at
about half the speed of the other products, fed from memory). Direct kernels that slide over the
image, two filters and two taps per pass, took LeNet's first layer from 0.30 to 0.15 ms forward
and 0.46 to 0.20 ms backward, and its whole step from 3.3 to 2.2 ms (the second layer's data now
stays in cache).

A unit-stride layer with many input channels (mnist_vgg's 3x3 layers after the first) skips the
patches too: its taps are shifted products over padded planes (``conv_shift``).
"""
from __future__ import annotations

import numpy as np
from numba import njit, prange

from playground.engine import threads
from playground.engine.ops import conv_shift
from playground.engine.ops.activation_epilogue import Activated, plain_kernels
from playground.engine.ops.activation_epilogue import identity_backward as _DF
from playground.engine.ops.activation_epilogue import identity_forward as _F
from playground.engine.ops.activations import ActivationOp
from playground.engine.ops.base import Op
from playground.engine.ops.blas import gemm

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
# True only in the copies compiled with an activation's kernels as ``_F`` and ``_DF``
# (``activation_epilogue``).
_FUSED = False


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
def _to_nchw(y, bias, out, post, alpha):
    """out[n, o, p] = y[o, n, p] + bias[o]: the product's channel-major rows back to NCHW; when
    ``_FUSED`` also post = the activation ``_F`` of out."""
    out_ch, n_batch, pixels = y.shape
    one = out.dtype.type(1)
    for n in range(n_batch):
        for o in range(out_ch):
            src, dst, b = y[o, n], out[n, o], bias[o]
            if _FUSED:
                act = post[n, o]
                for p in range(pixels):
                    v = src[p] + b
                    dst[p] = v
                    act[p] = _F(v, alpha, one)
            else:
                for p in range(pixels):
                    dst[p] = src[p] + b


# The direct kernels win while a layer has few filters per input channel (LeNet's 1 -> 6, 1 -> 8,
# 3 -> 4 and 2 -> 8 measured 0.5-0.9x of im2col's time on their own); from 1 -> 16 or 3 -> 8 on,
# im2col + BLAS is as fast or faster (1.15x at 1 -> 16, 1.6x at 3 -> 64).
DIRECT_MAX_CHANNEL_PAIRS = 12

# Patches per im2col pass: small enough to stay in a core's cache between the copy and the products.
PATCH_BYTES = 512 * 1024

# Only reassociation (and the sign of zero) is relaxed, so the weight-gradient sums vectorise;
# NaN and infinity still propagate, which the divergence check relies on.
SUM_FASTMATH = {"reassoc", "nsz", "contract"}


@njit(cache=True, nogil=True)
def _direct_forward(xp, w, bias, acc, out, post, alpha):
    """out[n, o] = bias[o] + sum_{c,i,j} w[o, c, i, j] * xp[n, c, i:, j:] for a unit stride (when
    ``_FUSED`` also post = the activation ``_F`` of out).

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
    one = out.dtype.type(1)
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
                    if _FUSED:
                        act = post[n, o, oy]
                        for ox in range(ow):
                            v = a[U(oy * wq + ox)]
                            row[ox] = v
                            act[ox] = _F(v, alpha, one)
                    else:
                        for ox in range(ow):
                            row[ox] = a[U(oy * wq + ox)]


@njit(cache=True, nogil=True, fastmath=SUM_FASTMATH)
def _direct_weight_grad(xp, grad, gw, dw, db, pre, post, alpha):
    """dw[o, c, i, j] = sum_{n,oy,ox} grad[n, o, oy, ox] * xp[n, c, oy + i, ox + j]; db[o] = sum grad.

    ``gw`` (out_ch, >= oh * wq) holds one sample's gradient in _direct_forward's flat layout; its
    junk columns must be zero (they are never written), so each tap is one dot product. When
    ``_FUSED``, ``grad`` is the gradient of the activation's output ``post`` of ``pre`` (this
    layer's output), taken back through ``_DF`` as it is copied.
    """
    one = grad.dtype.type(1)
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
                if _FUSED:
                    xin, yout = pre[n, o, oy], post[n, o, oy]
                    for ox in range(ow):
                        v = _DF(xin[ox], yout[ox], src[ox], alpha, one)
                        row[U(oy * wq + ox)] = v
                        total += v
                else:
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


# --- batch-parallel versions: one slice of the batch per thread -----------------------------------
# Each slice copies its own patches and multiplies them with single-threaded BLAS (``blas.gemm``),
# so one pool (Numba's) owns the cores; weight and bias gradients go to a buffer per slice and are
# added up at the end. With one slice the serial kernels above run instead.


# --- im2col in cache-sized passes, over blocks of the batch --------------------------------------
# A layer big enough to split (``threads.splits``) cuts its batch into BLOCKS blocks whatever the
# thread count; each block's weight gradient goes to its own buffer and the blocks are added in
# order at the end, so the result is the same on any number of threads (a thread takes a run of
# whole blocks). A smaller layer is one block, written straight into the gradient.
BLOCKS = 16


@njit(cache=True, nogil=True)
def _forward_range(x, plain, stride, pad_top, pad_left, xq, w2, bias, kh, kw, sub, col, y, out, post, alpha,
                   blocks, b0, b1):
    """Blocks b0:b1 of the batch, ``sub`` samples at a time: _to_phases, _im2col, Y = W col,
    _to_nchw.

    ``xq`` is the phase buffer, or ``x``'s own phase view when ``plain``; ``col`` and ``y`` are
    flat scratch for ``sub`` samples, small enough to stay in cache between the copy and the
    product. Passes never cross a block, so every product has the same shape on any thread count
    (BLAS may round a product of another shape differently)."""
    out_ch, k = w2.shape
    oh, ow = out.shape[2], out.shape[3]
    pixels = oh * ow
    for blk in range(b0, b1):
        n0, n1 = blocks[blk], blocks[blk + 1]
        for a in range(n0, n1, sub):
            b = min(a + sub, n1)
            nb = b - a
            if not plain:
                _to_phases(x[a:b], stride, pad_top, pad_left, xq[a:b])
            cols = col[:k * nb * pixels].reshape(k, nb, pixels)
            _im2col(xq[a:b], kh, kw, stride, oh, ow, cols)
            yt = y[:out_ch * nb * pixels].reshape(out_ch, nb * pixels)
            gemm(w2, cols.reshape(k, nb * pixels), yt, False, False, False)
            _to_nchw(yt.reshape(out_ch, nb, pixels), bias, out[a:b].reshape(nb, out_ch, pixels),
                     post[a:b].reshape(nb, out_ch, pixels), alpha)


@njit(cache=True, nogil=True)
def _gradient_layouts(grad, gp, g, pixel_major, channel_major, db, first, pre, post, alpha):
    """gp[n*pixels + p, o] = grad[n, o, p] when ``pixel_major``, g[o, n, p] = grad[n, o, p] when
    ``channel_major``; db (+)= the sums over pixels. When ``_FUSED``, ``grad`` is the gradient of
    the activation's output ``post`` of ``pre`` (the layer's output), first taken back through
    ``_DF`` into ``g``."""
    n_batch, out_ch, pixels = grad.shape
    one = grad.dtype.type(1)
    for o in range(out_ch):
        if first:
            db[o] = 0
    for n in range(n_batch):
        for o in range(out_ch):
            src, total = grad[n, o], grad.dtype.type(0)
            if _FUSED:
                xin, yout, dst = pre[n, o], post[n, o], g[o, n]
                for p in range(pixels):
                    dst[p] = _DF(xin[p], yout[p], src[p], alpha, one)
                src = dst
            for p in range(pixels):
                total += src[p]
            db[o] += total
            if pixel_major:
                for p in range(pixels):
                    gp[U(n * pixels + p), o] = src[p]
            if channel_major and not _FUSED:
                dst = g[o, n]
                for p in range(pixels):
                    dst[p] = src[p]


@njit(cache=True, nogil=True)
def _backward_range(grad, w2, input_grad, plain, stride, pad_top, pad_left, xq, dxq, dx, kh, kw, oh, ow,
                    sub, col, y, gpix, pixel_major, dw_blocks, db_blocks, pre, post, alpha, blocks, b0, b1):
    """Blocks b0:b1 of the batch, ``sub`` samples at a time: the patches again (from the phases
    ``forward`` left in ``xq``), each block's dW and db (into ``dw_blocks[b]``, ``db_blocks[b]``),
    and when ``input_grad`` dx = col2im(W^T G) through ``dxq`` (``xq`` itself, or dx's phase view
    when ``plain``).

    With ``pixel_major`` the block's gradient is dW^T = col G^T ((k, out) in ``dw_blocks[b]``), both
    operands as they are, with G copied pixel-major: for LeNet's second layer (k = 150, 16 filters)
    OpenBLAS took 0.17 ms for the batch where dW = G col^T (a transposed right operand) took 0.46.
    With few patch rows and many filters (mnist_vgg's first layer: k = 9, 32 filters) the
    transposing copy of G costs more than it saves, and dW = G col^T ((out, k)) stays."""
    out_ch, k = w2.shape
    pixels = oh * ow
    for blk in range(b0, b1):
        n0, n1 = blocks[blk], blocks[blk + 1]
        db = db_blocks[blk]
        for a in range(n0, n1, sub):
            b = min(a + sub, n1)
            nb = b - a
            cols = col[:k * nb * pixels].reshape(k, nb, pixels)
            _im2col(xq[a:b], kh, kw, stride, oh, ow, cols)
            gt = y[:out_ch * nb * pixels].reshape(out_ch, nb, pixels)
            gp = gpix[:nb * pixels * out_ch if pixel_major else 0].reshape(-1, out_ch)
            first = a == n0
            _gradient_layouts(grad[a:b].reshape(nb, out_ch, pixels), gp, gt, pixel_major,
                              input_grad or not pixel_major, db, first, pre[a:b].reshape(nb, out_ch, pixels),
                              post[a:b].reshape(nb, out_ch, pixels), alpha)
            g2, c2 = gt.reshape(out_ch, nb * pixels), cols.reshape(k, nb * pixels)
            if pixel_major:
                gemm(c2, gp, dw_blocks[blk].reshape(k, out_ch), False, False, not first)  # dW^T (+)= col G^T
            else:
                gemm(g2, c2, dw_blocks[blk].reshape(out_ch, k), False, True, not first)  # dW (+)= G col^T
            if input_grad:
                gemm(w2, g2, c2, True, False, False)  # dcol = W^T G; the patches are no longer needed
                _col2im(cols, kh, kw, stride, oh, ow, dxq[a:b])
                if not plain:
                    _from_phases(dxq[a:b], stride, pad_top, pad_left, dx[a:b])


@njit(cache=True, nogil=True)
def _sum_transposed(dw_blocks, db_blocks, transposed, dw, db, o0, o1):
    """dw[o, i] = dw_blocks[0, i, o] + dw_blocks[1, i, o] + ... (dw_blocks[b, o, i] unless
    ``transposed``) and db[o] likewise, for rows o0:o1, in block order."""
    blocks, k = dw_blocks.shape[0], dw.shape[1]
    out_ch = dw.shape[0]
    for o in range(o0, o1):
        for i in range(k):
            at = i * out_ch + o if transposed else o * k + i
            acc = dw_blocks[0, at]
            for blk in range(1, blocks):
                acc += dw_blocks[blk, at]
            dw[o, i] = acc
        acc = db_blocks[0, o]
        for blk in range(1, blocks):
            acc += db_blocks[blk, o]
        db[o] = acc


@njit(cache=True, nogil=True, parallel=True)
def _sum_transposed_slices(dw_blocks, db_blocks, transposed, dw, db):
    """_sum_transposed with the filters split across the threads."""
    out_ch = dw.shape[0]
    for o in prange(out_ch):
        _sum_transposed(dw_blocks, db_blocks, transposed, dw, db, o, o + 1)


@njit(cache=True, nogil=True)
def _sum_blocks(parts, out):
    """out[i] = parts[0, i] + parts[1, i] + ..., in block order."""
    for i in range(out.size):
        acc = parts[0, i]
        for t in range(1, parts.shape[0]):
            acc += parts[t, i]
        out[i] = acc


@njit(cache=True, nogil=True, parallel=True)
def _sum_gradient_blocks(dw_blocks, db_blocks, dw, db):
    """dW and db from the per-block gradients, added in block order (the weights' elements split
    across the threads), so the sums do not depend on the thread count."""
    parts, flat = dw_blocks.reshape(dw_blocks.shape[0], -1), dw.reshape(-1)
    for i in prange(flat.size):
        acc = parts[0, i]
        for blk in range(1, parts.shape[0]):
            acc += parts[blk, i]
        flat[i] = acc
    _sum_blocks(db_blocks, db)


@njit(cache=True, nogil=True)
def _direct_grad_range(xp, grad, gw, dw_blocks, db_blocks, pre, post, alpha, blocks, b0, b1):
    """_direct_weight_grad of each block b0:b1 of the batch into ``dw_blocks[b]``, ``db_blocks[b]``."""
    for blk in range(b0, b1):
        n0, n1 = blocks[blk], blocks[blk + 1]
        _direct_weight_grad(xp[n0:n1], grad[n0:n1], gw, dw_blocks[blk], db_blocks[blk], pre[n0:n1], post[n0:n1],
                            alpha)


# --- the same on one slice of blocks per thread -----------------------------------------------------
# Each slice runs the range kernels above with its own scratch and single-threaded BLAS (Numba's
# ``blas.gemm``), so one pool (Numba's) owns the cores. ``slices`` holds block indices.


@njit(cache=True, nogil=True, parallel=True)
def _forward_slices(x, plain, stride, pad_top, pad_left, xq, w2, bias, kh, kw, sub, col, y, out, post, alpha,
                    blocks, slices):
    """_forward_range on each slice of blocks. (Kernels called from Python take any number of
    arguments but 20: with exactly 20, tracemalloc counts 200 bytes per call that it never sees
    freed, though the memory does not grow; Numba 0.68, CPython 3.11.)"""
    for t in prange(slices.size - 1):
        _forward_range(x, plain, stride, pad_top, pad_left, xq, w2, bias, kh, kw, sub, col[t], y[t], out, post,
                       alpha, blocks, slices[t], slices[t + 1])


@njit(cache=True, nogil=True, parallel=True)
def _backward_slices(grad, w2, input_grad, plain, stride, pad_top, pad_left, xq, dxq, dx, kh, kw, oh, ow,
                     sub, col, y, gpix, pixel_major, dw_blocks, db_blocks, pre, post, alpha, blocks, slices,
                     dw, db):
    for t in prange(slices.size - 1):
        _backward_range(grad, w2, input_grad, plain, stride, pad_top, pad_left, xq, dxq, dx, kh, kw, oh, ow,
                        sub, col[t], y[t], gpix[t], pixel_major, dw_blocks, db_blocks, pre, post, alpha, blocks,
                        slices[t], slices[t + 1])
    _sum_transposed_slices(dw_blocks, db_blocks, pixel_major, dw, db)


@njit(cache=True, nogil=True, parallel=True)
def _direct_forward_slices(x, plain, pad_top, pad_left, xq, w, bias, acc, out, post, alpha, blocks, slices):
    """_direct_forward for each slice of the batch, padding included (``xq`` as in
    _forward_slices, one accumulator pair per slice)."""
    channels, hq, wq = xq.shape[1], xq.shape[3], xq.shape[4]
    for t in prange(slices.size - 1):
        n0, n1 = blocks[slices[t]], blocks[slices[t + 1]]
        if not plain:
            _to_phases(x[n0:n1], 1, pad_top, pad_left, xq[n0:n1])
        xp = xq[n0:n1].reshape(n1 - n0, channels, hq, wq)
        _direct_forward(xp, w, bias, acc[t], out[n0:n1], post[n0:n1], alpha)


@njit(cache=True, nogil=True, parallel=True)
def _direct_weight_grad_slices(xp, grad, gw, dw_blocks, db_blocks, pre, post, alpha, blocks, slices, dw, db):
    for t in prange(slices.size - 1):
        _direct_grad_range(xp, grad, gw[t], dw_blocks, db_blocks, pre, post, alpha, blocks, slices[t], slices[t + 1])
    _sum_gradient_blocks(dw_blocks, db_blocks, dw, db)


# The kernels that run a following activation when fused (callees first), and their plain table.
_FUSABLE = (_to_nchw, _forward_range, _forward_slices, _gradient_layouts, _backward_range, _backward_slices,
            _direct_forward, _direct_forward_slices, _direct_weight_grad, _direct_grad_range,
            _direct_weight_grad_slices)
_PLAIN = plain_kernels(_FUSABLE)


class Conv2DOp(Op):
    """Cross-correlation of NCHW images with (out_ch, in_ch, kh, kw) filters plus optional bias.

    All buffers, including the returned output and input gradient, are allocated once per input
    shape and dtype and reused: fresh multi-megabyte arrays every step cost more in page faults
    than the convolution itself. The array returned by ``forward`` (``backward``) is therefore
    overwritten by the next ``forward`` (``backward``) call; copy it to keep it longer. Inputs of
    another dtype are converted to the weights' dtype.

    A batch with enough arithmetic (``threads.chunks``) is split into one slice per thread; the
    slice count is fixed at ``forward`` and reused by the ``backward`` that follows it.
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
        self._parts = 1
        self._work = 0
        self._xq_in: np.ndarray | None = None
        self._xp: np.ndarray | None = None
        self._shift: conv_shift.ShiftedConv | None = None
        self._shift_ready = False
        self._activated: Activated | None = None  # the activation the last forward ran, if fused

    def work(self, x_shape: tuple[int, ...]) -> int:
        """Multiply-adds of one forward pass over a batch of ``x_shape`` (the cost model's input)."""
        out_ch, in_ch, kh, kw = self.params["W"].shape
        oh = conv2d_output_size(x_shape[2], kh, self.stride, self.padding)
        ow = conv2d_output_size(x_shape[3], kw, self.stride, self.padding)
        return x_shape[0] * out_ch * in_ch * kh * kw * oh * ow

    def _prepare(self, x_shape: tuple[int, ...], dtype: np.dtype) -> None:
        """Work out the geometry and (re)allocate buffers when the input shape, the dtype, the
        need for an input gradient or the slice count changes."""
        out_ch, in_ch = self.params["W"].shape[:2]
        direct = self.stride == 1 and not self.input_grad and out_ch * in_ch <= DIRECT_MAX_CHANNEL_PAIRS
        if x_shape == self._x_shape and dtype == self._dtype and direct == self._direct:
            parts = min(threads.chunks(self._work), self._blocks.size - 1)
            if parts == self._parts:
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
        self._work = self.work(x_shape)
        # Blocks depend on the work only, slices (runs of blocks, one per thread) on the threads too.
        blocks = min(n, BLOCKS) if threads.splits(self._work) else 1
        self._blocks = threads.edges(n, blocks)
        parts = self._parts = max(1, min(threads.chunks(self._work), blocks))
        self._slices = threads.edges(blocks, parts)
        hq, wq = oh + (kh - 1) // s, ow + (kw - 1) // s
        self._pads = (_pad_before(h, kh, s, self.padding), _pad_before(w, kw, s, self.padding))
        self._out_hw = (oh, ow)
        # Unit stride without padding: the image is its own single phase plane, no copies needed.
        self._plain = s == 1 and (hq, wq) == (h, w)
        self._xq = None if self._plain else np.empty((n, c, s * s, hq, wq), dtype)
        self._direct = direct
        self._db = np.empty(out_ch, dtype)  # the bias gradient when there is no bias
        self._shift = None
        if not direct and conv_shift.applies(s, c, h, w, kh, kw, oh, ow, *self._pads):
            self._shift = conv_shift.ShiftedConv(x_shape, self.params["W"].shape, self._out_hw, self._pads,
                                                 self._blocks, self._slices, dtype)
            self._xq = None
            self._dx = np.empty(x_shape, dtype)
        elif direct:
            self._acc = np.empty((parts, 2, oh * wq), dtype)
            self._gw = np.zeros((parts, out_ch, oh * wq), dtype)  # junk columns stay zero
        else:
            k = c * kh * kw
            widest = int(np.diff(self._blocks).max())  # samples in the biggest block
            # Samples per pass: patches of about PATCH_BYTES stay in cache from the copy to the
            # products (a whole batch of them is 3.8 MB for LeNet's second layer, 58 MB for a VGG's).
            self._sub = max(1, min(widest, PATCH_BYTES // (k * oh * ow * dtype.itemsize)))
            self._col = np.empty((parts, k * self._sub * oh * ow), dtype)  # patches, then their gradient
            self._y = np.empty((parts, out_ch * self._sub * oh * ow), dtype)  # W @ col, or G
            # dW^T = col G^T with G pixel-major pays when the patches have at least as many rows as
            # there are filters (``_backward_range``).
            self._pixel_major = k >= out_ch
            self._gpix = np.empty((parts, out_ch * self._sub * oh * ow if self._pixel_major else 0), dtype)
            self._dw_blocks2 = np.empty((blocks, k * out_ch), dtype)  # each block's dW or dW^T
            self._dx = np.empty(x_shape, dtype)
        if blocks > 1:
            self._dw_blocks = np.empty((blocks, *self.params["W"].shape), dtype)
            self._db_blocks = np.empty((blocks, out_ch), dtype)
        self._no_bias = np.zeros(out_ch, dtype)
        self._db_one = np.empty((1, out_ch), dtype)
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

    def fuses(self, activation: Op) -> bool:
        return isinstance(activation, ActivationOp) and not activation.params

    def forward_activated(self, inputs: list[np.ndarray], training: bool, activation: ActivationOp) -> np.ndarray:
        """``forward``, and ``activation``'s forward of its output in the same copy (into the
        activation op's own output array)."""
        return self._forward(inputs, activation)

    def backward_activated(self, grad: np.ndarray, activation: ActivationOp) -> list[np.ndarray]:
        """``backward`` from the gradient of ``activation``'s output, after ``forward_activated``."""
        if self._activated is None:
            raise RuntimeError("Conv2D backward_activated needs forward_activated first")
        return self._backward(grad, self._activated)

    def forward(self, inputs: list[np.ndarray], training: bool) -> np.ndarray:
        return self._forward(inputs, None)

    def _forward(self, inputs: list[np.ndarray], activation: ActivationOp | None) -> np.ndarray:
        (x,) = inputs
        w = self.params["W"]
        x = np.ascontiguousarray(x, dtype=w.dtype)
        self._prepare(x.shape, w.dtype)
        out_ch, _, kh, kw = w.shape
        s = self.stride
        bias = self.params.get("b", self._no_bias)
        xq = self._phase_view(x) if self._plain else self._xq
        self._activated = None
        fns, post, alpha = _PLAIN, self._out, w.dtype.type(0)
        if activation is not None:
            self._activated = Activated(activation.kernels, activation.adopt(self._out),
                                        w.dtype.type(activation.alpha))
            fns, post, alpha = self._activated.table(_FUSABLE), self._activated.post, self._activated.alpha
        if self._direct:
            if self._parts > 1:
                fns["_direct_forward_slices"](x, self._plain, *self._pads, xq, w, bias, self._acc, self._out, post,
                                              alpha, self._blocks, self._slices)
                self._xp = xq.reshape(x.shape[0], x.shape[1], *xq.shape[3:])
            else:
                self._xp = self._padded(x)
                fns["_direct_forward"](self._xp, w, bias, self._acc[0], self._out, post, alpha)
            return self._out
        if self._shift is not None:
            self._shift.forward(x, w, bias, self._out, self._activated)
            self._shift_ready = True
            return self._out
        # y = W * patches + b, in cache-sized passes; backward rebuilds the patches from xq
        self._xq_in = xq
        args = (x, self._plain, s, *self._pads, xq, w.reshape(out_ch, -1), bias, kh, kw, self._sub)
        if self._parts > 1:
            fns["_forward_slices"](*args, self._col, self._y, self._out, post, alpha, self._blocks, self._slices)
        else:
            fns["_forward_range"](*args, self._col[0], self._y[0], self._out, post, alpha, self._blocks, 0,
                                  self._blocks.size - 1)
        return self._out

    def backward(self, grad: np.ndarray) -> list[np.ndarray]:
        return self._backward(grad, None)

    def _backward(self, grad: np.ndarray, activated: Activated | None) -> list[np.ndarray]:
        w = self.params["W"]
        out_ch, _, kh, kw = w.shape
        (oh, ow), s = self._out_hw, self.stride
        grad = np.ascontiguousarray(grad, dtype=w.dtype)
        if grad.shape != self._out.shape:  # the kernels do not check their indices
            raise ValueError(f"gradient of shape {grad.shape} for an output of shape {self._out.shape}")
        db = self.grads.get("b", self._db)
        dw = self.grads["W"]
        blocks = self._blocks.size - 1
        # One block writes straight into the gradient; several into their own buffers, then summed.
        dw_blocks = self._dw_blocks if blocks > 1 else dw.reshape(1, *dw.shape)
        db_blocks = self._db_blocks if blocks > 1 else db.reshape(1, -1)
        fns, post, alpha = _PLAIN, self._out, w.dtype.type(0)
        if activated is not None:
            fns, post, alpha = activated.table(_FUSABLE), activated.post, activated.alpha
        if self._direct:
            xp = self._xp
            if xp is None:
                raise RuntimeError("Conv2D backward needs a forward pass first (one backward per forward)")
            self._xp = None  # the caller's batch is not kept alive
            pre = self._out
            if self._parts > 1:
                fns["_direct_weight_grad_slices"](xp, grad, self._gw, dw_blocks, db_blocks, pre, post, alpha,
                                                  self._blocks, self._slices, dw, db)
            elif blocks > 1:
                fns["_direct_grad_range"](xp, grad, self._gw[0], dw_blocks, db_blocks, pre, post, alpha,
                                          self._blocks, 0, blocks)
                _sum_blocks(dw_blocks.reshape(blocks, -1), dw.reshape(-1))
                _sum_blocks(db_blocks, db)
            else:
                fns["_direct_weight_grad"](xp, grad, self._gw[0], dw, db, pre, post, alpha)
            return [None]
        if self._shift is not None:
            if not self._shift_ready:
                raise RuntimeError("Conv2D backward needs a forward pass first (one backward per forward)")
            self._shift_ready = False
            self._shift.backward(grad, self.input_grad, self._dx, dw, db, self._out, activated)
            return [self._dx if self.input_grad else None]
        xq = self._xq_in
        if xq is None:
            raise RuntimeError("Conv2D backward needs a forward pass first (one backward per forward)")
        self._xq_in = None  # xq is scratch for the input gradient below; the batch is not kept alive
        dxq = self._phase_view(self._dx) if self._plain else self._xq
        args = (grad, w.reshape(out_ch, -1), self.input_grad, self._plain, s, *self._pads, xq, dxq, self._dx,
                kh, kw, oh, ow, self._sub)
        db_blocks = self._db_blocks if blocks > 1 else self._db_one
        pm = self._pixel_major
        if self._parts > 1:
            fns["_backward_slices"](*args, self._col, self._y, self._gpix, pm, self._dw_blocks2, db_blocks, self._out,
                                    post, alpha, self._blocks, self._slices, dw.reshape(out_ch, -1), db)
        else:
            fns["_backward_range"](*args, self._col[0], self._y[0], self._gpix[0], pm, self._dw_blocks2, db_blocks,
                                   self._out, post, alpha, self._blocks, 0, blocks)
            _sum_transposed(self._dw_blocks2, db_blocks, pm, dw.reshape(out_ch, -1), db, 0, out_ch)
        return [self._dx if self.input_grad else None]
