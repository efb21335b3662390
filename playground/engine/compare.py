"""Optimizers side by side on one graph: identical initial weights, identical batch order.

One Model per run, all built from the same graph and seed, share the loaded data. Batch orders come
from one seeded generator: one shuffled permutation of the training set per epoch, the same one for
every run (and the same one ``Trainer`` would draw with that seed), cut into batches of each run's
size. So runs with equal batch sizes see identical mini-batches, and runs with different batch sizes
see the same samples in the same order, only grouped differently.

Full-batch GD takes one step per epoch and SGD with batch 1 takes one per sample, so compare runs by
epochs or samples seen (both are in every history point), not by steps.

The caller's thread does all kernel work: ``step_round()`` advances each unfinished run by one
mini-batch in turn, so a GUI worker can drive it round by round and read ``results()`` in between.
"""
from __future__ import annotations

import csv
import io
import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from playground.engine.atomic import write_text_atomic
from playground.engine import graph_sweep
from playground.engine.graph import FORMAT, VERSION, Graph
from playground.engine.kernel_lock import KERNEL_LOCK
from playground.engine.loop import (FULL, BatchSchedule, BatchSize, DivergenceGuard, batch_size_for,
                                    batch_size_value, train_step)
from playground.engine.model import Model, PresetSource, checked_analysis, resolve
from playground.engine.nodes.optimizers import OPTIMIZER_KEYS, optimizer_node
from playground.engine.preset import graph_from_dict
from playground.engine.optim import Optimizer, make_optimizer
from playground.engine.registry import node_type, shape_text
from playground.engine.validate import analyze

# Values a sweep starts from when the preset names the setting but not its values.
SWEEP_DEFAULTS: dict[str, list[Any]] = {"lr": [0.001, 0.01, 0.1], "batch_size": [FULL, 32, 1]}

CSV_COLUMNS = (
    "label", "optimizer", "hparams", "batch_size", "status", "steps", "epochs", "samples_seen",
    "initial_loss", "final_train_loss", "final_val_loss", "final_val_accuracy", "best_val_loss",
    "best_val_accuracy", "steps_to_target", "samples_to_target", "samples_per_second", "seconds",
    "winner", "message")


class CompareError(ValueError):
    """A run that cannot be set up (unknown optimizer, bad value); the message names the run."""


@dataclass
class RunSpec:
    """One contender: an optimizer key with hyperparameter overrides and a batch size, and
    optionally one change to the graph (``graph_sweep``: ("dense1.units", 32) or ("act1.type", "ReLU")).

    Hyperparameters not given take the graph's values when the graph uses the same optimizer, else
    the optimizer's defaults. ``batch_size`` None is the graph's; "full" the whole training set.
    """

    label: str
    optimizer: str
    hparams: dict[str, float] = field(default_factory=dict)
    batch_size: BatchSize = None
    change: tuple[str, Any] | None = None
    network: Graph | None = None  # another network on the same samples (a preset's compare.networks)


def make_specs(optimizers: Sequence[str], hparams: dict[str, float] | None = None,
               batch_size: BatchSize = None, sweep: tuple[str, Sequence[Any]] | None = None
               ) -> list[RunSpec]:
    """Specs for each optimizer, or each optimizer x each value of one swept setting.

    ``sweep`` is (setting, values): "batch_size", any hyperparameter name such as "lr", or a
    node's parameter or type ("dense1.units", "act1.type"; see ``graph_sweep``). Labels are the
    optimizer key, plus "setting=value" when sweeping.
    """
    hparams = hparams or {}
    if sweep is None:
        return [RunSpec(key, key, dict(hparams), batch_size) for key in optimizers]
    name, values = sweep
    short = "batch" if name == "batch_size" else name
    specs = []
    for key in optimizers:
        for value in values:
            label = f"{key} {short}={value:g}" if isinstance(value, float) else f"{key} {short}={value}"
            if graph_sweep.is_graph_sweep(name):
                specs.append(RunSpec(f"{key} {graph_sweep.describe(name, value)}", key, dict(hparams),
                                     batch_size, (name, value)))
            elif name == "batch_size":
                specs.append(RunSpec(label, key, dict(hparams), value))
            else:
                specs.append(RunSpec(label, key, {**hparams, name: value}, batch_size))
    return specs


