"""Drawing data in the decision-boundary view: click to add a point of the chosen class, drag to
paint, right-click to remove the nearest point, right-drag to erase, Clear; the Dataset node's
sample count, noise and validation share as sliders beside the plot.

Every edit goes through the document's undo stack: a click is one step, a whole drag is one step
(the stroke is drawn at once and committed on release), a slider drag merges into one step. Drawing
on a generated toy turns it into a ``points`` source holding the toy's current points plus the edit.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (QButtonGroup, QGridLayout, QLabel, QPushButton, QSizePolicy,
                               QSlider, QToolButton, QVBoxLayout, QWidget)

from playground.engine.graph import Graph
from playground.engine.params import MAX_POINT_CLASSES
from playground.engine.registry import node_type
from playground.ui.common import style
from playground.ui.editor.edits import SetParam

PAINT_SPACING = 9.0  # pixels of mouse travel between two painted points
REMOVE_RADIUS = 14.0  # pixels: how near a right-click must be to a point to remove it
ERASE_RADIUS = 12.0
CLASSES_PER_ROW = 5


def _tr(text: str) -> str:
    """``text`` translated (the undo stack's names of the edits, the sliders' labels)."""
    return QCoreApplication.translate("PointEditor", text)


class SetParams(QUndoCommand):
    """Change several parameters of one node at once (the data source and its points)."""

    def __init__(self, graph: Graph, node_id: str, values: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self.graph, self.node_id = graph, node_id
        params = graph.nodes[node_id].params
        self.new = dict(values)
        self.old = {k: params.get(k, node_type(graph.nodes[node_id].type).defaults().get(k)) for k in values}

    def redo(self) -> None:
        for k, v in self.new.items():
            self.graph.set_param(self.node_id, k, v)

    def undo(self) -> None:
        for k, v in self.old.items():
            self.graph.set_param(self.node_id, k, v)


class PointSet:
    """The points on screen: coordinates, class labels and which ones are held out for validation."""

    def __init__(self, xy: np.ndarray, labels: np.ndarray, is_val: np.ndarray, classes: int) -> None:
        self.xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        self.labels = np.asarray(labels, dtype=np.int64).reshape(-1)
        self.is_val = np.asarray(is_val, dtype=bool).reshape(-1)
        self.classes = int(classes)

    @classmethod
    def empty(cls, classes: int = 2) -> PointSet:
        return cls(np.zeros((0, 2)), np.zeros(0), np.zeros(0), classes)

    def __len__(self) -> int:
        return len(self.xy)

    def added(self, xy: np.ndarray, label: int) -> PointSet:
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        return PointSet(np.vstack([self.xy, xy]), np.append(self.labels, np.full(len(xy), label)),
                        np.append(self.is_val, np.zeros(len(xy), dtype=bool)), self.classes)

    def without(self, drop: np.ndarray) -> PointSet:
        keep = ~np.asarray(drop, dtype=bool)
        return PointSet(self.xy[keep], self.labels[keep], self.is_val[keep], self.classes)


class DrawBox(pg.ViewBox):
    """The plot's view box: mouse gestures draw when ``editor.active()``, else pan and zoom as usual."""

    def __init__(self, editor: PointEditor, **kwargs) -> None:
        super().__init__(**kwargs)
        self.editor = editor

    def mouseClickEvent(self, ev) -> None:
        if self.editor.active():
            pos = self.mapSceneToView(ev.scenePos())
            if ev.button() == Qt.LeftButton:
                ev.accept()
                self.editor.add_at(pos.x(), pos.y())
                return
            if ev.button() == Qt.RightButton and self.editor.remove_near(pos.x(), pos.y()):
                ev.accept()
                return
        super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None) -> None:
        if axis is None and self.editor.active() and ev.button() in (Qt.LeftButton, Qt.RightButton):
            ev.accept()
            if ev.isStart():
                start = self.mapSceneToView(ev.buttonDownScenePos())
                self.editor.begin_stroke(ev.button() == Qt.RightButton, start.x(), start.y())
            pos = self.mapSceneToView(ev.scenePos())
            self.editor.stroke_to(pos.x(), pos.y())
            if ev.isFinish():
                self.editor.end_stroke()
            return
        super().mouseDragEvent(ev, axis)


