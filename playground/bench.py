"""``playground bench``: engine speed against PyTorch on CPU, start-up, memory and GUI figures.

Every figure comes from alternating rounds (engine, torch, engine, torch, ...) whose median is
reported, because the target machine has two cores shared with other work. PyTorch is optional:
without it the torch columns are null. Nothing here is imported by the app itself.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

from playground.paths import BENCH_DIR

WORKLOADS = ("tiny_mlp", "mlp_mnist", "lenet", "digits_cnn", "mnist_vgg", "lstm_seq", "rnn_small",
             "gan_2d")
# engine/torch at one thread, engine/torch at two or more threads, engine speed-up from one
# thread to two (issue 16; tiny_mlp and digits_cnn stay on one thread by the cost model, so they
# only need to keep their speed).
TARGETS = {"tiny_mlp": (10.0, 10.0, 1.0), "mlp_mnist": (2.0, 2.5, 1.5), "lenet": (2.0, 2.0, 1.6),
           "digits_cnn": (1.5, 1.5, 1.0), "mnist_vgg": (1.0, 1.0, 1.7),
           "lstm_seq": (1.5, 1.5, 1.0), "rnn_small": (3.0, 3.0, 1.0),  # issue 19
           "gan_2d": (5.0, 5.0, 1.0)}  # issue 20: its two small networks run on one thread
RSS_STEPS = 20_000
CYCLES = 1_000
GUI_PRESET = "mnist_lenet"
TAB_SECONDS = 2.0  # the --gui run brings the next tab of each plot dock to the front this often


# --- helpers ----------------------------------------------------------------------------------
def workload_path(name: str) -> Path:
    return BENCH_DIR / f"{name}.json"


def rss_bytes() -> int:
    """Current resident set size (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def load_average() -> list[float] | None:
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except (OSError, AttributeError):
        return None


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def scaling_counts(cores: int) -> list[int]:
    """Thread counts of the scaling table: 1..cores, thinned to powers of two (and ``cores``)
    past four so a many-core laptop's run stays short."""
    if cores <= 4:
        return list(range(1, cores + 1))
    return sorted({*(2 ** i for i in range(cores.bit_length()) if 2 ** i <= cores), cores})


def torch_available() -> bool:
    try:
        import torch  # noqa: F401
    except Exception:  # a broken install counts as absent
        return False
    return True


# --- engine and torch steps -------------------------------------------------------------------
class EngineCase:
    """One workload on the engine: a fixed batch and ``step()`` = ``model.train_step``."""

    def __init__(self, name: str) -> None:
        from playground.engine import Model

        self.name = name
        self.model = Model.from_preset(workload_path(name), seed=0)
        data, y_train, _ = self.model.load_data()
        self.batch_size = self.model.settings["batch_size"]
        self.x = np.ascontiguousarray(data.x_train[:self.batch_size])
        self.y = np.ascontiguousarray(y_train[:self.batch_size])
        self.optimizer = self.model.make_optimizer()

    def step(self) -> float:
        return self.model.train_step(self.x, self.y, self.optimizer)


def _Call(module, code):
    """``module`` called as its node type's ``torch_forward`` says (for nn.Sequential)."""
    from torch import nn

    class Call(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.m = module

        def forward(self, x):
            return eval(code, {"m": self.m, "x": x})

    return Call()


class TorchCase:
    """The same network, weights, batch, loss and optimizer in PyTorch (CPU, float32)."""

    def __init__(self, case: EngineCase) -> None:
        import torch
        from torch import nn

        from playground.engine.registry import node_type

        model = case.model
        graph, shapes = model.graph, model.analysis.shapes
        layers = model.layers[:-1] if model.fused else model.layers  # fused: the loss takes logits
        modules = []
        for nid in layers:
            node = graph.nodes[nid]
            t = node_type(node.type)
            source = t.torch_module([shapes[s] for s in model.sources[nid]], node.params)
            module = eval(source, {"nn": nn})  # the registry's own torch declaration
            op = model.ops[nid]
            state = t.torch_state({**op.params, **getattr(op, "buffers", {})}, node.params)
            if state:
                module.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in state.items()})
            call = t.torch_forward("m", ["x"], node.params)
            if call != "m(x)":  # a call the type declares (an LSTM's last step, token ids as long)
                module = _Call(module, compile(call, nid, "eval"))
            modules.append(module)
        self.net = nn.Sequential(*modules).float()
        self.x = torch.from_numpy(case.x.copy())
        loss_type = graph.nodes[model.analysis.loss].type
        if loss_type == "BCE":
            self.loss = nn.BCEWithLogitsLoss() if model.fused else nn.BCELoss()
            self.y = torch.from_numpy(case.y.copy())
        elif loss_type in ("CCE", "SparseCCE"):
            self.loss = nn.CrossEntropyLoss()
            y = case.y if loss_type == "SparseCCE" else case.y.argmax(axis=1)
            self.y = torch.from_numpy(np.asarray(y, dtype=np.int64))
        else:
            self.loss = nn.MSELoss()
            self.y = torch.from_numpy(case.y.copy())
        h = case.optimizer.hparams
        params = self.net.parameters()
        key = case.optimizer.key
        if key == "adam":
            self.opt = torch.optim.Adam(params, lr=h["lr"], betas=(h["beta1"], h["beta2"]), eps=h["eps"],
                                        weight_decay=h["weight_decay"])
        elif key in ("sgd", "momentum", "nesterov"):
            self.opt = torch.optim.SGD(params, lr=h["lr"], momentum=h.get("momentum", 0.0),
                                       nesterov=key == "nesterov", weight_decay=h["weight_decay"])
        else:
            raise ValueError(f"no torch twin for optimizer {key}")

    def step(self) -> float:
        self.opt.zero_grad(set_to_none=False)
        loss = self.loss(self.net(self.x), self.y)
        loss.backward()
        self.opt.step()
        return loss.item()