def networks(graph: Graph) -> dict[str, Graph]:
    """The other networks a preset's ``compare.networks`` holds (label -> nodes and edges),
    trained beside the graph on the same samples."""
    raw = (graph.meta.get("compare") or {}).get("networks") or {}
    return {label: graph_from_dict({"format": FORMAT, "version": VERSION, "name": label, **net},
                                   f"compare.networks.{label}") for label, net in raw.items()}


def graph_optimizer(graph: Graph) -> tuple[str, dict[str, Any]] | None:
    """(key, params) of the graph's optimizer node, or None when it has none."""
    for node in graph.nodes.values():
        t = node_type(node.type)
        if t is not None and t.is_optimizer:
            return t.key, node.params
    return None


@dataclass
class ComparePlan:
    """Which runs to compare: optimizers, each one's learning rate, one optional swept setting
    (("lr", [...]), ("batch_size", [...]) or another hyperparameter) and a batch size for all."""

    optimizers: list[str]
    lrs: dict[str, float]
    sweep: tuple[str, list[Any]] | None = None
    batch_size: BatchSize = None
    label: str = ""  # what the graph's own runs are called beside other ``networks``
    networks: dict[str, Graph] = field(default_factory=dict)

    def specs(self) -> list[RunSpec]:
        """The runs: every optimizer (times every swept value) at its learning rate; with other
        networks and no sweep, every optimizer on the graph and on each of them."""
        specs = make_specs(self.optimizers, batch_size=self.batch_size, sweep=self.sweep)
        if self.networks and self.sweep is None:
            specs = []
            for key in self.optimizers:
                specs.append(RunSpec(f"{key} {self.label}".strip(), key, batch_size=self.batch_size))
                specs += [RunSpec(f"{key} {label}", key, batch_size=self.batch_size, network=net)
                          for label, net in self.networks.items()]
        if self.sweep is None or self.sweep[0] != "lr":
            for spec in specs:
                spec.hparams["lr"] = self.lrs[spec.optimizer]
        return specs


def _check_one_network(graph: Graph) -> None:
    """A comparison trains one network per run, not networks trained in turns by one loss."""
    for node in graph.nodes.values():
        t = node_type(node.type)
        if t is not None and t.trains_in_turns:
            raise CompareError(f"node '{node.id}' ({t.display_name()}) trains networks in turns, "
                               "which cannot be compared yet: train it in the training view or "
                               "with playground train")


def compare_plan(graph: Graph) -> ComparePlan:
    """The comparison a graph suggests, read by the Compare view and ``playground compare`` alike:
    the preset's ``compare`` settings choose the optimizers (all when it names none) and a sweep;
    the graph's own optimizer keeps its learning rate, the others start at their declared one."""
    own = graph_optimizer(graph)
    lrs = {key: float(own[1]["lr"]) if own and own[0] == key
           else optimizer_node(key).hyper_defaults()["lr"] for key in OPTIMIZER_KEYS}
    settings = graph.meta.get("compare") or {}
    chosen = settings.get("optimizers")
    optimizers = [key for key in OPTIMIZER_KEYS if not chosen or key in chosen]
    sweep = settings.get("sweep") or {}
    name = sweep.get("name", "optimizers")
    if name == "optimizers":
        return ComparePlan(optimizers, lrs, label=settings.get("label", ""), networks=networks(graph))
    if graph_sweep.is_graph_sweep(name):
        values = sweep.get("values") or dict(graph_sweep.sweepable(graph)).get(name, [])
        return ComparePlan(optimizers, lrs, (name, graph_sweep.sweep_values(graph, name, values)))
    values = sweep.get("values") or SWEEP_DEFAULTS[name]
    return ComparePlan(optimizers, lrs, (name, [float(v) if name == "lr" else v for v in values]))


@dataclass
class _Feed:
    """A run's data: the loaded set, its targets and the batch schedule (same seed, same sample
    count: every feed visits the samples in the same order)."""

    data: Any
    y_train: np.ndarray
    y_val: np.ndarray
    schedule: BatchSchedule


