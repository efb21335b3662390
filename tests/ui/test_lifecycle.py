"""The app's life: quitting (Ctrl+Q, Ctrl+C, SIGTERM) prints nothing and loses nothing, and each
window or running instance keeps its own autosave, offered back only once its instance has ended.

Other instances are real processes (``python -c`` or ``python -m playground``) sharing this test's
data folder; a crash is a SIGKILL.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from playground.ui.common import dialogs
from playground.ui.files.autosave import offer_restore, orphaned_autosaves
from playground.ui.shell.main_window import MainWindow
from tests.ui.fixtures import PRESETS, dialog_answers, settings_dir, settle, window  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
START_S = 120  # a generous bound for a child instance to come up on a busy machine

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

# A second instance: the real window on a copy of xor, dense1 set to UNITS through the undo stack
# (as the inspector does), its autosave written; then it reports and waits, or crashes. It started
# before the other crashes of the test, so it is offered none of them.
CHILD = textwrap.dedent("""
    import os, signal, sys
    from PySide6.QtCore import QTimer
    from playground.ui.shell import app as ui_app
    from playground.ui.files import autosave
    from playground.ui.editor.edits import SetParam

    autosave.orphaned_autosaves = lambda: []

    preset, units, then = sys.argv[1], int(sys.argv[2]), sys.argv[3]

    def edit():
        window = ui_app.main_windows(ui_app.QApplication.instance())[0]
        window.document.push(SetParam(window.document.graph, "dense1", "units", units))
        if then != "interrupt":
            window.autosave.write()
        print(window.autosave.path, flush=True)
        if then == "crash":
            os.kill(os.getpid(), signal.SIGKILL)

    QTimer.singleShot(0, edit)
    ui_app.launch(preset)
""")


def child_env(tmp_path, settings_dir, **extra) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_RUNTIME_DIR=str(tmp_path / "runtime"), **extra)
    if settings_dir is not None:
        env["PLAYGROUND_SETTINGS_DIR"] = str(settings_dir)
    (tmp_path / "runtime").mkdir(mode=0o700, exist_ok=True)
    return env


def start_child(tmp_path, settings_dir, units: int, then: str) -> tuple[subprocess.Popen, Path]:
    """A second instance editing a copy of xor; returns it and the path of its autosave."""
    preset = tmp_path / f"xor{units}.json"
    shutil.copy(PRESETS / "xor.json", preset)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(preset), str(units), then], cwd=tmp_path,
                             env=child_env(tmp_path, settings_dir), stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = child.stdout.readline().strip()
    assert line, child.communicate(timeout=START_S)[1]
    return child, Path(line)


def crash(tmp_path, settings_dir, units: int) -> Path:
    child, path = start_child(tmp_path, settings_dir, units, "crash")
    child.communicate(timeout=START_S)
    assert child.returncode == -signal.SIGKILL
    return path


def dense1_units(graph_dict) -> int:
    return next(n for n in graph_dict["nodes"] if n["id"] == "dense1")["params"]["units"]


class RestoreQuestions(list):
    """The restore questions asked (one name each); ``answers`` are given in order, then No."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[bool] = []

    def ask(self, parent, name: str, age_seconds: float) -> bool:
        self.append(name)
        return self.answers.pop(0) if self.answers else False


@pytest.fixture
def restore_answers(monkeypatch) -> RestoreQuestions:
    questions = RestoreQuestions()
    monkeypatch.setattr(dialogs, "ask_restore_autosave", questions.ask)
    return questions


def new_launch(qtbot) -> MainWindow:
    second = MainWindow()
    qtbot.addWidget(second)
    return second


# --- two windows, two instances ------------------------------------------------------------------

def test_two_windows_write_two_autosaves_and_neither_is_offered_while_open(window, qtbot, restore_answers):
    other = new_launch(qtbot)
    for win, units in ((window, 5), (other, 9)):
        win.open_file(PRESETS / "xor.json")
        win.document.graph.set_param("dense1", "units", units)
        win.document.undo_stack.resetClean()  # unsaved work
        win.autosave.write()
    assert window.autosave.path != other.autosave.path
    for win, units in ((window, 5), (other, 9)):
        assert dense1_units(json.loads(win.autosave.path.read_text())["graph"]) == units
    third = new_launch(qtbot)
    assert not offer_restore(third) and restore_answers == []
    for win in (window, other):
        win.document.undo_stack.setClean()
        assert not win.autosave.path.exists()


def test_a_running_instances_autosave_is_offered_only_after_it_ended(window, tmp_path, settings_dir,
                                                                    restore_answers):
    child, path = start_child(tmp_path, settings_dir, 5, "wait")
    try:
        assert path.exists() and orphaned_autosaves() == []
        assert not offer_restore(window) and restore_answers == [] and path.exists()
    finally:
        child.kill()
        child.communicate(timeout=START_S)
    restore_answers.answers.append(True)
    assert offer_restore(window) and len(restore_answers) == 1
    assert dense1_units(window.document.graph.to_dict()) == 5
    assert window.document.dirty and window.document.path == tmp_path / "xor5.json"
    assert not path.exists()  # the work now lives in this window's own autosave
    assert dense1_units(json.loads(window.autosave.path.read_text())["graph"]) == 5


def test_two_crashed_instances_are_restored_one_per_window_never_mixed(window, tmp_path, settings_dir,
                                                                      qtbot, restore_answers):
    older = crash(tmp_path, settings_dir, 5)
    newer = crash(tmp_path, settings_dir, 9)
    restore_answers.answers.append(True)
    assert offer_restore(window) and len(restore_answers) == 1
    assert dense1_units(window.document.graph.to_dict()) == 9
    assert not newer.exists() and older.exists()
    second = new_launch(qtbot)
    restore_answers.answers.append(True)
    assert offer_restore(second) and dense1_units(second.document.graph.to_dict()) == 5
    assert not older.exists() and orphaned_autosaves() == []
    second.document.undo_stack.setClean()


