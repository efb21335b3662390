"""Every modal question the editor asks, as small functions that tests replace with answers."""
from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from playground.ui.common.i18n import fill

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
PRESET_FILTER = QT_TRANSLATE_NOOP("common.dialogs", "Presets (*.json);;All files (*)")


def _ask(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
         buttons: QMessageBox.StandardButton, default: QMessageBox.StandardButton) -> QMessageBox.StandardButton:
    """A message box whose window title is the app's short name (the window manager adds no
    " — NN Playground" to it, so a narrow box never cuts its title off) and whose first line,
    in bold, is ``title``."""
    box = QMessageBox(icon, QGuiApplication.applicationDisplayName(), f"<b>{html.escape(title)}</b>", buttons, parent)
    box.setInformativeText(text)
    box.setDefaultButton(default)
    return box.exec()


def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """SAVE, DISCARD or CANCEL for a document with unsaved changes."""
    answer = _ask(parent, QMessageBox.Warning, QCoreApplication.translate("common.dialogs", "Unsaved changes"),
                  QCoreApplication.translate("common.dialogs", "Save the changes to {name}?").format(name=name),
                  QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
    return {QMessageBox.Save: SAVE, QMessageBox.Discard: DISCARD}.get(answer, CANCEL)


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    _ask(parent, QMessageBox.Critical, title, text, QMessageBox.Ok, QMessageBox.Ok)


def ask_open_path(parent: QWidget | None, folder: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("common.dialogs", "Open preset"), folder, QCoreApplication.translate("common.dialogs", PRESET_FILTER))
    return path or None


def ask_save_path(parent: QWidget | None, suggestion: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("common.dialogs", "Save preset"), suggestion, QCoreApplication.translate("common.dialogs", PRESET_FILTER))
    if path and not path.endswith(".json"):
        path += ".json"
    return path or None


def _yes(parent: QWidget | None, title: str, text: str, default_yes: bool) -> bool:
    default = QMessageBox.Yes if default_yes else QMessageBox.No
    return _ask(parent, QMessageBox.Question, title, text, QMessageBox.Yes | QMessageBox.No, default) \
        == QMessageBox.Yes


def ask_stop_training(parent: QWidget | None) -> bool:
    """True when the user agrees to stop training so an edit to the network can go ahead."""
    return _yes(parent, QCoreApplication.translate("common.dialogs", "Training is running"),
                QCoreApplication.translate("common.dialogs", "This edit changes the network being trained. Stop training and keep the edit?"), False)


def ask_stop_runs(parent: QWidget | None, what: str) -> bool:
    """True when the user agrees to stop the training or comparison in progress to open ``what``."""
    return _yes(parent, QCoreApplication.translate("common.dialogs", "A run is in progress"),
                fill(QCoreApplication.translate("common.dialogs", "Opening {what} ends the run in progress on this network. Stop it and open {what}?"), what=what),
                False)


def ask_replace_folder(parent: QWidget | None, path: str) -> bool:
    """True to replace an existing, non-empty folder with an exported project."""
    return _ask(parent, QMessageBox.Warning, QCoreApplication.translate("files.model_files", "Replace folder?"),
                fill(QCoreApplication.translate("files.model_files", "{path} already exists and is not empty.\n\nReplace it with the exported project? Its current contents will be deleted."), path=path),
                QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel) == QMessageBox.Yes


def ask_restore_autosave(parent: QWidget | None, name: str, age_seconds: float) -> bool:
    """True to restore the unsaved graph a crash left behind."""
    minutes = int(age_seconds // 60)
    when = QCoreApplication.translate("common.dialogs", "less than a minute ago") if minutes < 1 else QCoreApplication.translate("common.dialogs", "{minutes} minute(s) ago").format(minutes=minutes)
    return _yes(parent, QCoreApplication.translate("common.dialogs", "Restore unsaved work?"),
                QCoreApplication.translate("common.dialogs", "The playground did not close normally. Restore the unsaved graph \"{name}\" (autosaved {when})?").format(name=name, when=when), True)
