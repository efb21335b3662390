"""The drawn digit's preprocessing (MNIST's box and centre of mass, optdigits' 4x4 counts) and
reading it with a copy of a model's weights."""
from __future__ import annotations

import numpy as np
import pytest

from playground.engine import Model, datasets, digit_input
from playground.engine.digit_input import (
    bounding_box,
    centre_of_mass,
    digits_style,
    mnist_style,
    prepare,
    resample,
    to_ink,
)
from playground.engine.digit_reader import DigitReader, digit_weights, probabilities
from playground.paths import PRESETS_DIR


def stroke(size=280, rows=(40, 240), cols=(130, 150)) -> np.ndarray:
    """Ink of a rectangle (a '1' when tall and thin) on a black pad."""
    ink = np.zeros((size, size), dtype=np.float32)
    ink[rows[0]:rows[1], cols[0]:cols[1]] = 1.0
    return ink


def box_size(image, threshold=0.0):
    top, bottom, left, right = bounding_box(image, threshold)
    return bottom - top, right - left


def test_a_vertical_stroke_becomes_a_20_pixel_one_centred_by_its_mass():
    out = mnist_style(stroke())
    assert out.shape == (28, 28) and out.max() == pytest.approx(1.0)
    h, w = box_size(out)
    assert h == 20 and w <= 3
    cy, cx = centre_of_mass(out)
    assert abs(cy - 14.0) <= 0.5 and abs(cx - 14.0) <= 0.5


def test_a_wide_shape_fills_the_box_across_keeping_its_aspect():
    out = mnist_style(stroke(rows=(100, 140), cols=(20, 260)))  # 40 x 240: 1:6
    h, w = box_size(out)
    assert w == 20 and h in (3, 4)


def test_where_and_how_big_the_digit_was_drawn_does_not_matter():
    ink = np.zeros((280, 280), dtype=np.float32)
    ink[60:200, 80:100] = 1.0
    ink[60:80, 80:180] = 1.0  # a '7'-ish angle
    small_corner = np.zeros_like(ink)
    small_corner[10:80, 10:20] = 1.0
    small_corner[10:20, 10:60] = 1.0
    np.testing.assert_allclose(mnist_style(ink), mnist_style(small_corner), atol=0.08)


def test_the_centre_of_mass_not_the_box_is_centred():
    """A digit heavier on one side moves its box off-centre, as MNIST's do."""
    ink = stroke(rows=(40, 240), cols=(40, 60))
    ink[40:240, 200:240] = 1.0  # a thin bar left, a thick one right
    out = mnist_style(ink)
    _top, _bottom, left, right = bounding_box(out, 0.0)
    cy, cx = centre_of_mass(out)
    assert abs(cx - 14.0) <= 0.5 and abs(cy - 14.0) <= 0.5
    assert (left + right) / 2 < 13.0  # the box sits left of the centre


def test_a_real_mnist_digit_comes_back_as_itself():
    ds = datasets.load("mnist", samples=50)
    for image in ds.x_val[:10, 0]:
        again = mnist_style(image)
        assert np.corrcoef(image.ravel(), again.ravel())[0, 1] > 0.9


def test_nothing_drawn_is_the_background_of_the_data():
    blank = np.zeros((100, 100), dtype=np.float32)
    assert not mnist_style(blank).any() and not digits_style(blank).any()
    np.testing.assert_array_equal(prepare(blank, (1, 28, 28), (-0.5, 2.0)), -0.5)


def test_digits_fill_the_eight_rows_centred_in_counts_of_sixteen():
    out = digits_style(stroke())
    assert out.shape == (8, 8) and out.max() <= 16.0 + 1e-4 and out.min() >= 0
    assert (out.sum(axis=1) > 0).all()  # fitted to the full height, as the bundled digits are
    cols = np.flatnonzero(out.sum(axis=0) > 0.5)
    assert cols.min() >= 3 and cols.max() <= 4  # a thin '1' in the middle columns


def test_a_bundled_digit_drawn_large_reads_back_as_its_counts():
    x = np.load(datasets._asset("digits.npz")[0])["x"].astype(np.float32)
    fitted = [im for im in x[:200] if bounding_box(im, 0.0)[:2] == (0, 8)
              and sum(bounding_box(im, 0.0)[2:]) == 8]  # fills the rows, centred across
    assert fitted
    for counts in fitted[:10]:
        big = np.kron(counts / 16.0, np.ones((4, 4), dtype=np.float32))  # 32x32 grey
        full_ink = counts * 16.0 / counts.max()  # the darkest block becomes full ink
        np.testing.assert_allclose(digits_style(big), full_ink, atol=0.01)


