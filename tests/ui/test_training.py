"""Training from the main window, as a user would: buttons, progress, plots, banner, edits, close."""
import shutil
import time

import numpy as np
from PySide6.QtWidgets import QApplication

from playground.ui.common import dialogs
from tests.ui.fixtures import PRESETS, dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401


def open_preset(window, tmp_path, name="xor"):
    open_copy(window, tmp_path, name)
    return window.training


def wait_until(qtbot, condition, timeout=60_000):
    qtbot.waitUntil(condition, timeout=timeout)


def panel(controller, title):
    return next(p for p in controller.panels if p.title == title)


def test_train_xor_until_the_accuracy_plot_passes_095(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path)
    window.actions  # the toolbar is built
    controller.actions["train"].trigger()
    assert controller.running and window.view_mode == "editor"  # its plots are on screen: no jump
    wait_until(qtbot, lambda: not controller.running)
    accuracy = panel(controller, "Accuracy")
    controller.curve_tabs.setCurrentWidget(accuracy)  # the user opens the Accuracy tab
    settle()
    steps, smoothed = accuracy.train_curve.getData()
    assert len(steps) > 10 and np.nanmax(smoothed) >= 0.95
    _, val = accuracy.val_curve.getData()
    assert val[-1] >= 0.95
    assert controller.result.status == "finished"
    assert "Finished after" in controller.progress_label.text()
    for p in controller.panels:
        assert p.received > 0, p.title
    loss = panel(controller, "Loss")
    controller.curve_tabs.setCurrentWidget(loss)
    settle()
    assert len(loss.train_curve.getData()[0]) == len(steps)


def test_pause_resume_stop_cycles_do_not_deadlock(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "spiral")
    window.document.graph.nodes["optimizer"].params["epochs"] = 100_000
    for cycle in range(50):
        assert controller.train()
        wait_until(qtbot, lambda: controller.worker is not None and controller.worker.trainer is not None)
        controller.actions["pause"].trigger()
        controller.actions["pause"].trigger()
        if cycle % 5 == 0:
            controller.actions["step"].trigger()
            controller.actions["train"].trigger()
        controller.actions["stop"].trigger()
        wait_until(qtbot, lambda: not controller.running, timeout=5_000)
    assert controller.result.status == "stopped"


def test_step_trains_exactly_one_batch(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path)
    controller.actions["step"].trigger()
    wait_until(qtbot, lambda: controller.worker.trainer is not None and controller.worker.trainer.step == 1)
    time.sleep(0.2)
    QApplication.processEvents()
    assert controller.worker.trainer.step == 1 and controller.paused
    controller.actions["step"].trigger()
    wait_until(qtbot, lambda: controller.worker.trainer.step == 2)
    controller.actions["stop"].trigger()
    wait_until(qtbot, lambda: not controller.running)


def test_divergence_shows_banner_with_step(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path)
    opt = window.document.graph.nodes["optimizer"]
    window.document.graph.set_param("optimizer", "lr", 1e6)
    assert opt.params["lr"] == 1e6
    window.document.graph.nodes["optimizer"].type = "SGD"
    for extra in ("beta1", "beta2", "eps"):
        opt.params.pop(extra, None)
    settle()
    controller.actions["train"].trigger()
    wait_until(qtbot, lambda: not controller.running)
    assert controller.banner_bar.isVisible()
    assert "diverged at step" in controller.banner.text()


def test_editing_the_network_while_training_asks_first(window, tmp_path, qtbot, monkeypatch):
    controller = open_preset(window, tmp_path, "spiral")
    window.document.graph.nodes["optimizer"].params["epochs"] = 100_000
    answers = []
    monkeypatch.setattr(dialogs, "ask_stop_training", lambda parent: answers.append(1) or False)
    controller.train()
    wait_until(qtbot, lambda: controller.worker.trainer is not None)
    window.scene.select_nodes(["dense1"])
    window.actions.delete.trigger()
    settle()
    assert answers and "dense1" in window.document.graph.nodes and controller.running
    monkeypatch.setattr(dialogs, "ask_stop_training", lambda parent: True)
    window.scene.select_nodes(["dense1"])
    window.actions.delete.trigger()
    wait_until(qtbot, lambda: not controller.running, timeout=5_000)
    assert "dense1" not in window.document.graph.nodes


