"""Building networks on the canvas, acting as a user: palette drops, wires, selection, clipboard."""
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from playground.engine.graph import Edge
from playground.engine.registry import node_type
from playground.ui.editor.canvas.node_item import TEXT_PT
from playground.ui.editor.canvas.view import READABLE_PT
from playground.ui.editor.clipboard import MIME_TYPE, PASTE_OFFSET
from playground.ui.editor.edits import MoveNodes
from tests.ui.fixtures import (click_scene, dialog_answers, drag_from_palette, drag_wire,  # noqa: F401
                               lenet, mouse_drag, node_center, settings_dir, settle, window)


def test_palette_groups_every_category_with_help_tooltips(window):
    tree = window.palette.tree
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert groups == ["Data", "Layers", "Activations", "Losses", "Optimizers"]
    assert "Conv2D" in window.palette.visible_types()
    tip = window.palette.item_for("Conv2D").toolTip(0)
    assert "Conv2D" in tip and node_type("Conv2D").help in tip


def test_palette_search_filters_entries(window, qtbot):
    qtbot.keyClicks(window.palette.search, "pool")
    # MeanOverTime is Keras's GlobalAveragePooling1D: its help says so
    assert window.palette.visible_types() == ["MaxPool2D", "AvgPool2D", "MinPool2D", "MeanOverTime"]
    window.palette.search.clear()
    assert len(window.palette.visible_types()) > 20


def test_drag_from_palette_drops_node_where_released(window):
    assert drag_from_palette(window, "Dense", QPointF(300, 200))
    graph = window.document.graph
    assert list(graph.nodes) == ["dense1"]
    rect = window.scene.nodes["dense1"].sceneBoundingRect()
    assert abs(rect.center().x() - 300) < 3 and rect.contains(QPointF(300, 200))
    assert window.scene.selected_node_ids() == ["dense1"]
    assert window.inspector.node_id == "dense1"


def test_double_click_palette_entry_adds_at_view_centre(window, qtbot):
    item = window.palette.item_for("ReLU")
    window.palette.tree.itemActivated.emit(item, 0)
    centre = window.view.center_scene_pos()
    rect = window.scene.nodes["relu1"].sceneBoundingRect()
    assert abs(rect.center().x() - centre.x()) < 3 and rect.contains(centre)


def scroll_to(window, node_id: str) -> None:
    """Bring a node into view, as the user scrolls down a network taller than the window."""
    window.view.centerOn(window.scene.nodes[node_id])


def build_chain(window):
    drag_from_palette(window, "Dataset", QPointF(0, 0))
    drag_from_palette(window, "Dense", QPointF(260, 0))
    drag_from_palette(window, "CCE", QPointF(520, 60))
    settle()


def test_drag_wire_between_ports_connects_and_labels_shape(window):
    build_chain(window)
    drag_wire(window, "dataset1", "x", "dense1", "in")
    edge = Edge("dataset1", "x", "dense1", "in")
    assert window.document.graph.edges == [edge]
    settle()
    assert window.scene.edges[edge].label == "2"


def test_wire_dragged_backwards_from_input_also_connects(window):
    build_chain(window)
    drag_wire(window, "dense1", "in", "dataset1", "x")
    assert Edge("dataset1", "x", "dense1", "in") in window.document.graph.edges


def test_incompatible_wire_is_refused_with_reason(window):
    build_chain(window)
    drag_wire(window, "dataset1", "y", "dense1", "in")
    assert window.document.graph.edges == []
    message = window.statusBar().currentMessage()
    assert "cannot connect" in message.lower() and "target" in message
    assert window.document.undo_stack.count() == 3


def test_wire_between_two_inputs_is_refused(window):
    build_chain(window)
    drag_wire(window, "dense1", "in", "cce1", "pred")
    assert window.document.graph.edges == []
    assert "two inputs" in window.statusBar().currentMessage()


