"""The window in Korean (issue 21): every text a learner reads is translated, the language can be
switched from View > Language while the window is open, and the choice is kept."""
from __future__ import annotations

import json
import re

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QGroupBox, QLabel, QLineEdit,
                               QMenu, QTableWidget, QTabWidget, QToolBar, QWidget)

from playground.engine.nodes.optimizers import OPTIMIZER_KEYS
from playground.engine.registry import node_types
from playground.paths import PRESETS_DIR, bundled_preset_names
from playground.ui.common import i18n
from tests.ui.fixtures import dialog_answers, open_copy, settings_dir, settle, window  # noqa: F401

# Names Korean learners use as they are (the glossary keeps them in English), units, file types.
NAMES = {"ReLU", "LeakyReLU", "PReLU", "ELU", "GELU", "SiLU", "Adam", "AdaGrad", "RMSProp", "SGD",
         "MNIST", "CNN", "LSTM", "GAN", "BERT", "GPT", "MSE", "BCE", "CCE", "Xavier", "He", "Glorot",
         "TensorFlow", "Playground", "NN", "PyTorch", "Keras", "Word2Vec", "CBOW", "Skip-gram", "TF-IDF", "JPEG", "LeNet", "XOR", "Iris", "TF", "GD", "CDF",
         "PNG", "SVG", "CSV", "JSON", "json", "L1", "L2", "README", "GPU", "GPUs", "ETA", "RMS", "Phi", "Ctrl", "Shift",
         "Esc", "Del", "Backspace", "F5", "F6", "F10", "Fusion", "Qt", "Numba", "NumPy", "PySide6",
         "pyqtgraph", "python", "md", "py", "npz", "idx", "csv", "xavier", "he", "gaussian", "tanh",
         "sigmoid", "softmax", "log", "exp", "sin", "max", "mean", "sum", "lr", "wd", "mu", "x", "y", "f", "vs",
         "full", "Linux", "Windows", "macOS", "Python", "numpy", "numba"}


def registry_names() -> set[str]:
    """Identifiers the registry declares (type names, ports, parameter names, choices) and preset names:
    code names that the UI shows as they are written in preset files."""
    names = set(bundled_preset_names()) | set(OPTIMIZER_KEYS) | {"type"}  # a sweep's type swap: rnn.type
    for path in PRESETS_DIR.glob("*.json"):  # node ids, as a preset's compare sweep names them
        names.update(node["id"] for node in json.loads(path.read_text(encoding="utf-8")).get("nodes", []))
    for t in node_types():
        names.add(t.type_name)
        names.update(port.name for port in (*t.inputs, *t.outputs))
        for p in t.params:
            names.add(p.name)
            names.update(str(c) for c in p.choices)
    return names


def english_in(text: str, allowed: set[str]) -> str | None:
    """The untranslated English in ``text`` (two or more English words, or a text that is one
    English word), None if there is none."""
    plain = re.sub(r"<[^>]+>", " ", text)
    plain = re.sub(r"&\w+;", " ", plain)
    plain = re.sub(r"\((?:Ctrl|Shift|F\d)[^()]*\)", " ", plain)  # a shortcut, "(Ctrl+N)"
    plain = re.sub(r"\b\d[\d.,]*(?:e[+-]?\d+)?", " ", plain.replace("&", ""))  # numbers: 1e-07, 1,297
    words = [w.strip("'’-") for w in re.findall(r"[A-Za-z][A-Za-z0-9_'’-]*", plain)]
    words = [w for w in words
             if w not in allowed and "_" not in w
             and len(w) > 1 and not re.fullmatch(r"[a-z][a-z0-9]*\d", w)]  # math symbols; node ids (dense1)
    hangul = re.search(r"[\uac00-\ud7a3]", plain)
    if len(words) >= 2 or (words and not hangul and len(words[0]) > 2):
        return " ".join(words)
    return None


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every text the window can show: actions, menus, dock and toolbar titles,
    tabs, labels, buttons, placeholders, combo items, table headers and tooltips."""
    found = []
    for action in window.findChildren(QAction):
        if action.data() in i18n.LANGUAGES or action.parent() is getattr(window, "menus", {}).get("recent"):
            continue  # each language's own name; the recent files' names
        for what, text in (("action", action.text()), ("icon text", action.iconText()),
                           ("action tip", action.toolTip()), ("status tip", action.statusTip())):
            found.append((what, text))
    for widget in window.findChildren(QWidget):
        found.append((f"{type(widget).__name__} tooltip", widget.toolTip()))
        if isinstance(widget, (QDockWidget, QToolBar)):
            found.append(("title", widget.windowTitle()))
        elif isinstance(widget, QMenu):
            found.append(("menu", widget.title()))
        elif isinstance(widget, QTabWidget):
            found += [("tab", widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, (QLabel, QAbstractButton)):
            found.append((type(widget).__name__, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append(("group", widget.title()))
        elif isinstance(widget, QLineEdit):
            found.append(("placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            found += [("combo item", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            found += [("column", widget.horizontalHeaderItem(c).text()) for c in range(widget.columnCount())
                      if widget.horizontalHeaderItem(c)]
    return [(where, text) for where, text in found if text]


def palette_texts(window) -> list[tuple[str, str]]:
    tree = window.palette.tree
    found = []
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        found.append(("palette group", group.text(0)))
        for r in range(group.childCount()):
            found += [("palette entry", group.child(r).text(0)), ("palette tip", group.child(r).toolTip(0))]
    return found


def inspector_texts(window) -> list[tuple[str, str]]:
    """Each node type added and selected in turn: the inspector's page for it."""
    found = []
    for t in node_types():
        node_id = window.editor.add_node(t.type_name)
        window.inspector.show_node(node_id)
        found += [(f"inspector {t.type_name}", text) for _, text in visible_texts(window.inspector)]
    return found


