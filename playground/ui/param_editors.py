"""One editor widget per parameter kind, generated from the registry's Param declarations.

Each editor emits ``edited(value)`` only for user changes (not for :meth:`set_value`), so
showing a value coming from undo never pushes a new command.
"""
from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox, QWidget

from playground.engine.params import Param

INT_LIMIT = 2**31 - 1
FLOAT_LIMIT = 1e12


class IntEditor(QSpinBox):
    edited = Signal(object)

    def __init__(self, param: Param) -> None:
        super().__init__(keyboardTracking=False)
        lo = -INT_LIMIT if param.minimum is None else int(max(param.minimum, -INT_LIMIT))
        hi = INT_LIMIT if param.maximum is None else int(min(param.maximum, INT_LIMIT))
        self.setRange(lo, hi)
        self.setAccelerated(True)
        self.valueChanged.connect(lambda v: self.edited.emit(int(v)))

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        self.setValue(int(value))
        self.blockSignals(False)


class FloatEditor(QDoubleSpinBox):
    """Shows numbers as written (1e-05, 0.001); log-scale parameters step 1, 2, 5, 10, 20…"""

    edited = Signal(object)

    def __init__(self, param: Param) -> None:
        super().__init__(keyboardTracking=False, decimals=12)
        self.log_scale = param.log_scale
        lo = -FLOAT_LIMIT if param.minimum is None else max(param.minimum, -FLOAT_LIMIT)
        hi = FLOAT_LIMIT if param.maximum is None else min(param.maximum, FLOAT_LIMIT)
        self.setRange(lo, hi)
        span = hi - lo
        self.setSingleStep(10 ** (math.floor(math.log10(span)) - 1) if 0 < span < FLOAT_LIMIT else 0.1)
        self.valueChanged.connect(lambda v: self.edited.emit(float(v)))

    def textFromValue(self, value: float) -> str:
        return f"{value:.6g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> QValidator.State:
        try:
            value = float(text)
        except ValueError:
            return QValidator.Intermediate if text.strip() in ("", "-", ".", "-.") or text.lower().endswith(
                ("e", "e-", "e+")) else QValidator.Invalid
        return QValidator.Acceptable if self.minimum() <= value <= self.maximum() else QValidator.Intermediate

    def stepBy(self, steps: int) -> None:
        if not self.log_scale or self.value() <= 0:
            super().stepBy(steps)
            return
        value = self.value()
        for _ in range(abs(steps)):
            value = _nice_step(value, up=steps > 0)
        self.setValue(max(self.minimum(), min(self.maximum(), value)))

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        self.setValue(float(value))
        self.blockSignals(False)


def _nice_step(value: float, up: bool) -> float:
    """The next value on the 1-2-5 ladder above or below ``value``."""
    exponent = math.floor(math.log10(value))
    ladder = [m * 10.0 ** e for e in (exponent - 1, exponent, exponent + 1) for m in (1, 2, 5)]
    if up:
        return next(v for v in ladder if v > value * (1 + 1e-9))
    return next(v for v in reversed(ladder) if v < value * (1 - 1e-9))


class BoolEditor(QCheckBox):
    edited = Signal(object)

    def __init__(self, param: Param) -> None:
        super().__init__()
        self.clicked.connect(lambda checked: self.edited.emit(bool(checked)))

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


class ChoiceEditor(QComboBox):
    edited = Signal(object)

    def __init__(self, param: Param) -> None:
        super().__init__()
        self.addItems(list(param.choices))
        self.activated.connect(lambda index: self.edited.emit(self.itemText(index)))

    def set_value(self, value: Any) -> None:
        self.setCurrentText(str(value))


class TextEditor(QLineEdit):
    edited = Signal(object)

    def __init__(self, param: Param) -> None:
        super().__init__()
        self.editingFinished.connect(lambda: self.edited.emit(self.text()))

    def set_value(self, value: Any) -> None:
        self.setText(str(value))


EDITORS = {"int": IntEditor, "float": FloatEditor, "bool": BoolEditor, "choice": ChoiceEditor,
           "str": TextEditor}


def create_editor(param: Param, value: Any) -> QWidget:
    """An editor for ``param`` showing ``value``, with the parameter's help as tooltip."""
    editor = EDITORS.get(param.kind, TextEditor)(param)
    editor.set_value(value)
    editor.setToolTip(param.help)
    editor.setObjectName(f"param_{param.name}")
    return editor
