"""Finite-difference gradient checks (float64) and forward references for the dense, activation,
structural and normalisation ops, and for every loss."""
import numpy as np
import pytest

from playground.engine.ops import activations as act
from playground.engine.ops.dense import DenseOp
from playground.engine.ops.losses import BCELoss, CCELoss, MSELoss, SparseCCELoss
from playground.engine.ops.structure import AddOp, BatchNormOp, ConcatOp, DropoutOp, FlattenOp
from playground.engine.registry import node_type
from tests.engine.gradcheck import check_op, numeric_grad

rng = np.random.default_rng(0)


def randn(*shape):
    return rng.standard_normal(shape)


def test_dense_forward_and_gradients():
    w, b, x = randn(4, 3), randn(3), randn(5, 4)
    op = DenseOp(w, b)
    np.testing.assert_allclose(op.forward([x], True), x @ w + b)
    check_op(op, [x])


def test_dense_without_bias_has_only_weight():
    op = DenseOp(randn(4, 3), None)
    assert list(op.params) == ["W"]
    check_op(op, [randn(2, 4)])


REFERENCE = {
    "Sigmoid": lambda x, a: 1 / (1 + np.exp(-x)),
    "Tanh": lambda x, a: np.tanh(x),
    "ReLU": lambda x, a: np.maximum(x, 0),
    "LeakyReLU": lambda x, a: np.where(x > 0, x, a * x),
    "ELU": lambda x, a: np.where(x > 0, x, a * (np.exp(x) - 1)),
}


def activation(name, alpha=0.0):
    t = node_type(name)
    return act.ActivationOp(t.forward, t.backward, alpha)


@pytest.mark.parametrize("name", list(REFERENCE))
def test_activation_forward_matches_formula_and_gradient(name):
    x = randn(4, 6)
    x[np.abs(x) < 1e-3] = 0.5  # keep away from the kinks of ReLU-like functions
    op = activation(name, alpha=0.2)
    np.testing.assert_allclose(op.forward([x], True), REFERENCE[name](x, 0.2), rtol=1e-12)
    check_op(op, [x])


def test_sigmoid_is_stable_for_large_inputs():
    op = activation("Sigmoid")
    y = op.forward([np.array([[-1000.0, 1000.0, 0.0]])], False)
    np.testing.assert_allclose(y, [[0.0, 1.0, 0.5]])


def test_activation_keeps_float32():
    op = activation("Tanh")
    x = randn(3, 3).astype(np.float32)
    assert op.forward([x], True).dtype == np.float32
    assert op.backward(np.ones_like(x))[0].dtype == np.float32


def test_prelu_learns_its_slope():
    x = randn(4, 5)
    op = node_type("PReLU").build([(5,)], {"alpha": 0.3}, rng, np.float64)
    np.testing.assert_allclose(op.forward([x], True), np.where(x > 0, x, 0.3 * x))
    check_op(op, [x])


def test_identity_passes_gradient_through():
    op = act.IdentityOp()
    x = randn(2, 3)
    assert op.forward([x], True) is x
    check_op(op, [x])


def test_softmax_rows_sum_to_one_and_gradient():
    x = randn(4, 5) * 3
    op = act.SoftmaxOp()
    y = op.forward([x], True)
    np.testing.assert_allclose(y.sum(axis=1), 1.0)
    np.testing.assert_allclose(y, np.exp(x) / np.exp(x).sum(axis=1, keepdims=True))
    check_op(op, [x])


def test_flatten_add_concat_gradients():
    check_op(FlattenOp(), [randn(2, 3, 4, 4)])
    a, b = randn(3, 4), randn(3, 4)
    np.testing.assert_allclose(AddOp().forward([a, b], True), a + b)
    check_op(AddOp(), [a, b])
    c = randn(3, 2)
    np.testing.assert_allclose(ConcatOp().forward([a, c], True), np.hstack([a, c]))
    check_op(ConcatOp(), [a, c])
    check_op(ConcatOp(), [randn(2, 2, 3, 3), randn(2, 1, 3, 3)])


