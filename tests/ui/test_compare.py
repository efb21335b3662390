"""Compare mode as a user drives it: choose runs, start, read the curves and table, save, race."""
import csv
import json

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from playground.engine.loop import sweep_values
from playground.ui.plots import base
from tests.ui.fixtures import (PRESETS, assert_fully_visible, dialog_answers, open_copy,  # noqa: F401
                               settings_dir, settle, window)

CHOSEN = ("sgd", "momentum", "adam")


def open_preset(window, tmp_path, name="xor"):
    open_copy(window, tmp_path, name)
    return window.compare


def choose(controller, keys, steps):
    setup = controller.panel.setup_panel
    for key, check in setup.checks.items():
        check.setChecked(key in keys)
    setup.max_steps.setValue(steps)
    return setup


def run_to_end(qtbot, controller, keys=CHOSEN, steps=150):
    setup = choose(controller, keys, steps)
    QTest.mouseClick(setup.start_button, Qt.LeftButton)
    assert controller.running
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    settle()


@pytest.fixture
def compared(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path)
    run_to_end(qtbot, controller)
    return controller


def test_one_curve_per_chosen_run_all_from_the_same_initial_loss(compared, window):
    assert window.view_mode == "compare" and compared.dock.isVisible()
    curves = compared.panel.curves
    assert list(curves.loss_curves) == list(CHOSEN)
    firsts = []
    for label in CHOSEN:
        x, y = curves.curve_data(label)
        assert len(x) > 5 and x[0] == 0 and np.all(np.diff(x) > 0)
        firsts.append(y[0])
        _, acc = curves.acc_curves[label].getData()
        assert len(acc) == len(x)
    assert len(set(firsts)) == 1  # identical weights: identical loss before the first step
    assert all(len(compared.panel.thumbnails.grids[label][0]) == 100 for label in CHOSEN)
    curves.x_axis.setCurrentIndex(curves.x_axis.findData("samples"))
    x, _ = curves.curve_data("adam")
    assert x[-1] == compared.comparison.results()[-1]["samples_seen"]


def test_results_table_fills_highlights_the_winner_and_saves(compared, tmp_path, monkeypatch):
    table = compared.panel.table
    assert table.rowCount() == len(CHOSEN)
    assert all(table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount()))
    winner = compared.comparison.winner()
    row = table.winner_row()
    assert row is not None and table.item(row, 0).text() == f"★ {winner}"
    assert table.item(row, 5).font().bold() and not table.item((row + 1) % 3, 5).font().bold()
    assert "Winner" in compared.panel.summary.text()

    paths = iter([str(tmp_path / "runs"), str(tmp_path / "runs.json")])
    monkeypatch.setattr(base, "ask_save_path", lambda *args: next(paths))
    QTest.mouseClick(compared.panel.save_csv_button, Qt.LeftButton)
    QTest.mouseClick(compared.panel.save_json_button, Qt.LeftButton)
    rows = list(csv.DictReader(open(tmp_path / "runs.csv")))  # the extension is added
    assert [r["label"] for r in rows] == list(CHOSEN)
    assert [r["winner"] for r in rows].count("True") == 1
    summary = json.loads((tmp_path / "runs.json").read_text())
    assert summary["winner"] == winner and len(summary["runs"][0]["history"]) > 5


def test_sweep_choices_and_bad_values(window, tmp_path):
    controller = open_preset(window, tmp_path)
    setup = choose(controller, ("sgd", "adam"), 10)
    setup.mode.setCurrentIndex(setup.mode.findData("lr"))
    setup.sweep_values.setText("0.01, 0.1")
    assert [s.label for s in setup.specs()] == ["sgd lr=0.01", "sgd lr=0.1", "adam lr=0.01", "adam lr=0.1"]
    assert not setup.lrs["sgd"].isEnabled()
    setup.mode.setCurrentIndex(setup.mode.findData("batch_size"))
    assert [s.batch_size for s in setup.specs()] == ["full", 32, 1, "full", 32, 1]
    assert sweep_values("batch_size", "FULL, 4") == ["full", 4]
    setup.sweep_values.setText("full, 0")
    assert not controller.start() and not controller.running
    assert "at least 1" in window.statusBar().currentMessage()
    choose(controller, (), 10)
    assert not controller.start()
    assert "at least one optimizer" in window.statusBar().currentMessage()


