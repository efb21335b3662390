"""The window's layout and toolbar as a user meets them: views one click apart, docks that stay
put on F5, layouts that can always be recovered, buttons that never move, a speed you can watch."""
import shutil
import time

import pytest
from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QToolBar

from playground.ui.common import settings
from playground.ui.files.preset_library import open_preset
from playground.ui.shell.window_layout import MIN_CENTRAL, MIN_DOCK, SETTLE_MS
from tests.ui.fixtures import PRESETS, dialog_answers, settings_dir, settle, window  # noqa: F401


def open_spiral(window, tmp_path, view=None):
    """A private copy of the spiral preset, opened from the library (so in its own view, training,
    unless ``view`` says otherwise)."""
    path = tmp_path / "spiral.json"
    shutil.copy(PRESETS / "spiral.json", path)
    assert open_preset(window, path, view)
    settle()
    return window


def geometries(window) -> dict:
    """Where the canvas and every visible dock are, in window coordinates."""
    found = {d.objectName(): d.geometry().getRect() for d in window.findChildren(QDockWidget)
             if d.isVisible()}
    found["canvas"] = window.centralWidget().geometry().getRect()
    return found


def toolbar_positions(window) -> dict:
    """Every toolbar item's on-screen x position and width."""
    found = {}
    for bar in window.findChildren(QToolBar):
        if bar.isVisible():
            for action in bar.actions():
                widget = bar.widgetForAction(action)
                if widget is not None and widget.isVisible():
                    found[f"{bar.objectName()}:{action.iconText() or action.objectName()}"] = (
                        widget.mapTo(window, widget.rect().topLeft()).x(), widget.width())
    return found


def wait_settled(qtbot):
    """Past the window's resize settling time, with the layout applied."""
    qtbot.wait(SETTLE_MS + 150)
    settle()


def click_view(window, mode):
    button = window.view_toolbar.widgetForAction(window.actions.views[mode])
    QTest.mouseClick(button, Qt.LeftButton)
    settle()


def assert_not_squashed(window):
    canvas = window.centralWidget().size()
    assert canvas.width() >= MIN_CENTRAL.width() and canvas.height() >= MIN_CENTRAL.height(), canvas
    for dock in window.findChildren(QDockWidget):
        if dock.isVisible():
            assert dock.width() >= MIN_DOCK and dock.height() >= MIN_DOCK, dock.objectName()


def steps(window) -> int:
    worker = window.training.worker
    return worker.trainer.step if worker is not None and worker.trainer is not None else 0


# --- F5 keeps the layout -------------------------------------------------------------------------

@pytest.mark.parametrize("view", ["editor", "training"])
def test_pressing_f5_does_not_resize_any_dock(window, tmp_path, qtbot, view):
    open_spiral(window, tmp_path, view)
    before = geometries(window)
    assert "dock_training_curves" in before  # the plots are on screen in both views
    QTest.keyClick(window, Qt.Key_F5)
    controller = window.training
    qtbot.waitUntil(lambda: steps(window) > 20, timeout=60_000)
    settle()
    assert geometries(window) == before and window.view_mode == view
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    settle()
    assert geometries(window) == before and controller.result.status == "finished"


def test_f5_from_the_compare_view_shows_the_training_plots(window, tmp_path, qtbot):
    open_spiral(window, tmp_path, "compare")
    assert not window.training.docks[0].isVisible()
    window.training.train(max_steps=5)
    settle()
    assert window.view_mode == "training" and all(d.isVisible() for d in window.training.docks)
    qtbot.waitUntil(lambda: not window.training.running, timeout=60_000)


# --- views ---------------------------------------------------------------------------------------

def test_view_switcher_is_one_click_and_ctrl_number_apart(window, tmp_path):
    open_spiral(window, tmp_path, "editor")
    assert window.actions.views["editor"].isChecked()
    click_view(window, "compare")
    assert window.view_mode == "compare" and window.compare.dock.isVisible()
    assert not window.palette_dock.isVisible() and window.actions.views["compare"].isChecked()
    QTest.keyClick(window, Qt.Key_2, Qt.ControlModifier)
    settle()
    assert window.view_mode == "training" and window.actions.views["training"].isChecked()
    assert not window.compare.dock.isVisible() and window.training.docks[0].isVisible()
    QTest.keyClick(window, Qt.Key_1, Qt.ControlModifier)
    settle()
    assert window.view_mode == "editor" and window.palette_dock.isVisible()
    for mode in ("editor", "training", "compare"):
        click_view(window, mode)
        assert_not_squashed(window)


