"""The training speed control: a toolbar combo and a menu of the same choices, kept in settings.

Training a small network is over in a second or two; a speed limit lets a learner watch the
decision boundary form. The limit is applied by the worker thread (it waits between steps), so the
window stays just as responsive at every speed.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QMenu, QWidget

from playground.ui.common import settings

SPEEDS: tuple[float | None, ...] = (None, 1000, 300, 100, 30, 10, 3)  # steps per second
TOOLTIP = QT_TRANSLATE_NOOP("SpeedControl", "Training speed: at most this many steps (mini-batches) per second. Slow it down to "
           "watch the network learn; Max trains as fast as the computer can.")


def speed_label(steps_per_second: float | None) -> str:
    return QCoreApplication.translate("training.speed", "Max speed") if not steps_per_second else QCoreApplication.translate("training.speed", "{speed:g} steps/s").format(speed=steps_per_second)


class SpeedControl(QComboBox):
    """Choose a speed limit; ``speedChanged`` carries steps per second (None for Max)."""

    speedChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingSpeed")
        for speed in SPEEDS:
            self.addItem(speed_label(speed), speed)
        self.setToolTip(self.tr(TOOLTIP))
        self.setStatusTip(self.tr(TOOLTIP))
        self.setAccessibleName(self.tr("Training speed"))
        self._restoring = False
        self.currentIndexChanged.connect(self._changed)

    def restore_saved(self) -> None:
        """The speed chosen last time (windows for screenshots and benchmarks stay at Max)."""
        saved = settings.training_speed()
        self._restoring = True
        self.setCurrentIndex(SPEEDS.index(saved) if saved in SPEEDS else 0)
        self._restoring = False

    def speed(self) -> float | None:
        return self.currentData()

    def set_speed(self, steps_per_second: float | None) -> None:
        self.setCurrentIndex(SPEEDS.index(steps_per_second))

    def menu(self, parent: QWidget) -> QMenu:
        """A "Speed" submenu with the same choices, following the combo both ways."""
        menu = QMenu(self.tr("Spee&d"), parent)
        group = QActionGroup(menu)
        actions: list[QAction] = []
        for i, speed in enumerate(SPEEDS):
            action = menu.addAction(speed_label(speed))
            action.setCheckable(True)
            action.setChecked(i == self.currentIndex())
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, i=i: self.setCurrentIndex(i))
            actions.append(action)
        self.currentIndexChanged.connect(lambda i: actions[i].setChecked(True))
        return menu

    def _changed(self, _index: int) -> None:
        if not self._restoring:  # the user's choice, not the saved one coming back
            settings.save_training_speed(self.speed())
            self.speedChanged.emit(self.speed())
