"""Help > Concepts: the concept presets as a short course, one card per idea; a click opens it.

Titles, ideas and views come from the preset files (through the preset library's reader), so a new
concept preset appears here without touching this module.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QDialog, QGridLayout, QHBoxLayout, QLabel, QMainWindow, QPushButton,
                               QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from playground.ui.files.preset_library import CONCEPTS, VIEW_NAMES, PresetEntry, open_preset, preset_entries
from playground.ui.help.common import MUTED, QUIET_BUTTON, VIEW_COLORS, heading, muted

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z'\"(\uac00-\ud7a3])")  # also before a Korean sentence


def concept_entries(folder: Path | None = None) -> list[PresetEntry]:
    """The concept presets in the library's reading order."""
    from playground.ui.files.file_ops import presets_dir

    return [e for e in preset_entries(folder or presets_dir()) if e.group == CONCEPTS]


def one_line_idea(description: str) -> str:
    """The first sentence of a preset's description: the idea it shows."""
    text = " ".join(description.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""


class ConceptCard(QPushButton):
    """A clickable card: number, title, the idea, and the view the preset opens in."""

    def __init__(self, number: int, entry: PresetEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        color = VIEW_COLORS.get(entry.view, "#8a93a3")
        self.setCursor(Qt.PointingHandCursor)
        self.setToolTip(entry.description)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.setStyleSheet(
            "ConceptCard { background: #30353e; border: 1px solid #3d434e; border-radius: 8px;"
            f" border-left: 4px solid {color}; text-align: left; }}"
            " ConceptCard:hover { background: #363c46; border-color: #5d6573;"
            f" border-left: 4px solid {color}; }}"
            f" ConceptCard:focus {{ border: 1px solid #6ea8fe; border-left: 4px solid {color}; }}")
        number_label = QLabel(f"{number:02d}")
        number_label.setStyleSheet(f"color: {color}; font-weight: 700; font-size: 13pt;")
        number_label.setAlignment(Qt.AlignTop)
        self.title = QLabel(entry.title, wordWrap=True)
        self.title.setStyleSheet("font-weight: 600; font-size: 10.5pt;")
        self.idea = QLabel(one_line_idea(entry.description), wordWrap=True)
        self.idea.setStyleSheet(f"color: {MUTED};")
        self.idea.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        tag = QLabel(self.tr("Opens in {view}  ›").format(view=QCoreApplication.translate("PresetLibrary", VIEW_NAMES[entry.view])))
        tag.setStyleSheet(f"color: {color}; font-size: 8.5pt;")
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.title)
        text.addWidget(self.idea, 1)
        text.addWidget(tag, 0, Qt.AlignRight)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 10, 14, 10)
        row.setSpacing(12)
        row.addWidget(number_label)
        row.addLayout(text, 1)
        for label in (number_label, self.title, self.idea, tag):
            label.setAttribute(Qt.WA_TransparentForMouseEvents)
        for label in (self.title, self.idea):  # wrapped to the card, whatever the language's words
            label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
            label.setMinimumWidth(60)

    def sizeHint(self):
        return self.layout().sizeHint()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.layout().totalHeightForWidth(width)


class ConceptsDialog(QDialog):
    """Every concept preset as a card; clicking one opens it in ``window`` and closes the dialog
    (it stays open if the user cancels the unsaved-changes question)."""

    opened = Signal(Path)

    def __init__(self, window: QMainWindow, folder: Path | None = None) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Concepts"))
        screen = window.screen().availableGeometry() if window.screen() else None
        self.resize(900, min(860, int(screen.height() * 0.85)) if screen else 640)
        self.entries = concept_entries(folder)
        self.cards: list[ConceptCard] = []
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 6, 0)
        grid.setSpacing(10)
        for i, entry in enumerate(self.entries):
            card = ConceptCard(i + 1, entry)
            card.clicked.connect(lambda _=False, e=entry: self.open_entry(e))
            grid.addWidget(card, i // 2, i % 2)
            self.cards.append(card)
        grid.setRowStretch(len(self.entries) // 2 + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # the cards wrap to the width
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(grid_host)
        close = QPushButton(self.tr("Close"))
        close.setStyleSheet(QUIET_BUTTON)
        close.clicked.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(muted(self.tr("Each preset shows one idea; its description (About this preset) "
                               "says what to try and what to look at. Hover a card to read it.")), 1)
        footer.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(8)
        layout.addWidget(heading(self.tr("Concepts")))
        layout.addWidget(muted(self.tr("{count} small experiments, one deep-learning idea each. Click one to open it in the view it is made for.").format(count=len(self.entries))))
        layout.addSpacing(4)
        layout.addWidget(scroll, 1)
        layout.addLayout(footer)

    def card(self, title: str) -> ConceptCard:
        return next(c for c in self.cards if c.entry.title == title)

    def open_entry(self, entry: PresetEntry) -> bool:
        if not open_preset(self.window_, entry.path):
            return False
        self.opened.emit(entry.path)
        self.accept()
        return True
