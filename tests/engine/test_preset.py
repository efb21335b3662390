"""Preset files: round trips, and every malformed input gives a one-line message naming file and place."""
import json
import re

import pytest

from playground.engine import PresetError, load_preset, save_preset
from playground.engine.preset import graph_from_json
from tests.graphs import mlp_graph

PRESETS = ["xor", "spiral", "circle", "iris", "digits_cnn", "mnist_lenet"]


def test_round_trip_keeps_everything(tmp_path):
    g = mlp_graph()
    g.move_node("dense1", (120.5, -40))
    path = tmp_path / "g.json"
    save_preset(g, path)
    again = load_preset(path)
    assert again.to_dict() == g.to_dict()
    data = json.loads(path.read_text())
    assert data["format"] == "nn-playground-preset" and data["version"] == 1
    assert {"from": "data:y", "to": "loss:target"} in data["edges"]


@pytest.mark.parametrize("name", PRESETS)
def test_reference_presets_load_and_validate(name):
    from playground.paths import PRESETS_DIR
    from playground.engine import analyze

    g = load_preset(PRESETS_DIR / f"{name}.json")
    assert analyze(g, str(PRESETS_DIR)).ok
    assert g.meta["description"]


BAD = [
    ("", "the file is empty"),
    ("{", "line 1, column 2: invalid JSON"),
    ("[1, 2]", "a preset is a JSON object, this file holds a list"),
    ('{"format": "x", "version": 1}', "format: expected \"nn-playground-preset\""),
    ('{"format": "nn-playground-preset", "version": 99, "nodes": []}', "version: version 99 is newer"),
    ('{"format": "nn-playground-preset", "version": "1", "nodes": []}', "version: expected a positive whole number"),
    ('{"format": "nn-playground-preset", "version": 1, "nodes": {}}', "nodes: expected a list of nodes, found an object"),
    ('{"format": "nn-playground-preset", "version": 1, "nodes": [{"id": "a", "type": "Blob"}]}',
     "nodes[0]: 'a': unknown node type 'Blob'"),
    ('{"format": "nn-playground-preset", "version": 1, "nodes": [{"id": "a", "type": "Dense"}, '
     '{"id": "a", "type": "ReLU"}]}', "nodes[1]: there is already a node named 'a'"),
    ('{"format": "nn-playground-preset", "version": 1, "nodes": [{"id": "a", "type": "Dense"}], '
     '"edges": [{"from": "a:out", "to": "b:in"}]}', "edges[0] (a:out -> b:in): no node named 'b'"),
    ('{"format": "nn-playground-preset", "version": 1, "nodes": [{"id": "a", "type": "Dense", '
     '"params": {"units": [1]}}]}', "parameter 'units' must be a number, text or true/false, found a list"),
    ('{"format": "nn-playground-preset", "version": 1, "nodes": [{"id": "a", "type": "Dense", '
     '"params": {"units": NaN}}]}', "NaN is not a valid number"),
    ('{"format": "nn-playground-preset", "version": 1, "nodes": [{"id": "a", "type": "Dense", '
     '"position": [1e999, 0]}]}', "'position' must be [x, y] with finite numbers"),
    ('{"format": "nn-playground-preset", "version": 1, "nodes": [{"id": "a", "type": "Dense", '
     '"position": [1' + "0" * 400 + ', 0]}]}', "'position' must be [x, y] with finite numbers"),
    ('{"format": "nn-playground-preset", "version": 1, "nodes": [{"id": "a b", "type": "Dense"}]}',
     "'a b' is not a valid node name"),
    ("[" * 100000 + "]" * 100000, "nested too deeply"),
]
COMPARE_HEAD = '{"format": "nn-playground-preset", "version": 1, "nodes": [], "compare": '
BAD += [(COMPARE_HEAD + text + "}", expected) for text, expected in [
    ('{"optimizer": ["sgd"]}', "compare: unknown setting 'optimizer'; known: optimizers, sweep, race"),
    ('{"optimizers": ["sgd", "Adam"]}', "compare.optimizers[1]: unknown optimizer 'Adam'; choose one of sgd,"),
    ('{"optimizers": "sgd"}', "compare.optimizers: expected a list of optimizer names, found text"),
    ('{"sweep": {"name": "momentum"}}', "compare.sweep.name: expected one of optimizers, lr, batch_size"),
    ('{"sweep": {"name": "lr", "values": [0.1, -1]}}', "compare.sweep.values[1]: expected a positive number"),
    ('{"sweep": {"name": "batch_size", "values": ["full", 2.5]}}', "compare.sweep.values[1]: expected a whole"),
    ('{"race": {"surface": "ravin"}}', "compare.race.surface: unknown surface 'ravin'; known: saddle,"),
    ('{"race": {"surface": ["ravine"]}}', "compare.race.surface: unknown surface ['ravine']"),
    ('{"race": {"optimizers": {}}}', "compare.race.optimizers: expected a list of optimizer names"),
    ('{"sweep": {"name": "lr", "values": [1' + "0" * 400 + ']}}', "compare.sweep.values[0]: expected a positive"),
    ('{"sweep": {"name": "batch_size", "values": [32.0]}}', "compare.sweep.values[0]: expected a whole"),
]]