def test_moving_a_node_while_training_is_allowed(window, tmp_path, qtbot, monkeypatch):
    controller = open_preset(window, tmp_path, "spiral")
    window.document.graph.nodes["optimizer"].params["epochs"] = 100_000
    monkeypatch.setattr(dialogs, "ask_stop_training", lambda parent: (_ for _ in ()).throw(AssertionError))
    controller.train()
    wait_until(qtbot, lambda: controller.worker.trainer is not None)
    from playground.ui.editor.edits import MoveNodes

    window.document.push(MoveNodes(window.document.graph, {"dense1": (50.0, 50.0)}))
    settle()
    assert controller.running
    controller.stop()
    wait_until(qtbot, lambda: not controller.running)


def test_closing_during_training_stops_within_two_seconds(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "mnist_lenet")
    controller.train()
    wait_until(qtbot, lambda: controller.worker is not None and controller.worker.trainer is not None
               and controller.worker.trainer.step > 0, timeout=120_000)
    thread = controller.thread
    start = time.monotonic()
    window.close()
    assert thread.isFinished() and time.monotonic() - start < 2.0


def test_reset_weights_reinitialises_the_model(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path)
    controller.train(max_steps=20)
    wait_until(qtbot, lambda: not controller.running)
    trained = controller.model.parameters()["dense1.W"].copy()
    controller.train(max_steps=5)  # continues from the same weights
    wait_until(qtbot, lambda: not controller.running)
    assert controller.model.parameters()["dense1.W"].shape == trained.shape
    controller.actions["reset"].trigger()
    assert controller.model is None


def test_views_before_training_fit_the_network_and_say_how_to_fill_them(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "digits_cnn")
    window.set_view_mode("training")
    settle()
    assert controller.view_tabs.currentWidget() is panel(controller, "CNN filters")
    loss = panel(controller, "Loss")
    assert loss.hint.isVisible() and "F5" in loss.hint.text()
    open_preset(window, tmp_path, "xor")
    assert controller.view_tabs.currentWidget() is panel(controller, "Decision boundary")
    controller.train(max_steps=5)
    wait_until(qtbot, lambda: not controller.running)
    settle()
    assert not loss.hint.isVisible()


def test_opening_another_network_while_training_asks_to_stop_the_run(window, tmp_path, qtbot,
                                                                     monkeypatch, dialog_answers):
    controller = open_preset(window, tmp_path, "spiral")
    window.document.graph.nodes["optimizer"].params["epochs"] = 100_000
    shutil.copy(PRESETS / "xor.json", tmp_path / "xor.json")
    dialog_answers.open_path = str(tmp_path / "xor.json")
    asked = []
    monkeypatch.setattr(dialogs, "ask_stop_runs", lambda parent, what: asked.append(what) or False)
    monkeypatch.setattr(dialogs, "ask_stop_training",
                        lambda parent: (_ for _ in ()).throw(AssertionError("asked twice")))
    assert controller.train()
    wait_until(qtbot, lambda: controller.worker.trainer is not None)

    window.actions.open.trigger()
    assert asked == ["xor.json"]
    assert controller.running and "dense1" in window.document.graph.nodes  # spiral kept, still training

    monkeypatch.setattr(dialogs, "ask_stop_runs", lambda parent, what: asked.append(what) or True)
    window.actions.open.trigger()
    settle()
    assert not controller.running and window.document.path.name == "xor.json"
    assert controller.actions["train"].isEnabled()


def test_new_network_while_comparing_stops_the_comparison_when_the_user_agrees(window, tmp_path, qtbot,
                                                                              monkeypatch):
    open_preset(window, tmp_path, "spiral")
    compare = window.compare
    compare.panel.setup_panel.epochs.setValue(100_000)
    monkeypatch.setattr(dialogs, "ask_stop_runs", lambda parent, what: what == "a new network")
    assert compare.start()
    window.actions.new.trigger()
    settle()
    assert not compare.running and not window.document.graph.nodes


