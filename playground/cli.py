"""Command line: ``playground [open FILE | train | check | ...]``.

Every user-facing failure (unreadable preset, bad data file, invalid graph) becomes a one-line
message on stderr and exit status 2, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Sequence

EXIT_USAGE = 2
PRESETS_DIR = Path(__file__).resolve().parent.parent / "presets"
DEFAULT_PRESET = "spiral"


def preset_path(name: str) -> Path:
    """A preset file path, also accepting a bare name from the bundled presets ("spiral")."""
    path = Path(name)
    if not path.exists() and not path.suffix and (PRESETS_DIR / f"{name}.json").exists():
        return PRESETS_DIR / f"{name}.json"
    return path


class UserError(Exception):
    """A problem to report in one line and exit 2."""


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


class ProgressBar:
    """A one-line progress bar on stderr, redrawn at most 10 times a second."""

    def __init__(self, total: int, stream=sys.stderr) -> None:
        self.total, self.stream, self.last = total, stream, 0.0

    def update(self, event) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and event.step < self.total:
            return
        self.last = now
        width = 30
        done = int(width * event.step / max(self.total, 1))
        acc = f" acc {event.train_accuracy:.3f}" if event.train_accuracy is not None else ""
        val = f" val_acc {event.val_accuracy:.3f}" if event.val_accuracy is not None else ""
        self.stream.write(f"\r[{'#' * done}{'.' * (width - done)}] step {event.step}/{self.total} "
                          f"epoch {event.epoch} loss {event.train_loss:.4f}{acc}{val} "
                          f"{event.samples_per_second:,.0f} samples/s ")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def cmd_train(args) -> int:
    from playground.engine import Model, Trainer

    model = Model.from_preset(preset_path(args.preset), seed=args.seed)
    if args.load_weights:
        model.load_weights(args.load_weights)
    optimizer = None
    if args.optimizer or args.lr is not None:
        from playground.engine import make_optimizer

        try:
            if args.optimizer:
                optimizer = make_optimizer(args.optimizer, **({"lr": args.lr} if args.lr is not None else {}))
            else:
                optimizer = model.make_optimizer()
                optimizer.lr = args.lr
        except ValueError as exc:
            raise UserError(str(exc)) from None
    trainer = Trainer(model, optimizer, epochs=args.epochs, batch_size=args.batch_size,
                      seed=args.seed, max_steps=args.steps, record_losses=args.json)
    bar = ProgressBar(trainer.total_steps) if not args.quiet else None
    trainer.on_event = bar.update if bar else None
    result = trainer.run()
    if bar:
        bar.close()
    if args.save_weights:
        model.save_weights(args.save_weights)
    summary = {
        "preset": str(args.preset), "optimizer": trainer.optimizer.key, "epochs": result.epochs,
        "steps": result.steps, "batch_size": trainer.batch_size, "train_loss": result.train_loss,
        "val_loss": result.val_loss, "train_accuracy": result.train_accuracy,
        "val_accuracy": result.val_accuracy, "seconds": round(result.seconds, 3),
        "stopped": result.status, "message": result.message, "step_losses": result.step_losses,
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
    from playground.engine.registry import shape_text

    path = preset_path(args.preset)
    graph = load_preset(path)
    analysis = analyze(graph, str(path.resolve().parent))
    if not analysis.ok:
        print(f"{path}: {len(analysis.problems)} problem(s):", file=sys.stderr)
        for problem in analysis.problems:
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_USAGE
    rows = [(nid, graph.nodes[nid].type, shape_text(analysis.shapes.get(nid)),
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


def cmd_export(args) -> int:
    from playground.export_commands import run_export

    return run_export(args)


def cmd_gui(args) -> int:
    from playground.ui.app import launch

    return launch(preset_path(DEFAULT_PRESET))


# Modules that add their own sub-commands: each has ``add_commands(subparsers)``.
COMMAND_MODULES: list[str] = ["playground.ui.commands", "playground.compare_commands", "playground.bench"]


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(prog="playground", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    for module in COMMAND_MODULES:
        importlib.import_module(module).add_commands(sub)

    train = sub.add_parser("train", help="train a preset headlessly and print a summary")
    train.add_argument("preset", help="preset file, or the name of a bundled preset")
    train.add_argument("--epochs", type=int)
    train.add_argument("--steps", type=int, help="stop after this many steps")
    train.add_argument("--lr", type=float)
    train.add_argument("--optimizer", help="sgd, momentum, nesterov, adagrad, rmsprop or adam")
    train.add_argument("--batch-size", type=int)
    train.add_argument("--seed", type=int)
    train.add_argument("--save-weights", metavar="W.npz")
    train.add_argument("--load-weights", metavar="W.npz")
    train.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.set_defaults(func=cmd_train)

    check = sub.add_parser("check", help="validate a preset and print its layer summary")
    check.add_argument("preset")
    check.set_defaults(func=cmd_check)

    export = sub.add_parser("export", help="write a PyTorch training project (or an ONNX file) of a preset")
    export.add_argument("preset")
    export.add_argument("--weights", metavar="W.npz", help="trained weights (default: fresh, seeded)")
    export.add_argument("--to", choices=["torch", "onnx"], default="torch",
                        help="torch: a folder with model.py, train.py, data and weights; onnx: one .onnx file")
    export.add_argument("-o", "--output", required=True, metavar="DIR/ or model.onnx")
    export.add_argument("--force", action="store_true", help="replace an earlier export (or .onnx file)")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for name in ("epochs", "batch_size", "steps"):
        value = getattr(args, name, None)
        if value is not None and value < 1:
            print(f"playground: --{name.replace('_', '-')} must be at least 1", file=sys.stderr)
            return EXIT_USAGE
    if args.command is None:
        return cmd_gui(args)
    return _fail_on_user_errors(args.func)(args)
