"""Layer node types: declarations, shape inference and op construction side by side."""
from __future__ import annotations

from typing import Any

import numpy as np

from playground.engine.init import INITS, init_weight
from playground.engine.ops.conv import Conv2DOp, conv2d_output_size
from playground.engine.ops.dense import DenseOp
from playground.engine.ops.pool import Pool2DOp, pool2d_output_size
from playground.engine.ops.structure import AddOp, BatchNormOp, ConcatOp, DropoutOp, FlattenOp
from playground.engine.params import bool_param, choice_param, float_param, int_param
from playground.engine.registry import NodeType, Port, Shape, ShapeError, register, shape_text

_INIT_PARAMS = (
    choice_param("init", "xavier", INITS,
                 "Weight initialiser: xavier (Glorot uniform), he (He normal, for ReLU) or gaussian"),
    float_param("init_std", 0.05, "Standard deviation of the gaussian initialiser", 1e-6, 10.0, log=True),
    bool_param("bias", True, "Learn a bias per output (initialised to bias_init)"),
    float_param("bias_init", 0.0, "Initial value of every bias", -10.0, 10.0),
)

# Regularisation of the layer's weights (not its bias), added to the loss as its own term.
_PENALTY_PARAMS = (
    float_param("l1", 0.0, "L1 regularisation rate: adds l1 * sum|w| to the loss (pushes weights to 0)",
                0.0, 10.0),
    float_param("l2", 0.0, "L2 regularisation rate: adds l2 * sum(w²) to the loss (keeps weights small)",
                0.0, 10.0),
)


class _Regularised(NodeType):
    """A layer whose weights take the L1/L2 rates of ``_PENALTY_PARAMS``."""

    @classmethod
    def penalty_rates(cls, p):
        return p["l1"], p["l2"]

    @classmethod
    def penalty_summary(cls, p) -> str:
        """" · L2 0.01" for the node face, "" without regularisation."""
        return "".join(f" · {k.upper()} {p[k]:g}" for k in ("l1", "l2") if p.get(k))


def _image(node: str, shape: Shape) -> Shape:
    if len(shape) != 3:
        raise ShapeError(f"{node} needs an image input (channels x height x width), got "
                         f"{shape_text(shape)}")
    return shape


def _weights(shape: tuple[int, ...], bias_size: int, p: dict[str, Any], rng: np.random.Generator,
             dtype: np.dtype) -> tuple[np.ndarray, np.ndarray | None]:
    w = init_weight(shape, p["init"], p["init_std"], rng, dtype)
    b = np.full(bias_size, p["bias_init"], dtype=dtype) if p["bias"] else None
    return w, b


@register
class Dense(_Regularised):
    type_name = "Dense"
    category = "Layers"
    help = ("Fully connected layer: every output is a weighted sum of every input plus a bias "
            "(on a sequence, the same layer at every time step).")
    params = (int_param("units", 16, "Number of output units", 1, 4096), *_INIT_PARAMS, *_PENALTY_PARAMS)
    preview = "histogram"
    param_roles = {"W": "weight", "b": "bias"}

    @classmethod
    def infer(cls, shapes, p):
        if len(shapes[0]) == 2:  # a sequence (time x features): applied per time step
            return (shapes[0][0], p["units"])
        if len(shapes[0]) != 1:
            raise ShapeError(f"needs a flat input, got {shape_text(shapes[0])}: add a Flatten before it")
        return (p["units"],)

    @classmethod
    def param_count(cls, shapes, p):
        return shapes[0][-1] * p["units"] + (p["units"] if p["bias"] else 0)

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return DenseOp(*_weights((shapes[0][-1], p["units"]), p["units"], p, rng, dtype))

    @classmethod
    def torch_module(cls, shapes, p):
        return f"nn.Linear({shapes[0][-1]}, {p['units']}, bias={p['bias']})"

    @classmethod
    def torch_state(cls, params, p):
        state = super().torch_state(params, p)
        state["weight"] = params["W"].T  # torch keeps (out, in)
        return state

    @classmethod
    def summary(cls, p):
        return f"{p['units']} unit{'' if p['units'] == 1 else 's'}" + cls.penalty_summary(p)


