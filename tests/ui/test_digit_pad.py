"""Write a digit: strokes on the pad, what the network reads, dropped files."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from playground.engine import Model, Trainer, datasets
from playground.engine.digit_input import bounding_box, centre_of_mass
from playground.engine.digit_reader import digit_weights
from playground.paths import PRESETS_DIR
from playground.ui.plots.digit_pad import DigitPanel
from playground.ui.training.worker import TrainingSnapshot
from tests.ui.fixtures import (  # noqa: F401
    dialog_answers,
    file_drop_mime,
    lenet,
    open_copy,
    settings_dir,
    window,
)


def train(preset: str, steps: int, samples: int = 0) -> tuple[Model, object]:
    model = Model.from_preset(PRESETS_DIR / f"{preset}.json")
    data = model.load_data(samples=samples) if samples else model.load_data()
    Trainer(model, data=data, max_steps=steps, report_every=50).run()
    return model, data[0]


@pytest.fixture(scope="module")
def trained_lenet():
    """LeNet after a short real training (about 94 % on validation): the model and its data."""
    return train("mnist_lenet", 150)


def snapshot(weights) -> TrainingSnapshot:
    """The last snapshot of a run, as the worker sends it (only the probe's result matters here)."""
    return TrainingSnapshot(1, 0, 1, 0.0, "finished", np.array([1]), np.array([0.0]), np.array([np.nan]),
                            extras={"DigitPanel": weights})


@pytest.fixture
def pad_panel(qtbot, trained_lenet):
    model, data = trained_lenet
    panel = DigitPanel()
    qtbot.addWidget(panel)
    panel.resize(640, 420)
    panel.show()
    qtbot.waitExposed(panel)
    panel.update_snapshot(snapshot(digit_weights(model, data)))
    return panel


def pad_point(pad, x: float, y: float) -> QPoint:
    """A point of the pad's square, (0, 0) top left to (1, 1) bottom right."""
    r = pad._pad_rect()
    return QPoint(round(r.x() + x * r.width()), round(r.y() + y * r.height()))


def draw(qtbot, pad, points) -> None:
    """Press, move through ``points`` and release, as a mouse would."""
    QTest.mousePress(pad, Qt.LeftButton, Qt.NoModifier, pad_point(pad, *points[0]))
    for p in points[1:]:
        QTest.mouseMove(pad, pad_point(pad, *p))
    QTest.mouseRelease(pad, Qt.LeftButton, Qt.NoModifier, pad_point(pad, *points[-1]))


def line(a, b, n=10):
    return [(a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n) for i in range(n + 1)]


def read(qtbot, panel, action) -> np.ndarray:
    """Do ``action`` and wait for the reading it causes; its probabilities."""
    before = panel.reading
    action()
    qtbot.waitUntil(lambda: panel.reading is not before and not panel.reading_pending, timeout=10_000)
    QApplication.processEvents()
    return panel.reading.probabilities


def drop(widget, mime) -> None:
    pos = QPoint(widget.width() // 2, widget.height() // 2)
    QApplication.sendEvent(widget, QDragEnterEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    QApplication.sendEvent(widget, QDropEvent(QPointF(pos), Qt.CopyAction, mime, Qt.LeftButton,
                                              Qt.NoModifier, QEvent.Drop))
    QApplication.processEvents()


def digit_panel(window) -> DigitPanel:
    return next(p for p in window.training.panels if isinstance(p, DigitPanel))


def test_the_pad_asks_for_training_first_then_every_stroke_moves_the_bars(lenet, qtbot):
    controller = lenet.training
    panel = digit_panel(lenet)
    controller.show_panel(panel)
    lenet.set_view_mode("training")
    assert "Train the network first (F5)" in panel.headline.text()
    assert panel.placeholder_text == "" and panel.pad.isVisible()
    draw(qtbot, panel.pad, line((0.5, 0.2), (0.5, 0.8)))
    QApplication.processEvents()
    assert panel.reading is None and not panel.pad.is_empty()  # nothing to read with yet

    assert controller.train(max_steps=20)
    qtbot.waitUntil(lambda: not controller.running, timeout=120_000)
    qtbot.waitUntil(lambda: panel.reading is not None, timeout=10_000)  # the last weights read it
    first = panel.bars.opts["height"].copy()
    np.testing.assert_allclose(first, panel.reading.probabilities)
    assert first.sum() == pytest.approx(1.0, abs=1e-5)
    winner = panel.reading.predicted
    assert f">{winner}<" in panel.headline.text()
    assert panel.bars.opts["brushes"][winner].color() != panel.bars.opts["brushes"][(winner + 1) % 10].color()

    read(qtbot, panel, lambda: draw(qtbot, panel.pad, line((0.2, 0.5), (0.8, 0.5))))
    assert not np.allclose(panel.bars.opts["height"], first, atol=1e-4)  # a cross is not a '1'
    assert panel.data_table()[1][winner][1] == pytest.approx(float(panel.reading.probabilities[winner]))

    assert panel.sample_button.isEnabled()  # a validation image, to compare writing with data
    read(qtbot, panel, lambda: QTest.mouseClick(panel.sample_button, Qt.LeftButton))
    sample = panel.samples[0]
    assert f"labelled {panel.sample_labels[0]}" in panel.headline.text()
    assert np.corrcoef(panel.reading.image.ravel(), sample.ravel())[0, 1] > 0.9
    read(qtbot, panel, lambda: QTest.mouseClick(panel.sample_button, Qt.LeftButton))
    assert np.corrcoef(panel.reading.image.ravel(), panel.samples[1].ravel())[0, 1] > 0.9
    read(qtbot, panel, lambda: draw(qtbot, panel.pad, line((0.2, 0.2), (0.8, 0.8))))
    assert "labelled" not in panel.headline.text()  # drawn over: no longer the data's image


def test_a_drawn_one_is_boxed_into_20x20_and_centred_by_its_mass(pad_panel, qtbot):
    probs = read(qtbot, pad_panel, lambda: draw(qtbot, pad_panel.pad, line((0.55, 0.15), (0.5, 0.85))))
    seen = pad_panel.reading.image
    assert seen.shape == (28, 28)
    top, bottom, left, right = bounding_box(seen)
    assert bottom - top == 20 and right - left <= 20  # the long side fitted to 20 pixels
    cy, cx = centre_of_mass(seen)
    assert abs(cy - 14.0) <= 0.5 and abs(cx - 14.0) <= 0.5
    assert int(np.argmax(probs)) == 1
    vb = pad_panel.bars_plot.vb
    over_one = pad_panel.graphics.mapFromScene(vb.mapViewToScene(QPointF(1.1, 0.3)))
    QTest.mouseMove(pad_panel.graphics.viewport(), over_one)  # hovering a bar tells its value
    assert pad_panel.graphics.toolTip() == f"class 1: {probs[1]:.1%}"
    assert pad_panel.bar_tip(1.5) == ""  # between the bars
    assert pad_panel.reading.maps.shape == (6, 28, 28)  # conv1's maps of the drawing
    assert pad_panel.maps_plot.isVisible() and pad_panel.maps.image is not None


def test_clear_and_the_pen_thickness(pad_panel, qtbot):
    pad = pad_panel.pad
    read(qtbot, pad_panel, lambda: draw(qtbot, pad, line((0.5, 0.2), (0.5, 0.8))))
    thin = pad.ink().sum()
    read(qtbot, pad_panel, lambda: pad_panel.thickness.setValue(40))
    assert pad.ink().sum() > 1.4 * thin  # the whole drawing follows the pen
    QTest.mouseClick(pad_panel.clear_button, Qt.LeftButton)
    QApplication.processEvents()
    assert pad.is_empty() and not pad.ink().any()
    assert pad_panel.reading is None and len(pad_panel.bars.opts["height"]) == 0
    assert pad_panel.data_table() == ([], [])
    assert "Write a digit on the pad" in pad_panel.headline.text()
    read(qtbot, pad_panel, lambda: draw(qtbot, pad, line((0.3, 0.3), (0.7, 0.7))))
    pad.setFocus()
    QTest.keyClick(pad, Qt.Key_Backspace)  # takes the stroke back
    assert pad.is_empty()


def test_dropping_a_text_file_says_so_and_keeps_the_drawing(pad_panel, qtbot, tmp_path):
    read(qtbot, pad_panel, lambda: draw(qtbot, pad_panel.pad, line((0.5, 0.2), (0.5, 0.8))))
    ink, reading = pad_panel.pad.ink(), pad_panel.reading
    notes = tmp_path / "notes.txt"
    notes.write_text("not a digit\n")
    drop(pad_panel.pad, file_drop_mime(notes))
    assert pad_panel.message.isVisible()
    assert "notes.txt" in pad_panel.message.text() and "not an image" in pad_panel.message.text()
    np.testing.assert_array_equal(pad_panel.pad.ink(), ink)
    assert pad_panel.reading is reading
    read(qtbot, pad_panel, lambda: draw(qtbot, pad_panel.pad, line((0.4, 0.2), (0.6, 0.2))))
    assert not pad_panel.message.isVisible()  # drawing on goes on as before


def mnist_png(image: np.ndarray, path) -> None:
    data = np.ascontiguousarray((image * 255).round().astype(np.uint8))
    QImage(data.data, 28, 28, 28, QImage.Format_Grayscale8).copy().save(str(path))


def test_a_dropped_png_of_a_real_mnist_digit_reads_as_the_engine_reads_it(pad_panel, qtbot, tmp_path,
                                                                       trained_lenet):
    model, _ = trained_lenet
    test_split = datasets.load("mnist", samples=300).x_val  # from the assets' MNIST test split
    out = model.forward(test_split)
    sure = np.flatnonzero(out.max(axis=1) > 0.95)
    assert sure.size >= 3
    for i in sure[:3]:
        path = tmp_path / f"digit{i}.png"
        mnist_png(test_split[i, 0], path)
        probs = read(qtbot, pad_panel, lambda png=path: drop(pad_panel.pad, file_drop_mime(png)))
        assert int(np.argmax(probs)) == int(np.argmax(out[i])), i
        assert not pad_panel.message.isVisible()
        assert np.corrcoef(pad_panel.reading.image.ravel(), test_split[i, 0].ravel())[0, 1] > 0.9


def test_a_photo_of_dark_ink_on_paper_is_inverted(pad_panel, qtbot, tmp_path):
    paper = QImage(120, 160, QImage.Format_RGB32)
    paper.fill(Qt.white)
    for y in range(25, 135):
        for x in range(55, 66):
            paper.setPixelColor(x, y, Qt.black)
    path = tmp_path / "one.jpg"
    assert paper.save(str(path))
    probs = read(qtbot, pad_panel, lambda: drop(pad_panel.pad, file_drop_mime(path)))
    seen = pad_panel.reading.image
    assert seen[0, 0] == 0.0 and seen.max() == pytest.approx(1.0)  # ink bright, paper gone
    assert int(np.argmax(probs)) == 1


def test_an_8x8_digits_network_reads_the_drawing_as_counts(qtbot):
    model, data = train("digits_cnn", 60)
    panel = DigitPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show()
    panel.update_snapshot(snapshot(digit_weights(model, data)))
    read(qtbot, panel, lambda: draw(qtbot, panel.pad, line((0.5, 0.15), (0.5, 0.85))))
    seen = panel.reading.image
    assert seen.shape == (8, 8) and seen.max() <= 1.0 + 1e-6
    assert (seen.sum(axis=1) > 0).all()  # a digit fills the 8 rows, as the bundled ones do
    assert panel.reading.probabilities.shape == (10,)


def test_a_network_that_is_not_a_digit_classifier_says_why(window, tmp_path):
    open_copy(window, tmp_path, "spiral")
    panel = digit_panel(window)
    window.set_view_mode("training")
    window.training.show_panel(panel)
    QApplication.processEvents()
    assert "28x28 (MNIST) or 8x8 (digits)" in panel.placeholder_text
    assert "input is 2" in panel.placeholder_text
    assert not panel.pad.isVisible()


def test_shot_of_the_digit_view_pictures_the_pad_not_the_filters(tmp_path, qtbot):
    """Opening LeNet fronts the CNN filters a moment later; the picture still shows the view named."""
    from PySide6.QtCore import QSize

    from playground.ui.shell import shot

    pictured = []
    real = shot.render_window

    def spy(window, size):
        image = real(window, size)
        pictured.append(window.training.view_tabs.currentWidget().view_name)
        return image

    shot.render_window, out = spy, tmp_path / "digit.png"
    try:
        shot.save_shot(PRESETS_DIR / "mnist_lenet.json", out, QSize(1000, 700), "digit")
    finally:
        shot.render_window = real
    assert pictured == ["digit"] and out.stat().st_size > 0


def test_drawings_are_read_off_the_gui_thread_with_a_copy_of_the_weights(pad_panel, qtbot, trained_lenet,
                                                                         monkeypatch):
    import threading

    from playground.engine.digit_reader import DigitReader

    threads, real = [], DigitReader.read

    def spy(self, ink):
        threads.append(threading.current_thread())
        return real(self, ink)

    monkeypatch.setattr(DigitReader, "read", spy)
    model, _ = trained_lenet
    read(qtbot, pad_panel, lambda: draw(qtbot, pad_panel.pad, line((0.5, 0.2), (0.5, 0.8))))
    assert threads and threading.main_thread() not in threads
    live = model.parameters()
    for name, copy in pad_panel.weights.state.items():  # copies, never the training arrays
        assert not np.shares_memory(copy, live.get(name, model.state()[name]))


def test_a_dense_network_shows_the_input_it_sees_and_no_feature_maps(qtbot):
    from tests.engine.test_digit_input import dense_digits_preset

    model = Model.from_preset(dense_digits_preset())
    data, _, _ = model.load_data()
    panel = DigitPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show()
    panel.update_snapshot(snapshot(digit_weights(model, data)))
    read(qtbot, panel, lambda: draw(qtbot, panel.pad, line((0.5, 0.15), (0.5, 0.85))))
    assert panel.reading.maps is None
    assert panel.seen_plot.isVisible() and not panel.maps_plot.isVisible()
    assert panel.seen.image.shape == (8, 8)


def test_delete_and_backspace_on_the_pad_edit_the_drawing_not_the_network(lenet, qtbot):
    """The window's Delete action (Delete, Backspace) removes selected nodes: keys typed on the
    pad are the pad's."""
    panel = digit_panel(lenet)
    lenet.set_view_mode("training")
    lenet.training.show_panel(panel)
    lenet.scene.nodes["conv1"].setSelected(True)
    nodes = set(lenet.document.graph.nodes)
    draw(qtbot, panel.pad, line((0.3, 0.3), (0.7, 0.3)))
    draw(qtbot, panel.pad, line((0.5, 0.3), (0.5, 0.8)))
    panel.pad.setFocus()
    QTest.keyClick(panel.pad, Qt.Key_Backspace)
    assert len(panel.pad.strokes) == 1
    QTest.keyClick(panel.pad, Qt.Key_Delete)
    assert panel.pad.is_empty()
    assert set(lenet.document.graph.nodes) == nodes


def test_a_stroke_is_read_while_a_training_step_holds_the_kernel_lock(pad_panel, qtbot, monkeypatch):
    """The pad reads with its own copy of the weights: with a thread-safe threading layer it does
    not wait behind the training thread's step (LeNet's took it to p90 56 ms); with workqueue it
    must, and reads once the step is done."""
    import threading

    from playground.engine import KERNEL_LOCK, digit_reader

    if not digit_reader.concurrent_kernels_safe():
        pytest.skip("Numba has only its workqueue layer here: readings take the kernel lock")
    held, release = threading.Event(), threading.Event()

    def training_step():
        with KERNEL_LOCK:
            held.set()
            release.wait(60)

    step = threading.Thread(target=training_step)
    step.start()
    try:
        assert held.wait(10)
        read(qtbot, pad_panel, lambda: draw(qtbot, pad_panel.pad, line((0.5, 0.2), (0.5, 0.8))))
        assert step.is_alive()  # read while the step still holds the lock
        monkeypatch.setattr(digit_reader, "concurrent_kernels_safe", lambda: False)
        draw(qtbot, pad_panel.pad, line((0.2, 0.5), (0.8, 0.5)))
        assert pad_panel.reading_pending  # workqueue: the reading waits for the step
    finally:
        release.set()
        step.join()
    qtbot.waitUntil(lambda: not pad_panel.reading_pending, timeout=10_000)
