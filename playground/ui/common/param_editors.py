"""One editor widget per parameter kind, generated from the registry's Param declarations.

Each editor emits ``edited(value)`` only for user changes (not for :meth:`set_value`), so
showing a value coming from undo never pushes a new command.
"""
from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (QAbstractSpinBox, QCheckBox, QComboBox, QDoubleSpinBox, QLabel,
                               QLineEdit, QSpinBox, QToolTip, QWidget)

from playground.engine.params import Param
from playground.ui.common import i18n

INT_LIMIT = 2**31 - 1
FLOAT_LIMIT = 1e12
REFUSED_STYLE = "border: 1px solid #e5484d; border-radius: 2px;"


def number_text(param: Param, value: float) -> str:
    return f"{int(value):,}" if param.kind == "int" else f"{value:g}"


def range_text(param: Param) -> str:
    """The declared range as a learner reads it: "1 to 4,096", "at least 0"."""
    lo, hi = param.minimum, param.maximum
    if lo is not None and hi is not None:
        return QCoreApplication.translate("common.param_editors", "{low} to {high}").format(low=number_text(param, lo), high=number_text(param, hi))
    if lo is not None:
        return QCoreApplication.translate("common.param_editors", "at least {value}").format(value=number_text(param, lo))
    if hi is not None:
        return QCoreApplication.translate("common.param_editors", "at most {value}").format(value=number_text(param, hi))
    return QCoreApplication.translate("common.param_editors", "any whole number") if param.kind == "int" else QCoreApplication.translate("common.param_editors", "any number")


def field_tip(param: Param) -> str:
    """The parameter's help, and for numbers its range and default."""
    if param.kind in ("int", "float"):
        return QCoreApplication.translate("common.param_editors", "{help}\nRange: {range} · default {default}").format(help=i18n.param_help(param), range=range_text(param), default=number_text(param, param.default))
    if param.kind == "bool":
        return QCoreApplication.translate("common.param_editors", "{help}\nDefault: {state}").format(help=i18n.param_help(param), state=QCoreApplication.translate("common.param_editors", "on") if param.default else QCoreApplication.translate("common.param_editors", "off"))
    if param.kind == "points":
        return i18n.param_help(param)
    return QCoreApplication.translate("common.param_editors", "{help}\nDefault: {default}").format(help=i18n.param_help(param), default=param.default) if param.default != "" else i18n.param_help(param)


def _in_range(param: Param, value: float) -> bool:
    return ((param.minimum is None or value >= param.minimum)
            and (param.maximum is None or value <= param.maximum))


def _clamp(param: Param, value: float) -> float:
    """Where the arrow keys stop: the declared bounds (typed values are checked, not clamped)."""
    if param.minimum is not None:
        value = max(value, param.minimum)
    if param.maximum is not None:
        value = min(value, param.maximum)
    return value


class _NumberField:
    """Shared by the int and float editors: any number can be typed; one outside the declared range
    is refused on commit (red outline, a tooltip with the range, ``refused`` emitted) and the
    previous value stays, so the graph never sees it."""

    param: Param
    accepted: float
    popup_refusals = True  # False where the owner shows ``refused`` messages itself

    def _commit(self, value: float) -> None:
        if _in_range(self.param, value):
            self.accepted = value
            self.show_refusal(None)
            self.edited.emit(value)
            return
        typed, kept = number_text(self.param, value), number_text(self.param, self.accepted)
        message = QCoreApplication.translate("_NumberField", "{name}: {range} ({typed} not applied, kept {kept})").format(name=self.param.name, range=range_text(self.param), typed=typed, kept=kept)
        self.set_value(self.accepted)
        self.show_refusal(message)
        self.refused.emit(message)

    def show_refusal(self, message: str | None) -> None:
        """Outline the field in red and say why (None: the value is fine)."""
        self.refusal = message or ""
        self.setStyleSheet(REFUSED_STYLE if message else "")
        self.setToolTip(f"{message}\n\n{field_tip(self.param)}" if message else field_tip(self.param))
        if message and self.popup_refusals and self.isVisible():
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), message, self)

    def _step_flags(self, flags):
        value = self.value()
        if self.param.maximum is not None and value >= self.param.maximum:
            flags &= ~QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self.param.minimum is not None and value <= self.param.minimum:
            flags &= ~QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags


