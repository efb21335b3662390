"""Export a graph as a self-contained PyTorch project folder: the path to GPUs and clusters.

The folder holds model.py (the network), train.py (data, loss, optimizer and schedule exactly as
the engine's), weights.npz, data.npz (the engine's arrays and its batch order) and a README. It is
written to a temporary folder beside the target and renamed into place, so a failed export leaves
nothing half-written, and an existing folder is only replaced when asked to.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path
from string import Template

import numpy as np

from playground.engine.export_gan import check_gan, write_gan
from playground.engine.export_script import render
from playground.engine.export_torch import (
    WEIGHTS_NAME,
    ExportError,
    check_target,
    torch_script,
)
from playground.engine.export_train import TRAIN_SCRIPT
from playground.engine.gan import GANModel
from playground.engine.loop import batch_orders
from playground.engine.model import Model
from playground.engine.registry import node_type
from playground.engine.trainer import Trainer

DATA_NAME = "data.npz"
# Batch orders beyond this many entries (4 bytes each) are not written: --same-batches then covers
# the first epochs only, and plain training (which does not need them) is unaffected.
MAX_ORDER_ENTRIES = 20_000_000

SETTINGS = '''\
# Settings of the preset (edit freely).
EPOCHS = $epochs
BATCH_SIZE = $batch_size
SEED = $seed  # the batch order, and the initialisation with --fresh-init
OPTIMIZER = $optimizer
OPTIMIZER_ARGS = $optimizer_args
CLIP_NORM = $clip_norm  # clip the gradients' global norm to this before each step (0: no clipping)
LOSS = $loss  # $loss_title, on what model.forward() returns
NUM_CLASSES = $num_classes  # None: regression (no accuracy)
TARGET_SHAPE = $target_shape  # one sample's target, as LOSS takes it
TARGET_DTYPE = "$target_dtype"
DATA = HERE / "$data_name"
CHECKPOINT = HERE / "checkpoint.pt"'''

README = '''\
# $title — PyTorch training project

Exported from Neural Network Playground$preset_note.
Everything needed is in this folder: it runs wherever Python 3.10+, PyTorch and numpy are
installed (`pip install torch numpy`), without the playground.

| File | What it is |
| --- | --- |
| `model.py` | the network: `build_model(WEIGHTS)`; $forward_doc |
| `train.py` | trains it with the preset's loss ($loss_title), optimizer ($optimizer_doc), batch size $batch_size, $epochs epochs, seed $seed |
| `weights.npz` | the weights the playground had at export time (training starts from them) |
| `data.npz` | the data ($n_train training and $n_val validation samples) and the playground's batch order ($order_epochs) |

## Train

```
python train.py                  # on the GPU if there is one (CUDA or Apple mps), else the CPU
python train.py --device cuda --amp --epochs 100 --batch-size 256 --lr 0.003
python train.py --resume checkpoint.pt --epochs 200   # continue where a run stopped
```

Each epoch prints one line (loss, accuracy, validation loss and accuracy, samples per second) and
saves `checkpoint.pt` (weights, optimizer state, progress). Other options: `--steps N`,
`--fresh-init` (PyTorch's random initialisation instead of `weights.npz`), `--data FILE.npz`,
`--checkpoint PATH`, `--json` (the last line is one JSON object with every step's loss and the
final metrics); `python train.py --help` lists them all.

## Same numbers as the playground

`python train.py --same-batches --device cpu --steps 50 --json` takes the playground's batches in
the playground's order and gives the same 50 training losses as
`playground train $preset_arg --steps 50 --json` (to float32 rounding; layers that draw random
numbers while training draw different ones in PyTorch).

## On a GPU machine

Copy the folder (`scp -r $folder_name user@gpu-host:`), install a CUDA build of PyTorch there, and
run `python train.py --device cuda` (add `--amp` for mixed precision). For bigger data, put your
own arrays in an .npz (`x_train`, `y_train`, `x_val`, `y_val`; samples shaped $input_shape;
targets $target_doc) and pass `--data big.npz`.

## Several GPUs, several machines

`train.py` runs data-parallel under `torchrun` (DistributedDataParallel with a DistributedSampler;
process 0 prints and saves). `--batch-size` is the batch of one step over all processes, so N GPUs
give the same training as one, N times faster; raise it (and `--lr`) to use big GPUs fully.

```
torchrun --nproc_per_node 4 train.py --device cuda             # one machine, 4 GPUs
torchrun --nproc_per_node 2 train.py --device cpu              # try it on a CPU (gloo backend)
```

On a cluster, start the same command on every machine, each with its own `--node_rank`:

```
torchrun --nnodes 2 --node_rank 0 --nproc_per_node 4 --master_addr node0 --master_port 29500 train.py
torchrun --nnodes 2 --node_rank 1 --nproc_per_node 4 --master_addr node0 --master_port 29500 train.py
```

or let the nodes find each other (elastic rendezvous, e.g. from a SLURM job script with
`srun`):

```
torchrun --nnodes 2 --nproc_per_node 4 --rdzv-backend c10d --rdzv-endpoint node0:29500 --rdzv-id job42 train.py
```

Every machine needs this folder (a shared file system or a copy) and must reach `node0`'s port.

## Use the trained model

```python
import torch
from model import INPUT_SHAPE, build_model

net = build_model().eval()
net.load_state_dict(torch.load("checkpoint.pt")["model"])
with torch.no_grad():
    print(net.predict(torch.zeros(1, *INPUT_SHAPE)))
```
'''


def folder_needs_replacing(folder: str | os.PathLike[str]) -> bool:
    """Whether exporting to ``folder`` would replace something (an empty folder does not count)."""
    folder = Path(folder)
    if folder.is_dir() and not folder.is_symlink():
        return any(folder.iterdir())
    return folder.exists() or folder.is_symlink()


def is_project(folder: str | os.PathLike[str]) -> bool:
    """Whether ``folder`` holds an earlier export (model.py and train.py)."""
    return all((Path(folder) / name).is_file() for name in ("model.py", "train.py"))


def project_folder(chosen: str | os.PathLike[str], name: str) -> Path:
    """Where an export into a folder the user picked goes: that folder when it is new, empty or an
    earlier export, else a subfolder "<name>_pytorch" in it."""
    chosen = Path(chosen)
    if not folder_needs_replacing(chosen) or is_project(chosen):
        return chosen
    return chosen / (re.sub(r"[^\w-]+", "_", name).strip("_") + "_pytorch")


def _python(value) -> str:
    """A settings value as Python source."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_python(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (bool, np.bool_)):
        return repr(bool(value))
    if isinstance(value, float):
        return repr(float(value))
    if isinstance(value, tuple):
        return "(" + ", ".join(_python(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _target_doc(num_classes: int | None, shape: tuple[int, ...]) -> str:
    """How a user's own targets may look, for the README."""
    rows = f"rows of shape {_python(shape)}" if shape else "one number per sample"
    if num_classes is None:
        return f"as {rows}"
    return f"as class labels 0..{num_classes - 1}" + (f" or {rows}" if shape else "")


def _loss_and_optimizer(model: Model) -> tuple[str, type, tuple[str, dict]]:
    graph, analysis = model.graph, model.analysis
    loss_node, opt_node = graph.nodes[analysis.loss], graph.nodes[analysis.optimizer]
    loss_type, opt_type = node_type(loss_node.type), node_type(opt_node.type)
    loss = loss_type.torch_loss(model.fused)
    if loss is None:
        raise ExportError(f"node '{loss_node.id}' ({loss_type.display_name()}) has no PyTorch "
                          "counterpart, so the graph cannot be exported to PyTorch")
    optimizer = opt_type.torch_optimizer(opt_node.params)
    if optimizer is None:
        raise ExportError(f"node '{opt_node.id}' ({opt_type.display_name()}) has no PyTorch "
                          "counterpart, so the graph cannot be exported to PyTorch")
    return loss, loss_type, optimizer


def _write_project(model: Model, folder: Path, target_name: str, preset_arg: str) -> None:
    model_source, state = torch_script(model, WEIGHTS_NAME)
    loss, loss_type, (opt_class, opt_args) = _loss_and_optimizer(model)
    trainer = Trainer(model)
    data, y_train, y_val = trainer.data, trainer.y_train, trainer.y_val
    n = len(data.x_train)
    epochs_written = max(1, min(trainer.epochs, MAX_ORDER_ENTRIES // max(n, 1)))
    orders = batch_orders(n, trainer.seed)
    order = np.stack([next(orders) for _ in range(epochs_written)]).astype(np.int32)
    with open(folder / DATA_NAME, "wb") as f:
        np.savez_compressed(f, x_train=data.x_train, y_train=y_train, x_val=data.x_val, y_val=y_val,
                            batch_orders=order)
    with open(folder / WEIGHTS_NAME, "wb") as f:
        np.savez(f, **state)
    (folder / "model.py").write_text(model_source, encoding="utf-8")
    values = dict(
        epochs=trainer.epochs, batch_size=trainer.batch_size, seed=trainer.seed,
        optimizer=opt_class, optimizer_args=_python(opt_args), loss=loss,
        clip_norm=_python(float(model.graph.nodes[model.analysis.optimizer].params.get("clip_norm", 0.0))),
        loss_title=loss_type.display_name(), num_classes=model.num_classes,
        target_shape=_python(tuple(y_train.shape[1:])), target_dtype=y_train.dtype.name,
        data_name=DATA_NAME)
    settings = Template(SETTINGS).substitute(values)
    title = model.graph.meta.get("title") or model.graph.name
    train = render(TRAIN_SCRIPT, title, settings)
    (folder / "train.py").write_text(train, encoding="utf-8")
    fused = model.fused
    final = node_type(model.graph.nodes[model.output].type).display_name()
    readme = Template(README).substitute(
        title=title, preset_note=f" (preset `{preset_arg}`)" if preset_arg else "",
        forward_doc=(f"`forward()` returns the logits (before the final {final}), `predict()` the "
                     "playground's output") if fused else
        "`forward()` and `predict()` both return the playground's output",
        loss_title=loss_type.display_name(), optimizer_doc=f"`{opt_class}`, lr {opt_args.get('lr')}",
        batch_size=trainer.batch_size, epochs=trainer.epochs, seed=trainer.seed, n_train=n,
        n_val=len(data.x_val),
        order_epochs=f"{epochs_written} epoch{'s' if epochs_written > 1 else ''}" + (
            f" of {trainer.epochs}" if epochs_written < trainer.epochs else ""),
        preset_arg=preset_arg or "PRESET",
        folder_name=target_name, input_shape=_python(tuple(model.input_shape)),
        target_doc=_target_doc(model.num_classes, tuple(y_train.shape[1:])))
    (folder / "README.md").write_text(readme, encoding="utf-8")


def export_project(model: Model, folder: str | os.PathLike[str], *, force: bool = False,
                   preset_arg: str = "") -> Path:
    """Write the PyTorch project for ``model`` (its current weights) to ``folder``; returns it.

    Raises ExportError when a node has no PyTorch counterpart, or when ``folder`` exists (and is
    not empty) and ``force`` is False; even with ``force`` only an earlier export is replaced, never
    a folder of other files. ``preset_arg`` names the preset in the README's commands.
    """
    folder = Path(folder).expanduser().absolute()
    check_target(folder, "the project folder")
    if folder.suffix in (".py", ".onnx", ".npz") and not folder.is_dir():
        raise ExportError(f"{folder.name}: the PyTorch export is a folder (model.py, train.py, the "
                          f"data and the weights); name a folder, e.g. {folder.with_suffix('')}")
    if folder_needs_replacing(folder):
        if not force:
            raise ExportError(f"{folder} already exists; use --force to replace it")
        if not is_project(folder):
            raise ExportError(f"{folder} holds files that are not an exported project, so it is not "
                              "replaced; choose a new or empty folder")
    gan = isinstance(model, GANModel)
    if gan:  # refuse before anything is written
        check_gan(model)
    else:
        torch_script(model)
        _loss_and_optimizer(model)
    tmp = _new_folder(folder, "tmp")
    try:
        if gan:
            write_gan(model, tmp, preset_arg, _python)
        else:
            _write_project(model, tmp, folder.name, preset_arg)
        _move_into_place(tmp, folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ExportError(f"cannot write {folder}: {exc.strerror or exc}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def _new_folder(folder: Path, kind: str) -> Path:
    """A fresh hidden folder beside ``folder`` (made with the user's umask, unlike mkdtemp)."""
    while True:
        path = folder.with_name(f".{folder.name}.{secrets.token_hex(4)}.{kind}")
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue


def _move_into_place(tmp: Path, folder: Path) -> None:
    """Rename ``tmp`` to ``folder``; an old ``folder`` is moved aside first and removed after."""
    old = None
    if folder.exists() or folder.is_symlink():
        old = _new_folder(folder, "old")
        os.replace(folder, old / folder.name)
    try:
        os.replace(tmp, folder)
    except BaseException:
        if old is not None:
            os.replace(old / folder.name, folder)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
