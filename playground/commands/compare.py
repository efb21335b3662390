"""``playground compare`` (optimizers side by side on a preset) and ``playground race`` (2D surfaces).

Tables go to stdout, progress to stderr; with ``--json`` the last stdout line is machine-readable.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any, Sequence

from playground.commands.common import UserError, check_output, preset_path, write_failed
from playground.progress import ProgressLine

def add_commands(sub: argparse._SubParsersAction) -> None:
    compare = sub.add_parser("compare", help="train a preset with several optimizers side by side")
    compare.add_argument("preset", help="preset file, or the name of a bundled preset")
    compare.add_argument("--optimizers", help="comma-separated keys or 'all' (default: the ones the "
                                              "preset's compare settings name, else all)")
    compare.add_argument("--epochs", type=int)
    compare.add_argument("--steps", type=int, help="stop each run after this many steps")
    compare.add_argument("--lr", help="learning rate of every run (default: the preset's for its "
                                      "optimizer, the usual one for the others); several "
                                      "(comma-separated) sweep it")
    compare.add_argument("--batch-size", dest="batch", metavar="N|full", help="batch size of every run")
    compare.add_argument("--sweep", metavar="NAME=V1,V2,...",
                         help="one setting over several values, e.g. lr=0.001,0.01,0.1, "
                              "batch_size=1,32,full, a layer's parameter (dense1.units=8,16,32) or "
                              "its type (act1.type=Sigmoid,ReLU,Tanh); default: the preset's sweep")
    compare.add_argument("--seed", type=int)
    compare.add_argument("--target-accuracy", type=float, metavar="A",
                         help="report the steps and samples each run needs to reach this accuracy")
    compare.add_argument("--csv", metavar="FILE", help="save the results table as CSV")
    compare.add_argument("--json-out", metavar="FILE", help="save results and histories as JSON")
    compare.add_argument("--json", action="store_true", help="print the results as JSON, last line")
    compare.add_argument("--quiet", action="store_true", help="no progress on stderr")
    compare.add_argument("--threads", type=int, help="engine threads (default: the usable cores)")
    compare.set_defaults(func=cmd_compare)

    race = sub.add_parser("race", help="race optimizers on an analytic 2D loss surface")
    race.add_argument("--surface", required=True, help="saddle, ravine, rosenbrock or local-minima")
    race.add_argument("--optimizers", default="all", help="comma-separated keys or 'all' (default)")
    race.add_argument("--steps", type=int, default=200)
    race.add_argument("--start", metavar="X,Y", help="start point (default: the surface's); "
                                                     "write --start=-1,2 when x is negative")
    race.add_argument("--lr", type=float, help="learning rate of every optimizer "
                                               "(default: a per-surface choice for each)")
    race.add_argument("--json", action="store_true",
                      help="print results and trajectories as JSON, last line")
    race.set_defaults(func=cmd_race)


# -- argument parsing ----------------------------------------------------------------------------

def _keys(text: str) -> list[str]:
    from playground.engine.nodes.optimizers import OPTIMIZER_KEYS, optimizer_node

    if text.strip() == "all":
        return list(OPTIMIZER_KEYS)
    try:
        return [optimizer_node(k.strip()).key for k in text.split(",") if k.strip()]
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _sweep(text: str, graph) -> tuple[str, list[Any]]:
    """"lr=0.001,0.01" -> ("lr", [0.001, 0.01]); batch sizes are whole numbers or "full"; a
    node's parameter or type: "dense1.units=8,16,32", "act1.type=Sigmoid,ReLU,Tanh"."""
    from playground.engine import graph_sweep
    from playground.engine.loop import sweep_values

    name, _, values = text.partition("=")
    name = name.strip()
    try:
        if not name or not values.strip():
            raise ValueError("expected NAME=V1,V2,... such as lr=0.001,0.01,0.1, batch_size=1,32,full "
                             "or dense1.units=8,16,32")
        if graph_sweep.is_graph_sweep(name):
            return name, graph_sweep.sweep_values(graph, name, values)
        name = name.replace("-", "_")
        return name, sweep_values(name, values)
    except ValueError as exc:
        raise UserError(f"bad --sweep {text!r}: {exc}") from None


