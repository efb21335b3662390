"""The Help menu: Getting started tour, Keyboard shortcuts, Concepts and About."""
from __future__ import annotations

import json

import numba
import numpy
import pyqtgraph
import pytest
import shiboken6
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import playground
from playground.ui import help as help_module
from playground.ui.help.about import AboutDialog, attribution_markdown
from playground.ui.help.concepts import ConceptsDialog, one_line_idea
from playground.ui.help.shortcuts import ShortcutsDialog, window_shortcuts
from playground.ui.help.tour import Tour
from tests.ui.fixtures import PRESETS, dialog_answers, settings_dir, settle, window  # noqa: F401


def help_entries(window) -> list[str]:
    return [a.text().replace("&", "") for a in window.menus["help"].actions() if not a.isSeparator()]


def concept_presets() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in PRESETS.glob("concept_*.json")}


# --- the menu -----------------------------------------------------------------------------------
def test_help_menu_has_four_entries_and_is_the_last_menu(window):
    assert help_entries(window) == ["Getting started", "Keyboard shortcuts…", "Concepts…",
                                    "About NN Playground"]
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[-1] == "Help" and {"File", "Training", "Compare"} <= set(titles)


@pytest.mark.parametrize("entry, kind", [("Keyboard shortcuts…", ShortcutsDialog),
                                         ("Concepts…", ConceptsDialog),
                                         ("About NN Playground", AboutDialog)])
def test_each_help_entry_opens_its_dialog(window, qtbot, entry, kind):
    action = next(a for a in window.menus["help"].actions() if a.text().replace("&", "") == entry)
    action.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())
    qtbot.waitExposed(dialog)
    assert dialog.parent() is window
    dialog.close()


def test_f1_opens_the_tour(window, qtbot):
    window.activateWindow()
    QTest.keyClick(window, Qt.Key_F1)
    tour = window.findChild(Tour)
    assert tour is not None and tour.isVisible() and tour.index == 0
    assert tour.geometry() == window.rect()


# --- the tour -----------------------------------------------------------------------------------
def test_tour_next_and_back_light_up_each_part(window, qtbot):
    tour = window.help.show_tour()
    keys = [p.key for p in tour.pages]
    assert keys[0] == "welcome" and tour.spotlight() is None
    expected = {"palette": window.palette_dock, "canvas": window.view,
                "inspector": window.inspector_dock, "status": window.params_label}
    for i in range(1, len(keys)):
        qtbot.mouseClick(tour.card.next, Qt.LeftButton)
        assert tour.index == i
        spot = tour.spotlight()
        assert spot is not None and spot.isValid(), keys[i]
        if keys[i] in expected:
            widget = expected[keys[i]]
            assert spot.contains(QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
                                 & window.rect())
        if keys[i] not in ("canvas", "views"):  # large parts get the card inside their corner
            assert not tour.card.geometry().intersects(spot), keys[i]
        assert window.rect().contains(tour.card.geometry())
    qtbot.mouseClick(tour.card.back, Qt.LeftButton)
    assert tour.index == len(keys) - 2
    QTest.keyClick(tour, Qt.Key_Left)
    assert tour.index == len(keys) - 3
    QTest.keyClick(tour, Qt.Key_Escape)
    assert tour.isHidden() and window.help.tour is None


def test_tour_follows_the_window_and_the_arrow_keys(window, qtbot):
    tour = window.help.show_tour()
    QTest.keyClick(tour, Qt.Key_Right)
    QTest.keyClick(tour, Qt.Key_Right)
    assert tour.page.key == "canvas"
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: tour.geometry() == window.rect())
    assert window.rect().contains(tour.card.geometry())
    assert str(len(tour.pages) - 2) in tour.pages[0].text


def test_tour_names_the_real_shortcuts(window):
    train = window.training.actions["train"]
    train.setShortcut(QKeySequence("Ctrl+F9"))
    tour = window.help.show_tour()
    text = next(p.text for p in tour.pages if p.key == "train")
    train_sentence = text[:text.index("network learns")]
    assert "Ctrl" in train_sentence and "F9" in train_sentence and "F5" not in train_sentence


def test_tour_finishes_on_the_last_page_and_can_be_reopened(window, qtbot):
    tour = window.help.show_tour()
    for _ in tour.pages:
        qtbot.mouseClick(tour.card.next, Qt.LeftButton)
    assert window.help.tour is None and not (shiboken6.isValid(tour) and tour.isVisible())
    again = window.help.show_tour()
    assert again.isVisible() and again.index == 0


def test_tour_is_shown_once_on_first_launch_only(window, qtbot):
    assert window.findChild(Tour) is None  # an ordinary window never starts the tour itself
    assert help_module.show_tour_on_first_launch(window)
    qtbot.waitUntil(lambda: window.help.tour is not None)
    window.help.tour.close_tour()
    assert help_module.tour_seen()
    assert not help_module.show_tour_on_first_launch(window)


# --- keyboard shortcuts -------------------------------------------------------------------------
def test_shortcuts_come_from_the_actions(window):
    dialog = window.help.show_shortcuts()
    rows = {(e.group, e.text): e.keys for e in dialog.entries()}
    assert rows[("Training", "Train")] == ("F5",)
    assert rows[("File", "Save")] == ("Ctrl+S",)
    assert rows[("Compare", "Compare optimizers")] == ("Ctrl+Shift+C",)
    assert rows[("Help", "Getting started")] == ("F1",)
    groups = list(dict.fromkeys(e.group for e in dialog.entries()))
    assert groups[:3] == ["File", "Edit", "View"]
    with_keys = [a for a in window.findChildren(QAction) if any(not k.isEmpty() for k in a.shortcuts())]
    assert len(dialog.entries()) == len(with_keys)
    dialog.close()


