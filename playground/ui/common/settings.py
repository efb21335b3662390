"""Persistent preferences (QSettings "nn-playground"/"playground").

``PLAYGROUND_SETTINGS_DIR`` redirects them to an INI file in that folder, so tests and scripted
screenshots never read or write the user's real settings.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "nn-playground"
APPLICATION = "playground"
MAX_RECENT = 8


def open_settings() -> QSettings:
    folder = os.environ.get("PLAYGROUND_SETTINGS_DIR")
    if folder:
        return QSettings(str(Path(folder) / "playground.ini"), QSettings.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


def recent_files() -> list[str]:
    value = open_settings().value("recentFiles", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value or []]


def add_recent_file(path: str) -> list[str]:
    path = str(Path(path).resolve())
    files = [path] + [f for f in recent_files() if f != path]
    files = files[:MAX_RECENT]
    settings = open_settings()
    settings.setValue("recentFiles", files)
    settings.setValue("lastPreset", path)
    return files


def last_preset() -> str | None:
    value = open_settings().value("lastPreset")
    return str(value) if value else None


def save_window_state(geometry: QByteArray | None, layouts: dict[str, QByteArray]) -> None:
    """The window's geometry (None keeps the saved one) and each view's dock layout
    (``QMainWindow.saveState``)."""
    settings = open_settings()
    if geometry is not None:
        settings.setValue("window/geometry", geometry)
    settings.remove("window/state")  # one layout for every view, before views kept their own
    for view, state in layouts.items():
        settings.setValue(f"layout/{view}", state)


def window_state() -> tuple[QByteArray | None, dict[str, QByteArray]]:
    """The saved geometry (or None) and the dock layouts saved per view."""
    settings = open_settings()
    settings.beginGroup("layout")
    layouts = {view: settings.value(view) for view in settings.childKeys()}
    settings.endGroup()
    return settings.value("window/geometry"), {k: v for k, v in layouts.items()
                                               if isinstance(v, QByteArray) and not v.isEmpty()}


def forget_layouts() -> None:
    """Drop every saved dock layout (View > Reset layout)."""
    open_settings().remove("layout")


def training_speed() -> float | None:
    """The training speed limit in steps per second; None runs as fast as possible."""
    try:
        value = float(open_settings().value("training/stepsPerSecond", 0) or 0)
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def save_training_speed(steps_per_second: float | None) -> None:
    open_settings().setValue("training/stepsPerSecond", float(steps_per_second or 0))


def engine_threads() -> int | None:
    """The engine's thread count chosen in Training > Engine threads; None for Automatic."""
    try:
        value = int(open_settings().value("engine/threads", 0) or 0)
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def save_engine_threads(threads: int | None) -> None:
    open_settings().setValue("engine/threads", int(threads or 0))