def test_compare_and_training_refuse_to_run_together(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "spiral")
    window.document.graph.nodes["optimizer"].params["epochs"] = 100_000
    assert window.training.train()
    assert not controller.start() and not controller.running
    assert "Stop training" in window.statusBar().currentMessage()
    window.training.stop()
    qtbot.waitUntil(lambda: not window.training.running, timeout=30_000)

    choose(controller, CHOSEN, 0)
    controller.panel.setup_panel.epochs.setValue(100_000)
    assert controller.start() and controller.running
    assert not window.training.train() and not window.training.running
    assert "Stop the comparison" in window.statusBar().currentMessage()
    assert window.training.progress_label.text() == "Comparing optimizers: train (F5) when it ends"
    window.training.actions["step"].trigger()  # F10 is refused the same way, without an error
    assert not window.training.running
    controller.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not controller.running, timeout=30_000)
    assert "Comparing" not in window.training.progress_label.text()  # the label follows the end
    assert {r["status"] for r in controller.comparison.results()} == {"stopped"}
    assert controller.actions["csv"].isEnabled()


def test_race_draws_a_trajectory_per_optimizer_from_the_clicked_start(window, qtbot):
    window.compare.actions["race"].trigger()
    race = window.compare.race
    assert window.compare.tabs.currentWidget() is race and race.isVisible()
    race.set_surface("ravine")
    race.checks["nesterov"].setChecked(False)
    qtbot.waitUntil(lambda: not race.busy() and race.result is not None, timeout=30_000)
    settle()
    target = QPointF(2.0, -0.5)
    scene_pos = race.plot.vb.mapViewToScene(target)
    QTest.mouseClick(race.graphics.viewport(), Qt.LeftButton, Qt.NoModifier,
                     race.graphics.mapFromScene(scene_pos))
    assert race.start == pytest.approx((2.0, -0.5), abs=0.05)
    with qtbot.waitSignal(race.raceFinished, timeout=30_000):
        pass
    assert set(race.result.paths) == {"sgd", "momentum", "adagrad", "rmsprop", "adam"}
    for key, curve in race.curves.items():
        x, y = curve.getData()
        if key == "nesterov":
            assert not curve.isVisible()
            continue
        assert curve.isVisible() and len(x) == race.steps.value() + 1
        assert (x[0], y[0]) == pytest.approx(race.start)
    assert "Ravine" in race.caption.text() and "settled" in race.status.text()


def test_race_waits_until_its_tab_is_shown(window, qtbot):
    race = window.compare.race
    assert not race.isVisible() and race.result is None and not race.running  # nothing at start-up
    window.compare.actions["race"].trigger()
    qtbot.waitUntil(lambda: race.result is not None, timeout=30_000)
    assert race.result.request.surface == race.surface.name


