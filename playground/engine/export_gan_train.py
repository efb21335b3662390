"""train.py of an exported GAN project: the playground's alternating loop in PyTorch.

Fixed text; only its settings block (``export_gan.SETTINGS``: the schedule, both optimizers, the
losses from the GANLoss node type's torch declaration) is written per graph.
"""
from __future__ import annotations

TRAIN_SCRIPT = r'''"""@TITLE@: a GAN's training script, exported from Neural Network Playground.

    python train.py                     # the GPU if there is one, else the CPU
    python train.py --steps 3000 --json

Training alternates as in the playground: D_STEPS discriminator steps, each on the next batch of
real samples and as many fresh fakes, then one generator step on G_BATCH fresh fakes; each network
has its own optimizer and adds its own layers' L1/L2 regularisation to its loss. A step is one
optimizer step of either network; a generator step lets its batch of real samples go by, as the
playground does. The settings below are the preset's (edit them freely).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from model import SAMPLE_SHAPE, WEIGHTS, build_models, sample_noise

HERE = Path(__file__).resolve().parent

# @SETTINGS@


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_common_options(p, steps="stop after this many optimizer steps (D and G) in all",
                       data="an .npz with x_train and x_val (default: the exported data)",
                       weights="initial weights of both networks (default: the ones exported from the playground)",
                       json_help="print one JSON object (per-step losses, final figures) as the last line")
    args = p.parse_args(argv)
    at_least_one(p, args, ("epochs", "steps"))
    return args


# @COMMON@


def load_data(path):
    """(x_train, x_val, batch orders or None, mode centres or None, mode std) from an .npz."""
    arrays = read_arrays(path, ("x_train", "x_val"), SAMPLE_SHAPE, "the networks take")
    xs = [torch.from_numpy(np.ascontiguousarray(arrays[k], dtype=np.float32)) for k in ("x_train", "x_val")]
    return xs[0], xs[1], arrays.get("batch_orders"), arrays.get("modes"), float(arrays.get("mode_std", 0.0))


def update(net, optimizer, loss, clip):
    """One step of ``net``'s optimizer on ``loss`` plus its regularisation; (the data loss, the
    total), or None without an update when the total is no longer finite."""
    total = loss + net.penalty()
    value, whole = loss.item(), total.item()
    if not math.isfinite(whole):
        return None
    optimizer.zero_grad(set_to_none=True)
    total.backward()
    if clip:
        torch.nn.utils.clip_grad_norm_(net.parameters(), clip)
    optimizer.step()
    return value


@torch.no_grad()
def evaluate(generator, discriminator, x, device):
    """The discriminator's loss on the real samples x against as many fakes from fixed latent
    vectors, in evaluation mode."""
    generator.eval(), discriminator.eval()
    fake = generator(sample_noise(len(x), np.random.default_rng(EVAL_SEED), device))
    loss = d_loss(discriminator(x.to(device)), discriminator(fake)).item()
    generator.train(), discriminator.train()
    return loss


@torch.no_grad()
def modes_covered(generator, modes, std, device, samples=1000):
    """How many of the target's modes hold enough generated samples within 3 std of their centre."""
    generator.eval()
    points = generator(sample_noise(samples, np.random.default_rng(EVAL_SEED), device)).cpu().double().numpy()
    generator.train()
    d = np.linalg.norm(points[:, None, :] - modes[None], axis=2)
    counts = (d <= 3 * std).sum(axis=0)
    return int((counts >= max(1.0, MODE_SHARE * samples / len(modes))).sum())


def main(argv=None):
    args = parse_args(argv)
    device = pick_device(args.device)
    torch.manual_seed(SEED)
    x_train, x_val, orders, modes, mode_std = load_data(args.data)
    n = len(x_train)
    batch = min(BATCH_SIZE, n)
    per_epoch = math.ceil(n / batch)
    generator, discriminator = build_models(None if args.fresh_init else args.weights)
    generator, discriminator = generator.to(device), discriminator.to(device)
    d_opt = D_OPTIMIZER(discriminator.parameters(), **D_OPTIMIZER_ARGS)
    g_opt = G_OPTIMIZER(generator.parameters(), **G_OPTIMIZER_ARGS)
    noise = np.random.default_rng([SEED, 1])  # the playground's noise stream
    if device.type != "cpu":
        x_train = x_train.to(device)
    state = {"step": 0, "step_losses": [], "d_losses": [], "g_losses": []}
    if args.resume:
        saved = torch.load(args.resume, map_location=device, weights_only=False)
        generator.load_state_dict(saved["generator"])
        discriminator.load_state_dict(saved["discriminator"])
        g_opt.load_state_dict(saved["g_optimizer"])
        d_opt.load_state_dict(saved["d_optimizer"])
        noise.bit_generator.state = saved["noise"]
        state = {k: saved[k] for k in state}
        print(f"resumed from {args.resume} at step {state['step']}")
    total = args.epochs * per_epoch
    if args.steps is not None:
        total = min(args.steps, total)
    if args.same_batches:
        check_batch_orders(orders, n, total, per_epoch, args.data)
    print(f"training on {device}: {n} real samples, batch {batch} (G {G_BATCH}), {D_STEPS} D step(s) "
          f"per G step, {per_epoch} steps per epoch, {total} steps", flush=True)
    status, message, start = "finished", "", time.perf_counter()
    val_loss, order, order_epoch = None, None, -1
    while state["step"] < total:
        step = state["step"]
        epoch, b = divmod(step, per_epoch)
        if epoch != order_epoch:
            order = (torch.from_numpy(orders[epoch].astype(np.int64)) if args.same_batches
                     else torch.from_numpy(np.random.default_rng([SEED, 2, epoch]).permutation(n)))
            order_epoch = epoch
        if step % (D_STEPS + 1) == D_STEPS:  # the generator's turn
            score = discriminator(generator(sample_noise(G_BATCH, noise, device)))
            value = update(generator, g_opt, g_loss(score), G_CLIP_NORM)
            key = "g_losses"
        else:
            idx = order[b * batch:(b + 1) * batch].to(x_train.device)
            real = x_train[idx].to(device)
            with torch.no_grad():
                fake = generator(sample_noise(len(real), noise, device))
            score = discriminator(torch.cat([real, fake]))
            value = update(discriminator, d_opt, d_loss(score[:len(real)], score[len(real):]), D_CLIP_NORM)
            key = "d_losses"
        if value is None:
            status = "diverged"
            message = (f"diverged at step {step + 1}: the {'generator' if key == 'g_losses' else 'discriminator'}"
                       "'s loss is no longer finite; the last good weights are kept (try a smaller learning rate)")
            break
        state[key].append(value)
        state["step_losses"].append(state["d_losses"][-1] if state["d_losses"] else value)
        state["step"] = step + 1
        if b == per_epoch - 1 or state["step"] == total:
            val_loss = evaluate(generator, discriminator, x_val, device)
            covered = f"  modes {modes_covered(generator, modes, mode_std, device)}/{len(modes)}" if modes is not None else ""
            print(f"epoch {epoch + 1}/{args.epochs}  step {state['step']}/{total}  "
                  f"d_loss {state['d_losses'][-1] if state['d_losses'] else float('nan'):.4f}  "
                  f"g_loss {state['g_losses'][-1] if state['g_losses'] else float('nan'):.4f}  "
                  f"val_loss {val_loss:.4f}{covered}", flush=True)
            save_checkpoint(args.checkpoint, {
                "generator": generator.state_dict(), "discriminator": discriminator.state_dict(),
                "g_optimizer": g_opt.state_dict(), "d_optimizer": d_opt.state_dict(),
                "noise": noise.bit_generator.state, **state})
    if message:
        print(message, file=sys.stderr)
    summary = {"status": status, "message": message, "steps": state["step"], "epochs": state["step"] // per_epoch,
               "batch_size": batch, "d_loss": state["d_losses"][-1] if state["d_losses"] else None,
               "g_loss": state["g_losses"][-1] if state["g_losses"] else None, "val_loss": val_loss,
               "device": str(device), "seconds": round(time.perf_counter() - start, 3),
               "checkpoint": str(args.checkpoint), "step_losses": state["step_losses"],
               "d_losses": state["d_losses"], "g_losses": state["g_losses"]}
    if modes is not None:
        summary.update(modes_covered=modes_covered(generator, modes, mode_std, device), modes_total=len(modes))
    print(f"{status}: {state['step']} steps in {summary['seconds']:.1f} s; checkpoint {args.checkpoint}")
    if args.json:
        print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
'''