class PointEditor:
    """Turns gestures into edits of ``document``'s Dataset node (``panel`` shows the points)."""

    def __init__(self, show: Callable[[PointSet], None], pixel_size: Callable[[], tuple[float, float]],
                 show_stroke: Callable[[np.ndarray, np.ndarray], None],
                 hide: Callable[[np.ndarray], None]) -> None:
        """``show`` draws a whole point set; during a stroke ``show_stroke`` draws only the points
        painted so far and ``hide`` the erased ones (a mask over the set shown last), so painting
        stays smooth however many points there are."""
        self._show = show
        self._pixel_size = pixel_size
        self._show_stroke = show_stroke
        self._hide = hide
        self.document = None
        self.node_id: str | None = None
        self.enabled = False
        self.points = PointSet.empty()
        self.current_class = 0
        self._stroke: dict[str, Any] | None = None

    # --- state from the panel ---------------------------------------------------------------------
    def attach(self, document, node_id: str | None, enabled: bool, points: PointSet) -> None:
        self.document, self.node_id, self.enabled = document, node_id, enabled
        self.points = points
        self.current_class = min(self.current_class, max(points.classes - 1, 0))

    def active(self) -> bool:
        return self.enabled and self.document is not None and self.node_id is not None

    # --- gestures ----------------------------------------------------------------------------------
    def add_at(self, x: float, y: float) -> None:
        self._commit(self.points.added([[x, y]], self.current_class), _tr("Add a point"))

    def remove_near(self, x: float, y: float) -> bool:
        """Remove the point nearest (x, y) if it is within REMOVE_RADIUS pixels; False if none is."""
        i, distance = self._nearest(x, y)
        if i is None or distance > REMOVE_RADIUS:
            return False
        drop = np.zeros(len(self.points), dtype=bool)
        drop[i] = True
        self._commit(self.points.without(drop), _tr("Remove a point"))
        return True

    def begin_stroke(self, erase: bool, x: float, y: float) -> None:
        self._stroke = {"erase": erase, "before": self.points, "last": None, "painted": [],
                        "erased": np.zeros(len(self.points), dtype=bool)}
        self.stroke_to(x, y)

    def stroke_to(self, x: float, y: float) -> None:
        """Paint (a point every PAINT_SPACING pixels of travel) or erase under the cursor; shown at
        once, committed by ``end_stroke``."""
        s = self._stroke
        if s is None:
            return
        pw, ph = self._pixel_size()
        before = s["before"]
        if s["erase"]:
            if len(before):
                d = np.hypot((before.xy[:, 0] - x) / pw, (before.xy[:, 1] - y) / ph)
                hit = (d <= ERASE_RADIUS) & ~s["erased"]
                if hit.any():
                    s["erased"] |= hit
                    self.points = before.without(s["erased"])
                    self._hide(s["erased"])
            return
        last = s["last"]
        if last is None:
            s["painted"].append((x, y))
        else:  # every PAINT_SPACING pixels along the way (mouse moves come at most ~100 a second)
            distance = float(np.hypot((x - last[0]) / pw, (y - last[1]) / ph))
            steps = int(distance // PAINT_SPACING)
            if not steps:
                return
            f = np.arange(1, steps + 1) * PAINT_SPACING / distance
            s["painted"] += list(zip(last[0] + f * (x - last[0]), last[1] + f * (y - last[1])))
        s["last"] = s["painted"][-1]
        painted = np.array(s["painted"], dtype=np.float64)
        self.points = before.added(painted, self.current_class)
        self._show_stroke(painted, np.full(len(painted), self.current_class))

    def end_stroke(self) -> None:
        s, self._stroke = self._stroke, None
        if s is None or len(self.points) == len(s["before"]):
            return
        self._commit(self.points, _tr("Erase points") if s["erase"] else _tr("Paint {n} points").format(
            n=len(self.points) - len(s["before"])))

    def add_class(self) -> None:
        """One more class to draw (the same points), chosen at once."""
        if self.active() and self.points.classes < MAX_POINT_CLASSES:
            more = PointSet(self.points.xy, self.points.labels, self.points.is_val, self.points.classes + 1)
            self.current_class = more.classes - 1
            self._commit(more, _tr("Add a class"))

    def clear(self) -> None:
        if self.active():
            self._commit(PointSet.empty(self.points.classes), _tr("Clear the points"))

    def set_param(self, name: str, value: Any) -> None:
        """A slider moved or a feature toggled: one undoable change (a slider drag merges into one
        step). Works on any 2D data, also where points cannot be drawn (regression)."""
        if self.document is None or self.node_id is None:
            return
        node = self.document.graph.nodes[self.node_id]
        if node.params.get(name, node_type(node.type).defaults().get(name)) != value:
            self.document.push(SetParam(self.document.graph, self.node_id, name, value))

    # --- helpers ------------------------------------------------------------------------------------
    def _nearest(self, x: float, y: float) -> tuple[int | None, float]:
        if not len(self.points):
            return None, float("inf")
        pw, ph = self._pixel_size()
        d = np.hypot((self.points.xy[:, 0] - x) / pw, (self.points.xy[:, 1] - y) / ph)
        i = int(np.argmin(d))
        return i, float(d[i])

    def _commit(self, points: PointSet, text: str) -> None:
        """Make ``points`` the Dataset node's data, as one undo step."""
        if not self.active():
            return
        self.points = points
        self._show(points)
        graph = self.document.graph
        t = node_type(graph.nodes[self.node_id].type)
        values = t.with_drawn_points(points.xy, points.labels, points.classes)
        self.document.push(SetParams(graph, self.node_id, values, text))


class DataTools(QWidget):
    """The column beside the plot: class picker, Clear, the data sliders and how to draw."""

    classChosen = Signal(int)
    clearClicked = Signal()
    addClassClicked = Signal()
    paramEdited = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("data_tools")
        self.setFixedWidth(158)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 4, 4, 4)
        box.setSpacing(6)
        self.title = QLabel(self.tr("Draw data"))
        self.title.setStyleSheet("font-weight: 600;")
        box.addWidget(self.title)
        self.class_row = QGridLayout()  # CLASSES_PER_ROW colour buttons a row, then "+"
        self.class_row.setSpacing(4)
        self.class_row.setColumnStretch(CLASSES_PER_ROW, 1)
        box.addLayout(self.class_row)
        self.add_class_button = QToolButton()
        self.add_class_button.setText("+")
        self.add_class_button.setObjectName("add_class")
        self.add_class_button.setFixedSize(QSize(26, 24))
        self.add_class_button.setToolTip(self.tr("Add a class (the network's output must then fit it)"))
        self.add_class_button.clicked.connect(self.addClassClicked)
        self.class_group = QButtonGroup(self)
        self.class_group.setExclusive(True)
        self.class_group.idClicked.connect(self.classChosen)
        self.class_buttons: list[QToolButton] = []
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clear_points")
        self.clear_button.setToolTip(self.tr("Remove every point (undo brings them back: Ctrl+Z)"))
        self.clear_button.clicked.connect(self.clearClicked)
        box.addWidget(self.clear_button)
        self.how = QLabel(self.tr("Click or drag: add points\nRight-click or drag: remove"))
        self.how.setWordWrap(True)
        box.addWidget(self.how)
        self.inputs_title = QLabel(self.tr("Inputs"))
        self.inputs_title.setStyleSheet("font-weight: 600;")
        self.inputs_title.setToolTip(self.tr("The features of the 2D points the network takes as its inputs"))
        box.addWidget(self.inputs_title)
        self.inputs = QGridLayout()
        self.inputs.setSpacing(3)
        box.addLayout(self.inputs)
        self.feature_buttons: dict[str, QToolButton] = {}
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(4)
        self.grid.setVerticalSpacing(2)
        box.addLayout(self.grid)
        self.sliders: dict[str, QSlider] = {}
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        self._specs: dict[str, tuple] = {}
        self.status = QLabel()
        self.status.setWordWrap(True)
        box.addWidget(self.status)
        box.addStretch(1)
        self.apply_theme(style.theme())

    def set_controls(self, controls: tuple, helps: dict[str, str]) -> None:
        """One slider per (parameter, label, low, high, step, percent) the source node declares,
        with the parameter's help as its tooltip."""
        if self._specs and [(s[0], *s[2:]) for s in self._specs.values()] == [(c[0], *c[2:]) for c in controls]:
            for name, label, *_ in controls:  # the same sliders, maybe in another language
                self.captions[name].setText(_tr(label))
                self.sliders[name].setToolTip(helps.get(name, ""))
            return
        for row, (name, label, lo, hi, step, percent) in enumerate(controls):
            caption = QLabel(_tr(label))
            value = QLabel()
            value.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            slider = QSlider(Qt.Horizontal)
            slider.setObjectName(f"slider_{name}")
            slider.setToolTip(helps.get(name, ""))
            slider.setRange(0, round((hi - lo) / step))
            slider.valueChanged.connect(lambda i, n=name: self._slid(n, i))
            self.grid.addWidget(caption, 2 * row, 0)
            self.grid.addWidget(value, 2 * row, 1)
            self.grid.addWidget(slider, 2 * row + 1, 0, 1, 2)
            self.sliders[name], self.values[name], self.captions[name] = slider, value, caption
            self._specs[name] = (name, label, lo, hi, step, percent)

    # --- values -------------------------------------------------------------------------------------
    def value_of(self, name: str, index: int) -> Any:
        _, _, lo, hi, step, _ = self._specs[name]
        value = lo + index * step
        return int(round(value)) if isinstance(lo, int) else round(float(value), 6)

    def _text(self, name: str, value: Any) -> str:
        percent = self._specs[name][5]
        return f"{value * 100:.0f} %" if percent else f"{value:,}"

    def _slid(self, name: str, index: int) -> None:
        value = self.value_of(name, index)
        self.values[name].setText(self._text(name, value))
        self.paramEdited.emit(name, value)

    def show_values(self, values: dict[str, Any], relevant: set[str]) -> None:
        """Sliders follow the node (without emitting edits); the ones its source ignores are hidden."""
        for name, slider in self.sliders.items():
            _, _, lo, hi, step, _ = self._specs[name]
            value = values.get(name, lo)
            slider.blockSignals(True)
            slider.setValue(round((min(max(value, lo), hi) - lo) / step))
            slider.blockSignals(False)
            self.values[name].setText(self._text(name, value))
            for widget in (slider, self.values[name], self.captions[name]):
                widget.setVisible(name in relevant)

    def show_features(self, toggles: tuple, values: dict[str, bool], visible: bool) -> None:
        """One toggle per input feature ((parameter, label) pairs the source declares), checked when on."""
        for name, label in toggles:
            if name not in self.feature_buttons:
                button = QToolButton()
                button.setCheckable(True)
                button.setText(label)
                button.setObjectName(f"feature_{name}")
                button.setToolTip(self.tr("Feed {f} to the network").format(f=label))
                button.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
                button.toggled.connect(lambda on, n=name: self.paramEdited.emit(n, bool(on)))
                i = len(self.feature_buttons)  # rows of 2, 3 and 2 on a 6-column grid: x1 x2 / x1² x2² x1x2 / sines
                row, col, span = (0, 3 * i, 3) if i < 2 else (1, 2 * (i - 2), 2) if i < 5 else (2, 3 * (i - 5), 3)
                self.inputs.addWidget(button, row, col, 1, span)
                self.feature_buttons[name] = button
            button = self.feature_buttons[name]
            button.blockSignals(True)
            button.setChecked(bool(values.get(name)))
            button.blockSignals(False)
        self._paint_features()
        self.inputs_title.setVisible(visible)
        for button in self.feature_buttons.values():
            button.setVisible(visible)

    def show_classes(self, classes: int, current: int) -> None:
        """One colour button per class; ``current`` checked."""
        while len(self.class_buttons) > classes:
            button = self.class_buttons.pop()
            self.class_group.removeButton(button)
            button.deleteLater()
        while len(self.class_buttons) < classes:
            i = len(self.class_buttons)
            button = QToolButton()
            button.setCheckable(True)
            button.setObjectName(f"class_{i}")
            button.setToolTip(self.tr("Draw points of class {i} (key {k})").format(i=i, k=i + 1))
            button.setFixedSize(QSize(26, 24))
            self.class_group.addButton(button, i)
            self.class_row.addWidget(button, *divmod(i, CLASSES_PER_ROW))
            self.class_buttons.append(button)
        self.class_row.addWidget(self.add_class_button, *divmod(classes, CLASSES_PER_ROW))
        self.add_class_button.setVisible(0 < classes < MAX_POINT_CLASSES)
        for i, button in enumerate(self.class_buttons):
            button.setChecked(i == current)
        self._paint_classes()

    def _paint_classes(self) -> None:
        t = style.theme()
        for i, button in enumerate(self.class_buttons):
            colour = style.class_color(i, t)
            button.setText(str(i))
            button.setStyleSheet(
                f"QToolButton {{ background: {colour}; color: white; font-weight: 600; border-radius: 4px;"
                f" border: 2px solid transparent; }} QToolButton:checked {{ border: 2px solid {t.text}; }}")

    def _paint_features(self) -> None:
        t = style.theme()
        for button in self.feature_buttons.values():
            button.setStyleSheet(
                f"QToolButton {{ border: 1px solid {t.muted}; border-radius: 3px; padding: 1px 2px; }}"
                f" QToolButton:checked {{ background: {t.highlight}; color: white; border-color: {t.highlight};"
                " font-weight: 600; }")

    def apply_theme(self, theme: style.Theme) -> None:
        muted = f"color: {theme.muted};"
        self.how.setStyleSheet(muted)
        self.status.setStyleSheet(muted)
        self._paint_classes()
        self._paint_features()
