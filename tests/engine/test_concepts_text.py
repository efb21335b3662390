"""The text concept presets do what their descriptions say, on their own settings (seconds each)."""
from __future__ import annotations

import numpy as np
import pytest

from playground.engine import Model, Trainer, load_preset
from playground.engine.compare import Comparison, compare_plan
from playground.engine.word_vectors import nearest, project
from playground.paths import PRESETS_DIR


def trained_vectors(name: str):
    model = Model.from_preset(PRESETS_DIR / f"{name}.json")
    data = model.load_data()
    Trainer(model, data=data).run()
    return project(model, data[0].meta)


def cosine(p, a: str, b: str) -> float:
    u, v = p.vectors[p.words.index(a)], p.vectors[p.words.index(b)]
    return float(u @ v / np.linalg.norm(u) / np.linalg.norm(v))


# Words of one kind (they fill the same places in the corpus's sentences) and one of another kind.
PAIRS = [("cat", "dog", "seven"), ("red", "blue", "bread"), ("three", "five", "horse"),
         ("bread", "cheese", "green"), ("garden", "field", "six")]


@pytest.mark.parametrize("name", ["concept_word2vec_skipgram", "concept_word2vec_cbow"])
def test_words_used_in_the_same_contexts_end_up_near_each_other(name):
    p = trained_vectors(name)
    for word, alike, other in PAIRS:
        assert cosine(p, word, alike) > cosine(p, word, other) + 0.3, (word, alike, other)
    animals = {"dog", "horse", "cow", "rabbit", "mouse", "sheep", "pig"}
    top = {p.words[i] for i, _ in nearest(p.vectors, p.words.index("cat"), 3)}
    assert top <= animals, top  # the three nearest words to cat are animals


def test_tfidf_and_embedding_both_learn_the_reviews_well_above_chance():
    path = PRESETS_DIR / "concept_text_tfidf_vs_embedding.json"
    specs = compare_plan(load_preset(path)).specs()
    assert [s.label for s in specs] == ["adam tokens + Embedding + mean + Dense", "adam tf-idf + Dense"]
    results = Comparison(path, specs).run()
    for r in results:
        assert r["status"] == "finished" and r["final_val_accuracy"] >= 0.9, r["label"]
        assert r["history"][0]["val_accuracy"] < 0.7  # they start near chance
    steps = [r["samples_seen"] for r in results]
    assert steps[0] == steps[1]
