"""Generated dataset sources: data made from the Dataset node's parameters, with no file.

A source declares what it makes (``shape``: input shape and number of classes from the
parameters, without generating anything, for the editor's shape inference), how it makes it
(``make``: all samples for a seeded generator) and the Dataset-node parameters it reads beyond the
common ones (``params``). The Dataset node offers every registered source and shows, for the one
chosen, only the parameters that source reads.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from playground.engine.params import Param

Shape = tuple[int, ...]
# The Dataset node's parameters every generated source may read; the file parameters are not.
COMMON_PARAMS = ("samples", "noise", "val_fraction", "seed")


@dataclass(frozen=True)
class Generated:
    """All samples of a generated source, before the train/validation split.

    ``y`` is int64 class labels (N,) when ``num_classes`` is set, else float32 targets (N, k).
    ``meta`` carries what views need besides the arrays (a vocabulary, the mode centres of a
    target distribution); it is kept on the loaded ``Dataset`` as ``meta``.
    """

    x: np.ndarray
    y: np.ndarray
    num_classes: int | None
    meta: Mapping[str, Any] | None = None
    validation: np.ndarray | None = None  # bool (N,): the source's own validation part (else a seeded split)


@dataclass(frozen=True)
class GeneratedSource:
    name: str
    help: str
    shape: Callable[[Mapping[str, Any]], tuple[Shape, int | None]]
    make: Callable[[Mapping[str, Any], np.random.Generator], Generated]
    params: tuple[Param, ...] = ()
    reads: tuple[str, ...] = COMMON_PARAMS  # which common parameters matter to it (the inspector)
    default_samples: int = 1000  # what samples = 0 means

    @property
    def param_names(self) -> tuple[str, ...]:
        return (*self.reads, *(p.name for p in self.params))


GENERATED: dict[str, GeneratedSource] = {}


class DatasetError(ValueError):
    """A data set could not be made; the message is one line naming the file and the problem."""


def read_file(p: Path, name: str, kind: str = "a file") -> bytes:
    """The whole file ``p`` (``name`` in messages), with the usual failures turned into DatasetError;
    ``kind`` says what a folder given instead is not."""
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise DatasetError(f"{name}: file not found (looked for {p.absolute()})") from None
    except IsADirectoryError:
        raise DatasetError(f"{name}: is a folder, not {kind}") from None
    except OSError as e:
        raise DatasetError(f"{name}: cannot be read ({e.strerror or e})") from None


def register_source(source: GeneratedSource) -> GeneratedSource:
    """Add ``source``; two sources may share a parameter name only with the same declaration."""
    if source.name in GENERATED:
        raise ValueError(f"dataset source {source.name!r} is registered twice")
    known = {p.name: p for s in GENERATED.values() for p in s.params}
    for p in source.params:
        if p.name in COMMON_PARAMS or (p.name in known and known[p.name] != p):
            raise ValueError(f"source {source.name!r}: parameter {p.name!r} clashes with another declaration")
    GENERATED[source.name] = source
    return source


def source_params() -> tuple[Param, ...]:
    """Every generated source's own parameters, each once, in registration order."""
    seen: dict[str, Param] = {}
    for s in GENERATED.values():
        for p in s.params:
            seen.setdefault(p.name, p)
    return tuple(seen.values())
