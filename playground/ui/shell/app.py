"""Creating the QApplication (dark Fusion theme) and launching the editor."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from playground.ui.common import settings
from playground.ui.common.garbage import collect_garbage_on_gui_thread


def ensure_display() -> None:
    """Render offscreen when there is no display (CI, ssh, scripted screenshots)."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def create_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("NN Playground")
    apply_theme(app)
    collect_garbage_on_gui_thread()
    # The training thread needs the GIL back after every kernel; with Python's default 5 ms switch
    # interval it often waited for a whole paint. 0.5 ms kept GUI/headless training speed at
    # 0.84-0.93 in `bench --gui` (9 runs; 0.79-0.92 over 6 runs with 5 ms).
    sys.setswitchinterval(0.0005)
    return app


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    colors = {
        QPalette.Window: "#2b2f36", QPalette.WindowText: "#e8eaed", QPalette.Base: "#23272e",
        QPalette.AlternateBase: "#2b2f36", QPalette.ToolTipBase: "#30353e",
        QPalette.ToolTipText: "#e8eaed", QPalette.Text: "#e8eaed", QPalette.Button: "#353a43",
        QPalette.ButtonText: "#e8eaed", QPalette.BrightText: "#ff6b6b", QPalette.Highlight: "#3d7bd9",
        QPalette.HighlightedText: "#ffffff", QPalette.Link: "#6ea8fe", QPalette.PlaceholderText: "#8a93a3",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    palette.setColor(QPalette.Disabled, QPalette.Text, QColor("#6b7280"))
    palette.setColor(QPalette.Disabled, QPalette.ButtonText, QColor("#6b7280"))
    palette.setColor(QPalette.Disabled, QPalette.WindowText, QColor("#6b7280"))
    app.setPalette(palette)


def launch(path: str | Path | None) -> int:
    """Open the editor on ``path`` (or an empty graph) and run until the window closes."""
    from playground.ui.shell.main_window import MainWindow

    ensure_display()
    app = create_app()
    from playground.ui.files.autosave import offer_restore
    from playground.ui.help import show_tour_on_first_launch

    window = MainWindow()
    window.show()
    if not offer_restore(window) and path is not None:
        window.open_file(path)
    show_tour_on_first_launch(window)
    return app.exec()
