"""Choosing a comparison's runs: which optimizers with which learning rate, or one swept setting.

Defaults come from the graph: its own optimizer keeps its learning rate, the others start at their
node declaration's default; a preset's optional ``compare`` settings preselect optimizers or a sweep.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from playground.engine import graph_sweep
from playground.engine.compare import SWEEP_DEFAULTS, ComparePlan, RunSpec, compare_plan, graph_optimizer
from playground.engine.graph import Graph
from playground.engine.loop import sweep_values
from playground.engine.nodes.optimizers import OPTIMIZER_KEYS, optimizer_node
from playground.ui.common import i18n
from playground.ui.common.param_editors import FloatEditor, IntEditor

MODES = {"optimizers": QT_TRANSLATE_NOOP("CompareSetupPanel", "Each optimizer once"),
         "lr": QT_TRANSLATE_NOOP("CompareSetupPanel", "Sweep the learning rate"),
         "batch_size": QT_TRANSLATE_NOOP("CompareSetupPanel", "Sweep the batch size")}
DEFAULT_SWEEPS = {name: ", ".join(map(str, values)) for name, values in SWEEP_DEFAULTS.items()}


class CompareSetupPanel(QWidget):
    """Checkboxes and learning rates per optimizer, sweep choice, run length, Start/Stop."""

    startRequested = Signal()
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)

        runs = QGroupBox(self.tr("Optimizers"))
        grid = QGridLayout(runs)  # tight rows: the whole panel fits a 768-pixel-high screen
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        grid.addWidget(QLabel(self.tr("<b>Run</b>")), 0, 0)
        grid.addWidget(QLabel(self.tr("<b>Learning rate</b>")), 0, 1)
        self.checks: dict[str, QCheckBox] = {}
        self.lrs: dict[str, FloatEditor] = {}
        for row, key in enumerate(OPTIMIZER_KEYS, start=1):
            node = optimizer_node(key)
            check = QCheckBox(node.type_name, checked=True)
            check.setToolTip(i18n.node_help(node))
            lr = FloatEditor(next(p for p in node.params if p.name == "lr"))
            lr.setValue(node.hyper_defaults()["lr"])
            check.toggled.connect(self._refresh_lrs)
            grid.addWidget(check, row, 0)
            grid.addWidget(lr, row, 1)
            self.checks[key], self.lrs[key] = check, lr
        layout.addWidget(runs)

        form = QFormLayout()
        form.setVerticalSpacing(4)
        self.mode = QComboBox()  # may elide its text rather than widen the panel past its column
        self.mode.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.mode.setMinimumContentsLength(10)
        for key, text in MODES.items():
            self.mode.addItem(self.tr(text), key)
        self.mode.setToolTip(self.tr("What differs between the runs: the optimizer, a training setting, "
                                     "or one layer's parameter or type (the rest of the network stays "
                                     "the same, with the same initial weights wherever it can)"))
        self._graph: Graph | None = None
        self._networks: dict[str, Graph] = {}
        self._label = ""
        self._graph_defaults: dict[str, str] = {}
        self.sweep_values = QLineEdit()
        self.sweep_values.setToolTip(self.tr("Comma-separated values; every checked optimizer runs once per value"))
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.epochs = IntEditor(optimizer_node(OPTIMIZER_KEYS[0]).param("epochs"))
        self.epochs.set_value(self.epochs.param.default)
        self.max_steps = QSpinBox(minimum=0, maximum=10_000_000, singleStep=100)
        self.max_steps.setSpecialValueText(self.tr("no limit"))
        self.max_steps.setToolTip(self.tr("Stop every run after this many mini-batch steps\n"
                                  "Range: 0 (no limit) to 10,000,000 · default no limit"))
        self.target = QDoubleSpinBox(minimum=0.0, maximum=1.0, singleStep=0.05, decimals=2, value=0.9)
        self.target.setSpecialValueText(self.tr("off"))
        self.target.setToolTip(self.tr("Count the steps each run needs to reach this validation accuracy\n"
                               "Range: 0 (off) to 1 · default 0.9"))
        form.addRow(self.tr("Runs"), self.mode)
        form.addRow(self.tr("Values"), self.sweep_values)
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Max steps"), self.max_steps)
        form.addRow(self.tr("Target accuracy"), self.target)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start comparison"))
        self.stop_button = QPushButton(self.tr("Stop"), enabled=False)
        self.start_button.clicked.connect(self.startRequested)
        self.stop_button.clicked.connect(self.stopRequested)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        layout.addLayout(buttons)
        self.progress = QProgressBar(textVisible=True)
        layout.addWidget(self.progress)
        self.note = QLabel(self.tr("Every run starts from the same weights and sees the same batches."))
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignTop)
        self.note.setStyleSheet("color: #9aa3b2;")
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._mode_changed()

    def refresh_sweeps(self, graph: Graph) -> None:
        """Offer each layer's parameters and type (``graph_sweep.sweepable``) after the fixed modes;
        the current choice stays when the graph still has it."""
        self._graph = graph
        current = self.mode.currentData()
        self.mode.blockSignals(True)
        while self.mode.count() > len(MODES):
            self.mode.removeItem(self.mode.count() - 1)
        self._graph_defaults = {}
        sweeps = graph_sweep.sweepable(graph)
        if sweeps:
            self.mode.insertSeparator(self.mode.count())
        for name, values in sweeps:
            self.mode.addItem(self.tr("Sweep {name}").format(name=name), name)
            self._graph_defaults[name] = ", ".join(graph_sweep.describe(name, v).split("=", 1)[1]
                                                   for v in values)
        index = self.mode.findData(current)
        self.mode.setCurrentIndex(max(0, index))
        self.mode.blockSignals(False)
        if index < 0:
            self._mode_changed()

    def load_graph(self, graph: Graph) -> None:
        """Defaults for a newly opened graph (its epochs and ``compare_plan``, shared with the CLI)."""
        self.refresh_sweeps(graph)
        plan = compare_plan(graph)
        self._networks, self._label = plan.networks, plan.label  # other networks on the same data
        own = graph_optimizer(graph)
        for key, lr in self.lrs.items():
            lr.setValue(plan.lrs[key])
        if own:
            self.epochs.setValue(int(own[1]["epochs"]))
        for key, check in self.checks.items():
            check.setChecked(key in plan.optimizers)
        self.mode.setCurrentIndex(max(0, self.mode.findData(plan.sweep[0] if plan.sweep else "optimizers")))
        if plan.sweep:
            self.sweep_values.setText(", ".join(graph_sweep.describe(plan.sweep[0], v).split("=", 1)[1]
                                                if graph_sweep.is_graph_sweep(plan.sweep[0])
                                                else f"{v:g}" if isinstance(v, float) else str(v)
                                                for v in plan.sweep[1]))

    def specs(self) -> list[RunSpec]:
        """The chosen runs; ValueError with a readable message when the choice is unusable."""
        keys = [k for k, check in self.checks.items() if check.isChecked()]
        if not keys:
            raise ValueError("choose at least one optimizer to compare")
        mode = self.mode.currentData()
        if graph_sweep.is_graph_sweep(mode):
            sweep = (mode, graph_sweep.sweep_values(self._graph, mode, self.sweep_values.text()))
        else:
            sweep = None if mode == "optimizers" else (mode, sweep_values(mode, self.sweep_values.text()))
        return ComparePlan(keys, {key: lr.value() for key, lr in self.lrs.items()}, sweep,
                           label=self._label, networks=self._networks).specs()

    def options(self) -> dict[str, Any]:
        """Keyword arguments of Comparison besides the specs."""
        target = self.target.value()
        return {"epochs": self.epochs.value(), "steps": self.max_steps.value() or None,
                "target_accuracy": target if target > 0 else None}

    def set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        for widget in (*self.checks.values(), self.mode, self.sweep_values, self.epochs,
                       self.max_steps, self.target):
            widget.setEnabled(not running)
        self._refresh_lrs()

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        self.sweep_values.setEnabled(mode != "optimizers")
        self.sweep_values.setText(DEFAULT_SWEEPS.get(mode, self._graph_defaults.get(mode, "")))
        if mode in MODES:
            self.note.setText(self.tr("Every run starts from the same weights and sees the same batches."))
        else:  # a layer's parameter or type: a layer whose shape changes cannot share weights
            self.note.setText(self.tr("Every run sees the same batches and starts from the same weights "
                                      "wherever its layers have the same shapes; a layer whose shape "
                                      "the sweep changes starts from its own seeded weights."))
        self._refresh_lrs()

    def _refresh_lrs(self) -> None:
        """A learning rate is editable for a checked optimizer unless the lr itself is swept."""
        editable = self.start_button.isEnabled() and self.mode.currentData() != "lr"
        for key, lr in self.lrs.items():
            lr.setEnabled(editable and self.checks[key].isChecked())

