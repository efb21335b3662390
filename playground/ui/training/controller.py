"""Training in the main window: controls, progress, live plot docks and the divergence banner.

The controller owns the worker thread. It keeps the built model between runs while the network
itself is unchanged (moving nodes or changing optimizer settings keeps the weights), and refuses
graph edits while a run is going unless the user agrees to stop it.
"""
from __future__ import annotations

import dataclasses
import json
import time
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QProgressBar, QTabWidget, QToolBar

from playground.engine import Model
from playground.engine.gan import model_for
from playground.engine.registry import NodeType, node_type
from playground.ui.common import dialogs, i18n
from playground.ui.common.garbage import release_long_lived, spare_long_lived
from playground.ui.common.icons import icon
from playground.ui.common.runs import RunCoordinator
from playground.ui.common.threads import OneWorkerAtATime
from playground.ui.editor.document import GraphDocument
from playground.ui.plots.boundary import DecisionBoundaryPanel
from playground.ui.plots.digit_pad import DigitPanel
from playground.ui.plots.embeddings import EmbeddingPanel
from playground.ui.plots.curves import AccuracyPanel, GradientNormPanel, LossPanel
from playground.ui.plots.gan import GANPanel
from playground.ui.plots.gan_curves import GANCurvesPanel
from playground.ui.plots.gan_images import GANImagesPanel
from playground.ui.plots.images import ConfusionPanel, FeatureMapsPanel, FiltersPanel, SamplePredictionsPanel
from playground.ui.plots.neurons import NeuronPanel
from playground.ui.plots.sequences import GatesPanel, HiddenStatePanel, SinePanel
from playground.ui.plots.weights import WeightHistogramPanel
from playground.ui.training.gan_steps import GANStepActions
from playground.ui.training.speed import SpeedControl, speed_label
from playground.ui.training.threads_menu import EngineThreadsMenu
from playground.ui.training.worker import TrainingSetup, TrainingWorker

SHUTDOWN_MS = 1500
ICONS = {"reset": "reset_weights"}  # toolbar icons named otherwise than their actions
CURVE_PANELS = (LossPanel, AccuracyPanel, GradientNormPanel, WeightHistogramPanel, GANCurvesPanel)
IMAGE_PANELS = (DecisionBoundaryPanel, NeuronPanel, FiltersPanel, FeatureMapsPanel, ConfusionPanel,
                SamplePredictionsPanel, DigitPanel, EmbeddingPanel, HiddenStatePanel, GatesPanel, SinePanel,
                GANPanel, GANImagesPanel)
PROGRESS_INTERVAL = 0.25  # seconds between progress updates while a run streams snapshots
NO_RUN = TrainingSetup([], [], [], None, None, None, None, None, 0, 1)  # views before any run
READY = QT_TRANSLATE_NOOP("TrainingController", "Ready to train (F5)")
NOT_READY = QT_TRANSLATE_NOOP("TrainingController", "Fix the problems to train")


def view_notes(analysis, graph, panels) -> dict[type, str | None]:
    """Why each of ``panels`` that does not apply to this network stays empty (None: it applies,
    or the network is not complete enough to tell)."""
    shape = analysis.shapes.get(analysis.dataset) if analysis.dataset else None
    if shape is None:
        return {}
    return {type(p): p.note(analysis, graph, shape) for p in panels}


def network_key(graph) -> str:
    """What the weights depend on: every node and wire, minus positions and optimizer settings."""
    nodes = [(n.id, n.type, n.params) for n in graph.nodes.values()
             if not (node_type(n.type) or NodeType).is_optimizer]
    return json.dumps([nodes, [str(e) for e in graph.edges]], sort_keys=True, default=str)