@dataclass
class _Run:
    """Mutable state of one run; only the stepping thread writes it."""

    spec: RunSpec
    model: Model
    params: dict[str, np.ndarray]
    optimizer: Optimizer
    guard: DivergenceGuard
    batch_size: int
    steps_per_epoch: int
    total_steps: int
    eval_every: int  # steps between mid-epoch evaluations; 0 = only at epoch ends
    feed: _Feed  # its data (shared by every run on the graph's own Dataset node)
    status: str = "running"  # running | finished | stopped | diverged
    message: str = ""
    step: int = 0
    samples: int = 0
    loss_sum: float = 0.0
    loss_samples: int = 0
    train_seconds: float = 0.0  # of the steps after the first (which compiles the kernels)
    timed_samples: int = 0
    seconds: float = 0.0
    evals: int = 0
    stride: int = 1  # keep every stride-th evaluation in the history (doubles when it gets long)
    history: list[dict[str, Any]] = field(default_factory=list)
    best_val_loss: float | None = None
    best_val_accuracy: float | None = None
    steps_to_target: int | None = None
    samples_to_target: int | None = None


class Comparison:
    """Several optimizers training the same graph from the same start on the same batches.

    ``epochs``/``seed`` default to the graph's; ``steps`` caps each run like ``Trainer``'s
    ``max_steps``. Runs with fewer than ``min_evals`` epochs are also evaluated every few steps
    so their curves have points. Histories keep at most about ``max_history`` points (older ones
    are thinned evenly). Raises CompareError for bad specs, GraphError/DatasetError for the graph.

    Construction loads the data and builds the models, so do it on the thread that will step;
    ``results()``, ``winner()`` and ``progress`` only read plain data and may be called from any.
    """

    def __init__(self, source: PresetSource, specs: Sequence[RunSpec], *, epochs: int | None = None,
                 steps: int | None = None, seed: int | None = None,
                 target_accuracy: float | None = None, min_evals: int = 20, max_history: int = 300,
                 dtype: Any = np.float32) -> None:
        if not specs:
            raise CompareError("choose at least one optimizer to compare")
        labels = [s.label for s in specs]
        if len(set(labels)) != len(labels):
            raise CompareError(f"run labels must differ: {', '.join(labels)}")
        graph, base_dir = resolve(source)
        if isinstance(source, Graph):
            graph = graph.copy()  # the canvas may change while the comparison runs
        analysis = checked_analysis(graph, base_dir)
        _check_one_network(graph)
        own = graph.nodes[analysis.optimizer]
        own_key = optimizer_node(own.type).key
        optimizers = [self._optimizer(s, own_key, own.params) for s in specs]
        for spec in specs:
            _check_batch_size(spec)

        first = Model(graph, analysis, seed, dtype, base_dir)
        self.settings = dict(first.settings)
        self.seed = first.seed
        self.epochs = epochs or self.settings["epochs"]
        self.target_accuracy = target_accuracy
        self.max_history = max(4, max_history)
        self.data, self.y_train, self.y_val = first.load_data()
        n = len(self.data.x_train)
        base = _Feed(self.data, self.y_train, self.y_val, BatchSchedule(self.data.x_train, self.y_train, self.seed))
        if any(spec.change or spec.network for spec in specs):
            models = [_variant_model(graph, spec, first, dtype, base_dir) for spec in specs]
        else:
            models = [first] + [Model(graph, analysis, self.seed, dtype, base_dir) for _ in specs[1:]]
        _check_identical(first, models)
        feeds = [base if spec.network is None else _own_feed(spec, model, base, self.seed)
                 for spec, model in zip(specs, models)]

        self._runs: list[_Run] = []
        for spec, model, opt, feed in zip(specs, models, optimizers, feeds):
            bs = self._batch_size(spec, n)
            spe = math.ceil(n / bs)
            total = self.epochs * spe if steps is None else min(self.epochs * spe, steps)
            few_epochs = total / spe < min_evals
            # No weight snapshot in the guard: a comparison reports curves, not weights.
            self._runs.append(_Run(spec, model, model.parameters(), opt, DivergenceGuard(), bs, spe,
                                   total, math.ceil(total / min_evals) if few_epochs else 0, feed))
        self._start_point(first)

    @staticmethod
    def _optimizer(spec: RunSpec, own_key: str, own_params: dict[str, Any]) -> Optimizer:
        try:
            key = optimizer_node(spec.optimizer).key
            base = {k: own_params[k] for k in optimizer_node(key).hyper_defaults()} \
                if key == own_key else {}
            return make_optimizer(key, **{**base, **spec.hparams})
        except ValueError as exc:  # the optimizer's message already names a run labelled by it
            raise CompareError(str(exc) if spec.label == spec.optimizer
                               else f"{spec.label}: {exc}") from None

    def _batch_size(self, spec: RunSpec, n: int) -> int:
        return batch_size_for(spec.batch_size, self.settings["batch_size"], n)

    def _start_point(self, model: Model) -> None:
        """Evaluate the shared initial weights once: every history starts at the same point (each
        variant of an architecture sweep at its own, since its network differs)."""
        points: dict[int, dict[str, Any]] = {}
        for run in self._runs:
            start = model if run.spec.change is None and run.spec.network is None else run.model
            if id(start) not in points:
                feed = run.feed
                with KERNEL_LOCK:
                    train_loss, _ = start.evaluate(feed.data.x_train, feed.y_train)
                    val_loss, val_acc = start.evaluate(feed.data.x_val, feed.y_val)
                points[id(start)] = {"step": 0, "epoch": 0.0, "samples": 0, "train_loss": float(train_loss),
                                     "val_loss": float(val_loss),
                                     "val_accuracy": None if val_acc is None else float(val_acc)}
            run.history.append(dict(points[id(start)]))
            self._track_best(run, run.history[-1])
        self.initial_loss = self._runs[0].history[0]["train_loss"]

    @property
    def labels(self) -> list[str]:
        return [run.spec.label for run in self._runs]

    def model(self, label: str) -> Model:
        """The run's live model (e.g. to draw its decision boundary; its methods take KERNEL_LOCK)."""
        return next(run.model for run in self._runs if run.spec.label == label)

    # -- stepping (the calling thread only) ------------------------------------------------------

    @property
    def done(self) -> bool:
        return all(run.status != "running" for run in self._runs)

    @property
    def compiling(self) -> bool:
        """True until some run has finished its first step, where Numba compiles or loads the
        kernels (``numba_cache.first_step_note`` says which); may be read from any thread."""
        return not self.done and not any(run.step for run in self._runs)

    @property
    def progress(self) -> float:
        """Share of all runs' steps done, 0..1 (finished and diverged runs count as complete)."""
        return sum(1.0 if r.status != "running" else r.step / r.total_steps
                   for r in self._runs) / len(self._runs)

    def step_round(self) -> bool:
        """Advance every unfinished run by one mini-batch, in order; False once all are done."""
        for run in self._runs:
            if run.status == "running":
                self._step(run)
        return not self.done

    def run(self, callback: Callable[[Comparison], None] | None = None,
            should_stop: Callable[[], bool] | None = None,
            report_seconds: float = 0.1) -> list[dict[str, Any]]:
        """Step rounds until every run is done or ``should_stop()`` says so; returns ``results()``.

        ``callback(self)`` is called at most every ``report_seconds`` and once at the end.
        """
        last = time.perf_counter()
        while not self.done:
            if should_stop is not None and should_stop():
                self.stop()
                break
            self.step_round()
            if callback is not None and time.perf_counter() - last >= report_seconds:
                callback(self)
                last = time.perf_counter()
        if callback is not None:
            callback(self)
        return self.results()

    def stop(self) -> None:
        """End every unfinished run now, with a final evaluation (so: on the stepping thread)."""
        for run in self._runs:
            if run.status == "running":
                if run.history[-1]["step"] != run.step:
                    self._record(run, final=True)
                run.status = "stopped"

    def _step(self, run: _Run) -> None:
        start = time.perf_counter()
        b = run.step % run.steps_per_epoch
        run.feed.schedule.forget_before(min(r.step // r.steps_per_epoch for r in self._runs
                                            if r.status == "running" and r.feed is run.feed))
        xb, yb = run.feed.schedule.batch(run.step, run.batch_size)
        loss, ok = train_step(run.model, run.optimizer, xb, yb, run.guard)
        if not ok:
            run.status = "diverged"
            run.message = run.guard.message(run.step + 1)
            run.seconds += time.perf_counter() - start
            return
        run.step += 1
        run.samples += len(xb)
        run.loss_sum += loss * len(xb)
        run.loss_samples += len(xb)
        if run.step > 1:
            run.train_seconds += time.perf_counter() - start
            run.timed_samples += len(xb)
        if (b == run.steps_per_epoch - 1 or run.step == run.total_steps
                or (run.eval_every and run.step % run.eval_every == 0)):
            self._record(run, final=run.step == run.total_steps)
        if run.step >= run.total_steps:
            run.status = "finished"
        run.seconds += time.perf_counter() - start

    def _record(self, run: _Run, final: bool) -> None:
        """Evaluate on the validation set and add a history point (thinned when history is long)."""
        with KERNEL_LOCK:
            val_loss, val_acc = run.model.evaluate(run.feed.data.x_val, run.feed.y_val)
        train_loss = (run.loss_sum / run.loss_samples if run.loss_samples
                      else run.history[-1]["train_loss"])  # stopped right after a record
        point = {"step": run.step, "epoch": round(run.step / run.steps_per_epoch, 4),
                 "samples": run.samples, "train_loss": train_loss, "val_loss": float(val_loss),
                 "val_accuracy": None if val_acc is None else float(val_acc)}
        run.loss_sum, run.loss_samples = 0.0, 0
        self._track_best(run, point)
        run.evals += 1
        if run.evals % run.stride and not final:
            return
        if len(run.history) >= self.max_history:
            run.history = run.history[::2]
            run.stride *= 2
        run.history.append(point)

    def _track_best(self, run: _Run, point: dict[str, Any]) -> None:
        loss, acc = point["val_loss"], point["val_accuracy"]
        if math.isfinite(loss) and (run.best_val_loss is None or loss < run.best_val_loss):
            run.best_val_loss = loss
        if acc is not None and (run.best_val_accuracy is None or acc > run.best_val_accuracy):
            run.best_val_accuracy = acc
        if (self.target_accuracy is not None and run.steps_to_target is None and acc is not None
                and acc >= self.target_accuracy):
            run.steps_to_target, run.samples_to_target = point["step"], point["samples"]

    # -- results (plain data; safe to read from another thread between rounds) -------------------

    def results(self) -> list[dict[str, Any]]:
        """One dict per run, in spec order; "final_*" are the latest values (None once diverged)."""
        winner = self.winner()
        return [self._result(run, run.spec.label == winner) for run in self._runs]

    def _result(self, run: _Run, winner: bool) -> dict[str, Any]:
        history = list(run.history)
        last = history[-1]
        diverged = run.status == "diverged"
        return json_safe({
            "label": run.spec.label, "optimizer": run.optimizer.key,
            "hparams": dict(run.optimizer.hparams),
            "batch_size": run.batch_size, "status": run.status, "message": run.message,
            "steps": run.step, "total_steps": run.total_steps,
            "epochs": round(run.step / run.steps_per_epoch, 4), "samples_seen": run.samples,
            "initial_loss": history[0]["train_loss"], "change": _change(run.spec),
            "final_train_loss": None if diverged else last["train_loss"],
            "final_val_loss": None if diverged else last["val_loss"],
            "final_val_accuracy": None if diverged else last["val_accuracy"],
            "best_val_loss": run.best_val_loss, "best_val_accuracy": run.best_val_accuracy,
            "steps_to_target": run.steps_to_target, "samples_to_target": run.samples_to_target,
            "samples_per_second": run.timed_samples / run.train_seconds if run.train_seconds else None,
            "seconds": round(run.seconds, 4), "winner": winner, "history": history})

    def winner(self) -> str | None:
        """Label of the best run that did not diverge: highest final validation accuracy (lowest
        validation loss breaks ties, and decides alone for regression); None if every run diverged."""
        finals = [(r.spec.label, r.history[-1]) for r in self._runs if r.status != "diverged"]
        finals = [(label, p) for label, p in finals if math.isfinite(p["val_loss"])]
        if not finals:
            return None
        return min(finals, key=lambda f: (-(f[1]["val_accuracy"] or 0.0), f[1]["val_loss"]))[0]

    def summary(self) -> dict[str, Any]:
        """Settings plus ``results()``: what ``to_json`` writes."""
        return {"epochs": self.epochs, "seed": self.seed, "target_accuracy": self.target_accuracy,
                "initial_loss": self.initial_loss, "winner": self.winner(), "runs": self.results()}

    def to_json(self, path: str | Path) -> None:
        write_text_atomic(Path(path), json.dumps(self.summary(), indent=1) + "\n")

    def to_csv(self, path: str | Path) -> None:
        """One row per run (no history); hyperparameters as "name=value" pairs."""
        out = io.StringIO()
        writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in self.results():
            row["hparams"] = " ".join(f"{k}={v:g}" for k, v in row["hparams"].items())
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
        write_text_atomic(Path(path), out.getvalue())


