"""Recurrent layer node types: SimpleRNN, LSTM and GRU over (time x features) sequences.

Each reads a sequence per sample and returns either its hidden state at every step (time x units,
for another recurrent layer or a Dense applied per step) or only the last one (units). Weights
follow PyTorch's layout per gate (LSTM i, f, g, o; GRU r, z, n), transposed as the engine's Dense
keeps them, so the export is a transpose and the forward passes agree.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from playground.engine.init import init_weight, orthogonal
from playground.engine.ops.recurrent import GATES, GRU as _GRU, LSTM as _LSTM, RELU, SIMPLE, TANH, RecurrentOp
from playground.engine.params import bool_param, choice_param, int_param
from playground.engine.registry import NodeType, Shape, ShapeError, register, shape_text

_UNITS = int_param("units", 16, "Size of the hidden state (memory) carried from step to step", 1, 1024)
_SEQUENCES = bool_param("return_sequences", False,
                        "Output the hidden state at every time step (time x units) instead of only "
                        "the last one (units)")


class _Recurrent(NodeType):
    category = "Layers"
    kind = SIMPLE
    torch_class = ""
    param_roles = {"W": "weight", "U": "weight", "b": "bias", "bh": "bias"}
    swap_group = "recurrent"
    traces: tuple[str, ...] = ("hidden state",)  # what its op's trace() reports per time step, for the views

    @classmethod
    def _gates(cls) -> int:
        return GATES[cls.kind]

    @classmethod
    def infer(cls, shapes: list[Shape], p: dict[str, Any]) -> Shape:
        shape = shapes[0]
        if len(shape) != 2:
            raise ShapeError(f"{cls.type_name} needs a sequence input (time x features), got "
                             f"{shape_text(shape)}: feed it a sequence source (sine, remember_first, "
                             "adding) or an Embedding's output")
        return (shape[0], p["units"]) if p["return_sequences"] else (p["units"],)

    @classmethod
    def param_count(cls, shapes, p):
        h, k = p["units"], cls._gates() * p["units"]
        return shapes[0][1] * k + h * k + 2 * k  # two biases, as PyTorch

    @classmethod
    def _op(cls, w, u, b, p) -> RecurrentOp:
        return RecurrentOp(cls.kind, w, u, b, np.zeros_like(b), return_sequences=p["return_sequences"])

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        h, k = p["units"], cls._gates() * p["units"]
        w = init_weight((shapes[0][1], k), "xavier", 0.0, rng, dtype)
        u = orthogonal(h, cls._gates(), rng, dtype)
        return cls._op(w, u, np.zeros(k, dtype=dtype), p)

    @classmethod
    def _torch_args(cls, p: dict[str, Any]) -> str:
        return ""

    @classmethod
    def torch_module(cls, shapes, p):
        return f"nn.{cls.torch_class}({shapes[0][1]}, {p['units']}{cls._torch_args(p)}, batch_first=True)"

    @classmethod
    def torch_forward(cls, module, args, p):
        return f"{module}({args[0]})[0]" + ("" if p["return_sequences"] else "[:, -1]")

    @classmethod
    def torch_state(cls, params, p):
        return {"weight_ih_l0": params["W"].T, "weight_hh_l0": params["U"].T,
                "bias_ih_l0": params["b"], "bias_hh_l0": params["bh"]}

    @classmethod
    def summary(cls, p):
        return f"{p['units']} unit{'' if p['units'] == 1 else 's'}, " + (
            "every step" if p["return_sequences"] else "last step")


@register
class SimpleRNN(_Recurrent):
    type_name = "SimpleRNN"
    help = ("Recurrent layer: h_t = tanh(x_t W + h_(t-1) U + b). Its memory fades quickly, so it "
            "struggles with long-range dependencies.")
    params = (_UNITS, choice_param("activation", "tanh", ("tanh", "relu"),
                                   "Nonlinearity of the hidden state: tanh or relu"), _SEQUENCES)
    torch_class = "RNN"

    @classmethod
    def _op(cls, w, u, b, p):
        return RecurrentOp(SIMPLE, w, u, b, np.zeros_like(b), activation=RELU if p["activation"] == "relu" else TANH,
                           return_sequences=p["return_sequences"])

    @classmethod
    def _torch_args(cls, p):
        return f", nonlinearity={p['activation']!r}"

    @classmethod
    def summary(cls, p):
        return super().summary(p) + (", relu" if p["activation"] == "relu" else "")


@register
class LSTM(_Recurrent):
    type_name = "LSTM"
    help = ("Long short-term memory: a cell state that input, forget and output gates write, keep "
            "and read, so it can remember over many steps. The forget gate starts open (bias 1).")
    params = (_UNITS, _SEQUENCES)
    kind = _LSTM
    torch_class = "LSTM"
    traces = ("hidden state", "input gate", "forget gate", "output gate", "cell state")

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        op = super().build(shapes, p, rng, dtype)
        op.params["b"][p["units"]:2 * p["units"]] = 1  # forget gate open: remember by default
        return op


@register
class GRU(_Recurrent):
    type_name = "GRU"
    help = ("Gated recurrent unit: an update gate mixes the old state with a candidate, a reset "
            "gate decides how much of the old state the candidate sees. Fewer weights than LSTM; "
            "the update gate starts leaning to keep (bias 1).")
    params = (_UNITS, _SEQUENCES)
    kind = _GRU
    torch_class = "GRU"
    traces = ("hidden state", "update gate", "reset gate")

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        op = super().build(shapes, p, rng, dtype)
        op.params["b"][p["units"]:2 * p["units"]] = 1  # update gate leaning to keep: remember by default
        return op
