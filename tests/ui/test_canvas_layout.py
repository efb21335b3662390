"""The canvas shows the network's shape: wires read top to bottom, never behind a node, node text
stays readable, and the palette shows every name whole."""
import shutil

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetrics, QPainterPathStroker
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from playground.engine.graph import Graph
from playground.engine.registry import node_type
from playground.ui.editor.canvas.node_item import TEXT_PT
from playground.ui.editor.canvas.routing import bezier, wire_path
from playground.ui.editor.canvas.scene import GraphScene
from playground.ui.editor.canvas.view import READABLE_PT
from playground.ui.editor.document import GraphDocument
from playground.ui.editor.edits import MoveNodes
from tests.ui.fixtures import PRESETS, dialog_answers, settings_dir, settle, window  # noqa: F401

PRESET_FILES = sorted(PRESETS.glob("*.json"))


def path_points(path, step: float = 3.0) -> list[QPointF]:
    """Points every ``step`` pixels along a wire, measured along its length."""
    length = path.length()
    count = max(2, int(length / step))
    return [path.pointAtPercent(path.percentAtLength(length * i / count)) for i in range(count + 1)]


def wire_problems(scene: GraphScene) -> list[str]:
    """Every wire that does not run downwards, or passes through a node it does not connect."""
    problems = []
    rects = {node_id: QRectF(item.scenePos(), QRectF(0, 0, *item.size()).size())
             for node_id, item in scene.nodes.items()}
    for edge, item in scene.edges.items():
        if not item.src.anchor().y() < item.dst.anchor().y():
            problems.append(f"{edge} runs upwards")
        points = path_points(item.path())
        if any(b.y() < a.y() - 0.5 for a, b in zip(points, points[1:])):
            problems.append(f"{edge} turns back up on its way")
        for point in points:
            crossed = [n for n, r in rects.items() if n not in (edge.src, edge.dst) and r.contains(point)]
            if crossed:
                problems.append(f"{edge} passes behind {crossed[0]} at {point.x():.0f},{point.y():.0f}")
                break
    return problems


def test_a_wire_blocked_by_a_node_goes_round_it_through_the_free_gap(qtbot):
    start, end = QPointF(0, 0), QPointF(0, 500)
    blocked = [QRectF(-300, 150, 280, 80), QRectF(20, 150, 280, 80)]  # a 40 px gap between them
    points = path_points(wire_path(start, end, blocked))
    assert not any(r.contains(p) for r in blocked for p in points)
    assert all(b.y() >= a.y() - 0.5 for a, b in zip(points, points[1:]))  # always downwards
    assert max(abs(p.x()) for p in points) < 20  # through the gap, not round the outside
    wide = [QRectF(-100, 150, 300, 80)]
    around = path_points(wire_path(start, end, wide))
    assert not any(wide[0].contains(p) for p in around)
    assert min(p.x() for p in around) < -100  # the nearer side: left of the node
    assert path_points(wire_path(start, end, [])) == path_points(bezier(start, end))


def overlapping_nodes(scene: GraphScene) -> list[tuple[str, str]]:
    items = list(scene.nodes.items())
    return [(a, b) for i, (a, ra) in enumerate(items) for b, rb in items[i + 1:]
            if ra.sceneBoundingRect().intersects(rb.sceneBoundingRect())]


@pytest.mark.parametrize("preset", PRESET_FILES, ids=[p.stem for p in PRESET_FILES])
def test_bundled_preset_reads_top_to_bottom_with_no_wire_behind_a_node(qtbot, preset):
    document = GraphDocument()
    document.load(preset)
    scene = GraphScene(document)
    assert scene.edges
    assert wire_problems(scene) == []
    assert overlapping_nodes(scene) == []
    assert label_wire_crossings(scene) == []


def label_wire_crossings(scene: GraphScene) -> list[str]:
    """Wires the label wire (Dataset's targets to the loss) crosses on its way."""
    stroker = QPainterPathStroker()
    stroker.setWidth(1.0)
    labels = [e for e, item in scene.edges.items() if item.src.port.kind == "target"]
    scored = any(p.kind == "target" for n in scene.document.graph.nodes.values()
                 for p in node_type(n.type).inputs)  # a GAN's loss takes none
    assert labels or not scored, "every bundled preset whose loss takes targets has its label wire"
    return [f"{label} x {other}" for label in labels for other, item in scene.edges.items()
            if other != label and stroker.createStroke(scene.edges[label].path()).intersects(
                stroker.createStroke(item.path()))]


