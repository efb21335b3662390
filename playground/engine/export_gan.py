"""A GAN as a PyTorch project folder: model.py with the generator and the discriminator as two
``nn.Module``s, train.py with the playground's alternating loop (``export_gan_train``), weights.npz
of both, data.npz (the real samples, the batch order and, for ring and grid targets, the modes).

Each layer is written from its node type's torch declarations (``export_torch.layer_sources``);
the noise and the losses from the Noise and GANLoss node types' own (``torch_noise``,
``torch_gan_loss``, ``torch_probability``). ``export_project`` hands a GAN over to ``write_gan``.
"""
from __future__ import annotations

import textwrap
from pathlib import Path
from string import Template

import numpy as np

from playground.engine.export_torch import (
    WEIGHTS_NAME,
    ExportError,
    layer_sources,
    penalty_source,
)
from playground.engine.gan import COVERED_SHARE, GANModel
from playground.engine.loop import batch_orders
from playground.engine.nodes.optimizers import TRAINING_PARAMS
from playground.engine.registry import node_type
from playground.engine.trainer import Trainer

DATA_NAME = "data.npz"
MAX_ORDER_ENTRIES = 20_000_000  # as for a single network: longer runs keep the first epochs' order

MODEL = '''\
"""$title: a GAN's two networks, exported from Neural Network Playground.

Generator turns latent vectors z (LATENT_SIZE numbers each, NOISE) into samples of SAMPLE_SHAPE;
Discriminator gives each sample a raw score (no sigmoid: the loss applies it), its probability()
how real it looks. build_models(WEIGHTS) loads both networks' exported weights. Needs torch and
numpy only.
"""
from pathlib import Path

import numpy as np
import torch
from torch import nn

LATENT_SIZE = $latent
NOISE = "$noise"
SAMPLE_SHAPE = $sample_shape  # one sample, without the batch dimension
WEIGHTS = Path(__file__).with_name("$weights_name")


def sample_noise(n, rng, device="cpu"):
    """n latent vectors from the numpy Generator rng (the playground draws them the same way)."""
    return torch.from_numpy($noise_source.astype(np.float32)).to(device)


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
$g_init

    def forward(self, z):
        """Samples (N, *SAMPLE_SHAPE) for latent vectors z (N, LATENT_SIZE)."""
$g_forward

    def penalty(self):
        """The L1/L2 regularisation of the generator's weights, which train.py adds to its loss."""
        return $g_penalty


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
$d_init

    def forward(self, x):
        """Raw scores (N, 1) for samples x (N, *SAMPLE_SHAPE): the higher, the more real."""
$d_forward

    def penalty(self):
        """The L1/L2 regularisation of the discriminator's weights, added to its loss."""
        return $d_penalty

    def probability(self, x):
        """How real each sample looks to the discriminator (0..1)."""
        score = self(x)
        return $probability


def build_models(weights=None):
    """(generator, discriminator) in training mode; weights: an .npz of both state dicts (keys
    "generator.*" and "discriminator.*"; WEIGHTS holds the playground's), or None for PyTorch's
    own fresh initialisation."""
    nets = {"generator": Generator(), "discriminator": Discriminator()}
    if weights is not None:
        with np.load(weights, allow_pickle=False) as arrays:
            for name, net in nets.items():
                net.load_state_dict({k[len(name) + 1:]: torch.from_numpy(arrays[k].copy())
                                     for k in arrays.files if k.startswith(name + ".")})
    return nets["generator"], nets["discriminator"]


if __name__ == "__main__":
    generator, discriminator = build_models(WEIGHTS)
    with torch.no_grad():
        fake = generator.eval()(sample_noise(4, np.random.default_rng(0)))
        p = discriminator.eval().probability(fake)
    print(generator)
    print(discriminator)
    print("samples:", tuple(fake.shape), "probabilities:", tuple(p.shape))
'''

