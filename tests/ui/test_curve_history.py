"""Curves that a probe feeds (gradient norms, the GAN's D and G scores) show the whole run at an
even density, however fast it trained: they are sampled by step, not one point per snapshot."""
import numpy as np

from tests.ui.fixtures import panel_of, train_for
from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, window  # noqa: F401,F811


def _spread_over(x, steps, points):
    """At least ``points`` points from the first steps to the last, no gap wider than a fifth."""
    return len(x) >= points and x[0] <= steps / 10 and x[-1] == steps and np.diff(x).max() <= steps / 5


def test_gradient_norms_show_the_whole_run_of_a_fast_network(window, tmp_path, qtbot):
    from playground.ui.plots.curves import GradientNormPanel

    open_copy(window, tmp_path, "spiral")
    controller = train_for(window, qtbot, 1500)
    panel = panel_of(controller, GradientNormPanel)
    controller.show_panel(panel)
    qtbot.waitUntil(lambda: all(c.getData()[0] is not None and len(c.getData()[0])
                                and c.getData()[0][-1] == 1500 for c in panel.curves.values()), timeout=10_000)
    for layer, curve in panel.curves.items():
        x, y = curve.getData()
        assert _spread_over(x, 1500, 40), (layer, len(x), x[:5])


def test_d_and_g_curves_show_the_whole_gan_run(window, tmp_path, qtbot):
    from playground.ui.plots.gan_curves import GANCurvesPanel

    open_copy(window, tmp_path, "gan_ring")
    controller = train_for(window, qtbot, 2000)
    curves = panel_of(controller, GANCurvesPanel)
    assert controller.curve_tabs.currentWidget() is curves
    qtbot.waitUntil(lambda: all(c.getData()[0] is not None and len(c.getData()[0])
                                and c.getData()[0][-1] == 2000 for c in curves.curves.values()), timeout=10_000)
    for key, curve in curves.curves.items():
        x, y = curve.getData()
        assert _spread_over(x, 2000, 15), (key, len(x), x[:5])
    spans_the_run = lambda: curves.loss_plot.viewRange()[0][0] <= 1 and curves.loss_plot.viewRange()[0][1] >= 2000
    qtbot.waitUntil(spans_the_run, timeout=5_000)  # the axis, not 0..1
