"""Files and the window: save/reopen, bad files, unsaved-changes prompts, drops, settings, CLI."""
import json
import subprocess
import sys

from PySide6.QtCore import QPointF, QSize

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
