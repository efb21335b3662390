"""Compare mode in the main window: the Compare dock (optimizer comparison and loss-surface race),
its menu and toolbar entries, and the comparison worker's thread.

Only one thread steps Numba kernels for training: the run coordinator lets a comparison start only
while nothing else runs.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QThread, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabWidget, QToolBar

from playground.engine.compare import Comparison
from playground.engine.graph import Graph
from playground.engine.registry import node_type
from playground.ui.common.i18n import fill
from playground.ui.common.icons import icon
from playground.ui.common.runs import RunCoordinator
from playground.ui.common.threads import OneWorkerAtATime
from playground.ui.compare.panel import ComparePanel, leader_of, was_stopped
from playground.ui.compare.worker import CompareSetup, CompareSnapshot, CompareWorker
from playground.ui.editor.document import GraphDocument
from playground.ui.plots import base
from playground.ui.race.panel import RacePanel

SHUTDOWN_MS = 1500
FILE_FILTERS = {"csv": QT_TRANSLATE_NOOP("CompareController", "CSV files (*.csv)"),
                "json": QT_TRANSLATE_NOOP("CompareController", "JSON files (*.json)")}


def with_absolute_paths(graph: Graph, base_dir: str) -> Graph:
    """The graph with relative data-file paths made absolute (a Comparison built from a Graph
    has no preset folder to resolve them against)."""
    for node in graph.nodes.values():
        t = node_type(node.type)
        if t is not None and t.is_source:
            node.params = t.with_absolute_paths(node.params, base_dir)
    return graph


class CompareController(OneWorkerAtATime, QObject):
    """Adds the Compare dock, menu and ``toolbar`` entries to ``window`` and compares optimizers
    on ``document``'s graph when ``runs`` lets it; ``set_view`` switches the window's view."""

    def __init__(self, window: QMainWindow, document: GraphDocument, runs: RunCoordinator,
                 toolbar: QToolBar, add_panel: Callable[..., QDockWidget],
                 set_view: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.runs = runs
        self.toolbar, self._set_view = toolbar, set_view
        runs.add(self, self.tr("comparing optimizers"), self.tr("Stop the comparison"))
        self.worker: CompareWorker | None = None
        self.thread: QThread | None = None
        self.comparison: Comparison | None = None  # the last finished one, for saving
        self.panel = ComparePanel()
        self.race = RacePanel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.panel, self.tr("Optimizers"))
        self.tabs.addTab(self.race, self.tr("Loss-surface race"))
        self.dock = add_panel(self.tr("Compare"), self.tabs, Qt.BottomDockWidgetArea)
        self.dock.hide()
        self._build_actions()
        setup = self.panel.setup_panel
        setup.startRequested.connect(self.start)
        setup.stopRequested.connect(self.stop)
        self.panel.save_csv_button.clicked.connect(lambda: self.save("csv"))
        self.panel.save_json_button.clicked.connect(lambda: self.save("json"))
        self.document.reset.connect(self._load_settings)
        window.installEventFilter(self)
        self._load_settings()

    def _build_actions(self) -> None:
        w = self.window
        specs = [("show", self.tr("&Compare optimizers"), "Ctrl+Shift+C",
                  self.tr("Train the graph with several optimizers side by side"), self.show_compare),
                 ("race", self.tr("Loss-surface &race"), "Ctrl+Shift+A",
                  self.tr("Race the optimizers on analytic 2D loss surfaces"), self.show_race),
                 ("start", self.tr("&Start comparison"), None, self.tr("Start the runs chosen in the Compare dock"),
                  self.start),
                 ("stop", self.tr("S&top comparison"), None, self.tr("Stop every run now"), self.stop),
                 ("csv", self.tr("Save results as &CSV…"), None, self.tr("One row per run"), lambda: self.save("csv")),
                 ("json", self.tr("Save results as &JSON…"), None, self.tr("Results with every run's history"),
                  lambda: self.save("json"))]
        menu = w.menuBar().addMenu(self.tr("&Compare"))
        self.actions: dict[str, QAction] = {}
        for name, text, key, tip, slot in specs:
            action = QAction(text, w)
            if key:
                action.setShortcut(QKeySequence(key))
            action.setToolTip(f"{tip} ({key})" if key else tip)
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            menu.addAction(action)
            self.actions[name] = action
        self.actions["show"].setIconText(self.tr("Compare"))
        self.actions["race"].setIconText(self.tr("Race"))
        self.actions["show"].setIcon(icon("compare"))
        self.actions["race"].setIcon(icon("race"))
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.actions["show"])
        self.toolbar.addAction(self.actions["race"])

    # --- view -----------------------------------------------------------------------------------
    def show_compare(self) -> None:
        if not self.running:  # layers added since the graph was opened can be swept too
            self.panel.setup_panel.refresh_sweeps(self.document.graph)
        self._set_view("compare")
        self.tabs.setCurrentWidget(self.panel)

    def show_race(self) -> None:
        self.show_compare()
        self.tabs.setCurrentWidget(self.race)

    def _load_settings(self) -> None:
        """Defaults from the newly opened graph and its preset's optional ``compare`` settings;
        a preset whose ``view`` is "compare" opens on the Compare dock (its race when it has one)."""
        graph = self.document.graph
        self.panel.clear()
        self.comparison = None
        self.panel.setup_panel.load_graph(graph)
        settings = graph.meta.get("compare") or {}
        race = settings.get("race") or {}
        chosen = race.get("optimizers")
        for key, check in self.race.checks.items():
            check.setChecked(not chosen or key in chosen)
        surface = race.get("surface")
        if self.race.surface_box.findData(surface) >= 0:
            self.race.set_surface(surface)
        if graph.meta.get("view") == "compare":
            (self.show_race if race else self.show_compare)()
        self._update_actions()

    # --- state ----------------------------------------------------------------------------------
    def _update_actions(self) -> None:
        self.actions["start"].setEnabled(not self.running)
        self.actions["stop"].setEnabled(self.running)
        saved = self.comparison is not None and not self.running
        for name in ("csv", "json"):
            self.actions[name].setEnabled(saved)
        self.panel.save_csv_button.setEnabled(saved)
        self.panel.save_json_button.setEnabled(saved)
        self.panel.setup_panel.set_running(self.running)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # --- commands -------------------------------------------------------------------------------
    def start(self, steps: int | None = None) -> bool:
        """Start the runs chosen in the setup panel (``steps`` caps each run). False if refused."""
        if self.running:
            return True
        analysis = self.document.analysis
        refusal = self.runs.start_refusal(self, analysis, self.tr("compare"))
        if refusal:
            self._say(refusal)
            return False
        try:
            specs = self.panel.setup_panel.specs()
        except ValueError as exc:
            self._say(self.tr("Cannot compare: {exc}").format(exc=exc))
            return False
        if steps is not None:
            self.panel.setup_panel.max_steps.setValue(steps)
        options = self.panel.setup_panel.options()
        graph = with_absolute_paths(self.document.graph.copy(), self.document.base_dir)
        self.comparison = None
        self._start_worker(CompareWorker(graph, specs, **options))
        self.worker.setup.connect(self._on_setup)
        self.worker.snapshot.connect(self._on_snapshot)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.thread.start()
        self.show_compare()
        self._update_actions()
        self._say(self.tr("Comparing {count} runs…").format(count=len(specs)))
        return True

    def stop(self) -> None:
        if self.running:
            self.worker.stop()
            self._say(self.tr("Stopping the comparison…"))

    def save(self, kind: str, path: str | None = None) -> str | None:
        """Write the finished comparison's results as "csv" or "json"; returns the path written."""
        if self.comparison is None or self.running:
            self._say(self.tr("Nothing to save yet: run a comparison to the end (or stop it) first"))
            return None
        path = path or base.ask_save_path(self.window, fill(self.tr("Save comparison results as {kind}"), kind=kind.upper()),
                                          self.tr(FILE_FILTERS[kind]))
        if not path:
            return None
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        try:
            (self.comparison.to_csv if kind == "csv" else self.comparison.to_json)(path)
        except OSError as exc:
            self._say(self.tr("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc))
            return None
        self._say(self.tr("Saved {path}").format(path=path))
        return path

    def shutdown(self) -> bool:
        """Stop a comparison and any race job and wait for their threads (window closing)."""
        race_ended = self.race.shutdown(SHUTDOWN_MS)
        return self._stop_and_wait(SHUTDOWN_MS) and race_ended

    def eventFilter(self, obj, event) -> bool:
        """Closing the window ends a comparison first (its thread must not outlive the window);
        a close the user then cancels keeps the stopped results."""
        if obj is self.window and event.type() == QEvent.Close:
            self.shutdown()
        return False

    # --- worker signals (queued onto the GUI thread) --------------------------------------------
    @Slot(object)
    def _on_setup(self, setup: CompareSetup) -> None:
        if not self._from_current_worker():
            return
        self.panel.reset(setup)

    @Slot(object)
    def _on_snapshot(self, snap: CompareSnapshot) -> None:
        if not self._from_current_worker():
            return
        self.panel.update_snapshot(snap)

    @Slot(object)
    def _on_finished(self, snap: CompareSnapshot) -> None:
        if not self._from_current_worker():
            return
        self.panel.update_snapshot(snap)
        stopped, leader = was_stopped(snap), leader_of(snap)
        outcome = (fill(self.tr(": {leader} was leading"), leader=leader) if stopped else self.tr(": {leader} wins").format(leader=leader)) if leader else \
            self.tr(": every run diverged") if all(r["status"] == "diverged" for r in snap.results) else ""
        self._say((self.tr("Comparison stopped{outcome}") if stopped else self.tr("Comparison finished{outcome}")).format(outcome=outcome))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if not self._from_current_worker():
            return
        self.panel.summary.setText(self.tr("<span style='color:#e5484d'>Cannot compare: {message}</span>").format(message=message))
        self._say(self.tr("Cannot compare: {message}").format(message=message))

    def _run_ended(self, worker: CompareWorker) -> None:
        if worker.comparison is not None:  # finished or stopped: its results can be saved
            self.comparison = worker.comparison
        self._update_actions()
