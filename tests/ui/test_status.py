"""The status bar and the compare summary tell one consistent story."""

from playground.engine.compare import RunSpec
from playground.ui.compare.panel import ComparePanel
from playground.ui.compare.worker import CompareSetup, CompareSnapshot
from tests.ui.fixtures import PRESETS, dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401


def open_preset(window, tmp_path, name):
    open_copy(window, tmp_path, name)
    return window.training


def test_the_training_label_never_says_ready_next_to_problems(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "spiral")
    assert controller.progress_label.text() == "Ready to train (F5)"
    window.scene.select_nodes(["optimizer"])
    window.actions.delete.trigger()
    qtbot.waitUntil(lambda: "problem" in window.validation_label.text())
    assert "Ready" not in controller.progress_label.text()
    assert "Fix the problems" in controller.progress_label.text()
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: "valid" in window.validation_label.text())
    assert controller.progress_label.text() == "Ready to train (F5)"


def test_an_empty_canvas_invites_rather_than_lists_problems(window, tmp_path, qtbot):
    """New (or a fresh start) is not an error: no red '3 problems: the graph has no Dataset
    node' beside 'Drag layers from the palette to build a network'."""
    open_preset(window, tmp_path, "xor")
    window.actions.new.trigger()
    settle()
    assert not window.document.graph.nodes
    assert "problem" not in window.validation_label.text()
    assert window.training.progress_label.text() == "Drag layers from the palette to build a network"
    window.editor.add_node("Dense")
    qtbot.waitUntil(lambda: "problem" in window.validation_label.text())


def test_training_and_stopping_messages_end_with_the_run(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "xor")
    controller.train(max_steps=30)
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    assert window.statusBar().currentMessage() != "Training"
    assert controller.progress_label.text().startswith("Finished after 30 steps")

    window.document.graph.nodes["optimizer"].params["epochs"] = 100_000
    controller.train()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Training", timeout=60_000)
    controller.actions["stop"].trigger()
    assert window.statusBar().currentMessage() == "Stopping..."
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
    assert window.statusBar().currentMessage() not in ("Training", "Stopping...")
    assert controller.progress_label.text().startswith("Stopped after")


def test_a_refused_wire_says_cannot_connect_once(window, tmp_path):
    open_preset(window, tmp_path, "spiral")
    scene = window.scene
    assert not scene.try_connect(scene.nodes["data"].port("y", True), scene.nodes["dense2"].port("in", False))
    message = window.statusBar().currentMessage()
    assert message.lower().count("cannot connect") == 1 and "target" in message and "dense2" in message


def result_row(label, status="running", epochs=52.0667, acc=0.8):
    return {"label": label, "hparams": {"lr": 0.01}, "batch_size": 32, "status": status,
            "epochs": epochs, "final_val_loss": 0.3, "best_val_loss": 0.3, "final_val_accuracy": acc,
            "best_val_accuracy": acc, "steps_to_target": None, "samples_per_second": 1000.0,
            "message": "", "history": []}


def compare_panel(qtbot, labels):
    panel = ComparePanel()
    qtbot.addWidget(panel)
    panel.reset(CompareSetup([RunSpec(label, label) for label in labels], 100, 0.7, True, None, None))
    return panel


def starred(panel):
    return [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())
            if panel.table.item(r, 0).text().startswith("★")]


def test_the_compare_summary_names_the_starred_row_and_epochs_are_whole(qtbot):
    panel = compare_panel(qtbot, ["sgd", "adam"])
    panel.update_snapshot(CompareSnapshot(0.5, [result_row("sgd"), result_row("adam")], "adam", False))
    assert starred(panel) == ["★ adam"] and "Leading: adam" in panel.summary.text()
    assert panel.table.item(0, 4).text() == "52"  # epochs done so far, not 52.0667
    diverged = [result_row("sgd", "diverged"), result_row("adam", "diverged")]
    panel.update_snapshot(CompareSnapshot(0.6, diverged, None, True))
    assert starred(panel) == [] and "adam" not in panel.summary.text()
    assert "diverged" in panel.summary.text()
    panel.update_snapshot(CompareSnapshot(1.0, [result_row("sgd", "finished", 100.0),
                                                result_row("adam", "stopped", 52.0667)], "sgd", True))
    assert starred(panel) == ["★ sgd"] and "Leading when stopped: sgd" in panel.summary.text()
    assert [panel.table.item(r, 4).text() for r in range(2)] == ["100", "52.1"]


def test_a_single_run_names_no_winner(qtbot):
    panel = compare_panel(qtbot, ["adam"])
    panel.update_snapshot(CompareSnapshot(1.0, [result_row("adam", "finished", 20.0)], "adam", True))
    assert starred(panel) == [] and "Winner" not in panel.summary.text()


def test_the_training_label_does_not_offer_f5_while_comparing(window, tmp_path, qtbot):
    controller = open_preset(window, tmp_path, "xor")
    compare = window.compare
    assert compare.start(steps=30)
    assert "Ready" not in controller.progress_label.text()
    assert "Comparing" in controller.progress_label.text()
    qtbot.waitUntil(lambda: not compare.running, timeout=60_000)
    assert controller.progress_label.text() == "Ready to train (F5)"
