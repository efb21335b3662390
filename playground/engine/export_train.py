"""train.py of an exported PyTorch project: the preset's data, loss, optimizer and schedule.

The script is fixed text; only its settings block (``SETTINGS``) is written per graph, from the
loss and optimizer node types' torch declarations and the trainer's own schedule.
"""
from __future__ import annotations

TRAIN_SCRIPT = r'''"""@TITLE@: training script exported from Neural Network Playground.

    python train.py                              # the GPU if there is one, else the CPU
    python train.py --device cuda --amp --epochs 50
    torchrun --nproc_per_node 4 train.py         # 4 processes (GPUs), data parallel

The settings below are the preset's (edit them freely); `python train.py --help` lists the options.
Each epoch prints one progress line; a checkpoint is saved after every epoch.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DistributedSampler

from model import INPUT_SHAPE, WEIGHTS, build_model

HERE = Path(__file__).resolve().parent
GPU_DATA_BYTES = 2 << 30  # training data smaller than this is moved to the GPU once

# @SETTINGS@


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_options(p, steps="stop after this many optimizer steps in all",
                       data="an .npz with x_train, y_train, x_val, y_val (default: the exported data)",
                       weights="initial weights (default: the ones exported from the playground)",
                       json_help="print one JSON object (per-step losses, final metrics) as the last line")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                   help=f"samples per step, shared by all processes (default {BATCH_SIZE})")
    p.add_argument("--lr", type=float, default=OPTIMIZER_ARGS["lr"],
                   help=f"learning rate (default {OPTIMIZER_ARGS['lr']})")
    p.add_argument("--amp", action="store_true", help="mixed precision (float16 autocast; CUDA only)")
    args = p.parse_args(argv)
    at_least_one(p, args, ("epochs", "steps", "batch_size"))
    return args


# @COMMON@


def setup_distributed(device_name):
    """(rank, world size, local rank): torchrun sets WORLD_SIZE; a plain run is one process."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world == 1:
        return 0, 1, 0
    cuda = torch.cuda.is_available() and device_name in ("auto", "cuda")
    dist.init_process_group("nccl" if cuda else "gloo")
    return dist.get_rank(), world, int(os.environ.get("LOCAL_RANK", "0"))


def as_targets(y):
    """Labels or values in the form LOSS scores them (TARGET_DTYPE, TARGET_SHAPE per sample):
    integer class labels become one-hot rows where the loss wants those."""
    y = np.asarray(y)
    if TARGET_DTYPE == "int64":
        return torch.from_numpy(y.astype(np.int64).reshape(len(y)))
    if y.ndim == 1 and y.dtype.kind in "iu" and NUM_CLASSES and TARGET_SHAPE == (NUM_CLASSES,):
        y = np.eye(NUM_CLASSES, dtype=np.float32)[y]
    return torch.from_numpy(np.ascontiguousarray(y, dtype=np.float32).reshape(len(y), *TARGET_SHAPE))


def load_data(path):
    """(x_train, y_train, x_val, y_val, batch orders or None) from an .npz."""
    arrays = read_arrays(path, ("x_train", "y_train", "x_val", "y_val"), INPUT_SHAPE, "the model takes")
    xs = []
    for part in ("train", "val"):
        x = arrays[f"x_{part}"]
        if len(arrays[f"y_{part}"]) != len(x):
            fail(f"{path}: x_{part} has {len(x)} samples but y_{part} has {len(arrays[f'y_{part}'])}")
        xs.append(torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32)))
    return (xs[0], as_targets(arrays["y_train"]), xs[1], as_targets(arrays["y_val"]),
            arrays.get("batch_orders"))


def correct(out, y, net):
    """How many predictions are right: argmax for several outputs, > 0.5 for one (as the playground)."""
    pred = net.activate(out.float())
    truth = y if y.ndim == 1 else (y[:, 0] > 0.5 if y.shape[1] == 1 else y.argmax(1))
    guess = pred[:, 0] > 0.5 if pred.shape[1] == 1 else pred.argmax(1)
    return (guess == truth).sum()


@torch.no_grad()
def evaluate(net, x, y, device, batch=512):
    """(mean loss, accuracy or None) on a whole set, in evaluation mode."""
    net.eval()
    loss_sum = torch.zeros((), device=device)
    right = torch.zeros((), device=device, dtype=torch.long)
    for i in range(0, len(x), batch):
        xb, yb = x[i:i + batch].to(device), y[i:i + batch].to(device)
        out = net(xb)
        loss_sum += LOSS(out.float(), yb) * len(xb)
        if NUM_CLASSES is not None:
            right += correct(out, yb, net)
    net.train()
    return loss_sum.item() / len(x), (right.item() / len(x) if NUM_CLASSES is not None else None)


class Batches:
    """Which samples this process takes at each step of an epoch: the playground's order
    (--same-batches) or a seeded DistributedSampler (reshuffled every epoch, each process taking
    its share of every step's batch)."""

    def __init__(self, n, batch_size, rank, world, orders):
        self.batch_size, self.rank, self.world, self.orders = batch_size, rank, world, orders
        if orders is None:
            self.sampler = DistributedSampler(range(n), num_replicas=world, rank=rank, shuffle=True,
                                              seed=SEED)
            self.share = max(1, batch_size // world)
            self.steps = math.ceil(len(self.sampler) / self.share)
        else:
            self.steps = math.ceil(n / batch_size)

    def epoch(self, e):
        """One index tensor per step."""
        if self.orders is None:
            self.sampler.set_epoch(e)
            mine = torch.tensor(list(self.sampler))
            for b in range(self.steps):
                yield mine[b * self.share:(b + 1) * self.share]
            return
        order = self.orders[e]
        for b in range(self.steps):
            batch = order[b * self.batch_size:(b + 1) * self.batch_size]
            yield torch.from_numpy(batch[self.rank::self.world].astype(np.int64))


def train_step(model, net, optimizer, scaler, amp, xb, yb):
    """One update on the batch; returns (its loss, how many it got right) as tensors, so the GPU
    never waits for Python in between."""
    with torch.autocast(xb.device.type, dtype=torch.float16, enabled=amp):
        out = model(xb)
    loss = LOSS(out.float(), yb)  # the data loss, which the log reports as the playground does
    optimizer.zero_grad(set_to_none=True)
    scaler.scale(loss + net.penalty()).backward()  # plus the layers' L1/L2 regularisation
    if CLIP_NORM:
        scaler.unscale_(optimizer)
        torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP_NORM)
    scaler.step(optimizer)
    scaler.update()
    hits = correct(out.detach(), yb, net) if NUM_CLASSES is not None else 0
    return loss.detach(), hits


def main(argv=None):
    args = parse_args(argv)
    rank, world, local_rank = setup_distributed(args.device)
    device = pick_device(args.device, local_rank)
    log = print if rank == 0 else (lambda *a, **k: None)
    torch.manual_seed(SEED)
    x_train, y_train, x_val, y_val, orders = load_data(args.data)
    batch_size = min(args.batch_size, len(x_train))
    if world > 1 and batch_size % world:
        log(f"note: batch size {batch_size} does not split evenly over {world} processes")
    net = build_model(None if args.fresh_init else args.weights).to(device)
    model = DistributedDataParallel(net, device_ids=[local_rank] if device.type == "cuda" else None) \
        if world > 1 else net
    optimizer = OPTIMIZER(model.parameters(), **{**OPTIMIZER_ARGS, "lr": args.lr})
    amp = args.amp and device.type == "cuda"
    if args.amp and not amp:
        log(f"note: --amp needs CUDA; training in float32 on {device.type}")
    scaler = torch.amp.GradScaler("cuda", enabled=amp)
    batches = Batches(len(x_train), batch_size, rank, world, orders if args.same_batches else None)
    if device.type != "cpu" and x_train.nbytes + y_train.nbytes < GPU_DATA_BYTES:
        x_train, y_train = x_train.to(device), y_train.to(device)  # no copy per step
    state = {"epoch": 0, "epoch_step": 0, "step": 0, "step_losses": []}
    if args.resume:
        saved = torch.load(args.resume, map_location=device, weights_only=False)
        net.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        scaler.load_state_dict(saved["scaler"])
        state = {k: saved[k] for k in state}
        log(f"resumed from {args.resume} at epoch {state['epoch'] + 1}, step {state['step']}")
    total = args.epochs * batches.steps
    if args.steps is not None:
        total = min(args.steps, total)
    if args.same_batches:
        check_batch_orders(orders, len(x_train), total, batches.steps, args.data)
    log(f"training on {device}" + (f" x {world} processes" if world > 1 else "") +
        f": {len(x_train)} samples, batch {batch_size}, {batches.steps} steps per epoch, {total} steps")
    status, message, start = "finished", "", time.perf_counter()
    train_loss = train_acc = val_loss = val_acc = None
    while state["step"] < total and status == "finished":
        epoch, skip = state["epoch"], state["epoch_step"]
        losses, sizes, right = [], 0, torch.zeros((), device=device, dtype=torch.long)
        tick = time.perf_counter()
        for b, idx in enumerate(batches.epoch(epoch)):
            if b < skip:
                continue
            if state["step"] >= total:
                break
            idx = idx.to(x_train.device)
            xb, yb = x_train[idx].to(device, non_blocking=True), y_train[idx].to(device, non_blocking=True)
            loss, hits = train_step(model, net, optimizer, scaler, amp, xb, yb)
            losses.append(loss)
            sizes += len(xb)
            right += hits
            state["step"] += 1
            state["epoch_step"] = b + 1
        if not losses:
            break
        done = torch.stack(losses).float()
        if world > 1:  # every process's mean over its share; each step's loss is their average
            dist.all_reduce(done)
            done /= world
        done = done.tolist()
        bad = next((i for i, v in enumerate(done) if not math.isfinite(v)), None)
        if bad is not None:
            done = done[:bad]
            state["step"] -= len(losses) - bad
            status = "diverged"
            message = (f"diverged at step {state['step'] + 1}: the loss is no longer finite, so the "
                       "checkpoint keeps the weights of the last epoch; try a smaller learning rate")
        state["step_losses"] += done
        train_loss = sum(done) / max(len(done), 1)
        if NUM_CLASSES is not None:
            counts = torch.tensor([right.item(), sizes], dtype=torch.float64, device=device)
            if world > 1:
                dist.all_reduce(counts)
            train_acc = (counts[0] / counts[1]).item()
        val_loss, val_acc = evaluate(net, x_val, y_val, device)
        if state["epoch_step"] >= batches.steps:
            state["epoch"], state["epoch_step"] = epoch + 1, 0
        rate = sizes * world / max(time.perf_counter() - tick, 1e-9)
        log(f"epoch {epoch + 1}/{args.epochs}  step {state['step']}/{total}  loss {train_loss:.4f}" +
            (f"  acc {train_acc:.3f}" if train_acc is not None else "") +
            f"  val_loss {val_loss:.4f}" + (f"  val_acc {val_acc:.3f}" if val_acc is not None else "") +
            f"  {rate:,.0f} samples/s", flush=True)
        if rank == 0 and status != "diverged":
            save_checkpoint(args.checkpoint, {"model": net.state_dict(), "optimizer": optimizer.state_dict(),
                                              "scaler": scaler.state_dict(), **state})
    if message:
        log(message, file=sys.stderr)
    summary = {"status": status, "message": message, "steps": state["step"], "epochs": state["epoch"],
               "batch_size": batch_size, "train_loss": train_loss, "train_accuracy": train_acc,
               "val_loss": val_loss, "val_accuracy": val_acc, "device": str(device), "processes": world,
               "seconds": round(time.perf_counter() - start, 3), "checkpoint": str(args.checkpoint),
               "step_losses": state["step_losses"]}
    log(f"{status}: {state['step']} steps in {summary['seconds']:.1f} s; checkpoint {args.checkpoint}")
    if args.json:
        log(json.dumps(summary))
    if world > 1:
        dist.barrier()  # let process 0 finish saving before the group goes away
        del model  # DDP's reducer holds on to the group: release it first
        gc.collect()
        dist.destroy_process_group()
    return summary


if __name__ == "__main__":
    main()
'''
