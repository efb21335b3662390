"""The preset library: the bundled presets, grouped and searchable, with title, description and the
view each one opens in. Opening one loads it and switches the window to that view.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QVBoxLayout, QWidget)

from playground.ui.common import i18n

PATH_ROLE = Qt.UserRole + 1
VIEW_ROLE = Qt.UserRole + 2
HEADER_ROLE = Qt.UserRole + 3

REFERENCE = QT_TRANSLATE_NOOP("PresetLibrary", "Reference presets")
CONCEPTS = QT_TRANSLATE_NOOP("PresetLibrary", "Concepts")
GROUPS = (REFERENCE, CONCEPTS)
CONCEPT_PREFIX = "concept_"
VIEW_NAMES = {"editor": QT_TRANSLATE_NOOP("PresetLibrary", "Editor"), "training": QT_TRANSLATE_NOOP("PresetLibrary", "Training"),
              "compare": QT_TRANSLATE_NOOP("PresetLibrary", "Compare")}
# Reading order: the reference presets from easy to hard, then the concepts as a short course.
ORDER = (
    "xor", "circle", "spiral", "iris", "digits_cnn", "mnist_lenet", "gan_ring",
    "concept_xor_no_activation", "concept_regression_mse", "concept_sparse_cce",
    "concept_deep_sigmoid", "concept_deep_relu", "concept_dying_relu", "concept_leaky_relu",
    "concept_deep_plain", "concept_deep_residual", "concept_learning_rate", "concept_batch_size",
    "concept_momentum_ravine", "concept_optimizers_spiral", "concept_conv_3x3_vs_5x5",
    "concept_mnist_filters", "concept_gan_ring", "concept_gan_mode_collapse",
)


@dataclass
class PresetEntry:
    """What the library shows about one preset file (read as plain JSON, nothing is built)."""

    path: Path
    title: str
    description: str
    view: str
    group: str
    compare: dict[str, Any] = field(default_factory=dict)

    def matches(self, text: str) -> bool:
        """Every word of ``text`` occurs in the title, description, file name or view."""
        haystack = " ".join((self.title, self.description, self.path.stem, self.view)).lower()
        return all(word in haystack for word in text.lower().split())


def surface_title(name: str) -> str:
    """A loss surface as a summary names it: in English its key ("ravine", as preset files and the
    CLI write it), in another language its translated title; an unknown name as it is."""
    from playground.engine.surfaces import SURFACES

    surface = SURFACES.get(name)
    if surface is None or i18n.current_language() == "en":
        return name
    return QCoreApplication.translate("engine messages", surface.title)


def read_entry(path: Path) -> PresetEntry | None:
    """The entry for one preset file, or None if it is not a readable preset."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    view = data.get("view")
    compare = data.get("compare")
    return PresetEntry(path, str(i18n.preset_text(data, "title") or data.get("name") or path.stem),
                       str(i18n.preset_text(data, "description")),
                       view if view in VIEW_NAMES else "editor",
                       CONCEPTS if path.stem.startswith(CONCEPT_PREFIX) else REFERENCE,
                       compare if isinstance(compare, dict) else {})


def preset_entries(folder: Path) -> list[PresetEntry]:
    """Every readable preset in ``folder``: reference presets first, then concepts, each group in
    reading order (files not in :data:`ORDER` after those, by title)."""
    entries = [e for e in map(read_entry, sorted(folder.glob("*.json"))) if e is not None]
    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(entries, key=lambda e: (GROUPS.index(e.group), rank.get(e.path.stem, len(rank)),
                                          e.title.lower()))


def compare_summary(settings: dict[str, Any]) -> str:
    """One line saying what a preset's ``compare`` settings run, or "" without any."""
    parts = []
    optimizers = settings.get("optimizers")
    sweep = settings.get("sweep")
    if isinstance(sweep, dict) and sweep.get("values"):
        values = ", ".join(str(v) for v in sweep["values"])
        who = ", ".join(optimizers) if optimizers else QCoreApplication.translate("files.preset_library", "every optimizer")
        parts.append(QCoreApplication.translate("files.preset_library", "{who} with {name} = {values}").format(who=who, name=sweep.get('name', '?'), values=values))
    elif optimizers:
        parts.append(", ".join(optimizers))
    race = settings.get("race")
    if isinstance(race, dict) and race.get("surface"):
        who = ", ".join(race.get("optimizers") or [QCoreApplication.translate("files.preset_library", "every optimizer")])
        parts.append(QCoreApplication.translate("files.preset_library", "race of {who} on the {surface} surface").format(who=who, surface=surface_title(race['surface'])))
    return "; ".join(parts)


class _ViewTagDelegate(QStyledItemDelegate):
    """Draws each preset's view at the right end of its row, and group headers in bold."""

    def paint(self, painter, option, index) -> None:
        view = index.data(VIEW_ROLE)
        if index.data(HEADER_ROLE):
            opt = QStyleOptionViewItem(option)
            opt.font.setBold(True)
            opt.state &= ~QStyle.State_Selected
            super().paint(painter, opt, index)
            return
        super().paint(painter, option, index)
        if not view:
            return
        painter.save()
        selected = option.state & QStyle.State_Selected
        color = option.palette.color(QPalette.HighlightedText) if selected else QColor("#8a93a3")
        painter.setPen(color)
        rect = QRect(option.rect).adjusted(0, 0, -8, 0)
        painter.drawText(rect, Qt.AlignRight | Qt.AlignVCenter, QCoreApplication.translate("PresetLibrary", VIEW_NAMES.get(view, view)))
        painter.restore()


