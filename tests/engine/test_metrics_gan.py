"""The GAN views' measurements agree with the model they measure (engine/gan_metrics)."""
from pathlib import Path

import numpy as np

from playground.engine import datasets
from playground.engine.gan import model_from_preset
from playground.engine.gan_metrics import generator_push, histogram_distance, pixel_histogram, scores

PRESETS = Path(__file__).resolve().parents[2] / "presets"


def test_the_push_is_minus_the_generator_loss_gradient_at_each_fake_point():
    model = model_from_preset(PRESETS / "gan_ring.json", dtype=np.float64)
    fake = np.array([[0.3, -0.2], [1.1, 0.4], [-0.7, 0.9]])
    push = generator_push(model, fake)
    p, loss_type = model.loss_params, model._loss_type
    eps = 1e-6
    for i in range(len(fake)):
        for j in range(2):
            up, down = fake.copy(), fake.copy()
            up[i, j] += eps
            down[i, j] -= eps
            # the loss of this one point alone: the push is per sample, not divided by the batch
            numeric = (loss_type.g_loss(p, model.score(up[i:i + 1]))[0]
                       - loss_type.g_loss(p, model.score(down[i:i + 1]))[0]) / (2 * eps)
            assert abs(push[i, j] + numeric) < 1e-6 * max(1.0, abs(numeric))


def test_accuracies_count_the_discriminators_verdicts():
    model = model_from_preset(PRESETS / "gan_ring.json")
    real = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [-1.0, 0.0]], dtype=np.float32)
    fake = np.array([[0.0, 0.0], [0.2, -0.1]], dtype=np.float32)
    s = scores(model, real, fake)
    assert s["accuracy_real"] == np.mean(model.probability(real) > 0.5)
    assert s["accuracy_fake"] == np.mean(model.probability(fake) < 0.5)
    assert s["d_loss"] == model._loss_type.d_loss(model.loss_params, model.score(real), model.score(fake))[0]


def test_the_digits_source_gives_64_pixels_of_one_or_all_digits():
    threes = datasets.load("gan_digits", digit="3")
    every = datasets.load("gan_digits")
    assert threes.x_train.shape[1:] == (64,) and set(threes.y_train) == {3}
    assert len(set(every.y_train)) == 10 and len(every.x_train) + len(every.x_val) == 1797
    assert 0.0 <= every.x_train.min() and every.x_train.max() == 1.0
    assert datasets.input_shape_of("gan_digits", digit="7") == ((64,), 10)


def test_histogram_distance_is_zero_for_the_same_pixels_and_two_for_disjoint_ones():
    x = np.random.default_rng(0).uniform(0, 1, (20, 64))
    assert histogram_distance(x, x) == 0.0
    assert histogram_distance(np.zeros((3, 64)), np.ones((3, 64))) == 2.0
    assert pixel_histogram(x).sum() == 1.0
