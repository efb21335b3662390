"""Activation node types. An elementwise one declares its scalar Numba kernels in its class:
``forward(x, alpha, one)`` and ``backward(x, y, g, alpha, one)`` (g times dy/dx, from the input x
or the output y; ``one`` is 1 in the array's dtype). Its op and the fused Dense chain both run them.
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit

from playground.engine.ops import activations as act
from playground.engine.params import float_param
from playground.engine.registry import NodeType, ShapeError, register, shape_text

kernel = njit(cache=True, nogil=True, error_model="numpy", inline="always")


class _Activation(NodeType):
    category = "Activations"
    preview = "histogram"
    torch_name = ""
    swap_group = "activation"  # same shape in and out: a compare sweep may swap one for another

    @classmethod
    def torch_module(cls, shapes, p):
        return f"nn.{cls.torch_name or cls.type_name}()"


class _Elementwise(_Activation):
    """y_i = f(x_i): built from the class's ``forward`` and ``backward`` kernels."""

    forward = backward = None  # scalar kernels, see the module docstring

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return act.ActivationOp(cls.forward, cls.backward, p.get("alpha", 0.0))


@register
class Sigmoid(_Elementwise):
    type_name = "Sigmoid"
    help = "1 / (1 + e^-x): squashes to (0, 1); its gradient is at most 0.25, so deep stacks vanish."
    output_range = (0.0, 1.0)
    saturates_outside = (0.025, 0.975)  # y (1 - y) < 0.025
    forward = act.sigmoid  # shared with the BCE loss, which applies it to logits
    backward = act.sigmoid_backward


@register
class Tanh(_Elementwise):
    type_name = "Tanh"
    help = "tanh x: squashes to (-1, 1), zero-centred; saturates for large |x|."
    output_range = (-1.0, 1.0)
    saturates_outside = (-0.95, 0.95)  # 1 - y^2 < 0.1

    @staticmethod
    @kernel
    def forward(x, alpha, one):
        return np.tanh(x)

    @staticmethod
    @kernel
    def backward(x, y, g, alpha, one):
        return g * (one - y * y)  # dy/dx = 1 - y^2


@register
class ReLU(_Elementwise):
    type_name = "ReLU"
    help = "max(0, x): gradient 1 for positive inputs, 0 otherwise (units can 'die')."
    units_can_die = True

    @staticmethod
    @kernel
    def forward(x, alpha, one):
        return x if x > 0 else x * 0

    @staticmethod
    @kernel
    def backward(x, y, g, alpha, one):
        return g if x > 0 else g * 0  # dy/dx = [x > 0]


@register
class LeakyReLU(_Elementwise):
    type_name = "LeakyReLU"
    help = "x for x > 0, alpha x otherwise: a small slope keeps negative units alive."
    params = (float_param("alpha", 0.01, "Slope for negative inputs", 0.0, 1.0),)

    @classmethod
    def summary(cls, p):
        return f"slope {p['alpha']:g} below 0"

    @staticmethod
    @kernel
    def forward(x, alpha, one):
        return x if x > 0 else alpha * x

    @staticmethod
    @kernel
    def backward(x, y, g, alpha, one):
        return g if x > 0 else alpha * g  # dy/dx = 1 if x > 0 else alpha

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
        return act.PReLUOp(LeakyReLU.forward, LeakyReLU.backward, np.full(1, p["alpha"], dtype=dtype))

    @classmethod
    def torch_module(cls, shapes, p):
        return f"nn.PReLU(init={p['alpha']})"


@register
class ELU(_Elementwise):
    type_name = "ELU"
    help = "x for x > 0, alpha (e^x - 1) otherwise: smooth, with negative outputs."
    params = (float_param("alpha", 1.0, "Scale of the negative part", 0.0, 10.0),)

    @classmethod
    def summary(cls, p):
        return f"negative side down to -{p['alpha']:g}"

    @staticmethod
    @kernel
    def forward(x, alpha, one):
        return x if x > 0 else alpha * (np.exp(x) - one)

    @staticmethod
    @kernel
    def backward(x, y, g, alpha, one):
        return g if x > 0 else g * (y + alpha)  # dy/dx = 1 if x > 0 else y + alpha

    @classmethod
    def torch_module(cls, shapes, p):
        return f"nn.ELU({p['alpha']})"


@register
class GELU(_Elementwise):
    type_name = "GELU"
    title = "Gaussian error linear unit"
    help = ("x Phi(x), Phi the standard normal CDF: a smooth ReLU that lets small negative values "
            "through; the activation of BERT and GPT.")

    @staticmethod
    @kernel
    def forward(x, alpha, one):
        return 0.5 * x * (1.0 + math.erf(x * 0.7071067811865476))

    @staticmethod
    @kernel
    def backward(x, y, g, alpha, one):  # dy/dx = Phi(x) + x phi(x)
        return g * (0.5 * (1.0 + math.erf(x * 0.7071067811865476))
                    + x * math.exp(-0.5 * x * x) * 0.3989422804014327)


@register
class Swish(_Elementwise):
    type_name = "Swish"
    title = "Sigmoid-weighted linear unit (SiLU)"
    torch_name = "SiLU"
    help = "x sigmoid(x): smooth and non-monotonic, dips slightly below 0 for negative inputs."

    @staticmethod
    @kernel
    def forward(x, alpha, one):
        return x * act.sigmoid(x, alpha, one)

    @staticmethod
    @kernel
    def backward(x, y, g, alpha, one):  # dy/dx = s (1 + x (1 - s)), s = sigmoid(x)
        s = act.sigmoid(x, alpha, one)
        return g * s * (one + x * (one - s))


@register
class Softmax(_Activation):
    type_name = "Softmax"
    help = "e^x_i / sum e^x_j: turns scores into class probabilities that sum to 1."
    swap_group = None  # not elementwise: the class probabilities of a classifier's output
    output_range = (0.0, 1.0)

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