class IntEditor(_NumberField, QSpinBox):
    edited = Signal(object)
    refused = Signal(str)

    def __init__(self, param: Param) -> None:
        super().__init__(keyboardTracking=False)
        self.param, self.accepted, self.refusal = param, int(param.default), ""
        self.setRange(-INT_LIMIT, INT_LIMIT)  # typing is free; the declared range is checked on commit
        self.setAccelerated(True)
        self.setToolTip(field_tip(param))
        self.valueChanged.connect(lambda v: self._commit(int(v)))

    def stepBy(self, steps: int) -> None:
        self.setValue(int(_clamp(self.param, self.value() + steps * self.singleStep())))

    def stepEnabled(self):
        return self._step_flags(super().stepEnabled())

    def set_value(self, value: Any) -> None:
        self.accepted = int(value)
        self.blockSignals(True)
        self.setValue(int(value))
        self.blockSignals(False)


class FloatEditor(_NumberField, QDoubleSpinBox):
    """Shows numbers as written (1e-05, 0.001); log-scale parameters step 1, 2, 5, 10, 20…"""

    edited = Signal(object)
    refused = Signal(str)

    def __init__(self, param: Param) -> None:
        super().__init__(keyboardTracking=False, decimals=12)
        self.param, self.accepted, self.refusal = param, float(param.default), ""
        self.log_scale = param.log_scale
        self.setRange(-FLOAT_LIMIT, FLOAT_LIMIT)  # typing is free; the declared range is checked on commit
        self.setToolTip(field_tip(param))
        lo = -FLOAT_LIMIT if param.minimum is None else max(param.minimum, -FLOAT_LIMIT)
        hi = FLOAT_LIMIT if param.maximum is None else min(param.maximum, FLOAT_LIMIT)
        span = hi - lo
        self.setSingleStep(10 ** (math.floor(math.log10(span)) - 1) if 0 < span < FLOAT_LIMIT else 0.1)
        self.valueChanged.connect(lambda v: self._commit(float(v)))

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
        return QValidator.Acceptable if math.isfinite(value) and abs(value) <= FLOAT_LIMIT \
            else QValidator.Intermediate

    def stepBy(self, steps: int) -> None:
        value = self.value()
        if not self.log_scale or value <= 0:
            value += steps * self.singleStep()
        else:
            for _ in range(abs(steps)):
                value = _nice_step(value, up=steps > 0)
        self.setValue(_clamp(self.param, value))

    def stepEnabled(self):
        return self._step_flags(super().stepEnabled())

    def set_value(self, value: Any) -> None:
        self.accepted = float(value)
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


class PointsEditor(QLabel):
    """Drawn points are edited in the Decision boundary view; here the count says what there is."""
    edited = Signal(object)

    def __init__(self, param: Param) -> None:
        super().__init__()
        self.setWordWrap(True)

    def set_value(self, value: Any) -> None:
        data = value.get("data") if isinstance(value, dict) else None
        count = len(data) if isinstance(data, list) else 0
        self.setText(self.tr("{n} points · draw them in the Decision boundary view").format(n=f"{count:,}"))


EDITORS = {"int": IntEditor, "float": FloatEditor, "bool": BoolEditor, "choice": ChoiceEditor,
           "str": TextEditor, "points": PointsEditor}


def create_editor(param: Param, value: Any) -> QWidget:
    """An editor for ``param`` showing ``value``, with the parameter's help, range and default as
    tooltip."""
    editor = EDITORS.get(param.kind, TextEditor)(param)
    editor.set_value(value)
    editor.setToolTip(field_tip(param))
    editor.setObjectName(f"param_{param.name}")
    return editor