def test_cli_shot_of_the_compare_view(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "compare.png"
    result = subprocess.run([sys.executable, "-m", "playground", "shot", str(PRESETS / "xor.json"), "-o", str(out),
                             "--view", "compare", "--train-steps", "40", "--size", "1000x700"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000


def test_preset_compare_settings_preselect_runs_and_race(window, tmp_path):
    data = json.loads((PRESETS / "xor.json").read_text())
    data.update(view="compare", compare={"optimizers": ["sgd", "adam"],
                                         "sweep": {"name": "lr", "values": [0.001, 0.5]},
                                         "race": {"surface": "rosenbrock", "optimizers": ["sgd", "momentum"]}})
    path = tmp_path / "preset.json"
    path.write_text(json.dumps(data))
    assert window.open_file(path)
    settle()
    controller = window.compare
    assert window.view_mode == "compare" and controller.tabs.currentWidget() is controller.race
    assert [s.label for s in controller.panel.setup_panel.specs()] == [
        "sgd lr=0.001", "sgd lr=0.5", "adam lr=0.001", "adam lr=0.5"]
    race = controller.race
    assert race.surface.name == "rosenbrock"
    assert [k for k, c in race.checks.items() if c.isChecked()] == ["sgd", "momentum"]


def test_start_stop_cycles_end_cleanly(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "spiral")
    choose(controller, CHOSEN, 0)
    controller.panel.setup_panel.epochs.setValue(100_000)
    for _ in range(15):
        assert controller.start()
        qtbot.waitUntil(lambda: controller.panel.curves.received > 0 or not controller.running,
                        timeout=30_000)
        controller.stop()
        qtbot.waitUntil(lambda: not controller.running, timeout=30_000)
        controller.panel.curves.received = 0
    assert controller.comparison is not None and controller.actions["start"].isEnabled()
    assert controller.start()
    thread = controller.thread
    window.close()  # ends the comparison before the window goes
    assert thread.isFinished() and not controller.running


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_setup_panel_and_save_buttons_fit_a_laptop_screen(window, tmp_path, qtbot, size):
    controller = open_preset(window, tmp_path, "spiral")
    window.resize(*size)
    window.set_view_mode("compare")
    qtbot.wait(100)
    settle()
    setup, panel = controller.panel.setup_panel, controller.panel
    scroll = setup.parentWidget().parentWidget()
    assert not scroll.horizontalScrollBar().isVisible()
    assert setup.width() <= scroll.viewport().width()
    for button in (setup.start_button, setup.stop_button, panel.save_csv_button, panel.save_json_button):
        assert_fully_visible(window, button)
    assert setup.start_button.y() == setup.stop_button.y()  # one row


def test_compare_numbers_show_their_range_and_refuse_values_outside_it(window, qtbot):
    setup = window.compare.panel.setup_panel
    for field in (setup.epochs, setup.max_steps, setup.target, *setup.lrs.values()):
        assert "Range:" in field.toolTip() and "default" in field.toolTip()
    setup.epochs.setValue(30)
    setup.epochs.setFocus()
    setup.epochs.selectAll()
    qtbot.keyClicks(setup.epochs.lineEdit(), "1000000")
    qtbot.keyClick(setup.epochs, Qt.Key_Return)
    assert setup.epochs.value() == 30 and setup.options()["epochs"] == 30
    assert "epochs: 1 to 100,000" in setup.epochs.toolTip() and setup.epochs.styleSheet()


def test_gui_and_cli_compare_the_same_runs_for_every_bundled_preset(window, tmp_path, capsys):
    """The Compare view and `playground compare PRESET` read the preset's settings alike. The
    command runs in this process (its main, as the console script calls it): one interpreter
    start per preset would cost more than the comparisons; tests/cli start the real command."""
    from playground.cli import main

    for path in sorted(PRESETS.glob("concept_*.json")) + [PRESETS / "xor.json"]:
        assert window.open_file(path)
        settle()
        gui = [(s.label, s.optimizer, s.hparams, s.batch_size)
               for s in window.compare.panel.setup_panel.specs()]
        capsys.readouterr()
        code = main(["compare", str(path), "--steps", "1", "--quiet", "--json"])
        out, err = capsys.readouterr()
        if "GANLoss" in path.read_text():  # networks trained in turns are refused in one line
            assert code == 2 and "cannot be compared yet" in err, err
            assert len(err.strip().splitlines()) == 1
            continue
        assert code == 0, err
        runs = json.loads(out.strip().splitlines()[-1])["runs"]
        cli = [(r["label"], r["optimizer"], r["hparams"]) for r in runs]
        assert [g[:2] for g in gui] == [c[:2] for c in cli], path.name
        for (_, _, hparams, _), (_, _, used) in zip(gui, cli):
            assert used["lr"] == pytest.approx(hparams["lr"]), path.name


def test_sweeping_a_layer_parameter_and_an_activation_type(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "concept_optimizers_spiral")
    setup = choose(controller, ("adam",), 20)
    index = setup.mode.findData("dense1.units")
    assert index > 0 and setup.mode.itemText(index) == "Sweep dense1.units"
    assert "the same weights and sees the same batches" in setup.note.text()
    setup.mode.setCurrentIndex(index)
    assert setup.sweep_values.text() == "12, 24, 48"  # half, the preset's 24 and double
    assert "wherever its layers have the same shapes" in setup.note.text()  # 8 units share no W
    setup.sweep_values.setText("8, 16")
    QTest.mouseClick(setup.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    settle()
    labels = ["adam dense1.units=8", "adam dense1.units=16"]
    assert list(controller.panel.curves.loss_curves) == labels
    assert [controller.panel.table.item(r, 0).text().lstrip("★ ") for r in range(2)] == labels
    models = [controller.comparison.model(label) for label in labels]
    assert [m.graph.nodes["dense1"].params["units"] for m in models] == [8, 16]

    setup.mode.setCurrentIndex(setup.mode.findData("relu1.type"))
    setup.sweep_values.setText("ReLU, Softmax")
    assert not controller.start()
    assert "'Softmax' cannot replace ReLU" in window.statusBar().currentMessage()
    setup.sweep_values.setText("Sigmoid, ReLU, Tanh")
    assert [s.change for s in setup.specs()] == [("relu1.type", t) for t in ("Sigmoid", "ReLU", "Tanh")]
