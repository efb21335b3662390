"""The app's own toolbar icons (SVGs in assets/icons/), for actions Qt's standard icons do not cover."""
from __future__ import annotations

from PySide6.QtGui import QIcon

from playground.paths import ICONS_DIR


def icon(name: str) -> QIcon:
    """``assets/icons/NAME.svg`` as an icon; raises FileNotFoundError for an unknown name."""
    path = ICONS_DIR / f"{name}.svg"
    if not path.is_file():
        raise FileNotFoundError(f"no icon {path}")
    return QIcon(str(path))
