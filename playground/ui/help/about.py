"""Help > About: version, licence, the libraries actually loaded, and the bundled data's attribution
(read from the READMEs in assets/, so the credits shipped with the files are the ones shown)."""
from __future__ import annotations

import platform
import re
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, qVersion
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QTabWidget,
                               QTextBrowser, QVBoxLayout, QWidget)

import playground
from playground.ui.common.style import CATEGORY_COLORS
from playground.ui.help.common import MUTED, PRIMARY_BUTTON, QUIET_BUTTON, heading, muted

DISTRIBUTION = "nn-playground"
APP_NAME = "NN Playground"


def library_versions() -> dict[str, str]:
    """Versions of what this process runs on, read from the modules themselves."""
    import numba
    import numpy
    import PySide6
    import pyqtgraph

    return {"Python": platform.python_version(), "Qt": qVersion(), "PySide6": PySide6.__version__,
            "pyqtgraph": pyqtgraph.__version__, "numpy": numpy.__version__, "numba": numba.__version__}


def licence() -> str:
    """The licence the installed package declares (SPDX expression), or "unknown" when the
    package metadata is not installed (a bare source checkout)."""
    try:
        meta = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"
    return meta.get("License-Expression") or meta.get("License") or "unknown"


def attribution_files(assets: Path | None = None) -> list[Path]:
    """The README of the assets folder first, then those of its subfolders."""
    if assets is None:
        from playground.engine.datasets import ASSETS_DIR

        assets = Path(ASSETS_DIR)
    top = assets / "README.md"
    return ([top] if top.is_file() else []) + sorted(assets.glob("*/README.md"))


def attribution_markdown(assets: Path | None = None) -> str:
    """The bundled-data READMEs as one Markdown text (a note when there are none). Of a README
    with "## " sections only those are kept: the per-data-set source and licence, not the
    maintainers' notes above them."""
    texts = []
    for path in attribution_files(assets):
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            texts.append(QCoreApplication.translate("help.about", "*{name}: cannot be read ({strerror})*").format(name=path.name, strerror=error.strerror))
            continue
        sections = re.split(r"^(?=## )", text, flags=re.M)
        texts.append("".join(sections[1:]) if len(sections) > 1 else text)
    return "\n\n---\n\n".join(texts) or QCoreApplication.translate("help.about", "*No bundled data was found (the assets folder is missing).*")


def summary() -> str:
    """The package's one-line description."""
    try:
        text = metadata.metadata(DISTRIBUTION).get("Summary")
    except metadata.PackageNotFoundError:
        text = None
    return text or playground.__doc__.strip()


def details_text() -> str:
    """Plain text for bug reports: the app and every library version."""
    lines = [f"{APP_NAME} {playground.__version__}", QCoreApplication.translate("help.about", "Licence: {licence}").format(licence=licence())]
    lines += [f"{name}: {version}" for name, version in library_versions().items()]
    lines.append(QCoreApplication.translate("help.about", "Platform: {platform}").format(platform=platform.platform()))
    return "\n".join(lines)


class NetworkMark(QWidget):
    """The app's mark: a tiny three-layer network in the palette's category colours."""

    LAYERS = ((2, CATEGORY_COLORS["Data"]), (3, CATEGORY_COLORS["Layers"]), (1, CATEGORY_COLORS["Losses"]))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(76, 76)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor("#23272e"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 16, 16)
        columns = [[QPointF(16 + 22 * i, 38 + (j - (n - 1) / 2) * 18) for j in range(n)]
                   for i, (n, _) in enumerate(self.LAYERS)]
        painter.setPen(QPen(QColor("#8f9aab"), 1.4))
        for left, right in zip(columns, columns[1:]):
            for a in left:
                for b in right:
                    painter.drawLine(a, b)
        painter.setPen(QPen(QColor("#e8eaed"), 1.2))
        for points, (_, color) in zip(columns, self.LAYERS):
            painter.setBrush(color)
            for point in points:
                painter.drawEllipse(point, 6.5, 6.5)


class AboutDialog(QDialog):
    """Two tabs: the app and its libraries, and the bundled data's sources and licences."""

    def __init__(self, parent: QWidget | None = None, assets: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.resize(640, 500)
        self.versions = library_versions()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._about_tab(), self.tr("About"))
        self.tabs.addTab(self._data_tab(assets), self.tr("Bundled data"))
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setToolTip(self.tr("Copy the version numbers, e.g. for a bug report"))
        self.copy_button.setStyleSheet(QUIET_BUTTON)
        self.copy_button.clicked.connect(self.copy_details)
        close = QPushButton(self.tr("Close"))
        close.setStyleSheet(PRIMARY_BUTTON)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        footer = QHBoxLayout()
        footer.addWidget(self.copy_button)
        footer.addStretch(1)
        footer.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(footer)

    def _about_tab(self) -> QWidget:
        page = QWidget()
        title = heading(APP_NAME, 20)
        title_row = QHBoxLayout()
        title_row.setSpacing(16)
        title_row.addWidget(NetworkMark())
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addStretch(1)
        names.addWidget(title)
        self.version_label = QLabel(self.tr("Version {version}  ·  {licence} licence").format(version=playground.__version__, licence=licence()))
        self.version_label.setStyleSheet(f"color: {MUTED}; font-size: 11pt;")
        blurb = QLabel(QCoreApplication.translate("help.about", summary()), wordWrap=True)
        blurb.setStyleSheet("font-size: 10.5pt;")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight)
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(6)
        self.version_labels: dict[str, QLabel] = {}
        for name, value in self.versions.items():
            label = QLabel(value, textInteractionFlags=Qt.TextSelectableByMouse)
            label.setStyleSheet("font-family: monospace;")
            form.addRow(muted(name), label)
            self.version_labels[name] = label
        system = QLabel(f"{platform.system()} {platform.machine()}")
        system.setStyleSheet("font-family: monospace;")
        form.addRow(muted(self.tr("Platform")), system)
        libraries = QLabel(self.tr("Libraries in use"))
        libraries.setStyleSheet("font-weight: 600; margin-top: 10px;")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 16, 8, 8)
        layout.setSpacing(6)
        names.addWidget(self.version_label)
        names.addStretch(1)
        title_row.addLayout(names, 1)
        layout.addLayout(title_row)
        layout.addSpacing(10)
        layout.addWidget(blurb)
        layout.addWidget(libraries)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(muted(self.tr("The digits, iris and MNIST data that come with the app are credited "
                               "in the Bundled data tab.")))
        return page

    def _data_tab(self, assets: Path | None) -> QWidget:
        page = QWidget()
        self.data_text = QTextBrowser(openExternalLinks=True)
        self.data_text.setMarkdown(attribution_markdown(assets))
        self.data_text.setStyleSheet("QTextBrowser { border: none; background: #2b2f36; }")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 14, 0, 0)
        layout.addWidget(muted(self.tr("The example data sets ship with the app so that the presets train "
                               "offline. Where each one comes from, and under which licence:")))
        layout.addWidget(self.data_text, 1)
        return page

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(details_text())
        self.copy_button.setText(self.tr("Copied"))

