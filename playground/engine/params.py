"""Declared node parameters: one declaration feeds the inspector, validation, presets and exporters."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Param:
    """A node parameter: its kind ("int", "float", "bool", "choice", "str", "points"), default,
    range and help. A "points" value is drawn 2D data, ``{"classes": K, "data": [[x, y, class], ...]}``
    (``maximum``: how many points at most)."""

    name: str
    kind: str
    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    log_scale: bool = False

    def check(self, value: Any) -> str | None:
        """Return why ``value`` is not acceptable, or None when it is."""
        if self.kind == "bool":
            return None if isinstance(value, bool) else f"{self.name} must be true or false, not {value!r}"
        if self.kind == "str":
            return None if isinstance(value, str) else f"{self.name} must be text, not {value!r}"
        if self.kind == "points":
            return points_problem(self.name, value, int(self.maximum or MAX_POINTS))
        if self.kind == "choice":
            if value in self.choices:
                return None
            return f"{self.name} must be one of {', '.join(self.choices)}, not {value!r}"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"{self.name} must be a number, not {value!r}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"{self.name} must be a finite number, not {value!r}"
        if self.kind == "int" and isinstance(value, float) and not value.is_integer():
            return f"{self.name} must be a whole number, not {value!r}"
        if self.minimum is not None and value < self.minimum:
            return f"{self.name} = {_fmt(value)} is below its minimum {self.minimum:g}"
        if self.maximum is not None and value > self.maximum:
            return f"{self.name} = {_fmt(value)} is above its maximum {self.maximum:g}"
        return None

    def coerce(self, value: Any) -> Any:
        """Normalise an accepted value (JSON gives 3.0 for ints written by some tools)."""
        if self.kind == "int":
            return int(value)
        if self.kind == "float":
            return float(value)
        return value


MAX_POINTS = 50_000
MAX_POINT_CLASSES = 8
MAX_COORDINATE = 1e6


def _number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value) and abs(value) <= MAX_COORDINATE
    except OverflowError:  # a whole number too large for a float
        return False


def points_problem(name: str, value: Any, limit: int = MAX_POINTS) -> str | None:
    """Why ``value`` is not drawn 2D data (one line naming the place), or None."""
    if not isinstance(value, dict):
        return f"{name} must be an object {{\"classes\": K, \"data\": [[x, y, class], ...]}}"
    unknown = sorted(set(value) - {"classes", "data"})
    if unknown:
        return f"{name}: unknown key {unknown[0]!r}; known: classes, data"
    classes, data = value.get("classes"), value.get("data")
    if isinstance(classes, bool) or not isinstance(classes, int) or not 2 <= classes <= MAX_POINT_CLASSES:
        return f"{name}.classes must be a whole number from 2 to {MAX_POINT_CLASSES}, not {classes!r}"
    if not isinstance(data, list):
        return f"{name}.data must be a list of [x, y, class], not {type(data).__name__}"
    if len(data) > limit:
        return f"{name}.data holds {len(data):,} points, more than {limit:,}"
    for i, row in enumerate(data):
        where = f"{name}.data[{i}]"
        if not isinstance(row, (list, tuple)) or len(row) != 3:
            return f"{where} must be [x, y, class], not {_short(row)}"
        x, y, c = row
        for axis, v in (("x", x), ("y", y)):
            if not _number(v):
                return f"{where}: {axis} must be a finite number within ±{MAX_COORDINATE:g}, not {_short(v)}"
        if isinstance(c, bool) or not isinstance(c, int) or not 0 <= c < classes:
            return f"{where}: class must be a whole number from 0 to {classes - 1}, not {_short(c)}"
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 30 else text[:27] + "..."


def _fmt(value: float) -> str:
    text = f"{value:g}" if abs(value) < 1e300 else str(value)
    return text if len(text) <= 24 else text[:10] + "..." + f" ({len(text)} digits)"


def int_param(name: str, default: int, help: str, lo: int | None = None, hi: int | None = None) -> Param:
    return Param(name, "int", default, help, lo, hi)


def float_param(name: str, default: float, help: str, lo: float | None = None,
                hi: float | None = None, log: bool = False) -> Param:
    return Param(name, "float", default, help, lo, hi, log_scale=log)


def choice_param(name: str, default: str, choices: tuple[str, ...], help: str) -> Param:
    return Param(name, "choice", default, help, choices=choices)


def bool_param(name: str, default: bool, help: str) -> Param:
    return Param(name, "bool", default, help)


def str_param(name: str, default: str, help: str) -> Param:
    return Param(name, "str", default, help)


def points_param(name: str, help: str, limit: int = MAX_POINTS) -> Param:
    return Param(name, "points", {"classes": 2, "data": []}, help, 0, limit)