@register
class Conv2D(_Regularised):
    type_name = "Conv2D"
    category = "Layers"
    help = "2D convolution: learned filters slide over the image, one feature map per filter."
    params = (
        int_param("channels", 8, "Number of filters (output channels)", 1, 512),
        int_param("kernel", 3, "Filter size k (k x k)", 1, 15),
        int_param("stride", 1, "Step between filter positions", 1, 8),
        choice_param("padding", "valid", ("valid", "same"),
                     "valid: no padding (output shrinks); same: zero-pad to keep size / stride"),
        *_INIT_PARAMS,
        *_PENALTY_PARAMS,
    )
    param_roles = {"W": "weight", "b": "bias"}
    is_spatial_filter = True
    preview = "maps"

    @classmethod
    def infer(cls, shapes, p):
        c, h, w = _image("Conv2D", shapes[0])
        k = p["kernel"]
        if p["padding"] == "valid" and (k > h or k > w):
            raise ShapeError(f"{k}x{k} kernel is larger than its {h}x{w} input")
        return (p["channels"], conv2d_output_size(h, k, p["stride"], p["padding"]),
                conv2d_output_size(w, k, p["stride"], p["padding"]))

    @classmethod
    def param_count(cls, shapes, p):
        return p["channels"] * shapes[0][0] * p["kernel"] ** 2 + (p["channels"] if p["bias"] else 0)

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        k = p["kernel"]
        w, b = _weights((p["channels"], shapes[0][0], k, k), p["channels"], p, rng, dtype)
        return Conv2DOp(w, b, p["stride"], p["padding"])

    @classmethod
    def torch_module(cls, shapes, p):
        c, h, w = shapes[0]
        k, s = p["kernel"], p["stride"]
        conv = f"nn.Conv2d({c}, {p['channels']}, {k}, stride={s}, bias={p['bias']})"
        if p["padding"] == "valid":
            return conv
        pads = []
        for size in (w, h):  # ZeroPad2d takes (left, right, top, bottom); TF-style "same"
            total = max((conv2d_output_size(size, k, s, "same") - 1) * s + k - size, 0)
            pads += [total // 2, total - total // 2]
        return f"nn.Sequential(nn.ZeroPad2d({tuple(pads)}), {conv})"

    @classmethod
    def torch_state(cls, params, p):
        prefix = "1." if p["padding"] == "same" else ""  # the conv sits behind its ZeroPad2d
        return {prefix + k: v for k, v in super().torch_state(params, p).items()}

    @classmethod
    def summary(cls, p):
        return f"{p['channels']} filter{'' if p['channels'] == 1 else 's'} {p['kernel']}x{p['kernel']}" + (
            f" /{p['stride']}" if p["stride"] > 1 else "") + (" same" if p["padding"] == "same" else "") + \
            cls.penalty_summary(p)


class _Pool(NodeType):
    category = "Layers"
    preview = "pooled"
    mode = ""
    params = (int_param("size", 2, "Pooling window size (size x size)", 1, 8),
              int_param("stride", 0, "Step between windows (0: same as size)", 0, 8))

    @classmethod
    def _stride(cls, p):
        return p["stride"] or p["size"]

    @classmethod
    def infer(cls, shapes, p):
        c, h, w = _image(cls.type_name, shapes[0])
        s = p["size"]
        if s > h or s > w:
            raise ShapeError(f"{s}x{s} window is larger than its {h}x{w} input")
        st = cls._stride(p)
        return (c, pool2d_output_size(h, s, st), pool2d_output_size(w, s, st))

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return Pool2DOp(cls.mode, p["size"], cls._stride(p))

    @classmethod
    def torch_module(cls, shapes, p):
        kind = "AvgPool2d" if cls.mode == "avg" else "MaxPool2d"
        return f"nn.{kind}({p['size']}, stride={cls._stride(p)})"

    @classmethod
    def torch_call(cls, module, args):
        if cls.mode == "min":  # min-pooling is max-pooling of the negated input
            return f"-{module}(-{args[0]})"
        return super().torch_call(module, args)

    @classmethod
    def summary(cls, p):
        return f"{p['size']}x{p['size']}" + (f" /{p['stride']}" if p["stride"] else "")


@register
class MaxPool2D(_Pool):
    type_name = "MaxPool2D"
    mode = "max"
    help = "Keeps the largest value of each window: downsamples while keeping strong responses."


@register
class AvgPool2D(_Pool):
    type_name = "AvgPool2D"
    mode = "avg"
    help = "Averages each window: a smooth downsampling."


@register
class MinPool2D(_Pool):
    type_name = "MinPool2D"
    mode = "min"
    help = "Keeps the smallest value of each window."


@register
class Flatten(NodeType):
    type_name = "Flatten"
    category = "Layers"
    help = "Unrolls an image (channels x height x width) into one flat vector for Dense layers."

    @classmethod
    def infer(cls, shapes, p):
        return (int(np.prod(shapes[0])),)

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return FlattenOp()

    @classmethod
    def torch_module(cls, shapes, p):
        return "nn.Flatten()"


@register
class Dropout(NodeType):
    type_name = "Dropout"
    category = "Layers"
    help = "During training, zeroes each unit with probability rate (and rescales the rest)."
    params = (float_param("rate", 0.5, "Probability of dropping a unit", 0.0, 0.95),)

    @classmethod
    def summary(cls, p):
        return f"drops {p['rate'] * 100:g} % of units"

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return DropoutOp(p["rate"], np.random.default_rng(rng.integers(2**63)))

    @classmethod
    def torch_module(cls, shapes, p):
        return f"nn.Dropout({p['rate']})"


@register
class BatchNorm(NodeType):
    type_name = "BatchNorm"
    preview = "histogram"
    category = "Layers"
    help = "Normalises each feature/channel over the batch, then scales and shifts it (learned)."
    params = (float_param("momentum", 0.1, "Weight of the newest batch in the running statistics",
                          0.0, 1.0),
              float_param("eps", 1e-5, "Added to the variance for stability", 1e-12, 1.0, log=True))
    param_roles = {"gamma": "scale", "beta": "shift"}

    @classmethod
    def infer(cls, shapes, p):
        if len(shapes[0]) not in (1, 3):
            raise ShapeError(f"needs features or an image, got {shape_text(shapes[0])}")
        return shapes[0]

    @classmethod
    def param_count(cls, shapes, p):
        return 2 * shapes[0][0]

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return BatchNormOp(shapes[0][0], p["momentum"], p["eps"], dtype)

    @classmethod
    def torch_module(cls, shapes, p):
        dims = "1d" if len(shapes[0]) == 1 else "2d"
        return f"nn.BatchNorm{dims}({shapes[0][0]}, eps={p['eps']}, momentum={p['momentum']})"

    @classmethod
    def torch_state(cls, params, p):
        state = super().torch_state(params, p)
        state["num_batches_tracked"] = np.array(0, dtype=np.int64)
        return state


@register
class Add(NodeType):
    type_name = "Add"
    preview = "histogram"
    category = "Layers"
    help = "Sums its inputs element by element: the residual (skip) connection."
    inputs = (Port("in", multi=True),)

    @classmethod
    def infer(cls, shapes, p):
        if len(set(shapes)) > 1:
            raise ShapeError("needs inputs of equal shape, got " + " and ".join(map(shape_text, shapes)))
        return shapes[0]

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return AddOp()

    @classmethod
    def torch_call(cls, module, args):
        return " + ".join(args)


@register
class Concat(NodeType):
    type_name = "Concat"
    preview = "histogram"
    category = "Layers"
    help = "Joins its inputs along features (or channels for images)."
    inputs = (Port("in", multi=True),)

    @classmethod
    def infer(cls, shapes, p):
        rest = {s[1:] for s in shapes}
        if len({len(s) for s in shapes}) > 1 or len(rest) > 1:
            raise ShapeError("needs inputs that differ only in their first dimension, got "
                             + " and ".join(map(shape_text, shapes)))
        return (sum(s[0] for s in shapes), *shapes[0][1:])

    @classmethod
    def build(cls, shapes, p, rng, dtype):
        return ConcatOp()

    @classmethod
    def torch_call(cls, module, args):
        return f"torch.cat([{', '.join(args)}], dim=1)"