def test_a_changed_shortcut_shows_in_the_open_dialog(window, qtbot):
    dialog = window.help.show_shortcuts()
    window.actions.save.setShortcut(QKeySequence("Ctrl+Alt+W"))
    qtbot.waitUntil(lambda: ("File", "Save", ("Ctrl+Alt+W",)) in
                    {(e.group, e.text, e.keys) for e in dialog.entries()})
    window.training.actions["train"].setShortcut(QKeySequence())
    qtbot.waitUntil(lambda: "Train" not in {e.text for e in dialog.entries() if e.group == "Training"})
    assert "Train" not in {s.text for s in window_shortcuts(window) if s.group == "Training"}


def test_shortcut_search_filters_rows(window):
    dialog = window.help.show_shortcuts()
    dialog.search.setText("save")
    assert {e.text for e in dialog.visible_entries()} >= {"Save", "Save As"}
    assert all("save" in (e.text + e.group).lower() for e in dialog.visible_entries())
    dialog.search.setText("f5")
    assert {e.text for e in dialog.visible_entries()} == {"Train", "Stop"}
    dialog.close()


# --- concepts -----------------------------------------------------------------------------------
def test_concepts_list_every_concept_preset_with_its_idea(window):
    dialog = window.help.show_concepts()
    presets = concept_presets()
    assert sorted(c.entry.path.stem for c in dialog.cards) == sorted(presets)
    for card in dialog.cards:
        data = presets[card.entry.path.stem]
        assert card.title.text() == data["title"]
        assert card.idea.text() == one_line_idea(data["description"])
        assert data["description"].startswith(card.idea.text().rstrip("."))
    dialog.close()


def test_one_line_idea_is_the_first_sentence():
    assert one_line_idea("Units die. Then more die.") == "Units die."
    assert one_line_idea("A lr of 0.5 works. At 50 it diverges.") == "A lr of 0.5 works."
    assert one_line_idea("") == ""


def test_clicking_a_concept_opens_that_preset_in_its_view(window, qtbot):
    dialog = window.help.show_concepts()
    card = next(c for c in dialog.cards if c.entry.path.stem == "concept_learning_rate")
    qtbot.mouseClick(card, Qt.LeftButton)
    settle()
    assert window.document.path.name == "concept_learning_rate.json"
    assert window.document.graph.meta["title"] == card.entry.title
    assert window.view_mode == "compare"
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_keys_go_to_the_canvas_after_a_concept_opens(window, qtbot):
    """Focus was in the race panel, which the concept's training view hides: the next key press
    landed in the Inspector's Title field and renamed the graph."""
    from PySide6.QtWidgets import QSpinBox
    from playground.ui.files.preset_library import open_preset

    window.activateWindow()
    assert open_preset(window, PRESETS / "concept_optimizers_spiral.json") and window.view_mode == "compare"
    settle()
    next(s for s in window.compare.panel.findChildren(QSpinBox) if s.isVisible()).setFocus()
    dialog = window.help.show_concepts()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)  # the window is inactive while it opens
    qtbot.mouseClick(next(c for c in dialog.cards if c.entry.path.stem == "concept_deep_sigmoid"),
                     Qt.LeftButton)
    settle()
    assert window.view_mode == "training" and window.focusWidget() is window.view


def test_a_cancelled_open_keeps_the_concepts_dialog(window, qtbot, dialog_answers):
    window.editor.add_node("Dense")  # unsaved change; the recorder answers Cancel
    before = window.document.path
    dialog = window.help.show_concepts()
    qtbot.mouseClick(dialog.cards[0], Qt.LeftButton)
    assert dialog_answers.save_prompts == 1
    assert window.document.path == before and dialog.isVisible()
    dialog.close()


# --- about --------------------------------------------------------------------------------------
def test_about_shows_real_versions_and_licence(window):
    dialog = window.help.show_about()
    labels = {name: label.text() for name, label in dialog.version_labels.items()}
    assert labels["numpy"] == numpy.__version__
    assert labels["numba"] == numba.__version__
    assert labels["pyqtgraph"] == pyqtgraph.__version__
    assert {"Python", "Qt", "PySide6"} <= set(labels)
    assert playground.__version__ in dialog.version_label.text()
    dialog.copy_details()
    clip = QApplication.clipboard().text()
    assert f"numpy: {numpy.__version__}" in clip and playground.__version__ in clip
    dialog.close()


def test_about_credits_the_bundled_data_from_the_assets_readmes(window, tmp_path):
    dialog = window.help.show_about()
    shown = dialog.data_text.toPlainText()
    for credit in ("Yann LeCun", "CC BY-SA 3.0", "Alpaydin", "Fisher"):
        assert credit in shown
    dialog.close()
    (tmp_path / "README.md").write_text("# Data\n\nnotes\n\n## Toy set\n\nMade by A. Person.\n",
                                        encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "README.md").write_text("Sub data by B. Person.\n", encoding="utf-8")
    text = attribution_markdown(tmp_path)
    assert "A. Person" in text and "B. Person" in text and "notes" not in text
    assert "No bundled data" in attribution_markdown(tmp_path / "missing")
