"""Bad input from the command line and old preset versions: messages, never tracebacks."""
import json
import subprocess
import sys

import pytest

from playground.cli import main
from playground.engine import preset
from playground.paths import PRESETS_DIR


def csv_preset(tmp_path, csv_text):
    (tmp_path / "data.csv").write_text(csv_text)
    data = json.loads((PRESETS_DIR / "iris.json").read_text())
    for node in data["nodes"]:
        if node["id"] == "data":
            node["params"] = {"source": "csv", "path": "data.csv"}
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("csv_text,message", [
    ("a,b,c,d,label\n1,2,3,4,0\n1,2,x,4,1\n", "data.csv line 3"),
    ("a,b,c,d,label\n1,2,3,4,0\n1,2,,4,1\n", "data.csv"),
    ("", "data.csv"),
])
def test_bad_csv_gives_one_line_and_exit_2(tmp_path, csv_text, message):
    path = csv_preset(tmp_path, csv_text)
    for command in ("check", "train"):
        result = subprocess.run([sys.executable, "-m", "playground", command, str(path)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, result.stderr
        assert message in result.stderr and "Traceback" not in result.stderr


def test_missing_weights_file_and_wrong_weights(tmp_path, capsys):
    weights = tmp_path / "w.npz"
    assert main(["train", "xor", "--epochs", "1", "--quiet", "--save-weights", str(weights)]) == 0
    assert main(["train", "circle", "--epochs", "1", "--quiet", "--load-weights", str(weights)]) == 0
    assert main(["train", "spiral", "--epochs", "1", "--quiet", "--load-weights", str(weights)]) == 2
    assert "parameter 'dense1.W' has shape 2x8 in the file but 2x24 in the graph" in capsys.readouterr().err


def test_old_versions_are_migrated_on_load(monkeypatch):
    def add_title(data):
        return {**data, "version": 2, "title": "migrated"}

    monkeypatch.setattr(preset, "VERSION", 2)
    monkeypatch.setitem(preset.MIGRATIONS, 1, add_title)
    graph = preset.graph_from_dict(json.loads((PRESETS_DIR / "xor.json").read_text()), "xor.json")
    assert graph.meta["title"] == "migrated" and len(graph.nodes) == 7
