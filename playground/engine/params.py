"""Declared node parameters: one declaration feeds the inspector, validation, presets and exporters."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Param:
    """A node parameter: its kind ("int", "float", "bool", "choice", "str"), default, range and help."""

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
