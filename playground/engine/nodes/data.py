"""The Dataset node: the source of inputs (port x) and targets (port y)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from playground.engine import datasets
from playground.engine.features import FEATURES, PLAIN, FeatureMap, chosen, feature_params
from playground.engine.params import choice_param, float_param, int_param, str_param
from playground.engine.registry import NodeType, Port, Shape, register
from playground.engine.sources import GENERATED, DatasetError, source_params
from playground.engine.sources import points as drawn

# What ``datasets.input_shape_of`` needs besides the source: the file parameters.
_FILE_PARAMS = ("path", "labels_path", "label_column")
_PATHS = ("path", "labels_path")  # relative to the preset's folder
# Which parameters each kind of source reads (generated sources declare theirs).
_READS = {
    **{toy: ("samples", "noise", "val_fraction", "seed") for toy in datasets.TOYS},
    **{real: ("samples", "val_fraction", "seed") for real in ("iris", "digits", "mnist")},
    "csv": ("path", "label_column", "samples", "val_fraction", "seed"),
    "idx": ("path", "labels_path", "samples", "val_fraction", "seed"),
    "npz": ("path", "samples", "val_fraction", "seed"),
}


@register
class Dataset(NodeType):
    type_name = "Dataset"
    category = "Data"
    help = "Where inputs and targets come from: 2D toys, iris, digits, MNIST or your own file."
    inputs = ()
    outputs = (Port("x", "tensor"), Port("y", "target"))
    summary_params = ("source",)
    is_layer = False
    is_source = True
    params = (
        choice_param("source", "spiral", tuple(datasets.SOURCES), "Which data to train on"),
        int_param("samples", 0, "Number of samples (0: 500 for the 2D toys, everything for real data)",
                  0, 1_000_000),
        float_param("noise", 0.0, "Noise of the 2D toys, as a fraction (TF Playground's 0-50 %)", 0.0,
                    1.0),
        float_param("val_fraction", 0.2, "Share of samples held out for validation", 0.01, 0.9),
        int_param("seed", 0, "Seed of the generator and of the train/validation split", 0, 2**31 - 1),
        str_param("path", "", "csv/idx/npz: the data file (relative to the preset's folder)"),
        str_param("labels_path", "", "idx: the labels file"),
        int_param("label_column", -1, "csv: which column holds the label (negative counts from the end)",
                  -1000, 1000),
        *source_params(),
        *feature_params(),
    )
    # What the decision-boundary view offers as sliders beside the plot, when relevant_params has
    # them: (parameter, label, low, high, step, shown as a percentage).
    plane_controls = (("samples", "Samples", 20, 2000, 10, False), ("noise", "Noise", 0.0, 0.5, 0.01, True),
                      ("val_fraction", "Validation", 0.05, 0.9, 0.05, True))

    @classmethod
    def control_value(cls, p: dict[str, Any], name: str) -> Any:
        """A slider's value: samples = 0 shows the number of samples it stands for."""
        if name == "samples" and not p.get("samples"):
            source = GENERATED.get(p.get("source"))
            return source.default_samples if source else datasets.DEFAULT_TOY_SAMPLES
        return p.get(name, cls.param(name).default)
    _FEATURES = tuple(q.name for q in feature_params())
    # The input features as toggles beside the decision boundary: (parameter, label).
    feature_toggles = tuple((f.name, f.label) for f in FEATURES)

    @classmethod
    def _plane(cls, p: dict[str, Any]) -> bool:
        """Whether the source gives 2D points (which the input features then map)."""
        source = p.get("source")
        if source in datasets.TOYS:
            return True
        if source not in GENERATED:
            return False
        try:
            return GENERATED[source].shape(datasets.source_options(source, cls._options(p)))[0] == (2,)
        except (DatasetError, KeyError, TypeError):
            return source == drawn.NAME

    @classmethod
    def input_features(cls, p: dict[str, Any]) -> FeatureMap | None:
        """The map from the data's 2D points to the chosen input features (None: the points as they are)."""
        names = chosen(p)
        return FeatureMap(names) if cls._plane(p) and names != PLAIN else None

    @classmethod
    def drawn_points(cls, p: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, int] | None:
        """(xy, labels, classes) when the source is drawn points (None otherwise, or unreadable)."""
        if p.get("source") != drawn.NAME or cls.param(drawn.NAME).check(p.get(drawn.NAME)):
            return None
        return drawn.arrays(p[drawn.NAME])

    @classmethod
    def drawable(cls, p: dict[str, Any]) -> bool:
        """Whether the learner can draw on this data: 2D points with classes (not regression)."""
        if p.get("source") == drawn.NAME:
            return True
        try:
            return cls._plane(p) and datasets.input_shape_of(p["source"], **cls._options(p))[1] is not None
        except DatasetError:
            return False

    @classmethod
    def with_drawn_points(cls, xy: np.ndarray, labels: np.ndarray, classes: int) -> dict[str, Any]:
        """The parameter values that make the data exactly these points (coordinates kept to 4 decimals)."""
        data = [[round(float(x), 4), round(float(y), 4), int(c)] for (x, y), c in zip(xy, labels)]
        return {"source": drawn.NAME, drawn.NAME: {"classes": int(classes), "data": data}}

    @classmethod
    def relevant_params(cls, p: dict[str, Any]) -> tuple[str, ...]:
        """The source and what it reads: the inspector shows only these."""
        source = p.get("source")
        reads = GENERATED[source].param_names if source in GENERATED else _READS.get(source, ())
        if not reads:
            return tuple(q.name for q in cls.params)
        return ("source", *reads, *(cls._FEATURES if cls._plane(p) else ()))

    @classmethod
    def _options(cls, p: dict[str, Any]) -> dict[str, Any]:
        """A generated source's own parameters, as ``datasets.load`` takes them."""
        source = GENERATED.get(p["source"])
        return {q.name: p[q.name] for q in source.params} if source else {}

    @classmethod
    def describe(cls, p: dict[str, Any], base_dir: str | None = None) -> tuple[Shape, int | None]:
        """(input shape, number of classes or None for regression), without loading built-ins.
        2D points give as many inputs as input features are switched on."""
        shape, classes = datasets.input_shape_of(p["source"], **{k: p[k] for k in _FILE_PARAMS},
                                                 base_dir=base_dir, **cls._options(p))
        if shape == (2,) and cls._plane(p):
            names = chosen(p)
            if not names:
                raise DatasetError("switch on at least one input feature (x1, x2, x1_sq, ...)")
            shape = (len(names),)
        return shape, classes

    @classmethod
    def load(cls, p: dict[str, Any], base_dir: str | None = None) -> datasets.Dataset:
        """The node's data (same parameters, same arrays)."""
        return datasets.load(p["source"], samples=p["samples"], noise=p["noise"],
                             val_fraction=p["val_fraction"], seed=p["seed"], path=p["path"],
                             labels_path=p["labels_path"], label_column=p["label_column"],
                             base_dir=base_dir, **cls._options(p))

    @classmethod
    def with_absolute_paths(cls, p: dict[str, Any], base_dir: str) -> dict[str, Any]:
        """``p`` with relative file paths resolved against ``base_dir``, for a copy of the graph
        that is used away from its preset's folder."""
        return {**p, **{k: str(Path(base_dir) / p[k]) for k in _PATHS
                        if p[k] and not Path(p[k]).expanduser().is_absolute()}}

    @classmethod
    def summary(cls, p: dict[str, Any]) -> str:
        if p["source"] in datasets.FILE_SOURCES:
            return f"{p['source']}: {p['path'] or '(no file)'}"
        features = cls.input_features(p)
        inputs = " · " + ", ".join(features.labels()) if features is not None else ""
        if p["source"] == drawn.NAME:
            data = p[drawn.NAME].get("data") if isinstance(p.get(drawn.NAME), dict) else None
            count = len(data) if isinstance(data, list) else 0
            return f"{count} drawn point{'' if count == 1 else 's'}" + inputs
        return p["source"] + (f", noise {p['noise']:g}" if p["noise"] and "noise" in cls.relevant_params(p) else "") + inputs
