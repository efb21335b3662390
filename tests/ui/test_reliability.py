"""Nothing lost: autosave and restore after a crash, atomic save from the GUI."""
import json
import shutil

from playground.ui.common import dialogs
from playground.ui.files.autosave import autosave_path, offer_restore, pending_autosave
from playground.ui.shell.main_window import MainWindow
from tests.ui.fixtures import PRESETS, dialog_answers, settings_dir, settle, window  # noqa: F401


def open_copy(window, tmp_path, name="xor"):
    path = tmp_path / f"{name}.json"
    shutil.copy(PRESETS / f"{name}.json", path)
    assert window.open_file(path)
    settle()
    return path


def edit(window):
    window.scene.select_nodes(["dense1"])
    window.actions.duplicate.trigger()
    settle()


def test_edits_are_autosaved_shortly_after(window, tmp_path, qtbot):
    open_copy(window, tmp_path)
    window.autosave.timer.setInterval(50)
    assert not autosave_path().exists()
    edit(window)
    qtbot.waitUntil(autosave_path().exists, timeout=5000)
    record = json.loads(autosave_path().read_text())
    assert len(record["graph"]["nodes"]) == len(window.document.graph.nodes)
    assert record["source"].endswith("xor.json")


def test_restore_after_a_simulated_crash(window, tmp_path, qtbot, monkeypatch):
    source = open_copy(window, tmp_path)
    edit(window)
    window.autosave.write()
    crashed = window.document.graph.to_dict()
    # the crash: the process dies without closing the window; a new launch starts
    monkeypatch.setattr(dialogs, "ask_restore_autosave", lambda parent, name, age: True)
    second = MainWindow()
    qtbot.addWidget(second)
    assert offer_restore(second)
    assert second.document.graph.to_dict() == crashed
    assert second.document.dirty and second.document.path == source
    second.document.undo_stack.setClean()


def test_declining_restore_forgets_the_autosave(window, tmp_path, monkeypatch):
    open_copy(window, tmp_path)
    edit(window)
    window.autosave.write()
    monkeypatch.setattr(dialogs, "ask_restore_autosave", lambda parent, name, age: False)
    assert not offer_restore(window)
    assert not autosave_path().exists()


def test_saving_or_closing_cleanly_removes_the_autosave(window, tmp_path):
    open_copy(window, tmp_path)
    edit(window)
    window.autosave.write()
    assert autosave_path().exists()
    window.actions.save.trigger()
    assert not window.document.dirty and not autosave_path().exists()


def test_corrupt_autosave_is_ignored(settings_dir):
    autosave_path().parent.mkdir(parents=True, exist_ok=True)
    autosave_path().write_text("{ not json")
    assert pending_autosave() is None and not autosave_path().exists()


def test_failed_save_keeps_the_old_file_and_says_why(window, tmp_path, monkeypatch, dialog_answers):
    path = open_copy(window, tmp_path)
    before = path.read_text()
    edit(window)

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", disk_full)
    window.actions.save.trigger()
    assert path.read_text() == before
    assert dialog_answers.errors and "No space left" in dialog_answers.errors[-1][1]
    assert window.document.dirty
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".json" or p.suffix == ".tmp") == ["xor.json"]
