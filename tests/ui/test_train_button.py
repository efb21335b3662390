"""Train looks like what F5 would do: disabled, with the reason as its tooltip, for an empty or
broken graph; F5 then says why in the status bar, and that message goes once the graph is fixed."""
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401,F811


def _button(window):
    controller = window.training
    return controller.toolbar.widgetForAction(controller.actions["train"])


def test_a_fresh_window_says_how_to_start_and_train_looks_disabled(window, qtbot):
    controller = window.training
    assert not window.document.graph.nodes
    assert controller.progress_label.text() == "Drag layers from the palette to build a network"
    button = _button(window)
    assert not button.isEnabled() and button.toolTip() == "Drag layers from the palette to build a network"
    window.activateWindow()
    QTest.keyClick(window, Qt.Key_F5)
    assert window.statusBar().currentMessage().startswith("Cannot train")
    assert not controller.running


def test_a_broken_graph_disables_train_and_undo_clears_the_refusal(window, tmp_path, qtbot):
    controller = window.training
    open_copy(window, tmp_path, "spiral")
    button = _button(window)
    assert button.isEnabled() and button.toolTip() == "Start or continue training (F5)"
    window.scene.select_nodes(["optimizer"])
    window.actions.delete.trigger()
    qtbot.waitUntil(lambda: "problem" in window.validation_label.text())
    assert not button.isEnabled() and button.toolTip().startswith("Cannot train: ")
    QTest.keyClick(window, Qt.Key_F5)
    assert window.statusBar().currentMessage() == button.toolTip() and not controller.running
    window.actions.undo.trigger()
    qtbot.waitUntil(lambda: "valid" in window.validation_label.text())
    settle()
    assert button.isEnabled() and button.toolTip() == "Start or continue training (F5)"
    assert window.statusBar().currentMessage() == ""  # no "Cannot train" beside "valid graph"
    assert controller.progress_label.text() == "Ready to train (F5)"
    QTest.keyClick(window, Qt.Key_F5)
    assert controller.running
    controller.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not controller.running, timeout=20_000)
