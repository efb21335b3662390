"""Colours, key-cap rendering and small widgets the Help dialogs share."""
from __future__ import annotations

import html
import re

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeySequence, QPainter
from PySide6.QtWidgets import QLabel

ACCENT = QColor("#3d7bd9")
CARD_BG = QColor("#30353e")
CARD_BORDER = QColor("#454c58")
TEXT = "#e8eaed"
MUTED = "#9aa3b2"
KEY_BG = QColor("#454c58")
KEY_BORDER = QColor("#5d6573")
VIEW_COLORS = {"editor": "#4fa3e0", "training": "#4caf50", "compare": "#e0a84f"}

PRIMARY_BUTTON = ("QPushButton { background: #3d7bd9; color: white; border: none; border-radius: 5px;"
                  " padding: 6px 16px; font-weight: 600; }"
                  " QPushButton:hover { background: #4a88e6; }"
                  " QPushButton:pressed { background: #3268b8; }")
QUIET_BUTTON = ("QPushButton { background: transparent; color: #c9ced6; border: 1px solid #4a515e;"
                " border-radius: 5px; padding: 6px 14px; }"
                " QPushButton:hover { background: #3a404b; }"
                " QPushButton:disabled { color: #5d6573; border-color: #3a404b; }")


def plain_text(action: QAction) -> str:
    """The action's menu text without mnemonics and trailing dots."""
    return re.sub(r"\(&\w\)", "", action.text()).replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


def key_texts(action: QAction) -> list[str]:
    """Each of the action's shortcuts as the user reads it ("Ctrl+S")."""
    texts = [k.toString(QKeySequence.NativeText) for k in action.shortcuts() if not k.isEmpty()]
    return list(dict.fromkeys(texts))


def key_parts(sequence: str) -> list[str]:
    """"Ctrl+Shift+S" -> ["Ctrl", "Shift", "S"]; "Ctrl++" -> ["Ctrl", "+"]."""
    if sequence.endswith("++"):
        return [p for p in sequence[:-2].split("+") if p] + ["+"]
    return [p for p in sequence.split("+") if p] or [sequence]


def keys_html(action: QAction | None) -> str:
    """The action's first shortcut as bold key names for rich text, or "" without one."""
    keys = key_texts(action) if action is not None else []
    if not keys:
        return ""
    caps = "&#8202;+&#8202;".join(f"<span style='background:#454c58; color:#ffffff;'>&nbsp;"
                                  f"{html.escape(p)}&nbsp;</span>" for p in key_parts(keys[0]))
    return f"<b>{caps}</b>"


def paint_keycaps(painter: QPainter, rect: QRectF, sequences: list[str], font: QFont,
                  align_right: bool = True) -> float:
    """Draw each sequence as key caps ("Ctrl" "S"), joined by "or"; returns the width used."""
    metrics = QFontMetrics(font)
    pad, gap, height = 7.0, 4.0, metrics.height() + 6.0
    pieces: list[tuple[str, bool]] = []
    for i, sequence in enumerate(sequences):
        if i:
            pieces.append(("or", False))
        pieces.extend((p, True) for p in key_parts(sequence))
    widths = [metrics.horizontalAdvance(t) + (2 * pad if cap else 0) for t, cap in pieces]
    total = sum(widths) + gap * (len(pieces) - 1)
    x = rect.right() - total if align_right else rect.left()
    y = rect.center().y() - height / 2
    painter.save()
    painter.setFont(font)
    painter.setRenderHint(QPainter.Antialiasing)
    for (text, cap), width in zip(pieces, widths):
        box = QRectF(x, y, width, height)
        if cap:
            painter.setPen(KEY_BORDER)
            painter.setBrush(KEY_BG)
            painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
            painter.setPen(QColor(TEXT))
        else:
            painter.setPen(QColor(MUTED))
        painter.drawText(box, Qt.AlignCenter, text)
        x += width + gap
    painter.restore()
    return total


def heading(text: str, size: float = 15.0) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(size)
    font.setWeight(QFont.DemiBold)
    label.setFont(font)
    return label


def muted(text: str, rich: bool = False) -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setTextFormat(Qt.RichText if rich else Qt.PlainText)
    label.setStyleSheet(f"color: {MUTED};")
    return label