def test_declined_autosaves_are_deleted_and_the_next_is_offered(window, tmp_path, settings_dir,
                                                                restore_answers):
    crash(tmp_path, settings_dir, 5)
    crash(tmp_path, settings_dir, 9)
    restore_answers.answers.extend([False, True])
    assert offer_restore(window) and len(restore_answers) == 2
    assert dense1_units(window.document.graph.to_dict()) == 5
    assert orphaned_autosaves() == []


def test_the_autosave_of_an_older_version_is_still_offered(window, settings_dir, restore_answers):
    graph = json.loads((PRESETS / "xor.json").read_text())
    graph["nodes"][1]["params"]["units"] = 7
    settings_dir.mkdir(parents=True, exist_ok=True)
    (settings_dir / "autosave.json").write_text(json.dumps(
        {"saved_at": time.time(), "source": "", "graph": graph}))
    restore_answers.answers.append(True)
    assert offer_restore(window) and window.document.graph.nodes[graph["nodes"][1]["id"]].params["units"] == 7
    assert not (settings_dir / "autosave.json").exists()


# --- quitting -----------------------------------------------------------------------------------

def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "RuntimeError" not in stderr and "QThread" not in stderr, stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_quits_cleanly_and_keeps_the_unsaved_work(window, tmp_path, settings_dir, signum,
                                                         restore_answers):
    child, path = start_child(tmp_path, settings_dir, 6, "interrupt")  # not autosaved yet
    child.send_signal(signum)
    _, err = child.communicate(timeout=START_S)
    assert child.returncode == 0
    no_traceback(err)
    assert dense1_units(json.loads(path.read_text())["graph"]) == 6
    assert not Path(f"{path}.lock").exists()
    restore_answers.answers.append(True)
    assert offer_restore(window) and dense1_units(window.document.graph.to_dict()) == 6


def wait_for(condition, child: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_S
    while not condition():
        assert child.poll() is None, child.communicate()[1]
        assert time.monotonic() < deadline, "the app did not come up"
        time.sleep(0.1)


def test_ctrl_c_on_python_m_playground_exits_0_without_a_traceback(tmp_path):
    env = child_env(tmp_path, None)
    config = tmp_path / "config" / "nn-playground" / "playground.conf"
    child = subprocess.Popen([sys.executable, "-m", "playground", "open", "spiral"], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_for(config.exists, child)  # written when the preset has opened (recent files)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=START_S)
    assert child.returncode == 0
    no_traceback(err)
    assert list((tmp_path / "data").glob("nn-playground/autosave*")) == []  # nothing was unsaved


def test_ctrl_c_while_the_restore_question_is_open_keeps_that_work(tmp_path, settings_dir):
    path = crash(tmp_path, settings_dir, 5)
    child = subprocess.Popen([sys.executable, "-m", "playground", "open", "spiral"], cwd=ROOT,
                             env=child_env(tmp_path, settings_dir), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    lock = Path(f"{path}.lock")
    wait_for(lambda: lock.exists() and lock.read_text().split("\n")[0] == str(child.pid), child)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=START_S)
    assert child.returncode == 0
    no_traceback(err)
    assert path.exists() and [o.path for o in orphaned_autosaves()] == [path]
    for orphan in orphaned_autosaves():
        orphan.keep()


def on_xor(body: str) -> str:
    """A child instance's script: ``body`` defines ``then(window)``, called once the real window
    is up on presets/xor.json; the script exits with the app's exit code."""
    return (textwrap.dedent("""
        from PySide6.QtCore import QTimer
        from playground.ui.shell import app as ui_app
        """) + textwrap.dedent(body) + textwrap.dedent("""
        QTimer.singleShot(0, lambda: then(ui_app.main_windows(ui_app.QApplication.instance())[0]))
        raise SystemExit(ui_app.launch("presets/xor.json"))
        """))


def exits_quietly(script: str, tmp_path, settings_dir) -> None:
    """Run ``script`` as a child instance: it exits 0 and prints no traceback."""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT,
                            env=child_env(tmp_path, settings_dir), capture_output=True, text=True,
                            timeout=START_S)
    assert result.returncode == 0, result.stderr
    no_traceback(result.stderr)


QUIT_DISCARDING = on_xor("""
    from playground.ui.common import dialogs
    from playground.ui.editor.edits import SetParam

    dialogs.ask_save_changes = lambda parent, name: dialogs.DISCARD

    def then(window):  # edit, then quit
        window.document.push(SetParam(window.document.graph, "dense1", "units", 5))
        QTimer.singleShot(100, window.actions.quit.trigger)
""")


def test_quitting_with_discarded_edits_prints_nothing(tmp_path, settings_dir):
    exits_quietly(QUIT_DISCARDING, tmp_path, settings_dir)
    assert list(settings_dir.glob("autosave*")) == []


QUIT_WHILE_BUSY = on_xor("""
    import time
    from playground.engine.model import Model

    compile_once = Model.loss_and_grads

    def slow_first_call(self, *args, **kwargs):  # like the first run's kernel compilation
        time.sleep(4)
        return compile_once(self, *args, **kwargs)

    Model.loss_and_grads = slow_first_call

    def then(window):  # train, then quit
        window.training.actions["train"].trigger()
        QTimer.singleShot(300, window.actions.quit.trigger)
""")


def test_quitting_while_a_run_is_busy_in_a_kernel_prints_nothing(tmp_path, settings_dir):
    exits_quietly(QUIT_WHILE_BUSY, tmp_path, settings_dir)
