"""The "Optimizers" page of the Compare dock: setup on the left, curves and decision boundaries
above, the results table below."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget

from playground.ui.compare.plots import BoundaryThumbnailsPanel, CompareCurvesPanel
from playground.ui.compare.setup import CompareSetupPanel
from playground.ui.compare.table import ResultsTable
from playground.ui.compare.worker import CompareSetup, CompareSnapshot

PROMPT = "Choose optimizers and press Start comparison."
NO_RUNS = CompareSetup([], 0, float("nan"), False, None, None)


class ComparePanel(QWidget):
    """Feeds the worker's setup and snapshots to the curves, thumbnails and results table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setup_panel = CompareSetupPanel()
        self.curves = CompareCurvesPanel()
        self.thumbnails = BoundaryThumbnailsPanel()
        self.table = ResultsTable()
        self.summary = QLabel(PROMPT)
        self.summary.setWordWrap(True)
        self.save_csv_button = QPushButton("Save CSV…", enabled=False)
        self.save_json_button = QPushButton("Save JSON…", enabled=False)

        scroll = QScrollArea()
        scroll.setWidget(self.setup_panel)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(290)  # room for the widest choice, "Sweep the learning rate"
        scroll.setMaximumWidth(330)
        results = QWidget()
        column = QVBoxLayout(results)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.save_csv_button)
        row.addWidget(self.save_json_button)
        column.addLayout(row)
        column.addWidget(self.table, 1)
        top = QSplitter(Qt.Horizontal)
        top.addWidget(self.curves)
        top.addWidget(self.thumbnails)
        top.setStretchFactor(0, 5)
        top.setStretchFactor(1, 2)
        top.setSizes([700, 280])
        right = QSplitter(Qt.Vertical)
        right.addWidget(top)
        right.addWidget(results)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 1)
        right.setSizes([360, 240])  # the default six runs fit the table at 1366x768
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(scroll)
        layout.addWidget(right, 1)

    def reset(self, setup: CompareSetup) -> None:
        self.curves.reset(setup)
        self.thumbnails.reset(setup)
        self.table.reset(setup, self.setup_panel.options()["target_accuracy"])
        self.setup_panel.progress.setValue(0)
        self._rule = ("highest final validation accuracy, then lowest validation loss"
                      if setup.classification else "lowest final validation loss")
        if any(spec.change for spec in setup.specs):
            self.summary.setText(self.tr("{n} runs of {name}: the same initial weights wherever a "
                                         "layer keeps its shape, on the same batches.").format(
                n=len(setup.specs), name=setup.specs[0].change[0]))
        else:
            self.summary.setText(f"{len(setup.specs)} runs from the same initial weights "
                                 f"(training loss {setup.initial_loss:.4f}) on the same batches.")

    def clear(self) -> None:
        """Another network was opened: no curve, thumbnail or result of the previous one stays."""
        for plots in (self.curves, self.thumbnails):
            plots.reset(NO_RUNS)
            plots.clear()
        self.table.reset(NO_RUNS, None)
        self.setup_panel.progress.setValue(0)
        self.summary.setText(PROMPT)

    def update_snapshot(self, snap: CompareSnapshot) -> None:
        self.curves.update_snapshot(snap)
        self.thumbnails.update_snapshot(snap)
        leader = leader_of(snap)
        self.table.update_results(snap.results, leader)
        self.setup_panel.progress.setValue(round(snap.progress * 100))
        headline, detail = summary_text(snap, leader, self._rule)
        self.summary.setText(f"<b>{headline}</b> {detail}")
        row = self.table.winner_row()
        if snap.done and row is not None:  # the row the summary names is on screen
            self.table.scrollToItem(self.table.item(row, 0))


def leader_of(snap: CompareSnapshot) -> str | None:
    """The run the table stars and the summary names: none with a single run (nothing to beat)."""
    return snap.winner if len(snap.results) > 1 else None


def was_stopped(snap: CompareSnapshot) -> bool:
    return any(r["status"] == "stopped" for r in snap.results)


def summary_text(snap: CompareSnapshot, leader: str | None, rule: str) -> tuple[str, str]:
    """(headline, detail) of where the comparison stands; the headline names the starred row."""
    if leader:
        word = "Leading" if not snap.done else "Leading when stopped" if was_stopped(snap) else "Winner"
        return f"{word}: {leader}", f"({rule})"
    if snap.results and all(r["status"] == "diverged" for r in snap.results):
        return "Every run diverged", "try smaller learning rates"
    if len(snap.results) == 1:
        return "One run", "nothing to compare it with: choose a second optimizer or a sweep"
    return "No leader yet", ""
