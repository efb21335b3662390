"""New, Open, Save and Save As with the unsaved-changes prompt and the recent-files list.

The bundled presets are templates: they open like any file, but Save asks where to put the
learner's own copy (in :func:`user_folder` by default) and nothing ever writes into the bundled
folder, so the library stays as shipped.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QMainWindow

from playground.engine.graph import Graph
from playground.engine.preset import PresetError
from playground.ui.common import dialogs, settings
from playground.ui.editor.document import GraphDocument

USER_FOLDER_NAME = "NN Playground"
STATUS_MS = 10000  # long enough to read a whole path


class FileOps(QObject):
    """File commands for one window; every method returns whether it went through."""

    recentChanged = Signal(list)
    opened = Signal(object)

    def __init__(self, document: GraphDocument, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.document, self.window = document, parent
        # Asked before another network replaces this one, with its name; False keeps this one
        # (the window ends a training or comparison run here, if the user agrees).
        self.may_replace: Callable[[str], bool] = lambda what: True

    @property
    def is_template(self) -> bool:
        """True while the document is a bundled preset (Save then asks for a place of its own)."""
        return self.document.path is not None and is_bundled(self.document.path)

    @property
    def title(self) -> str:
        """The document's name as the window title and the prompts show it."""
        if self.is_template:
            return self.tr("{name} (template)").format(name=self.document.path.stem)
        return self.document.display_name

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current graph (saved, discarded or unchanged)."""
        if not self.document.dirty:
            return True
        answer = dialogs.ask_save_changes(self.window, self.title)
        if answer == dialogs.SAVE:
            return self.save()
        return answer == dialogs.DISCARD

    def new(self) -> bool:
        if not self.may_replace(self.tr("a new network")) or not self.maybe_save():
            return False
        self.document.replace(Graph(), None)
        self.opened.emit(None)
        return True

    def open(self, path: str | Path | None = None) -> bool:
        """Open ``path`` (or ask for one); an invalid file leaves the current graph untouched."""
        if not self.maybe_save():
            return False
        if path is None:
            path = dialogs.ask_open_path(self.window, str(self._open_folder()))
            if path is None:
                return False
        if not self.may_replace(Path(path).name):
            return False
        return self.load(path)

    def _open_folder(self) -> Path:
        """The open file's folder, else the user's own presets once there are any, else the
        bundled ones."""
        if self.document.path is not None:
            return self.document.path.parent
        return user_folder() if user_folder().is_dir() else presets_dir()

    def load(self, path: str | Path) -> bool:
        """Open without asking about unsaved changes (start-up, or after the caller asked)."""
        try:
            self.document.load(path)
        except PresetError as exc:
            dialogs.show_error(self.window, self.tr("Cannot open preset"), str(exc))
            return False
        self.recentChanged.emit(settings.add_recent_file(str(path)))
        self.opened.emit(Path(path))
        return True

    def save(self) -> bool:
        """Save in place; a new graph or a bundled template asks where first (Save As)."""
        if self.document.path is None or self.is_template:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        path = dialogs.ask_save_path(self.window, str(self._suggested_path()))
        return path is not None and self._write(Path(path))

    def _suggested_path(self) -> Path:
        """The file itself, or for a template or a new graph a name in the user's folder."""
        if self.document.path is not None and not self.is_template:
            return self.document.path
        stem = self.document.path.stem if self.document.path else self.document.graph.name
        return ensure_user_folder() / f"{stem or 'network'}.json"

    def _write(self, path: Path) -> bool:
        if is_bundled(path):
            dialogs.show_error(self.window, self.tr("Cannot save over a bundled preset"),
                               self.tr("{name} is one of the bundled presets, kept as a template. Save your version somewhere else, for example in {user_folder}.").format(name=path.name, user_folder=user_folder()))
            return False
        try:
            self.document.save(path)
        except OSError as exc:
            dialogs.show_error(self.window, self.tr("Cannot save preset"), f"{path}: {exc.strerror or exc}")
            return False
        self.recentChanged.emit(settings.add_recent_file(str(path)))
        self.window.statusBar().showMessage(self.tr("Saved {path}").format(path=path), STATUS_MS)
        return True


def presets_dir() -> Path:
    """The bundled presets (read-only templates)."""
    from playground.paths import PRESETS_DIR

    return PRESETS_DIR


def is_bundled(path: str | Path) -> bool:
    """True for a file in (or the folder of) the bundled presets."""
    return Path(path).resolve().is_relative_to(presets_dir().resolve())


def user_folder() -> Path:
    """Where the learner's own presets and exports go by default: Documents/NN Playground."""
    documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    return Path(documents or Path.home()) / USER_FOLDER_NAME


def ensure_user_folder() -> Path:
    """:func:`user_folder`, created if needed, for a save dialog to start in (the home folder when
    it cannot be created: the dialog still opens and the user picks a writable place)."""
    folder = user_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return folder
