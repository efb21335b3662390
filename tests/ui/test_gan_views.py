"""The GAN views show what the engine computes: the grid's cells are G's images for the fixed
latent vectors, the arrows point along minus the generator loss gradient, the D/G curves end at
the scores of the trained networks; Step discriminator / Step generator train one network."""
import numpy as np
from PySide6.QtCore import Qt

from playground.engine.gan_metrics import generator_push, latents, real_samples, scores
from tests.ui.fixtures import panel_of, train_for
from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, window  # noqa: F401,F811


def test_the_digit_grid_shows_gs_images_of_the_fixed_latent_vectors(window, tmp_path, qtbot):
    from playground.ui.plots.gan_curves import GANCurvesPanel
    from playground.ui.plots.gan_images import CELLS, GANImagesPanel

    open_copy(window, tmp_path, "concept_gan_digits")
    controller = window.training
    grid = panel_of(controller, GANImagesPanel)
    assert controller.view_tabs.currentWidget() is grid  # fronted: the view that applies
    assert controller.curve_tabs.currentWidget() is panel_of(controller, GANCurvesPanel)
    controller = train_for(window, qtbot, 40)
    model = controller.model
    made = model.generate(latents(model, CELLS))
    qtbot.waitUntil(lambda: grid.images["fake"].image is not None  # the last snapshot drawn
                    and np.allclose(grid.cell(0), made[0].reshape(8, 8), atol=1e-6), timeout=10_000)
    for i in (0, 7, CELLS - 1):
        np.testing.assert_allclose(grid.cell(i), made[i].reshape(8, 8), atol=1e-6)
    real = real_samples(model.load_data())
    first_real = grid.images["real"].image[1:9, 1:9]
    np.testing.assert_allclose(first_real, real[0].reshape(8, 8), atol=1e-6)
    assert grid.histogram_plot.titleLabel.text == f"distance to real: {grid.distance_to_real():.2f}"


def test_the_grids_labels_never_run_into_each_other_in_a_small_dock(window, tmp_path, qtbot):
    """At 1366x768 the editor's bottom dock drew "generated (fixed noise)" across "real"."""
    from playground.ui.plots.gan_images import GANImagesPanel

    open_copy(window, tmp_path, "concept_gan_digits")
    controller = train_for(window, qtbot, 40)
    grid = panel_of(controller, GANImagesPanel)
    qtbot.waitUntil(lambda: grid.images["fake"].image is not None, timeout=10_000)
    for width, height, full in ((1000, 500, True), (420, 260, False)):  # the small one: that dock
        grid.resize(width, height)
        qtbot.waitUntil(lambda: grid.graphics.height() <= height + 1)
        grid._fit_labels()
        fake, real = (grid.labels[k] for k in ("fake", "real"))
        assert fake.isVisible() and real.isVisible()
        assert (fake.textItem.toPlainText() == "generated (fixed noise)") == full
        a, b = (label.mapRectToScene(label.boundingRect()) for label in (fake, real))
        assert a.right() < b.left()  # side by side, apart
        view = grid.grid_plot.vb.mapRectToScene(grid.grid_plot.vb.boundingRect())
        assert view.top() <= a.top() + 1 and view.top() <= b.top() + 1  # not cut off at the top


