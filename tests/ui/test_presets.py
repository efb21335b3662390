"""The preset library dialog (grouped, searchable, opens a preset in its view) and the
"About this preset" panel."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from playground.ui.editor.edits import SetMeta
from playground.ui.files import preset_library
from playground.ui.files.preset_library import CONCEPTS, REFERENCE, PresetLibrary, show_view
from tests.ui.fixtures import PRESETS, dialog_answers, settings_dir, settle, window  # noqa: F401

REFERENCE_NAMES = ("xor", "circle", "spiral", "iris", "digits_cnn", "mnist_lenet", "gan_ring")


def preset_data() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in PRESETS.glob("*.json")}


@pytest.fixture
def library(window, qtbot):
    dialog = PresetLibrary(PRESETS, window)
    qtbot.addWidget(dialog)
    return dialog


def choose(monkeypatch, title: str | None) -> None:
    """Make the next library dialog pick ``title`` and press Open (None: Cancel)."""
    def exec_(dialog):
        if title is None:
            return QDialog.Rejected
        assert dialog.select(title), title
        return QDialog.Accepted
    monkeypatch.setattr(PresetLibrary, "exec", exec_)


def about_text(window) -> tuple[str, str, str]:
    panel = window.about_dock.widget()
    return panel.title.text(), panel.description.text(), panel.details.text()


# -- the library ------------------------------------------------------------------------------------

def test_library_lists_every_preset_by_title_reference_first(library):
    data = preset_data()
    titles = library.visible_titles()
    assert sorted(titles) == sorted(d["title"] for d in data.values())
    reference = [data[n]["title"] for n in REFERENCE_NAMES]
    assert titles[:len(reference)] == reference  # easy to hard, as in the README
    assert len(titles) - len(reference) == len([n for n in data if n.startswith("concept_")]) >= 10
    rows = [library.list.item(i) for i in range(library.list.count())]
    headers = [r.text() for r in rows if r.flags() == Qt.NoItemFlags]
    assert headers == [REFERENCE, CONCEPTS]
    assert rows[0].text() == REFERENCE and rows[len(reference) + 1].text() == CONCEPTS
    for item in library.preset_items():  # the view is drawn on each row and kept with it
        name = item.data(preset_library.PATH_ROLE).rsplit("/", 1)[-1][:-5]
        assert item.data(preset_library.VIEW_ROLE) == data[name]["view"]
        assert item.toolTip() == data[name]["description"]


def test_library_details_show_description_view_and_comparison(library):
    data = preset_data()["concept_learning_rate"]
    assert library.select(data["title"])
    text = library.details.text()
    assert data["description"] in text
    assert "Compare view" in text and "lr = 0.001, 0.5, 50.0" in text
    assert library.selected_path.name == "concept_learning_rate.json"
    assert library.selected_view == "compare"
    race = preset_data()["concept_momentum_ravine"]
    assert library.select(race["title"])
    assert "race of sgd, momentum on the ravine surface" in library.details.text()


def test_library_search_filters_titles_and_descriptions(library):
    library.search.setText("residual")
    assert library.visible_titles() == ["Deep tanh network without shortcuts",
                                        "Deep tanh network with residual connections"]
    headers = {library.list.item(i).text(): library.list.item(i).isHidden()
               for i in range(library.list.count()) if library.list.item(i).flags() == Qt.NoItemFlags}
    assert headers == {REFERENCE: True, CONCEPTS: False}
    assert library.selected_entry.title in library.visible_titles()

    library.search.setText("MNIST lenet")  # every word must match, in any field
    assert library.visible_titles() == ["LeNet-5 on MNIST"]
    library.search.setText("compare")  # the view counts too
    assert set(library.visible_titles()) >= {"Every optimizer on the two spirals", "Momentum in a ravine"}

    library.search.setText("no such preset anywhere")
    assert library.visible_titles() == [] and library.selected_path is None
    assert not library.buttons.button(QDialogButtonBox.Open).isEnabled()
    assert "No preset matches" in library.details.text()
    library.accept()
    assert library.result() != QDialog.Accepted

    library.search.clear()
    assert len(library.visible_titles()) == len(preset_data())
    assert library.buttons.button(QDialogButtonBox.Open).isEnabled()


# -- opening a preset -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["concept_deep_sigmoid", "concept_conv_3x3_vs_5x5",
                                  "concept_momentum_ravine"])
def test_opening_from_the_library_loads_switches_view_and_shows_about(window, monkeypatch, name):
    data = preset_data()[name]
    choose(monkeypatch, data["title"])
    assert window.open_library()
    settle()
    assert window.document.path.name == f"{name}.json"
    assert window.view_mode == data["view"]
    title, description, details = about_text(window)
    assert data["title"] in title and description == data["description"]
    assert f"{data['view']} view" in details and f"{name}.json" in details
    assert window.about_dock.isVisible() == (data["view"] != "compare")


def test_cancelling_the_library_changes_nothing(window, monkeypatch):
    before = window.document.graph.meta.copy()
    choose(monkeypatch, None)
    assert not window.open_library()
    assert window.document.graph.meta == before and window.view_mode == "editor"


def test_a_view_the_window_lacks_falls_back_to_training():
    modes = []

    def set_view_mode(mode):
        if mode == "compare":
            raise ValueError("unknown view 'compare'")
        modes.append(mode)
        fake.view_mode = mode

    fake = SimpleNamespace(view_mode="editor", set_view_mode=set_view_mode)
    assert show_view(fake, "compare") == "training"
    assert show_view(fake, "editor") == "editor" and modes == ["training", "editor"]


# -- the About panel --------------------------------------------------------------------------------

def test_about_panel_sits_with_the_inspector(window):
    assert window.dockWidgetArea(window.about_dock) == Qt.RightDockWidgetArea
    assert window.about_dock.windowTitle() == "About this preset"
    assert window.about_dock.toggleViewAction() in window.menus["view"].actions()


def test_about_panel_follows_edits_undo_save_as_and_new(window, dialog_answers, tmp_path):
    assert window.open_file(PRESETS / "concept_sparse_cce.json")
    settle()
    doc = window.document
    doc.push(SetMeta(doc.graph, "description", "My own notes."))
    assert about_text(window)[1] == "My own notes."
    doc.push(SetMeta(doc.graph, "title", "Mine"))
    assert "Mine" in about_text(window)[0]
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert about_text(window)[1] == preset_data()["concept_sparse_cce"]["description"]

    dialog_answers.save_path = str(tmp_path / "renamed.json")
    assert window.files.save_as()
    assert "renamed.json" in about_text(window)[2]

    window.files.new()
    title, description, details = about_text(window)
    assert "no description yet" in description and "renamed.json" not in details
