"""Text sources: word-vector pairs from a corpus and a labelled short-text set in three encodings.

The corpus (one sentence a line, or prose split at . ! ?) gives ``skipgram`` pairs (a word ->
one word of its context, within ``window`` words) and ``cbow`` samples (the ``2 * window``
context words -> the word), the two training tasks of Word2Vec. The labelled texts
("label<TAB>text" lines) give the same classification task as ``text_tokens`` (padded token ids,
for an Embedding), ``text_one_hot`` (which words occur, for Dense) and ``text_tfidf`` (term
frequency x inverse document frequency, rows of unit length, for Dense), so a learner can
compare the encodings. Both files default to the project's own texts in assets/text/; a user's
own file is read as UTF-8 text. The vocabulary (id 0 is the padding "<pad>") is kept in the
data set's ``meta`` for the views.
"""
from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from playground.engine.params import int_param, str_param
from playground.engine.sources.base import (DatasetError, Generated, GeneratedSource, read_file,
                                            register_source)
from playground.paths import ASSETS_DIR

PAD = "<pad>"
CORPUS = "text/corpus.txt"
REVIEWS = "text/reviews.tsv"
READS = ("samples", "val_fraction", "seed")  # no noise for text
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?;]+")


@dataclass(frozen=True)
class Corpus:
    """Sentences as token ids with the line each came from, and the vocabulary (id 0: PAD)."""

    name: str
    sentences: tuple[np.ndarray, ...]
    lines: tuple[int, ...]
    vocab: tuple[str, ...]
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Texts:
    """Labelled texts as token ids, with their class names and vocabulary (id 0: PAD)."""

    name: str
    texts: tuple[np.ndarray, ...]
    labels: np.ndarray
    classes: tuple[str, ...]
    vocab: tuple[str, ...]


def words(text: str) -> list[str]:
    """Lower-case words (letters, inner apostrophes); digits and punctuation are dropped."""
    return _WORD.findall(text.lower())