def untranslated(texts, allowed) -> list[str]:
    return sorted({f"{where}: {text!r} ({english})" for where, text in texts
                   for english in [english_in(text, allowed)] if english})


@pytest.fixture
def korean(qtbot, settings_dir):  # noqa: F811
    assert i18n.install("ko")
    yield
    i18n.install("en")


@pytest.fixture
def korean_window(korean, window):  # noqa: F811
    return window


def test_korean_window_has_no_untranslated_english(korean_window, tmp_path):
    window = korean_window
    open_copy(window, tmp_path, "digits_cnn")  # a CNN: every view applies and fills its labels
    settle()
    allowed = NAMES | registry_names() | set(window.document.graph.nodes)  # node ids: "optimizer"
    texts = visible_texts(window) + palette_texts(window)
    assert len(texts) > 300  # the walk sees the whole window, hidden views and docks included
    assert untranslated(texts, allowed) == []
    assert untranslated(inspector_texts(window), allowed) == []


def test_korean_help_dialogs_tour_and_library_have_no_untranslated_english(korean_window):
    from playground.paths import PRESETS_DIR
    from playground.ui.files.preset_library import PresetLibrary

    window = korean_window
    allowed = NAMES | registry_names() | set(window.document.graph.nodes)
    texts = []
    for show in (window.help.show_concepts, window.help.show_shortcuts, window.help.show_about):
        dialog = show()
        texts += [(f"{type(dialog).__name__} {where}", text) for where, text in visible_texts(dialog)]
        texts.append(("dialog title", dialog.windowTitle()))
        dialog.close()
    library = PresetLibrary(PRESETS_DIR, window)
    texts += [("library", library.list.item(row).text()) for row in range(library.list.count())]
    for row in range(library.list.count()):  # each preset's details: title, description, view
        library.list.setCurrentRow(row)
        texts.append(("library details", library.details.text()))
    library.close()
    tour = window.help.show_tour()
    for page in range(len(tour.pages)):
        tour.go_to(page)
        texts += [(f"tour page {page}", text) for _, text in visible_texts(tour)]
    tour.close_tour()
    assert len(texts) > 100
    assert untranslated(texts, allowed) == []


def test_refusing_to_train_says_why_in_korean(korean_window):
    window = korean_window  # an empty graph: no Dataset, Loss or Optimizer
    window.training.train()
    message = window.statusBar().currentMessage()
    assert message.startswith("학습할 수 없습니다: ")
    assert english_in(message, NAMES | registry_names()) is None


def test_the_checker_catches_english(korean):
    allowed = NAMES | registry_names()
    assert english_in("Save the preset", allowed)
    assert english_in("Loss", allowed)
    assert english_in("Ready to train (F5)", allowed)
    assert english_in("학습 준비 완료 (F5)", allowed) is None
    assert english_in("Conv2D 층:", allowed) is None
    assert english_in("<b>Adam</b> 옵티마이저", allowed) is None