SETTINGS = '''\
# Settings of the preset (edit freely).
EPOCHS = $epochs  # passes over the real samples (each step takes the next batch of them)
BATCH_SIZE = $batch_size  # real samples (and as many fakes) per discriminator step
G_BATCH = $g_batch  # fakes per generator step
SEED = $seed  # the batch order and the noise stream
D_STEPS = $d_steps  # discriminator steps for each generator step
D_OPTIMIZER = $d_optimizer
D_OPTIMIZER_ARGS = $d_args
D_CLIP_NORM = $d_clip  # clip the discriminator's gradients' global norm (0: no clipping)
G_OPTIMIZER = $g_optimizer
G_OPTIMIZER_ARGS = $g_args
G_CLIP_NORM = $g_clip
EVAL_SEED = $eval_seed  # the fixed latent vectors of the validation loss and the modes count
MODE_SHARE = $mode_share  # a mode counts as covered with this share of its fair share of samples
DATA = HERE / "$data_name"
CHECKPOINT = HERE / "checkpoint.pt"


def d_loss(real, fake):
    """The discriminator's loss ($loss_title) of its scores on real and on fake samples."""
    return $d_loss


def g_loss(fake):
    """The generator's loss of the discriminator's scores on its fakes."""
    return $g_loss'''

README = '''\
# $title — PyTorch GAN project

Exported from Neural Network Playground$preset_note. It runs wherever Python 3.10+, PyTorch and
numpy are installed (`pip install torch numpy`), without the playground.

| File | What it is |
| --- | --- |
| `model.py` | `Generator` and `Discriminator` (two `nn.Module`s); `build_models(WEIGHTS)` gives both |
| `train.py` | the playground's training: $d_steps discriminator step(s), then one generator step, each with its own optimizer ($optimizers), $loss_title loss |
| `weights.npz` | both networks' weights at export time (training starts from them) |
| `data.npz` | the $n_train real training and $n_val validation samples and the playground's batch order |

## Train

```
python train.py                      # on the GPU if there is one, else the CPU
python train.py --steps 3000 --json  # the last line: one JSON object with every step's losses
python train.py --resume checkpoint.pt --epochs 100
```

Each epoch prints the discriminator's and the generator's last losses and the validation loss of
the discriminator (the real validation samples against fakes from fixed latent vectors)$modes_note.
`python train.py --same-batches --device cpu --steps 50 --json` takes the playground's real batches
in its order and its noise stream, so its losses are those of
`playground train $preset_arg --steps 50 --json` (to float32 rounding).

## Use the generator

```python
import numpy as np, torch
from model import build_models, sample_noise

generator, discriminator = build_models()
state = torch.load("checkpoint.pt", weights_only=False)
generator.load_state_dict(state["generator"])
with torch.no_grad():
    print(generator.eval()(sample_noise(5, np.random.default_rng(1))))
```
'''


def _module(model: GANModel, layers: list[str], input_node: str, input_name: str, output: str,
            penalty) -> tuple[str, str, str, dict[str, np.ndarray]]:
    """(__init__ body, forward body, penalty source, state dict) of one network, ``layers`` from
    ``input_node`` (the variable ``input_name``) to ``output``."""
    init: list[str] = []
    forward: list[str] = []
    state: dict[str, np.ndarray] = {}
    names = {input_node: input_name}
    for _, var, _, _, call in layer_sources(model, layers, names, init, state):
        forward.append(f"{var} = {call}")
    forward.append(f"return {names[output]}")
    return (textwrap.indent("\n".join(init) or "pass", " " * 8),
            textwrap.indent("\n".join(forward), " " * 8), penalty_source(penalty, model, names), state)


def _optimizer(model: GANModel, node_id: str) -> tuple[str, dict, float]:
    node = model.graph.nodes[node_id]
    t = node_type(node.type)
    found = t.torch_optimizer(node.params)
    if found is None:
        raise ExportError(f"node '{node_id}' ({t.display_name()}) has no PyTorch counterpart, so "
                          "the graph cannot be exported to PyTorch")
    return found[0], found[1], float(node.params.get("clip_norm", 0.0))


def check_gan(model: GANModel) -> None:
    """Raise ExportError for what the GAN export cannot write, before anything is written."""
    gan_model_source(model)
    _optimizer(model, model.d_opt_node)
    _optimizer(model, model.g_opt_node)