def test_prepare_scales_to_the_data_range_and_refuses_other_shapes():
    x = prepare(stroke(cols=(115, 165)), (1, 8, 8), (0.0, 1.0))  # a pen 1/4 of the height
    assert x.shape == (1, 8, 8) and x.dtype == np.float32 and 0.9 < x.max() <= 1.0 + 1e-6
    y = prepare(stroke(), (1, 28, 28), (-1.0, 3.0))
    assert y.min() == pytest.approx(-1.0) and y.max() == pytest.approx(3.0)
    with pytest.raises(ValueError, match="1x28x28 or 1x8x8"):
        prepare(stroke(), (3, 32, 32))
    assert digit_input.input_kind((1, 28, 28)) == "mnist" and digit_input.input_kind((2,)) is None


def test_dark_ink_on_paper_is_inverted_and_the_paper_removed():
    paper = np.full((50, 40), 0.85, dtype=np.float32)
    paper[10:40, 18:22] = 0.1
    ink = to_ink(paper)
    assert ink[0, 0] == 0.0 and ink[20, 20] == pytest.approx(1.0)
    light_on_dark = 1.0 - paper
    np.testing.assert_allclose(to_ink(light_on_dark), ink, atol=1e-6)
    assert not to_ink(np.full((5, 5), 0.7)).any()  # blank paper: no ink
    with pytest.raises(ValueError):
        to_ink(np.zeros((3, 3, 3)))


def test_area_resampling_keeps_the_mean_and_shrinks_exactly():
    rng = np.random.default_rng(0)
    image = rng.random((37, 23))
    for h, w in ((20, 13), (5, 3), (60, 41)):
        assert resample(image, h, w).mean() == pytest.approx(image.mean())
    blocks = rng.random((8, 8))
    np.testing.assert_allclose(resample(np.kron(blocks, np.ones((4, 4))), 8, 8), blocks)


def test_probabilities_from_every_kind_of_output():
    np.testing.assert_allclose(probabilities(np.array([0.2, 0.8])), [0.2, 0.8])
    np.testing.assert_allclose(probabilities(np.array([0.9])), [0.1, 0.9])
    p = probabilities(np.array([1.0, -2.0, 3.0]))
    assert p.sum() == pytest.approx(1.0) and p.argmax() == 2


def test_the_reader_uses_a_copy_of_the_weights_and_agrees_with_the_model():
    model = Model.from_preset(PRESETS_DIR / "mnist_lenet.json")
    data, _, _ = model.load_data(samples=64)
    weights = digit_weights(model, data)
    assert weights.value_range == (0.0, 1.0)
    reader = DigitReader()
    reader.load(weights)
    ink = stroke()
    reading = reader.read(ink)
    x = prepare(ink, (1, 28, 28))[None]
    np.testing.assert_allclose(reading.probabilities, model.forward(x)[0], rtol=1e-5, atol=1e-7)
    assert reading.maps.shape == (6, 28, 28) and reading.maps_layer == "conv1"
    np.testing.assert_allclose(reading.maps, model.activations(x)["conv1"][0], rtol=1e-5, atol=1e-6)
    before = reading.probabilities
    for value in model.parameters().values():  # training moves on; the reader's copy does not
        value += 0.1
    np.testing.assert_allclose(reader.read(ink).probabilities, before)
    reader.load(digit_weights(model, data))
    np.testing.assert_allclose(reader.read(ink).probabilities, model.forward(x)[0], rtol=1e-5, atol=1e-7)


def test_only_image_classifiers_of_digit_shape_get_weights_copied():
    model = Model.from_preset(PRESETS_DIR / "spiral.json")
    data, _, _ = model.load_data()
    assert digit_weights(model, data) is None
    digits = Model.from_preset(PRESETS_DIR / "digits_cnn.json")
    ddata, _, _ = digits.load_data()
    w = digit_weights(digits, ddata)
    assert w.shape == (1, 8, 8) and w.value_range[0] == 0.0
    reading = DigitReader()
    reading.load(w)
    assert reading.read(stroke()).image.shape == (8, 8)


def dense_digits_preset() -> dict:
    """digits_cnn without its convolution: Flatten straight into Dense."""
    import json

    preset = json.loads((PRESETS_DIR / "digits_cnn.json").read_text())
    gone = {"conv1", "relu1", "pool1"}
    preset["nodes"] = [n for n in preset["nodes"] if n["id"] not in gone]
    preset["edges"] = [e for e in preset["edges"] if e["from"].split(":")[0] not in gone
                       and e["to"].split(":")[0] not in gone] + [{"from": "data:x", "to": "flatten:in"}]
    return preset


def test_a_dense_first_layer_has_no_feature_maps_only_the_input():
    model = Model.from_preset(dense_digits_preset())
    data, _, _ = model.load_data()
    reader = DigitReader()
    reader.load(digit_weights(model, data))
    reading = reader.read(stroke())
    assert reading.maps is None and reading.maps_layer is None
    x = prepare(stroke(), (1, 8, 8))
    np.testing.assert_allclose(reading.image, x[0])
    np.testing.assert_allclose(reading.probabilities, model.forward(x[None])[0], rtol=1e-5, atol=1e-7)