@pytest.mark.parametrize("text,expected", BAD)
def test_malformed_presets_name_file_and_place(text, expected):
    with pytest.raises(PresetError) as info:
        graph_from_json(text, "bad.json")
    message = str(info.value)
    assert message.startswith("bad.json: ") and expected in message and "\n" not in message


def test_cycle_in_file_is_refused():
    text = json.dumps({"format": "nn-playground-preset", "version": 1,
                       "nodes": [{"id": "a", "type": "Dense"}, {"id": "b", "type": "Dense"}],
                       "edges": [{"from": "a:out", "to": "b:in"}, {"from": "b:out", "to": "a:in"}]})
    with pytest.raises(PresetError, match=r"edges\[1\] \(b:out -> a:in\): this connection would make a cycle"):
        graph_from_json(text, "cyc.json")


def test_binary_and_missing_files(tmp_path):
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    with pytest.raises(PresetError, match="not a text file"):
        load_preset(binary)
    with pytest.raises(PresetError, match="no such file"):
        load_preset(tmp_path / "missing.json")


def test_save_is_atomic_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "keep.json"
    save_preset(mlp_graph(), path)
    before = path.read_text()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", boom)
    with pytest.raises(OSError):
        save_preset(mlp_graph(hidden=3), path)
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]


def _preset_with(**meta) -> str:
    import json

    return json.dumps({"format": "nn-playground-preset", "version": 1, **meta, "nodes": [], "edges": []})


def test_korean_title_and_description_load_and_are_kept(tmp_path):
    g = graph_from_json(_preset_with(title="Two spirals", title_ko="두 나선",
                                     description="Try it.", description_ko="해 보세요."))
    assert (g.meta["title_ko"], g.meta["description_ko"]) == ("두 나선", "해 보세요.")
    path = tmp_path / "p.json"
    save_preset(g, path)
    assert load_preset(path).meta["title_ko"] == "두 나선"


@pytest.mark.parametrize("meta, message", [
    ({"title": "T", "title_ko": 3}, "title_ko: expected text, found a number"),
    ({"title_ko": "두 나선"}, 'title_ko: a translation needs the English "title" it translates'),
    ({"title": "T", "description_ko": "설명"}, 'description_ko: a translation needs the English "description"'),
])
def test_korean_fields_are_validated(meta, message):
    with pytest.raises(PresetError, match=re.escape(message)):
        graph_from_json(_preset_with(**meta), "p.json")


def test_every_bundled_preset_has_korean_title_and_description():
    from playground.paths import PRESETS_DIR

    for path in sorted(PRESETS_DIR.glob("*.json")):
        meta = load_preset(path).meta
        assert meta.get("title_ko") and meta.get("description_ko"), path.name
        assert re.search(r"[\uac00-\ud7a3]", meta["title_ko"] + meta["description_ko"]), path.name
