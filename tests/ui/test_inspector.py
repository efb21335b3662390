"""Editing parameters in the inspector: live, validated by the editors' ranges, undoable."""
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox

from playground.engine.graph import Edge
from playground.engine.registry import node_type
from tests.ui.fixtures import (PRESETS, assert_fully_visible, dialog_answers, drag_from_palette, lenet,  # noqa: F401
                               settings_dir, settle, window)


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
    assert isinstance(editors["channels"], QSpinBox) and "1 to 512" in editors["channels"].toolTip()
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


def test_graph_problems_line_is_on_screen_on_a_laptop(window, tmp_path, qtbot):
    path = tmp_path / "spiral.json"
    path.write_bytes((PRESETS / "spiral.json").read_bytes())
    assert window.open_file(path)
    window.resize(1366, 768)
    window.set_view_mode("editor")
    graph = window.document.graph
    for edge in graph.inputs_of("dense2"):  # relu1 and dense2 are now unconnected: two problems
        graph.disconnect(edge)
    window.scene.clearSelection()
    qtbot.wait(100)
    settle()
    status = window.inspector.status
    assert status.text().count("⚠") == 2
    assert_fully_visible(window, status)
    assert window.inspector.meta_fields["description"].isVisible()


def test_inspector_follows_selection_and_deletion(window):
    drag_from_palette(window, "Dropout", QPointF(0, 0))
    assert window.inspector.node_id == "dropout1" and "rate" in window.inspector.editors
    window.actions.delete.trigger()
    settle()
    assert window.inspector.node_id is None


def test_out_of_range_values_are_refused_with_the_range_and_change_nothing(lenet, qtbot):
    editors = select(lenet, "dense1")
    units, graph, stack = editors["units"], lenet.document.graph, lenet.document.undo_stack
    declared = node_type("Dense").param("units")
    expected = f"units: {declared.minimum:,} to {declared.maximum:,}"
    assert expected == "units: 1 to 4,096"
    before = stack.count()
    for typed in ("0", "100000", "-3"):
        type_into(qtbot, units, typed)
        assert graph.nodes["dense1"].params["units"] == 120 and stack.count() == before, typed
        assert units.value() == 120
        refusal = lenet.inspector.refusals["units"]
        assert refusal.isVisible() and expected in refusal.text()
        assert f"{int(typed):,} not applied" in refusal.text()
        assert "border" in units.styleSheet() and expected in units.toolTip()
    type_into(qtbot, units, "64")
    assert graph.nodes["dense1"].params["units"] == 64
    assert not lenet.inspector.refusals["units"].isVisible() and units.styleSheet() == ""


def test_refused_float_keeps_the_learning_rate_and_arrows_stop_at_the_bounds(lenet, qtbot):
    lr = select(lenet, "optimizer")["lr"]
    type_into(qtbot, lr, "0")
    assert lenet.document.graph.nodes["optimizer"].params["lr"] == 0.001 and lr.text() == "0.001"
    assert "lr: 1e-07 to 1e+07" in lenet.inspector.refusals["lr"].text()
    kernel = select(lenet, "conv2")["kernel"]
    type_into(qtbot, kernel, "15")
    kernel.stepBy(1)
    assert lenet.document.graph.nodes["conv2"].params["kernel"] == 15 and kernel.value() == 15


def test_every_numeric_field_tooltip_shows_range_and_default(lenet):
    for node_id in ("data", "conv1", "pool1", "dense1", "optimizer"):
        t = node_type(lenet.document.graph.nodes[node_id].type)
        editors = select(lenet, node_id)
        for param in t.params:
            if param.name not in editors:  # the Dataset node shows what its source reads
                continue
            tip = editors[param.name].toolTip()
            assert param.help in tip, (node_id, param.name)
            if param.kind in ("int", "float"):
                assert "Range:" in tip and "default" in tip, (node_id, param.name, tip)


def test_the_dataset_node_shows_only_what_its_source_reads_and_follows_a_new_source(lenet, qtbot):
    editors = select(lenet, "data")
    assert lenet.document.graph.nodes["data"].params["source"] == "mnist"
    assert {"samples", "seed"} <= set(editors) and not {"noise", "path", "labels_path"} & set(editors)
    combo = editors["source"]
    combo.activated.emit(combo.findText("csv"))
    qtbot.waitUntil(lambda: "path" in lenet.inspector.editors)
    editors = lenet.inspector.editors
    assert {"path", "label_column"} <= set(editors) and "labels_path" not in editors
    lenet.document.undo_stack.undo()
    qtbot.waitUntil(lambda: "path" not in lenet.inspector.editors)
    assert lenet.inspector.editors["source"].currentText() == "mnist"