def _read_text(path: str, default: str) -> tuple[str, str]:
    """(name, text) of the user's file, or of the bundled one when ``path`` is empty."""
    p = Path(path).expanduser() if path.strip() else Path(ASSETS_DIR) / default
    name = str(p) if path.strip() else default
    data = read_file(p, name, "a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise DatasetError(f"{name} line {line}: not UTF-8 text (byte 0x{data[e.start]:02x} at offset "
                           f"{e.start}); save the file as UTF-8") from None
    return name, text


def _vocabulary(sentences: list[list[str]]) -> tuple[tuple[str, ...], tuple[int, ...], dict[str, int]]:
    """Words by falling frequency (ties alphabetical) after PAD."""
    counts = Counter(w for s in sentences for w in s)
    ordered = sorted(counts, key=lambda w: (-counts[w], w))
    vocab = (PAD, *ordered)
    return vocab, (0, *(counts[w] for w in ordered)), {w: i for i, w in enumerate(vocab)}


_CACHE: dict[tuple, Any] = {}
_CACHE_LOCK = threading.Lock()  # the editor and a training thread may both ask


def _cached(kind: str, path: str, default: str, parse) -> Any:
    """``parse(name, text)`` of a file, remembered while the file is unchanged."""
    p = Path(path).expanduser() if path.strip() else Path(ASSETS_DIR) / default
    try:
        st = p.stat()
        key = (kind, str(p.resolve()), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None  # let the reader say what is wrong
    with _CACHE_LOCK:
        if key in _CACHE:
            return _CACHE[key]
    value = parse(*_read_text(path, default))
    if key is not None:
        with _CACHE_LOCK:
            if len(_CACHE) > 16:
                _CACHE.clear()
            _CACHE[key] = value
    return value


def _parse_corpus(name: str, text: str) -> Corpus:
    sentences, lines = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        for part in _SENTENCE_END.split(line):
            ws = words(part)
            if ws:
                sentences.append(ws)
                lines.append(number)
    if not sentences:
        raise DatasetError(f"{name}: holds no words")
    vocab, counts, index = _vocabulary(sentences)
    ids = tuple(np.array([index[w] for w in s], dtype=np.int64) for s in sentences)
    return Corpus(name, ids, tuple(lines), vocab, counts)


def _parse_texts(name: str, text: str) -> Texts:
    labels, texts = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        label, tab, body = line.partition("\t")
        if not tab or not label.strip():
            raise DatasetError(f"{name} line {number}: expected 'label<TAB>text', found "
                               f"{line.strip()[:40]!r}")
        ws = words(body)
        if not ws:
            raise DatasetError(f"{name} line {number}: the text after the label has no words")
        labels.append(label.strip())
        texts.append(ws)
    classes = tuple(sorted(set(labels)))
    if len(classes) < 2:
        raise DatasetError(f"{name}: needs texts of at least 2 labels, found "
                           f"{len(classes)} ({', '.join(classes) or 'none'})")
    vocab, _, index = _vocabulary(texts)
    ids = tuple(np.array([index[w] for w in t], dtype=np.int64) for t in texts)
    y = np.array([classes.index(c) for c in labels], dtype=np.int64)
    return Texts(name, ids, y, classes, vocab)


def corpus(p: Mapping[str, Any]) -> Corpus:
    """The corpus the parameters name (the bundled one when ``text_path`` is empty)."""
    return _cached("corpus", p["text_path"], CORPUS, _parse_corpus)


def texts(p: Mapping[str, Any]) -> Texts:
    """The labelled texts the parameters name (the bundled reviews when ``texts_path`` is empty)."""
    return _cached("texts", p["texts_path"], REVIEWS, _parse_texts)


def _check_window(c: Corpus, window: int) -> None:
    longest = max(range(len(c.sentences)), key=lambda i: len(c.sentences[i]))
    if window >= len(c.sentences[longest]):
        raise DatasetError(f"{c.name}: window {window} is larger than the longest sentence "
                           f"({len(c.sentences[longest])} words, line {c.lines[longest]}); "
                           f"choose a window below {len(c.sentences[longest])}")


def _take(x: np.ndarray, y: np.ndarray, samples: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``samples`` of the rows (0: all), drawn without replacement while there are enough."""
    if samples and samples != len(x):
        pick = rng.choice(len(x), samples, replace=samples > len(x))
        return x[pick], y[pick]
    return x, y


EXAMPLE_WORD = "cat"  # the bundled corpus's word whose neighbours the embeddings view shows first


def _example(vocab: tuple[str, ...]) -> str:
    """A word worth looking up first: the bundled corpus's animal, else the most frequent word
    of four letters or more (short ones are mostly "the", "and", "of")."""
    if EXAMPLE_WORD in vocab:
        return EXAMPLE_WORD
    return next((w for w in vocab[1:] if len(w) >= 4), vocab[-1])


def _word_meta(c: Corpus, p: Mapping[str, Any]) -> dict[str, Any]:
    return {"vocab": list(c.vocab), "counts": list(c.counts), "text": c.name, "window": p["window"],
            "example": _example(c.vocab)}


def skipgram_pairs(c: Corpus, window: int) -> tuple[np.ndarray, np.ndarray]:
    """(centre ids (N, 1), context ids (N,)): every word with each word at most ``window`` away."""
    centres, contexts = [], []
    for s in c.sentences:
        for i in range(len(s)):
            for j in range(max(0, i - window), min(len(s), i + window + 1)):
                if j != i:
                    centres.append(s[i])
                    contexts.append(s[j])
    return np.array(centres, dtype=np.float32).reshape(-1, 1), np.array(contexts, dtype=np.int64)


def cbow_samples(c: Corpus, window: int) -> tuple[np.ndarray, np.ndarray]:
    """(context ids (N, 2 * window), centre ids (N,)): the words around each word, PAD (0) where
    the sentence ends first."""
    rows, centres = [], []
    for s in c.sentences:
        padded = np.concatenate([np.zeros(window, np.int64), s, np.zeros(window, np.int64)])
        for i in range(len(s)):
            rows.append(np.concatenate([padded[i:i + window], padded[i + window + 1:i + 2 * window + 1]]))
            centres.append(s[i])
    return np.array(rows, dtype=np.float32), np.array(centres, dtype=np.int64)


_TEXT_PATH = str_param("text_path", "", "skipgram/cbow: your own UTF-8 text file (empty: the built-in "
                       "corpus); one sentence a line or prose")
_WINDOW = int_param("window", 2, "skipgram/cbow: how many words either side count as context", 1, 10)


def _word_source(name: str, help: str, make_pairs, input_shape) -> GeneratedSource:
    def shape(p):
        c = corpus(p)
        _check_window(c, p["window"])
        return input_shape(p), len(c.vocab)

    def make(p, rng):
        c = corpus(p)
        _check_window(c, p["window"])
        x, y = _take(*make_pairs(c, p["window"]), p["samples"], rng)
        return Generated(x, y, len(c.vocab), _word_meta(c, p))

    return GeneratedSource(name, help, shape, make, (_TEXT_PATH, _WINDOW), reads=READS, default_samples=0)


register_source(_word_source(
    "skipgram", "Word2Vec skip-gram pairs from a text: a word's id -> a word near it (classes: the vocabulary)",
    skipgram_pairs, lambda p: (1,)))
register_source(_word_source(
    "cbow", "Word2Vec CBOW samples from a text: the ids of the words around -> the word in the middle",
    cbow_samples, lambda p: (2 * p["window"],)))


_TEXTS_PATH = str_param("texts_path", "", "text_*: your own UTF-8 file of 'label<TAB>text' lines "
                        "(empty: the built-in reviews)")
_MAX_LEN = int_param("max_len", 0, "text_tokens: ids per text, shorter texts padded with 0 and longer "
                     "ones cut (0: the longest text)", 0, 1000)


def padded_tokens(t: Texts, max_len: int) -> np.ndarray:
    """(N, max_len) token ids, PAD (0) after each text; 0 means the longest text's length."""
    length = max_len or max(len(s) for s in t.texts)
    x = np.zeros((len(t.texts), length), dtype=np.float32)
    for i, s in enumerate(t.texts):
        x[i, :min(len(s), length)] = s[:length]
    return x


def one_hot_bags(t: Texts) -> np.ndarray:
    """(N, vocab) 1 where the word occurs in the text (the PAD column stays 0)."""
    x = np.zeros((len(t.texts), len(t.vocab)), dtype=np.float32)
    for i, s in enumerate(t.texts):
        x[i, s] = 1.0
    return x


def tfidf(t: Texts) -> np.ndarray:
    """(N, vocab) term frequency x smoothed inverse document frequency, each row of unit length
    (scikit-learn's TfidfVectorizer defaults: idf = ln((1 + N) / (1 + df)) + 1)."""
    counts = np.zeros((len(t.texts), len(t.vocab)), dtype=np.float64)
    for i, s in enumerate(t.texts):
        np.add.at(counts[i], s, 1.0)
    df = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(t.texts)) / (1 + df)) + 1
    idf[0] = 0.0  # PAD never occurs
    x = counts * idf
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    return x.astype(np.float32)


def _text_source(name: str, help: str, encode, width, params=()) -> GeneratedSource:
    def shape(p):
        t = texts(p)
        return (width(t, p),), len(t.classes)

    def make(p, rng):
        t = texts(p)
        x, y = _take(encode(t, p), t.labels, p["samples"], rng)
        return Generated(x, y, len(t.classes), {"vocab": list(t.vocab), "classes": list(t.classes),
                                                "text": t.name, "example": _example(t.vocab)})

    return GeneratedSource(name, help, shape, make, (_TEXTS_PATH, *params), reads=READS, default_samples=0)


register_source(_text_source(
    "text_tokens", "Short labelled texts as padded token ids (for an Embedding)",
    lambda t, p: padded_tokens(t, p["max_len"]), lambda t, p: p["max_len"] or max(map(len, t.texts)),
    (_MAX_LEN,)))
register_source(_text_source(
    "text_one_hot", "Short labelled texts as bags of words: 1 for each word present (for Dense)",
    lambda t, p: one_hot_bags(t), lambda t, p: len(t.vocab)))
register_source(_text_source(
    "text_tfidf", "Short labelled texts as TF-IDF vectors: rare telling words weigh more (for Dense)",
    lambda t, p: tfidf(t), lambda t, p: len(t.vocab)))
