"""Small things a learner notices: Pause reads Resume while paused (and no button moves), empty
plots show plain 0..1 axes, the Gates layer picker shows only when there is a choice, and each
D-and-G curve has a colour of its own."""
from PySide6.QtGui import QColor

from tests.ui.fixtures import panel_of
from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401,F811


def test_pause_reads_resume_while_paused_in_a_button_that_keeps_its_width(window, tmp_path, qtbot):
    controller = window.training
    open_copy(window, tmp_path, "spiral")
    window.document.graph.nodes["optimizer"].params["epochs"] = 100_000
    pause = controller.toolbar.widgetForAction(controller.actions["pause"])
    step = controller.toolbar.widgetForAction(controller.actions["step"])
    assert controller.train()
    qtbot.waitUntil(lambda: controller.worker.trainer is not None, timeout=30_000)
    settle()
    width, step_x = pause.width(), step.x()
    assert pause.text() == "Pause" and not pause.isChecked()
    controller.actions["pause"].trigger()
    settle()
    assert controller.paused and pause.isChecked() and pause.text() == "Resume"
    assert pause.width() == width and step.x() == step_x
    controller.actions["pause"].trigger()
    settle()
    assert not controller.paused and pause.text() == "Pause"
    controller.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
    assert pause.text() == "Pause"


def test_empty_gates_and_d_and_g_plots_have_plain_axes(window):
    from playground.ui.plots.gan_curves import GANCurvesPanel
    from playground.ui.plots.sequences import GatesPanel

    controller = window.training
    window.actions.new.trigger()  # views are cleared as another network opens
    window.set_view_mode("training")
    gates = panel_of(controller, GatesPanel)
    controller.show_panel(gates)
    settle()
    assert not gates.layer_box.isVisible()  # no blank "Layer:" picker before there is a choice
    for cls in (GatesPanel, GANCurvesPanel):
        panel = panel_of(controller, cls)
        controller.show_panel(panel)
        settle()
        for plot in [i for i in panel.graphics.ci.items if hasattr(i, "getAxis")]:
            for side in ("left", "bottom"):
                axis = plot.getAxis(side)
                assert axis.autoSIPrefixScale == 1.0 and "x0.001" not in axis.labelString(), (cls, side)
            (x0, x1), (y0, y1) = plot.viewRange()
            assert -0.2 <= x0 and x1 <= 1.2 and -0.2 <= y0 and y1 <= 1.2, (cls, plot.viewRange())


def test_each_d_and_g_curve_has_its_own_colour(window):
    from playground.ui.plots.gan_curves import GANCurvesPanel

    curves = panel_of(window.training, GANCurvesPanel).curves
    colours = {QColor(c.opts["pen"].color()).name() for c in curves.values()}
    assert len(colours) == len(curves)
