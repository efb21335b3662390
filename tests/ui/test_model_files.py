"""File menu: trained weights in and out, PyTorch export, graph pictures."""
import shutil

import numpy as np

from playground.ui.files import model_files
from tests.ui.fixtures import PRESETS, dialog_answers, settings_dir, settle, window  # noqa: F401


def answer_paths(monkeypatch, *paths):
    queue = iter(str(p) for p in paths)
    monkeypatch.setattr(model_files, "ask_path", lambda *a, **k: next(queue))


def open_copy(window, tmp_path, name="xor"):
    path = tmp_path / f"{name}.json"
    shutil.copy(PRESETS / f"{name}.json", path)
    assert window.open_file(path)
    settle()


def test_trained_weights_round_trip_through_the_menu(window, tmp_path, qtbot, monkeypatch):
    open_copy(window, tmp_path)
    controller = window.training
    controller.train(max_steps=30)
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    trained = controller.model.parameters()["dense1.W"].copy()
    answer_paths(monkeypatch, tmp_path / "w.npz", tmp_path / "w.npz")
    window.model_files.actions["save_weights"].trigger()
    controller.actions["reset"].trigger()
    window.model_files.actions["load_weights"].trigger()
    np.testing.assert_array_equal(controller.model.parameters()["dense1.W"], trained)


def test_weights_that_do_not_fit_name_the_parameter(window, tmp_path, monkeypatch, dialog_answers):
    open_copy(window, tmp_path)
    answer_paths(monkeypatch, tmp_path / "w.npz")
    window.model_files.actions["save_weights"].trigger()
    window.document.graph.set_param("dense1", "units", 5)
    settle()
    answer_paths(monkeypatch, tmp_path / "w.npz")
    assert not window.model_files.load_weights()
    title, text = dialog_answers.errors[-1]
    assert "dense1.W" in text and "2x8 in the file but 2x5 in the graph" in text


def test_exports_write_files(window, tmp_path, monkeypatch):
    open_copy(window, tmp_path, "digits_cnn")
    answer_paths(monkeypatch, tmp_path / "m.py", tmp_path / "g.png", tmp_path / "g.svg")
    window.model_files.actions["export_torch"].trigger()
    window.model_files.actions["export_png"].trigger()
    window.model_files.actions["export_svg"].trigger()
    assert "def build_model" in (tmp_path / "m.py").read_text() and (tmp_path / "m.npz").exists()
    assert (tmp_path / "g.png").stat().st_size > 10_000
    svg = (tmp_path / "g.svg").read_text()
    assert svg.startswith("<?xml") and "conv1" in svg
