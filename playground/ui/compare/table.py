"""The comparison's results table: one row per run, the winner highlighted.

Rows are created once per comparison and their cells updated in place on every snapshot.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from playground.ui.common import i18n, style
from playground.ui.compare.plots import run_styles



def _num(digits: int) -> Callable[[Any], str]:
    return lambda v: "–" if v is None else f"{v:.{digits}f}"


def _count(value: Any) -> str:
    return "–" if value is None else f"{value:,}"


def epochs_text(row: dict[str, Any]) -> str:
    """Whole epochs done while a run is going; at the end, where it stopped (one decimal when a
    step limit ended it inside an epoch)."""
    epochs = row["epochs"]
    if row["status"] == "running" or float(epochs).is_integer():
        return f"{int(epochs):,}"
    return f"{epochs:,.1f}"


# (header, result key, format); "{target}" is filled with the target accuracy
COLUMNS: list[tuple[str, str, Callable[[Any], str] | None]] = [
    (QT_TRANSLATE_NOOP("ResultsTable", "Run"), "label", str),
    ("lr", "hparams", lambda h: f"{h['lr']:g}"),
    (QT_TRANSLATE_NOOP("ResultsTable", "Batch"), "batch_size", str),
    (QT_TRANSLATE_NOOP("ResultsTable", "Status"), "status", lambda s: i18n.engine_text(str(s))),
    (QT_TRANSLATE_NOOP("ResultsTable", "Epochs"), "epochs", None),  # epochs_text: depends on the run's status
    (QT_TRANSLATE_NOOP("ResultsTable", "Val loss"), "final_val_loss", _num(4)),
    (QT_TRANSLATE_NOOP("ResultsTable", "Best val loss"), "best_val_loss", _num(4)),
    (QT_TRANSLATE_NOOP("ResultsTable", "Val acc"), "final_val_accuracy", _num(3)),
    (QT_TRANSLATE_NOOP("ResultsTable", "Best val acc"), "best_val_accuracy", _num(3)),
    (QT_TRANSLATE_NOOP("ResultsTable", "Steps to {target}"), "steps_to_target", _count),
    (QT_TRANSLATE_NOOP("ResultsTable", "Samples/s"), "samples_per_second", lambda v: "–" if v is None else f"{v:,.0f}"),
]

STATUS_COLUMN = 3


def _column(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c[1] == key)


class ResultsTable(QTableWidget):
    """Final and best validation loss and accuracy, steps to the target accuracy, speed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setMinimumSectionSize(60)
        self.labels: list[str] = []
        self.winner: str | None = None
        self._set_headers(None)

    def _set_headers(self, target: float | None) -> None:
        texts = [self.tr(h).format(target=f"{target:g}") if target else self.tr(h).format(target=self.tr("target"))
                 for h, _, _ in COLUMNS]
        self.setHorizontalHeaderLabels(texts)
        self.setColumnHidden(_column("steps_to_target"), target is None)

    def reset(self, setup, target: float | None) -> None:
        self.labels = [s.label for s in setup.specs]
        self.winner = None
        self.setRowCount(len(self.labels))
        self._set_headers(target if setup.classification else None)
        styles = run_styles(setup.specs)
        for row, label in enumerate(self.labels):
            for col in range(len(COLUMNS)):
                item = QTableWidgetItem("")
                if col:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.setItem(row, col, item)
            swatch = QPixmap(12, 12)
            swatch.fill(QColor(styles[label][0]))
            self.item(row, 0).setIcon(QIcon(swatch))
            self.item(row, 0).setText(label)
        for key in ("best_val_accuracy", "final_val_accuracy"):
            self.setColumnHidden(_column(key), not setup.classification)

    def update_results(self, results: list[dict[str, Any]], winner: str | None) -> None:
        self.winner = winner
        for row_data in results:
            if row_data["label"] not in self.labels:
                continue
            row = self.labels.index(row_data["label"])
            won = row_data["label"] == winner
            for col, (_, key, fmt) in enumerate(COLUMNS):
                item = self.item(row, col)
                text = epochs_text(row_data) if fmt is None else fmt(row_data[key])
                item.setText(f"★ {text}" if won and col == 0 else text)
                font = QFont(item.font())
                font.setBold(won)
                item.setFont(font)
                item.setBackground(QBrush(QColor(style.theme().winner_bg)) if won else QBrush())
            if row_data["message"]:
                self.item(row, STATUS_COLUMN).setToolTip(i18n.engine_text(row_data["message"]))

    def winner_row(self) -> int | None:
        return self.labels.index(self.winner) if self.winner in self.labels else None