def test_validation_outlines_broken_nodes_and_reports_in_status_bar(window):
    build_chain(window)
    item = window.scene.nodes["dense1"]
    assert item.problems and "not connected" in item.toolTip()
    assert "problem" in window.validation_label.text()


def test_delete_key_removes_node_and_its_wires_undo_restores(lenet, qtbot):
    graph = lenet.document.graph
    edges_before = list(graph.edges)
    scroll_to(lenet, "flatten")
    click_scene(lenet, node_center(lenet, "flatten"))
    assert lenet.scene.selected_node_ids() == ["flatten"]
    lenet.view.setFocus()
    QTest.keyClick(lenet.view, Qt.Key_Delete)
    assert "flatten" not in graph.nodes and len(graph.edges) == len(edges_before) - 2
    lenet.actions.undo.trigger()
    assert "flatten" in graph.nodes and sorted(map(str, graph.edges)) == sorted(map(str, edges_before))
    lenet.actions.redo.trigger()
    assert "flatten" not in graph.nodes


def test_click_wire_selects_it_and_delete_removes_only_the_wire(lenet):
    edge = Edge("pool2", "out", "flatten", "in")
    item = lenet.scene.edges[edge]
    scroll_to(lenet, "flatten")
    click_scene(lenet, item.path().pointAtPercent(0.3))
    assert lenet.scene.selected_edges() == [edge]
    lenet.actions.delete.trigger()
    graph = lenet.document.graph
    assert edge not in graph.edges and "pool2" in graph.nodes and "flatten" in graph.nodes
    lenet.actions.undo.trigger()
    assert edge in graph.edges


def test_move_node_by_dragging_is_undoable(lenet):
    graph = lenet.document.graph
    before = graph.nodes["conv1"].position
    start = node_center(lenet, "conv1")
    mouse_drag(lenet, start, start + QPointF(40, 100))
    after = graph.nodes["conv1"].position
    assert abs(after[0] - before[0] - 40) < 3 and abs(after[1] - before[1] - 100) < 3
    lenet.actions.undo.trigger()
    assert graph.nodes["conv1"].position == before
    assert lenet.scene.nodes["conv1"].pos() == QPointF(*before)


def test_rubber_band_selects_several_nodes(lenet):
    scene = lenet.scene
    rect = scene.nodes["data"].sceneBoundingRect().united(scene.nodes["relu1"].sceneBoundingRect())
    mouse_drag(lenet, rect.topLeft() - QPointF(15, 15), rect.bottomRight() + QPointF(15, 15))
    assert set(scene.selected_node_ids()) == {"data", "conv1", "relu1"}


def test_copy_paste_adds_renamed_offset_nodes_with_internal_wires(lenet):
    graph = lenet.document.graph
    before = set(graph.nodes)
    lenet.scene.select_nodes(["conv1", "relu1"])
    lenet.actions.copy.trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(MIME_TYPE) and '"conv1"' in mime.text()
    lenet.actions.paste.trigger()
    new = [n for n in graph.nodes if n not in before]
    assert len(graph.nodes) == 18 and [graph.nodes[n].type for n in new] == ["Conv2D", "ReLU"]
    assert set(lenet.scene.selected_node_ids()) == set(new)
    for old, copy in zip(("conv1", "relu1"), new):
        x0, y0 = graph.nodes[old].position
        assert graph.nodes[copy].position == (x0 + PASTE_OFFSET, y0 + PASTE_OFFSET)
    assert Edge(new[0], "out", new[1], "in") in graph.edges
    lenet.actions.undo.trigger()
    assert len(graph.nodes) == 16


def test_paste_plain_json_from_another_program(window):
    snippet = ('{"format": "nn-playground-preset", "version": 1, "nodes": ['
               '{"id": "a", "type": "Dense", "params": {"units": 7}, "position": [10, 20]}], "edges": []}')
    QGuiApplication.clipboard().setText(snippet)
    window.actions.paste.trigger()
    assert window.document.graph.nodes["a"].params["units"] == 7
    assert window.document.graph.nodes["a"].position == (10 + PASTE_OFFSET, 20 + PASTE_OFFSET)
    QGuiApplication.clipboard().setText("not a graph")
    window.actions.paste.trigger()
    assert len(window.document.graph.nodes) == 1 and "Nothing to paste" in window.statusBar().currentMessage()


