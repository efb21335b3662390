"""GAN node types: the generator's Noise source, the Real-or-fake junction that feeds the
discriminator both kinds of samples (the layers after it are one network, one set of weights for
both), and GANLoss, whose two loss outputs go to the discriminator's and the generator's optimizers.

The generator is every layer between Noise and the junction's ``fake`` input; the discriminator is
every layer between the junction and GANLoss's ``score`` input (a raw score, no sigmoid: the loss
applies it)."""
from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from playground.engine.params import choice_param, int_param
from playground.engine.registry import NodeType, Port, ShapeError, register, shape_text


@register
class Noise(NodeType):
    type_name = "Noise"
    category = "Data"
    help = "Random latent vectors z for a generator: each step draws a fresh batch."
    inputs = ()
    outputs = (Port("z", "tensor"),)
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
    def sample(cls, p: dict[str, Any], n: int, rng: np.random.Generator, dtype: np.dtype,
               out: np.ndarray | None = None, scratch: np.ndarray | None = None) -> np.ndarray:
        """``n`` latent vectors from the node's distribution; with ``out`` (and a float64
        ``scratch`` of its shape) the same numbers land in those buffers instead of new arrays."""
        if out is None:
            shape = (n, p["size"])
            z = rng.standard_normal(shape) if p["distribution"] == "normal" else rng.uniform(-1.0, 1.0, shape)
            return z.astype(dtype)
        if p["distribution"] == "normal":
            rng.standard_normal(out=scratch)
        else:  # uniform(-1, 1) is -1 + 2 u
            rng.random(out=scratch)
            scratch *= 2.0
            scratch -= 1.0
        np.copyto(out, scratch, casting="same_kind")
        return out

    @classmethod
    def torch_noise(cls, p: dict[str, Any]) -> str:
        """Python source of ``n`` latent vectors drawn from the numpy Generator ``rng`` as
        ``sample`` draws them (float64, before the cast): the exported project's noise stream."""
        shape = f"(n, {p['size']})"
        return f"rng.standard_normal({shape})" if p["distribution"] == "normal" else f"rng.uniform(-1.0, 1.0, {shape})"


@register
class RealFake(NodeType):
    type_name = "RealFake"
    title = "Real or fake"
    category = "Data"
    help = ("Feeds the discriminator real samples (from the Dataset) and the generator's fakes: "
            "the layers after it judge both with the same weights.")
    inputs = (Port("real", "tensor"), Port("fake", "tensor"))
    is_layer = False

    @classmethod
    def infer(cls, shapes, p):
        real, fake = shapes
        if real != fake:
            raise ShapeError(f"the generator makes {shape_text(fake)} samples but the real ones are "
                             f"{shape_text(real)}: the generator's last layer needs {shape_text(real)} outputs")
        return real


@njit(cache=True, nogil=True, inline="always")
def _softplus(x):
    return max(x, 0.0) + np.log1p(np.exp(-abs(x)))


@njit(cache=True, nogil=True, inline="always")
def _sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@njit(cache=True, nogil=True)
def minimax_loss(s, n, g):
    """The scores ``s`` (the first ``n`` real, the rest fake; the discriminator's loss) or, with
    n = -1, all fake (the generator's non-saturating loss): the mean loss, its gradient into ``g``."""
    if n < 0:
        m = s.size
        total = 0.0
        for i in range(m):
            total += _softplus(-s[i])
            g[i] = (_sigmoid(s[i]) - 1.0) / m
        return total / m
    m = s.size - n
    real = fake = 0.0
    for i in range(n):
        real += _softplus(-s[i])
        g[i] = (_sigmoid(s[i]) - 1.0) / n
    for i in range(n, s.size):
        fake += _softplus(s[i])
        g[i] = _sigmoid(s[i]) / m
    return real / n + fake / m


@njit(cache=True, nogil=True)
def least_squares_loss(s, n, g):
    """As ``minimax_loss`` for the least-squares GAN: D(real) -> 1, D(fake) -> 0 (the generator:
    D(fake) -> 1), each term half a mean square."""
    if n < 0:
        m = s.size
        total = 0.0
        for i in range(m):
            total += (s[i] - 1.0) ** 2
            g[i] = (s[i] - 1.0) / m
        return 0.5 * total / m
    m = s.size - n
    real = fake = 0.0
    for i in range(n):
        real += (s[i] - 1.0) ** 2
        g[i] = (s[i] - 1.0) / n
    for i in range(n, s.size):
        fake += s[i] ** 2
        g[i] = s[i] / m
    return 0.5 * (real / n + fake / m)


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
    def loss_kernel(cls, p):
        """The kernel ``f(scores, n, grad) -> mean loss`` of the chosen loss (see ``minimax_loss``):
        what the training step calls on the scores, and ``d_loss``/``g_loss`` on arrays."""
        return least_squares_loss if p["kind"] == "least_squares" else minimax_loss

    @classmethod
    def d_loss(cls, p, real: np.ndarray, fake: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        """(discriminator loss, its gradient w.r.t. the real scores, w.r.t. the fake scores)."""
        s = np.concatenate([real.reshape(-1), fake.reshape(-1)])
        g = np.empty_like(s)
        loss = cls.loss_kernel(p)(s, len(real), g)
        return float(loss), g[:len(real)].reshape(real.shape), g[len(real):].reshape(fake.shape)

    @classmethod
    def g_loss(cls, p, fake: np.ndarray) -> tuple[float, np.ndarray]:
        """(generator loss, its gradient w.r.t. the fake scores)."""
        s = np.ascontiguousarray(fake).reshape(-1)
        g = np.empty_like(s)
        return float(cls.loss_kernel(p)(s, -1, g)), g.reshape(fake.shape)

    @classmethod
    def torch_gan_loss(cls, p) -> tuple[str, str]:
        """PyTorch source of (the discriminator's loss of the scores ``real`` and ``fake``, the
        generator's loss of ``fake``), as ``loss_kernel`` computes them (``F``: torch.nn.functional)."""
        if p["kind"] == "least_squares":
            return "0.5 * ((real - 1).pow(2).mean() + fake.pow(2).mean())", "0.5 * (fake - 1).pow(2).mean()"
        return "F.softplus(-real).mean() + F.softplus(fake).mean()", "F.softplus(-fake).mean()"

    @classmethod
    def torch_probability(cls, p) -> str:
        """PyTorch source of ``probability`` of the tensor ``score``."""
        return "score.clamp(0.0, 1.0)" if p["kind"] == "least_squares" else "torch.sigmoid(score)"

    @classmethod
    def probability(cls, p, score: np.ndarray) -> np.ndarray:
        """How real the discriminator thinks samples are, from its scores (0..1)."""
        return np.clip(score, 0.0, 1.0) if p["kind"] == "least_squares" else 0.5 * (1.0 + np.tanh(0.5 * score))
