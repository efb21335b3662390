"""The preset library: the bundled presets with their titles and descriptions, to open one."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QVBoxLayout, QWidget)

PATH_ROLE = Qt.UserRole + 1


def preset_entries(folder: Path) -> list[tuple[Path, str, str]]:
    """(path, title, description) of every readable preset in ``folder``, sorted by title."""
    entries = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            entries.append((path, str(data.get("title") or data.get("name") or path.stem),
                            str(data.get("description", ""))))
    return sorted(entries, key=lambda e: e[1].lower())


class PresetLibrary(QDialog):
    """Pick a preset; :attr:`selected_path` is the choice after ``accept()``."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preset library")
        self.resize(720, 420)
        self.list = QListWidget()
        self.details = QLabel(wordWrap=True, alignment=Qt.AlignTop | Qt.AlignLeft)
        self.details.setMinimumWidth(320)
        for path, title, description in preset_entries(folder):
            item = QListWidgetItem(title)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(description)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.Open | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.details, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(self._show)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        if self.list.count():
            self.list.setCurrentRow(0)

    @property
    def selected_path(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(PATH_ROLE)) if item else None

    def _show(self, item: QListWidgetItem | None) -> None:
        if item is None:
            self.details.clear()
            return
        path = Path(item.data(PATH_ROLE))
        self.details.setText(f"<h3>{item.text()}</h3><p>{item.toolTip()}</p>"
                             f"<p style='color:#8a93a3'>{path.name}</p>")
