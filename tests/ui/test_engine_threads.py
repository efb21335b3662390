"""Training > Engine threads: the choice is kept across windows and training runs use it."""
import shutil

import numba
import pytest
from PySide6.QtWidgets import QApplication

from playground.engine import get_threads, set_threads, threads
from playground.ui.common import settings
from tests.ui.fixtures import PRESETS, dialog_answers, settings_dir, settle, window  # noqa: F401

pytestmark = pytest.mark.skipif(threads.max_threads() < 2, reason="Numba's pool has one thread")


@pytest.fixture
def restore_threads():
    before = get_threads()
    yield
    set_threads(before)


def threads_menu(window):
    training = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Training")
    return next(a.menu() for a in training.actions()
                if a.menu() is not None and a.menu().objectName() == "engineThreads")


def checked(menu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if a.isChecked()]


def test_the_thread_count_is_kept_and_a_new_windows_run_uses_it(window, tmp_path, qtbot,
                                                                 restore_threads):
    from playground.ui.shell.main_window import MainWindow

    cores = threads.max_threads()
    menu = threads_menu(window)
    assert checked(menu) == [f"Automatic ({threads.interactive_threads()} of {cores} cores)"]
    assert get_threads() == threads.interactive_threads() < cores  # one core for the window
    next(a for a in menu.actions() if a.text().replace("&", "") == f"{cores} threads").trigger()
    assert settings.engine_threads() == cores and get_threads() == cores
    assert window.statusBar().currentMessage() == f"Engine threads: {cores}"
    window.close()
    set_threads(1)  # the next window must apply the saved choice itself

    again = MainWindow()
    qtbot.addWidget(again)
    assert checked(threads_menu(again)) == [f"{cores} threads"] and get_threads() == cores
    path = tmp_path / "lenet.json"  # big enough for the parallel kernels
    shutil.copy(PRESETS / "mnist_lenet.json", path)
    assert again.open_file(path)
    settle()
    seen = []
    again.training.add_probe("threads", lambda model, data: (get_threads(), numba.get_num_threads()))
    again.training.snapshotReceived.connect(
        lambda snap: seen.append(snap.extras["threads"]) if "threads" in snap.extras else None)
    assert again.training.train(max_steps=20)
    qtbot.waitUntil(lambda: not again.training.running, timeout=60_000)
    assert seen and set(seen) == {(cores, cores)}  # on the worker thread, Numba's count too

    next(a for a in threads_menu(again).actions() if a.text().startswith("&Automatic")).trigger()
    assert settings.engine_threads() is None and get_threads() == threads.interactive_threads()
    again.close()
    QApplication.processEvents()
    third = MainWindow()
    qtbot.addWidget(third)
    assert checked(threads_menu(third))[0].startswith("Automatic")
    third.close()