def test_arrows_point_where_the_generator_loss_pushes_each_fake_point(window, tmp_path, qtbot):
    from playground.ui.plots.gan import ARROWS, SAMPLES, GANPanel

    open_copy(window, tmp_path, "gan_ring")
    controller = train_for(window, qtbot, 30)
    gan = panel_of(controller, GANPanel)
    controller.show_panel(gan)
    model = controller.model
    fake = model.generate(latents(model, SAMPLES))[:ARROWS].astype(np.float64)

    def drawn_from_last_snapshot():
        x, _ = gan.arrows.getData()
        return x is not None and len(x) == ARROWS * 6 and np.allclose(x[::6], fake[:, 0], atol=1e-6)
    qtbot.waitUntil(drawn_from_last_snapshot, timeout=10_000)
    x, y = gan.arrows.getData()
    segments = np.column_stack([x, y]).reshape(ARROWS, 6, 2)
    np.testing.assert_allclose(segments[:, 0], fake, atol=1e-6)  # each shaft starts at its fake point
    drawn = segments[:, 1] - segments[:, 0]
    push = generator_push(model, fake)
    unit = lambda v: v / np.linalg.norm(v, axis=1, keepdims=True)
    assert np.all(np.sum(unit(drawn) * unit(push), axis=1) > 0.9999)
    lengths = np.linalg.norm(drawn, axis=1)
    strength = np.linalg.norm(push, axis=1)
    np.testing.assert_allclose(lengths / lengths.max(), strength / strength.max(), atol=1e-6)
    brush = gan.train_scatter.data["brush"][0].color().name()
    assert brush == "#35a852"  # real points one colour, not the class colours


def trained_curves(window, tmp_path, qtbot, preset, steps):
    """(controller, D-and-G panel) after ``steps`` of ``preset``, its curves drawn to the last step."""
    from playground.ui.plots.gan_curves import GANCurvesPanel

    open_copy(window, tmp_path, preset)
    controller = train_for(window, qtbot, steps)
    curves = panel_of(controller, GANCurvesPanel)
    assert controller.curve_tabs.currentWidget() is curves

    def drawn_to_the_end():
        return all(c.getData()[0] is not None and c.getData()[0][-1] == steps for c in curves.curves.values())
    qtbot.waitUntil(drawn_to_the_end, timeout=10_000)
    return controller, curves


def test_d_and_g_curves_end_at_the_trained_networks_scores(window, tmp_path, qtbot):
    from playground.ui.plots.gan_curves import FAKE_SAMPLES, REAL_SAMPLES

    controller, curves = trained_curves(window, tmp_path, qtbot, "gan_ring", 30)
    model = controller.model
    real = real_samples(model.load_data())[:REAL_SAMPLES]
    expected = scores(model, real, model.generate(latents(model, FAKE_SAMPLES)))
    assert set(expected) == set(curves.curves)
    for key, value in expected.items():
        x, y = curves.curves[key].getData()
        assert len(x) >= 2 and abs(y[-1] - value) < 1e-5, key


def test_step_discriminator_and_step_generator_train_one_network(window, tmp_path, qtbot):
    open_copy(window, tmp_path, "gan_ring")
    controller = window.training
    actions = controller.gan_steps.actions
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Training")
    assert actions["generator"] in menu.actions() and actions["discriminator"] in menu.actions()
    assert actions["generator"].shortcut().toString() == "Ctrl+F10"
    assert "generator" in actions["generator"].toolTip()
    assert actions["generator"].isEnabled()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key_F10, Qt.ControlModifier)  # Step generator, before any run
    qtbot.waitUntil(lambda: controller.worker is not None and controller.worker.trainer is not None
                    and controller.worker.trainer.step == 1, timeout=60_000)
    model = controller.model
    assert (model.d_updates, model.g_updates) == (0, 1) and controller.paused
    before = {k: v.copy() for k, v in model.d_params.items()}
    actions["generator"].trigger()
    qtbot.waitUntil(lambda: controller.worker.trainer.step == 2, timeout=30_000)
    assert (model.d_updates, model.g_updates) == (0, 2)
    assert all(np.array_equal(before[k], v) for k, v in model.d_params.items())  # D untouched
    qtbot.keyClick(window, Qt.Key_F10, Qt.ShiftModifier)  # Step discriminator
    qtbot.waitUntil(lambda: controller.worker.trainer.step == 3, timeout=30_000)
    assert (model.d_updates, model.g_updates) == (1, 2)
    controller.actions["step"].trigger()  # F10: the alternation goes on where it was (D first)
    qtbot.waitUntil(lambda: controller.worker.trainer.step == 4, timeout=30_000)
    assert (model.d_updates, model.g_updates) == (2, 2)
    controller.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not controller.running, timeout=30_000)
    open_copy(window, tmp_path, "xor")
    assert not actions["generator"].isEnabled() and not actions["discriminator"].isEnabled()


