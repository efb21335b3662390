"""Command line: ``playground [open FILE | train | check | ...]``.

Every user-facing failure (unreadable preset, bad data file, invalid graph, a file that cannot be
written) becomes a one-line message on stderr and exit status 2, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from typing import Sequence

from playground import bench
from playground.commands import compare, gui
from playground.commands.common import (UserError, check_output, display_missing, preset_path,
                                        write_failed)
from playground.commands.interrupt import ctrl_c_raises_interrupted, raise_if_interrupted
from playground.progress import ProgressBar

EXIT_USAGE = 2
DEFAULT_PRESET = "spiral"
DESCRIPTION = ("Neural Network Playground: build networks from nodes, train them, watch them learn.\n"
               "Without a command it opens the editor.")
EXAMPLES = """examples:
  playground                                 open the editor
  playground train spiral --epochs 50        train headlessly, print a summary
  playground compare concept_learning_rate   the preset's learning-rate sweep, side by side
  playground check mnist_lenet               layer-by-layer shapes and parameters
  playground shot digits_cnn -o shot.png     a screenshot of the window, rendered offscreen

Run 'playground COMMAND --help' for a command's options."""


def _fail_on_user_errors(func):
    from playground.engine import DatasetError, GraphError, PresetError, WeightsError

    def wrapper(args):
        try:
            return func(args)
        except (PresetError, DatasetError, WeightsError, UserError) as exc:
            print(f"playground: {exc}", file=sys.stderr)
        except GraphError as exc:
            print(f"playground: {args.preset}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return wrapper


def cmd_train(args) -> int:
    from playground.engine import Trainer
    from playground.engine.gan import model_from_preset

    model = model_from_preset(preset_path(args.preset), seed=args.seed)
    if args.save_weights:
        check_output(args.save_weights, "w.npz")
    if args.load_weights:
        model.load_weights(args.load_weights)
    optimizer = None
    if (args.optimizer or args.lr is not None) and hasattr(model, "alternating_step"):
        raise UserError("a GAN trains with its own two optimizer nodes: set their learning rates "
                        "in the preset, not with --optimizer or --lr")
    if args.optimizer or args.lr is not None:
        from playground.engine import make_optimizer

        overrides = {"lr": args.lr} if args.lr is not None else {}
        try:
            if args.optimizer:
                optimizer = make_optimizer(args.optimizer, **overrides)
            else:
                own = model.make_optimizer()
                optimizer = make_optimizer(own.key, **{**own.hparams, **overrides})
        except ValueError as exc:
            raise UserError(str(exc)) from None
    trainer = Trainer(model, optimizer, epochs=args.epochs, batch_size=args.batch_size,
                      seed=args.seed, max_steps=args.steps, record_losses=args.json)
    bar = ProgressBar(trainer) if not args.quiet else None

    def on_event(event) -> None:
        raise_if_interrupted()  # stops within ten steps of a Ctrl+C that compiling code dropped
        if bar:
            bar.update(event)

    trainer.on_event = on_event
    try:
        result = trainer.run()
    finally:
        if bar:
            bar.close()
    if args.save_weights:
        try:
            model.save_weights(args.save_weights)
        except OSError as exc:
            raise write_failed(args.save_weights, exc) from None
    summary = {
        "preset": str(args.preset), "optimizer": trainer.optimizer.key, "epochs": result.epochs,
        "steps": result.steps, "batch_size": trainer.batch_size, "train_loss": result.train_loss,
        "val_loss": result.val_loss, "train_accuracy": result.train_accuracy,
        "val_accuracy": result.val_accuracy, "seconds": round(result.seconds, 3),
        "stopped": result.status, "message": result.message, "step_losses": result.step_losses,
        "regularisation": result.regularisation,
        **(model.report() if hasattr(model, "report") else {}),
    }
    if result.message:
        print(result.message, file=sys.stderr)
    print(f"{result.status}: {result.epochs} epochs, {result.steps} steps in {result.seconds:.1f} s; "
          f"train loss {_num(result.train_loss)}, val loss {_num(result.val_loss)}, "
          f"train acc {_num(result.train_accuracy)}, val acc {_num(result.val_accuracy)}")
    if args.json:
        print(json.dumps(summary))
    return 0


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def cmd_check(args) -> int:
    from playground.engine import analyze, load_preset

    path = preset_path(args.preset)
    graph = load_preset(path)
    analysis = analyze(graph, str(path.resolve().parent))
    if not analysis.ok:
        print(f"{path}: {len(analysis.problems)} problem(s):", file=sys.stderr)
        for problem in analysis.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_USAGE
    rows = [(nid, graph.nodes[nid].type, _shape(analysis.shapes.get(nid)),
             f"{analysis.param_counts.get(nid, 0):,}") for nid in analysis.order]
    headers = ("Node", "Type", "Output shape", "Params")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    print(f'Graph "{graph.name}"')
    print("=" * len(line))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(c.ljust(w) if i < 3 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    print("=" * len(line))
    print(f"Total params: {analysis.total_params:,}")
    return 0


def _shape(shape) -> str:
    """A node's output shape; "-" for nodes without an output (the optimizer)."""
    from playground.engine.registry import shape_text

    return "-" if shape is None else shape_text(shape)


def cmd_export(args) -> int:
    from playground.commands.export import run_export

    return run_export(args)


def cmd_gui(args) -> int:
    problem = display_missing()
    if problem:
        raise UserError(problem)
    from playground.ui.shell.app import launch

    return launch(preset_path(DEFAULT_PRESET), getattr(args, "lang", None))


# Modules that add their own sub-commands: each has ``add_commands(subparsers)``.
COMMAND_MODULES = (gui, compare, bench)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="playground", description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=("en", "ko"), default=None, help="language of the window: en or ko (default: the one chosen in View > Language, else the system's); this command's own messages stay English")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    preset_help = "preset file, or the name of a bundled preset (spiral, mnist_lenet, ...)"

    train = sub.add_parser("train", help="train a preset headlessly and print a summary")
    train.add_argument("preset", help=preset_help)
    train.add_argument("--epochs", type=int, metavar="N", help="passes over the training data "
                                                                "(default: the preset's)")
    train.add_argument("--steps", type=int, metavar="N", help="stop after this many steps")
    train.add_argument("--lr", type=float, metavar="X", help="learning rate (default: the preset's)")
    train.add_argument("--optimizer", metavar="NAME",
                       help="sgd, momentum, nesterov, adagrad, rmsprop or adam (default: the preset's)")
    train.add_argument("--batch-size", type=int, metavar="N",
                       help="samples per step (default: the preset's)")
    train.add_argument("--seed", type=int, metavar="S", help="seed of the initial weights and the "
                                                              "batch order (default: the preset's)")
    train.add_argument("--save-weights", metavar="W.npz", help="write the trained weights here")
    train.add_argument("--load-weights", metavar="W.npz", help="start from these weights")
    train.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    train.add_argument("--quiet", action="store_true", help="no progress on stderr")
    train.add_argument("--threads", type=int, metavar="N", help="engine threads (default: the usable cores)")
    train.set_defaults(func=cmd_train)

    check = sub.add_parser("check", help="validate a preset and print its layer summary")
    check.add_argument("preset", help=preset_help)
    check.set_defaults(func=cmd_check)

    export = sub.add_parser("export", help="write a PyTorch training project (or an ONNX file) of a preset")
    export.add_argument("preset", help=preset_help)
    export.add_argument("--weights", metavar="W.npz", help="trained weights (default: fresh, seeded)")
    export.add_argument("--to", choices=["torch", "onnx"], default="torch",
                        help="torch: a folder with model.py, train.py, data and weights; onnx: one .onnx file")
    export.add_argument("-o", "--output", required=True, metavar="DIR/ or model.onnx")
    export.add_argument("--force", action="store_true", help="replace an earlier export (or .onnx file)")
    export.set_defaults(func=cmd_export)

    for module in COMMAND_MODULES:
        module.add_commands(sub)
    return parser


def _bad_numbers(args) -> str | None:
    for name in ("epochs", "batch_size", "steps"):
        value = getattr(args, name, None)
        if value is not None and value < 1:
            return f"--{name.replace('_', '-')} must be at least 1"
    lr = getattr(args, "lr", None)  # compare's --lr is text (several values), checked there
    if isinstance(lr, float) and not (math.isfinite(lr) and lr > 0):
        return f"--lr must be a positive number such as 0.01, not {lr:g}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    problem = _bad_numbers(args)
    if problem:
        print(f"playground: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "threads", None) is not None and args.command != "bench":  # bench checks its own
        if args.threads < 1:
            print("playground: --threads must be at least 1", file=sys.stderr)
            return EXIT_USAGE
        from playground.engine.threads import set_threads

        set_threads(args.threads)
    try:
        with ctrl_c_raises_interrupted():
            code = _fail_on_user_errors(args.func if args.command else cmd_gui)(args)
            raise_if_interrupted()  # a Ctrl+C dropped where it was raised still ends as one
            return code
    except KeyboardInterrupt:
        print("playground: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
