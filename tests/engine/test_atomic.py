"""Files the playground writes get the permissions an editor would give them, and stay whole."""
import os
import stat
import sys

import pytest

from playground.engine import Model, save_preset
from playground.engine.atomic import atomic_writer, write_text_atomic
from playground.engine.export_project import export_project
from playground.engine.export_torch import WEIGHTS_NAME
from tests.graphs import mlp_graph

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


@pytest.fixture
def umask():
    """Set the process umask for one test (restored afterwards)."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def write_each_kind(folder) -> list:
    """A preset, weights and a text result."""
    model = Model.from_preset(mlp_graph())
    save_preset(mlp_graph(), folder / "net.json")
    model.save_weights(folder / "w.npz")
    write_text_atomic(folder / "results.csv", "a,b\n1,2\n")
    return [folder / "net.json", folder / "w.npz", folder / "results.csv"]


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_follow_the_umask(tmp_path, umask, mask, expected):
    umask(mask)
    project = export_project(Model.from_preset(mlp_graph()), tmp_path / "project")
    for path in [*write_each_kind(tmp_path), project / "model.py", project / WEIGHTS_NAME]:
        assert mode(path) == expected, path.name


def test_overwriting_keeps_the_files_mode(tmp_path, umask):
    paths = write_each_kind(tmp_path)
    for i, path in enumerate(paths):
        os.chmod(path, (0o640, 0o604, 0o660)[i])
    before = {p: mode(p) for p in paths}
    write_each_kind(tmp_path)
    assert {p: mode(p) for p in paths} == before


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, umask):
    path = tmp_path / "keep.txt"
    write_text_atomic(path, "old")
    with pytest.raises(RuntimeError):
        with atomic_writer(path) as f:
            f.write(b"half of the new")
            raise RuntimeError("disk gone")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