def test_korean_menus_and_docks_read_in_korean(korean_window):
    window = korean_window
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:3] == ["파일(&F)", "편집(&E)", "보기(&V)"]
    assert window.palette_dock.windowTitle() == "노드"
    assert window.palette_dock.objectName() == "dock_nodes"  # saved layouts do not depend on the language
    assert window.palette.tree.topLevelItem(0).text(0) == "데이터"
    window.editor.add_node("Dense")
    assert "완전 연결층" in window.palette.item_for("Dense").text(0)


def test_validation_messages_from_the_engine_are_translated(korean):
    message = "Dense 'dense1': needs a flat input, got 1x8x8: add a Flatten before it"
    assert i18n.engine_text(message) == "Dense 'dense1': 평평한 입력이 필요한데 1x8x8을 받았습니다: 앞에 Flatten을 추가하세요"
    assert "784를 받았습니다" in i18n.engine_text(message.replace("1x8x8", "784"))  # 칠백팔십사: no 받침
    assert i18n.engine_text("24 units") == "유닛 24개"
    assert i18n.engine_text("something the catalogue does not know") == "something the catalogue does not know"


def test_undo_names_a_connection_with_the_particle_its_node_takes(korean_window, qtbot):
    from playground.engine.graph import Edge
    from playground.ui.editor.edits import Connect

    assert Connect(korean_window.document.graph, Edge("data", "out", "dense1", "in")).text() == "data를 dense1에 연결"
    assert Connect(korean_window.document.graph, Edge("conv1", "out", "relu", "in")).text() == "conv1을 relu에 연결"


def test_switching_language_retranslates_the_open_window_and_is_kept(window, qtbot, tmp_path):
    open_copy(window, tmp_path, "spiral")
    menu = window.menus["language"]
    assert [a.text() for a in window.menuBar().actions()][0] == "&File"
    menu.action_for("ko").trigger()
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "파일(&F)")
    try:
        assert window.palette_dock.windowTitle() == "노드"
        assert window.actions.new.text() == "새로 만들기"
        assert window.palette.tree.topLevelItem(0).text(0) == "데이터"
        assert window.training.curve_tabs.tabText(0) == "손실"
        assert window.training.panels[0].plot.getAxis("bottom").labelText == "스텝"
        assert window.about_dock.widget().title.text().count("두 나선") == 1
        assert "언어" in window.statusBar().currentMessage()
        assert i18n.saved_language() == "ko" and menu.action_for("ko").isChecked()
    finally:
        menu.action_for("en").trigger()
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&File")
    assert window.actions.new.text() == "&New"
    assert window.palette.tree.topLevelItem(0).text(0) == "Data"
    assert window.training.curve_tabs.tabText(0) == "Loss" and window.training.curve_tabs.tabText(3) == "Weights"
    assert window.training.actions["train"].iconText() == "Train"
    assert i18n.saved_language() == "en"


def test_pause_is_as_wide_as_its_wider_word_after_a_language_switch(window, qtbot):
    """Pause reads Resume while paused, in a button that fits both words of the language shown."""
    from PySide6.QtCore import QCoreApplication

    pause = window.training.actions["pause"]
    button = window.training.toolbar.widgetForAction(pause)

    def widths():
        out = []
        for word in ("&Resume", "&Pause"):
            pause.setIconText(QCoreApplication.translate("TrainingController", word).replace("&", ""))
            out.append(button.sizeHint().width())
        pause.setIconText(QCoreApplication.translate("TrainingController", "&Pause").replace("&", ""))
        return out

    english = button.minimumWidth()
    assert english == max(widths())
    window.menus["language"].action_for("ko").trigger()
    try:
        qtbot.waitUntil(lambda: pause.iconText() == QCoreApplication.translate("TrainingController", "&Pause").replace("&", ""))
        assert pause.iconText() != "Pause"
        assert button.minimumWidth() == max(widths()) != english
    finally:
        window.menus["language"].action_for("en").trigger()
    qtbot.waitUntil(lambda: pause.iconText() == "Pause")
    assert button.minimumWidth() == english


def test_a_window_opened_in_korean_switches_to_english_live(korean_window, qtbot):
    """Without English texts to go back to: the catalogue picks the English of each text, by
    where it is (a menu's "&Train", the button's "Train") and by template ("Editor view")."""
    window = korean_window
    window.menus["language"].action_for("en").trigger()
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&File")
    assert window.training.actions["train"].text() == "&Train"
    assert window.training.actions["train"].iconText() == "Train"
    assert window.actions.views["editor"].text() == "Editor view"
    assert window.actions.new.toolTip() == "New (Ctrl+N)"
    assert window.palette_dock.windowTitle() == "Nodes"
    assert window.params_label.text().endswith(" parameters")
    axis = window.training.panels[0].plot.getAxis("bottom")
    assert axis.labelText == "step"


