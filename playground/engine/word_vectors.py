"""Read-outs of an Embedding's word vectors for the embeddings view: a 2D PCA projection and the
nearest neighbours of a word by cosine similarity. numpy only; the training worker computes the
projection on its thread and the view draws the copy it receives."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground.engine.datasets import Dataset
from playground.engine.model import Model
from playground.engine.registry import node_type
from playground.engine.sources.text import PAD

MAX_WORDS = 2000  # projected words at most (the most frequent ones), so a big vocabulary stays quick


def token_tables(model: Model) -> list[str]:
    """Layers whose weight is a table of one vector per token (Embedding), in run order."""
    return [n for n in model.layers if node_type(model.graph.nodes[n].type).is_token_table]


def pca_2d(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(coordinates (n, 2), share of the variance each axis explains) of the rows of ``vectors``
    on their first two principal axes (SVD of the centred rows). Each axis's sign is fixed so its
    largest coordinate in absolute value is positive (as scikit-learn's svd_flip), so the picture
    does not mirror itself between two nearly equal tables."""
    x = np.asarray(vectors, dtype=np.float64)
    x = x - x.mean(axis=0)
    u, s, _ = np.linalg.svd(x, full_matrices=False)
    k = min(2, u.shape[1])
    coords = np.zeros((len(x), 2))
    coords[:, :k] = u[:, :k] * s[:k]
    for axis in range(k):
        column = coords[:, axis]
        if column[np.argmax(np.abs(column))] < 0:
            column *= -1
    total = float(np.sum(s ** 2))
    explained = np.zeros(2)
    explained[:k] = s[:k] ** 2 / total if total > 0 else 0.0
    return coords, explained


def nearest(vectors: np.ndarray, row: int, k: int = 8) -> list[tuple[int, float]]:
    """The ``k`` rows most similar to ``row`` by cosine similarity, most similar first, as
    (row, similarity); a zero vector is similar to nothing."""
    norms = np.linalg.norm(vectors, axis=1)
    unit = vectors / np.where(norms > 0, norms, 1.0)[:, None]
    sims = unit @ unit[row]
    sims[row] = -np.inf
    order = np.argsort(-sims, kind="stable")[:k]
    return [(int(i), float(sims[i])) for i in order]


@dataclass
class Projection:
    """What the embeddings view draws: the shown words, their table rows and 2D coordinates."""

    node: str
    words: list[str]
    rows: np.ndarray  # table row (token id) of each word
    coords: np.ndarray  # (len(words), 2)
    explained: np.ndarray  # (2,)
    vectors: np.ndarray  # (len(words), dim): a copy, for the neighbours of a chosen word
    example: str = ""  # a word worth looking up first (the data's suggestion)


def shown_rows(vocab: list[str] | None, counts: list[int] | None, size: int) -> np.ndarray:
    """Table rows worth showing: every token but the padding and tokens the data never uses,
    at most MAX_WORDS, the most frequent first when counts are known."""
    rows = np.arange(size)
    if vocab is not None:
        rows = rows[[i < len(vocab) and vocab[i] != PAD for i in rows]]
    if counts is not None:
        used = np.array([counts[i] if i < len(counts) else 0 for i in rows])
        order = np.argsort(-used, kind="stable")
        rows = rows[order][used[order] > 0]
    return rows[:MAX_WORDS]


def project(model: Model, meta: dict | None, node: str | None = None) -> Projection | None:
    """The first (or the named) token table of ``model`` projected to 2D, with the data's
    vocabulary as labels ("#12" for ids without one); None when the model has no token table."""
    tables = token_tables(model)
    if not tables:
        return None
    node = node if node in tables else tables[0]
    weight = node_type(model.graph.nodes[node].type).params_with_role("weight")[0]
    table = np.array(model.parameters()[f"{node}.{weight}"], dtype=np.float64)
    meta = meta or {}
    vocab, counts = meta.get("vocab"), meta.get("counts")
    rows = shown_rows(vocab, counts, len(table))
    if len(rows) < 2:
        return None
    words = [vocab[i] if vocab is not None and i < len(vocab) else f"#{i}" for i in rows]
    coords, explained = pca_2d(table[rows])
    return Projection(node, words, rows, coords, explained, table[rows].copy(), meta.get("example", ""))


def probe(model: Model, data: Dataset) -> Projection | None:
    """The embeddings view's probe, on the training worker's thread with its data."""
    return project(model, data.meta)