def test_duplicate_and_select_all(lenet):
    lenet.scene.select_nodes(["dense1"])
    lenet.actions.duplicate.trigger()
    graph = lenet.document.graph
    assert len(graph.nodes) == 17 and graph.nodes["dense4"].params["units"] == 120
    lenet.actions.select_all.trigger()
    assert len(lenet.scene.selected_node_ids()) == 17 and lenet.scene.selected_edges()


def test_auto_layout_is_one_undo_step_without_overlaps(lenet):
    graph = lenet.document.graph
    scrambled = {node_id: (300.0 * (n % 4), 90.0 * (n // 4)) for n, node_id in enumerate(graph.nodes)}
    lenet.document.push(MoveNodes(graph, scrambled, "Scramble"))
    before = {i: n.position for i, n in graph.nodes.items()}
    lenet.actions.auto_layout.trigger()
    rects = [lenet.scene.nodes[i].sceneBoundingRect() for i in graph.nodes]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    assert lenet.document.undo_stack.undoText() == "Auto-layout"
    lenet.actions.undo.trigger()
    assert {i: n.position for i, n in graph.nodes.items()} == before


def wheel(view, dy: int, modifiers=Qt.NoModifier) -> None:
    centre = view.viewport().rect().center()
    event = QWheelEvent(QPointF(centre), QPointF(view.viewport().mapToGlobal(centre)), QPoint(0, 0),
                        QPoint(0, dy), Qt.NoButton, modifiers, Qt.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def test_ctrl_wheel_zooms_and_wheel_scrolls_down_the_network(lenet):
    view = lenet.view
    lenet.actions.fit_view.trigger()
    zoom, top = view.zoom(), view.mapToScene(view.viewport().rect()).boundingRect().top()
    wheel(view, -240)
    assert view.zoom() == zoom
    assert view.mapToScene(view.viewport().rect()).boundingRect().top() > top + 50
    QTest.mouseMove(view.viewport(), view.viewport().rect().center())
    wheel(view, 240, Qt.ControlModifier)
    assert view.zoom() > zoom * 1.2


def test_fit_view_keeps_text_readable_until_the_user_zooms_out(lenet):
    view = lenet.view
    lenet.actions.fit_view.trigger()
    assert view.zoom() * TEXT_PT >= READABLE_PT - 1e-6
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert not visible.contains(lenet.scene.itemsBoundingRect())  # LeNet is taller than the window
    assert visible.contains(lenet.scene.nodes["data"].sceneBoundingRect())  # shown from its start
    while view.zoom() * TEXT_PT >= READABLE_PT:
        lenet.actions.zoom_out.trigger()
    lenet.actions.fit_view.trigger()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(lenet.scene.itemsBoundingRect())
    while view.zoom() * TEXT_PT < READABLE_PT:
        lenet.actions.zoom_in.trigger()
    lenet.actions.fit_view.trigger()
    assert view.zoom() * TEXT_PT >= READABLE_PT - 1e-6


def test_context_menus_offer_node_and_canvas_commands(lenet):
    node_menu = lenet.context_menu(node_center(lenet, "conv1"), lenet.scene.nodes["conv1"])
    assert "&Delete" in [a.text() for a in node_menu.actions()]
    empty = lenet.context_menu(QPointF(-2000, -2000), None)
    add = empty.actions()[0].menu()
    layers = next(a.menu() for a in add.actions() if a.text() == "Layers")
    next(a for a in layers.actions() if a.text() == "Dropout").trigger()
    rect = lenet.scene.nodes["dropout1"].sceneBoundingRect()
    assert abs(rect.center().x() + 2000) < 3 and rect.contains(QPointF(-2000, -2000))
