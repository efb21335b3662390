"""File menu: trained weights in and out, PyTorch export, graph pictures."""

import numpy as np

from playground.ui.common import dialogs
from playground.ui.files import model_files
from tests.ui.fixtures import PRESETS, dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401


def answer_paths(monkeypatch, *paths):
    queue = iter(str(p) for p in paths)
    monkeypatch.setattr(model_files, "ask_path", lambda *a, **k: next(queue))


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
    answer_paths(monkeypatch, tmp_path / "g.png", tmp_path / "g.svg")
    monkeypatch.setattr(model_files, "ask_folder", lambda *a, **k: str(tmp_path / "project"))
    window.model_files.actions["export_torch"].trigger()
    assert str(tmp_path / "project") in window.statusBar().currentMessage()
    window.model_files.actions["export_png"].trigger()
    window.model_files.actions["export_svg"].trigger()
    assert "def build_model" in (tmp_path / "project" / "model.py").read_text()
    written = {p.name for p in (tmp_path / "project").iterdir()}
    assert {"train.py", "weights.npz", "data.npz", "README.md"} <= written
    assert (tmp_path / "g.png").stat().st_size > 10_000
    svg = (tmp_path / "g.svg").read_text()
    assert svg.startswith("<?xml") and "conv1" in svg


def test_each_export_starts_in_the_users_folder_and_says_where_it_wrote(window, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    open_copy(window, tmp_path)
    starts = []

    def dialog(parent, caption, filter, save=True, start=""):
        starts.append(start)
        return str(tmp_path / ("out" + start[start.rindex("."):]))

    def folder_dialog(parent, caption, start=""):
        starts.append(start)
        return str(tmp_path / "project")

    monkeypatch.setattr(model_files, "ask_path", dialog)
    monkeypatch.setattr(model_files, "ask_folder", folder_dialog)
    folder = tmp_path / "home" / "Documents" / "NN Playground"
    for action, written in (("save_weights", "out.npz"), ("export_torch", "project"),
                            ("export_png", "out.png"), ("export_svg", "out.svg")):
        window.model_files.actions[action].trigger()
        assert str(tmp_path / written) in window.statusBar().currentMessage(), action
    assert starts == [str(folder / "xor.npz"), str(folder), str(folder / "xor.png"), str(folder / "xor.svg")]
    assert folder.is_dir()


def test_a_weights_file_that_cannot_be_written_is_reported(window, tmp_path, monkeypatch, dialog_answers):
    open_copy(window, tmp_path)
    answer_paths(monkeypatch, tmp_path / "missing" / "w.npz")
    assert not window.model_files.save_weights()
    title, text = dialog_answers.errors[-1]
    assert title == "Cannot save weights" and "w.npz" in text and "No such file" in text


def test_pytorch_export_carries_trained_weights_and_asks_before_replacing(window, tmp_path, qtbot,
                                                                         monkeypatch):
    open_copy(window, tmp_path)
    controller = window.training
    controller.train(max_steps=20)
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    trained = controller.model.parameters()["dense1.W"].copy()
    chosen = tmp_path / "projects"  # a folder with other things in it: the export goes in a subfolder
    chosen.mkdir()
    (chosen / "mine.txt").write_text("keep me")
    monkeypatch.setattr(model_files, "ask_folder", lambda *a, **k: str(chosen))
    asked = []
    monkeypatch.setattr(dialogs, "ask_replace_folder", lambda parent, path: asked.append(path) or True)
    assert window.model_files.export_torch()
    folder = chosen / "xor_pytorch"
    assert asked == [] and (chosen / "mine.txt").read_text() == "keep me"
    with np.load(folder / "weights.npz") as weights:
        np.testing.assert_array_equal(weights["dense1.weight"], trained.T)
    assert str(folder) in window.statusBar().currentMessage()
    (folder / "notes.txt").write_text("mine")
    monkeypatch.setattr(dialogs, "ask_replace_folder", lambda parent, path: asked.append(path) or False)
    assert not window.model_files.export_torch()  # choosing the projects folder again: asks, declined
    assert asked == [str(folder)] and (folder / "notes.txt").exists()
    monkeypatch.setattr(model_files, "ask_folder", lambda *a, **k: str(folder))  # the earlier export itself
    monkeypatch.setattr(dialogs, "ask_replace_folder", lambda parent, path: asked.append(path) or True)
    assert window.model_files.export_torch()
    assert asked[-1] == str(folder) and not (folder / "notes.txt").exists()
    assert not (folder / "xor_pytorch").exists()


def test_a_gan_exports_and_saves_both_networks_from_the_menu_before_any_training(window, tmp_path,
                                                                                  monkeypatch):
    open_copy(window, tmp_path, "gan_ring")
    monkeypatch.setattr(model_files, "ask_folder", lambda *a, **k: str(tmp_path / "project"))
    window.model_files.actions["export_torch"].trigger()
    assert str(tmp_path / "project") in window.statusBar().currentMessage()
    source = (tmp_path / "project" / "model.py").read_text()
    assert "class Generator(nn.Module)" in source and "class Discriminator(nn.Module)" in source
    answer_paths(monkeypatch, tmp_path / "w.npz")
    window.model_files.actions["save_weights"].trigger()
    with np.load(tmp_path / "w.npz") as saved:
        assert {"g1.W", "d1.W"} <= set(saved.files)
