"""The "About this preset" panel: the open graph's title, description and the view it is meant for.

It follows the document: a new file, an undone edit of the description in the Inspector or a
save under another name all show at once.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QScrollArea, QVBoxLayout, QWidget

from playground.ui.common import i18n
from playground.ui.files.preset_library import VIEW_NAMES, _escape, compare_summary

MUTED = "#9aa3b2"


class AboutPreset(QScrollArea):
    """Title, description, view and comparison settings of ``document.graph.meta``."""

    def __init__(self, document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 6, 8, 6)
        self.title = QLabel(wordWrap=True, textFormat=Qt.RichText)
        self.title.setObjectName("about_title")
        self.description = QLabel(wordWrap=True, textFormat=Qt.PlainText,
                                  textInteractionFlags=Qt.TextSelectableByMouse)
        self.description.setObjectName("about_description")
        self.details = QLabel(wordWrap=True, textFormat=Qt.RichText)
        self.details.setObjectName("about_details")
        for label in (self.title, self.description, self.details):
            label.setAlignment(Qt.AlignTop | Qt.AlignLeft)
            layout.addWidget(label)
        layout.addStretch(1)
        self.setWidget(body)
        document.reset.connect(self.refresh)
        document.metaChanged.connect(lambda _key: self.refresh())
        document.pathChanged.connect(lambda _path: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        meta = self.document.graph.meta
        path = self.document.path
        title = i18n.preset_text(meta, "title") or meta.get("name") or (path.stem if path else self.tr("Untitled graph"))
        self.title.setText(f"<span style='font-size:13pt;font-weight:600'>{_escape(str(title))}</span>")
        description = str(i18n.preset_text(meta, "description")).strip()
        self.description.setText(description or self.tr("This graph has no description yet. Click an empty "
                                 "spot on the canvas to give it a title and a description in the "
                                 "Inspector."))
        self.description.setStyleSheet("" if description else f"color: {MUTED};")
        lines = []
        view = meta.get("view")
        if view in VIEW_NAMES:
            lines.append(self.tr("Opens in the {view} view").format(view=QCoreApplication.translate("PresetLibrary", VIEW_NAMES[view]).lower()))
        compare = meta.get("compare")
        summary = compare_summary(compare) if isinstance(compare, dict) else ""
        if summary:
            lines.append(self.tr("Compares {summary}").format(summary=_escape(summary)))
        if path is not None:
            lines.append(_escape(path.name))
        self.details.setText(f"<span style='color:{MUTED}'>{'<br>'.join(lines)}</span>")


def install_about_panel(window) -> QDockWidget:
    """Add the panel as a dock below the Inspector; returns the dock (the compare view's layout
    leaves it out, see :mod:`playground.ui.shell.window_layout`)."""
    dock = window.add_panel(QCoreApplication.translate("files.about_preset", "About this preset"), AboutPreset(window.document), Qt.RightDockWidgetArea)
    window.splitDockWidget(window.inspector_dock, dock, Qt.Vertical)
    window.resizeDocks([window.inspector_dock, dock], [3, 2], Qt.Vertical)
    return dock