class GANEngineCase:
    """A GAN workload on the engine: ``step()`` = one discriminator and one generator update."""

    def __init__(self, name: str) -> None:
        from playground.engine.gan import GANModel
        from playground.engine.loop import DivergenceGuard

        self.name = name
        self.model = GANModel.from_preset(workload_path(name), seed=0)
        self.batch_size = self.model.settings["batch_size"]
        self.x = np.ascontiguousarray(self.model.load_data()[0].x_train[:self.batch_size])
        self.optimizer = self.model.make_optimizer()
        self.guard = DivergenceGuard(self.model, exploded=None)

    def step(self) -> float:
        for _ in range(self.model.d_steps + 1):
            loss, _ = self.model.alternating_step(self.optimizer, self.x, None, self.guard)
        return loss


class GANTorchCase:
    """The same two networks, weights, real batch, minimax loss and Adam settings in PyTorch."""

    def __init__(self, case: GANEngineCase) -> None:
        import torch
        from torch import nn

        from playground.engine.registry import node_type

        model, self.torch = case.model, torch
        graph, shapes = model.graph, model.analysis.shapes

        def net(layers: list[str]):
            modules = []
            for nid in layers:
                node, t = graph.nodes[nid], node_type(graph.nodes[nid].type)
                module = eval(t.torch_module([shapes[s] for s in model.sources[nid]], node.params), {"nn": nn})
                state = t.torch_state(model.ops[nid].params, node.params)
                if state:
                    module.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in state.items()})
                modules.append(module)
            return nn.Sequential(*modules).float()

        def adam(params, o):
            h = o.hparams
            return torch.optim.Adam(params, lr=h["lr"], betas=(h["beta1"], h["beta2"]), eps=h["eps"])

        self.g, self.d = net(model.g_layers), net(model.d_layers)
        self.g_opt, self.d_opt = adam(self.g.parameters(), case.optimizer.g), adam(self.d.parameters(), case.optimizer.d)
        self.x = torch.from_numpy(case.x.copy())
        self.latent, self.g_batch = model.analysis.shapes[model.noise_node][0], model.g_batch

    def step(self) -> float:
        torch, softplus = self.torch, self.torch.nn.functional.softplus
        n = len(self.x)
        with torch.no_grad():  # D's step needs no graph through G
            fake = self.g(torch.randn(n, self.latent))
        s = self.d(torch.cat([self.x, fake]))
        d_loss = softplus(-s[:n]).mean() + softplus(s[n:]).mean()
        self.d_opt.zero_grad(set_to_none=False)
        d_loss.backward()
        self.d_opt.step()
        g_loss = softplus(-self.d(self.g(torch.randn(self.g_batch, self.latent)))).mean()
        self.g_opt.zero_grad(set_to_none=False)
        g_loss.backward()
        self.g_opt.step()
        return g_loss.item()


def engine_case(name: str) -> EngineCase | GANEngineCase:
    from playground.engine import load_preset
    from playground.engine.gan import is_gan

    return (GANEngineCase if is_gan(load_preset(workload_path(name))) else EngineCase)(name)


def torch_case(case: EngineCase | GANEngineCase) -> TorchCase | GANTorchCase:
    return GANTorchCase(case) if isinstance(case, GANEngineCase) else TorchCase(case)


def _time_steps(step: Callable[[], Any], n: int) -> float:
    """Steps per second over ``n`` steps."""
    start = time.perf_counter()
    for _ in range(n):
        step()
    return n / (time.perf_counter() - start)


def _calibrate(step: Callable[[], Any], seconds: float) -> int:
    """Steps that take about ``seconds`` (after a warm-up)."""
    for _ in range(3):
        step()
    n, elapsed = 1, 0.0
    while elapsed < 0.05:
        start = time.perf_counter()
        for _ in range(n):
            step()
        elapsed = time.perf_counter() - start
        n *= 2
    return max(1, int(n / 2 * seconds / elapsed))