def test_first_launch_follows_the_system_language(settings_dir, monkeypatch):  # noqa: F811
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Korean, QLocale.SouthKorea)))
    assert i18n.chosen_language() == "ko"
    i18n.save_language("en")
    assert i18n.chosen_language() == "en"


def test_korean_preset_titles_with_english_fallback(korean, tmp_path):
    from playground.paths import PRESETS_DIR
    from playground.ui.files.preset_library import read_entry

    assert read_entry(PRESETS_DIR / "spiral.json").title == "두 나선"
    untranslated_preset = tmp_path / "mine.json"
    untranslated_preset.write_text('{"format": "nn-playground-preset", "version": 1, "title": "Mine", '
                                   '"description": "Only English.", "nodes": []}')
    entry = read_entry(untranslated_preset)
    assert (entry.title, entry.description) == ("Mine", "Only English.")
    i18n.install("en")
    assert read_entry(PRESETS_DIR / "spiral.json").title == "Two spirals"


def test_qt_widgets_format_numbers_for_the_language(korean):
    from PySide6.QtCore import QLocale

    assert QLocale().language() == QLocale.Korean
    i18n.install("en")
    assert QLocale() == QLocale.system()


HANGUL = re.compile(r"[\uac00-\ud7a3]")


def switch_to(window, qtbot, code: str) -> None:
    window.menus["language"].action_for(code).trigger()
    qtbot.waitUntil(lambda: window.menus["language"].action_for(code).isChecked())
    settle()


def hangul_in(texts) -> list[str]:
    return sorted({f"{where}: {text!r}" for where, text in texts if HANGUL.search(text)})


def shown_everywhere(window) -> list[tuple[str, str]]:
    """The window's texts, the palette's, and the shortcuts dialog's (built from the actions)."""
    dialog = window.help.show_shortcuts()
    texts = visible_texts(window) + palette_texts(window) + visible_texts(dialog)
    dialog.close()
    return texts


@pytest.mark.parametrize("preset", ["spiral", "digits_cnn"])
def test_switching_english_korean_english_leaves_no_mixed_text(window, qtbot, tmp_path, preset):
    """A live switch translates what is on screen, both ways: nothing stays in the old language,
    no translated fragment is spliced into an English sentence, and back in English every text
    is the one the English window showed (not a lower-case twin of a shared translation)."""
    from playground.ui.race.panel import RacePanel

    open_copy(window, tmp_path, preset)
    window.editor.add_node("Dense")  # the undo action names a command: "&Undo Add Dense"
    race = window.findChild(RacePanel)
    race.recompute()
    with qtbot.waitSignal(race.raceFinished, timeout=30000):  # its legend, one result line per optimizer
        race._launch()
    settle()
    english = sorted(set(shown_everywhere(window)))
    try:
        switch_to(window, qtbot, "ko")
        allowed = NAMES | registry_names() | set(window.document.graph.nodes)
        assert untranslated(shown_everywhere(window), allowed) == []
    finally:
        switch_to(window, qtbot, "en")
    back = shown_everywhere(window)
    assert hangul_in(back) == []
    assert sorted(set(back)) == english


def test_a_window_opened_in_korean_switches_to_english_without_hangul(korean_window, qtbot, tmp_path):
    window = korean_window
    open_copy(window, tmp_path, "spiral")
    settle()
    switch_to(window, qtbot, "en")
    texts = shown_everywhere(window)
    assert hangul_in(texts) == []
    tabs = {text for where, text in texts if where == "tab"}
    assert {"Loss", "Weights", "Decision boundary"} <= tabs and not {"loss", "weight"} & tabs
    buttons = [b.text() for b in window.findChildren(QAbstractButton) if b.objectName().startswith("feature_")]
    assert "x₁²" in buttons and not [t for t in buttons if "_" in t]  # "x1_sq": a raw id


@pytest.mark.parametrize("code", ["ko", "en"])
@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)])
def test_concepts_dialog_fits_its_cards_in_both_languages(window, qtbot, code, width, height):
    """Every card lies inside the dialog's scroll area: none clipped on the right, no sideways
    scrolling, in Korean as in English."""
    from PySide6.QtWidgets import QScrollArea

    assert i18n.install(code)
    try:
        dialog = window.help.show_concepts()
        dialog.resize(min(dialog.width(), width), min(dialog.height(), height - 60))
        settle()
        scroll = dialog.findChild(QScrollArea)
        viewport = scroll.viewport()
        assert not scroll.horizontalScrollBar().isVisible()
        assert scroll.widget().width() <= viewport.width()
        for card in dialog.cards:
            right = card.mapTo(viewport, card.rect().topRight()).x()
            assert right <= viewport.width(), card.entry.title
            assert card.title.width() <= card.width()
        dialog.close()
    finally:
        i18n.install("en")


