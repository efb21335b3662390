"""A GAN built from a validated graph: the generator (Noise -> layers -> RealFake's fake input) and
the discriminator (RealFake -> layers -> GANLoss), each with its own optimizer node.

``GANModel`` speaks the ``Model`` interface the one training loop (``Trainer`` with ``loop.py``'s
batch schedule and divergence guard) needs. Each loop step is one optimizer step, as in GAN Lab:
``d_steps`` discriminator steps on fresh real batches, then one generator step, then again; Step
(F10) therefore steps D or G on its own."""
from __future__ import annotations

import os
from typing import Any

import numpy as np

from playground.engine import weights_io
from playground.engine.datasets import Dataset
from playground.engine.flat_params import flatten_parameters
from playground.engine.gan_chain import NetChain
from playground.engine.graph import Graph
from playground.engine.graph_ops import build_ops
from playground.engine.kernel_lock import KERNEL_LOCK
from playground.engine.model import PresetSource, checked_analysis, resolve
from playground.engine.nodes.optimizers import TRAINING_PARAMS, optimizer_node
from playground.engine.optim import Optimizer, make_optimizer
from playground.engine.registry import node_type
from playground.engine.regularisation import Penalty
from playground.engine.validate import Analysis

# A mode counts as covered when it holds at least this share of its fair share of generated points
# (N / number of modes) within 3 standard deviations of its centre.
COVERED_SHARE = 0.25


def modes_covered(points: np.ndarray, centres: np.ndarray, std: float,
                  share: float = COVERED_SHARE) -> int:
    """How many modes (``centres``, each a Gaussian of ``std``) hold enough of ``points`` within 3 std."""
    centres = np.asarray(centres, dtype=np.float64)
    d = np.linalg.norm(points[:, None, :].astype(np.float64) - centres[None], axis=2)
    counts = (d <= 3 * std).sum(axis=0)
    return int((counts >= max(1.0, share * len(points) / len(centres))).sum())


def is_gan(graph: Graph) -> bool:
    """Whether the graph's loss is one that trains a generator against a discriminator."""
    return any(getattr(node_type(n.type), "g_loss", None) is not None for n in graph.nodes.values())


class GANOptimizer:
    """The discriminator's and the generator's optimizers, each from its own node."""

    def __init__(self, d: Optimizer, g: Optimizer) -> None:
        self.d, self.g = d, g
        self.key = f"D {d.key}, G {g.key}"


