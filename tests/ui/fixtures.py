"""Shared fixtures and user-gesture helpers for the window tests (imported by the tests in
tests/ui/).

Settings go to a temporary folder and every modal dialog is replaced by a recorder, so the tests
never touch the user's configuration and never block on a dialog.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRect, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QRegion
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from playground.paths import PRESETS_DIR
from playground.ui.common import dialogs

PRESETS = PRESETS_DIR


class DialogRecorder:
    """Stands in for playground.ui.common.dialogs: answers set by the test, calls recorded."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.save_answer = dialogs.CANCEL
        self.save_prompts = 0
        self.open_path: str | None = None
        self.save_path: str | None = None

    def ask_save_changes(self, parent, name: str) -> str:
        self.save_prompts += 1
        return self.save_answer

    def show_error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))


@pytest.fixture
def dialog_answers(monkeypatch) -> DialogRecorder:
    rec = DialogRecorder()
    monkeypatch.setattr(dialogs, "ask_save_changes", rec.ask_save_changes)
    monkeypatch.setattr(dialogs, "show_error", rec.show_error)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, folder: rec.open_path)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggestion: rec.save_path)
    return rec


@pytest.fixture
def settings_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "settings"
    monkeypatch.setenv("PLAYGROUND_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture
def window(qtbot, settings_dir, dialog_answers):
    from playground.ui.shell.app import create_app
    from playground.ui.shell.main_window import MainWindow

    create_app()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.document.undo_stack.setClean()


@pytest.fixture
def lenet(window, tmp_path):
    """The window with a private copy of the LeNet preset open."""
    path = tmp_path / "lenet.json"
    shutil.copy(PRESETS / "mnist_lenet.json", path)
    assert window.open_file(path)
    settle()
    return window


def open_copy(window, tmp_path, name: str = "xor") -> Path:
    """Open a copy of bundled preset ``name`` (a copy: a bundled file opens as a template)."""
    path = tmp_path / f"{name}.json"
    shutil.copy(PRESETS / f"{name}.json", path)
    assert window.open_file(path)
    settle()
    return path


def panel_of(controller, cls):
    """The training view's plot panel of class ``cls``."""
    return next(p for p in controller.panels if isinstance(p, cls))


def train_for(window, qtbot, steps: int):
    """Train the open network ``steps`` steps from the window's controller and wait for the end."""
    controller = window.training
    assert controller.train(max_steps=steps)
    qtbot.waitUntil(lambda: not controller.running, timeout=120_000)
    return controller


def settle() -> None:
    """Let queued work (the coalesced re-validation) run."""
    for _ in range(2):
        QApplication.processEvents()


def assert_fully_visible(window, widget) -> None:
    """``widget`` is shown whole: inside the window and not clipped by any parent (a scroll
    area's viewport, a dock, a splitter pane)."""
    origin = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(origin, widget.size())
    visible = widget.visibleRegion().translated(origin)
    assert widget.isVisible() and window.rect().contains(rect), (widget, rect, window.rect())
    assert visible == QRegion(rect), (widget, rect, visible.boundingRect())


def view_point(window, scene_pos: QPointF) -> QPoint:
    return window.view.mapFromScene(scene_pos)


def drop_on_canvas(window, mime: QMimeData, scene_pos: QPointF) -> bool:
    """Deliver a drag-and-drop of ``mime`` onto the canvas at ``scene_pos``; True if accepted."""
    viewport = window.view.viewport()
    pos = view_point(window, scene_pos)
    enter = QDragEnterEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(viewport, enter)
    drop = QDropEvent(QPointF(pos), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier, QEvent.Drop)
    QApplication.sendEvent(viewport, drop)
    settle()
    return drop.isAccepted()


def drag_from_palette(window, type_name: str, scene_pos: QPointF) -> bool:
    item = window.palette.item_for(type_name)
    mime = window.palette.tree.mimeData([item])
    return drop_on_canvas(window, mime, scene_pos)


def file_drop_mime(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def mouse_drag(window, start: QPointF, end: QPointF, button=Qt.LeftButton, steps: int = 4) -> None:
    """Press at ``start``, move in a few steps and release at ``end`` (scene coordinates)."""
    viewport = window.view.viewport()
    a, b = view_point(window, start), view_point(window, end)
    QTest.mousePress(viewport, button, Qt.NoModifier, a)
    for i in range(1, steps + 1):
        QTest.mouseMove(viewport, a + (b - a) * i / steps)
    QTest.mouseRelease(viewport, button, Qt.NoModifier, b)
    settle()


def drag_wire(window, src: str, src_port: str, dst: str, dst_port: str) -> None:
    scene = window.scene
    a = scene.nodes[src].port(src_port, True) or scene.nodes[src].port(src_port, False)
    b = scene.nodes[dst].port(dst_port, False) or scene.nodes[dst].port(dst_port, True)
    mouse_drag(window, a.scenePos(), b.scenePos())


def click_scene(window, scene_pos: QPointF, modifier=Qt.NoModifier) -> None:
    QTest.mouseClick(window.view.viewport(), Qt.LeftButton, modifier, view_point(window, scene_pos))
    settle()


def node_center(window, node_id: str) -> QPointF:
    item = window.scene.nodes[node_id]
    return item.mapToScene(item.boundingRect().center().x(), 12)
