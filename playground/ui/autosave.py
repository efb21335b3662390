"""Autosave: the current graph is written to the user's data folder shortly after every edit, so
a crash or a kill loses at most a few seconds of work; the next launch offers it back."""
from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from playground.engine.preset import PresetError, graph_from_dict, write_text_atomic
from playground.paths import user_data_dir

DELAY_MS = 3000  # debounce: a burst of edits is written once, at most this long after the last


def autosave_path() -> Path:
    return user_data_dir() / "autosave.json"


class Autosaver(QObject):
    """Watches a GraphDocument; writes ``autosave.json`` while it has unsaved changes."""

    def __init__(self, document, delay_ms: int = DELAY_MS) -> None:
        super().__init__(document)
        self.document = document
        self.timer = QTimer(self, singleShot=True, interval=delay_ms)
        self.timer.timeout.connect(self.write)
        document.undo_stack.indexChanged.connect(lambda _i: self.timer.start())
        document.dirtyChanged.connect(self._dirty_changed)

    def _dirty_changed(self, dirty: bool) -> None:
        if not dirty:
            self.discard()

    def write(self) -> None:
        """Write now (if there is anything unsaved); atomic, so a crash mid-write keeps the last one."""
        if not self.document.dirty:
            return
        path = autosave_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"saved_at": time.time(), "source": str(self.document.path or ""),
                  "graph": self.document.graph.to_dict()}
        write_text_atomic(path, json.dumps(record))

    def discard(self) -> None:
        """Forget the autosave: the work is saved, or the user chose to throw it away."""
        self.timer.stop()
        autosave_path().unlink(missing_ok=True)


def pending_autosave():
    """(graph, original path or None, age in seconds) of an autosave left by a crash, or None."""
    path = autosave_path()
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        graph = graph_from_dict(record["graph"], str(path))
        source = Path(record["source"]) if record.get("source") else None
        return graph, source, max(0.0, time.time() - float(record["saved_at"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, PresetError):
        path.unlink(missing_ok=True)  # unreadable: it cannot be restored, do not ask again
        return None


def offer_restore(window) -> bool:
    """Ask whether to restore unsaved work from a crash; restore it (as unsaved) if so."""
    from playground.ui import dialogs

    found = pending_autosave()
    if found is None:
        return False
    graph, source, age = found
    if not dialogs.ask_restore_autosave(window, graph.meta.get("title") or graph.name, age):
        autosave_path().unlink(missing_ok=True)
        return False
    window.document.replace(graph, source)
    window.document.undo_stack.resetClean()
    window.view.fit_all()
    return True
