"""Word vectors as they learn: an Embedding's table projected onto its two principal axes, each
point labelled with its word, and the nearest neighbours (cosine) of a chosen word.

The worker projects the table (``word_vectors.probe``) with every heavy snapshot; the view keeps
each axis pointing the same way as in the previous picture, so points move instead of mirroring.
Labels are placed greedily, most frequent word first (the chosen word and its neighbours before
all), and a label that would cover one already placed is left out; zooming in makes room for more.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel

from playground.engine import word_vectors
from playground.engine.registry import node_type
from playground.ui.common import style
from playground.ui.plots.base import REDRAW_INTERVAL, PlotPanel

NEIGHBOURS = 8
MAX_LABELS = 300  # text items at most (the most frequent words); the rest are points only
LABEL_GAP = 1.0  # pixels kept free around each label
LABEL_POINTS = 8.0


class EmbeddingPanel(PlotPanel):
    redraw_interval = REDRAW_INTERVAL
    title = QT_TRANSLATE_NOOP("EmbeddingPanel", "Embeddings")
    view_name = "embeddings"  # playground shot PRESET --view embeddings
    front_rank = 20
    probe = staticmethod(word_vectors.probe)

    @classmethod
    def note(cls, analysis, graph, shape):
        if any((node_type(n.type) and node_type(n.type).is_token_table) for n in graph.nodes.values()):
            return None
        return QCoreApplication.translate(
            "EmbeddingPanel", "The embeddings view shows the word vectors an Embedding layer learns; "
            "this network has no Embedding. Open a word2vec concept preset to watch them.")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        controls = QHBoxLayout()
        controls.setContentsMargins(4, 0, 4, 0)
        self.layout().insertLayout(0, controls)
        controls.addWidget(QLabel(self.tr("Word:")))
        self.word_box = QComboBox()
        self.word_box.setEditable(True)
        self.word_box.setInsertPolicy(QComboBox.NoInsert)
        self.word_box.setMinimumContentsLength(10)
        self.word_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.word_box.completer().setCompletionMode(QCompleter.PopupCompletion)
        self.word_box.completer().setFilterMode(Qt.MatchStartsWith)
        self.word_box.setToolTip(self.tr("Type or pick a word: its nearest neighbours by cosine "
                                         "similarity are listed and marked in the picture"))
        self.word_box.currentTextChanged.connect(self._word_changed)
        controls.addWidget(self.word_box)
        self.neighbours = QLabel()
        self.neighbours.setWordWrap(True)
        self.neighbours.setTextInteractionFlags(Qt.TextSelectableByMouse)
        controls.addWidget(self.neighbours, 1)

        self.plot = self.add_plot()
        self.plot.setAspectLocked(True)  # distances mean the same in both directions
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.lines = pg.PlotDataItem(connect="pairs")
        self.points = pg.ScatterPlotItem(size=6, pxMode=True)
        self.marked = pg.ScatterPlotItem(pxMode=True)  # the chosen word and its neighbours, above labels
        self.marked.setZValue(20)
        self.plot.addItem(self.lines)
        self.plot.addItem(self.points)
        self.plot.addItem(self.marked)
        self.plot.vb.sigRangeChanged.connect(lambda *_a: self._place_labels())
        self.plot.vb.sigResized.connect(lambda *_a: self._place_labels())
        self.projection: word_vectors.Projection | None = None
        self.coords = np.zeros((0, 2))  # what is drawn: the projection with its axes' signs kept
        self.labels: list[pg.TextItem] = []
        self.chosen: int | None = None  # index into projection.words
        self.nearest: list[tuple[int, float]] = []
        self._words: list[str] = []
        self._previous_word = ""
        self.apply_theme(style.theme())

    # --- runs ---------------------------------------------------------------------------------
    def reset(self, setup) -> None:
        """A new run or another network: none of the previous words stays on screen."""
        self.projection = None
        self.coords = np.zeros((0, 2))
        self.nearest = []
        self.chosen = None
        self.neighbours.setText("")
        for item in self.labels:
            self.plot.removeItem(item)
        self.labels, self._words = [], []
        self._previous_word = self.word_box.currentText() or self._previous_word  # kept for the next run
        self.word_box.blockSignals(True)
        self.word_box.clear()
        self.word_box.blockSignals(False)

    def update_snapshot(self, snap) -> None:
        super().update_snapshot(snap)
        projection = (snap.extras or {}).get(type(self).__name__)
        if projection is not None:
            self.take(projection)

    def take(self, projection: word_vectors.Projection) -> None:
        """Show a new projection (its axes flipped where that keeps them as in the last one)."""
        coords = projection.coords.copy()
        if self.projection is not None and self.projection.words == projection.words and len(self.coords):
            for axis in range(2):
                if float(np.dot(coords[:, axis], self.coords[:, axis])) < 0:
                    coords[:, axis] *= -1
        self.projection, self.coords = projection, coords
        if projection.words != self._words:
            self._new_vocabulary(projection.words, projection.example)
        self._update_neighbours()
        self.refresh()

    def _new_vocabulary(self, words: list[str], example: str | None) -> None:
        self._words = list(words)
        for item in self.labels:
            self.plot.removeItem(item)
        self.labels = []
        for word in words[:MAX_LABELS]:
            item = pg.TextItem(word, anchor=(0.5, 1.15))
            item.setFont(style.ui_font(LABEL_POINTS))
            self.plot.addItem(item)
            self.labels.append(item)
        self._paint_labels()
        previous = self.word_box.currentText() or self._previous_word
        self.word_box.blockSignals(True)
        self.word_box.clear()
        self.word_box.addItems(sorted(words))
        self.word_box.blockSignals(False)
        start = previous if previous in words else example if example in words else None
        if start is None:
            start = next((w for w in words if len(w) >= 4), words[0])
        self.word_box.setCurrentText(start)
        self._word_changed(start)

    def choose(self, word: str) -> bool:
        """Show the neighbours of ``word``; False when it is not in the vocabulary shown."""
        if word not in self._words:
            return False
        self.word_box.setCurrentText(word)
        return True

    def _word_changed(self, text: str) -> None:
        text = text.strip().lower()
        self.chosen = self._words.index(text) if text in self._words else None
        self._update_neighbours()
        self.refresh()

    def _update_neighbours(self) -> None:
        p = self.projection
        if p is None or self.chosen is None:
            self.nearest = []
            typed = self.word_box.currentText().strip()
            self.neighbours.setText(self.tr("'{word}' is not in the vocabulary").format(word=typed)
                                    if typed and p is not None else "")
            return
        self.nearest = word_vectors.nearest(p.vectors, self.chosen, NEIGHBOURS)
        listed = ", ".join(f"{p.words[i]} {sim:.2f}" for i, sim in self.nearest)
        self.neighbours.setText(self.tr("Nearest (cosine): {words}").format(words=listed))

    # --- drawing ------------------------------------------------------------------------------
    def _redraw(self) -> None:
        p = self.projection
        if p is None:
            return
        t = style.theme()
        self.points.setData(self.coords[:, 0], self.coords[:, 1], brush=pg.mkBrush(t.muted), size=6,
                            pen=pg.mkPen(t.plot_bg, width=0.5))
        marked = [i for i, _ in self.nearest] + ([self.chosen] if self.chosen is not None else [])  # chosen on top
        self.marked.setData(self.coords[marked, 0], self.coords[marked, 1],
                            brush=[pg.mkBrush(t.highlight if i == self.chosen else t.classes[0]) for i in marked],
                            size=[11 if i == self.chosen else 8 for i in marked], pen=pg.mkPen(t.plot_bg, width=0.8))
        if self.chosen is not None and self.nearest:
            ends = np.empty((2 * len(self.nearest), 2))
            ends[0::2] = self.coords[self.chosen]
            ends[1::2] = self.coords[[i for i, _ in self.nearest]]
            self.lines.setData(ends[:, 0], ends[:, 1], pen=pg.mkPen(t.classes[0], width=1, style=Qt.DotLine))
        else:
            self.lines.setData([], [])
        for item, (x, y) in zip(self.labels, self.coords):
            item.setPos(float(x), float(y))
        a, b = p.explained
        self.plot.setLabel("bottom", self.tr("principal axis 1 ({share:.0%} of the variance)").format(share=a))
        self.plot.setLabel("left", self.tr("principal axis 2 ({share:.0%})").format(share=b))
        self._paint_labels()
        self._place_labels()

    def _place_labels(self) -> None:
        """Show a label only where it covers no label placed before it (chosen word first, then its
        neighbours, then by frequency)."""
        if self.projection is None or not self.labels:
            return
        vb = self.plot.vb
        near = [i for i, _ in self.nearest if i < len(self.labels)]
        order = ([self.chosen] if self.chosen is not None and self.chosen < len(self.labels) else []) + near
        order += [i for i in range(len(self.labels)) if i not in order]
        view = vb.sceneBoundingRect()
        taken: list[QRectF] = []
        for i in order:
            item = self.labels[i]
            centre = vb.mapViewToScene(QPointF(*map(float, self.coords[i])))
            size = item.textItem.boundingRect()
            box = QRectF(centre.x() - size.width() / 2 - LABEL_GAP, centre.y() - 1.15 * size.height() - LABEL_GAP,
                         size.width() + 2 * LABEL_GAP, size.height() + 2 * LABEL_GAP)
            free = view.contains(centre) and not any(box.intersects(r) for r in taken)
            item.setVisible(free)
            if free:
                taken.append(box)

    def _paint_labels(self) -> None:
        t = style.theme()
        near = {i for i, _ in self.nearest}
        backdrop = pg.mkColor(t.plot_bg)
        backdrop.setAlpha(190)  # a label stays readable over the points behind it
        for i, item in enumerate(self.labels):
            colour = t.highlight if i == self.chosen else t.classes[0] if i in near else t.plot_fg
            item.setColor(colour)
            item.fill = pg.mkBrush(backdrop)
            item.setZValue(10 if i == self.chosen else 5 if i in near else 1)

    def apply_theme(self, theme: style.Theme) -> None:
        super().apply_theme(theme)
        self.neighbours.setStyleSheet(f"QLabel {{ color: {theme.muted}; }}")
        if self.projection is not None:
            self._stale = True

    @property
    def shown_labels(self) -> list[str]:
        """The words whose labels are visible now."""
        return [item.textItem.toPlainText() for item in self.labels if item.isVisible()]

    def data_table(self):
        p = self.projection
        if p is None:
            return ["word", "x", "y"], []
        return ["word", "x", "y"], [[w, float(x), float(y)] for w, (x, y) in zip(p.words, self.coords)]
