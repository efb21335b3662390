"""The plots belong to the app: themes (live, persisted), keys off the data, readable cells and labels,
and the decision boundary's data on screen before any training."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from PySide6.QtCore import QPointF
import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from playground.engine import load_dataset
from playground.ui.common import style
from playground.ui.common import theming
from playground.ui.editor.edits import SetParam
from playground.ui.plots.boundary import DecisionBoundaryPanel
from playground.ui.plots.curves import GradientNormPanel, LossPanel
from playground.ui.plots.images import ConfusionPanel, FiltersPanel, SamplePredictionsPanel
from tests.ui.fixtures import PRESETS, dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401


@pytest.fixture(autouse=True)
def dark_again():
    """Every test starts and ends in the default theme (the QApplication outlives the tests)."""
    theming.apply_theme(style.DEFAULT_THEME)
    yield
    theming.apply_theme(style.DEFAULT_THEME)


def commonest_colour(image: QImage) -> str:
    """The colour covering most pixels of ``image`` (a background), as #rrggbb."""
    image = image.convertToFormat(QImage.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.width() * image.height())
    values, counts = np.unique(pixels & 0xFFFFFF, return_counts=True)
    return f"#{int(values[counts.argmax()]):06x}"


def panel_of(window, cls):
    return next(p for p in window.training.panels if isinstance(p, cls))


def test_theme_switch_restyles_plots_canvas_and_widgets_and_persists(window, qtbot, settings_dir):
    window.set_view_mode("training")
    loss = panel_of(window, LossPanel)
    window.training.show_panel(loss)
    settle()
    assert commonest_colour(loss.graphics.grab().toImage()) == style.DARK.plot_bg
    assert commonest_colour(window.view.viewport().grab().toImage()) == style.DARK.canvas_bg

    window.menus["theme"].action_for("light").trigger()
    settle()
    assert commonest_colour(loss.graphics.grab().toImage()) == style.LIGHT.plot_bg
    assert commonest_colour(window.view.viewport().grab().toImage()) == style.LIGHT.canvas_bg
    assert QApplication.palette().window().color().name() == style.LIGHT.window
    axis = loss.plot.getAxis("left")
    assert axis.textPen().color().name() == style.LIGHT.plot_fg
    assert window.menus["theme"].action_for("light").isChecked()

    # The next start: the app applies the saved theme before the first window opens.
    from playground.ui.shell.app import apply_theme

    style.use_theme("dark")
    apply_theme(QApplication.instance())
    from playground.ui.shell.main_window import MainWindow

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    settle()
    assert second.menus["theme"].action_for("light").isChecked()
    second_loss = panel_of(second, LossPanel)
    second.training.show_panel(second_loss)
    settle()
    assert commonest_colour(second_loss.graphics.grab().toImage()) == style.LIGHT.plot_bg
    assert commonest_colour(second.view.viewport().grab().toImage()) == style.LIGHT.canvas_bg


def test_boundary_shows_the_data_as_soon_as_a_2d_preset_opens(window, tmp_path):
    path = open_copy(window, tmp_path, "spiral")
    panel = panel_of(window, DecisionBoundaryPanel)
    x_train, _, x_val, _ = load_dataset(path)
    assert not window.training.running and panel.received == 0
    assert len(panel.train_scatter.data) == len(x_train) > 0
    assert len(panel.val_scatter.data) == len(x_val) > 0
    assert panel.placeholder_text == ""
    (x0, x1), (y0, y1) = panel.plot.viewRange()
    both = np.concatenate([x_train, x_val])
    assert x0 <= both[:, 0].min() and both[:, 0].max() <= x1
    assert y0 <= both[:, 1].min() and both[:, 1].max() <= y1

    data_node = window.document.analysis.dataset
    window.document.push(SetParam(window.document.graph, data_node, "samples", 200))
    settle()
    x_train, _, x_val, _ = load_dataset(window.document.graph)
    assert len(panel.train_scatter.data) + len(panel.val_scatter.data) == 200 == len(x_train) + len(x_val)


def test_boundary_says_why_it_is_empty_for_image_inputs(window, tmp_path):
    open_copy(window, tmp_path, "mnist_lenet")
    panel = panel_of(window, DecisionBoundaryPanel)
    assert len(panel.train_scatter.data) == 0
    assert "two input features" in panel.placeholder_text and not panel.key.isVisible()


def test_boundary_keeps_the_data_aspect_when_the_dock_is_resized(qtbot):
    panel = DecisionBoundaryPanel()
    qtbot.addWidget(panel)
    x = np.random.default_rng(0).normal(size=(100, 2)).astype(np.float32)
    panel._show_points((x, np.arange(100) % 2))
    panel.show()
    for size in ((900, 300), (300, 700)):
        panel.resize(*size)
        qtbot.waitUntil(lambda: panel.plot.vb.width() > 0)
        QApplication.processEvents()
        px, py = panel.plot.vb.viewPixelSize()
        assert px == pytest.approx(py, rel=0.02)
        (x0, x1), (y0, y1) = panel.plot.viewRange()
        assert x0 <= x[:, 0].min() and x[:, 0].max() <= x1 and y0 <= x[:, 1].min() and x[:, 1].max() <= y1


