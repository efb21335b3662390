"""Loss node types: what they accept, how they want their targets, and their engine op."""
from __future__ import annotations

from typing import Any

import numpy as np

from playground.engine.ops import losses
from playground.engine.registry import (
    NodeType,
    Port,
    Shape,
    ShapeError,
    register,
    shape_text,
)


class _Loss(NodeType):
    category = "Losses"
    inputs = (Port("pred", "tensor"), Port("target", "target"))
    outputs = (Port("loss", "loss"),)
    is_layer = False
    is_loss = True
    preview = "loss"
    op_class: type[losses.LossOp] = losses.LossOp
    fuses = ""  # the activation whose logits this loss takes directly, for numerical stability
    # What ``torch_loss`` and ``chain_kernel`` give: on the activation's output, and on the logits
    # before the ``fuses`` activation (a loss that fuses none always takes the output).
    torch_on_output: str | None = None
    torch_on_logits: str | None = None
    chain_on_output: Any = None
    chain_on_logits: Any = None

    @classmethod
    def infer(cls, shapes, p):
        return ()

    @classmethod
    def check_target(cls, pred: Shape, num_classes: int | None) -> None:
        """Raise ShapeError when predictions of this shape cannot be scored against the targets."""
        if len(pred) != 1:
            raise ShapeError(f"needs flat predictions, got {shape_text(pred)}: add a Flatten and a Dense")
        if num_classes is None:
            raise ShapeError("needs class labels, but the dataset is a regression: use MSE")
        if pred[0] != num_classes:
            raise ShapeError(f"gets {pred[0]} outputs for {num_classes} classes: the last Dense "
                             f"needs {num_classes} units")

    @classmethod
    def targets(cls, labels: np.ndarray, num_classes: int | None, pred: Shape,
                dtype: np.dtype) -> np.ndarray:
        """Dataset targets (class labels or regression values) in the form this loss scores."""
        return _one_hot(labels, num_classes, dtype)

    @classmethod
    def build(cls, shapes, p, rng, dtype, fused: bool = False) -> losses.LossOp:
        return cls.op_class(fused=fused)

    @classmethod
    def torch_loss(cls, fused: bool) -> str | None:
        """Source of the PyTorch loss, called as ``loss(output, target)`` with the targets in this
        loss's form; ``fused``: the output is the logits before the activation named in ``fuses``.
        None: no PyTorch counterpart (the export refuses)."""
        return cls.torch_on_logits if fused and cls.fuses else cls.torch_on_output

    @classmethod
    def chain_kernel(cls, fused: bool) -> Any:
        """This loss's kernel for the fused Dense chain (``ops/losses.py``), given whether it takes
        the logits of its ``fuses`` activation; None: a chain ending in this loss is not fused."""
        return cls.chain_on_logits if fused and cls.fuses else cls.chain_on_output


def _one_hot(labels: np.ndarray, k: int, dtype: np.dtype) -> np.ndarray:
    out = np.zeros((labels.shape[0], k), dtype=dtype)
    out[np.arange(labels.shape[0]), labels.astype(np.int64)] = 1
    return out


@register
class MSE(_Loss):
    type_name = "MSE"
    title = "Mean squared error"
    help = "mean((prediction - target)^2): for regression; on classes it scores one-hot targets."
    op_class = losses.MSELoss
    torch_on_output = "nn.MSELoss()"
    chain_on_output = losses.chain_mse

    @classmethod
    def check_target(cls, pred, num_classes):
        if num_classes is None or len(pred) != 1 or pred[0] in (1, num_classes):
            return
        raise ShapeError(f"gets {pred[0]} outputs for {num_classes} classes: use {num_classes} "
                         "units (one-hot) or 1 unit (binary)")

    @classmethod
    def targets(cls, labels, num_classes, pred, dtype):
        if num_classes is None:
            return labels.astype(dtype).reshape((labels.shape[0], *pred))
        if pred == (1,):
            return labels.astype(dtype).reshape(-1, 1)
        return _one_hot(labels, num_classes, dtype)


@register
class BCE(_Loss):
    type_name = "BCE"
    title = "Binary cross-entropy"
    help = "-[y log p + (1-y) log(1-p)]: for two classes with one sigmoid output."
    op_class = losses.BCELoss
    fuses = "Sigmoid"
    torch_on_output = "lambda p, y: nn.functional.binary_cross_entropy(p.clamp(1e-7, 1 - 1e-7), y)"
    torch_on_logits = "nn.BCEWithLogitsLoss()"
    chain_on_logits = losses.chain_bce_logits

    @classmethod
    def check_target(cls, pred, num_classes):
        if num_classes is None:
            raise ShapeError("needs class labels, but the dataset is a regression: use MSE")
        if pred != (1,) and pred != (num_classes,):
            raise ShapeError(f"gets {shape_text(pred)} outputs: use 1 sigmoid unit for two classes")
        if pred == (1,) and num_classes != 2:
            raise ShapeError(f"with 1 output can only tell 2 classes, the dataset has {num_classes}: "
                             "use CCE with softmax")

    @classmethod
    def targets(cls, labels, num_classes, pred, dtype):
        if pred == (1,):
            return labels.astype(dtype).reshape(-1, 1)
        return _one_hot(labels, num_classes, dtype)


@register
class CCE(_Loss):
    type_name = "CCE"
    title = "Categorical cross-entropy"
    help = "-sum y log p with one-hot targets: for several classes after a softmax."
    op_class = losses.CCELoss
    fuses = "Softmax"
    torch_on_output = "lambda p, y: -(y * p.clamp(1e-7, 1).log()).sum() / len(p)"
    torch_on_logits = "nn.CrossEntropyLoss()"  # one-hot rows as class probabilities: -mean sum y log softmax(z)
    chain_on_logits = losses.chain_cce_logits

    @classmethod
    def check_target(cls, pred, num_classes):
        if pred == (1,):
            raise ShapeError("has 1 output unit: categorical cross-entropy needs one unit per class "
                             "(use BCE with sigmoid for one unit)")
        super().check_target(pred, num_classes)


@register
class SparseCCE(CCE):
    type_name = "SparseCCE"
    title = "Sparse categorical cross-entropy"
    help = "Categorical cross-entropy that takes integer class labels instead of one-hot rows."
    op_class = losses.SparseCCELoss
    torch_on_output = "lambda p, y: nn.functional.nll_loss(p.clamp(1e-7, 1).log(), y)"
    torch_on_logits = "nn.CrossEntropyLoss()"
    chain_on_logits = None  # integer labels, not the one-hot rows the chain scores

    @classmethod
    def targets(cls, labels, num_classes, pred, dtype):
        return labels.astype(np.int64)


def predicted_classes(outputs: np.ndarray) -> np.ndarray:
    """The class each row of outputs (or one-hot targets) stands for: the argmax of several
    outputs, output > 0.5 for one (a sigmoid's probability of class 1)."""
    if outputs.shape[1] == 1:
        return (outputs[:, 0] > 0.5).astype(np.int64)
    return outputs.argmax(axis=1)


def accuracy(pred: np.ndarray, targets: np.ndarray) -> float:
    """Share of correct classes; targets are labels, one-hot rows or one 0/1 column."""
    truth = targets if targets.ndim == 1 else predicted_classes(targets)
    return float(np.mean(predicted_classes(pred) == truth))