def _check_batch_size(spec: RunSpec) -> None:
    """A spec's batch size is None, "full" or a whole number of at least 1 (not text of one)."""
    try:
        if spec.batch_size is None or batch_size_value(spec.batch_size) == spec.batch_size:
            return
    except ValueError:
        pass
    raise CompareError(f"{spec.label}: batch size must be a whole number of at least 1 or '{FULL}', "
                       f"not {spec.batch_size!r}")


def _variant_model(graph: Graph, spec: RunSpec, reference: Model, dtype: Any,
                   base_dir: str | None) -> Model:
    """The run's model: the graph with the spec's change, starting from the reference model's
    weights wherever a parameter keeps its name and shape (a swept layer's successors may not)."""
    if spec.change is None and spec.network is None:
        model = Model(graph, reference.analysis, reference.seed, dtype, base_dir)
    else:
        variant = spec.network.copy() if spec.network is not None else graph_sweep.variant(graph, *spec.change)
        analysis = analyze(variant, base_dir)
        if not analysis.ok:
            raise CompareError(f"{spec.label}: {analysis.problems[0]}")
        model = Model(variant, analysis, reference.seed, dtype, base_dir)
    if model.output_shape != reference.output_shape:
        raise CompareError(f"{spec.label}: changes the output from {shape_text(reference.output_shape)} "
                           f"to {shape_text(model.output_shape)}; every run must give the same output")
    graph_sweep.transfer_weights(reference.state(), model.state())
    return model


