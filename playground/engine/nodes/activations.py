"""Activation node types."""
from __future__ import annotations

import numpy as np

from playground.engine.ops import activations as act
from playground.engine.params import float_param
from playground.engine.registry import NodeType, ShapeError, register, shape_text


class _Activation(NodeType):
    category = "Activations"
    kind = -1
    torch_name = ""

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return act.ActivationOp(cls.kind, p.get("alpha", 0.0))

    @classmethod
    def torch_module(cls, shapes, p):
        return f"nn.{cls.torch_name or cls.type_name}()"


@register
class Sigmoid(_Activation):
    type_name = "Sigmoid"
    kind = act.SIGMOID
    help = "1 / (1 + e^-x): squashes to (0, 1); its gradient is at most 0.25, so deep stacks vanish."


@register
class Tanh(_Activation):
    type_name = "Tanh"
    kind = act.TANH
    help = "tanh x: squashes to (-1, 1), zero-centred; saturates for large |x|."


@register
class ReLU(_Activation):
    type_name = "ReLU"
    kind = act.RELU
    help = "max(0, x): gradient 1 for positive inputs, 0 otherwise (units can 'die')."


@register
class LeakyReLU(_Activation):
    type_name = "LeakyReLU"
    kind = act.LEAKY_RELU
    help = "x for x > 0, alpha x otherwise: a small slope keeps negative units alive."
    params = (float_param("alpha", 0.01, "Slope for negative inputs", 0.0, 1.0),)
    summary_params = ("alpha",)

    @classmethod
    def torch_module(cls, shapes, p):
        return f"nn.LeakyReLU({p['alpha']})"


@register
class PReLU(_Activation):
    type_name = "PReLU"
    help = "LeakyReLU whose negative slope is learned."
    params = (float_param("alpha", 0.25, "Initial slope for negative inputs", 0.0, 1.0),)
    param_roles = {"alpha": "slope"}

    @classmethod
    def param_count(cls, shapes, p):
        return 1

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return act.PReLUOp(np.full(1, p["alpha"], dtype=dtype))

    @classmethod
    def torch_module(cls, shapes, p):
        return f"nn.PReLU(init={p['alpha']})"


@register
class ELU(_Activation):
    type_name = "ELU"
    kind = act.ELU
    help = "x for x > 0, alpha (e^x - 1) otherwise: smooth, with negative outputs."
    params = (float_param("alpha", 1.0, "Scale of the negative part", 0.0, 10.0),)
    summary_params = ("alpha",)

    @classmethod
    def torch_module(cls, shapes, p):
        return f"nn.ELU({p['alpha']})"


@register
class Softmax(_Activation):
    type_name = "Softmax"
    help = "e^x_i / sum e^x_j: turns scores into class probabilities that sum to 1."

    @classmethod
    def infer(cls, shapes, p):
        if len(shapes[0]) != 1:
            raise ShapeError(f"needs a flat input, got {shape_text(shapes[0])}: add a Flatten before it")
        return shapes[0]

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return act.SoftmaxOp()

    @classmethod
    def torch_module(cls, shapes, p):
        return "nn.Softmax(dim=1)"


@register
class Linear(_Activation):
    type_name = "Linear"
    help = "The identity, y = x: no non-linearity (stacked linear layers stay linear)."

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return act.IdentityOp()

    @classmethod
    def torch_module(cls, shapes, p):
        return "nn.Identity()"