def test_every_node_face_reads_in_korean(korean):
    """A node's body line is its declaration's summary, translated: never raw settings such as
    "size=2, distribution=normal"."""
    allowed = NAMES | registry_names()
    for t in node_types():
        summary = i18n.engine_text(t.summary(t.defaults()))
        assert not re.search(r"\w=\w", summary), (t.type_name, summary)
        assert english_in(summary, allowed) is None, (t.type_name, summary)


def test_every_activation_has_a_korean_subtitle_in_the_palette(korean_window):
    tree = korean_window.palette.tree
    group = next(tree.topLevelItem(g) for g in range(tree.topLevelItemCount())
                 if tree.topLevelItem(g).text(0) == i18n.category_text("Activations"))
    for r in range(group.childCount()):
        name, *subtitle = group.child(r).text(0).split("\n")
        assert subtitle and HANGUL.search(" ".join(subtitle)), name


@pytest.mark.parametrize("code", ["ko", "en"])
def test_message_boxes_have_a_short_title_and_say_what_they_ask(qtbot, settings_dir, monkeypatch, code):  # noqa: F811
    """The window manager writes "<title> — NN Playground" in a narrow box's title bar, which cut
    "Unsaved changes" off; the title is the app's name alone and the box says the rest."""
    from PySide6.QtGui import QFontMetrics, QGuiApplication
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from playground.ui.common import dialogs
    from playground.ui.shell.app import create_app

    create_app()
    shown = []

    def answer(box):
        box.show()
        shown.append((box.windowTitle(), box.text(), box.informativeText(), box.width()))
        return QMessageBox.Cancel

    monkeypatch.setattr(QMessageBox, "exec", answer)
    closer = QTimer(interval=200)  # a box this does not see (a static QMessageBox call) closes
    closer.timeout.connect(lambda: QApplication.activeModalWidget() and QApplication.activeModalWidget().reject())
    closer.start()
    assert i18n.install(code)
    try:
        dialogs.ask_save_changes(None, "spiral")
        dialogs.ask_restore_autosave(None, "spiral", 120)
        assert dialogs.ask_replace_folder(None, "/tmp/spiral") is False  # Cancel
    finally:
        i18n.install("en")
        closer.stop()
    name = QGuiApplication.applicationDisplayName()
    assert len(shown) == 3
    for title, text, question, width in shown:
        assert title == name and QFontMetrics(QGuiApplication.font()).horizontalAdvance(title) < width
        assert text and question and "spiral" in question
    if code == "ko":
        assert "저장하지 않은" in shown[0][1] and "(을)를" not in shown[1][2]
        assert "/tmp/spiral이 이미 있고" in shown[2][2]  # 스파이럴: 받침 ㄹ


@pytest.mark.parametrize("code", ["en", "ko"])
def test_no_two_presets_look_alike_in_the_library(qtbot, code):
    """Two titles under one heading ("GAN: ...") where one's words are all in the other's
    ("ring of 8", "learn a ring of 8") read as the same preset twice."""
    from playground.ui.files.preset_library import read_entry

    assert i18n.install(code)
    try:
        titles = [read_entry(path).title for path in sorted(PRESETS_DIR.glob("*.json"))]
    finally:
        i18n.install("en")
    assert len(set(titles)) == len(titles)
    words = {t: set(re.findall(r"\w+", t.lower())) for t in titles}
    for a in titles:
        for b in titles:
            if a != b and ":" in a and a.split(":")[0] == b.split(":")[0]:
                assert not words[a] <= words[b], (a, b)


def test_the_tour_counts_its_dots_and_starts_in_the_editor(korean_window, qtbot):
    window = korean_window
    window.set_view_mode("compare")
    tour = window.help.show_tour()
    try:
        assert window.view_mode == "editor" and window.palette.isVisible()  # the first step shows it
        steps = len(tour.pages) - 2  # between the welcome and the end
        for page in range(len(tour.pages)):
            tour.go_to(page)
            assert tour.card.dots.text().count("&#9679;") == steps
        assert f" {steps}" in tour.pages[0].text
    finally:
        tour.close_tour()