def _change(spec: RunSpec) -> dict[str, Any] | None:
    """What the run changes in the graph, for the results: a swept setting or another network."""
    if spec.network is not None:
        return {"name": "network", "value": spec.network.meta.get("name", "")}
    return None if spec.change is None else {"name": spec.change[0], "value": spec.change[1]}


def _own_feed(spec: RunSpec, model: Model, base: _Feed, seed: int) -> _Feed:
    """The data of another network: the base feed when its Dataset node is the same, else its own
    data, which must hold as many samples in each part (so the batches are the same samples)."""
    ref = base.data
    data, y_train, y_val = model.load_data()
    if (len(data.x_train), len(data.x_val)) != (len(ref.x_train), len(ref.x_val)):
        raise CompareError(f"{spec.label}: its data has {len(data.x_train)} + {len(data.x_val)} samples, "
                           f"the graph's {len(ref.x_train)} + {len(ref.x_val)}; the runs must see the "
                           "same samples")
    if data.num_classes != ref.num_classes:
        raise CompareError(f"{spec.label}: its data has {data.num_classes} classes, the graph's "
                           f"{ref.num_classes}")
    if not np.array_equal(data.y_train, ref.y_train):
        raise CompareError(f"{spec.label}: its data gives other labels in another order; the runs "
                           "must see the same samples")
    return _Feed(data, y_train, y_val, BatchSchedule(data.x_train, y_train, seed))


def _check_identical(reference_model: Model, models: list[Model]) -> None:
    """Same graph and seed must mean same weights (in every array a swept graph keeps the same
    shape); a comparison is meaningless otherwise."""
    reference = reference_model.state()
    for model in models:
        for name, value in model.state().items():
            if name in reference and value.shape == reference[name].shape \
                    and not np.array_equal(value, reference[name]):
                raise RuntimeError(f"runs start from different weights ({name}); the comparison "
                                   "would be unfair")


def json_safe(value: Any) -> Any:
    """NaN and infinities as None, so the result is valid JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    return value
