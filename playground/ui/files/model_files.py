"""File menu entries for what the model makes: weights (.npz), a PyTorch project, the graph picture."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu

from playground.engine import DatasetError, Model, WeightsError
from playground.engine.export_project import export_project, folder_needs_replacing, project_folder
from playground.engine.export_torch import ExportError, check_exportable
from playground.engine.gan import model_for
from playground.ui.common import dialogs, i18n
from playground.ui.editor.canvas.scene import GraphScene
from playground.ui.editor.document import GraphDocument
from playground.ui.files.file_ops import STATUS_MS, ensure_user_folder

if TYPE_CHECKING:
    from playground.ui.training.controller import TrainingController

MARGIN = 40


def ask_path(parent, caption: str, filter: str, save: bool = True, start: str = "") -> str | None:
    """A file dialog starting at ``start`` (tests replace this function)."""
    if save:
        return QFileDialog.getSaveFileName(parent, caption, start, filter)[0] or None
    return QFileDialog.getOpenFileName(parent, caption, start, filter)[0] or None


def ask_folder(parent, caption: str, start: str = "") -> str | None:
    """A folder chooser starting at ``start`` (tests replace this function)."""
    return QFileDialog.getExistingDirectory(parent, caption, start) or None


class ModelFiles:
    """Adds Load/Save weights and Export (PyTorch project, PNG, SVG) to the File ``menu``, before
    ``quit_action``; the weights are those of the model ``training`` trains."""

    def __init__(self, window: QMainWindow, document: GraphDocument, scene: GraphScene,
                 training: TrainingController, menu: QMenu, quit_action: QAction) -> None:
        self.window, self.document, self.scene, self.training = window, document, scene, training
        first = menu.actions()[menu.actions().index(quit_action) - 1]
        self.actions = {}
        for name, text, slot in (("load_weights", QCoreApplication.translate("ModelFiles", "Load &weights…"), self.load_weights),
                                 ("save_weights", QCoreApplication.translate("ModelFiles", "Save w&eights…"), self.save_weights)):
            self.actions[name] = self._action(text, slot)
            menu.insertAction(first, self.actions[name])
        export = menu.addMenu(QCoreApplication.translate("ModelFiles", "E&xport"))
        menu.insertMenu(first, export)
        for name, text, slot in (("export_torch", QCoreApplication.translate("ModelFiles", "&PyTorch project…"), self.export_torch),
                                 ("export_png", QCoreApplication.translate("ModelFiles", "Graph as P&NG…"), lambda: self.export_picture("png")),
                                 ("export_svg", QCoreApplication.translate("ModelFiles", "Graph as &SVG…"), lambda: self.export_picture("svg"))):
            self.actions[name] = self._action(text, slot)
            export.addAction(self.actions[name])
        menu.insertSeparator(self.actions["load_weights"])

    def _action(self, text: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        return action

    def _start(self, suffix: str) -> str:
        """Where a save dialog starts: the user's folder, named after the graph."""
        return str(ensure_user_folder() / f"{self.window.document.graph.name or 'network'}{suffix}")

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    def _model(self) -> Model | None:
        """The model training uses (trained weights), or a freshly initialised one."""
        controller = self.training
        if controller.running:
            self.window.statusBar().showMessage(QCoreApplication.translate("ModelFiles", "Stop training first"), 5000)
            return None
        analysis = self.document.analysis
        if not analysis.ok:
            dialogs.show_error(self.window, QCoreApplication.translate("ModelFiles", "The graph has problems"), str(analysis.problems[0]))
            return None
        if controller.model is None or not controller.model_matches():
            controller.adopt_model(model_for(self.document.graph.copy(), analysis,
                                             base_dir=self.document.base_dir))
        return controller.model

    def save_weights(self) -> bool:
        model = self._model()
        path = model and ask_path(self.window, QCoreApplication.translate("ModelFiles", "Save weights"), QCoreApplication.translate("ModelFiles", "Weights (*.npz)"), start=self._start(".npz"))
        if not path:
            return False
        try:
            model.save_weights(path)
        except OSError as exc:
            dialogs.show_error(self.window, QCoreApplication.translate("ModelFiles", "Cannot save weights"), f"{path}: {exc.strerror or exc}")
            return False
        self._say(QCoreApplication.translate("ModelFiles", "Saved weights to {path}").format(path=path))
        return True

    def load_weights(self) -> bool:
        model = self._model()
        path = model and ask_path(self.window, QCoreApplication.translate("ModelFiles", "Load weights"), QCoreApplication.translate("ModelFiles", "Weights (*.npz)"), save=False)
        if not path:
            return False
        try:
            model.load_weights(path)
        except WeightsError as exc:
            dialogs.show_error(self.window, QCoreApplication.translate("ModelFiles", "Weights do not fit this graph"), str(exc))
            return False
        self._say(QCoreApplication.translate("ModelFiles", "Loaded weights from {name}; Train continues from them").format(name=Path(path).name))
        return True

    def export_torch(self) -> bool:
        """A folder with model.py, train.py, the data and the weights, to train on GPUs."""
        try:
            check_exportable(self.window.document.graph)
        except ExportError as exc:
            dialogs.show_error(self.window, QCoreApplication.translate("ModelFiles", "Cannot export"),
                               i18n.engine_text(str(exc)))
            return False
        model = self._model()
        chosen = model and ask_folder(self.window, QCoreApplication.translate("ModelFiles", "Export PyTorch project: choose or create a folder"),
                                       start=str(ensure_user_folder()))
        if not chosen:
            return False
        path = project_folder(chosen, self.window.document.graph.name)
        if folder_needs_replacing(path) and not dialogs.ask_replace_folder(self.window, str(path)):
            return False
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            folder = export_project(model, path, force=True)
        except (ExportError, DatasetError, OSError) as exc:
            dialogs.show_error(self.window, QCoreApplication.translate("ModelFiles", "Cannot export"), str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._say(i18n.fill(QCoreApplication.translate("ModelFiles", "Exported to {folder}: run python train.py there (its README.md covers GPUs and clusters)"), folder=folder))
        return True

    def export_picture(self, kind: str) -> bool:
        path = ask_path(self.window, i18n.fill(QCoreApplication.translate("ModelFiles", "Export graph as {kind}"), kind=kind.upper()), f"{kind.upper()} (*.{kind})",
                        start=self._start(f".{kind}"))
        if not path:
            return False
        QApplication.processEvents()  # let pending validation update the shapes on the wires
        scene = self.scene
        source = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        size = QSize(int(source.width()), int(source.height()))
        target = QRectF(0, 0, size.width(), size.height())
        if kind == "svg":
            device = QSvgGenerator()
            device.setFileName(path)
            device.setSize(size)
            device.setViewBox(target)
            device.setTitle(self.document.graph.meta.get("title") or self.document.graph.name)
        else:
            device = QImage(size * 2, QImage.Format_ARGB32)
            device.setDevicePixelRatio(2)
            device.fill(scene.backgroundBrush().color())
        painter = QPainter(device)
        painter.setRenderHint(QPainter.Antialiasing)
        scene.render(painter, target, source, Qt.KeepAspectRatio)
        painter.end()
        if kind == "png" and not device.save(path):
            dialogs.show_error(self.window, QCoreApplication.translate("ModelFiles", "Cannot export"), QCoreApplication.translate("ModelFiles", "cannot write {path}").format(path=path))
            return False
        self._say(i18n.fill(QCoreApplication.translate("ModelFiles", "Exported the graph to {path}"), path=path))
        return True
