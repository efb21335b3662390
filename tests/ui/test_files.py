"""Files and the window: save/reopen, bad files, unsaved-changes prompts, drops, settings, CLI."""
import hashlib
import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QPointF, QSize, Qt

from playground.cli import main
from playground.ui.common import dialogs, settings
from playground.ui.files.preset_library import PresetLibrary
from tests.ui.fixtures import (PRESETS, dialog_answers, drag_from_palette, drop_on_canvas,  # noqa: F401
                               file_drop_mime, lenet, settings_dir, settle, window)


def test_save_and_reopen_gives_the_same_graph(lenet, tmp_path, dialog_answers):
    lenet.scene.select_nodes(["dense1"])
    lenet.actions.duplicate.trigger()
    before = lenet.document.graph.to_dict()
    target = tmp_path / "mine.json"
    dialog_answers.save_path = str(target)
    lenet.actions.save_as.trigger()
    assert not lenet.document.dirty and lenet.document.path == target
    assert "mine.json" in lenet.windowTitle()
    lenet.actions.new.trigger()
    assert lenet.document.graph.nodes == {}
    dialog_answers.open_path = str(target)
    lenet.actions.open.trigger()
    assert lenet.document.graph.to_dict() == before


def test_opening_a_malformed_file_keeps_the_current_graph(lenet, tmp_path, dialog_answers):
    before = lenet.document.graph.to_dict()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "nn-playground-preset", "version": 1, "nodes": [')
    assert not lenet.files.open(bad)
    assert dialog_answers.errors and "bad.json" in dialog_answers.errors[0][1]
    assert "invalid JSON" in dialog_answers.errors[0][1]
    assert lenet.document.graph.to_dict() == before and lenet.document.path.name == "lenet.json"


def test_unsaved_changes_prompt_on_new_cancel_and_discard(window, dialog_answers):
    drag_from_palette(window, "Dense", QPointF(0, 0))
    assert window.isWindowModified()
    dialog_answers.save_answer = dialogs.CANCEL
    window.actions.new.trigger()
    assert dialog_answers.save_prompts == 1 and "dense1" in window.document.graph.nodes
    dialog_answers.save_answer = dialogs.DISCARD
    window.actions.new.trigger()
    assert window.document.graph.nodes == {} and not window.document.dirty


def test_unsaved_changes_prompt_on_close_can_cancel_or_save(window, dialog_answers, tmp_path):
    drag_from_palette(window, "Dense", QPointF(0, 0))
    dialog_answers.save_answer = dialogs.CANCEL
    assert not window.close() and window.isVisible()
    dialog_answers.save_answer = dialogs.SAVE
    dialog_answers.save_path = str(tmp_path / "closing.json")
    assert window.close()
    assert json.loads((tmp_path / "closing.json").read_text())["nodes"][0]["type"] == "Dense"


def test_dropping_a_preset_file_on_the_canvas_opens_it(window):
    assert drop_on_canvas(window, file_drop_mime(PRESETS / "iris.json"), QPointF(0, 0))
    assert window.document.path.name == "iris.json" and len(window.document.graph.nodes) == 7


def test_recent_files_and_window_layout_persist_in_settings(window, settings_dir):
    window.open_file(PRESETS / "xor.json")
    window.open_file(PRESETS / "circle.json")
    assert [p.split("/")[-1] for p in settings.recent_files()] == ["circle.json", "xor.json"]
    assert settings.last_preset().endswith("circle.json")
    assert [a.text() for a in window.menus["recent"].actions()] == ["circle.json", "xor.json"]
    window.palette_dock.hide()
    window.close()
    assert (settings_dir / "playground.ini").exists()
    from playground.ui.shell.main_window import MainWindow

    again = MainWindow()
    assert settings.window_state()[1] is not None and again.palette_dock.isHidden()
    again.close()


def test_preset_library_lists_presets_with_descriptions(window, qtbot):
    dialog = PresetLibrary(PRESETS, window)
    qtbot.addWidget(dialog)
    titles = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "LeNet-5 on MNIST" in titles and len(dialog.preset_items()) == len(list(PRESETS.glob("*.json")))
    dialog.list.setCurrentRow(titles.index("LeNet-5 on MNIST"))
    assert "MNIST" in dialog.details.text() and dialog.selected_path.name == "mnist_lenet.json"


def test_main_window_hooks_for_training_views(window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    assert window.training_toolbar.windowTitle() == "Training"
    dock = window.add_panel("Loss curve", QLabel("plot"), Qt.BottomDockWidgetArea)
    assert window.dockWidgetArea(dock) == Qt.BottomDockWidgetArea
    assert dock.toggleViewAction() in window.menus["view"].actions()
    assert window.view_mode == "editor"
    window.set_view_mode("training")
    assert window.view_mode == "training"


def test_render_window_returns_image_of_requested_size(lenet):
    from playground.ui.shell.shot import render_window

    image = render_window(lenet, QSize(900, 600))
    assert (image.width(), image.height()) == (900, 600) and not image.isNull()


def test_cli_open_of_a_bad_file_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    assert main(["open", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("playground: ") and "bad.json" in err and "\n" not in err


def test_cli_shot_writes_png_of_a_view_before_and_after_training(tmp_path):
    out = tmp_path / "shot.png"
    env_run = [sys.executable, "-m", "playground", "shot", str(PRESETS / "xor.json"), "-o", str(out),
               "--size", "800x500", "--view", "training"]
    result = subprocess.run(env_run, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and out.stat().st_size > 10_000
    trained = tmp_path / "trained.png"
    env_run[6] = str(trained)
    result = subprocess.run(env_run + ["--train-steps", "50"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and trained.stat().st_size > out.stat().st_size
    result = subprocess.run(env_run + ["--train-steps", "-3"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "--train-steps must be 0 or more" in result.stderr


def test_train_command_does_not_import_qt():
    code = ("import sys; from playground.cli import build_parser; build_parser(); "
            "print('PySide6' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False"


# --- bundled presets are templates ------------------------------------------------------------

@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh home folder, so the default save folder (Documents/NN Playground) is temporary."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return folder


@pytest.fixture
def bundled_spiral():
    """The bundled spiral preset; its bytes are put back (and the test fails) if a test changed them."""
    path = PRESETS / "spiral.json"
    before = path.read_bytes()
    yield path, hashlib.sha256(before).hexdigest()
    if path.read_bytes() != before:
        path.write_bytes(before)
        pytest.fail("the bundled spiral.json was overwritten")


def set_dense1_units(window, qtbot, value: int) -> None:
    window.scene.select_nodes(["dense1"])
    settle()
    editor = window.inspector.editors["units"]
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor.lineEdit(), str(value))
    qtbot.keyClick(editor, Qt.Key_Return)
    settle()
    assert window.document.graph.nodes["dense1"].params["units"] == value


def press_ctrl_s(window, qtbot) -> None:
    window.activateWindow()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key_S, Qt.ControlModifier)
    settle()


def test_ctrl_s_on_a_bundled_preset_saves_a_copy_in_the_users_folder(window, qtbot, home, bundled_spiral,
                                                                      monkeypatch):
    path, digest = bundled_spiral
    assert window.open_file(path)
    assert window.windowTitle().startswith("spiral (template)")
    set_dense1_units(window, qtbot, 25)
    asked = []

    def save_dialog(parent, suggestion):
        asked.append(suggestion)
        return suggestion

    monkeypatch.setattr(dialogs, "ask_save_path", save_dialog)
    press_ctrl_s(window, qtbot)
    mine = home / "Documents" / "NN Playground" / "spiral.json"
    assert asked == [str(mine)]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    saved = json.loads(mine.read_text())
    assert next(n for n in saved["nodes"] if n["id"] == "dense1")["params"]["units"] == 25
    assert window.document.path == mine and not window.document.dirty
    assert window.statusBar().currentMessage() == f"Saved {mine}"
    assert "template" not in window.windowTitle()
    press_ctrl_s(window, qtbot)  # the copy is the user's own: saved in place without asking
    assert len(asked) == 1 and window.statusBar().currentMessage() == f"Saved {mine}"


def test_cancelling_the_save_of_a_template_writes_nothing(window, qtbot, home, bundled_spiral,
                                                          dialog_answers):
    path, digest = bundled_spiral
    window.open_file(path)
    set_dense1_units(window, qtbot, 25)
    dialog_answers.save_path = None
    press_ctrl_s(window, qtbot)
    assert window.document.dirty and window.document.path == path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert not window.statusBar().currentMessage().startswith("Saved")


def test_save_as_onto_a_bundled_preset_is_refused_with_the_reason(window, qtbot, home, bundled_spiral,
                                                                  dialog_answers):
    path, digest = bundled_spiral
    window.open_file(PRESETS / "xor.json")
    set_dense1_units(window, qtbot, 7)
    dialog_answers.save_path = str(path)
    window.actions.save_as.trigger()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    title, text = dialog_answers.errors[-1]
    assert "bundled" in title and "NN Playground" in text
    assert window.document.dirty


def test_every_save_says_where_it_wrote(lenet, tmp_path, dialog_answers):
    lenet.scene.select_nodes(["dense1"])
    lenet.actions.duplicate.trigger()
    lenet.actions.save.trigger()
    assert lenet.statusBar().currentMessage() == f"Saved {tmp_path / 'lenet.json'}"
    dialog_answers.save_path = str(tmp_path / "other.json")
    lenet.actions.save_as.trigger()
    assert lenet.statusBar().currentMessage() == f"Saved {tmp_path / 'other.json'}"


def test_open_starts_in_the_users_folder_once_it_exists(window, home, monkeypatch):
    folders = []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, folder: folders.append(folder))
    window.actions.open.trigger()
    (home / "Documents" / "NN Playground").mkdir(parents=True)
    window.actions.open.trigger()
    window.open_file(PRESETS / "xor.json")
    window.actions.open.trigger()
    assert folders == [str(PRESETS), str(home / "Documents" / "NN Playground"), str(PRESETS)]


def test_cli_shot_renders_either_theme_whatever_was_saved(tmp_path):
    from PySide6.QtGui import QImage

    env = {**os.environ, "PLAYGROUND_SETTINGS_DIR": str(tmp_path / "settings")}
    lightness = {}
    for theme in ("dark", "light"):
        out = tmp_path / f"{theme}.png"
        result = subprocess.run([sys.executable, "-m", "playground", "shot", "xor", "-o", str(out),
                                 "--size", "800x500", "--theme", theme],
                                capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 0, result.stderr
        image = QImage(str(out))
        samples = [image.pixelColor(image.width() * i // 20, image.height() * j // 20).lightness()
                   for i in range(20) for j in range(20)]
        lightness[theme] = sum(samples) / len(samples)
    assert lightness["dark"] < 100 < lightness["light"]