class InProcess:
    """Times a step function in this process at a given engine thread count."""

    def __init__(self, step: Callable[[], Any]) -> None:
        self.step = step

    def calibrate(self, threads: int, seconds: float) -> int:
        _use_engine_threads(threads)
        return _calibrate(self.step, seconds)

    def rate(self, threads: int, steps: int) -> float:
        _use_engine_threads(threads)
        self.step()  # the first step after a switch of thread count is not timed
        return _time_steps(self.step, steps)

    def close(self) -> None:
        pass


_TORCH_CHILD = r"""
import json, sys
import torch
from playground.bench import _calibrate, _time_steps, engine_case, torch_case
case = torch_case(engine_case(sys.argv[1]))
print(json.dumps(torch.backends.cpu.get_cpu_capability()), flush=True)
for line in sys.stdin:
    cmd = json.loads(line)
    torch.set_num_threads(cmd["threads"])
    if "calibrate" in cmd:
        out = _calibrate(case.step, cmd["calibrate"])
    else:
        case.step()
        out = _time_steps(case.step, cmd["steps"])
    print(json.dumps(out), flush=True)
"""


# OpenBLAS's kernel families by the widest vector instructions they use, and the settings that
# hold PyTorch (oneDNN's convolutions and RNNs, MKL's products, ATen's own loops) to the same set.
_CORE_ISA = {**dict.fromkeys(("Haswell", "Zen", "Excavator"), "AVX2"),
             **dict.fromkeys(("Sandybridge", "Bulldozer", "Piledriver", "Steamroller"), "AVX")}
_TORCH_ISA_ENV = {
    "AVX2": {"ONEDNN_MAX_CPU_ISA": "AVX2", "MKL_ENABLE_INSTRUCTIONS": "AVX2", "ATEN_CPU_CAPABILITY": "avx2"},
    "AVX": {"ONEDNN_MAX_CPU_ISA": "AVX", "MKL_ENABLE_INSTRUCTIONS": "AVX", "ATEN_CPU_CAPABILITY": "default"},
}


def torch_isa(mode: str) -> str | None:
    """The instruction set torch's twin is held to, or None for torch's own choice.

    ``match``: when OPENBLAS_CORETYPE forces the engine's products onto older kernels (this
    workplace sets Haswell's AVX2 on an AVX-512 processor), torch is held to the same set; torch
    ignores that variable, so otherwise the ratio measures the variable, not the engine, and no
    learner's machine runs one library on AVX-512 and the other on AVX2. ``native``: torch as is.
    """
    from playground.engine import threads

    if mode != "match" or not os.environ.get("OPENBLAS_CORETYPE"):
        return None
    return _CORE_ISA.get(threads.blas_core() or "")


