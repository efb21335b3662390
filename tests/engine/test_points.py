"""The drawn-points source: data that lives in the preset, loaded with the same care as any field."""
import json

import numpy as np
import pytest

from playground.engine import Model, Trainer, analyze, graph_from_dict
from playground.engine.preset import PresetError, graph_from_json, load_preset, save_preset
from playground.engine.registry import node_type
from tests.graphs import mlp_graph

DATASET = node_type("Dataset")


def _points(n, seed=0, spread=1.0):
    rng = np.random.default_rng(seed)
    xy = rng.uniform(-spread, spread, (n, 2)).round(4)
    return xy, (xy[:, 0] * xy[:, 1] > 0).astype(np.int64)


def _drawn_graph(xy, labels, classes=2):
    g = mlp_graph()
    g.nodes["data"].params.update(DATASET.with_drawn_points(xy, labels, classes))
    return g


def _preset_text(points_value):
    d = mlp_graph().to_dict()
    d["nodes"][0]["params"].update(source="points", points=points_value)
    return json.dumps(d)


@pytest.mark.parametrize("value, message", [
    ([[0, 0, 1]], "points must be an object"),
    ({"classes": 2, "data": [[0.1, 0.2]]}, r"points.data\[0\] must be \[x, y, class\]"),
    ({"classes": 2, "data": [[0.1, 0.2, 1], "a"]}, r"points.data\[1\] must be \[x, y, class\]"),
    ({"classes": 2, "data": [[0.1, "left", 1]]}, r"points.data\[0\]: y must be a finite number"),
    ({"classes": 2, "data": [[True, 0.2, 1]]}, r"points.data\[0\]: x must be a finite number"),
    ({"classes": 2, "data": [[0.1, 0.2, 2]]}, r"points.data\[0\]: class must be a whole number from 0 to 1"),
    ({"classes": 3, "data": [[0.1, 0.2, -1]]}, r"class must be a whole number from 0 to 2"),
    ({"classes": 2, "data": [[0.1, 0.2, 0.5]]}, r"class must be a whole number"),
    ({"classes": 2, "data": [["1e400", 0.2, 0]]}, r"points.data\[0\]: x must be a finite number"),
    ({"classes": 2, "data": [[2e6, 0.2, 0]]}, r"x must be a finite number within ±1e\+06, not 2000000.0"),
    ({"classes": 2, "data": [[10**400, 0.2, 0]]}, r"x must be a finite number"),
    ({"classes": 1, "data": []}, "points.classes must be a whole number from 2"),
    ({"classes": 2, "data": {}}, "points.data must be a list"),
    ({"classes": 2, "data": [], "colour": 1}, "unknown key 'colour'"),
])
def test_bad_points_give_one_line_preset_errors_naming_the_field(value, message):
    with pytest.raises(PresetError, match=message) as err:
        graph_from_json(_preset_text(value).replace('"1e400"', "1e400"), "drawn.json")  # a JSON number: inf
    assert "\n" not in str(err.value) and "drawn.json: nodes[0]: 'data'" in str(err.value)


def test_nan_in_points_is_refused_from_json_and_from_python():
    with pytest.raises(PresetError, match="NaN is not a valid number"):
        graph_from_json(_preset_text({"classes": 2, "data": [[0, 0, 0]]}).replace("[0, 0, 0]", "[NaN, 0, 0]"))
    d = json.loads(_preset_text({"classes": 2, "data": [[float("nan"), 0.0, 0]]}))
    d["nodes"][0]["params"]["points"]["data"][0][0] = float("nan")
    with pytest.raises(PresetError, match=r"points.data\[0\]: x must be a finite number"):
        graph_from_dict(d, "p.json")


def test_drawn_points_are_exactly_what_training_sees():
    xy, labels = _points(60)
    model = Model.from_preset(_drawn_graph(xy, labels))
    data, _, _ = model.load_data()
    got = np.concatenate([np.column_stack([data.x_train, data.y_train]), np.column_stack([data.x_val, data.y_val])])
    want = np.column_stack([xy.astype(np.float32), labels])
    assert sorted(map(tuple, got)) == sorted(map(tuple, want))
    assert len(data.x_val) == 12  # val_fraction 0.2


def test_adding_a_point_keeps_every_other_point_on_its_side_of_the_split():
    xy, labels = _points(100)
    before = DATASET.load(_drawn_graph(xy, labels).nodes["data"].params)
    more = DATASET.load(_drawn_graph(np.vstack([xy, [[0.5, 0.5]]]), np.append(labels, 1)).nodes["data"].params)
    val_before = {tuple(p) for p in before.x_val}
    val_after = {tuple(p) for p in more.x_val}
    assert len(val_before ^ val_after) <= 2


def test_fewer_than_two_points_say_what_to_do():
    g = _drawn_graph(np.zeros((1, 2)), np.zeros(1, dtype=int))
    assert "draw at least 2 points" in analyze(g).problems_of("data")[0]
    assert DATASET.drawable(g.nodes["data"].params)  # the boundary view still takes more points


def test_five_thousand_points_and_points_outside_the_plot_round_trip_and_train(tmp_path):
    xy, labels = _points(5000, spread=1.2)
    xy[:3] = [[250.0, -400.0], [-1e5, 3.5], [0.0, 999999.0]]  # far outside any plot
    path = tmp_path / "drawn.json"
    save_preset(_drawn_graph(xy, labels), path)
    loaded = load_preset(path)
    again = DATASET.drawn_points(loaded.nodes["data"].params)
    np.testing.assert_array_equal(again[0], xy.astype(np.float32))
    np.testing.assert_array_equal(again[1], labels)
    model = Model.from_preset(path)
    result = Trainer(model, max_steps=20).run()
    assert result.status in ("finished", "diverged") and result.steps >= 1


def test_drawing_turns_the_data_into_points_of_as_many_classes():
    t = DATASET
    p = {**t.defaults(), "source": "spiral"}
    assert t.drawable(p) and not t.drawable({**p, "source": "regression"}) and not t.drawable({**p, "source": "digits"})
    changes = t.with_drawn_points(np.array([[0.123456, 1.0], [2.0, -3.0]]), np.array([0, 2]), 3)
    assert changes["points"] == {"classes": 3, "data": [[0.1235, 1.0, 0], [2.0, -3.0, 2]]}
    assert t.describe({**p, **changes}) == ((2,), 3)
    assert t.summary({**p, **changes}) == "2 drawn points"