def _check_lrs(values: list[float], option: str) -> None:
    bad = next((v for v in values if not (math.isfinite(v) and v > 0)), None)
    if bad is not None:
        raise UserError(f"bad {option}: learning rates must be positive numbers such as 0.01, "
                        f"not {bad:g}")


def _specs(args, graph) -> list:
    """The preset's own comparison (as the Compare view sets it up), changed by the options:
    a learning rate or batch size given for all runs replaces a sweep of that setting."""
    from playground.engine.compare import compare_plan
    from playground.engine.loop import batch_size_value

    plan = compare_plan(graph)
    if args.optimizers:
        plan.optimizers = _keys(args.optimizers)
    sweep = _sweep(args.sweep, graph) if args.sweep else None
    if args.lr:
        try:
            lrs = [float(v) for v in args.lr.split(",")]
        except ValueError:
            raise UserError(f"bad --lr {args.lr!r}: expected a number or several, "
                            "comma-separated") from None
        _check_lrs(lrs, f"--lr {args.lr}")
        if len(lrs) > 1 and sweep:
            raise UserError("sweep one setting at a time: several --lr values or --sweep, not both")
        if len(lrs) > 1:
            sweep = ("lr", lrs)
        else:
            plan.lrs = dict.fromkeys(plan.lrs, lrs[0])
            if plan.sweep and plan.sweep[0] == "lr":
                plan.sweep = None
    if args.batch:
        try:
            plan.batch_size = batch_size_value(args.batch)
        except ValueError:
            raise UserError(f"bad --batch-size {args.batch!r}: expected a whole number of at "
                            "least 1 or 'full'") from None
        if plan.sweep and plan.sweep[0] == "batch_size":
            plan.sweep = None
    if sweep:
        plan.sweep = sweep
    return plan.specs()


# -- compare -------------------------------------------------------------------------------------

def cmd_compare(args) -> int:
    from playground.engine.compare import CompareError, Comparison

    from playground.engine import load_preset

    if args.target_accuracy is not None and not 0 < args.target_accuracy <= 1:
        raise UserError("--target-accuracy must be between 0 and 1, such as 0.9")
    path = preset_path(args.preset)
    specs = _specs(args, load_preset(path))
    for target, example in ((args.csv, "results.csv"), (args.json_out, "results.json")):
        if target:
            check_output(target, example)
    try:
        comparison = Comparison(path, specs, epochs=args.epochs, steps=args.steps, seed=args.seed,
                                target_accuracy=args.target_accuracy)
    except CompareError as exc:
        raise UserError(str(exc)) from None
    progress = None if args.quiet else _Progress(comparison)
    try:
        results = comparison.run(callback=progress)
    finally:
        if progress:
            progress.close()
    single = len(results) == 1  # nothing to win
    limit = f" (at most {args.steps} steps each)" if args.steps else ""
    start = (f"identical initial weights (training loss {comparison.initial_loss:.4f})"
             if not any(r["change"] for r in results)
             else "the same initial weights wherever a layer keeps its shape")
    print(f"{path.stem}: {len(results)} run{'' if single else 's'}, {comparison.epochs} epochs{limit}, "
          f"seed {comparison.seed}, {start} and batch order")
    print(_compare_table(results, args.target_accuracy, star=not single))
    winner = None if single else comparison.winner()
    if winner:
        rule = "highest final validation accuracy" if results[0]["best_val_accuracy"] is not None \
            else "lowest final validation loss"
        print(f"* winner: {winner} ({rule})")
    for row in results:
        if row["message"]:
            print(f"{row['label']}: {row['message']}", file=sys.stderr)
    for target, write in ((args.csv, comparison.to_csv), (args.json_out, comparison.to_json)):
        if target:
            try:
                write(target)
            except OSError as exc:
                raise write_failed(target, exc) from None
    if args.json:
        print(json.dumps({"runs": results}))
    return 0


