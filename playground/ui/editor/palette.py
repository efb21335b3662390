"""The node palette: node types by category, filtered by a search box, dragged onto the canvas.

An entry shows the type's name and, when it has a longer title (the losses), the title wrapped on
the lines below it; the palette asks for the width its longest line needs, so nothing is cut off.
"""
from __future__ import annotations

import textwrap

from PySide6.QtCore import QMimeData, QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QLineEdit, QSizePolicy, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from playground.engine.registry import CATEGORIES, node_types
from playground.ui.common import i18n, style
from playground.ui.editor.canvas.view import NODE_MIME

TYPE_ROLE = Qt.UserRole + 1
TITLE_WRAP = 20  # characters per line of a long title under the type name


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


class _EntryDelegate(QStyledItemDelegate):
    """Draws the lines after an entry's first (its long title) in a quieter colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        lines = str(index.data(Qt.DisplayRole) or "").split("\n")
        if len(lines) == 1:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = lines[0]
        opt.displayAlignment = Qt.AlignLeft | Qt.AlignTop
        opt.decorationAlignment = Qt.AlignLeft | Qt.AlignTop
        widget = opt.widget
        widget.style().drawControl(QStyle.CE_ItemViewItem, opt, painter, widget)
        text = widget.style().subElementRect(QStyle.SE_ItemViewItemText, opt, widget)
        line_h = opt.fontMetrics.height()
        painter.save()
        painter.setPen(style.NODE_SUBTEXT)
        for n, line in enumerate(lines[1:], start=1):
            painter.drawText(QRectF(text.left() + 2, text.top() + n * line_h, text.width(), line_h),
                             Qt.AlignLeft | Qt.AlignVCenter, line)
        painter.restore()


class Palette(QWidget):
    """Emits ``addRequested(type_name)`` when an entry is double-clicked or activated."""

    addRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText=self.tr("Search nodes…"), clearButtonEnabled=True)
        self.tree = PaletteTree(headerHidden=True, rootIsDecorated=True, indentation=12)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.ElideNone)
        self.tree.setIconSize(QSize(10, 10))
        self.tree.setItemDelegate(_EntryDelegate(self.tree))
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QTreeWidget.DragOnly)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._fill()
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.setMinimumWidth(self.needed_width())
        self.search.textChanged.connect(self.filter)
        self.tree.itemActivated.connect(self._activated)
        style.notifier.changed.connect(self._recolour)

    def _fill(self) -> None:
        for category in CATEGORIES:
            group = QTreeWidgetItem(self.tree, [i18n.category_text(category)])
            group.setData(0, TYPE_ROLE + 1, category)
            group.setFlags(Qt.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setForeground(0, QBrush(style.category_heading(category)))
            for t in node_types(category):
                lines = [t.type_name]
                if i18n.node_title(t) != t.type_name:
                    lines += textwrap.wrap(i18n.node_title(t), TITLE_WRAP, break_on_hyphens=False)
                item = QTreeWidgetItem(group, ["\n".join(lines)])
                item.setData(0, TYPE_ROLE, t.type_name)
                item.setToolTip(0, f"<b>{i18n.node_title(t)}</b><br>{i18n.node_help(t)}")
                item.setIcon(0, _swatch(style.category_color(category)))
                item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled)
            group.setExpanded(True)

    def needed_width(self) -> int:
        """Width that shows every entry's longest line whole, next to a vertical scroll bar."""
        metrics = self.tree.fontMetrics()
        widest = 0
        for group in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(group)
            bold = parent.font(0)
            widest = max(widest, self.tree.indentation() + QFontMetrics(bold).horizontalAdvance(parent.text(0)))
            for row in range(parent.childCount()):
                text = parent.child(row).text(0)
                line = max(metrics.horizontalAdvance(t) for t in text.split("\n"))
                widest = max(widest, 2 * self.tree.indentation() + self.tree.iconSize().width() + 8 + line)
        margins = self.layout().contentsMargins()
        frame = 2 * self.tree.frameWidth() + self.tree.verticalScrollBar().sizeHint().width()
        return widest + frame + margins.left() + margins.right() + 12

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), super().sizeHint().height())

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
            group.setForeground(0, QBrush(style.category_heading(group.data(0, TYPE_ROLE + 1))))


def _swatch(color: QColor) -> QIcon:
    pixmap = QPixmap(10, 10)
    pixmap.fill(color)
    return QIcon(pixmap)
