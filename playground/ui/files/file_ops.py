"""New, Open, Save and Save As with the unsaved-changes prompt and the recent-files list."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from playground.engine.graph import Graph
from playground.engine.preset import PresetError
from playground.ui.common import dialogs, settings
from playground.ui.editor.document import GraphDocument


class FileOps(QObject):
    """File commands for one window; every method returns whether it went through."""

    recentChanged = Signal(list)
    opened = Signal(object)

    def __init__(self, document: GraphDocument, parent: QWidget) -> None:
        super().__init__(parent)
        self.document, self.window = document, parent
        # Asked before another network replaces this one, with its name; False keeps this one
        # (the window ends a training or comparison run here, if the user agrees).
        self.may_replace: Callable[[str], bool] = lambda what: True

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current graph (saved, discarded or unchanged)."""
        if not self.document.dirty:
            return True
        answer = dialogs.ask_save_changes(self.window, self.document.display_name)
        if answer == dialogs.SAVE:
            return self.save()
        return answer == dialogs.DISCARD

    def new(self) -> bool:
        if not self.may_replace("a new network") or not self.maybe_save():
            return False
        self.document.replace(Graph(), None)
        self.opened.emit(None)
        return True

    def open(self, path: str | Path | None = None) -> bool:
        """Open ``path`` (or ask for one); an invalid file leaves the current graph untouched."""
        if not self.maybe_save():
            return False
        if path is None:
            folder = str(self.document.path.parent) if self.document.path else str(presets_dir())
            path = dialogs.ask_open_path(self.window, folder)
            if path is None:
                return False
        if not self.may_replace(Path(path).name):
            return False
        return self.load(path)

    def load(self, path: str | Path) -> bool:
        """Open without asking about unsaved changes (start-up, or after the caller asked)."""
        try:
            self.document.load(path)
        except PresetError as exc:
            dialogs.show_error(self.window, "Cannot open preset", str(exc))
            return False
        self.recentChanged.emit(settings.add_recent_file(str(path)))
        self.opened.emit(Path(path))
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        suggestion = str(self.document.path or Path.cwd() / f"{self.document.graph.name}.json")
        path = dialogs.ask_save_path(self.window, suggestion)
        return path is not None and self._write(Path(path))

    def _write(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except OSError as exc:
            dialogs.show_error(self.window, "Cannot save preset", f"{path}: {exc.strerror or exc}")
            return False
        self.recentChanged.emit(settings.add_recent_file(str(path)))
        return True


def presets_dir() -> Path:
    from playground.paths import PRESETS_DIR

    return PRESETS_DIR