def gan_model_source(model: GANModel) -> tuple[str, dict[str, np.ndarray]]:
    """(model.py source, both networks' state dicts as one set of prefixed arrays)."""
    g_init, g_forward, g_penalty, g_state = _module(model, model.g_layers, model.noise_node, "z",
                                                    model.fake_src, model.g_penalty)
    d_init, d_forward, d_penalty, d_state = _module(model, model.d_layers, model.junction, "x",
                                                    model.score_src, model.d_penalty)
    noise = model.graph.nodes[model.noise_node]
    loss = model.graph.nodes[model.loss_node]
    source = Template(MODEL).substitute(
        title=model.graph.meta.get("title") or model.graph.name, weights_name=WEIGHTS_NAME,
        latent=model.analysis.shapes[model.noise_node][0], noise=noise.params.get("distribution", ""),
        sample_shape=tuple(model.input_shape), noise_source=node_type(noise.type).torch_noise(noise.params),
        g_init=g_init, g_forward=g_forward, g_penalty=g_penalty,
        d_init=d_init, d_forward=d_forward, d_penalty=d_penalty,
        probability=node_type(loss.type).torch_probability(loss.params))
    state = {**{f"generator.{k}": v for k, v in g_state.items()},
             **{f"discriminator.{k}": v for k, v in d_state.items()}}
    return source, state


def write_gan(model: GANModel, folder: Path, preset_arg: str, python) -> None:
    """Write the GAN project's files into ``folder`` (a fresh temporary one); ``python`` renders
    settings values as Python source."""
    from playground.engine.export_gan_train import TRAIN_SCRIPT
    from playground.engine.export_script import render

    source, state = gan_model_source(model)
    trainer = Trainer(model)
    data = trainer.data
    n = len(data.x_train)
    epochs_written = max(1, min(trainer.epochs, MAX_ORDER_ENTRIES // max(n, 1)))
    orders = batch_orders(n, trainer.seed)
    order = np.stack([next(orders) for _ in range(epochs_written)]).astype(np.int32)
    meta = data.meta or {}
    extra = {}
    if meta.get("modes"):
        extra = {"modes": np.asarray(meta["modes"], np.float64), "mode_std": np.float64(meta["mode_std"])}
    with open(folder / DATA_NAME, "wb") as f:
        np.savez_compressed(f, x_train=data.x_train, x_val=data.x_val, batch_orders=order, **extra)
    with open(folder / WEIGHTS_NAME, "wb") as f:
        np.savez(f, **state)
    (folder / "model.py").write_text(source, encoding="utf-8")
    (d_class, d_args, d_clip), (g_class, g_args, g_clip) = (
        _optimizer(model, model.d_opt_node), _optimizer(model, model.g_opt_node))
    loss = model.graph.nodes[model.loss_node]
    loss_type = node_type(loss.type)
    d_loss, g_loss = loss_type.torch_gan_loss(loss.params)
    g_settings = {k: model.graph.nodes[model.g_opt_node].params[k] for k in TRAINING_PARAMS}
    settings = Template(SETTINGS).substitute(
        epochs=trainer.epochs, batch_size=trainer.batch_size, g_batch=g_settings["batch_size"],
        seed=trainer.seed, d_steps=model.d_steps, d_optimizer=d_class, d_args=python(d_args),
        d_clip=python(d_clip), g_optimizer=g_class, g_args=python(g_args), g_clip=python(g_clip),
        eval_seed=model.EVAL_SEED, mode_share=python(float(COVERED_SHARE)), data_name=DATA_NAME,
        loss_title=f"{loss_type.display_name()}, {loss.params.get('kind', '')}", d_loss=d_loss,
        g_loss=g_loss)
    title = model.graph.meta.get("title") or model.graph.name
    train = render(TRAIN_SCRIPT, title, settings)
    (folder / "train.py").write_text(train, encoding="utf-8")
    readme = Template(README).substitute(
        title=title, preset_note=f" (preset `{preset_arg}`)" if preset_arg else "",
        d_steps=model.d_steps, optimizers=f"D `{d_class}`, lr {d_args.get('lr')}; G `{g_class}`, lr {g_args.get('lr')}",
        loss_title=loss_type.display_name(), n_train=n, n_val=len(data.x_val),
        modes_note=", and for the ring and the grid how many modes the generator covers" if extra else "",
        preset_arg=preset_arg or "PRESET")
    (folder / "README.md").write_text(readme, encoding="utf-8")
