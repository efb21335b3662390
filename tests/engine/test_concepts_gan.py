"""The GAN concept presets show what their descriptions say, with their own seeds and settings."""
from pathlib import Path

import pytest

from playground.engine import Trainer
from playground.engine.gan import model_from_preset

PRESETS = Path(__file__).resolve().parents[2] / "presets"


pytestmark = pytest.mark.usefixtures("one_engine_thread")


def trained(name):
    model = model_from_preset(PRESETS / f"{name}.json")
    assert Trainer(model).run().status == "finished"
    return model.report()


def test_gan_ring_covers_the_ring():
    report = trained("concept_gan_ring")
    assert report["modes_total"] == 8 and report["modes_covered"] >= 7


def test_a_too_fast_generator_collapses():
    report = trained("concept_gan_mode_collapse")
    assert report["modes_covered"] <= 2


def test_the_digit_generator_learns_the_pixel_histogram():
    from playground.engine.gan_metrics import histogram_distance, latents

    model = model_from_preset(PRESETS / "concept_gan_digits.json")
    real = model.load_data()[0].x_val
    z = latents(model, 500)
    before = histogram_distance(model.generate(z), real)
    assert Trainer(model).run().status == "finished"
    after = histogram_distance(model.generate(z), real)
    assert after < before / 2, (before, after)