class TrainingController(OneWorkerAtATime, QObject):
    """Adds the Training menu, ``toolbar`` entries, progress bar, plot docks and banner to
    ``window`` and trains ``document``'s graph when ``runs`` lets it; ``reveal`` brings the
    training plots on screen when a run starts.

    Views outside the plot docks (canvas previews, say) get the run's data the same way the
    panels do: ``add_probe`` a function the worker runs on its thread for each heavy snapshot,
    and read its result from ``snapshotReceived``'s ``snap.extras[key]``."""

    snapshotReceived = Signal(object)

    def __init__(self, window: QMainWindow, document: GraphDocument, runs: RunCoordinator,
                 toolbar: QToolBar, add_panel: Callable[..., QDockWidget],
                 reveal: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.runs = runs
        self.toolbar, self._add_panel, self._reveal = toolbar, add_panel, reveal
        runs.add(self, self.tr("training"), self.tr("Stop training (Shift+F5)"))
        runs.changed.connect(self.show_idle)
        self.model: Model | None = None
        self.model_key = ""
        self.worker: TrainingWorker | None = None
        self.thread: QThread | None = None
        self.result = None
        self.failed = False
        self._said = ""  # our last status-bar message, cleared when the run it spoke of ends
        self._refused = ""  # our last "Cannot train: ...", cleared once the graph can train
        self.started_at = 0.0
        self._paused_at: float | None = None  # since when the run is paused
        self._last_snap = None
        self._progress_at = float("-inf")  # when the progress bar and label last changed
        self._step_offset = 0  # steps of the earlier runs whose history this run continues
        self._stack_index = self.document.undo_stack.index()
        self._build_actions()
        self._build_status()
        self._build_banner()
        self._probes: dict[str, Callable] = {}
        self.panels = [cls() for cls in (*CURVE_PANELS, *IMAGE_PANELS)]
        for panel in self.panels:
            panel.show_hint(self.tr("Train (F5) to watch this view fill in as the network learns."))
        self.docks = self._build_docks()
        next(p for p in self.panels if isinstance(p, DecisionBoundaryPanel)).follow(self.document)
        self.document.undo_stack.indexChanged.connect(self._on_edit)
        self.document.reset.connect(self._forget_previous_network)
        self.document.analysisChanged.connect(self._notes_follow_edits)
        self.document.analysisChanged.connect(lambda _a: self.show_idle())
        self._update_actions()
        self.show_idle()  # the label speaks of this network from the start (empty, or broken)
        self._views_follow_document()

    # --- construction -------------------------------------------------------------------------
    def _build_actions(self) -> None:
        """The Training menu and toolbar. Pause is a checked toggle that reads "Resume" while
        paused, in a button as wide as either word, so no button moves under the cursor."""
        w = self.window
        specs = [("train", self.tr("&Train"), "F5", self.tr("Start or continue training (F5)"), self.train),
                 ("pause", self.tr("&Pause"), "F6", self.tr("Pause or resume training (F6)"), self.toggle_pause),
                 ("step", self.tr("&Step"), "F10", self.tr("Train exactly one mini-batch (F10)"), self.step),
                 ("stop", self.tr("St&op"), "Shift+F5", self.tr("Stop training (Shift+F5)"), self.stop),
                 ("reset", self.tr("&Reset weights"), "Ctrl+Shift+R",
                  self.tr("Re-initialise every weight from the optimizer's seed"), self.reset_weights)]
        menu = w.menuBar().addMenu(self.tr("&Training"))
        self.speed = SpeedControl(self.toolbar)
        self.speed.speedChanged.connect(self._speed_changed)
        self.actions: dict[str, QAction] = {}
        for name, text, key, tip, slot in specs:
            action = QAction(icon(ICONS.get(name, name)), text, w)
            action.setIconText(text.replace("&", ""))
            action.setShortcut(QKeySequence(key))
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            self.toolbar.addAction(action)
            menu.addAction(action)
            self.actions[name] = action
            if name == "train":
                self.toolbar.addWidget(self.speed)
        self.actions["pause"].setCheckable(True)
        self._fit_pause()
        w.installEventFilter(self)  # a language switch: the two words' widths change
        # F5 on a disabled Train still says why (the action's own shortcut is off while disabled)
        self._refused_f5 = QShortcut(QKeySequence("F5"), w, self.train, context=Qt.WindowShortcut)
        self._refused_f5.setEnabled(False)
        self.gan_steps = GANStepActions(self, menu, before=self.actions["stop"])
        menu.addSeparator()
        menu.addMenu(self.speed.menu(w))
        self.engine_threads = EngineThreadsMenu(w)
        self.engine_threads.threadsChanged.connect(
            lambda n: self._say(self.tr("Engine threads: {n}").format(n=n)))
        menu.addMenu(self.engine_threads)

    def _speed_changed(self, steps_per_second: float | None) -> None:
        if self.running:
            self.worker.set_speed(steps_per_second)
        self._say(self.tr("Training speed: {speed_label}").format(speed_label=speed_label(steps_per_second)))

    def _build_status(self) -> None:
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress_label = QLabel()
        self.progress_label.setContentsMargins(8, 0, 8, 0)
        bar = self.window.statusBar()
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.progress)
        self.progress.hide()

    def _build_banner(self) -> None:
        self.banner_bar = QToolBar(self.tr("Messages"), self.window)
        self.banner_bar.setObjectName("trainingBanner")
        self.banner_bar.setMovable(False)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #b3261e; color: white; padding: 6px 10px;"
                                  " font-weight: bold; border-radius: 3px; }")
        self.banner_bar.addWidget(self.banner)
        dismiss = QAction(self.tr("Dismiss"), self.window)
        dismiss.triggered.connect(self.banner_bar.hide)
        self.banner_bar.addAction(dismiss)
        self.window.addToolBarBreak(Qt.TopToolBarArea)
        self.window.addToolBar(Qt.TopToolBarArea, self.banner_bar)
        self.banner_bar.hide()

    def _build_docks(self):
        """Two docks side by side below the canvas: training curves and network views, each a
        set of tabs (one QTabWidget per dock keeps Qt's own dock tab bars out of the way)."""
        n = len(CURVE_PANELS)
        self.curve_tabs, self.view_tabs = QTabWidget(), QTabWidget()
        for tabs, panels in ((self.curve_tabs, self.panels[:n]), (self.view_tabs, self.panels[n:])):
            tabs.setDocumentMode(True)
            for panel in panels:
                tabs.addTab(panel, QCoreApplication.translate(type(panel).__name__, panel.title))
        docks = [self._add_panel(self.tr("Training curves"), self.curve_tabs, Qt.BottomDockWidgetArea),
                 self._add_panel(self.tr("Network views"), self.view_tabs, Qt.BottomDockWidgetArea)]
        self.window.splitDockWidget(docks[0], docks[1], Qt.Horizontal)
        return docks

    def add_probe(self, key: str, probe: Callable) -> None:
        """Run ``probe(model, data)`` on the worker thread with every heavy snapshot of later
        runs; its result (a copy, never a live array) arrives as ``snap.extras[key]``."""
        self._probes[key] = probe

    def probes(self) -> dict[str, Callable]:
        """The panels' probes (keyed by class name) and those added with ``add_probe``."""
        found = {type(p).__name__: p.probe for p in self.panels if p.probe is not None}
        return {**found, **self._probes}

    def series_probes(self) -> dict[str, Callable]:
        """The panels' ``series_probe``s (curves over steps, ``StepSampler``), by class name."""
        return {type(p).__name__: p.series_probe for p in self.panels
                if getattr(p, "series_probe", None) is not None}

    def show_panel(self, panel) -> None:
        """Bring a plot panel's tab to the front (listing it again if this network hid it)."""
        for tabs in (self.curve_tabs, self.view_tabs):
            if tabs.indexOf(panel) >= 0:
                tabs.setTabVisible(tabs.indexOf(panel), True)
                tabs.setCurrentWidget(panel)

    def _show_relevant_view(self) -> None:
        """Front, in each dock, the view that says most about this kind of network: of the views
        that apply to it, the one whose class ranks highest (``PlotPanel.front_rank``); where none
        ranks, a view that does not apply gives way to the dock's first one that does."""
        a = self.document.analysis
        shape = a.shapes.get(a.dataset) if a.dataset else None
        if shape is None:
            return
        fits = [p for p in self.panels if p.note(a, self.document.graph, shape) is None]
        for tabs in (self.curve_tabs, self.view_tabs):  # each dock fronts its own best view
            mine = [p for p in fits if tabs.indexOf(p) >= 0]
            ranked = [p for p in mine if p.front_rank]
            if ranked:
                self.show_panel(max(ranked, key=lambda p: p.front_rank))
            elif mine and tabs.currentWidget() not in mine:  # never a view that does not apply
                self.show_panel(mine[0])  # the dock's first (Loss)

    def _forget_previous_network(self) -> None:
        """Another network (or New) replaces this one: no view, weight or status of the previous
        run stays on screen."""
        self.model, self.model_key, self.result = None, "", None
        for panel in self.panels:
            panel.reset(NO_RUN)
            panel.clear()
        self.banner_bar.hide()
        self.progress.hide()
        self.failed = False
        self.show_idle()
        self.window.statusBar().clearMessage()
        QTimer.singleShot(0, self, self._views_follow_document)  # after the file's folder is known

    def _views_follow_document(self) -> None:
        """An opened network starts on the views that apply to it, before any training."""
        a = self.document.analysis
        self._show_relevant_view()
        self._notes_follow_edits(a)

    def _notes_follow_edits(self, analysis) -> None:
        """Views that hold no run yet say whether they apply to the network as it is now, and
        Train follows the new analysis (an opened file's data is found only once its folder is
        known, after the first analysis said "file not found")."""
        self._update_actions()
        notes = view_notes(analysis, self.document.graph, self.panels)
        self._tabs_follow_network(notes)
        if self.running:
            return
        for panel in self.panels:
            if panel.received == 0:
                panel.show_placeholder(notes.get(type(panel)))

    def _tabs_follow_network(self, notes: dict[type, str | None]) -> None:
        """Each dock lists only the views that apply to this network: fourteen tabs, of which a
        spiral uses five, put the ones that matter behind scroll arrows. A dock where nothing
        applies yet (no data wired) lists them all, each with its note."""
        for tabs in (self.curve_tabs, self.view_tabs):
            fits = [notes.get(type(tabs.widget(i))) is None for i in range(tabs.count())]
            for i, fit in enumerate(fits):
                tabs.setTabVisible(i, fit or not any(fits))

    # --- state ----------------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self.running and self.actions["pause"].isChecked()

    def _train_refusal(self) -> str | None:
        """Why Train cannot start now (an empty or broken graph, another run), None when it can."""
        if not self.document.graph.nodes:
            return self.tr("Drag layers from the palette to build a network")
        return self.runs.start_refusal(self, self.document.analysis, self.tr("train"))

    def _fit_pause(self) -> None:
        """Pause's button as wide as the wider of "Pause" and "Resume" in the current language."""
        pause, button = self.actions["pause"], self.toolbar.widgetForAction(self.actions["pause"])
        button.setMinimumWidth(0)
        widths = []
        for text in (self.tr("&Resume"), self.tr("&Pause")):
            pause.setIconText(text.replace("&", ""))
            widths.append(button.sizeHint().width())
        button.setMinimumWidth(max(widths))
        pause.setIconText((self.tr("&Resume") if self.paused else self.tr("&Pause")).replace("&", ""))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.LanguageChange:
            self._fit_pause()
        return False

    def _update_actions(self) -> None:
        a = self.actions
        refusal = None if self.running else self._train_refusal()
        a["train"].setEnabled((not self.running or self.paused) and refusal is None)
        a["train"].setToolTip(refusal or self.tr("Start or continue training (F5)"))
        self._refused_f5.setEnabled(not a["train"].isEnabled() and not self.running)
        a["pause"].setEnabled(self.running)
        a["stop"].setEnabled(self.running)
        a["reset"].setEnabled(not self.running)
        pause = self.tr("&Resume") if self.paused else self.tr("&Pause")
        a["pause"].setText(pause)
        a["pause"].setIconText(pause.replace("&", ""))

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner_bar.show()

    def model_matches(self) -> bool:
        """Whether the kept model still has the graph's layers and wires."""
        return self.model is not None and network_key(self.document.graph) == self.model_key

    def adopt_model(self, model: Model) -> None:
        """Train from this model's weights next (loaded weights, a model built for export)."""
        self.model = model
        self.model_key = network_key(model.graph)

    # --- commands -------------------------------------------------------------------------------
    def train(self, max_steps: int | None = None, start_paused: bool = False) -> bool:
        """Start a run (or resume a paused one). Returns False when the graph cannot train."""
        if self.running:
            if self.paused:
                self.toggle_pause()
            return True
        analysis = self.document.analysis
        refusal = self.runs.start_refusal(self, analysis, self.tr("train"))
        if refusal:
            self._say(refusal)
            self._refused = refusal
            return False
        # Step after a run that ended continues its history: the same weights, the next step number
        continuing = start_paused and self.result is not None and self.result.status != "diverged" \
            and self.model_matches()
        self._step_offset = self.result.steps if continuing else 0  # result.steps counts them all
        graph = self.document.graph.copy()
        key = network_key(graph)
        if self.model is None or key != self.model_key:
            self.model = model_for(graph, analysis, base_dir=self.document.base_dir)
            self.model_key = key
        else:
            self.model.adopt(graph, analysis)
        self.banner_bar.hide()
        self.result = None
        self.failed = False
        self._start_worker(TrainingWorker(self.model, max_steps=max_steps, start_paused=start_paused,
                                          steps_per_second=self.speed.speed(), probes=self.probes(),
                                          series_probes=self.series_probes()))
        self.worker.setup.connect(self._on_setup)
        self.worker.snapshot.connect(self._on_snapshot)
        self.worker.status.connect(self._on_status)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.actions["pause"].setChecked(start_paused)
        self.started_at = time.monotonic()
        self._paused_at = self.started_at if start_paused else None
        self._last_snap = None  # the run's latest snapshot, for the label when it pauses
        self._progress_at = float("-inf")
        spare_long_lived()
        self.thread.start()
        self._reveal()
        self._update_actions()
        return True

    def toggle_pause(self) -> None:
        if not self.running:
            self.actions["pause"].setChecked(False)
            return
        pausing = not self.worker.trainer or self.worker.trainer.status != "paused"
        if self.sender() is not self.actions["pause"]:
            self.actions["pause"].setChecked(pausing)
        else:
            pausing = self.actions["pause"].isChecked()
        self._clock_paused(pausing)
        (self.worker.pause if pausing else self.worker.resume)()
        self._say(self.tr("Paused: F6 resumes, F10 steps one batch") if pausing else self.tr("Training"))
        self._update_actions()

    def step(self) -> None:
        if not self.running:
            if not self.train(start_paused=True):
                return
        else:
            self.actions["pause"].setChecked(True)
            self._clock_paused(True)
            self.worker.pause()
        self.worker.step_once()
        self._update_actions()

    def _clock_paused(self, pausing: bool) -> None:
        """The ETA counts training time only: a resume moves the start by the time spent paused."""
        now = time.monotonic()
        if pausing and self._paused_at is None:
            self._paused_at = now
        elif not pausing and self._paused_at is not None:
            self.started_at += now - self._paused_at
            self._paused_at = None

    def stop(self) -> None:
        if self.running:
            self.worker.stop()
            self._say(self.tr("Stopping..."))

    def reset_weights(self) -> None:
        if self.running:
            self._say(self.tr("Stop training before resetting the weights"))
            return
        self.model = None
        self._say(self.tr("Weights will be re-initialised when training starts"))

    def shutdown(self) -> bool:
        """Stop a run and wait for its thread (window closing); True when it ended in time."""
        return self._stop_and_wait(SHUTDOWN_MS)

    def _say(self, text: str) -> None:
        self._said = text
        self.window.statusBar().showMessage(text, 5000)

    def show_idle(self) -> None:
        """Between runs the label says what F5 would do now, or how the last run ended while
        the network is still the one it trained."""
        if self.running:
            return
        elsewhere = self.runs.busy_elsewhere(self)
        self._update_actions()
        bar = self.window.statusBar()
        if self._refused and self.actions["train"].isEnabled() and bar.currentMessage() == self._refused:
            bar.clearMessage()  # an undo fixed the graph: no "Cannot train" beside "valid graph"
        if elsewhere:
            text = self.tr("{first}{rest}: train (F5) when it ends").format(first=elsewhere[0].upper(), rest=elsewhere[1:])
        elif not self.document.graph.nodes:
            text = self.tr("Drag layers from the palette to build a network")
        elif not self.document.analysis.ok:
            text = self.tr(NOT_READY)
        elif self.failed:
            text = self.tr("Training failed: see the message above the canvas")
        elif self.result is not None and self.model_matches():
            text = _result_text(self.result, self.model)
        else:
            text = self.tr(READY)
        self.progress_label.setText(text)

    # --- graph edits while training ------------------------------------------------------------
    def _on_edit(self, index: int) -> None:
        previous, self._stack_index = self._stack_index, index
        if not self.running or self.model is None:
            return
        if network_key(self.document.graph) == self.model_key and not self._optimizer_changed():
            return  # moving nodes or renaming the graph does not touch the run
        if dialogs.ask_stop_training(self.window):
            self.stop()
            return
        stack = self.document.undo_stack
        stack.indexChanged.disconnect(self._on_edit)
        stack.setIndex(previous)
        stack.indexChanged.connect(self._on_edit)
        self._stack_index = previous
        self._say(self.tr("Edit undone: stop training (Shift+F5) before changing the network"))

    def _optimizer_changed(self) -> bool:
        opt = self.model.analysis.optimizer
        return self.document.graph.nodes.get(opt) is None or \
            self.document.graph.nodes[opt].params != self.model.graph.nodes[opt].params

    # --- worker signals (queued onto the GUI thread) --------------------------------------------
    @Slot(object)
    def _on_setup(self, setup) -> None:
        if not self._from_current_worker():
            return
        self.total_steps = self._step_offset + setup.total_steps
        self.steps_per_epoch = setup.steps_per_epoch
        self.progress.setRange(0, self.total_steps)
        self.progress.setValue(self._step_offset)
        notes = view_notes(self.model.analysis, self.model.graph, self.panels)
        for panel in self.panels:
            if not self._step_offset:  # a continued run adds to the views' history
                panel.reset(setup)
            panel.show_placeholder(notes.get(type(panel)))
        self._show_relevant_view()

    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        if not self._from_current_worker():
            return
        if self._step_offset:
            _continue_history(snap, self._step_offset, self.steps_per_epoch)
        self._last_snap = snap
        now = time.monotonic()
        # A few times a second while the run streams: QProgressBar.setValue repaints at once (0.6 ms
        # of the GIL the training thread needs). Every other state is shown as it comes.
        if snap.status != "running" or now - self._progress_at >= PROGRESS_INTERVAL:
            self._progress_at = now
            self._show_progress(snap, snap.status == "paused")
        for panel in self.panels:
            panel.update_snapshot(snap)
        self.snapshotReceived.emit(snap)

    def _show_progress(self, snap, paused: bool) -> None:
        """A paused run has no speed, and its ETA would only grow."""
        self.progress.setValue(snap.step)
        elapsed = time.monotonic() - self.started_at
        eta = elapsed / max(snap.step, 1) * (snap.total_steps - snap.step)
        epochs = max(1, round(snap.total_steps / self.steps_per_epoch))
        speed = "" if snap.warming_up or paused else \
            self.tr(" · ETA {duration} · {samples_per_second:,.0f} samples/s").format(duration=_duration(eta), samples_per_second=snap.samples_per_second)
        self.progress_label.setText(
            self.tr("epoch {epoch}/{epochs} · step {step:,}/{total_steps:,}").format(epoch=min(snap.epoch + 1, epochs), epochs=epochs, step=snap.step, total_steps=snap.total_steps)
            + speed + (self.tr(" · paused") if paused else ""))

    @Slot(str, str)
    def _on_status(self, state: str, message: str) -> None:
        if not self._from_current_worker():
            return
        if state == "paused":  # the step on screen is the one the run paused at
            if self._last_snap is not None:
                self._show_progress(self._last_snap, paused=True)
            return
        self.progress.show()
        if state == "compiling":
            self.progress.setRange(0, 0)
            self.progress_label.setText(message)
        self._say(message or self.tr("Training"))

    @Slot(object)
    def _on_finished(self, result) -> None:
        if not self._from_current_worker():
            return
        self.result = dataclasses.replace(result, steps=self._step_offset + result.steps)
        if result.status == "diverged":
            self.show_banner(self.tr("Training {message}.").format(message=i18n.engine_text(result.message)))
        self.progress_label.setText(_result_text(result, self.model))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if not self._from_current_worker():
            return
        self.failed = True
        self.show_banner(self.tr("Training failed: {message}").format(message=message))

    def _run_ended(self, worker: TrainingWorker) -> None:
        release_long_lived()
        self.actions["pause"].setChecked(False)
        self.progress.hide()
        bar = self.window.statusBar()
        if self._said and bar.currentMessage() == self._said:  # "Training", "Stopping..." are over
            bar.clearMessage()
        self.show_idle()
        self._update_actions()


