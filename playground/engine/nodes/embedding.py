"""Word embeddings: the Embedding lookup and the mean over time that turns a bag of embedded
tokens into one vector for a Dense classifier."""
from __future__ import annotations

import numpy as np

from playground.engine.init import init_weight
from playground.engine.ops.embedding import EmbeddingOp, MeanOverTimeOp
from playground.engine.params import float_param, int_param
from playground.engine.registry import NodeType, ShapeError, register, shape_text


@register
class Embedding(NodeType):
    type_name = "Embedding"
    category = "Layers"
    help = ("Looks each token id up in a learned table: a sequence of ids (time) becomes a sequence "
            "of vectors (time x dimension). Words used alike end up with similar vectors.")
    params = (
        int_param("vocab_size", 64, "Number of tokens in the vocabulary (ids 0..vocab_size-1)", 1, 1_000_000),
        int_param("dim", 8, "Length of each token's vector", 1, 1024),
        float_param("init_std", 0.1, "Standard deviation of the initial vectors (gaussian)", 1e-6, 10.0,
                    log=True),
    )
    param_roles = {"E": "weight"}
    is_token_table = True

    @classmethod
    def infer(cls, shapes, p):
        if len(shapes[0]) != 1:
            raise ShapeError(f"needs token ids (time), got {shape_text(shapes[0])}: use a text "
                             "source that gives token ids")
        return (shapes[0][0], p["dim"])

    @classmethod
    def param_count(cls, shapes, p):
        return p["vocab_size"] * p["dim"]

    @classmethod
    def sample_input(cls, shape, p, rng, batch=3):
        return rng.integers(0, p["vocab_size"], (batch, *shape))

    @classmethod
    def input_problem(cls, x, p):
        ids = x.reshape(len(x), -1)
        vocab = p["vocab_size"]
        bad = np.argwhere((ids != np.floor(ids)) | (ids < 0) | (ids >= vocab))
        if not len(bad):
            return None
        n, t = (int(v) for v in bad[0])
        value = ids[n, t]
        shown = f"{value:g}" if ids.dtype.kind == "f" else str(value)
        fix = (f"raise vocab_size to {int(np.nanmax(ids)) + 1} or check the data"
               if value >= vocab and value == int(value) else "check the data")
        return n, (f"position {t}: token id {shown} is outside the vocabulary of {vocab} "
                   f"(ids 0..{vocab - 1}); {fix}")

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return EmbeddingOp(init_weight((p["vocab_size"], p["dim"]), "gaussian", p["init_std"], rng, dtype))

    @classmethod
    def torch_module(cls, shapes, p):
        return f"nn.Embedding({p['vocab_size']}, {p['dim']})"

    @classmethod
    def torch_call(cls, module, args):
        return f"{module}({args[0]}.long())"

    @classmethod
    def summary(cls, p):
        return f"{p['vocab_size']} tokens x {p['dim']}"


@register
class MeanOverTime(NodeType):
    type_name = "MeanOverTime"
    title = "Mean over time"
    category = "Layers"
    help = ("Averages a sequence (time x features) over time into one feature vector, as Keras's "
            "GlobalAveragePooling1D: a bag of word vectors becomes one vector for a Dense layer.")

    @classmethod
    def infer(cls, shapes, p):
        if len(shapes[0]) != 2:
            raise ShapeError(f"needs a sequence input (time x features), got {shape_text(shapes[0])}")
        return (shapes[0][1],)

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return MeanOverTimeOp()

    @classmethod
    def torch_call(cls, module, args):
        return f"{args[0]}.mean(dim=1)"
