"""Editing parameters in the inspector: live, validated by the editors' ranges, undoable."""
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox

from playground.engine.graph import Edge
from tests.ui_fixtures import (dialog_answers, drag_from_palette, lenet, settings_dir, settle,  # noqa: F401
                               window)


def select(window, node_id):
    window.scene.select_nodes([node_id])
    settle()
    return window.inspector.editors


def type_into(qtbot, editor, text):
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor.lineEdit() if hasattr(editor, "lineEdit") else editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    settle()


def test_editors_follow_param_declarations(lenet):
    editors = select(lenet, "conv1")
    assert isinstance(editors["channels"], QSpinBox) and editors["channels"].minimum() == 1
    assert isinstance(editors["padding"], QComboBox) and editors["padding"].currentText() == "same"
    assert isinstance(editors["bias"], QCheckBox) and editors["bias"].isChecked()
    assert isinstance(editors["init_std"], QDoubleSpinBox)
    assert editors["channels"].toolTip()
    assert "conv1" in lenet.inspector.widget().findChildren(type(lenet.inspector.status))[0].text()


def test_typing_units_updates_shapes_on_canvas(lenet, qtbot):
    editors = select(lenet, "dense1")
    type_into(qtbot, editors["units"], "64")
    graph = lenet.document.graph
    assert graph.nodes["dense1"].params["units"] == 64
    assert lenet.document.analysis.shapes["dense1"] == (64,)
    assert lenet.scene.nodes["dense1"].shape_line == "→ 64"
    assert lenet.scene.edges[Edge("dense1", "out", "relu3", "in")].label == "64"
    assert "64" in lenet.inspector.status.text()


def test_small_learning_rate_can_be_typed_in_scientific_notation(lenet, qtbot):
    editors = select(lenet, "optimizer")
    lr = editors["lr"]
    assert lr.text() == "0.001"
    type_into(qtbot, lr, "1e-4")
    assert lenet.document.graph.nodes["optimizer"].params["lr"] == 1e-4
    lr.stepBy(1)
    assert lenet.document.graph.nodes["optimizer"].params["lr"] == 2e-4


def test_param_edits_are_undoable_and_merge(lenet, qtbot):
    editors = select(lenet, "conv2")
    spin = editors["channels"]
    for _ in range(3):
        spin.stepBy(1)
    graph = lenet.document.graph
    assert graph.nodes["conv2"].params["channels"] == 19
    lenet.actions.undo.trigger()
    assert graph.nodes["conv2"].params["channels"] == 16
    assert spin.value() == 16
    lenet.actions.redo.trigger()
    assert spin.value() == 19


def test_choice_and_bool_edits(lenet):
    editors = select(lenet, "conv2")
    combo = editors["padding"]
    combo.activated.emit(combo.findText("same"))
    editors["bias"].click()
    params = lenet.document.graph.nodes["conv2"].params
    assert params["padding"] == "same" and params["bias"] is False
    assert lenet.document.analysis.shapes["conv2"] == (16, 14, 14)


def test_invalid_shape_shows_problem_in_inspector_and_outline(lenet, qtbot):
    editors = select(lenet, "conv2")
    type_into(qtbot, editors["kernel"], "15")
    item = lenet.scene.nodes["conv2"]
    assert item.problems and "15" in item.toolTip()
    assert "⚠" in lenet.inspector.status.text()
    assert "problem" in lenet.validation_label.text()


def test_graph_description_shown_and_editable_without_selection(lenet, qtbot):
    lenet.scene.clearSelection()
    settle()
    fields = lenet.inspector.meta_fields
    assert "LeNet" in fields["title"].text()
    assert "MNIST" in fields["description"].toPlainText()
    fields["title"].setText("My LeNet")
    fields["title"].editingFinished.emit()
    assert lenet.document.graph.meta["title"] == "My LeNet" and lenet.document.dirty
    lenet.actions.undo.trigger()
    assert fields["title"].text() == "LeNet-5 on MNIST"


def test_inspector_follows_selection_and_deletion(window):
    drag_from_palette(window, "Dropout", QPointF(0, 0))
    assert window.inspector.node_id == "dropout1" and "rate" in window.inspector.editors
    window.actions.delete.trigger()
    settle()
    assert window.inspector.node_id is None
