"""Help > Keyboard shortcuts: every shortcut of the window's actions, grouped by menu.

The list is read from the QActions themselves each time it is shown (and again whenever one of
them changes), so it cannot drift from what the keys really do.
"""
from __future__ import annotations

from dataclasses import dataclass

import shiboken6

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLineEdit, QMainWindow, QMenu, QPushButton,
                               QStyledItemDelegate, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from playground.ui.help.common import QUIET_BUTTON, heading, key_texts, muted, paint_keycaps, plain_text

KEYS_ROLE = Qt.UserRole + 1
OTHER = QT_TRANSLATE_NOOP("ShortcutsDialog", "Other")


@dataclass(frozen=True)
class Shortcut:
    group: str
    text: str
    keys: tuple[str, ...]


def _menu_actions(menu: QMenu, prefix: str = ""):
    """(label, action) of every action in ``menu`` and its submenus, submenus named in the label."""
    for action in menu.actions():
        sub = action.menu()
        if sub is not None:
            yield from _menu_actions(sub, f"{prefix}{plain_text(action)} › ")
        elif not action.isSeparator():
            yield f"{prefix}{plain_text(action)}", action


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every action of ``window`` that has a shortcut: in menu-bar order, grouped by menu; actions
    outside the menus (toolbar- or canvas-only) come last under "Other"."""
    seen: set[int] = set()
    found: list[tuple[Shortcut, QAction]] = []
    for top in window.menuBar().actions():
        if top.menu() is None:
            continue
        group = plain_text(top)
        for label, action in _menu_actions(top.menu()):
            keys = key_texts(action)
            if keys and id(action) not in seen:
                seen.add(id(action))
                found.append((Shortcut(group, label, tuple(keys)), action))
    for action in window.findChildren(QAction):
        keys = key_texts(action)
        if keys and id(action) not in seen and plain_text(action):
            seen.add(id(action))
            found.append((Shortcut(QCoreApplication.translate("ShortcutsDialog", OTHER), plain_text(action), tuple(keys)), action))
    return [s for s, _ in found]


class _KeysDelegate(QStyledItemDelegate):
    """Column 1 shows the item's shortcuts as key caps."""

    def paint(self, painter, option, index) -> None:
        keys = index.data(KEYS_ROLE)
        super().paint(painter, option, index)
        if keys:
            font = QFont(option.font)
            font.setPointSizeF(max(7.5, font.pointSizeF() - 0.5))
            paint_keycaps(painter, QRectF(option.rect).adjusted(4, 0, -10, 0), list(keys), font)

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 14))


class ShortcutsDialog(QDialog):
    """A searchable table of the window's shortcuts."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(560, 640)
        self.search = QLineEdit(placeholderText=self.tr("Search actions or keys"), clearButtonEnabled=True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setFocusPolicy(Qt.NoFocus)
        self.tree.setSelectionMode(QTreeWidget.NoSelection)
        self.tree.setItemDelegateForColumn(1, _KeysDelegate(self.tree))
        self.tree.setStyleSheet("QTreeWidget { border: none; background: #2b2f36; }"
                                " QTreeWidget::item { padding: 2px 6px; }")
        close = QPushButton(self.tr("Close"))
        close.setStyleSheet(QUIET_BUTTON)
        close.clicked.connect(self.accept)
        footer = QHBoxLayout()
        footer.addWidget(muted(self.tr("Read from the menus, so it always matches what the keys do.")), 1)
        footer.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(self.tr("Keyboard shortcuts")))
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addLayout(footer)
        self._pending = QTimer(self, singleShot=True, interval=0, timeout=self.refresh)
        self._watched: list[QAction] = []
        self.search.textChanged.connect(self._filter)
        self.refresh()

    def entries(self) -> list[Shortcut]:
        """What the dialog lists now (before any search filter)."""
        return list(self._entries)

    def visible_entries(self) -> list[Shortcut]:
        return [e for e, item in zip(self._entries, self._items) if not item.isHidden()]

    def refresh(self) -> None:
        """Re-read the actions; runs again whenever one of them changes."""
        for action in self._watched:
            if shiboken6.isValid(action):
                action.changed.disconnect(self._pending.start)
        self._watched = self.window_.findChildren(QAction)
        for action in self._watched:
            action.changed.connect(self._pending.start)
        self._entries = window_shortcuts(self.window_)
        self.tree.clear()
        self._items: list[QTreeWidgetItem] = []
        self._headers: dict[str, QTreeWidgetItem] = {}
        for entry in self._entries:
            if entry.group not in self._headers:
                header = QTreeWidgetItem([entry.group.upper(), ""])
                header.setFirstColumnSpanned(True)
                header.setFlags(Qt.ItemIsEnabled)
                font = QFont(self.tree.font())
                font.setBold(True)
                font.setPointSizeF(font.pointSizeF() - 1)
                font.setLetterSpacing(QFont.AbsoluteSpacing, 1.0)
                header.setFont(0, font)
                header.setForeground(0, Qt.gray)
                self.tree.addTopLevelItem(header)
                self._headers[entry.group] = header
            item = QTreeWidgetItem([entry.text, ""])
            item.setData(1, KEYS_ROLE, entry.keys)
            item.setToolTip(0, " or ".join(entry.keys))
            self.tree.addTopLevelItem(item)
            self._items.append(item)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 250)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        shown = dict.fromkeys(self._headers, False)
        for entry, item in zip(self._entries, self._items):
            haystack = " ".join((entry.group, entry.text, *entry.keys)).lower()
            match = all(w in haystack for w in words)
            item.setHidden(not match)
            shown[entry.group] |= match
        for group, header in self._headers.items():
            header.setHidden(not shown[group])