def shown_data(p):
    """Every curve, scatter and image a panel draws, as (name, amount of data) pairs."""
    import pyqtgraph as pg

    out = []
    for item in p.graphics.ci.items:
        for data in getattr(item, "items", []):
            if isinstance(data, pg.PlotDataItem):
                x = data.getData()[0]
                out.append(("curve", 0 if x is None else len(x)))
            elif isinstance(data, pg.ScatterPlotItem):
                out.append(("scatter", len(data.data)))
            elif isinstance(data, pg.ImageItem):
                out.append(("image", 0 if data.image is None else data.image.size))
    return out


def assert_no_trace_of_a_run(window, label="Ready to train (F5)"):
    controller = window.training
    for p in controller.panels:
        assert p.received == 0, p.title
        assert all(n == 0 for _, n in shown_data(p)), (p.title, shown_data(p))
        assert p.data_table()[1] == [], p.title
    weights = panel(controller, "Weights")
    assert weights.layer_box.count() == 0 and not weights.weights
    assert not panel(controller, "Gradient norms").curves
    assert not panel(controller, "Confusion matrix").texts
    assert controller.result is None and controller.model is None
    assert controller.progress_label.text() == label and not controller.banner_bar.isVisible()
    assert window.statusBar().currentMessage() == ""
    compare = window.compare
    assert compare.panel.table.rowCount() == 0 and not compare.panel.curves.loss_curves
    assert compare.comparison is None and not compare.actions["csv"].isEnabled()
    assert "Start comparison" in compare.panel.summary.text()


def test_opening_another_network_clears_every_view_of_the_previous_run(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "spiral")
    compare = window.compare
    for key, check in compare.panel.setup_panel.checks.items():
        check.setChecked(key in ("sgd", "adam"))
    assert compare.start(steps=20)
    wait_until(qtbot, lambda: not compare.running)
    controller.train(max_steps=40)
    wait_until(qtbot, lambda: not controller.running)
    settle()
    boundary = panel(controller, "Decision boundary")
    assert panel(controller, "Weights").layer_box.findText("dense1") >= 0
    assert any(n for _, n in shown_data(boundary)) and compare.panel.table.rowCount() == 2

    open_preset(window, tmp_path, "mnist_lenet")
    settle()
    assert_no_trace_of_a_run(window)
    assert "two input features" in boundary.placeholder_text and "1x28x28" in boundary.placeholder_text
    assert panel(controller, "CNN filters").placeholder_text == ""

    controller.train(max_steps=3)
    wait_until(qtbot, lambda: not controller.running, timeout=120_000)
    window.actions.new.trigger()
    settle()
    assert not window.document.graph.nodes
    assert_no_trace_of_a_run(window, "Drag layers from the palette to build a network")


def test_opening_another_network_mid_run_leaves_no_trace_of_that_run(window, tmp_path, qtbot, monkeypatch):
    """The stopped run's last snapshot and result are still queued when the new network opens:
    they must not land in its freshly cleared views (the spiral's loss under LeNet)."""
    controller = open_preset(window, tmp_path, "spiral")
    window.document.graph.nodes["optimizer"].params["epochs"] = 100_000
    assert controller.train()
    wait_until(qtbot, lambda: controller.worker is not None and controller.worker.trainer is not None
               and controller.worker.trainer.step > 50)
    monkeypatch.setattr(dialogs, "ask_stop_runs", lambda parent, what: True)
    lenet = tmp_path / "mnist_lenet.json"
    shutil.copy(PRESETS / "mnist_lenet.json", lenet)
    assert window.files.open(lenet)  # as File > Open and the library do
    qtbot.wait(500)
    settle()
    assert not controller.running
    assert_no_trace_of_a_run(window)
    assert panel(controller, "CNN filters").placeholder_text == ""