def branching_graph() -> Graph:
    """A residual block (Add) followed by two parallel branches joined by a Concat."""
    g = Graph("branches")
    g.add_node("Dataset", {"source": "spiral"}, (0, 0), "data")
    for node_id, type_name, params in [("stem", "Dense", {"units": 8}), ("stem_act", "ReLU", {}),
                                       ("res_a", "Dense", {"units": 8}), ("res_act", "ReLU", {}),
                                       ("res_b", "Dense", {"units": 8}), ("add", "Add", {}),
                                       ("left", "Dense", {"units": 4}), ("right_a", "Dense", {"units": 6}),
                                       ("right_b", "Tanh", {}), ("concat", "Concat", {}),
                                       ("head", "Dense", {"units": 1}), ("output", "Sigmoid", {}),
                                       ("loss", "BCE", {}), ("optimizer", "Adam", {})]:
        g.add_node(type_name, params, (0, 0), node_id)
    for src, dst in [("data", "stem"), ("stem", "stem_act"), ("stem_act", "res_a"), ("res_a", "res_act"),
                     ("res_act", "res_b"), ("res_b", "add"), ("stem_act", "add"), ("add", "left"),
                     ("add", "right_a"), ("right_a", "right_b"), ("left", "concat"), ("right_b", "concat"),
                     ("concat", "head"), ("head", "output")]:
        g.connect(src, "x" if src == "data" else "out", dst, "in")
    g.connect("output", "out", "loss", "pred")
    g.connect("data", "y", "loss", "target")
    g.connect("loss", "loss", "optimizer", "loss")
    return g


def test_auto_layout_of_a_branching_graph_keeps_branches_side_by_side(window):
    window.document.replace(branching_graph(), None)
    settle()
    assert window.document.analysis.ok, window.document.analysis.problems
    scene, graph = window.scene, window.document.graph
    scrambled = {node_id: (250.0 * (n % 5), 100.0 * (n // 5)) for n, node_id in enumerate(reversed(graph.nodes))}
    window.document.push(MoveNodes(graph, scrambled, "Scramble"))
    settle()
    assert wire_problems(scene)  # the scrambled graph has wires running upwards: the check can fail
    window.actions.auto_layout.trigger()
    settle()
    assert wire_problems(scene) == []
    assert overlapping_nodes(scene) == []
    assert label_wire_crossings(scene) == []
    pos = {n: node.position for n, node in graph.nodes.items()}
    assert pos["left"][1] == pos["right_a"][1] and pos["left"][0] != pos["right_a"][0]  # side by side
    assert pos["data"][1] < pos["stem"][1] < pos["add"][1] < pos["concat"][1] < pos["loss"][1] < pos["optimizer"][1]
    chain = ["data", "stem", "stem_act", "res_a", "res_act", "res_b", "add"]
    centres = {scene.nodes[n].port("in", False).scenePos().x() for n in chain[1:]}
    assert len(centres) == 1  # the main chain is one straight column; the skip wire has its own lane


@pytest.mark.parametrize("name", ["spiral", "mnist_lenet", "digits_cnn", "concept_deep_residual", "iris"])
def test_opened_preset_shows_node_text_at_a_readable_size(window, tmp_path, name):
    path = tmp_path / f"{name}.json"
    shutil.copy(PRESETS / f"{name}.json", path)
    assert window.open_file(path)
    settle()
    view = window.view
    assert view.zoom() * TEXT_PT >= READABLE_PT - 1e-6
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.nodes["data"].sceneBoundingRect())  # the network's start


def palette_overflows(win) -> list[str]:
    """Palette lines whose text is wider than the room the tree gives them."""
    tree = win.palette.tree
    cut = []
    for group in range(tree.topLevelItemCount()):
        parent = tree.topLevelItem(group)
        for item in [parent] + [parent.child(r) for r in range(parent.childCount())]:
            option = QStyleOptionViewItem()
            index = tree.indexFromItem(item)
            tree.itemDelegate().initStyleOption(option, index)
            option.rect, option.widget = tree.visualRect(index), tree
            text = tree.style().subElementRect(QStyle.SE_ItemViewItemText, option, tree)
            room = text.width() - max(0, text.right() - tree.viewport().rect().right())  # what shows
            metrics = QFontMetrics(item.font(0))
            cut += [line for line in item.text(0).split("\n") if metrics.horizontalAdvance(line) > room]
    return cut


@pytest.mark.parametrize("size", [(1400, 900), (1366, 768), (1920, 1080)], ids=["1400x900", "1366x768", "1920x1080"])
def test_every_palette_name_fits_whole(qtbot, settings_dir, dialog_answers, size):  # noqa: F811
    from playground.ui.shell.app import create_app
    from playground.ui.shell.main_window import MainWindow

    create_app()
    win = MainWindow()
    qtbot.addWidget(win)
    if size:
        win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    settle()
    assert win.palette.tree.topLevelItemCount() == 5
    assert palette_overflows(win) == []
    assert win.view.width() > win.width() / 2 and win.view.height() > win.height() / 2  # most of it
