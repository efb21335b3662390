"""The shifted-product convolution (ops/conv_shift.py): loops, finite differences, im2col, blocks
on one and two threads, the products over windows of flat planes, and which layers take it."""
from __future__ import annotations

import itertools
import os

import numpy as np
import pytest

from playground.engine import Model, set_threads, threads
from playground.engine.ops import conv_shift
from playground.engine.ops.blas import check_ld
from playground.engine.ops.conv import Conv2DOp
from tests.engine.gradcheck import check_op
from tests.engine.test_conv_pool import CONV_CASES, conv_reference, make_conv

BENCH = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "benchmarks")
UNIT_STRIDE = [case for case in CONV_CASES if case[1] == 1]


@pytest.fixture
def shift_everything(monkeypatch):
    """Every unit-stride layer takes the shifted products, however few its channels."""
    monkeypatch.setattr(conv_shift, "MIN_CHANNELS", 1)
    monkeypatch.setattr(conv_shift, "MAX_JUNK", 1e9)


def _pass(op, x, g):
    y = op.forward([x], True).copy()
    dx = op.backward(g)[0]
    return [y, None if dx is None else dx.copy(), op.grads["W"].copy(),
            op.grads["b"].copy() if "b" in op.grads else None]


@pytest.mark.parametrize("padding,stride,in_ch,out_ch,k,bias,hw", UNIT_STRIDE)
def test_shifted_forward_matches_loops(shift_everything, padding, stride, in_ch, out_ch, k, bias, hw):
    op = make_conv(in_ch, out_ch, k, stride, padding, bias)
    op.input_grad = True
    x = np.random.default_rng(1).standard_normal((3, in_ch, *hw))
    y = op.forward([x], True)
    assert op._shift is not None
    np.testing.assert_allclose(y, conv_reference(x, op.params["W"], op.params.get("b"), stride, padding),
                               rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("padding,stride,in_ch,out_ch,k,bias,hw", UNIT_STRIDE)
def test_shifted_gradients(shift_everything, padding, stride, in_ch, out_ch, k, bias, hw):
    op = make_conv(in_ch, out_ch, k, stride, padding, bias)
    check_op(op, [np.random.default_rng(1).standard_normal((2, in_ch, *hw))])
    assert op._shift is not None


@pytest.mark.parametrize("padding,stride,in_ch,out_ch,k,bias,hw", UNIT_STRIDE)
def test_shifted_matches_im2col(monkeypatch, padding, stride, in_ch, out_ch, k, bias, hw):
    """Same outputs and gradients as im2col, with and without the input gradient, batch of 5."""
    rng = np.random.default_rng(2)
    x = rng.standard_normal((5, in_ch, *hw))
    for input_grad in (True, False):
        results = []
        for min_channels in (10**9, 1):
            monkeypatch.setattr(conv_shift, "MIN_CHANNELS", min_channels)
            monkeypatch.setattr(conv_shift, "MAX_JUNK", 1e9)
            op = make_conv(in_ch, out_ch, k, stride, padding, bias)
            op.input_grad = input_grad
            if not results:
                g = rng.standard_normal(op.forward([x], True).shape)
            results.append(_pass(op, x, g))
            assert (op._shift is not None) == (min_channels == 1 and not op._direct)
        for a, b in zip(*results):
            if a is None:
                assert b is None
            else:
                np.testing.assert_allclose(b, a, rtol=1e-11, atol=1e-11)


def test_shifted_float32_and_a_smaller_batch_after_a_larger_one(shift_everything):
    """float32 against float64, and buffers that held a bigger batch leave no trace."""
    op64 = make_conv(3, 4, 3, 1, "same", True)
    op32 = Conv2DOp(op64.params["W"].astype(np.float32), op64.params["b"].astype(np.float32), 1, "same")
    op64.input_grad = op32.input_grad = True
    rng = np.random.default_rng(3)
    big = rng.standard_normal((9, 3, 9, 9)).astype(np.float32)
    op32.forward([big], True)
    op32.backward(rng.standard_normal((9, 4, 9, 9)).astype(np.float32))
    x = rng.standard_normal((4, 3, 9, 9))
    g = rng.standard_normal((4, 4, 9, 9))
    r64, r32 = _pass(op64, x, g), _pass(op32, x.astype(np.float32), g.astype(np.float32))
    assert op32._shift is not None and all(a.dtype == np.float32 for a in r32)
    for a, b in zip(r64, r32):
        np.testing.assert_allclose(b, a, rtol=1e-4, atol=1e-4)


@pytest.mark.skipif(threads.max_threads() < 2, reason="Numba's pool has one thread")
def test_shifted_blocks_do_not_depend_on_the_threads(shift_everything, monkeypatch):
    """Serial, in blocks on one thread and on two: blocks match serial to rounding and the thread
    count changes nothing at all."""
    before = threads.get_threads()
    rng = np.random.default_rng(4)
    try:
        for n, padding, k, input_grad in itertools.product([1, 5, 19], ["same", "valid"], [1, 3],
                                                           [True, False]):
            x = rng.standard_normal((n, 3, 6, 7))
            w, b = rng.standard_normal((5, 3, k, k)), rng.standard_normal(5)  # too many for the direct kernels
            g = rng.standard_normal(Conv2DOp(w.copy(), b, 1, padding).forward([x], True).shape)
            out = []
            for work, count in ((10**15, 2), (1, 1), (1, 2)):
                monkeypatch.setattr(threads, "MIN_WORK_PER_THREAD", work)
                set_threads(count)
                op = Conv2DOp(w.copy(), b.copy(), 1, padding)
                op.input_grad = input_grad
                out.append(_pass(op, x, g))
                assert op._shift is not None and op._parts == (min(2, n) if (work, count) == (1, 2) else 1)
            for a, one, two in zip(*out):
                if a is None:
                    assert one is None and two is None
                    continue
                np.testing.assert_allclose(one, a, rtol=1e-12, atol=1e-12)
                np.testing.assert_array_equal(two, one)
    finally:
        set_threads(before)


def test_shifted_backward_needs_its_forward(shift_everything):
    op = make_conv(2, 2, 3, 1, "same", False)
    op.input_grad = True
    op.forward([np.zeros((1, 2, 4, 4))], True)
    op.backward(np.zeros((1, 2, 4, 4)))
    with pytest.raises(RuntimeError, match="forward pass first"):
        op.backward(np.zeros((1, 2, 4, 4)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_products_over_windows_of_flat_arrays(dtype):
    """gemm_ld: operands that are shifted windows of wider matrices, every transpose, overwrite and
    accumulate, against numpy on the same windows."""
    rng = np.random.default_rng(5)
    m, n, k, wide = 4, 6, 5, 11
    for trans_a, trans_b, accumulate in itertools.product([False, True], repeat=3):
        a_full = rng.standard_normal((k if trans_a else m, wide)).astype(dtype)
        b_full = rng.standard_normal((n if trans_b else k, wide)).astype(dtype)
        c_full = rng.standard_normal((m, wide)).astype(dtype)
        a = a_full[:, 2:2 + (m if trans_a else k)]
        b = b_full[:, 3:3 + (k if trans_b else n)]
        expected = c_full.copy()
        expected[:, 1:1 + n] = (a.T if trans_a else a) @ (b.T if trans_b else b) + (
            c_full[:, 1:1 + n] if accumulate else 0)
        check_ld(m, n, k, a_full.reshape(-1)[2:], wide, b_full.reshape(-1)[3:], wide, c_full.reshape(-1)[1:],
                 wide, trans_a, trans_b, accumulate)
        np.testing.assert_allclose(c_full, expected, rtol=1e-5 if dtype == np.float32 else 1e-12, atol=1e-5)


def test_which_layers_take_the_shifted_products():
    """mnist_vgg's 3x3 layers after the first do; the first (one channel), LeNet's (6 channels, and
    a "valid" 5x5 kernel whose planes are mostly junk) and strided layers do not."""
    vgg = Model.from_preset(os.path.join(BENCH, "mnist_vgg.json"))
    lenet = Model.from_preset(os.path.join(BENCH, "lenet.json"))
    for model in (vgg, lenet):
        data, y, _ = model.load_data(samples=64)
        model.train_step(data.x_train[:8], y[:8], model.make_optimizer())
    assert [vgg.ops[n]._shift is not None for n in ("conv1", "conv2", "conv3", "conv4")] == [False, True, True, True]
    assert lenet.ops["conv2"]._shift is None
    assert not conv_shift.applies(2, 32, 28, 28, 3, 3, 14, 14, 0, 0)


def test_weight_gradient_over_several_blocks_and_sum_chunks(monkeypatch):
    """The blocks' weight gradients are added in chunks of SUM_CHUNK elements: a layer with more
    (16 x 16 x 3 x 3) over 7 blocks gets im2col's gradient."""
    monkeypatch.setattr(threads, "MIN_WORK_PER_THREAD", 1)  # every layer in blocks
    monkeypatch.setattr(conv_shift, "MAX_JUNK", 1e9)
    rng = np.random.default_rng(5)
    x = rng.standard_normal((7, 16, 6, 6))
    results = []
    for min_channels in (10**9, 1):
        monkeypatch.setattr(conv_shift, "MIN_CHANNELS", min_channels)
        op = make_conv(16, 16, 3, 1, "same", True)
        if not results:
            g = rng.standard_normal(op.forward([x], True).shape)
        results.append(_pass(op, x, g))
        assert (op._shift is not None) == (min_channels == 1) and op._blocks.size - 1 == 7
    assert op.params["W"].size > conv_shift.SUM_CHUNK
    for a, b in zip(*results):
        np.testing.assert_allclose(b, a, rtol=1e-11, atol=1e-11)
