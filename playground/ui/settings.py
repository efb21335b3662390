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


def save_window_state(geometry: QByteArray, state: QByteArray) -> None:
    settings = open_settings()
    settings.setValue("window/geometry", geometry)
    settings.setValue("window/state", state)


def window_state() -> tuple[QByteArray | None, QByteArray | None]:
    settings = open_settings()
    return settings.value("window/geometry"), settings.value("window/state")
