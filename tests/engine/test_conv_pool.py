"""Conv2D and 2D pooling ops: naive-loop references, finite differences, dtypes, buffer reuse."""
from __future__ import annotations

import numpy as np
import pytest

from playground.engine.ops.conv import Conv2DOp, conv2d_output_size
from playground.engine.ops.pool import Pool2DOp, pool2d_output_size
from tests.engine.gradcheck import check_op


def conv_reference(x: np.ndarray, w: np.ndarray, b: np.ndarray | None, stride: int,
                   padding: str) -> np.ndarray:
    """Plain loops over output pixels, with TensorFlow's "same" padding written out again."""
    n, c, h, wd = x.shape
    out_ch, _, kh, kw = w.shape
    if padding == "same":
        oh, ow = -(-h // stride), -(-wd // stride)
        ph = max((oh - 1) * stride + kh - h, 0)
        pw = max((ow - 1) * stride + kw - wd, 0)
        x = np.pad(x, ((0, 0), (0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2)))
    else:
        oh, ow = (h - kh) // stride + 1, (wd - kw) // stride + 1
    out = np.zeros((n, out_ch, oh, ow), x.dtype)
    for i in range(n):
        for o in range(out_ch):
            for y in range(oh):
                for xx in range(ow):
                    patch = x[i, :, y * stride:y * stride + kh, xx * stride:xx * stride + kw]
                    out[i, o, y, xx] = np.sum(patch * w[o]) + (0 if b is None else b[o])
    return out


def pool_reference(x: np.ndarray, mode: str, size: int, stride: int) -> np.ndarray:
    reduce = {"max": np.max, "min": np.min, "avg": np.mean}[mode]
    n, c, h, w = x.shape
    oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.zeros((n, c, oh, ow), x.dtype)
    for y in range(oh):
        for xx in range(ow):
            window = x[:, :, y * stride:y * stride + size, xx * stride:xx * stride + size]
            out[:, :, y, xx] = reduce(window, axis=(2, 3))
    return out


def distinct(shape: tuple[int, ...], seed: int = 0) -> np.ndarray:
    """Values at least 1e-3 apart, so a finite-difference step never changes a max/min winner."""
    count = int(np.prod(shape))
    return (np.random.default_rng(seed).permutation(count) / count - 0.5).reshape(shape)


def make_conv(in_ch: int, out_ch: int, k: int | tuple[int, int], stride: int, padding: str,
              bias: bool, dtype=np.float64, seed: int = 0) -> Conv2DOp:
    kh, kw = (k, k) if isinstance(k, int) else k
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((out_ch, in_ch, kh, kw)).astype(dtype)
    b = rng.standard_normal(out_ch).astype(dtype) if bias else None
    return Conv2DOp(w, b, stride, padding)


# (padding, stride, in_ch, out_ch, kernel, bias, input h x w)
CONV_CASES = [
    ("valid", 1, 2, 3, 3, True, (7, 6)),
    ("same", 1, 2, 3, 3, False, (6, 7)),
    ("valid", 2, 3, 2, 3, True, (8, 7)),
    ("same", 2, 2, 2, 3, True, (7, 8)),
    ("valid", 1, 1, 2, 5, False, (7, 8)),
    ("same", 1, 2, 2, 5, True, (6, 5)),
    ("same", 2, 1, 3, 5, False, (9, 8)),
    ("same", 1, 2, 2, 2, True, (5, 4)),  # even kernel: the extra padding row goes at the bottom
    ("valid", 3, 2, 2, (2, 3), True, (8, 9)),  # stride > kernel height skips input rows
    ("same", 3, 1, 2, (3, 2), True, (7, 8)),
    ("valid", 1, 2, 2, 3, True, (5, 21)),  # rows longer than one vector: 19 outputs wide
    ("same", 2, 1, 2, 5, False, (4, 22)),
    ("valid", 1, 1, 5, (3, 4), True, (9, 30)),  # odd filter count, even kernel width
    ("same", 1, 3, 1, (4, 1), True, (6, 5)),
    ("same", 1, 1, 13, 3, True, (6, 6)),  # too many filters for the direct kernels: im2col
]


@pytest.mark.parametrize("input_grad", [True, False], ids=["patches", "first-layer"])
@pytest.mark.parametrize("padding,stride,in_ch,out_ch,k,bias,hw", CONV_CASES)
def test_conv_forward_matches_loops(padding, stride, in_ch, out_ch, k, bias, hw, input_grad):
    """Both paths: im2col + product, and (unit stride, no input gradient) the direct kernels."""
    op = make_conv(in_ch, out_ch, k, stride, padding, bias)
    op.input_grad = input_grad
    x = np.random.default_rng(1).standard_normal((3, in_ch, *hw))
    expected = conv_reference(x, op.params["W"], op.params.get("b"), stride, padding)
    np.testing.assert_allclose(op.forward([x], True), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("padding,stride,in_ch,out_ch,k,bias,hw", CONV_CASES)
def test_conv_gradients(padding, stride, in_ch, out_ch, k, bias, hw):
    op = make_conv(in_ch, out_ch, k, stride, padding, bias)
    assert ("b" in op.params) == bias
    check_op(op, [np.random.default_rng(1).standard_normal((2, in_ch, *hw))])


def test_conv_digits_shape():
    """The 8x8 digits network's first layer: 8 filters of 3x3, "same", batch 32."""
    op = make_conv(1, 8, 3, 1, "same", True)
    x = np.random.default_rng(2).standard_normal((32, 1, 8, 8))
    out = op.forward([x], True)
    assert out.shape == (32, 8, 8, 8)
    np.testing.assert_allclose(out, conv_reference(x, op.params["W"], op.params["b"], 1, "same"),
                               rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("padding,stride", [("valid", 1), ("same", 1), ("same", 2)])
def test_conv_float32_matches_float64(padding, stride):
    op64 = make_conv(3, 4, 3, stride, padding, True)
    op32 = Conv2DOp(op64.params["W"].astype(np.float32), op64.params["b"].astype(np.float32),
                    stride, padding)
    x = np.random.default_rng(3).standard_normal((4, 3, 9, 9))
    y64, y32 = op64.forward([x], True), op32.forward([x.astype(np.float32)], True)
    assert y32.dtype == np.float32
    np.testing.assert_allclose(y32, y64, rtol=1e-5, atol=1e-5)
    g = np.random.default_rng(4).standard_normal(y64.shape)
    (dx64,), (dx32,) = op64.backward(g), op32.backward(g.astype(np.float32))
    assert dx32.dtype == np.float32
    assert all(grad.dtype == np.float32 for grad in op32.grads.values())
    np.testing.assert_allclose(dx32, dx64, rtol=1e-5, atol=1e-5)
    for name in ("W", "b"):
        np.testing.assert_allclose(op32.grads[name], op64.grads[name], rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("padding,stride,in_ch,out_ch,k,bias,hw", CONV_CASES)
def test_conv_without_input_gradient_gives_the_same_weight_gradients(padding, stride, in_ch, out_ch,
                                                                     k, bias, hw):
    """A first layer skips dx (and with unit stride runs the direct kernels): same dW and db."""
    x = np.random.default_rng(12).standard_normal((3, in_ch, *hw))
    full, skip = (make_conv(in_ch, out_ch, k, stride, padding, bias) for _ in range(2))
    skip.input_grad = False
    g = np.random.default_rng(13).standard_normal(full.forward([x], True).shape)
    skip.forward([x], True)
    assert full.backward(g)[0] is not None and skip.backward(g) == [None]
    assert skip.grads.keys() == full.grads.keys()
    for name in full.grads:
        np.testing.assert_allclose(skip.grads[name], full.grads[name], rtol=1e-12, atol=1e-12)


def test_first_layer_refuses_a_gradient_of_another_shape():
    op = make_conv(1, 6, 5, 1, "valid", True)
    op.input_grad = False
    out = op.forward([np.zeros((4, 1, 12, 12))], True)
    with pytest.raises(ValueError, match="gradient of shape"):
        op.backward(np.zeros((2, *out.shape[1:])))


def test_first_layer_float32_and_buffers_after_a_larger_batch():
    """The direct kernels in float32 against float64, with a smaller batch after a larger one."""
    op64 = make_conv(1, 6, 5, 1, "valid", True)
    op32 = Conv2DOp(op64.params["W"].astype(np.float32), op64.params["b"].astype(np.float32), 1, "valid")
    op64.input_grad = op32.input_grad = False
    rng = np.random.default_rng(14)
    op32.forward([rng.standard_normal((16, 1, 28, 28)).astype(np.float32)], True)
    x = rng.standard_normal((8, 1, 28, 28))
    y64, y32 = op64.forward([x], True), op32.forward([x.astype(np.float32)], True)
    assert y32.dtype == np.float32
    np.testing.assert_allclose(y32, y64, rtol=1e-5, atol=1e-5)
    g = rng.standard_normal(y64.shape)
    op64.backward(g), op32.backward(g.astype(np.float32))
    for name in ("W", "b"):
        assert op32.grads[name].dtype == np.float32
        np.testing.assert_allclose(op32.grads[name], op64.grads[name], rtol=1e-4, atol=1e-3)


@pytest.mark.parametrize("padding,stride", [("valid", 1), ("same", 2)])
def test_conv_batch_equals_items(padding, stride):
    """Each image is independent: the whole batch gives what the images give one at a time."""
    op = make_conv(2, 3, 3, stride, padding, True)
    rng = np.random.default_rng(5)
    x = rng.standard_normal((5, 2, 7, 7))
    y = op.forward([x], True).copy()
    g = rng.standard_normal(y.shape)
    dx = op.backward(g)[0].copy()
    dw, db = op.grads["W"].copy(), op.grads["b"].copy()
    dw_sum, db_sum = np.zeros_like(dw), np.zeros_like(db)
    for i in range(len(x)):
        np.testing.assert_allclose(op.forward([x[i:i + 1]], True)[0], y[i], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(op.backward(g[i:i + 1])[0][0], dx[i], rtol=1e-12, atol=1e-12)
        dw_sum += op.grads["W"]
        db_sum += op.grads["b"]
    np.testing.assert_allclose(dw, dw_sum, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(db, db_sum, rtol=1e-12, atol=1e-12)


def test_conv_buffers_follow_shape_and_weights():
    """Buffers are reused per shape, but a new batch size and updated weights are picked up."""
    op = make_conv(2, 3, 3, 1, "valid", True)
    rng = np.random.default_rng(6)
    a, b = rng.standard_normal((4, 2, 6, 6)), rng.standard_normal((2, 2, 6, 6))
    for x in (a, b, a):
        np.testing.assert_allclose(op.forward([x], True), conv_reference(
            x, op.params["W"], op.params["b"], 1, "valid"), rtol=1e-12, atol=1e-12)
    op.params["W"] *= -0.5  # optimisers update in place
    np.testing.assert_allclose(op.forward([a], True), conv_reference(
        a, op.params["W"], op.params["b"], 1, "valid"), rtol=1e-12, atol=1e-12)


def test_conv_rejects_bad_arguments():
    w = np.zeros((2, 3, 3, 3))
    with pytest.raises(ValueError):
        Conv2DOp(w, None, 1, "full")
    with pytest.raises(ValueError):
        Conv2DOp(w, np.zeros(3), 1, "valid")
    with pytest.raises(ValueError):
        Conv2DOp(w, None, 0, "valid")
    op = Conv2DOp(w, None, 1, "valid")
    with pytest.raises(ValueError):
        op.forward([np.zeros((1, 2, 5, 5))], True)  # wrong channel count
    with pytest.raises(ValueError):
        op.forward([np.zeros((1, 3, 2, 5))], True)  # kernel taller than the image


def test_conv_output_size():
    assert conv2d_output_size(28, 5, 1, "valid") == 24
    assert conv2d_output_size(12, 5, 1, "valid") == 8
    assert conv2d_output_size(8, 3, 1, "same") == 8
    assert conv2d_output_size(11, 3, 2, "same") == 6
    assert conv2d_output_size(12, 3, 2, "valid") == 5
    assert conv2d_output_size(3, 5, 1, "valid") == 0
    assert conv2d_output_size(3, 5, 1, "same") == 3
    with pytest.raises(ValueError):
        conv2d_output_size(8, 3, 1, "full")


POOL_CASES = [(2, 2, (6, 8)), (3, 2, (7, 6)), (2, 3, (8, 7)), (3, 1, (5, 5)), (2, 2, (5, 23))]


@pytest.mark.parametrize("mode", ["max", "min", "avg"])
@pytest.mark.parametrize("size,stride,hw", POOL_CASES)
def test_pool_forward_matches_loops(mode, size, stride, hw):
    x = np.random.default_rng(7).standard_normal((2, 3, *hw))
    np.testing.assert_allclose(Pool2DOp(mode, size, stride).forward([x], True),
                               pool_reference(x, mode, size, stride), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("mode", ["max", "min", "avg"])
@pytest.mark.parametrize("size,stride,hw", POOL_CASES)
def test_pool_gradients(mode, size, stride, hw):
    op = Pool2DOp(mode, size, stride)
    assert op.params == {}
    check_op(op, [distinct((2, 2, *hw))])


def test_pool_max_routes_gradient_to_winner():
    x = np.array([[[[1.0, 5.0], [3.0, 2.0]]]])
    op = Pool2DOp("max", 2, 2)
    assert op.forward([x], True)[0, 0, 0, 0] == 5.0
    np.testing.assert_array_equal(op.backward(np.full((1, 1, 1, 1), 7.0))[0],
                                  [[[[0.0, 7.0], [0.0, 0.0]]]])


@pytest.mark.parametrize("mode", ["max", "min"])
@pytest.mark.parametrize("size,stride", [(2, 2), (2, 1)])  # the unrolled 2x2 kernel, the general one
def test_pool_ties_go_to_the_first_element(mode, size, stride):
    x = np.random.default_rng(11).integers(0, 3, (2, 3, 6, 8)).astype(np.float64)
    oh, ow = pool2d_output_size(6, size, stride), pool2d_output_size(8, size, stride)
    op = Pool2DOp(mode, size, stride)
    op.forward([x], True)
    dx = op.backward(np.ones((2, 3, oh, ow)))[0]
    expected = np.zeros_like(x)
    pick = np.argmax if mode == "max" else np.argmin  # the first extreme in row-major order
    for y in range(oh):
        for xx in range(ow):
            window = x[:, :, y * stride:y * stride + size, xx * stride:xx * stride + size]
            winner = pick(window.reshape(2, 3, -1), axis=2)
            for n, c in np.ndindex(2, 3):
                i, j = divmod(winner[n, c], size)
                expected[n, c, y * stride + i, xx * stride + j] += 1
    np.testing.assert_array_equal(dx, expected)


@pytest.mark.parametrize("mode", ["max", "min", "avg"])
def test_pool_float32(mode):
    x = np.random.default_rng(8).standard_normal((3, 2, 8, 8))
    op32, op64 = Pool2DOp(mode, 2, 2), Pool2DOp(mode, 2, 2)
    y32, y64 = op32.forward([x.astype(np.float32)], True), op64.forward([x], True)
    assert y32.dtype == np.float32
    np.testing.assert_allclose(y32, y64, rtol=1e-6, atol=1e-6)
    g = np.random.default_rng(9).standard_normal(y64.shape)
    dx32, dx64 = op32.backward(g.astype(np.float32))[0], op64.backward(g)[0]
    assert dx32.dtype == np.float32
    np.testing.assert_allclose(dx32, dx64, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("mode", ["max", "avg"])
def test_pool_batch_equals_items(mode):
    op = Pool2DOp(mode, 3, 2)
    rng = np.random.default_rng(10)
    x = rng.standard_normal((4, 2, 7, 7))
    y = op.forward([x], True).copy()
    g = rng.standard_normal(y.shape)
    dx = op.backward(g)[0].copy()
    for i in range(len(x)):
        np.testing.assert_array_equal(op.forward([x[i:i + 1]], True)[0], y[i])
        np.testing.assert_array_equal(op.backward(g[i:i + 1])[0][0], dx[i])


def test_pool_rejects_bad_arguments():
    with pytest.raises(ValueError):
        Pool2DOp("median", 2, 2)
    with pytest.raises(ValueError):
        Pool2DOp("max", 0, 2)
    with pytest.raises(ValueError):
        Pool2DOp("max", 3, 1).forward([np.zeros((1, 1, 2, 5))], True)


def test_pool_output_size():
    assert pool2d_output_size(24, 2, 2) == 12
    assert pool2d_output_size(8, 2, 2) == 4
    assert pool2d_output_size(9, 3, 2) == 4
    assert pool2d_output_size(7, 2, 3) == 2
    assert pool2d_output_size(1, 2, 2) == 0
