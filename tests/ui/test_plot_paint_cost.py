"""What keeps the live plots cheap on the GUI thread at thousands of steps a second: one paint per
redraw, thin pens once a curve is dense (every point still drawn), nothing drawn while hidden."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from playground.ui.plots.curves import GradientNormPanel, LossPanel

LAYERS = ["dense1", "dense2", "dense3"]


def _snapshot(step: int, grad_norms=None, val=True):
    return SimpleNamespace(step=step, epoch=0, total_steps=10**7, samples_per_second=0.0, status="running",
                           steps=np.arange(step - 9, step + 1), train_loss=np.linspace(1.0, 0.5, 10),
                           train_accuracy=np.linspace(0.5, 0.9, 10),
                           val_points=[(step, 0.8, 0.6)] if val else [], weights={},
                           grad_norms=grad_norms or {}, extras={}, boundary=None, feature_maps=None,
                           confusion=None, sample_predictions=None)


class PaintCounter(QObject):
    def __init__(self, widget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Paint:
            self.count += 1
        return False


def _settle(qtbot) -> None:
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)


def shown_loss_panel(qtbot) -> LossPanel:
    """A loss panel on screen with its first 110 steps drawn."""
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 350)
    panel.show()
    qtbot.waitExposed(panel)
    panel.update_snapshot(_snapshot(110))
    _settle(qtbot)
    return panel


def test_a_redraw_that_moves_the_auto_range_is_painted_once(qtbot):
    panel = shown_loss_panel(qtbot)
    paints = PaintCounter(panel.graphics.viewport())
    panel._last_draw = float("-inf")  # due now, not on the redraw timer
    panel.update_snapshot(_snapshot(190))  # the x range grows: the auto range moves
    _settle(qtbot)
    assert panel.plot.vb.viewRange()[0][1] >= 190
    assert paints.count == 1


def _gradient_panel(qtbot, snapshots: int) -> GradientNormPanel:
    panel = GradientNormPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 350)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reset(SimpleNamespace(weight_layers=LAYERS))
    rng = np.random.default_rng(0)
    for s in range(1, snapshots + 1):
        panel.update_snapshot(_snapshot(10 * s, {l: float(np.exp(rng.normal())) for l in LAYERS}, val=False))
    panel._draw_now()
    return panel


def test_dense_gradient_curves_are_drawn_thin_with_every_kept_point(qtbot):
    panel = _gradient_panel(qtbot, 3000)
    for layer, curve in panel.curves.items():
        x, y = curve.getData()
        series = panel.series[layer]
        assert len(x) == len(series) > 1000
        np.testing.assert_allclose(x, series.x)
        np.testing.assert_allclose(y, np.log10(series.y))  # the log axis: every bucket's low and high
        assert curve.opts["pen"].widthF() == 1.0


def test_sparse_curves_stay_bold_with_their_symbols(qtbot):
    panel = _gradient_panel(qtbot, 20)
    assert all(curve.opts["pen"].widthF() == 2.0 for curve in panel.curves.values())
    loss = LossPanel()
    qtbot.addWidget(loss)
    loss.resize(600, 350)
    loss.show()
    loss.update_snapshot(_snapshot(10))
    loss._draw_now()
    assert loss.val_curve.opts["symbol"] == "o" and loss.val_curve.opts["pen"].widthF() == 2.0
    for s in range(2, 400):  # an epoch every 10 steps, as small data sets do
        loss.update_snapshot(_snapshot(10 * s))
    loss._draw_now()
    assert loss.val_curve.opts["symbol"] is None and loss.val_curve.opts["pen"].widthF() == 1.0
    assert len(loss.val_curve.getData()[0]) == len(loss.val) == 399


def test_a_hidden_panel_does_not_redraw_until_shown(qtbot, monkeypatch):
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 350)
    draws = []
    monkeypatch.setattr(panel, "_redraw", lambda: draws.append(1))
    for s in range(1, 30):
        panel.update_snapshot(_snapshot(10 * s))
    assert draws == []
    panel.show()
    qtbot.waitExposed(panel)
    assert draws == [1]


def test_an_axis_whose_range_did_not_change_is_not_painted_again(qtbot, monkeypatch):
    """An axis replays its recorded ticks and labels (a QPicture) at every paint under it, 2-3 ms
    each under the GIL the training thread needs: kept as a picture Qt blits, a repaint of the
    plot leaves it alone, and a range change still draws it anew."""
    from PySide6.QtGui import QPicture

    panel = shown_loss_panel(qtbot)
    axes = {id(a["item"].picture): name for name, a in panel.plot.axes.items() if a["item"].isVisible()}
    assert set(axes.values()) == {"left", "bottom"}
    played = []
    play = QPicture.play
    monkeypatch.setattr(QPicture, "play", lambda self, painter: (played.append(axes.get(id(self))),
                                                                   play(self, painter))[1])
    panel.graphics.viewport().repaint()  # the same ranges: the curves repaint, the axes not
    assert "left" not in played and "bottom" not in played
    panel._last_draw = float("-inf")
    panel.update_snapshot(_snapshot(190))  # the x range grows: the step axis is drawn anew
    _settle(qtbot)
    assert None in played  # a new picture (the step axis's) was drawn
