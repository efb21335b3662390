"""Views follow the network on screen: another network leaves nothing of the previous one drawn,
and each dock fronts a view that applies to the network now open."""
from PySide6.QtCore import QPointF

from tests.ui.fixtures import panel_of
from tests.ui.fixtures import dialog_answers, drag_from_palette, open_copy, settings_dir, settle, window  # noqa: F401,F811


def test_file_new_after_word2vec_leaves_no_word_on_the_embeddings_view(window, tmp_path, qtbot):
    from playground.ui.plots.embeddings import EmbeddingPanel

    open_copy(window, tmp_path, "concept_word2vec_skipgram")
    controller = window.training
    window.set_view_mode("training")
    view = panel_of(controller, EmbeddingPanel)
    assert controller.view_tabs.currentWidget() is view
    assert controller.train(max_steps=5)
    qtbot.waitUntil(lambda: not controller.running, timeout=120_000)
    qtbot.waitUntil(lambda: len(view.points.getData()[0]) > 0 and not view._stale, timeout=10_000)
    settle()
    assert view.shown_labels
    window.actions.new.trigger()
    settle()
    words = lambda: [i for i in view.plot.vb.addedItems if hasattr(i, "textItem") and i.isVisible()]
    assert words() == [] and view.word_box.count() == 0 and view.neighbours.text() == ""
    assert drag_from_palette(window, "Dense", QPointF(300, 300))
    assert drag_from_palette(window, "Dataset", QPointF(300, 100))
    settle()
    qtbot.wait(50)
    assert words() == []  # nothing over the note (when it shows) or the empty plot


def test_the_curves_dock_leaves_d_and_g_for_a_network_that_is_no_gan(window, tmp_path, qtbot):
    from playground.ui.plots.curves import LossPanel
    from playground.ui.plots.gan_curves import GANCurvesPanel

    open_copy(window, tmp_path, "gan_ring")
    controller = window.training
    assert controller.curve_tabs.currentWidget() is panel_of(controller, GANCurvesPanel)
    for preset in ("mnist_lenet", "concept_word2vec_skipgram"):
        open_copy(window, tmp_path, preset)
        qtbot.waitUntil(lambda: controller.curve_tabs.currentWidget() is panel_of(controller, LossPanel),
                        timeout=5_000)
        shown = controller.view_tabs.currentWidget()
        assert shown.placeholder_text == "", (preset, type(shown).__name__)
        open_copy(window, tmp_path, "gan_ring")
        qtbot.waitUntil(lambda: controller.curve_tabs.currentWidget() is panel_of(controller, GANCurvesPanel),
                        timeout=5_000)