def _continue_history(snap, offset: int, steps_per_epoch: int) -> None:
    """Number a continued run's snapshot after the ``offset`` steps trained before it."""
    snap.step += offset
    snap.total_steps += offset
    snap.epoch += offset // steps_per_epoch
    snap.steps = snap.steps + offset
    snap.val_points = [(step + offset, *rest) for step, *rest in snap.val_points]
    snap.series = {key: [(step + offset, value) for step, value in samples]
                   for key, samples in snap.series.items()}


def _result_text(result, model=None) -> str:
    """How the run ended, in the numbers that mean something for it: a classifier's or a
    regressor's validation loss (and accuracy); for networks trained in turns (a GAN: its model
    is not ``one_network``) each network's last loss."""
    status = i18n.engine_text(result.status).capitalize()
    if model is not None and not model.one_network:
        losses = [text.format(value=value) for text, value in (
            (QCoreApplication.translate("training.controller", "D loss {value:.4f}"), getattr(model, "last_d_loss", None)),
            (QCoreApplication.translate("training.controller", "G loss {value:.4f}"), getattr(model, "last_g_loss", None)))
            if value is not None]
        return QCoreApplication.translate("training.controller", "{status} after {steps:,} steps: {losses}").format(
            status=status, steps=result.steps, losses=", ".join(losses)) if losses else \
            QCoreApplication.translate("training.controller", "{status} after {steps:,} steps").format(
                status=status, steps=result.steps)
    acc = QCoreApplication.translate("training.controller", ", validation accuracy {val_accuracy:.3f}").format(val_accuracy=result.val_accuracy) if result.val_accuracy is not None else ""
    return (QCoreApplication.translate("training.controller", "{status} after {steps:,} steps: validation loss {val_loss:.4f}{acc}").format(status=status, steps=result.steps, val_loss=result.val_loss, acc=acc))


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"
