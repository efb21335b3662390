"""Autosave: the current graph is written to the user's data folder shortly after every edit, so
a crash, a kill or Ctrl+C loses at most a few seconds of work; the next launch offers it back.

Each window writes its own ``autosave-<id>.json`` and holds ``autosave-<id>.json.lock`` (a
QLockFile naming its process) while the file exists. A launch offers only autosaves whose lock is
free or stale, that is whose process has ended: two windows or two running instances never write
over each other, and one never offers another's work while it is still open.
"""
from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QLockFile, QObject, QTimer

from playground.engine.atomic import write_text_atomic
from playground.engine.graph import Graph
from playground.engine.preset import PresetError, graph_from_dict
from playground.paths import user_data_dir

DELAY_MS = 3000  # debounce: a burst of edits is written once, at most this long after the last
PATTERN = "autosave*.json"  # also the single autosave.json of versions before the per-window files


def _lock_for(path: Path) -> QLockFile:
    lock = QLockFile(f"{path}.lock")
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long a window stays open
    return lock


class Autosaver(QObject):
    """Watches a GraphDocument; keeps :attr:`path` up to date while it has unsaved changes."""

    def __init__(self, document, delay_ms: int = DELAY_MS) -> None:
        super().__init__(document)
        self.document = document
        self.path = user_data_dir() / f"autosave-{uuid.uuid4().hex[:12]}.json"
        self._lock = _lock_for(self.path)
        self.timer = QTimer(self, singleShot=True, interval=delay_ms)
        self.timer.timeout.connect(self.write)
        document.undo_stack.indexChanged.connect(lambda _i: self.timer.start())
        document.dirtyChanged.connect(self._dirty_changed)

    def _dirty_changed(self, dirty: bool) -> None:
        if not dirty:
            self.discard()

    def write(self) -> None:
        """Write now (if there is anything unsaved); atomic, so a crash mid-write keeps the last one.
        The lock is taken first: no other instance sees the file without its owner."""
        self.timer.stop()
        if not self.document.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self._lock.isLocked() and not self._lock.tryLock(0):
            return  # another process holds this name: never write over its work
        record = {"saved_at": time.time(), "source": str(self.document.path or ""),
                  "graph": self.document.graph.to_dict()}
        write_text_atomic(self.path, json.dumps(record))

    def discard(self) -> None:
        """Forget the autosave: the work is saved, or the user chose to throw it away."""
        self.timer.stop()
        if self._lock.isLocked():
            self.path.unlink(missing_ok=True)
            self._lock.unlock()


@dataclass
class Orphan:
    """The autosave of a window whose process has ended; locked by this process while it is
    offered, so a second launch at the same moment does not offer it too."""

    path: Path
    graph: Graph
    source: Path | None
    age_seconds: float
    lock: QLockFile

    def forget(self) -> None:
        """Restored or declined: the file goes."""
        self.path.unlink(missing_ok=True)
        self.lock.unlock()

    def keep(self) -> None:
        """Not offered this time: left for a later launch."""
        self.lock.unlock()


def orphaned_autosaves() -> list[Orphan]:
    """Autosaves left by windows whose process has ended (crash, kill, Ctrl+C), newest first.
    Unreadable ones are deleted: they cannot be restored, so they are not asked about again."""
    found = []
    for path in user_data_dir().glob(PATTERN):
        lock = _lock_for(path)
        if not lock.tryLock(0):
            continue  # its window is open in a running instance
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            graph = graph_from_dict(record["graph"], str(path))
            source = Path(record["source"]) if record.get("source") else None
            age = max(0.0, time.time() - float(record["saved_at"]))
        except FileNotFoundError:
            lock.unlock()  # its window saved or discarded it meanwhile
            continue
        except (OSError, ValueError, KeyError, TypeError, PresetError):
            path.unlink(missing_ok=True)
            lock.unlock()
            continue
        found.append(Orphan(path, graph, source, age, lock))
    return sorted(found, key=lambda orphan: orphan.age_seconds)


def offer_restore(window, interrupted: Callable[[], bool] = lambda: False) -> bool:
    """Offer the newest autosave of an ended instance; restore it (as unsaved) if the user agrees.
    Declined ones are deleted and the next is offered; after a restore the rest wait for a later
    launch, so one window never receives two networks. An ``interrupted()`` launch (Ctrl+C while
    the question is open) keeps them all."""
    from playground.ui.common import dialogs

    restored = False
    for orphan in orphaned_autosaves():
        if restored or interrupted():
            orphan.keep()
            continue
        agreed = dialogs.ask_restore_autosave(window, orphan.graph.meta.get("title") or orphan.graph.name,
                                              orphan.age_seconds)
        if interrupted():
            orphan.keep()
            continue
        if not agreed:
            orphan.forget()
            continue
        window.document.replace(orphan.graph, orphan.source)
        window.document.undo_stack.resetClean()
        window.view.fit_all()
        window.autosave.write()  # the work is in this window's own autosave before the old one goes
        orphan.forget()
        restored = True
    return restored
