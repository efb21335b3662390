"""Work around a PySide6 6.12 reference-count bug on CPython < 3.12.

Every call of a void QPainter method (drawLine, setPen, fillRect…) drops one reference to None.
A canvas paints thousands of them, so None's count soon reaches zero and the interpreter aborts
with "deallocating None". CPython 3.12 made None immortal; this does the same for older versions.
"""
from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40


def keep_none_alive() -> None:
    if sys.version_info >= (3, 12):
        return
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < RESERVE // 2:
        count.value += RESERVE