def test_each_view_remembers_its_own_layout_across_launches(window, tmp_path, qtbot):
    from playground.ui.shell.main_window import MainWindow

    open_spiral(window, tmp_path, "training")
    plots = window.training.docks[0]
    window.resizeDocks([plots], [450], Qt.Vertical)
    settle()
    training_height = plots.height()
    window.palette_dock.show()  # the user wants the palette in the training view too
    settle()
    click_view(window, "editor")
    editor_height = plots.height()
    assert abs(editor_height - training_height) > 40
    window.resizeDocks([window.inspector_dock], [330], Qt.Horizontal)
    settle()
    editor_inspector = window.inspector_dock.width()
    click_view(window, "training")
    assert plots.height() == training_height and window.palette_dock.isVisible()
    click_view(window, "editor")
    assert plots.height() == editor_height and window.inspector_dock.width() == editor_inspector
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.resize(window.size())
    again.show()
    qtbot.waitExposed(again)
    settle()
    assert again.view_mode == "editor" and again.inspector_dock.width() == editor_inspector
    click_view(again, "training")
    assert again.training.docks[0].height() == training_height and again.palette_dock.isVisible()
    again.close()


# --- recovering a layout -------------------------------------------------------------------------

def test_reset_layout_restores_the_default_docks(window, tmp_path, settings_dir):
    open_spiral(window, tmp_path, "editor")
    default = geometries(window)
    window.palette_dock.hide()
    window.inspector_dock.setFloating(True)
    window.addDockWidget(Qt.LeftDockWidgetArea, window.training.docks[1])
    window.resizeDocks([window.training.docks[0]], [120], Qt.Vertical)
    window.close()  # the messed-up layout is saved ...
    assert settings.window_state()[1]
    window.show()
    settle()
    assert geometries(window) != default
    window.menus["view"].actions()  # ... and View > Reset layout puts it right
    window.actions.reset_layout.trigger()
    settle()
    assert geometries(window) == default and not window.inspector_dock.isFloating()
    assert settings.window_state()[1] == {}


def test_closing_the_compare_dock_is_recoverable(window, tmp_path):
    open_spiral(window, tmp_path, "compare")
    window.compare.dock.close()
    settle()
    assert not window.compare.dock.isVisible()
    click_view(window, "compare")  # the checked view's button, clicked again
    assert window.compare.dock.isVisible()
    window.compare.dock.close()
    click_view(window, "training")
    click_view(window, "compare")
    assert window.compare.dock.isVisible()
    assert_not_squashed(window)


def test_shrinking_the_window_to_its_minimum_and_back_restores_the_layout(window, tmp_path, qtbot):
    open_spiral(window, tmp_path, "training")
    size, before = window.size(), geometries(window)
    window.resize(200, 200)  # as small as the window goes
    wait_settled(qtbot)
    assert window.width() < size.width()
    window.resize(size)
    wait_settled(qtbot)
    assert geometries(window) == before


def test_a_squashed_window_is_not_what_the_next_launch_restores(window, tmp_path, qtbot):
    from playground.ui.shell.main_window import MainWindow

    open_spiral(window, tmp_path, "editor")
    window.resize(200, 200)
    wait_settled(qtbot)
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    settle()
    assert again.width() >= 800 and again.height() >= 500
    assert_not_squashed(again)
    again.close()


def test_a_saved_layout_with_a_tiny_canvas_is_refused(window, tmp_path, qtbot):
    from playground.ui.shell.main_window import MainWindow
    from playground.ui.shell.window_layout import LAYOUT_VERSION

    open_spiral(window, tmp_path, "editor")
    window.resizeDocks([window.training.docks[0]], [window.height()], Qt.Vertical)
    window.resizeDocks([window.palette_dock, window.inspector_dock], [500, 700], Qt.Horizontal)
    settle()
    assert window.centralWidget().height() < MIN_CENTRAL.height()  # squashed ...
    settings.save_window_state(window.saveGeometry(), {"editor": window.saveState(LAYOUT_VERSION)})
    again = MainWindow()  # ... as an older version or a crash might have left it
    qtbot.addWidget(again)
    again.resize(window.size())
    again.show()
    qtbot.waitExposed(again)
    settle()
    assert_not_squashed(again)
    again.close()


# --- the toolbar ---------------------------------------------------------------------------------