def test_opening_another_network_mid_comparison_leaves_no_trace_of_it(window, tmp_path, qtbot, monkeypatch):
    open_preset(window, tmp_path, "spiral")
    compare = window.compare
    for key, check in compare.panel.setup_panel.checks.items():
        check.setChecked(key in ("sgd", "adam"))
    assert compare.start(steps=100_000)
    wait_until(qtbot, lambda: compare.panel.table.rowCount() == 2)
    monkeypatch.setattr(dialogs, "ask_stop_runs", lambda parent, what: True)
    lenet = tmp_path / "mnist_lenet.json"
    shutil.copy(PRESETS / "mnist_lenet.json", lenet)
    assert window.files.open(lenet)
    qtbot.wait(500)
    settle()
    assert not compare.running
    assert_no_trace_of_a_run(window)


def test_views_that_do_not_apply_say_why_in_the_view(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "spiral")
    window.set_view_mode("training")
    filters, maps = panel(controller, "CNN filters"), panel(controller, "Feature maps")
    boundary, samples = panel(controller, "Decision boundary"), panel(controller, "Sample predictions")
    assert "no Conv2D layer" in filters.placeholder_text and "Feature maps" in maps.placeholder_text
    assert "image data" in samples.placeholder_text and "2" in samples.placeholder_text
    assert boundary.placeholder_text == ""
    controller.view_tabs.setCurrentWidget(filters)
    settle()
    assert filters.placeholder.isVisible() and not filters.hint.isVisible()
    controller.train(max_steps=5)
    wait_until(qtbot, lambda: not controller.running)
    assert "no Conv2D layer" in filters.placeholder_text  # a run does not make it apply

    open_preset(window, tmp_path, "digits_cnn")
    assert filters.placeholder_text == "" and maps.placeholder_text == ""
    assert "two input features" in boundary.placeholder_text
    controller.view_tabs.setCurrentWidget(boundary)
    settle()
    assert boundary.placeholder.isVisible()


def test_a_redraw_pending_from_the_previous_run_draws_nothing_after_a_reset(qtbot):
    from types import SimpleNamespace

    from playground.ui.plots.boundary import DecisionBoundaryPanel
    from playground.ui.plots.images import ConfusionPanel
    from playground.ui.training.controller import NO_RUN

    for panel, snap in ((DecisionBoundaryPanel(), SimpleNamespace(boundary=(np.ones((4, 4)), (0, 0, 1, 1)))),
                        (ConfusionPanel(), SimpleNamespace(confusion=np.eye(3, dtype=np.int64)))):
        qtbot.addWidget(panel)
        panel.show()
        qtbot.waitExposed(panel)
        panel.update_snapshot(snap)
        panel.update_snapshot(snap)  # within the redraw interval: the second redraw waits on a timer
        assert panel._flush_timer.isActive()
        panel.reset(NO_RUN)  # the next run starts (as on the worker's setup signal)
        qtbot.wait(int(panel.redraw_interval * 1000) + 100)  # an exception in the timer fails the test
        assert panel.data_table()[1] == []


def test_the_first_step_shows_no_speed(window, tmp_path, qtbot):
    """The first step's time is mostly kernel compiling or loading: no "83 samples/s" for it."""
    controller = open_preset(window, tmp_path)
    controller.actions["step"].trigger()
    wait_until(qtbot, lambda: "step 1/" in controller.progress_label.text())
    settle()
    text = controller.progress_label.text()
    assert "step 1/" in text and "samples/s" not in text and "ETA" not in text
    controller.actions["stop"].trigger()
    wait_until(qtbot, lambda: not controller.running)


