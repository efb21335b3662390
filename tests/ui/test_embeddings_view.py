"""The embeddings view as a learner uses it: word vectors projected while a word2vec preset
trains, a word typed in to list its neighbours, labels that never cover each other."""
import itertools

import numpy as np
from PySide6.QtTest import QTest

from playground.engine.word_vectors import nearest, pca_2d
from playground.ui.plots.embeddings import EmbeddingPanel
from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401


def embeddings(window) -> EmbeddingPanel:
    return next(p for p in window.training.panels if isinstance(p, EmbeddingPanel))


def test_the_view_draws_the_pca_of_the_live_table_and_the_neighbours_of_a_typed_word(window, tmp_path, qtbot):
    open_copy(window, tmp_path, "concept_word2vec_skipgram")
    panel = embeddings(window)
    window.set_view_mode("training")
    controller = window.training
    assert controller.view_tabs.currentWidget() is panel  # the view that says most about word2vec
    controller.train(max_steps=120)
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    qtbot.waitUntil(lambda: len(panel.points.getData()[0]) > 0 and not panel._stale, timeout=10_000)
    settle()

    table = controller.model.parameters()["embed.E"]
    p = panel.projection
    assert p.words[0] == "the" and "<pad>" not in p.words and {"cat", "dog", "seven"} <= set(p.words)
    expected, _ = pca_2d(table[p.rows])
    x, y = panel.points.getData()
    drawn = np.column_stack([x, y])
    signs = np.sign(np.sum(drawn * expected, axis=0))  # the view may keep an axis pointing its old way
    np.testing.assert_allclose(drawn, expected * signs, rtol=1e-5, atol=1e-6)

    line = panel.word_box.lineEdit()
    assert line.text() == "cat"  # the data's suggested word comes first
    line.selectAll()
    QTest.keyClicks(line, "dog")
    settle()
    best = nearest(table[p.rows], p.words.index("dog"), 3)
    listed = panel.neighbours.text()
    assert listed.startswith("Nearest (cosine): ")
    for (i, sim), part in zip(best, listed.split(": ", 1)[1].split(", ")):
        assert part == f"{p.words[i]} {sim:.2f}"
    qtbot.waitUntil(lambda: not panel._stale, timeout=5_000)
    assert "dog" in panel.shown_labels  # the chosen word always has its label

    shown = [item for item in panel.labels if item.isVisible()]
    assert len(shown) >= 10
    rects = [item.mapRectToScene(item.boundingRect()) for item in shown]
    for a, b in itertools.combinations(rects, 2):
        assert not a.intersects(b)

    line.selectAll()
    QTest.keyClicks(line, "zebra")
    assert panel.neighbours.text() == "'zebra' is not in the vocabulary"


def test_a_network_without_an_embedding_says_why_the_view_is_empty(window, tmp_path, qtbot):
    open_copy(window, tmp_path, "xor")
    window.set_view_mode("training")
    window.training.train(max_steps=3)
    qtbot.waitUntil(lambda: not window.training.running, timeout=60_000)
    settle()
    assert "this network has no Embedding" in embeddings(window).placeholder_text