class _Progress:
    """The comparison's share done, on the CLI's progress line."""

    def __init__(self, comparison) -> None:
        self.line = ProgressLine()
        count = len(comparison.labels)
        self.runs = f"{count} run{'' if count == 1 else 's'}"
        self.line.compile_notice(lambda: comparison.compiling, f"0% of {self.runs}: ")

    def __call__(self, comparison) -> None:
        share = comparison.progress
        self.line.show(share, f"{share:4.0%} of {self.runs} done", final=comparison.done)

    def close(self) -> None:
        self.line.close()


def _compare_table(results: list[dict[str, Any]], target: float | None, star: bool = True) -> str:
    headers = ["", "Run", "lr", "Batch", "Status", "Steps", "Epochs", "Val loss", "Val acc",
               "Best acc", "Samples/s", "Time"]
    if target is not None:
        headers[-2:-2] = [f"Steps to {target:g}", f"Samples to {target:g}"]
    rows = []
    for r in results:
        row = ["*" if star and r["winner"] else "", r["label"], f"{r['hparams']['lr']:g}", str(r["batch_size"]),
               r["status"], str(r["steps"]), f"{r['epochs']:g}", _num(r["final_val_loss"]),
               _num(r["final_val_accuracy"]), _num(r["best_val_accuracy"]),
               "n/a" if r["samples_per_second"] is None else f"{r['samples_per_second']:,.0f}",
               f"{r['seconds']:.2f} s"]
        if target is not None:
            row[-2:-2] = [_opt(r["steps_to_target"]), _opt(r["samples_to_target"])]
        rows.append(row)
    return _table(headers, rows, left=2)


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def _opt(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _table(headers: Sequence[str], rows: list[list[str]], left: int) -> str:
    """Aligned columns: the first ``left`` ones flush left, the others flush right."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) if i < left else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    rule = "-" * len(line(headers))
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


# -- race ----------------------------------------------------------------------------------------

def cmd_race(args) -> int:
    from playground.engine.compare import json_safe
    from playground.engine.surfaces import describe, race, surface

    try:
        surf = surface(args.surface)
        start = _point(args.start) if args.start else surf.start
        overrides = {} if args.lr is None else {"lr": args.lr}
        keys = _keys(args.optimizers)
        hparams = {k: surf.hparams(k, overrides) for k in keys}
        paths = race(surf, {k: (k, hparams[k]) for k in keys}, start, args.steps)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    runs = [{"label": k, "optimizer": k, "hparams": hparams[k], **describe(surf, path),
             "trajectory": path.tolist()} for k, path in paths.items()]
    alive = [r for r in runs if not r["diverged"]]
    winner = min(alive, key=lambda r: r["final_value"])["label"] if alive else None
    print(f"{surf.title}: f(x, y) = {surf.formula}, from ({start[0]:g}, {start[1]:g}), "
          f"{args.steps} steps")
    print(surf.caption)
    print()
    print(_race_table(runs, winner))
    if winner:
        print(f"* lowest final value: {winner}")
    if args.json:
        print(json.dumps(json_safe({"surface": surf.name, "start": list(start), "steps": args.steps,
                                  "winner": winner, "runs": runs})))
    return 0


def _point(text: str) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in text.split(","))
    except ValueError:
        raise UserError(f"bad --start {text!r}: expected X,Y such as -1.5,2") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise UserError(f"bad --start {text!r}: both coordinates must be finite")
    return x, y


def _race_table(runs: list[dict[str, Any]], winner: str | None) -> str:
    headers = ["", "Optimizer", "lr", "Final x", "Final y", "f(final)", "Nearest minimum", "Distance",
               "Settled at"]
    rows = []
    for r in runs:
        nearest = r["nearest_minimum"]
        rows.append([
            "*" if r["label"] == winner else "", r["label"], f"{r['hparams']['lr']:g}",
            f"{r['final'][0]:.4g}", f"{r['final'][1]:.4g}",
            "diverged" if r["diverged"] else f"{r['final_value']:.4g}",
            "-" if nearest is None else f"({nearest[0]:.3g}, {nearest[1]:.3g})",
            "-" if r["distance"] is None else f"{r['distance']:.3g}",
            "-" if r["settled_at"] is None else f"step {r['settled_at']}"])
    return _table(headers, rows, left=2)

