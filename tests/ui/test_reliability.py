"""Nothing lost: autosave while editing, atomic save from the GUI (restore: test_ui_lifecycle.py)."""
import json

from playground.ui.files.autosave import orphaned_autosaves
from tests.ui.fixtures import PRESETS, dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401


def edit(window):
    window.scene.select_nodes(["dense1"])
    window.actions.duplicate.trigger()
    settle()


def test_edits_are_autosaved_shortly_after(window, tmp_path, qtbot):
    open_copy(window, tmp_path)
    window.autosave.timer.setInterval(50)
    path = window.autosave.path
    assert not path.exists()
    edit(window)
    qtbot.waitUntil(path.exists, timeout=5000)
    record = json.loads(path.read_text())
    assert len(record["graph"]["nodes"]) == len(window.document.graph.nodes)
    assert record["source"].endswith("xor.json")


def test_saving_or_closing_cleanly_removes_the_autosave(window, tmp_path, qtbot):
    open_copy(window, tmp_path)
    edit(window)
    window.autosave.write()
    assert window.autosave.path.exists()
    window.actions.save.trigger()
    assert not window.document.dirty and not window.autosave.path.exists()
    edit(window)
    window.autosave.write()
    window.document.undo_stack.setClean()
    window.close()
    assert list(autosave_files(window)) == []


def autosave_files(window):
    """What the autosaver left in its folder (files and locks)."""
    return (p.name for p in window.autosave.path.parent.glob("autosave*"))


def test_corrupt_autosave_is_ignored_and_removed(settings_dir):
    settings_dir.mkdir(parents=True, exist_ok=True)
    corrupt = settings_dir / "autosave-0123456789ab.json"
    corrupt.write_text("{ not json")
    assert orphaned_autosaves() == [] and not corrupt.exists()


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