def test_signals_queued_by_a_run_whose_network_was_replaced_draw_nothing(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "spiral")
    setups, snaps = [], []
    start = controller._start_worker

    def start_and_listen(worker):  # before the thread starts, so no signal is missed
        worker.setup.connect(setups.append)
        worker.snapshot.connect(snaps.append)
        start(worker)

    controller._start_worker = start_and_listen
    assert controller.train(max_steps=30)
    wait_until(qtbot, lambda: bool(setups and snaps))
    controller.stop()
    wait_until(qtbot, lambda: not controller.running)
    open_preset(window, tmp_path, "mnist_lenet")
    settle()
    controller._on_setup(setups[0])  # as if they had still been queued when the network changed
    controller._on_snapshot(snaps[-1])
    settle()
    assert all(p.received == 0 for p in controller.panels)
    assert not controller.progress.isVisible()


def test_an_added_probe_runs_on_the_worker_and_its_result_reaches_snapshot_listeners(window, tmp_path, qtbot):
    import threading

    controller = open_preset(window, tmp_path)
    ran_on = []

    def output_mean(model, data):
        ran_on.append(threading.current_thread())
        return float(model.forward(data.x_val).mean())

    controller.add_probe("output_mean", output_mean)
    seen = []
    controller.snapshotReceived.connect(lambda snap: seen.append(snap.extras.get("output_mean")))
    controller.actions["train"].trigger()
    wait_until(qtbot, lambda: not controller.running)
    values = [v for v in seen if v is not None]
    assert values and all(np.isfinite(values))
    assert ran_on and threading.main_thread() not in ran_on


def test_shot_of_a_named_view_shows_that_panel_in_the_training_view(tmp_path, qtbot):
    from PySide6.QtCore import QSize

    from playground.paths import PRESETS_DIR
    from playground.ui.shell import shot

    shown = []
    real = shot.render_window

    def spy(window, size):
        shown.append((window.view_mode, window.training.view_tabs.currentWidget().view_name))
        return real(window, size)

    shot.render_window, out = spy, tmp_path / "x.png"
    try:
        shot.save_shot(PRESETS_DIR / "mnist_lenet.json", out, QSize(1000, 700), "confusion")
    finally:
        shot.render_window = real
    assert shown == [("training", "confusion")] and out.stat().st_size > 0


def test_each_dock_lists_only_the_views_that_apply_to_the_network(window, tmp_path, qtbot):
    """A spiral lists the boundary and the neurons, not CNN filters, gates or the digit pad; LeNet
    the reverse; wiring a Conv2D into the spiral's editor would bring its views back."""
    controller = open_preset(window, tmp_path, "spiral")
    window.set_view_mode("training")
    settle()

    def listed(tabs):
        return {tabs.tabText(i) for i in range(tabs.count()) if tabs.isTabVisible(i)}

    views = listed(controller.view_tabs)
    assert {"Decision boundary", "Neurons"} <= views
    assert not views & {"CNN filters", "Feature maps", "Gates", "GAN", "Embeddings"}
    assert "Loss" in listed(controller.curve_tabs) and "D and G" not in listed(controller.curve_tabs)
    open_preset(window, tmp_path, "mnist_lenet")
    settle()
    views = listed(controller.view_tabs)
    assert {"CNN filters", "Feature maps"} <= views and "Decision boundary" not in views
    assert controller.view_tabs.isTabVisible(controller.view_tabs.currentIndex())
    controller.show_panel(panel(controller, "Decision boundary"))  # asked for by name: listed again
    assert controller.view_tabs.currentWidget() is panel(controller, "Decision boundary")
    assert "Decision boundary" in listed(controller.view_tabs)


def test_a_run_leaves_the_objects_alive_at_its_start_out_of_full_collections(window, tmp_path, qtbot):
    """A full collection of the window's ~200,000 objects held the GIL ~100 ms on the GUI thread
    (the training thread and the event loop stopped); during a run it scans only what the run
    made, and once the run has ended everything is collected as before."""
    import gc

    open_copy(window, tmp_path, "xor")
    controller = window.training
    frozen = []
    controller.snapshotReceived.connect(lambda _snap: frozen.append(gc.get_freeze_count()))
    assert gc.get_freeze_count() == 0
    assert controller.train(max_steps=200)
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    assert frozen and min(frozen) > 10_000
    assert gc.get_freeze_count() == 0
