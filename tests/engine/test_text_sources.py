"""Text sources: word pairs from a corpus, labelled texts in three encodings, and the one-line
messages for a file that is not UTF-8, a window larger than every sentence, a bad label line."""
import numpy as np
import pytest

from playground.engine import datasets
from playground.engine.sources import DatasetError
from playground.engine.sources.text import PAD


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_skipgram_pairs_every_word_with_its_neighbours_within_the_window(tmp_path):
    path = _write(tmp_path, "c.txt", "a b c\nb a")
    ds = datasets.load("skipgram", text_path=path, window=1, val_fraction=0.5)
    vocab = ds.meta["vocab"]
    assert vocab[0] == PAD and sorted(vocab[1:]) == ["a", "b", "c"]
    x = np.concatenate([ds.x_train, ds.x_val])[:, 0].astype(int)
    y = np.concatenate([ds.y_train, ds.y_val])
    pairs = sorted((vocab[i], vocab[j]) for i, j in zip(x, y))
    assert pairs == sorted([("a", "b"), ("b", "a"), ("b", "c"), ("c", "b"), ("b", "a"), ("a", "b")])
    assert ds.num_classes == 4 and ds.x_train.shape[1:] == (1,)


def test_cbow_gives_the_words_around_padded_at_the_ends(tmp_path):
    path = _write(tmp_path, "c.txt", "one two three. four")  # prose is split at the full stop
    ds = datasets.load("cbow", text_path=path, window=1, val_fraction=0.25)
    vocab = ds.meta["vocab"]
    rows = {vocab[c]: tuple(vocab[int(i)] for i in x)
            for x, c in zip(np.concatenate([ds.x_train, ds.x_val]), np.concatenate([ds.y_train, ds.y_val]))}
    assert rows == {"one": (PAD, "two"), "two": ("one", "three"), "three": ("two", PAD), "four": (PAD, PAD)}


def test_a_window_larger_than_every_sentence_names_the_file_and_the_longest_line(tmp_path):
    path = _write(tmp_path, "short.txt", "a b\n\nc d e\n")
    with pytest.raises(DatasetError, match=r"short\.txt: window 3 is larger than the longest sentence "
                                           r"\(3 words, line 3\)"):
        datasets.input_shape_of("skipgram", text_path=path, window=3)


def test_a_file_that_is_not_utf8_names_the_line_and_the_byte(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("first line\ncaf\xe9 au lait\n".encode("latin-1"))
    with pytest.raises(DatasetError, match=r"latin1\.txt line 2: not UTF-8 text \(byte 0xe9 at offset 14\)"):
        datasets.load("cbow", text_path=str(p))
    with pytest.raises(DatasetError, match=r"latin1\.txt line 2: not UTF-8"):
        datasets.load("text_tfidf", texts_path=str(p))


def test_a_label_line_without_a_tab_is_named(tmp_path):
    path = _write(tmp_path, "t.tsv", "pos\tgood film\nneg bad film\n")
    with pytest.raises(DatasetError, match=r"t\.tsv line 2: expected 'label<TAB>text', found 'neg bad film'"):
        datasets.load("text_one_hot", texts_path=path)


def test_the_three_encodings_of_the_same_texts(tmp_path):
    path = _write(tmp_path, "t.tsv", "pos\tgood good film\nneg\tbad film\npos\tgood day\nneg\tbad day\n")
    common = {"texts_path": path, "val_fraction": 0.25, "seed": 1}
    tokens = datasets.load("text_tokens", **common)
    one_hot = datasets.load("text_one_hot", **common)
    tfidf = datasets.load("text_tfidf", **common)
    vocab = tokens.meta["vocab"]
    assert tokens.meta["classes"] == ["neg", "pos"] and tokens.num_classes == 2
    assert tokens.x_train.shape[1:] == (3,)  # the longest text, the others padded with 0
    np.testing.assert_array_equal(tokens.y_train, one_hot.y_train)  # the same split for all three
    for ids, bag, weights in zip(tokens.x_train, one_hot.x_train, tfidf.x_train):
        present = sorted({int(i) for i in ids if i})
        assert np.flatnonzero(bag).tolist() == present
        assert np.flatnonzero(weights).tolist() == present
        assert np.linalg.norm(weights) == pytest.approx(1.0)
    ids = np.concatenate([tokens.x_train, tokens.x_val])
    weights = np.concatenate([tfidf.x_train, tfidf.x_val])[(ids > 0).sum(axis=1) == 3][0]
    good, film = vocab.index("good"), vocab.index("film")  # "good good film"; each word is in 2 texts
    assert weights[good] == pytest.approx(2 * weights[film])
    cut = datasets.load("text_tokens", max_len=2, **common)
    assert cut.x_train.shape[1:] == (2,)


def test_the_bundled_corpus_and_reviews_load_with_their_vocabulary():
    sg = datasets.load("skipgram")
    assert {"cat", "dog", "seven", "red"} <= set(sg.meta["vocab"])
    assert sg.num_classes == len(sg.meta["vocab"]) and sg.x_train.max() < sg.num_classes
    reviews = datasets.load("text_tokens")
    assert reviews.meta["classes"] == ["negative", "positive"]
    assert 0.4 < reviews.y_train.mean() < 0.6
