"""Optimizer node types: training settings plus each algorithm's hyperparameters (torch defaults)."""
from __future__ import annotations

from typing import Any

from playground.engine.params import float_param, int_param
from playground.engine.registry import REGISTRY, NodeType, Port, register

TRAINING_PARAMS = ("batch_size", "epochs", "seed")


def _lr(default: float):
    return float_param("lr", default, "Learning rate: the size of each step", 1e-7, 1e7, log=True)


_COMMON = (
    int_param("batch_size", 32, "Samples per step: 1 = SGD, the whole set = full-batch GD, "
              "anything between = mini-batch", 1, 100_000),
    int_param("epochs", 20, "Passes over the training data", 1, 100_000),
    int_param("seed", 0, "Seed of the weight initialisation and of the batch order", 0, 2**31 - 1),
    float_param("weight_decay", 0.0, "L2 penalty added to the gradient (wd * weight)", 0.0, 1.0),
    float_param("clip_norm", 0.0, "Gradient clipping: scale all gradients down together when their "
                "global norm exceeds this (0: off); long sequences need it", 0.0, 1e6),
)
_EPS = float_param("eps", 1e-8, "Added to the denominator for stability", 1e-12, 1.0, log=True)
_MOMENTUM = float_param("momentum", 0.9, "Share of the previous step kept (velocity)", 0.0, 0.999)


class _Optimizer(NodeType):
    category = "Optimizers"
    inputs = (Port("loss", "loss"),)
    outputs = ()
    is_layer = False
    is_optimizer = True
    key = ""

    @classmethod
    def hyper_defaults(cls) -> dict[str, Any]:
        """Defaults of the algorithm's own hyperparameters (lr, weight decay, betas, ...)."""
        return {p.name: p.default for p in cls.params if p.name not in TRAINING_PARAMS}

    @classmethod
    def summary(cls, p):
        return f"lr {p['lr']:g}, batch {p['batch_size']}, {p['epochs']} epochs"

    @classmethod
    def torch_optimizer(cls, p: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        """(torch.optim class, its keyword arguments) doing the engine's update rule with these
        settings; None: no PyTorch counterpart (the export refuses)."""
        return None


@register
class SGD(_Optimizer):
    type_name = "SGD"
    key = "sgd"
    help = "Plain gradient descent: w -= lr * gradient."
    params = (_lr(0.1), *_COMMON)

    @classmethod
    def torch_optimizer(cls, p):
        return "torch.optim.SGD", {"lr": p["lr"], "weight_decay": p["weight_decay"]}


@register
class Momentum(_Optimizer):
    type_name = "Momentum"
    key = "momentum"
    help = "Gradient descent with velocity: v = mu v + g; w -= lr v. Rolls through ravines."
    params = (_lr(0.01), _MOMENTUM, *_COMMON)
    nesterov = False

    @classmethod
    def torch_optimizer(cls, p):
        return "torch.optim.SGD", {"lr": p["lr"], "momentum": p["momentum"],
                                   "nesterov": cls.nesterov, "weight_decay": p["weight_decay"]}


@register
class Nesterov(_Optimizer):
    type_name = "Nesterov"
    key = "nesterov"
    help = "Momentum that looks ahead: the step uses g + mu v."
    params = (_lr(0.01), _MOMENTUM, *_COMMON)
    nesterov = True
    torch_optimizer = classmethod(Momentum.torch_optimizer.__func__)


@register
class AdaGrad(_Optimizer):
    type_name = "AdaGrad"
    key = "adagrad"
    help = "Per-weight learning rates that shrink with the sum of past squared gradients."
    params = (_lr(0.01), *_COMMON,
              float_param("lr_decay", 0.0, "Learning-rate decay per step", 0.0, 1.0),
              float_param("initial_accumulator_value", 0.0, "Starting value of the sum", 0.0, 10.0),
              float_param("eps", 1e-10, "Added to the denominator for stability", 1e-12, 1.0, log=True))

    @classmethod
    def torch_optimizer(cls, p):
        return "torch.optim.Adagrad", {
            "lr": p["lr"], "lr_decay": p["lr_decay"], "weight_decay": p["weight_decay"],
            "initial_accumulator_value": p["initial_accumulator_value"], "eps": p["eps"]}


@register
class RMSProp(_Optimizer):
    type_name = "RMSProp"
    key = "rmsprop"
    help = "Divides each step by a moving RMS of recent gradients: AdaGrad that forgets."
    params = (_lr(0.01), *_COMMON,
              float_param("alpha", 0.99, "Smoothing of the squared-gradient average", 0.0, 0.9999),
              _EPS,
              float_param("momentum", 0.0, "Optional momentum on the scaled step", 0.0, 0.999))

    @classmethod
    def torch_optimizer(cls, p):
        return "torch.optim.RMSprop", {"lr": p["lr"], "alpha": p["alpha"], "eps": p["eps"],
                                       "weight_decay": p["weight_decay"], "momentum": p["momentum"]}


@register
class Adam(_Optimizer):
    type_name = "Adam"
    key = "adam"
    help = "Momentum plus RMSProp scaling, with bias correction: the usual default."
    params = (_lr(0.001), *_COMMON,
              float_param("beta1", 0.9, "Decay of the gradient average (momentum)", 0.0, 0.9999),
              float_param("beta2", 0.999, "Decay of the squared-gradient average", 0.0, 0.99999),
              _EPS)

    @classmethod
    def torch_optimizer(cls, p):
        return "torch.optim.Adam", {"lr": p["lr"], "betas": (p["beta1"], p["beta2"]),
                                    "eps": p["eps"], "weight_decay": p["weight_decay"]}


# Every optimizer's key, in palette order: what the compare view, the race and the CLI offer.
OPTIMIZER_KEYS = tuple(t.key for t in REGISTRY.values() if issubclass(t, _Optimizer))


def optimizer_node(key: str) -> type[_Optimizer]:
    """The optimizer node type for a key such as "adam" (or its type name, "Adam")."""
    for t in REGISTRY.values():
        if isinstance(t, type) and issubclass(t, _Optimizer) and key in (t.key, t.type_name):
            return t
    raise ValueError(f"unknown optimizer {key!r}; choose one of {', '.join(OPTIMIZER_KEYS)}")