def test_shot_view_gan_names_the_gan_view_that_applies(window, tmp_path, qtbot):
    from playground.ui.plots.gan import GANPanel
    from playground.ui.plots.gan_images import GANImagesPanel
    from playground.ui.shell.shot import shot_panel

    open_copy(window, tmp_path, "concept_gan_digits")
    assert isinstance(shot_panel(window, "gan"), GANImagesPanel)
    a = window.document.analysis
    assert "GAN images tab" in GANPanel.note(a, window.document.graph, a.shapes[a.dataset])
    assert GANImagesPanel.note(a, window.document.graph, a.shapes[a.dataset]) is None
    open_copy(window, tmp_path, "gan_ring")
    assert type(shot_panel(window, "gan")) is GANPanel
    a = window.document.analysis
    assert "square grey images" in GANImagesPanel.note(a, window.document.graph, a.shapes[a.dataset])


def test_playground_shot_renders_the_digit_gan_view(tmp_path):
    import subprocess
    import sys

    from PySide6.QtGui import QImage

    out = tmp_path / "digits.png"
    result = subprocess.run([sys.executable, "-m", "playground", "shot", "concept_gan_digits", "--view", "gan",
                             "--train-steps", "20", "--size", "1366x768", "-o", str(out)],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)


def test_the_digit_gans_d_and_g_curves_have_a_point_every_few_steps(window, tmp_path, qtbot):
    """concept_gan_digits trains 920 steps in well under a second: the curves were sampled from
    ~10 points of 500 + 500 samples each (the sampler keeps probes to 5 % of the training time)."""
    _, curves = trained_curves(window, tmp_path, qtbot, "concept_gan_digits", 400)
    for key, curve in curves.curves.items():
        x, y = curve.getData()
        assert len(x) >= 25, (key, len(x))  # a line over 400 steps (it had 6 points), not a few dots
        assert np.all(np.diff(x) > 0) and np.all(np.isfinite(y))


def test_a_gan_lists_no_classifier_views_and_ends_with_both_networks_losses(window, tmp_path, qtbot):
    """concept_gan_digits' data have 10 classes, but its loss trains two networks in turns: the
    confusion matrix and the accuracy curve say why they do not apply (their tabs are not listed),
    and the finished run reports D's and G's losses, not a 'validation loss'."""
    from playground.ui.plots.curves import AccuracyPanel
    from playground.ui.plots.images import ConfusionPanel

    open_copy(window, tmp_path, "concept_gan_digits")
    controller = window.training
    for cls, tabs in ((ConfusionPanel, controller.view_tabs), (AccuracyPanel, controller.curve_tabs)):
        panel = panel_of(controller, cls)
        assert not tabs.isTabVisible(tabs.indexOf(panel)), cls.__name__
        assert "D and G" in panel.placeholder_text
    controller = train_for(window, qtbot, 50)
    model = controller.model
    text = controller.progress_label.text()
    assert text == f"Finished after 50 steps: D loss {model.last_d_loss:.4f}, G loss {model.last_g_loss:.4f}"


def test_a_classifier_still_has_its_confusion_matrix_and_validation_loss(window, tmp_path, qtbot):
    from playground.ui.plots.images import ConfusionPanel

    open_copy(window, tmp_path, "xor")
    controller = window.training
    panel = panel_of(controller, ConfusionPanel)
    assert controller.view_tabs.isTabVisible(controller.view_tabs.indexOf(panel))
    assert panel.placeholder_text == ""
    train_for(window, qtbot, 20)
    assert "validation loss" in controller.progress_label.text()
