"""The training worker on its own thread, and every live plot panel fed by its snapshots."""
import numpy as np
import pytest
from PySide6.QtCore import QObject, QThread, Slot

from playground.engine import Model
from playground.paths import PRESETS_DIR
from playground.ui.plots import base
from playground.ui.plots.boundary import DecisionBoundaryPanel
from playground.ui.plots.curves import AccuracyPanel, GradientNormPanel, LossPanel
from playground.ui.plots.images import ConfusionPanel, FeatureMapsPanel, FiltersPanel, SamplePredictionsPanel
from playground.ui.plots.weights import WeightHistogramPanel
from playground.ui.training import worker as worker_module
from playground.ui.training.worker import MAX_RATE, TrainingWorker

PANELS = [LossPanel, AccuracyPanel, GradientNormPanel, WeightHistogramPanel, FiltersPanel,
          FeatureMapsPanel, ConfusionPanel, SamplePredictionsPanel, DecisionBoundaryPanel]


class Sink(QObject):
    """Receives the worker's signals on the GUI thread, as the main window does."""

    def __init__(self, panels):
        super().__init__()
        self.panels, self.setups, self.snaps, self.results, self.errors = panels, [], [], [], []

    @Slot(object)
    def on_setup(self, setup):
        self.setups.append(setup)
        for p in self.panels:
            p.reset(setup)

    @Slot(object)
    def on_snapshot(self, snap):
        self.snaps.append(snap)
        for p in self.panels:
            p.update_snapshot(snap)

    @Slot(object)
    def on_finished(self, result):
        self.results.append(result)

    @Slot(str)
    def on_failed(self, message):
        self.errors.append(message)


def run_worker(qtbot, preset, max_steps, panels=(), **model_kwargs):
    model = Model.from_preset(preset, **model_kwargs)
    worker = TrainingWorker(model, max_steps=max_steps)
    thread = QThread()
    worker.moveToThread(thread)
    sink = Sink(list(panels))
    worker.setup.connect(sink.on_setup)
    worker.snapshot.connect(sink.on_snapshot)
    worker.finished.connect(sink.on_finished)
    worker.failed.connect(sink.on_failed)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.started.connect(worker.run)
    with qtbot.waitSignal(thread.finished, timeout=120_000):
        thread.start()
    thread.wait()
    assert not sink.errors, sink.errors
    return sink


def test_snapshots_are_throttled_copies(qtbot, monkeypatch):
    monkeypatch.setattr(worker_module, "REPORTS_PER_SECOND", float("inf"))  # a run slower than it
    sink = run_worker(qtbot, PRESETS_DIR / "xor.json", 400)
    assert sink.results[0].steps == 400
    assert 1 <= len(sink.snaps) < 400
    total_steps = sum(len(s.steps) for s in sink.snaps)
    assert total_steps == 400  # every step's loss arrives, batched
    gaps = np.diff([s.step for s in sink.snaps])
    assert np.all(gaps > 0)
    weights = sink.snaps[-1].weights["dense1.W"]
    weights[...] = 123.0  # a copy: changing it cannot touch the model
    assert MAX_RATE <= 30


def test_a_fast_run_reports_groups_of_steps(qtbot, monkeypatch):
    """Faster than REPORTS_PER_SECOND steps a second, a run reports every n-th step (and each
    epoch end): its loss is the mean of the group, the curves lose no step range."""
    monkeypatch.setattr(worker_module, "REPORTS_PER_SECOND", 5.0)
    monkeypatch.setattr(worker_module, "MAX_RATE", 50.0)
    sink = run_worker(qtbot, PRESETS_DIR / "spiral.json", 3000)
    assert sink.results[0].steps == 3000
    steps = np.concatenate([s.steps for s in sink.snaps])
    assert steps[-1] == 3000 and np.all(np.diff(steps) > 0)
    assert len(steps) < 3000 / 2
    losses = np.concatenate([s.train_loss for s in sink.snaps])
    assert np.all(np.isfinite(losses))


def test_a_paused_fast_run_steps_one_report_a_step(qtbot, monkeypatch):
    """F10 after a fast stretch: each single step is on screen, not held back for a group."""
    monkeypatch.setattr(worker_module, "REPORTS_PER_SECOND", 5.0)
    monkeypatch.setattr(worker_module, "MAX_RATE", 50.0)
    model = Model.from_preset(PRESETS_DIR / "spiral.json")
    model.settings["epochs"] = 100_000
    worker = TrainingWorker(model, max_steps=10**7)
    thread = QThread()
    worker.moveToThread(thread)
    sink = Sink([])
    worker.snapshot.connect(sink.on_snapshot)
    worker.finished.connect(thread.quit)
    thread.started.connect(worker.run)
    thread.start()
    qtbot.waitUntil(lambda: worker.trainer is not None and worker.trainer.report_every > 1, timeout=60_000)
    worker.pause()
    qtbot.waitUntil(lambda: bool(sink.snaps) and sink.snaps[-1].status == "paused", timeout=10_000)
    for _ in range(3):
        before = sink.snaps[-1].step
        worker.step_once()
        qtbot.waitUntil(lambda before=before: sink.snaps[-1].step > before, timeout=10_000)
        assert sink.snaps[-1].step == before + 1
    worker.stop()
    worker.resume()
    qtbot.waitUntil(lambda: not thread.isRunning(), timeout=10_000)
    thread.wait()


@pytest.mark.parametrize("preset,steps", [("spiral", 300), ("digits_cnn", 120)])
def test_every_panel_receives_and_draws_data(qtbot, preset, steps, tmp_path, monkeypatch):
    panels = [cls() for cls in PANELS]
    for p in panels:
        qtbot.addWidget(p)
        p.show()
    sink = run_worker(qtbot, PRESETS_DIR / f"{preset}.json", steps, panels)
    image_input = "digits" in preset
    for p in panels:
        assert p.received == len(sink.snaps) > 0
    loss, acc, grads, weights, filters, fmaps, confusion, samples, boundary = panels
    assert len(loss.raw) == steps and np.all(np.isfinite(loss.smooth.y))
    assert np.nanmax(acc.raw.y) > 0.5
    assert all(len(s) > 0 for s in grads.series.values())
    assert weights.counts.sum() > 0
    assert confusion.matrix.sum() > 0
    if image_input:
        assert filters.shown.shape[0] > 3 and fmaps.shown.shape[0] > 3
        assert len(samples.texts) == 24 and samples.texts[0].toPlainText()
    else:
        assert boundary.grid.shape == (100, 100) and boundary.grid.std() > 0
    path = tmp_path / "loss.csv"
    loss.save_csv(str(path))
    assert path.read_text().splitlines()[0].startswith("step,train_loss")
    monkeypatch.setattr(base, "ask_save_path", lambda *a: str(tmp_path / "shot.png"))
    assert weights.save_png() and (tmp_path / "shot.png").stat().st_size > 0


def test_divergence_finishes_with_status(qtbot, tmp_path):
    import json

    data = json.loads((PRESETS_DIR / "xor.json").read_text())
    for node in data["nodes"]:
        if node["id"] == "optimizer":
            node["type"], node["params"] = "SGD", {"lr": 1e6, "batch_size": 16, "epochs": 50}
    sink = run_worker(qtbot, data, None)
    assert sink.results[0].status == "diverged"
    assert "diverged at step" in sink.results[0].message