def test_toolbar_buttons_stay_put_across_edits_undo_and_pause(window, tmp_path, qtbot):
    open_spiral(window, tmp_path, "editor")
    before = toolbar_positions(window)
    assert {"editToolbar:Undo", "trainingToolbar:Train", "viewToolbar:Compare"} <= set(before)
    editor, stack = window.editor, window.document.undo_stack
    editor.add_node("Dense", QPointF(600, 600))
    editor.add_node("ReLU", QPointF(800, 600))
    settle()
    assert "Add" in window.actions.undo.toolTip() and window.actions.undo.iconText() == "Undo"
    assert toolbar_positions(window) == before
    stack.undo()
    stack.undo()
    settle()
    assert toolbar_positions(window) == before and "Redo Add" in window.actions.redo.toolTip()
    window.document.graph.nodes["optimizer"].params["epochs"] = 100_000
    window.training.train()
    qtbot.waitUntil(lambda: steps(window) > 0, timeout=60_000)
    window.training.actions["pause"].trigger()  # menu and button say Resume, in the same place
    settle()
    assert window.training.actions["pause"].text().replace("&", "") == "Resume"
    paused = toolbar_positions(window)
    assert paused.pop("trainingToolbar:Resume") == before["trainingToolbar:Pause"]
    assert paused == {k: v for k, v in before.items() if k != "trainingToolbar:Pause"}
    window.training.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not window.training.running, timeout=10_000)


@pytest.mark.parametrize("width", [1350, 1904])  # a 1366 and a 1920 screen's window, less its frame
def test_every_toolbar_button_is_on_screen_on_a_laptop_and_a_desktop(window, width):
    window.resize(width, 720)
    settle()
    for bar in (window.view_toolbar, window.edit_toolbar, window.training_toolbar):
        for action in bar.actions():
            if not action.isSeparator():
                button = bar.widgetForAction(action)
                right = button.mapTo(window, button.rect().topRight()).x()
                assert button.isVisible() and right < width, (action.iconText(), right)
    labelled = window.edit_toolbar.widgetForAction(window.actions.new).toolButtonStyle()
    assert labelled == (Qt.ToolButtonTextBesideIcon if width >= 1700 else Qt.ToolButtonIconOnly)


def test_training_and_compare_buttons_have_icons(window):
    names = ("train", "pause", "step", "stop", "reset")
    icons = [window.training.actions[n].icon() for n in names]
    icons += [window.compare.actions[n].icon() for n in ("show", "race")]
    assert all(not i.isNull() and not i.pixmap(QSize(24, 24)).isNull() for i in icons)


# --- training speed ------------------------------------------------------------------------------

def long_spiral(window, tmp_path):
    open_spiral(window, tmp_path, "training")
    window.document.graph.nodes["optimizer"].params["epochs"] = 100_000
    return window.training


def test_a_slow_speed_trains_only_a_few_steps_a_second(window, tmp_path, qtbot):
    controller = long_spiral(window, tmp_path)
    speed = controller.speed
    counts = {}
    for steps_per_second in (None, 10):
        speed.set_speed(steps_per_second)
        assert controller.train()
        qtbot.waitUntil(lambda: steps(window) > 1, timeout=60_000)
        first = steps(window)
        qtbot.wait(1000)
        counts[steps_per_second] = steps(window) - first
        controller.stop()
        qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
    assert 0 < counts[10] < 30 and counts[None] > 3 * counts[10], counts


def test_changing_the_speed_mid_run_takes_effect_at_once(window, tmp_path, qtbot):
    controller = long_spiral(window, tmp_path)
    controller.speed.set_speed(3)
    assert controller.train()
    qtbot.waitUntil(lambda: steps(window) >= 1, timeout=60_000)
    controller.speed.set_speed(None)  # 3 steps/s would need a minute for 200 steps
    qtbot.waitUntil(lambda: steps(window) > 200, timeout=15_000)
    controller.stop()
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)


def test_pause_and_stop_stay_prompt_however_slow_the_run(window, tmp_path, qtbot):
    controller = long_spiral(window, tmp_path)
    controller.speed.set_speed(3)
    assert controller.train()
    qtbot.waitUntil(lambda: steps(window) >= 1, timeout=60_000)
    controller.worker.set_speed(0.02)  # one step every 50 s: a wait that only pause/stop can cut
    qtbot.wait(100)
    start = time.monotonic()
    controller.actions["pause"].trigger()
    qtbot.waitUntil(lambda: controller.worker.trainer.status == "paused", timeout=10_000)
    at_stop = steps(window)
    controller.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
    assert time.monotonic() - start < 20  # far less than one paced step
    assert controller.result.status == "stopped" and controller.result.steps <= at_stop + 1


