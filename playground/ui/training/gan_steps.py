"""Training > Step discriminator / Step generator: train one network of a GAN by one step on its
own, as GAN Lab's step buttons do, outside the k-to-1 alternation that Step (F10) follows."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from playground.engine.gan import is_gan
from playground.ui.common.icons import icon


class GANStepActions(QObject):
    """The two actions, added to ``menu`` after ``controller``'s Step; enabled for GAN graphs."""

    def __init__(self, controller, menu: QMenu, before: QAction) -> None:
        super().__init__(controller)
        self.controller = controller
        w = controller.window
        specs = (("discriminator", self.tr("Step &discriminator"), "Shift+F10",
                  self.tr("Train only the discriminator, one step, then pause (Shift+F10)")),
                 ("generator", self.tr("Step &generator"), "Ctrl+F10",
                  self.tr("Train only the generator, one step, then pause (Ctrl+F10)")))
        self.actions: dict[str, QAction] = {}
        for network, text, key, tip in specs:
            action = QAction(icon("step"), text, w)
            action.setShortcut(QKeySequence(key))
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False, n=network: self.step(n))
            menu.insertAction(before, action)
            w.addAction(action)  # the shortcut works with the menu closed
            self.actions[network] = action
        controller.document.analysisChanged.connect(lambda _a: self.update())
        self.update()

    def update(self) -> None:
        gan = is_gan(self.controller.document.graph)
        for action in self.actions.values():
            action.setEnabled(gan)

    def step(self, network: str) -> None:
        """One optimizer step of ``network`` ("discriminator" or "generator"), then paused."""
        c = self.controller
        if not is_gan(c.document.graph):
            return
        if not c.running:
            if not c.train(start_paused=True):
                return
        elif not c.paused:
            c.actions["pause"].setChecked(True)
            c.toggle_pause()
        c.model.step_next = network
        c.step()
