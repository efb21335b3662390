"""Creating the QApplication (dark Fusion theme) and launching the editor."""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import Callable

import shiboken6
from PySide6.QtCore import QThread, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from playground.ui import settings

SIGNAL_POLL_MS = 200  # how soon Ctrl+C is noticed
WORKER_EXIT_S = 60  # longest wait for a worker after the window closed (cold LeNet compile: ~12 s)


def ensure_display() -> None:
    """Render offscreen when there is no display (CI, ssh, scripted screenshots)."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


_collector = None


def collect_garbage_on_gui_thread() -> None:
    """Run Python's cycle collector only from a GUI-thread timer.

    A collection triggered while a worker thread allocates would finalise Qt objects on that
    thread; seen here as a deadlock between the training worker and the event loop.
    """
    global _collector
    if _collector is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _collector = GarbageCollector(interval=0.5)


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
    """Open the editor on ``path`` (or an empty graph) and run until the window closes or the
    terminal's Ctrl+C; either way no worker thread is left running when the window goes."""
    ensure_display()
    app = create_app()
    interrupted = quit_on_signals(app)
    from playground.ui.autosave import offer_restore
    from playground.ui.help import show_tour_on_first_launch
    from playground.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if not offer_restore(window, interrupted) and path is not None and not interrupted():
        window.open_file(path)
    if not interrupted():
        show_tour_on_first_launch(window)
    code = 0 if interrupted() else app.exec()
    if not workers_ended(window):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # tearing a running QThread down would abort the process
    shiboken6.delete(window)  # now, while Python is whole, not in random order at interpreter exit
    return code


def quit_on_signals(app: QApplication) -> Callable[[], bool]:
    """Ctrl+C (SIGINT) or SIGTERM quits as a crash would, but tidily: each window's unsaved work is
    written to its autosave now (the next launch offers it), runs stop, the layout is kept, no
    question is asked. Returns a function telling whether that happened (an interrupt during
    start-up, before the event loop runs, is kept for launch to see)."""
    state = {"interrupted": False}

    def interrupted(signum, frame) -> None:
        state["interrupted"] = True
        for window in main_windows(app):
            window.autosave.write()
            window.training.shutdown()
            window.compare.shutdown()
            if window.persist:
                settings.save_window_state(window.saveGeometry(), window.saveState())
        app.exit(0)  # ends the running loops, a modal question's included
        QTimer.singleShot(0, app, lambda: app.exit(0))  # and one about to start

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, interrupted)
    # Python runs a signal handler only when the interpreter has control; Qt's event loop is C++.
    waker = QTimer(app, interval=SIGNAL_POLL_MS)
    waker.timeout.connect(lambda: None)
    waker.start()
    return lambda: state["interrupted"]


def main_windows(app: QApplication) -> list:
    from playground.ui.main_window import MainWindow

    return [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]


def workers_ended(window: QWidget) -> bool:
    """Wait (up to WORKER_EXIT_S) for the window's worker threads, which were asked to stop when it
    closed: one can be inside a kernel it cannot leave early (the first run's compile), and its
    signals must not reach objects Python is tearing down. False if one is still running."""
    deadline = time.monotonic() + WORKER_EXIT_S
    return all(thread.wait(max(0, int((deadline - time.monotonic()) * 1000)))
               for thread in window.findChildren(QThread))