class PresetLibrary(QDialog):
    """Pick a preset; :attr:`selected_path` and :attr:`selected_view` are the choice after
    ``accept()``. Rows are the group headers (not selectable) and one row per preset."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preset library"))
        self.resize(900, 520)
        self.entries = preset_entries(folder)
        self._by_path = {str(e.path): e for e in self.entries}
        self.search = QLineEdit(placeholderText=self.tr("Search titles and descriptions"), clearButtonEnabled=True)
        self.list = QListWidget()
        self.list.setItemDelegate(_ViewTagDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.details = QLabel(wordWrap=True, alignment=Qt.AlignTop | Qt.AlignLeft)
        self.details.setMinimumWidth(340)
        self.details.setTextFormat(Qt.RichText)
        self.headers: dict[str, QListWidgetItem] = {}
        for entry in self.entries:
            if entry.group not in self.headers:
                header = QListWidgetItem(self.tr(entry.group))
                header.setFlags(Qt.NoItemFlags)
                header.setData(HEADER_ROLE, True)
                font = QFont(header.font())
                font.setBold(True)
                header.setFont(font)
                self.headers[entry.group] = header
                self.list.addItem(header)
            item = QListWidgetItem(entry.title)
            item.setData(PATH_ROLE, str(entry.path))
            item.setData(VIEW_ROLE, entry.view)
            item.setToolTip(entry.description)
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Open | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addWidget(self.details, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self.set_filter)
        self.list.currentItemChanged.connect(self._show)
        self.list.itemDoubleClicked.connect(lambda item: self.accept() if self._is_preset(item) else None)
        self._select_first_visible()

    # --- queries ------------------------------------------------------------------------------
    @staticmethod
    def _is_preset(item: QListWidgetItem | None) -> bool:
        return item is not None and item.data(PATH_ROLE) is not None

    def preset_items(self, visible_only: bool = False) -> list[QListWidgetItem]:
        items = [self.list.item(i) for i in range(self.list.count())]
        return [i for i in items if self._is_preset(i) and not (visible_only and i.isHidden())]

    def visible_titles(self) -> list[str]:
        return [item.text() for item in self.preset_items(visible_only=True)]

    def select(self, title: str) -> bool:
        """Make the visible preset called ``title`` current; False if there is none."""
        for item in self.preset_items(visible_only=True):
            if item.text() == title:
                self.list.setCurrentItem(item)
                return True
        return False

    @property
    def selected_entry(self) -> PresetEntry | None:
        item = self.list.currentItem()
        if not self._is_preset(item) or item.isHidden():
            return None
        return self._by_path[item.data(PATH_ROLE)]

    @property
    def selected_path(self) -> Path | None:
        entry = self.selected_entry
        return entry.path if entry else None

    @property
    def selected_view(self) -> str | None:
        entry = self.selected_entry
        return entry.view if entry else None

    # --- filtering and details ----------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        """Show only presets matching every word of ``text`` (and the headers of their groups)."""
        shown = {group: False for group in self.headers}
        for item in self.preset_items():
            entry = self._by_path[item.data(PATH_ROLE)]
            match = entry.matches(text)
            item.setHidden(not match)
            shown[entry.group] |= match
        for group, header in self.headers.items():
            header.setHidden(not shown[group])
        current = self.list.currentItem()
        if not self._is_preset(current) or current.isHidden():
            self._select_first_visible()

    def _select_first_visible(self) -> None:
        visible = self.preset_items(visible_only=True)
        if visible:
            self.list.setCurrentItem(visible[0])
        else:
            self.list.setCurrentItem(None)
            self._show(None)
        self.buttons.button(QDialogButtonBox.Open).setEnabled(bool(visible))

    def _show(self, item: QListWidgetItem | None) -> None:
        if not self._is_preset(item):
            self.details.setText(self.tr("<p style='color:#8a93a3'>No preset matches the search.</p>")
                                 if not self.preset_items(visible_only=True) else "")
            return
        entry = self._by_path[item.data(PATH_ROLE)]
        extra = compare_summary(entry.compare)
        self.details.setText(
            self.tr("<h3>{title}</h3><p>{description}</p><p><b>Opens in:</b> {view} view</p>").format(title=_escape(entry.title), description=_escape(entry.description), view=self.tr(VIEW_NAMES[entry.view]))
            + (self.tr("<p><b>Compares:</b> {summary}</p>").format(summary=_escape(extra)) if extra else "")
            + f"<p style='color:#8a93a3'>{_escape(entry.path.name)}</p>")

    def accept(self) -> None:
        if self.selected_entry is not None:
            super().accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show_view(window, view: str | None) -> str:
    """Switch ``window`` to ``view``; a view it does not have falls back to training. Returns the
    view now shown."""
    try:
        window.set_view_mode(view or "editor")
    except ValueError:
        window.set_view_mode("training")
    return window.view_mode


def open_from_library(window, folder: Path | None = None) -> bool:
    """Run the library dialog for ``window``; open the chosen preset in the view it asks for and
    show its About panel. False when cancelled or the file could not be opened."""
    from playground.ui.files.file_ops import presets_dir

    dialog = PresetLibrary(folder or presets_dir(), window)
    if not dialog.exec() or dialog.selected_path is None:
        return False
    return open_preset(window, dialog.selected_path, dialog.selected_view)


def open_preset(window, path: Path, view: str | None = None) -> bool:
    """Open ``path`` (asking about unsaved changes) and switch to its view (the preset's own when
    ``view`` is None); raises the About panel when the window has one."""
    if not window.files.open(path):
        return False
    show_view(window, view or window.document.graph.meta.get("view"))
    about = getattr(window, "about_dock", None)
    if about is not None and window.view_mode != "compare":
        about.show()
        about.raise_()
    return True
