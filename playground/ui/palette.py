"""The node palette: node types by category, filtered by a search box, dragged onto the canvas."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from playground.engine.registry import CATEGORIES, node_types
from playground.ui import style
from playground.ui.canvas.view import NODE_MIME

TYPE_ROLE = Qt.UserRole + 1


class PaletteTree(QTreeWidget):
    """A tree whose leaves drag out as node-type names."""

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:
        mime = QMimeData()
        names = [i.data(0, TYPE_ROLE) for i in items if i.data(0, TYPE_ROLE)]
        if names:
            mime.setData(NODE_MIME, names[0].encode("utf-8"))
            mime.setText(names[0])
        return mime

    def mimeTypes(self) -> list[str]:
        return [NODE_MIME]


class Palette(QWidget):
    """Emits ``addRequested(type_name)`` when an entry is double-clicked or activated."""

    addRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Search nodes…", clearButtonEnabled=True)
        self.tree = PaletteTree(headerHidden=True, rootIsDecorated=True, indentation=12)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QTreeWidget.DragOnly)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._fill()
        self.search.textChanged.connect(self.filter)
        self.tree.itemActivated.connect(self._activated)
        style.notifier.changed.connect(self._recolour)

    def _fill(self) -> None:
        for category in CATEGORIES:
            group = QTreeWidgetItem(self.tree, [category])
            group.setFlags(Qt.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setForeground(0, QBrush(style.category_heading(category)))
            for t in node_types(category):
                label = t.type_name if t.display_name() == t.type_name else f"{t.type_name} — {t.display_name()}"
                item = QTreeWidgetItem(group, [label])
                item.setData(0, TYPE_ROLE, t.type_name)
                item.setToolTip(0, f"<b>{t.display_name()}</b><br>{t.help}")
                item.setIcon(0, _swatch(style.category_color(category)))
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled)
            group.setExpanded(True)

    def item_for(self, type_name: str) -> QTreeWidgetItem | None:
        for group in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(group)
            for row in range(parent.childCount()):
                if parent.child(row).data(0, TYPE_ROLE) == type_name:
                    return parent.child(row)
        return None

    def visible_types(self) -> list[str]:
        names = []
        for group in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(group)
            names += [parent.child(r).data(0, TYPE_ROLE) for r in range(parent.childCount())
                      if not parent.child(r).isHidden()]
        return names

    def filter(self, text: str) -> None:
        """Hide entries whose name, title or help do not contain ``text``; hide empty groups."""
        needle = text.strip().lower()
        for group in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(group)
            shown = 0
            for row in range(parent.childCount()):
                child = parent.child(row)
                hay = f"{child.text(0)} {child.toolTip(0)}".lower()
                child.setHidden(bool(needle) and needle not in hay)
                shown += not child.isHidden()
            parent.setHidden(shown == 0)

    def _activated(self, item: QTreeWidgetItem) -> None:
        type_name = item.data(0, TYPE_ROLE)
        if type_name:
            self.addRequested.emit(type_name)

    def _recolour(self, _theme: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            group.setForeground(0, QBrush(style.category_heading(group.text(0))))


def _swatch(color: QColor) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(color)
    return QIcon(pixmap)
