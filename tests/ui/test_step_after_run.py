"""Step (F10) after a run has ended continues that run's history: the curves keep every step
trained so far and the counter goes on from the last step, as stepping a paused run does."""
import numpy as np

from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, window  # noqa: F401,F811


def test_step_after_a_finished_run_keeps_the_curves_and_counts_on(window, tmp_path, qtbot):
    from playground.ui.plots.curves import LossPanel

    open_copy(window, tmp_path, "xor")
    controller = window.training
    loss = next(p for p in controller.panels if isinstance(p, LossPanel))
    assert controller.train(max_steps=60)
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    qtbot.waitUntil(lambda: loss.raw_curve.getData()[0] is not None and len(loss.raw_curve.getData()[0])
                    and loss.raw_curve.getData()[0][-1] == 60, timeout=10_000)
    before, _ = loss.raw_curve.getData()
    before = before.copy()
    assert "Finished after 60 steps" in controller.progress_label.text()

    controller.actions["step"].trigger()  # F10
    qtbot.waitUntil(lambda: controller.paused and "step 61/" in controller.progress_label.text(), timeout=20_000)
    qtbot.waitUntil(lambda: loss.raw_curve.getData()[0][-1] == 61, timeout=10_000)
    x, _ = loss.raw_curve.getData()
    np.testing.assert_array_equal(x[:len(before)], before)  # the finished run's history stays
    (x0, x1), _ = loss.plot.viewRange()
    assert x0 >= -5 and x1 >= 61  # the axis spans the run, not -3000..3000
    controller.actions["step"].trigger()
    qtbot.waitUntil(lambda: "step 62/" in controller.progress_label.text(), timeout=60_000)
    controller.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
    assert "after 62 steps" in controller.progress_label.text()
