"""Creating the QApplication (Fusion style in the saved theme) and launching the editor."""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import Callable

import shiboken6
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from playground.ui.common import i18n, settings, theming
from playground.ui.common.garbage import collect_garbage_on_gui_thread

SIGNAL_POLL_MS = 200  # how soon Ctrl+C is noticed
WORKER_EXIT_S = 60  # longest wait for a worker after the window closed (cold LeNet compile: ~12 s)


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
    """The theme chosen last time (View > Theme); its colours live in ``playground.ui.common.style``."""
    theming.apply_theme(theming.saved_theme(), app)


def launch(path: str | Path | None, language: str | None = None) -> int:
    """Open the editor on ``path`` (or an empty graph) and run until the window closes or the
    terminal's Ctrl+C; either way no worker thread is left running when the window goes.
    ``language`` (en, ko) overrides the saved choice for this run."""
    ensure_display()
    app = create_app()
    i18n.install(language or i18n.chosen_language())
    interrupted = quit_on_signals(app)
    from playground.ui.files.autosave import offer_restore
    from playground.ui.help import show_tour_on_first_launch
    from playground.ui.shell.main_window import MainWindow

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
            window.save_layout()
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
    from playground.ui.shell.main_window import MainWindow

    return [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]


def workers_ended(window: QWidget) -> bool:
    """Wait (up to WORKER_EXIT_S) for the window's worker threads, which were asked to stop when it
    closed: one can be inside a kernel it cannot leave early (the first run's compile), and its
    signals must not reach objects Python is tearing down. False if one is still running."""
    deadline = time.monotonic() + WORKER_EXIT_S
    return all(thread.wait(max(0, int((deadline - time.monotonic()) * 1000)))
               for thread in window.findChildren(QThread))
