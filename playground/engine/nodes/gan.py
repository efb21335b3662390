"""GAN node types: the generator's Noise source, the Real-or-fake junction that feeds the
discriminator both kinds of samples (the layers after it are one network, one set of weights for
both), and GANLoss, whose two loss outputs go to the discriminator's and the generator's optimizers.

The generator is every layer between Noise and the junction's ``fake`` input; the discriminator is
every layer between the junction and GANLoss's ``score`` input (a raw score, no sigmoid: the loss
applies it)."""
from __future__ import annotations

from typing import Any

import numpy as np

from playground.engine.params import choice_param, int_param
from playground.engine.registry import NodeType, Port, ShapeError, register, shape_text


@register
class Noise(NodeType):
    type_name = "Noise"
    category = "Data"
    help = "Random latent vectors z for a generator: each step draws a fresh batch."
    inputs = ()
    outputs = (Port("z", "tensor"),)
    torch_exportable = False  # a GAN's two modules are not exported yet
    is_layer = False
    is_source = True
    is_extra_source = True
    params = (
        int_param("size", 2, "Length of each latent vector", 1, 4096),
        choice_param("distribution", "normal", ("normal", "uniform"),
                     "normal: N(0, 1) per entry; uniform: U(-1, 1) per entry"),
    )

    @classmethod
    def summary(cls, p):
        if p["distribution"] == "uniform":
            return f"{p['size']} values from U(-1, 1)"
        return f"{p['size']} values from N(0, 1)"

    @classmethod
    def describe(cls, p: dict[str, Any], base_dir: str | None = None):
        return (p["size"],), None

    @classmethod
    def sample(cls, p: dict[str, Any], n: int, rng: np.random.Generator, dtype: np.dtype) -> np.ndarray:
        """``n`` latent vectors from the node's distribution."""
        shape = (n, p["size"])
        z = rng.standard_normal(shape) if p["distribution"] == "normal" else rng.uniform(-1.0, 1.0, shape)
        return z.astype(dtype)


@register
class RealFake(NodeType):
    type_name = "RealFake"
    title = "Real or fake"
    category = "Data"
    help = ("Feeds the discriminator real samples (from the Dataset) and the generator's fakes: "
            "the layers after it judge both with the same weights.")
    inputs = (Port("real", "tensor"), Port("fake", "tensor"))
    torch_exportable = False  # a GAN's two modules are not exported yet
    is_layer = False

    @classmethod
    def infer(cls, shapes, p):
        real, fake = shapes
        if real != fake:
            raise ShapeError(f"the generator makes {shape_text(fake)} samples but the real ones are "
                             f"{shape_text(real)}: the generator's last layer needs {shape_text(real)} outputs")
        return real


def _softplus(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@register
class GANLoss(NodeType):
    type_name = "GANLoss"
    title = "GAN loss"
    category = "Losses"
    help = ("Scores the discriminator on real vs fake and the generator on fooling it; wire d_loss "
            "and g_loss each to its own optimizer. Takes the discriminator's raw score (no sigmoid).")
    inputs = (Port("score", "tensor"),)
    outputs = (Port("d_loss", "loss"), Port("g_loss", "loss"))
    preview = "loss"  # the canvas sparkline: the run's loss curve, which follows D's loss
    torch_exportable = False  # a GAN's two modules are not exported yet
    is_layer = False
    is_loss = True
    trains_in_turns = True  # d_loss trains the discriminator, g_loss the generator
    params = (
        choice_param("kind", "minimax", ("minimax", "least_squares"),
                     "minimax: cross-entropy, the generator maximises log D(fake) (non-saturating); "
                     "least_squares: D(real) -> 1, D(fake) -> 0, the generator pushes D(fake) -> 1"),
        int_param("d_steps", 1, "Discriminator steps for each generator step (k)", 1, 100),
    )

    @classmethod
    def summary(cls, p):
        if p["kind"] == "least_squares":
            return f"least squares, {p['d_steps']} D step(s) per G step"
        return f"minimax, {p['d_steps']} D step(s) per G step"

    @classmethod
    def infer(cls, shapes, p):
        return ()

    @classmethod
    def check_target(cls, pred, num_classes):
        if pred != (1,):
            raise ShapeError(f"the discriminator's output must be one unit (a raw score), it has "
                             f"{shape_text(pred)}: end it with Dense(1)")

    @classmethod
    def check_graph(cls, graph, node_id: str) -> list[str]:
        """What the whole GAN lacks around this loss (the generic checks cover the ports)."""
        problems = []
        for port, who in (("d_loss", "discriminator"), ("g_loss", "generator")):
            if not any(e.src_port == port for e in graph.outputs_of(node_id)):
                problems.append(f"the {who} has no optimizer: wire {port} to an optimizer node")
        return problems

    @classmethod
    def d_loss(cls, p, real: np.ndarray, fake: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        """(discriminator loss, its gradient w.r.t. the real scores, w.r.t. the fake scores)."""
        n, m = len(real), len(fake)
        if p["kind"] == "least_squares":
            loss = 0.5 * (np.mean((real - 1) ** 2) + np.mean(fake ** 2))
            return float(loss), (real - 1) / n, fake / m
        loss = np.mean(_softplus(-real)) + np.mean(_softplus(fake))
        return float(loss), (_sigmoid(real) - 1) / n, _sigmoid(fake) / m

    @classmethod
    def g_loss(cls, p, fake: np.ndarray) -> tuple[float, np.ndarray]:
        """(generator loss, its gradient w.r.t. the fake scores)."""
        m = len(fake)
        if p["kind"] == "least_squares":
            return float(0.5 * np.mean((fake - 1) ** 2)), (fake - 1) / m
        return float(np.mean(_softplus(-fake))), (_sigmoid(fake) - 1) / m

    @classmethod
    def probability(cls, p, score: np.ndarray) -> np.ndarray:
        """How real the discriminator thinks samples are, from its scores (0..1)."""
        return np.clip(score, 0.0, 1.0) if p["kind"] == "least_squares" else _sigmoid(score)
