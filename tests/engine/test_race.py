"""The 2D loss surfaces: exact gradients, and the behaviour each caption promises."""
import json

import numpy as np
import pytest

from playground.cli import main
from playground.engine.surfaces import SURFACES, describe, race, surface

ALL = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")


def run(name, keys=ALL, steps=300, **kwargs):
    return race(SURFACES[name], {k: (k, {}) for k in keys}, steps=steps, **kwargs)


@pytest.mark.parametrize("name", list(SURFACES))
def test_gradient_matches_finite_differences(name):
    surf = SURFACES[name]
    rng = np.random.default_rng(0)
    h = 1e-6
    for x, y in zip(rng.uniform(*surf.x_range, 20), rng.uniform(*surf.y_range, 20)):
        numeric = [(surf.f(x + h, y) - surf.f(x - h, y)) / (2 * h),
                   (surf.f(x, y + h) - surf.f(x, y - h)) / (2 * h)]
        np.testing.assert_allclose(surf.gradient((x, y)), numeric, rtol=1e-5, atol=1e-6)
    for minimum in surf.minima:
        np.testing.assert_allclose(surf.gradient(minimum), [0, 0], atol=1e-9)
    x, y, z = surf.grid(11)
    assert z.shape == (11, 11) and z[0, 0] == surf.f(surf.x_range[0], surf.y_range[0])


def test_saddle_gradient_descent_lingers_where_adaptive_and_momentum_escape():
    paths = run("saddle")
    f = SURFACES["saddle"].f
    assert abs(paths["sgd"][100, 1]) < 0.01 and f(*paths["adam"][100]) < f(*paths["sgd"][100])

    def escape(key):  # first step at which |y| > 1, the edge of the inner plot
        return int(np.argmax(np.abs(paths[key][:, 1]) > 1)) or None

    assert escape("sgd") is None
    assert all(escape(k) is not None and escape(k) < 100 for k in ("momentum", "rmsprop", "adam"))


def test_ravine_momentum_beats_gradient_descent_at_the_same_lr():
    surf = SURFACES["ravine"]
    assert surf.lr["sgd"] == surf.lr["momentum"]
    paths = run("ravine", steps=200)
    sgd, momentum = paths["sgd"], paths["momentum"]
    assert np.all(np.sign(sgd[:10, 1]) == [1, -1] * 5)  # zigzags across the valley
    assert surf.value(momentum[-1]) < surf.value(sgd[-1]) / 1000
    assert describe(surf, momentum)["settled_at"] < 100 and describe(surf, sgd)["settled_at"] is None


def test_rosenbrock_everyone_reaches_the_valley_momentum_travels_along_it():
    surf = SURFACES["rosenbrock"]
    paths = run("rosenbrock")
    for path in paths.values():
        x, y = path[50]
        assert 100 * (y - x * x) ** 2 < 0.05 < 100 * (surf.start[1] - surf.start[0] ** 2) ** 2
    assert surf.value(paths["momentum"][-1]) < surf.value(paths["sgd"][-1]) / 100


def test_local_minima_momentum_crosses_into_the_global_minimum():
    surf = SURFACES["local-minima"]
    deep, shallow = surf.minima
    assert surf.value(deep) < surf.value(shallow)
    ends = {k: describe(surf, p) for k, p in run("local-minima").items()}
    for key in ("sgd", "adagrad", "rmsprop", "adam"):
        assert ends[key]["nearest_minimum"] == list(shallow) and ends[key]["settled_at"] is not None
    for key in ("momentum", "nesterov"):
        assert ends[key]["nearest_minimum"] == list(deep) and ends[key]["settled_at"] is not None


def test_trajectory_shape_start_and_divergence():
    paths = race(SURFACES["rosenbrock"], {"slow": ("sgd", {"lr": 1e-4}), "wild": ("sgd", {"lr": 1.0})},
                 start=(0.5, -0.5), steps=40)
    assert paths["slow"].shape == (41, 2) and tuple(paths["slow"][0]) == (0.5, -0.5)
    assert np.isfinite(paths["slow"]).all()
    wild = describe(SURFACES["rosenbrock"], paths["wild"])
    assert np.isnan(paths["wild"][-1]).all() and wild["diverged"] and wild["settled_at"] is None


def test_bad_names_raise_value_error():
    with pytest.raises(ValueError, match="unknown surface 'bowl'; choose one of saddle"):
        surface("bowl")
    with pytest.raises(ValueError, match="unknown optimizer"):
        run("ravine", keys=("lion",))


def test_cli_json_last_line(capsys):
    assert main(["race", "--surface", "ravine", "--optimizers", "sgd,momentum,adam", "--steps", "50",
                 "--json"]) == 0
    out = capsys.readouterr().out
    assert "zigzag" in out and "momentum" in out
    data = json.loads(out.strip().splitlines()[-1])
    assert data["surface"] == "ravine" and data["start"] == [-4.0, 1.0]
    assert [r["optimizer"] for r in data["runs"]] == ["sgd", "momentum", "adam"]
    assert all(len(r["trajectory"]) == 51 for r in data["runs"])
    assert data["runs"][0]["hparams"]["lr"] == 0.9


def test_cli_start_and_lr(capsys):
    assert main(["race", "--surface", "local-minima", "--optimizers", "sgd", "--start=-2,0",
                 "--lr", "0.01", "--steps", "10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert data["runs"][0]["trajectory"][0] == [-2.0, 0.0] and data["runs"][0]["hparams"]["lr"] == 0.01


@pytest.mark.parametrize("args,message", [
    (["--surface", "bowl"], "unknown surface 'bowl'"),
    (["--surface", "saddle", "--start", "1"], "bad --start '1'"),
    (["--surface", "saddle", "--optimizers", "lion"], "unknown optimizer 'lion'"),
    (["--surface", "saddle", "--lr", "-1"], "lr"),
])
def test_cli_bad_input_one_line_exit_2(args, message, capsys):
    assert main(["race", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.strip().count("\n") == 0