@pytest.mark.parametrize("steps_per_second", [None, 100])
def test_a_paused_run_shows_the_step_it_paused_at(window, tmp_path, qtbot, steps_per_second):
    """Snapshots are throttled to a few a second; pausing must still show the last step, not one
    from up to a tenth of a second (at full speed, a hundred steps) before."""
    controller = long_spiral(window, tmp_path)
    controller.speed.set_speed(steps_per_second)
    assert controller.train()
    qtbot.waitUntil(lambda: steps(window) > 50, timeout=60_000)
    controller.actions["pause"].trigger()
    qtbot.waitUntil(lambda: controller.worker.trainer.status == "paused", timeout=10_000)
    qtbot.wait(300)  # any snapshot still queued arrives
    at = steps(window)
    label = controller.progress_label.text()
    assert f"step {at:,}/" in label and label.endswith("· paused") and "ETA" not in label, (at, label)
    assert controller.progress.value() == at
    controller.actions["step"].trigger()
    qtbot.waitUntil(lambda: steps(window) == at + 1, timeout=10_000)
    qtbot.waitUntil(lambda: f"step {at + 1:,}/" in controller.progress_label.text(), timeout=5_000)
    controller.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)


def eta_seconds(controller) -> int:
    text = controller.progress_label.text()
    eta = text.split("ETA ")[1].split(" ")[0]
    parts = [int(p) for p in eta.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))


def test_time_spent_paused_does_not_stretch_the_eta(window, tmp_path, qtbot):
    controller = open_spiral(window, tmp_path, "training").training
    controller.speed.set_speed(100)
    assert controller.train()
    qtbot.waitUntil(lambda: steps(window) > 100 and "ETA" in controller.progress_label.text(),
                    timeout=60_000)
    before = eta_seconds(controller)
    controller.actions["pause"].trigger()
    qtbot.wait(3000)
    controller.actions["pause"].trigger()
    resumed_at = steps(window)
    qtbot.waitUntil(lambda: steps(window) > resumed_at + 50 and "ETA" in controller.progress_label.text(),
                    timeout=30_000)
    assert eta_seconds(controller) <= before * 1.3 + 2, (before, controller.progress_label.text())
    controller.actions["stop"].trigger()
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)


def test_the_speed_is_kept_in_settings_and_offered_in_the_menu(window, qtbot):
    from playground.ui.shell.main_window import MainWindow

    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Training")
    speed_menu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    next(a for a in speed_menu.actions() if a.text() == "30 steps/s").trigger()
    assert window.training.speed.currentText() == "30 steps/s" and settings.training_speed() == 30
    again = MainWindow()
    qtbot.addWidget(again)
    speed_menu = next(a.menu() for a in next(a.menu() for a in again.menuBar().actions()
                                             if a.text() == "&Training").actions() if a.menu())
    assert again.training.speed.speed() == 30
    assert [a.text() for a in speed_menu.actions() if a.isChecked()] == ["30 steps/s"]
    plain = MainWindow(restore=False)  # screenshots and benchmarks run at Max
    qtbot.addWidget(plain)
    assert plain.training.speed.speed() is None
    again.close()
    QApplication.processEvents()


@pytest.mark.parametrize("screen, expected", [(QSize(1920, 1080), QSize(1904, 1032)),
                                              (QSize(1366, 768), QSize(1350, 720)),
                                              (QSize(3840, 2160), QSize(1920, 1200))])
def test_a_first_window_takes_the_room_its_screen_has(qtbot, settings_dir, dialog_answers,
                                                      monkeypatch, screen, expected):
    """No saved geometry: the window fills the screen's free room (less its frame), up to a size
    past which the plots would only spread thin, instead of a fixed 1400x900 island on a
    1920x1080 screen."""
    from PySide6.QtCore import QRect

    from playground.ui.shell import main_window
    from playground.ui.shell.app import create_app

    class Screen:
        def availableGeometry(self):
            return QRect(0, 0, screen.width(), screen.height())

    class Gui:
        primaryScreen = staticmethod(Screen)

    create_app()
    monkeypatch.setattr(main_window, "QGuiApplication", Gui)
    window = main_window.MainWindow()
    qtbot.addWidget(window)
    assert window.size() == expected
    window.document.undo_stack.setClean()
