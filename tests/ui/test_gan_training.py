"""A GAN preset trains in the Training view: Step (F10) steps the discriminator, then the generator."""
import numpy as np

from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, window  # noqa: F401,F811


def test_step_updates_d_then_g_and_the_boundary_shows_ds_probability(window, tmp_path, qtbot):
    open_copy(window, tmp_path, "gan_ring")
    controller = window.training
    controller.actions["step"].trigger()
    qtbot.waitUntil(lambda: controller.worker is not None and controller.worker.trainer is not None
                    and controller.worker.trainer.step == 1, timeout=60_000)
    model = controller.model
    assert (model.d_updates, model.g_updates) == (1, 0) and controller.paused
    controller.actions["step"].trigger()
    qtbot.waitUntil(lambda: controller.worker.trainer.step == 2, timeout=30_000)
    assert (model.d_updates, model.g_updates) == (1, 1)
    grid = np.array([[0.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    p = model.forward(grid)
    assert p.shape == (2, 1) and ((p >= 0) & (p <= 1)).all()
    controller.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not controller.running, timeout=30_000)
    assert not controller.banner_bar.isVisible()


def test_the_gan_view_draws_the_generators_points_and_the_modes(window, tmp_path, qtbot):
    from playground.ui.plots.gan import GANPanel

    open_copy(window, tmp_path, "gan_ring")
    controller = window.training
    gan = next(p for p in controller.panels if isinstance(p, GANPanel))
    assert GANPanel.note(window.document.analysis, window.document.graph, (2,)) is None
    assert controller.train(max_steps=30)
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    qtbot.waitUntil(lambda: len(gan.fake_scatter.getData()[0]) == 500, timeout=10_000)
    assert gan.modes.toPlainText().startswith("modes covered: ") and "of 8" in gan.modes.toPlainText()
    open_copy(window, tmp_path, "xor")
    assert "GAN preset" in GANPanel.note(window.document.analysis, window.document.graph, (2,))