def _snapshot(step: int, **fields):
    base = dict(step=step, epoch=0, total_steps=100, samples_per_second=0.0, status="running",
                steps=np.arange(step - 9, step + 1), train_loss=np.linspace(1, 0.5, 10),
                train_accuracy=np.linspace(0.5, 0.9, 10), val_points=[(step, 0.8, 0.6)], weights={},
                grad_norms={}, boundary=None, feature_maps=None, confusion=None, sample_predictions=None)
    base.update(fields)
    return SimpleNamespace(**base)


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_legends_never_cover_the_curves(qtbot, theme):
    theming.apply_theme(theme)
    loss, grads = LossPanel(), GradientNormPanel()
    layers = [f"dense{i}" for i in range(1, 6)]
    grads.reset(SimpleNamespace(weight_layers=layers))
    for panel in (loss, grads):
        qtbot.addWidget(panel)
        panel.resize(480, 280)
        panel.show()
    for step in range(10, 200, 10):
        norms = {layer: 10.0 ** (i - 2) * (1 + step / 100) for i, layer in enumerate(layers)}
        for panel in (loss, grads):
            panel.update_snapshot(_snapshot(step, grad_norms=norms))
    for panel in (loss, grads):
        panel._flush()
        QApplication.processEvents()
        legend = panel.legend.sceneBoundingRect()
        assert legend.height() > 0 and len(panel.legend.items) >= 3
        assert not legend.intersects(panel.plot.vb.sceneBoundingRect())
        curves = [i for i in panel.plot.listDataItems() if i.xData is not None and len(i.xData)]
        assert curves
        for curve in curves:
            assert not legend.intersects(curve.mapRectToScene(curve.boundingRect()))


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_confusion_counts_read_on_every_cell(qtbot, theme):
    theming.apply_theme(theme)
    panel = ConfusionPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.reset(SimpleNamespace(num_classes=3))
    matrix = np.array([[50, 3, 0], [0, 67, 1], [9, 10, 11]])
    panel.update_snapshot(_snapshot(10, confusion=matrix))
    panel._flush()
    for i, text in enumerate(panel.texts):
        r, c = divmod(i, 3)
        assert text.toPlainText() == str(matrix[r, c])
        colour = text.textItem.defaultTextColor()
        assert style.contrast_ratio(colour, panel.cell_colour(r, c)) >= 4.5, (r, c)
    for side in ("left", "bottom"):
        assert [label for _, label in panel.plot.getAxis(side)._tickLevels[0]] == ["0", "1", "2"]
    assert panel.key.isVisible() and panel.key.levels() == (0.0, 1.0)


def test_a_confusion_matrix_of_a_hundred_classes_is_a_picture_with_counts_on_hover(qtbot):
    """concept_word2vec_*: 101 words. No count fits in a cell: none is written (10,201 text items
    made the view take a minute), a note says where they are, hovering a cell says its count."""
    panel = ConfusionPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 500)
    panel.show()
    panel.reset(SimpleNamespace(num_classes=101))
    assert panel.texts == [] and panel.many_note.isVisible() and "101 classes" in panel.many_note.text()
    matrix = np.zeros((101, 101), dtype=np.int64)
    matrix[np.arange(101), np.arange(101)] = 4
    matrix[40, 7] = 1
    panel.update_snapshot(_snapshot(10, confusion=matrix))
    panel._flush()
    np.testing.assert_allclose(panel.image.image[40, 7], 1 / 5)
    ticks = [label for _, label in panel.plot.getAxis("left")._tickLevels[0]]
    assert ticks == [str(i) for i in range(0, 101, 10)]
    scene_pos = panel.plot.vb.mapViewToScene(QPointF(7.5, 40.5))
    panel.graphics.scene().sigMouseMoved.emit(scene_pos)
    assert panel.graphics.toolTip() == "true 40, predicted 7: 1 of 5 (20%)"
    panel.reset(SimpleNamespace(num_classes=3))  # a small matrix again: counts in the cells
    assert len(panel.texts) == 9 and not panel.many_note.isVisible()


def test_sample_predictions_show_true_and_predicted_labels_wrong_in_red(qtbot):
    panel = SamplePredictionsPanel()
    qtbot.addWidget(panel)
    panel.show()
    images = np.random.default_rng(1).random((24, 28, 28)).astype(np.float32)
    labels = np.arange(24) % 10
    panel.reset(SimpleNamespace(sample_images=images, sample_labels=labels))
    assert [t.toPlainText() for t in panel.texts[:2]] == ["0 → …", "1 → …"]
    predictions = labels.copy()
    predictions[[3, 7]] = [5, 1]
    panel.update_snapshot(_snapshot(10, sample_predictions=predictions))
    panel._flush()
    red = QColor(style.theme().wrong)
    for i, (text, frame) in enumerate(zip(panel.texts, panel.frames)):
        assert text.toPlainText() == f"{labels[i]} → {predictions[i]}"
        wrong = i in (3, 7)
        assert (text.textItem.defaultTextColor() == red) is wrong
        assert frame.isVisible() is wrong
    lut = panel.image.getColorMap().getLookupTable(nPts=16, alpha=False)
    assert np.all(lut[:, 0] == lut[:, 1]) and np.all(lut[:, 1] == lut[:, 2])  # grayscale


def test_filters_use_a_diverging_map_symmetric_around_zero(qtbot):
    panel = FiltersPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.reset(SimpleNamespace(conv_layers=["conv1"]))
    w = np.random.default_rng(2).normal(0.1, 0.3, size=(6, 1, 5, 5)).astype(np.float32)
    panel.update_snapshot(_snapshot(10, weights={"conv1.W": w}))
    panel._flush()
    lo, hi = panel.key.levels()
    assert lo == -hi and np.abs(w).max() <= hi <= 1.25 * np.abs(w).max()  # a round value above the largest
    middle = panel.image.getColorMap().map(0.5, mode="qcolor")
    assert middle.name() == style.theme().diverging[3]
    assert np.nanmax(panel.shown) == pytest.approx(w.max())  # values as they are, not rescaled per tile