class TorchProcess:
    """The workload's PyTorch twin in a process of its own, timed on request (one request at a
    time, so it never runs beside the engine). In the engine's process torch would share one
    OpenMP runtime with Numba's threading layer (Numba's omppool links torch's libgomp once torch
    is loaded) and its spinning workers, which made torch's two-thread figures untrustworthy."""

    def __init__(self, name: str, isa: str | None = None) -> None:
        root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, **_TORCH_ISA_ENV.get(isa or "", {}), "PYTHONPATH": os.pathsep.join(
            p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
        self.proc = subprocess.Popen([sys.executable, "-c", _TORCH_CHILD, name], env=env, cwd=root,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.capability: str = self._read()  # the vector instructions of ATen's kernels ("AVX512")

    def _ask(self, **cmd: Any) -> Any:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def _read(self) -> Any:
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the torch benchmark process ended (exit code {self.proc.wait()})")
        return json.loads(line)

    def calibrate(self, threads: int, seconds: float) -> int:
        return int(self._ask(threads=threads, calibrate=seconds))

    def rate(self, threads: int, steps: int) -> float:
        return float(self._ask(threads=threads, steps=steps))

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def _use_engine_threads(n: int) -> None:
    from playground.engine import threads

    threads.set_threads(n)


def time_workload(name: str, rounds: int, round_seconds: float, use_torch: bool,
                  counts: list[int], isa: str | None = None) -> dict[str, Any]:
    """Paired rounds of one workload: each round times every thread count (engine and torch at
    the same count, alternating which goes first and the order of the counts); medians of
    steps per second. The engine runs in this process, torch in its own (``TorchProcess``).
    The row's top-level figures are those of the last (largest) count."""
    case = engine_case(name)
    runners: dict[str, Any] = {"engine": InProcess(case.step)}
    if use_torch:
        runners["torch"] = TorchProcess(name, isa)
    try:
        steps: dict[tuple[str, int], int] = {}
        for t in counts:
            steps.update({(k, t): r.calibrate(t, round_seconds) for k, r in runners.items()})
        rates: dict[tuple[str, int], list[float]] = {key: [] for key in steps}
        for r in range(rounds):
            for t in (counts if r % 2 == 0 else list(reversed(counts))):
                order = list(runners) if (r + t) % 2 == 0 else list(reversed(runners))
                for k in order:
                    rates[(k, t)].append(runners[k].rate(t, steps[(k, t)]))
    finally:
        for runner in runners.values():
            runner.close()
    scaling: dict[str, dict[str, Any]] = {}
    for t in counts:
        engine = statistics.median(rates[("engine", t)])
        entry: dict[str, Any] = {"engine_steps_per_s": round(engine, 1),
                                 "engine_rounds": [round(v, 1) for v in rates[("engine", t)]],
                                 "torch_steps_per_s": None, "ratio": None}
        if use_torch:
            torch_rate = statistics.median(rates[("torch", t)])
            entry.update(torch_steps_per_s=round(torch_rate, 1), ratio=round(engine / torch_rate, 2),
                         torch_rounds=[round(v, 1) for v in rates[("torch", t)]])
        scaling[str(t)] = entry
    top = scaling[str(counts[-1])]
    ratio_1, ratio_n, speedup_2 = TARGETS.get(name, (None, None, None))
    row: dict[str, Any] = {
        "batch_size": case.batch_size, "threads": counts[-1],
        "engine_steps_per_s": top["engine_steps_per_s"],
        "engine_samples_per_s": round(top["engine_steps_per_s"] * case.batch_size),
        "engine_rounds": top["engine_rounds"],
        "torch_steps_per_s": top["torch_steps_per_s"], "torch_samples_per_s": None,
        "ratio": top["ratio"], "target_ratio": ratio_1 if counts[-1] == 1 else ratio_n,
        "scaling": scaling, "targets": {"ratio_1_thread": ratio_1, "ratio_2_threads": ratio_n,
                                        "speedup_2_threads": speedup_2},
        "engine_speedup": None, "hot_loop_alloc_bytes": hot_loop_allocations(case.step),
        "torch_cpu_capability": runners["torch"].capability if use_torch else None,
    }
    if "1" in scaling and len(counts) > 1:
        row["engine_speedup"] = round(top["engine_steps_per_s"] / scaling["1"]["engine_steps_per_s"], 2)
    if use_torch:
        row.update(torch_samples_per_s=round(top["torch_steps_per_s"] * case.batch_size),
                   torch_rounds=top["torch_rounds"])
    return row


def hot_loop_allocations(step: Callable[[], Any], steps: int = 50) -> int:
    """Peak bytes allocated (and traced by tracemalloc, numpy arrays included) above the level
    before ``steps`` steps: about 0 when the hot loop reuses its buffers."""
    import tracemalloc

    for _ in range(3):
        step()
    tracemalloc.start()
    try:
        step()
        base, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        for _ in range(steps):
            step()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return max(0, peak - base)


# --- start-up: cold compile and warm start, in fresh processes ---------------------------------
_FIRST_STEP = r"""
import json, sys, time
t_import = time.perf_counter()
from playground.bench import engine_case
imported = time.perf_counter() - t_import
out = {"import_s": imported, "first_step_s": {}}
for name in sys.argv[1:]:
    case = engine_case(name)
    start = time.perf_counter()
    case.step()
    out["first_step_s"][name] = time.perf_counter() - start
out["done_at"] = time.time()
print(json.dumps(out))
"""


def _child(names: list[str], env: dict[str, str]) -> tuple[dict[str, Any], float]:
    """Run the first-step script in a new interpreter; (its report, wall seconds from spawn)."""
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, **env, "PYTHONPATH": os.pathsep.join(
        p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
    start = time.time()
    proc = subprocess.run([sys.executable, "-c", _FIRST_STEP, *names], env=env, cwd=root,
                          capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark subprocess failed: {proc.stderr.strip().splitlines()[-1:]}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    return report, report["done_at"] - start


def cold_compile(names: list[str], threads: int) -> dict[str, Any]:
    """Compile every kernel the workloads' first steps need into an empty Numba cache."""
    with tempfile.TemporaryDirectory(prefix="nn-playground-cold-") as cache:
        report, wall = _child(names, {"NUMBA_CACHE_DIR": cache, **_thread_env(threads)})
    steps = report["first_step_s"]
    return {"seconds": round(sum(steps.values()), 2), "process_seconds": round(wall, 2),
            "per_workload": {k: round(v, 2) for k, v in steps.items()}}


def warm_start(name: str, threads: int, repeats: int) -> dict[str, Any]:
    """Process start to the first trained step of ``name`` with the cache filled (median)."""
    env = _thread_env(threads)
    _child([name], env)  # makes sure the cache holds this workload's kernels
    walls = [_child([name], env)[1] for _ in range(repeats)]
    return {"workload": name, "seconds": round(statistics.median(walls), 2),
            "runs": [round(w, 2) for w in walls]}


def _thread_env(threads: int) -> dict[str, str]:
    """A child process whose engine uses ``threads`` threads (Numba's pool; BLAS stays at one)."""
    return {"NUMBA_NUM_THREADS": str(threads), "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


# --- memory and control-loop reliability ------------------------------------------------------
def rss_growth(steps: int) -> dict[str, Any]:
    """RSS before and after ``steps`` tiny_mlp steps through the Trainer (as the app trains)."""
    import gc

    from playground.engine import Model, Trainer

    model = Model.from_preset(workload_path("tiny_mlp"), seed=0)
    data = model.load_data()
    Trainer(model, data=data, epochs=10**6, max_steps=min(1000, steps)).run()  # warm-up
    gc.collect()
    before = rss_bytes()
    start = time.perf_counter()
    result = Trainer(model, data=data, epochs=10**6, max_steps=steps).run()
    seconds = time.perf_counter() - start
    gc.collect()
    after = rss_bytes()
    return {"steps": result.steps, "status": result.status, "seconds": round(seconds, 2),
            "trainer_steps_per_s": round(result.steps / seconds), "rss_before_mb": round(before / 2**20, 1),
            "rss_after_mb": round(after / 2**20, 1), "rss_growth_mb": round((after - before) / 2**20, 2)}


PARALLEL_CYCLES_WORKLOAD = "lenet"  # big enough for the parallel kernels (tiny_mlp stays serial)


def control_cycles(cycles: int, workload: str = "tiny_mlp", probe: bool = False,
                   timeout: float = 10.0) -> dict[str, Any]:
    """Start, pause, (step,) resume and stop the Trainer from another thread ``cycles`` times at
    varying moments; a run that does not end within ``timeout`` seconds counts as a deadlock.
    With ``probe``, a third thread keeps running the model's forward pass meanwhile, as the
    GUI's feature-map and decision-boundary probes do."""
    from playground.engine import Model, Trainer, threads

    model = Model.from_preset(workload_path(workload), seed=0)
    data = model.load_data()
    if workload != "tiny_mlp":  # a short epoch, so the first evaluation does not dominate
        data[0].x_train, data[0].x_val = data[0].x_train[:640], data[0].x_val[:256]
        data = (data[0], data[1][:640], data[2][:256])
    rng = np.random.default_rng(0)
    deadlocks, statuses = 0, {}
    Trainer(model, data=data, epochs=1).run()  # first evaluation: kernels loaded, buffers made
    probes, probing = [0], threading.Event()
    sample = data[0].x_val[:64]

    def probe_loop() -> None:  # a pause between probes, as the GUI's timers leave (a lock is not fair)
        while probing.is_set():
            model.forward(sample)
            probes[0] += 1
            time.sleep(0.002)

    prober = threading.Thread(target=probe_loop, daemon=True)
    if probe:
        probing.set()
        prober.start()
    rss_before = rss_bytes()
    start = time.perf_counter()
    for i in range(cycles):
        trainer = Trainer(model, data=data, epochs=10**6)
        results: list[Any] = []
        thread = threading.Thread(target=lambda t=trainer: results.append(t.run()), daemon=True)
        delays = rng.uniform(0, 0.002, 4) * (rng.random(4) < 0.7)  # often no delay at all
        thread.start()
        time.sleep(delays[0])
        trainer.pause()
        time.sleep(delays[1])
        if i % 3 == 0:
            trainer.step_once()
        trainer.resume()
        time.sleep(delays[2])
        if i % 5 == 0:
            trainer.pause()
            time.sleep(delays[3])
        trainer.stop()
        thread.join(timeout)
        if thread.is_alive() or not results:
            deadlocks += 1
            trainer.resume()
            trainer.stop()
            if deadlocks >= 3:
                break
            continue
        statuses[results[0].status] = statuses.get(results[0].status, 0) + 1
    probing.clear()
    if probe:
        prober.join(timeout)
    return {"workload": workload, "threads": threads.get_threads(), "cycles": i + 1, "deadlocks": deadlocks,
            "statuses": statuses, "probes": probes[0], "seconds": round(time.perf_counter() - start, 2),
            "rss_growth_mb": round((rss_bytes() - rss_before) / 2**20, 2)}


# --- the GUI: event-loop latency and training throughput with every plot live -------------------
def gui_bench(seconds: float, preset: str = GUI_PRESET, size: tuple[int, int] = (1600, 1000),
              steps: int | None = None) -> dict[str, Any]:
    """Train ``preset`` for about ``seconds`` (or exactly ``steps``: runs to compare) in an
    offscreen main window with every plot tab shown in turn, probing the event loop with a 10 ms
    timer; then train the same number of steps headless. Returns latencies, GUI/headless samples
    per second and the GUI thread's CPU time per snapshot (far steadier under load than the ratio)."""
    from playground.commands.common import preset_path
    from playground.engine import Model, Trainer
    from playground.ui.shell.app import create_app, ensure_display

    path = preset_path(preset)
    model = Model.from_preset(path)
    data = model.load_data()
    Trainer(model, data=data, max_steps=5).run()  # kernels compiled and cached
    calib_model = Model.from_preset(path)
    opt = calib_model.make_optimizer()
    bs = model.settings["batch_size"]
    xb, yb = data[0].x_train[:bs], data[1][:bs]
    calib_model.train_step(xb, yb, opt)
    t0 = time.perf_counter()
    for _ in range(40):
        calib_model.train_step(xb, yb, opt)
    steps_per_s = 40 / (time.perf_counter() - t0)
    steps = steps or max(20, int(steps_per_s * seconds))

    ensure_display()
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from playground.ui.shell.main_window import MainWindow

    app = create_app()
    window = MainWindow(restore=False)
    window.document.load(path)
    # Enough epochs for ``seconds`` of training; max_steps ends the run (as the tests do).
    window.document.graph.nodes[model.analysis.optimizer].params["epochs"] = 100_000
    window.resize(*size)
    window.show()
    app.processEvents()
    controller = window.training
    snapshots = [0]
    controller.snapshotReceived.connect(lambda _snap: snapshots.__setitem__(0, snapshots[0] + 1))
    ticks: list[float] = []
    probe_timer = QTimer()
    probe_timer.setTimerType(Qt.PreciseTimer)
    probe_timer.setInterval(10)
    probe_timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    tabs = [t for t in (controller.curve_tabs, controller.view_tabs)]
    rotate = QTimer()
    rotate.setInterval(int(TAB_SECONDS * 1000))  # every view that applies is on screen (and live) in turn

    def next_tab() -> None:  # the tabs a learner can pick: a view that does not apply has none
        for t in tabs:
            shown = [i for i in range(t.count()) if t.isTabVisible(i)] or [t.currentIndex()]
            t.setCurrentIndex(next((i for i in shown if i > t.currentIndex()), shown[0]))
    rotate.timeout.connect(next_tab)
    loop = QEventLoop()
    if not controller.train(max_steps=steps):
        raise RuntimeError(window.statusBar().currentMessage())
    # The run's end quits the loop (a polling timer would take the GIL 50 times a second).
    controller.thread.finished.connect(loop.quit)
    # Wait for the first snapshot (kernels warm, clock running) before probing.
    deadline = time.monotonic() + 120
    while controller.running and controller.worker and controller.worker.trainer is None \
            and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.002)
    probe_timer.start()
    rotate.start()
    cpu_start, wall_start = time.thread_time(), time.perf_counter()
    if controller.running:
        loop.exec()
    gui_cpu = time.thread_time() - cpu_start
    gui_wall = time.perf_counter() - wall_start
    probe_timer.stop()
    rotate.stop()
    result = controller.result
    app.processEvents()
    window.close()
    if result is None:
        raise RuntimeError("the GUI run did not finish")
    intervals = np.diff(np.array(ticks)) * 1000.0
    latency = np.maximum(intervals - 10.0, 0.0) if len(intervals) else np.zeros(1)
    batch = model.settings["batch_size"]
    gui_rate = result.steps * batch / result.seconds

    head_model = Model.from_preset(path)
    head = Trainer(head_model, data=data, epochs=100_000, max_steps=result.steps).run()
    head_rate = head.steps * batch / head.seconds
    return {
        "preset": preset, "steps": result.steps, "gui_seconds": round(result.seconds, 2),
        "headless_seconds": round(head.seconds, 2), "gui_samples_per_s": round(gui_rate),
        "headless_samples_per_s": round(head_rate), "gui_throughput_ratio": round(gui_rate / head_rate, 3),
        "event_loop_ticks": len(ticks), "event_loop_p50_ms": round(float(np.percentile(latency, 50)), 2),
        "event_loop_p99_ms": round(float(np.percentile(latency, 99)), 2),
        "event_loop_max_ms": round(float(latency.max()), 2),
        "gui_thread_cpu_share": round(gui_cpu / max(gui_wall, 1e-9), 3),
        "snapshots": snapshots[0],
        "gui_thread_cpu_ms_per_snapshot": round(gui_cpu * 1000 / max(snapshots[0], 1), 2),
        "targets": {"event_loop_p99_ms": 50, "gui_throughput_ratio": 0.85},
    }


# --- the command ------------------------------------------------------------------------------
def add_commands(sub) -> None:
    bench = sub.add_parser("bench", help="measure engine speed (against PyTorch when installed), "
                                         "start-up, memory and GUI responsiveness")
    bench.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    bench.add_argument("--threads", type=int,
                       help="engine and torch threads; without it the speed table covers 1..cores "
                            "threads (the scaling table), --gui uses the window's default (every "
                            "core but one) and the other runs the engine's default (every core)")
    bench.add_argument("--quick", action="store_true",
                       help="a reduced run for tests: few short rounds, no cold compile")
    bench.add_argument("--workloads", help=f"comma-separated subset of {', '.join(WORKLOADS)}")
    bench.add_argument("--rounds", type=int, help="alternating timing rounds (default 7)")
    bench.add_argument("--no-torch", action="store_true", help="skip PyTorch even when installed")
    bench.add_argument("--torch-isa", choices=("match", "native"), default="match",
                       help="match (default): when OPENBLAS_CORETYPE forces the engine's products "
                            "onto older kernels, hold torch to the same instruction set; native: "
                            "torch's own kernels")
    bench.add_argument("--no-cold", action="store_true", help="skip the cold compile (empty cache)")
    bench.add_argument("--reliability", action="store_true",
                       help=f"{CYCLES:,} start/pause/resume/stop cycles and the RSS growth over "
                            f"{RSS_STEPS:,} steps, instead of the speed table")
    bench.add_argument("--cycles", type=int, help=f"control cycles for --reliability (default {CYCLES})")
    bench.add_argument("--gui", action="store_true",
                       help=f"train {GUI_PRESET} in an offscreen window with every plot live: "
                            "event-loop latency and GUI/headless throughput")
    bench.add_argument("--seconds", type=float, help="length of the --gui run (default 20)")
    bench.add_argument("--preset", default=GUI_PRESET,
                       help=f"the --gui run's preset (default {GUI_PRESET}; spiral: the neuron view live)")
    bench.set_defaults(func=cmd_bench)


def cmd_bench(args) -> int:
    from playground.commands.common import UserError
    from playground.engine import threads as engine_threads

    if args.threads is not None and args.threads < 1:
        raise UserError("--threads must be at least 1")
    if args.threads is not None and args.threads > engine_threads.max_threads():
        raise UserError(f"--threads {args.threads} is more than the {engine_threads.max_threads()} "
                        "this process can use (NUMBA_NUM_THREADS, or the usable cores)")
    # --gui runs at the window's default (Training > Engine threads > Automatic), the rest at the
    # engine's.
    default = engine_threads.interactive_threads() if args.gui else engine_threads.default_threads()
    threads = engine_threads.set_threads(args.threads or default)
    names = list(WORKLOADS)
    if args.workloads:
        names = [n.strip() for n in args.workloads.split(",") if n.strip()]
        unknown = [n for n in names if n not in WORKLOADS]
        if unknown or not names:
            raise UserError(f"unknown workload {', '.join(unknown) or '(none)'}; "
                            f"choose from {', '.join(WORKLOADS)}")
    if args.rounds is not None and args.rounds < 1:
        raise UserError("--rounds must be at least 1")
    counts = [threads] if args.threads else scaling_counts(engine_threads.max_threads())
    report: dict[str, Any] = {
        "machine": machine_info(), "threads": threads, "thread_counts": counts,
        "blas_threads": engine_threads.blas_threads(), "load_average_start": load_average(),
        "quick": bool(args.quick)}
    log = (lambda *a: None) if args.json else (lambda *a: print(*a, file=sys.stderr, flush=True))
    if args.gui:
        report.update(gui_bench(args.seconds or (3.0 if args.quick else 20.0), args.preset))
    elif args.reliability:
        cycles = args.cycles or (50 if args.quick else CYCLES)
        log(f"{cycles} start/pause/resume/stop cycles...")
        report["control_cycles"] = control_cycles(cycles)
        log(f"{cycles} cycles of a parallel-kernel workload ({PARALLEL_CYCLES_WORKLOAD}) with a "
            "probe thread...")
        report["parallel_control_cycles"] = control_cycles(cycles, PARALLEL_CYCLES_WORKLOAD, probe=True)
        log(f"RSS over {RSS_STEPS if not args.quick else 500:,} steps...")
        report["rss"] = rss_growth(500 if args.quick else RSS_STEPS)
    else:
        report.update(speed_report(names, counts, args, log))
    report["load_average_end"] = load_average()
    if args.json:
        print(json.dumps(report))
    else:
        print(format_report(report))
    return 0


def speed_report(names: list[str], counts: list[int], args, log) -> dict[str, Any]:
    use_torch = not args.no_torch and torch_available()
    threads = counts[-1]
    isa = torch_isa(args.torch_isa) if use_torch else None
    out: dict[str, Any] = {"torch_version": None, "torch_isa": isa, "workloads": {}}
    if use_torch:
        import torch

        out["torch_version"] = torch.__version__
    rounds = args.rounds or (2 if args.quick else 7)
    for name in names:
        log(f"timing {name}...")
        out["workloads"][name] = time_workload(name, rounds, 0.05 if args.quick else 0.4, use_torch, counts,
                                                isa)
    if args.quick or args.no_cold:
        out["cold_compile"] = None
    else:
        log("cold compile (empty Numba cache, new process)...")
        out["cold_compile"] = cold_compile(names, threads)
    log("warm start (new process, cache filled)...")
    out["warm_start"] = {n: warm_start(n, threads, 1 if args.quick else 3)
                         for n in (["tiny_mlp"] if args.quick else ["tiny_mlp", "lenet"])}
    log("RSS growth through the Trainer...")
    out["rss"] = rss_growth(500 if args.quick else RSS_STEPS)
    return out


def machine_info() -> dict[str, Any]:
    import platform

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    import numba

    from playground.engine import threads

    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": usable_cores(),
            "python": platform.python_version(), "numpy": np.__version__, "numba": numba.__version__,
            "openblas_core": threads.blas_core(), "openblas_coretype_env": os.environ.get("OPENBLAS_CORETYPE")}


def _torch_kernels(r: dict[str, Any]) -> str:
    found = {w.get("torch_cpu_capability") for w in r.get("workloads", {}).values()} - {None}
    if not found:
        return ""
    held = (f", held to {r['torch_isa']} to match the engine's (--torch-isa native: its own)"
            if r.get("torch_isa") else "")
    return f"; torch kernels {', '.join(sorted(found))}{held}"


def format_report(r: dict[str, Any]) -> str:
    lines = [f"machine: {r['machine']['cpu']}, {r['machine']['usable_cores']} usable cores; "
             f"threads {r['threads']}; load average {r['load_average_start']} -> {r['load_average_end']}; "
             f"OpenBLAS kernels {r['machine']['openblas_core'] or 'unknown'}"
             + (" (forced by OPENBLAS_CORETYPE)" if r['machine']['openblas_coretype_env'] else "")
             + _torch_kernels(r)]
    if "workloads" in r:
        lines.append("steps/s by thread count (engine vs torch, paired rounds, medians); speed-up = "
                     "engine at this count over engine at 1 thread")
        lines.append(f"{'workload':<11} {'batch':>5} {'threads':>7} {'engine':>9} {'torch':>9} {'ratio':>7} "
                     f"{'target':>7} {'speed-up':>8} {'target':>7}")
        for name, w in r["workloads"].items():
            targets = w["targets"]
            for t, entry in w["scaling"].items():
                torch_rate = "-" if entry["torch_steps_per_s"] is None else f"{entry['torch_steps_per_s']:,.0f}"
                ratio = "-" if entry["ratio"] is None else f"{entry['ratio']:.2f}x"
                target = targets["ratio_1_thread"] if t == "1" else targets["ratio_2_threads"]
                one = w["scaling"].get("1")
                speedup, speed_target = "-", ""
                if one and t != "1":
                    speedup = f"{entry['engine_steps_per_s'] / one['engine_steps_per_s']:.2f}x"
                    speed_target = f"{targets['speedup_2_threads']}x" if t == "2" else ""
                lines.append(f"{name:<11} {w['batch_size']:>5} {t:>7} {entry['engine_steps_per_s']:>9,.0f} "
                             f"{torch_rate:>9} {ratio:>7} {str(target) + 'x':>7} {speedup:>8} "
                             f"{speed_target:>7}")
        lines.append("hot-loop bytes: " + ", ".join(f"{n} {w['hot_loop_alloc_bytes']:,}"
                                                    for n, w in r["workloads"].items()))
        if r.get("cold_compile"):
            c = r["cold_compile"]
            lines.append(f"cold compile (empty cache): {c['seconds']} s of first steps "
                         f"({c['process_seconds']} s with process start and data)")
        for name, w in r.get("warm_start", {}).items():
            lines.append(f"warm start, {name}: {w['seconds']} s from process start to the first step")
    for key in ("control_cycles", "parallel_control_cycles"):
        if key in r:
            c = r[key]
            lines.append(f"control cycles ({c['workload']}, {c['threads']} threads"
                         f"{', probe thread: ' + str(c['probes']) + ' probes' if c['probes'] else ''}): "
                         f"{c['cycles']:,}, deadlocks {c['deadlocks']}, {c['statuses']}, {c['seconds']} s")
    if "rss" in r:
        m = r["rss"]
        lines.append(f"RSS growth over {m['steps']:,} Trainer steps: {m['rss_growth_mb']} MB "
                     f"({m['rss_before_mb']} -> {m['rss_after_mb']} MB, {m['trainer_steps_per_s']:,} steps/s)")
    if "event_loop_p99_ms" in r:
        lines.append(f"GUI ({r['preset']}, {r['steps']:,} steps, threads {r['threads']}): event loop p50 {r['event_loop_p50_ms']} ms, "
                     f"p99 {r['event_loop_p99_ms']} ms; {r['gui_samples_per_s']:,} samples/s vs "
                     f"{r['headless_samples_per_s']:,} headless = {r['gui_throughput_ratio']}")
    return "\n".join(lines)
