"""Each view's dock layout: a default arrangement, the user's own remembered per view, recovery.

The editor, training and compare views are arrangements of the same docks. Each view keeps its
own ``QMainWindow.saveState`` while the window is open and across launches. A layout with a
squashed canvas or dock is never kept: the last healthy one stays, comes back when the window grows
to its size again, and is what the next launch restores.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QObject, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar

LAYOUT_VERSION = 2  # saved layouts of another version are ignored (the set of docks changed)
VIEWS = ("editor", "training", "compare")
MIN_CENTRAL = QSize(320, 160)  # a canvas smaller than this is squashed
MIN_DOCK = 60  # so is a dock narrower or lower than this
MIN_WINDOW = QSize(800, 500)  # a saved window smaller than this opens at the default size instead
RIGHT_SHARE, RIGHT_MIN, RIGHT_MAX = 0.22, 260, 340  # Inspector and About column
PLOT_SHARE = {"editor": 0.36, "training": 0.58}  # training plot docks' share of the height
COMPARE_SHARE = 0.66
SETTLE_MS = 250  # a window resize counts as done after this long without another


@dataclass
class Kept:
    """A healthy layout and the window size it was made at."""

    state: QByteArray
    size: QSize


class ViewLayouts(QObject):
    """Switches ``window``'s docks between views. The window calls :meth:`switch`, :meth:`reset`,
    :meth:`window_shown` and :meth:`window_resized`; :meth:`to_save` gives what to persist."""

    def __init__(self, window: QMainWindow, view: str, saved: dict[str, QByteArray]) -> None:
        super().__init__(window)
        self.window = window
        self.view = view
        self.pristine = window.saveState(LAYOUT_VERSION)  # every dock in its home area
        self.kept = {name: Kept(state, QSize()) for name, state in saved.items() if name in VIEWS}
        self._shrunk = False  # made smaller than the kept layout's window since it was kept
        self._size_on_show = False  # default sizes wait for the first show (no geometry before)
        self._check_on_show = False
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS, timeout=self._resize_done)
        self._enter(view)

    # --- the docks of each view -------------------------------------------------------------------
    def _docks(self, view: str) -> tuple[list[QDockWidget], list[QDockWidget]]:
        """(shown, hidden) docks of ``view``'s default arrangement."""
        w = self.window
        plots = list(w.training.docks)
        editing = [w.inspector_dock, w.about_dock]
        if view == "editor":
            return [w.palette_dock, *editing, *plots], [w.compare.dock]
        if view == "training":
            return [*editing, *plots], [w.palette_dock, w.compare.dock]
        return [w.compare.dock], [w.palette_dock, *editing, *plots]

    def _essential(self, view: str) -> list[QDockWidget]:
        """Docks a view is pointless without: entering it shows them if all are closed."""
        return {"training": list(self.window.training.docks), "compare": [self.window.compare.dock]} \
            .get(view, [])

    # --- switching --------------------------------------------------------------------------------
    def switch(self, view: str) -> None:
        """Keep the current view's layout and lay out ``view`` as it was last left (or its default)."""
        self.keep()
        self.view = view
        self._enter(view)

    def _enter(self, view: str) -> None:
        self._shrunk = self._smaller_than_kept()
        kept = self.kept.get(view)
        if kept is None or not self._restore(kept.state):
            self.apply_default(view)
        elif self.window.isVisible():
            self._check()
        else:
            self._check_on_show = True
        self.ensure_essentials(view)
        self.keep()  # from now on shrinking the window can always be undone

    def ensure_essentials(self, view: str) -> None:
        """Show a view's essential docks again when the user has closed all of them."""
        essential = self._essential(view)
        if essential and not any(d.isVisibleTo(self.window) for d in essential):
            for dock in essential:
                dock.show()
                dock.raise_()

    def reset(self) -> None:
        """Forget every view's layout and lay out the current view by default."""
        self.kept.clear()
        self._shrunk = False
        self.apply_default(self.view)
        self.keep()

    def apply_default(self, view: str) -> None:
        self._restore(self.pristine)
        shown, hidden = self._docks(view)
        for dock in hidden:
            dock.hide()
        for dock in shown:
            dock.setFloating(False)
            dock.show()
        if self.window.isVisible():
            self._size_defaults(view)
        else:
            self._size_on_show = True

    def _size_defaults(self, view: str) -> None:
        w = self.window
        width, height = w.width(), w.height()
        if view == "compare":
            w.resizeDocks([w.compare.dock], [int(height * COMPARE_SHARE)], Qt.Vertical)
            return
        if w.palette_dock.isVisibleTo(w):
            w.resizeDocks([w.palette_dock], [w.palette.sizeHint().width()], Qt.Horizontal)
        right = int(min(max(width * RIGHT_SHARE, RIGHT_MIN), RIGHT_MAX))
        w.resizeDocks([w.inspector_dock], [right], Qt.Horizontal)
        w.resizeDocks([w.inspector_dock, w.about_dock], [3, 2], Qt.Vertical)
        plots = list(w.training.docks)
        w.resizeDocks(plots[:1], [int(height * PLOT_SHARE[view])], Qt.Vertical)
        w.resizeDocks(plots, [1] * len(plots), Qt.Horizontal)

    def _restore(self, state: QByteArray) -> bool:
        """``restoreState`` for the docks only: toolbars and the message banner stay as they are."""
        w = self.window
        bars = {bar: bar.isVisibleTo(w) for bar in w.findChildren(QToolBar)
                if w.toolBarArea(bar) != Qt.NoToolBarArea}
        ok = w.restoreState(state, LAYOUT_VERSION)
        for bar, visible in bars.items():
            bar.setVisible(visible)
        return ok

    # --- health -----------------------------------------------------------------------------------
    def healthy(self) -> bool:
        """Whether the canvas and every docked, visible dock have room to be used."""
        w = self.window
        w.layout().activate()
        central = w.centralWidget().size()
        if central.width() < MIN_CENTRAL.width() or central.height() < MIN_CENTRAL.height():
            return False
        return all(d.width() >= MIN_DOCK and d.height() >= MIN_DOCK
                   for d in w.findChildren(QDockWidget) if d.isVisible() and not d.isFloating())

    def _check(self) -> None:
        """A restored layout that turns out squashed gives way to the default."""
        if not self.healthy():
            self.kept.pop(self.view, None)
            self.apply_default(self.view)
            self.ensure_essentials(self.view)

    def _smaller_than_kept(self) -> bool:
        kept, size = self.kept.get(self.view), self.window.size()
        return kept is not None and (size.width() < kept.size.width() or size.height() < kept.size.height())

    def keep(self) -> None:
        """Remember the current view's layout, unless it is squashed or the window is smaller
        than when the kept one was made (that one comes back when the window grows again)."""
        if self.window.isVisible() and not self._smaller_than_kept() and self.healthy():
            self.kept[self.view] = Kept(self.window.saveState(LAYOUT_VERSION), self.window.size())

    def to_save(self) -> dict[str, QByteArray]:
        """Each view's layout for the next launch: the current one as it is unless squashed,
        the others as they were kept."""
        saved = {view: kept.state for view, kept in self.kept.items()}
        if self.window.isVisible() and self.healthy():
            saved[self.view] = self.window.saveState(LAYOUT_VERSION)
        return saved

    # --- window events ----------------------------------------------------------------------------
    def window_shown(self) -> None:
        if self._size_on_show:
            self._size_on_show = False
            self._size_defaults(self.view)
        if self._check_on_show:
            self._check_on_show = False
            self._check()
        self.keep()

    def window_resized(self) -> None:
        self._settle.start()

    def _resize_done(self) -> None:
        """After a resize: smaller than the kept layout's window, nothing is kept; grown back to
        its size, the kept layout returns; otherwise the layout at the new size is kept."""
        if self._smaller_than_kept():
            self._shrunk = True
        elif self._shrunk:
            self._shrunk = False
            self._restore(self.kept[self.view].state)
        else:
            self.keep()