class GANModel:
    """Both networks as engine ops, and for the training steps as fused chains when they are
    Dense/activation chains (``gan_chain``); parameters named "<node id>.<param>" as in ``Model``,
    views into one flat vector."""

    num_classes = None  # the loop reports losses, no accuracy
    one_network = False  # two networks, trained in turns: no canvas previews or wire norms
    EVAL_SEED = 12345  # the fixed latent vectors of evaluations and views (``noise_of``)

    def __init__(self, graph: Graph, analysis: Analysis, seed: int | None = None,
                 dtype: Any = np.float32, base_dir: str | None = None) -> None:
        self.graph, self.analysis, self.base_dir = graph, analysis, base_dir
        self.dtype = np.dtype(dtype)
        self.loss_node = analysis.loss
        self._loss_type = node_type(graph.nodes[self.loss_node].type)
        self.loss_params = graph.nodes[self.loss_node].params
        self.d_steps = self.loss_params["d_steps"]
        opts = {e.src_port: e.dst for e in graph.outputs_of(self.loss_node)}
        self.d_opt_node, self.g_opt_node = opts["d_loss"], opts["g_loss"]
        self.settings = {k: graph.nodes[self.d_opt_node].params[k] for k in TRAINING_PARAMS}
        self.g_batch = graph.nodes[self.g_opt_node].params["batch_size"]
        self.seed = self.settings["seed"] if seed is None else seed
        self.input_node = analysis.dataset
        self.input_shape = analysis.shapes[analysis.dataset]
        self.data_shape = self.input_shape  # a GAN's real data takes no input features
        junction = graph.inputs_of(self.loss_node, "score")[0].src
        while node_type(graph.nodes[junction].type).is_layer:
            junction = graph.inputs_of(junction, node_type(graph.nodes[junction].type).inputs[0].name)[0].src
        self.junction = junction
        self.real_src = graph.inputs_of(junction, "real")[0].src
        self.fake_src = graph.inputs_of(junction, "fake")[0].src
        self.noise_node = next(n for n in analysis.order
                               if node_type(graph.nodes[n].type).is_extra_source)
        self.score_src = graph.inputs_of(self.loss_node, "score")[0].src
        self.output_shape = analysis.shapes[self.score_src]
        self.reset(self.seed)

    def adopt(self, graph: Graph, analysis: Analysis) -> None:
        """Take a newer copy of the same networks (other optimizer or loss settings), keeping the
        weights; the caller guarantees layers and wires are unchanged."""
        self.graph, self.analysis = graph, analysis
        self.loss_params = graph.nodes[self.loss_node].params
        self.d_steps = self.loss_params["d_steps"]
        self.settings = {k: graph.nodes[self.d_opt_node].params[k] for k in TRAINING_PARAMS}
        self.g_batch = graph.nodes[self.g_opt_node].params["batch_size"]
        self._loss_kernel = self._loss_type.loss_kernel(self.loss_params)

    @classmethod
    def from_preset(cls, source: PresetSource, seed: int | None = None, dtype: Any = np.float32) -> GANModel:
        graph, base_dir = resolve(source)
        return cls(graph, checked_analysis(graph, base_dir), seed, dtype, base_dir)

    def reset(self, seed: int | None = None) -> None:
        """(Re)initialise both networks from ``seed``, and the noise and step count with them."""
        seed = self.seed if seed is None else seed
        rng = np.random.default_rng(seed)
        self.layers, self.sources, self.ops = build_ops(self.graph, self.analysis, rng, self.dtype)
        self.noise_rng = np.random.default_rng([seed, 1])
        below = self._upstream(self.fake_src)
        self.g_layers = [n for n in self.layers if n in below]
        self.d_layers = [n for n in self.layers if n not in below]
        self._flatten()
        self.d_params = {f"{n}.{k}": v for n in self.d_layers for k, v in self.ops[n].params.items()}
        self.g_params = {f"{n}.{k}": v for n in self.g_layers for k, v in self.ops[n].params.items()}
        self.d_grads = {f"{n}.{k}": v for n in self.d_layers for k, v in self.ops[n].grads.items()}
        self.g_grads = {f"{n}.{k}": v for n in self.g_layers for k, v in self.ops[n].grads.items()}
        self.d_penalty = Penalty.of_layers(self.graph, self.d_layers, self.d_params)
        self.g_penalty = Penalty.of_layers(self.graph, self.g_layers, self.g_params)
        # Both networks' L1/L2 terms, for the curves and the summary (None without any); each
        # step applies its own network's (``alternating_step``), not the loop
        self.penalty = Penalty.of_layers(self.graph, self.layers, self.parameters())
        self.last_penalty = 0.0  # both networks' penalty at the last step
        self.updates = 0  # optimizer steps so far (D and G): where the alternation stands
        self.d_updates = self.g_updates = 0
        # "discriminator" or "generator": the next step trains that network, outside the
        # alternation (Training > Step discriminator / Step generator), then the schedule goes on
        self.step_next: str | None = None
        self.last_d_loss: float | None = None
        self.last_g_loss: float | None = None
        self.last_output = None

    def _flatten(self) -> None:
        """Both networks' parameters as views into one vector (D's first, then G's), so the
        divergence guard keeps one copy and each optimizer updates its network in one kernel;
        each network as a fused chain when it is one (``gan_chain``)."""
        flat = flatten_parameters(self.ops, self.d_layers + self.g_layers, self.dtype)
        self._flat, self._flat_grads = flat.params, flat.grads
        self._d_chain = self._g_chain = None
        if flat.params is None:
            return
        d_names = {f"{n}.{k}" for n in self.d_layers for k in self.ops[n].params}
        split = max((stop for name, _, stop in flat.layout if name in d_names), default=0)
        self._d_flat = (flat.params[:split], flat.grads[:split],
                        tuple(e for e in flat.layout if e[0] in d_names))
        self._g_flat = (flat.params[split:], flat.grads[split:],
                        tuple((name, a - split, b - split) for name, a, b in flat.layout if name not in d_names))
        offsets = {name: start for name, start, _ in flat.layout}
        width = int(np.prod(self.input_shape))
        latent = int(np.prod(self.analysis.shapes[self.noise_node]))
        self._d_chain = NetChain.compile(self.graph, self.d_layers, self.sources, self.ops, self.junction,
                                         width, offsets, self.dtype)
        self._g_chain = NetChain.compile(self.graph, self.g_layers, self.sources, self.ops, self.noise_node,
                                         latent, offsets, self.dtype)
        if self._d_chain is None or self._g_chain is None or self.input_shape != (width,):
            self._d_chain = self._g_chain = None
        self._noise64: dict[int, np.ndarray] = {}
        self._noise32: dict[int, np.ndarray] = {}
        self._d_input: dict[int, np.ndarray] = {}
        self._loss_kernel = self._loss_type.loss_kernel(self.loss_params)

    def _upstream(self, node: str) -> set[str]:
        seen, todo = set(), [node]
        while todo:
            n = todo.pop()
            if n in seen:
                continue
            seen.add(n)
            todo.extend(e.src for e in self.graph.edges if e.dst == n)
        return seen

    # What the loop and the weights files ask of a model
    def parameters(self) -> dict[str, np.ndarray]:
        return {**self.d_params, **self.g_params}

    def gradients(self) -> dict[str, np.ndarray]:
        return {**self.d_grads, **self.g_grads}

    def flat_parameters(self) -> np.ndarray | None:
        """Both networks' parameters as one live vector, or None."""
        return self._flat

    def state(self) -> dict[str, np.ndarray]:
        return {**self.parameters(), **{f"{n}.{k}": v for n in self.layers
                                         for k, v in getattr(self.ops[n], "buffers", {}).items()}}

    def save_weights(self, path: str | os.PathLike[str]) -> None:
        weights_io.save_weights(self.state(), path)

    def load_weights(self, path: str | os.PathLike[str]) -> None:
        weights_io.load_weights(self.state(), path)

    def make_optimizer(self) -> GANOptimizer:
        def own(node_id: str) -> Optimizer:
            node = self.graph.nodes[node_id]
            t = optimizer_node(node.type)
            return make_optimizer(t.key, **{k: node.params[k] for k in t.hyper_defaults()})
        return GANOptimizer(own(self.d_opt_node), own(self.g_opt_node))

    def load_data(self, **overrides: Any) -> tuple[Dataset, np.ndarray, np.ndarray]:
        node = self.graph.nodes[self.input_node]
        data = node_type(node.type).load({**node.params, **overrides}, self.base_dir)
        data.x_train = data.x_train.astype(self.dtype, copy=False)
        data.x_val = data.x_val.astype(self.dtype, copy=False)
        self.data_meta = data.meta or {}
        return data, np.zeros((len(data.x_train), 1), self.dtype), np.zeros((len(data.x_val), 1), self.dtype)

    # The two passes
    def noise(self, n: int) -> np.ndarray:
        """A fresh batch of ``n`` latent vectors (a buffer the next call of the same length reuses)."""
        node = self.graph.nodes[self.noise_node]
        out = self._noise32.get(n) if self._flat is not None else None
        if out is None:
            z = node_type(node.type).sample(node.params, n, self.noise_rng, self.dtype)
            if self._flat is None:
                return z
            self._noise64[n] = np.empty(z.shape, np.float64)
            self._noise32[n] = z
            return z
        node_type(node.type).sample(node.params, n, self.noise_rng, self.dtype, out=out,
                                    scratch=self._noise64[n])
        return out

    def _forward(self, layers: list[str], acts: dict[str, np.ndarray], training: bool) -> None:
        for nid in layers:
            acts[nid] = self.ops[nid].forward([acts[s] for s in self.sources[nid]], training)

    def _backward(self, layers: list[str], pending: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        for nid in reversed(layers):
            grad = pending.pop(nid, None)
            if grad is None:
                continue
            for src, g in zip(self.sources[nid], self.ops[nid].backward(grad)):
                if g is not None:
                    pending[src] = g if src not in pending else pending[src] + g
        return pending

    def generate(self, z: np.ndarray, training: bool = False) -> np.ndarray:
        """The generator's samples for latent vectors ``z`` (a copy); through its fused chain when
        it has one (one Numba call instead of one per layer; no chained layer acts differently in
        training, so ``training`` changes nothing there)."""
        if self._g_chain is not None:
            return self._g_chain.forward(np.ascontiguousarray(z, dtype=self.dtype), self._flat).copy()
        acts = {self.noise_node: z}
        self._forward(self.g_layers, acts, training)
        return acts[self.fake_src].copy()

    def score(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """The discriminator's raw scores for samples ``x`` (a copy), through its chain as
        ``generate`` goes through the generator's."""
        x = np.ascontiguousarray(x, dtype=self.dtype)
        if self._d_chain is not None:
            return self._d_chain.forward(x.reshape(len(x), -1), self._flat).copy()
        acts = {self.junction: x}
        self._forward(self.d_layers, acts, training)
        return acts[self.score_src].copy()

    def forward(self, x: np.ndarray, training: bool = False, batch_size: int = 512) -> np.ndarray:
        """What the views plot over the plane: the discriminator's probability that ``x`` is real."""
        with KERNEL_LOCK:
            return self.probability(x)

    def loss_and_grads(self, x: np.ndarray, y: np.ndarray, training: bool = True):
        """The discriminator's loss on the real batch ``x`` and its gradients (nothing is updated)."""
        with KERNEL_LOCK:
            return self.d_loss_and_grads(x), self.gradients()

    def probability(self, x: np.ndarray) -> np.ndarray:
        """How real the discriminator thinks each sample is (0..1)."""
        return self._loss_type.probability(self.loss_params, self.score(x))

    def d_loss_and_grads(self, real: np.ndarray) -> float:
        """The discriminator's loss on ``real`` and as many fresh fakes; fills its gradients."""
        if self._d_chain is not None:
            return self._chain_d_step(real)
        fake = self.generate(self.noise(len(real)), training=True)
        acts = {self.junction: np.concatenate([real, fake]).astype(self.dtype, copy=False)}
        self._forward(self.d_layers, acts, True)
        s = acts[self.score_src]
        loss, g_real, g_fake = self._loss_type.d_loss(self.loss_params, s[:len(real)], s[len(real):])
        self._backward(self.d_layers, {self.score_src: np.concatenate([g_real, g_fake]).astype(self.dtype)})
        return loss

    def g_loss_and_grads(self) -> float:
        """The generator's loss on a fresh batch of fakes; fills its gradients (D's are scratch)."""
        if self._g_chain is not None:
            return self._chain_g_step()
        acts = {self.noise_node: self.noise(self.g_batch)}
        self._forward(self.g_layers, acts, True)
        acts[self.junction] = acts[self.fake_src]
        self._forward(self.d_layers, acts, True)
        loss, g = self._loss_type.g_loss(self.loss_params, acts[self.score_src])
        pending = self._backward(self.d_layers, {self.score_src: g.astype(self.dtype)})
        self._backward(self.g_layers, {self.fake_src: pending[self.junction]})
        return loss

    def _chain_d_step(self, real: np.ndarray) -> float:
        """``d_loss_and_grads`` through the fused chains, in buffers kept per batch length."""
        n = len(real)
        both = self._d_input.get(n)
        if both is None:
            both = self._d_input[n] = np.empty((2 * n, self.input_shape[0]), self.dtype)
        both[:n] = real.reshape(n, -1)
        both[n:] = self._g_chain.forward(self.noise(n), self._flat)
        s = self._d_chain.forward(both, self._flat)
        g = self._d_chain.out_buffer(2 * n)
        loss = self._loss_kernel(s.reshape(-1), n, g.reshape(-1))
        self._d_chain.backward(both, g, self._flat, self._flat_grads, False)
        return float(loss)

    def _chain_g_step(self) -> float:
        """``g_loss_and_grads`` through the fused chains."""
        m = self.g_batch
        z = self.noise(m)
        fake = self._g_chain.forward(z, self._flat)
        s = self._d_chain.forward(fake, self._flat)
        g = self._d_chain.out_buffer(m)
        loss = self._loss_kernel(s.reshape(-1), -1, g.reshape(-1))
        dx = self._d_chain.backward(fake, g, self._flat, self._flat_grads, True)
        self._g_chain.backward(z, dx, self._flat, self._flat_grads, False)
        return float(loss)

    def _update(self, optimizer: Optimizer, generator: bool) -> None:
        """One step of the generator's or the discriminator's optimizer on its own network."""
        if self._flat is not None:
            optimizer.step_flat(*(self._g_flat if generator else self._d_flat))
        elif generator:
            optimizer.step(self.g_params, self.g_grads)
        else:
            optimizer.step(self.d_params, self.d_grads)

    def next_is_generator(self) -> bool:
        if self.step_next is not None:
            return self.step_next == "generator"
        return self.updates % (self.d_steps + 1) == self.d_steps

    def alternating_step(self, optimizer: GANOptimizer, x: np.ndarray, y: np.ndarray, guard) -> tuple[float, bool]:
        """The loop's step for a GAN (``loop.train_step`` hands it over): one discriminator step on
        the real batch ``x``, or, every ``d_steps + 1``-th step, one generator step. The guard sees
        each network's own loss (plus its layers' L1/L2 term, which joins that network's gradient
        as in ``loop.train_step``) and keeps the weights a discriminator loss vouched for, since
        a generator's loss can be fine on weights the discriminator's is not (its blown-up
        score fools nothing); the loop's loss curve gets the discriminator's latest data loss
        (the game's value, 2 ln 2 at equilibrium for minimax) rather than a zigzag of the two."""
        with KERNEL_LOCK:
            generator = self.next_is_generator()
            forced, self.step_next = self.step_next is not None, None
            loss = self.g_loss_and_grads() if generator else self.d_loss_and_grads(x)
            own, other = (self.g_penalty, self.d_penalty) if generator else (self.d_penalty, self.g_penalty)
            own_value = own.add_gradient(self.g_grads if generator else self.d_grads) if own is not None else 0.0
            self.last_penalty = own_value + (other.value() if other is not None else 0.0)
            if guard.diverged(loss + own_value, keep=not generator):
                return loss, False
            self._update(optimizer.g if generator else optimizer.d, generator)
            if generator:
                self.last_g_loss, self.g_updates = loss, self.g_updates + 1
            else:
                self.last_d_loss, self.d_updates = loss, self.d_updates + 1
            self.updates += not forced
        return (loss if self.last_d_loss is None else self.last_d_loss), True

    def evaluate(self, x: np.ndarray, y: np.ndarray, batch_size: int = 512) -> tuple[float, None]:
        """(the discriminator's loss on ``x`` and as many fakes, None) in evaluation mode; the
        fakes come from a fixed latent set, so values are comparable over a run."""
        with KERNEL_LOCK:
            z = self.noise_of(len(x))
            fake = self.generate(z)
            loss = self._loss_type.d_loss(self.loss_params, self.score(x), self.score(fake))[0]
        return loss, None

    def noise_of(self, n: int, seed: int | None = None) -> np.ndarray:
        """A fixed set of ``n`` latent vectors (the same every call)."""
        node = self.graph.nodes[self.noise_node]
        rng = np.random.default_rng(self.EVAL_SEED if seed is None else seed)
        return node_type(node.type).sample(node.params, n, rng, self.dtype)

    def report(self, samples: int = 1000) -> dict[str, Any]:
        """What ``playground train --json`` adds for a GAN: the last D and G losses and, for targets
        with modes (ring, grid), how many the generator covers."""
        out: dict[str, Any] = {"d_loss": self.last_d_loss, "g_loss": self.last_g_loss}
        meta = getattr(self, "data_meta", None)
        if meta is None:
            self.load_data()
            meta = self.data_meta
        if meta.get("modes"):
            with KERNEL_LOCK:
                points = self.generate(self.noise_of(samples))
            out["modes_covered"] = modes_covered(points, np.array(meta["modes"]), meta["mode_std"])
            out["modes_total"] = len(meta["modes"])
        return out


def model_from_preset(source: PresetSource, seed: int | None = None, dtype: Any = np.float32):
    """A ``GANModel`` for a GAN graph, else a ``Model``: what ``playground train`` trains."""
    graph, base_dir = resolve(source)
    return model_for(graph, checked_analysis(graph, base_dir), seed, dtype, base_dir)


def model_for(graph: Graph, analysis: Analysis, seed: int | None = None, dtype: Any = np.float32,
              base_dir: str | None = None):
    """A ``GANModel`` for a GAN graph, else a ``Model``, from a checked analysis."""
    from playground.engine.model import Model

    return (GANModel if is_gan(graph) else Model)(graph, analysis, seed, dtype, base_dir)
