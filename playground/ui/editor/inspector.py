"""The inspector: the selected node's parameters as live, undoable editors; the graph's own
name and description when nothing is selected. Problems found by validation are listed below."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QScrollArea,
                               QVBoxLayout, QWidget)

from playground.engine.registry import node_type, shape_text
from playground.ui.common import i18n, style
from playground.ui.common.param_editors import create_editor, field_tip
from playground.ui.editor.document import GraphDocument
from playground.ui.editor.edits import SetMeta, SetParam
from playground.ui.editor.function_view import FunctionView, InputRanges


class MetaText(QPlainTextEdit):
    """A multi-line field that commits when it loses focus; it asks only for its minimum height
    and grows into the space the lines below it leave, so a short dock still shows the problems."""

    def __init__(self, on_commit) -> None:
        super().__init__()
        self.on_commit = on_commit

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def focusOutEvent(self, event) -> None:
        self.on_commit(self.toPlainText())
        super().focusOutEvent(event)


class Inspector(QScrollArea):
    """Shows one node (``show_node``) or the graph (``show_node(None)``)."""

    def __init__(self, document: GraphDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.node_id: str | None = None
        self.editors: dict[str, QWidget] = {}
        self.refusals: dict[str, QLabel] = {}
        self.meta_fields: dict[str, QWidget] = {}
        self.input_ranges: InputRanges | None = None
        self.function_view: FunctionView | None = None
        self.setWidgetResizable(True)
        self.setMinimumWidth(260)
        document.paramChanged.connect(self._param_changed)
        document.nodeRemoved.connect(self._node_removed)
        document.reset.connect(lambda: self.show_node(None))
        document.analysisChanged.connect(lambda _a: self._refresh_status())
        document.metaChanged.connect(self._meta_changed)
        self.show_node(None)

    def follow_training(self, controller) -> None:
        """Shade activation plots with the inputs ``controller``'s runs give each layer."""
        self.input_ranges = InputRanges(controller, self.document)

    def show_selection(self, node_ids: list[str]) -> None:
        if len(node_ids) == 1:
            self.show_node(node_ids[0])
        elif node_ids:
            self.show_node(None, self.tr("{count} nodes selected").format(count=len(node_ids)))
        else:
            self.show_node(None)

    def show_node(self, node_id: str | None, note: str = "") -> None:
        self.node_id = node_id if node_id in self.document.graph.nodes else None
        self.editors, self.refusals = {}, {}
        self.shown_params: set[str] = set()
        self.meta_fields: dict[str, QWidget] = {}
        self.function_view = None
        if self.input_ranges is not None:
            self.input_ranges.wanted = False  # until an activation's function view asks again
        page = QWidget()
        self.box = QVBoxLayout(page)
        self.box.setAlignment(Qt.AlignTop)
        if self.node_id is None:
            self._graph_page(note)
        else:
            self._node_page(self.node_id)
        self.status = QLabel(wordWrap=True, textFormat=Qt.RichText)
        self.box.addWidget(self.status)
        self.box.addStretch(1)
        self.setWidget(page)
        self._refresh_status()

    def _node_page(self, node_id: str) -> None:
        node = self.document.graph.nodes[node_id]
        t = node_type(node.type)
        color = style.category_color(t.category if t else "").name()
        title = QLabel(f"<span style='font-size:13pt;font-weight:600'>{node_id}</span>"
                       f"&nbsp;&nbsp;<span style='color:{color};font-weight:600'>{node.type}</span>")
        self.box.addWidget(title)
        if t:
            help_label = QLabel(i18n.node_help(t), wordWrap=True)
            help_label.setStyleSheet("color: #8a93a3;")
            self.box.addWidget(help_label)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        shown = set(t.relevant_params({**t.defaults(), **node.params})) if t else set()
        self.shown_params = shown
        for param in (t.params if t else ()):
            if param.name not in shown:
                continue
            editor = create_editor(param, node.params.get(param.name, param.default))
            editor.edited.connect(lambda value, name=param.name: self._edit(name, value))
            label = QLabel(i18n.node_text(t.type_name, param.name))
            label.setToolTip(field_tip(param))
            self.editors[param.name] = editor
            if hasattr(editor, "refused"):  # numbers: a value outside the range says so below it
                editor.popup_refusals = False
                refusal = QLabel(wordWrap=True)
                refusal.setStyleSheet(f"color: {style.NODE_ERROR.name()};")
                refusal.hide()
                editor.refused.connect(lambda text, r=refusal: (r.setText(f"⚠ {text}"), r.show()))
                editor.edited.connect(lambda _v, r=refusal: r.hide())
                self.refusals[param.name] = refusal
                field = QWidget()
                column = QVBoxLayout(field)
                column.setContentsMargins(0, 0, 0, 0)
                column.setSpacing(2)
                column.addWidget(editor)
                column.addWidget(refusal)
                form.addRow(label, field)
            else:
                form.addRow(label, editor)
        if t and not t.params:
            form.addRow(QLabel(self.tr("<i>no parameters</i>")))
        self.box.addLayout(form)
        self.function_view = FunctionView.for_node(node_id, node.type, node.params, self.input_ranges)
        if self.function_view is not None:
            self.box.addWidget(self.function_view)

    def _graph_page(self, note: str) -> None:
        meta = self.document.graph.meta
        heading = note or self.tr("Graph")
        self.box.addWidget(QLabel(f"<span style='font-size:13pt;font-weight:600'>{heading}</span>"))
        self.box.addWidget(QLabel(self.tr("Select a node to edit its parameters; drag node types from the "
                                  "palette onto the canvas and wire output ports to input ports."),
                                  wordWrap=True))
        form = QFormLayout()
        for key in ("title", "name"):
            field = QLineEdit(str(meta.get(i18n.preset_key(meta, key), "")))
            field.setObjectName(f"meta_{key}")
            field.editingFinished.connect(lambda key=i18n.preset_key(meta, key), field=field: self._set_meta(key, field.text()))
            form.addRow({"title": self.tr("Title"), "name": self.tr("Name")}[key], field)
            self.meta_fields[i18n.preset_key(meta, key)] = field
        described = i18n.preset_key(meta, "description")  # "description_ko" in Korean, when the preset has it
        description = MetaText(lambda text: self._set_meta(described, text))
        description.setObjectName("meta_description")
        description.setPlainText(str(meta.get(described, "")))
        description.setMinimumHeight(72)
        description.setMaximumHeight(180)
        form.addRow(self.tr("Description"), description)
        self.meta_fields[described] = description
        fields = QWidget()  # takes the spare height for the description, up to its maximum
        fields.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        growth = description.maximumHeight() - description.minimumHeight()
        fields.setMaximumHeight(form.minimumSize().height() + growth)
        self.box.addWidget(fields, 10)

    def _edit(self, name: str, value: Any) -> None:
        if self.node_id is None:
            return
        graph = self.document.graph
        if graph.nodes[self.node_id].params.get(name) != value:
            self.document.push(SetParam(graph, self.node_id, name, value))

    def _set_meta(self, key: str, value: str) -> None:
        if self.document.graph.meta.get(key, "") != value:
            self.document.push(SetMeta(self.document.graph, key, value))

    def _param_changed(self, node_id: str, name: str) -> None:
        if node_id == self.node_id and self._relevant_changed(node_id):
            # another source: other fields, built after the editor that changed it returns
            QTimer.singleShot(0, self, lambda: self.node_id == node_id and self.show_node(node_id))
            return
        if node_id == self.node_id and self.function_view is not None:  # LeakyReLU's slope, say
            node = self.document.graph.nodes[node_id]
            view = FunctionView.for_node(node_id, node.type, node.params, self.input_ranges)
            self.box.replaceWidget(self.function_view, view)
            self.function_view.deleteLater()
            self.function_view = view
        if node_id == self.node_id and name in self.editors:
            self.editors[name].set_value(self.document.graph.nodes[node_id].params[name])
            if name in self.refusals:  # undo, redo: the shown value is the graph's again
                self.refusals[name].hide()
                self.editors[name].show_refusal(None)

    def _relevant_changed(self, node_id: str) -> bool:
        node = self.document.graph.nodes[node_id]
        t = node_type(node.type)
        return bool(t) and set(t.relevant_params({**t.defaults(), **node.params})) != self.shown_params

    def _node_removed(self, node_id: str) -> None:
        if node_id == self.node_id:
            self.show_node(None)

    def _meta_changed(self, key: str) -> None:
        field = self.meta_fields.get(key)
        value = str(self.document.graph.meta.get(key, ""))
        if isinstance(field, QLineEdit) and field.text() != value:
            field.setText(value)
        elif isinstance(field, QPlainTextEdit) and field.toPlainText() != value:
            field.setPlainText(value)

    def _refresh_status(self) -> None:
        analysis = self.document.analysis
        if self.node_id is not None:
            shape = shape_text(analysis.shapes.get(self.node_id))
            lines = [self.tr("Output shape: <b>{shape}</b>").format(shape=shape),
                     self.tr("Parameters: <b>{count:,}</b>").format(count=analysis.param_counts.get(self.node_id, 0))]
            problems = [i18n.engine_text(p) for p in analysis.problems_of(self.node_id)]
        else:
            lines = [self.tr("{nodes} nodes, {params:,} parameters").format(nodes=len(self.document.graph.nodes), params=analysis.total_params)]
            problems = [i18n.engine_text(p.message) for p in analysis.problems]
        lines += [f"<span style='color:{style.NODE_ERROR.name()}'>⚠ {p}</span>" for p in problems]
        self.status.setText("<br>".join(lines))