def test_dropout_scales_kept_units_and_is_identity_in_eval():
    op = DropoutOp(0.5, np.random.default_rng(1))
    x = np.ones((200, 50))
    y = op.forward([x], True)
    assert set(np.unique(y)) == {0.0, 2.0}
    assert 0.45 < (y > 0).mean() < 0.55
    np.testing.assert_array_equal(op.backward(np.ones_like(x))[0], y)
    assert op.forward([x], False) is x


@pytest.mark.parametrize("shape", [(6, 4), (4, 3, 3, 3)])
def test_batchnorm_normalises_and_gradients(shape):
    x = randn(*shape) * 3 + 1
    op = BatchNormOp(shape[1], 0.1, 1e-5, np.float64)
    op.params["gamma"][:] = randn(shape[1])
    op.params["beta"][:] = randn(shape[1])
    op_plain = BatchNormOp(shape[1], 0.1, 1e-5, np.float64)
    y = op_plain.forward([x], True)
    axes = (0,) if len(shape) == 2 else (0, 2, 3)
    np.testing.assert_allclose(y.mean(axis=axes), 0, atol=1e-10)
    np.testing.assert_allclose(y.std(axis=axes), 1, rtol=1e-3)
    check_op(op, [x], rtol=1e-4, atol=1e-6)


def test_batchnorm_running_statistics_follow_torch_rule():
    x = randn(8, 2) * 2 + 3
    op = BatchNormOp(2, 0.1, 1e-5, np.float64)
    op.forward([x], True)
    np.testing.assert_allclose(op.buffers["running_mean"], 0.1 * x.mean(axis=0))
    np.testing.assert_allclose(op.buffers["running_var"], 0.9 + 0.1 * x.var(axis=0, ddof=1))
    y = op.forward([x], False)  # evaluation uses running statistics
    expected = (x - op.buffers["running_mean"]) / np.sqrt(op.buffers["running_var"] + 1e-5)
    np.testing.assert_allclose(y, expected)
    check_op(op, [x], training=False)


def loss_gradcheck(loss, pred, target):
    loss.forward(pred, target)
    analytic = loss.backward().copy()
    numeric = numeric_grad(lambda: loss.forward(pred, target), pred)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8)


def one_hot(labels, k):
    return np.eye(k)[labels]


def test_mse_value_and_gradient():
    p, y = randn(4, 3), randn(4, 3)
    assert MSELoss().forward(p, y) == pytest.approx(np.mean((p - y) ** 2))
    loss_gradcheck(MSELoss(), p, y)


def test_bce_plain_and_fused_agree_and_gradients():
    z = randn(6, 1)
    y = (rng.random((6, 1)) > 0.5).astype(float)
    p = 1 / (1 + np.exp(-z))
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert BCELoss().forward(p, y) == pytest.approx(expected)
    assert BCELoss(fused=True).forward(z, y) == pytest.approx(expected)
    loss_gradcheck(BCELoss(), np.clip(p, 0.05, 0.95), y)
    loss_gradcheck(BCELoss(fused=True), z, y)


def test_bce_fused_is_finite_for_huge_logits():
    loss = BCELoss(fused=True)
    value = loss.forward(np.array([[1000.0], [-1000.0]]), np.array([[0.0], [1.0]]))
    assert value == pytest.approx(1000.0)
    assert np.all(np.isfinite(loss.backward()))


def test_cce_plain_and_fused_agree_and_gradients():
    z = randn(5, 4)
    labels = rng.integers(0, 4, 5)
    y = one_hot(labels, 4)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    expected = -np.mean(np.log(p[np.arange(5), labels]))
    assert CCELoss().forward(p, y) == pytest.approx(expected)
    assert CCELoss(fused=True).forward(z, y) == pytest.approx(expected)
    assert SparseCCELoss(fused=True).forward(z, labels) == pytest.approx(expected)
    loss_gradcheck(CCELoss(), p, y)
    loss_gradcheck(CCELoss(fused=True), z, y)
    loss_gradcheck(SparseCCELoss(fused=True), z, labels)


def test_cce_fused_is_finite_for_huge_logits():
    loss = CCELoss(fused=True)
    value = loss.forward(np.array([[1000.0, -1000.0]]), np.array([[0.0, 1.0]]))
    assert value == pytest.approx(2000.0)
    assert np.all(np.isfinite(loss.backward()))
