"""Learned text features: TF-IDF n-gram linear models, applied without scikit-learn.

A score model may carry small text models fitted with scikit-learn's ``TfidfVectorizer`` and a
linear estimator. Shipping them as a vocabulary, IDF weights and coefficients (plain JSON)
keeps the artifact inspectable and lets scoring run on NumPy alone; the analyzers below
reproduce scikit-learn's ``char_wb`` and ``word`` analyzers exactly (a test checks it), so a
shipped model scores a text as it did in training.

A text model reads one unit of an article and gives one number:

- ``article``: the article's lines (the prose the Document was given); the value is the
  linear model's output (a logit or a regression value).
- ``title``: the article's title.
- ``sentences``: each sentence; the value is the mean probability over sentences, so an
  article's value reads "how propaganda-like its sentences are on average".

Speed: the texts of one article (its sentences, say) are scored together. Their n-grams
become vocabulary indexes packed as bytes (a ``char_wb`` model caches each word's, since
news repeats its words), and counting, TF-IDF weighting, norms and dot products run in NumPy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from scorer.document import Document

Analyzer = Literal["char_wb", "word"]
Unit = Literal["article", "title", "sentences"]
FloatArray = npt.NDArray[np.float64]
IndexArray = npt.NDArray[np.int64]

# scikit-learn's default token_pattern.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
# Words whose char_wb n-gram indexes are kept per model; the cache starts over when full, so
# memory stays bounded on any corpus.
WORD_CACHE_SIZE = 100_000


def word_char_grams(word: str, min_n: int, max_n: int) -> list[str]:
    """scikit-learn's ``_char_wb_ngrams`` for one whitespace-free word."""
    padded = f" {word} "
    size = len(padded)
    grams: list[str] = []
    for n in range(min_n, max_n + 1):
        offset = 0
        grams.append(padded[offset : offset + n])
        while offset + n < size:
            offset += 1
            grams.append(padded[offset : offset + n])
        if offset == 0:  # a word shorter than n counts once
            break
    return grams


def word_grams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """scikit-learn's ``word`` analyzer (default token pattern, no stop words)."""
    tokens = _TOKEN.findall(text)
    min_n, max_n = ngram_range
    grams = list(tokens) if min_n == 1 else []
    for n in range(max(min_n, 2), min(max_n, len(tokens)) + 1):
        grams.extend(map(" ".join, zip(*(tokens[i:] for i in range(n)))))
    return grams


class _WordIndexes(dict[str, bytes]):
    """Whitespace-free word -> vocabulary indexes of its char_wb n-grams, filled on demand.

    Indexes are packed as int32 bytes, so an article's indexes are one ``bytes.join``; a dict
    subclass, so that a hit costs one C-level lookup (``map(cache.__getitem__, words)``).
    """

    def __init__(self, model: TextModel) -> None:
        super().__init__()
        self.vocabulary = model.vocabulary
        self.lowercase = model.lowercase
        self.min_n, self.max_n = model.ngram_range

    def __missing__(self, word: str) -> bytes:
        if len(self) >= WORD_CACHE_SIZE:
            self.clear()
        grams = word_char_grams(word.lower() if self.lowercase else word, self.min_n, self.max_n)
        found = [i for i in map(self.vocabulary.get, grams) if i is not None]
        packed = np.array(found, dtype=np.int32).tobytes()
        self[word] = packed
        return packed


def _distinct_counts(keys: IndexArray, bins: int) -> tuple[IndexArray, IndexArray]:
    """The distinct keys (in ``range(bins)``) and how often each occurs.

    Counting into bins is linear but touches every bin; sorting wins when the keys are few
    next to the bins (a title, an article's sentences).
    """
    if bins <= 8 * keys.size:
        counts = np.bincount(keys, minlength=bins)
        distinct = np.flatnonzero(counts)
        return distinct, counts[distinct]
    distinct, counts = np.unique(keys, return_counts=True)
    return distinct, counts


@dataclass(frozen=True)
class TextModel:
    """A TF-IDF (sublinear tf, l2 norm) linear model over word or char_wb n-grams."""

    name: str
    unit: Unit
    analyzer: Analyzer
    ngram_range: tuple[int, int]
    lowercase: bool
    vocabulary: dict[str, int]
    idf: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    # A "sentences" model's sentence logits become probabilities; others stay linear.
    description: str = ""

    @cached_property
    def _weights(self) -> tuple[FloatArray, FloatArray]:
        return np.array(self.idf, dtype=np.float64), np.array(self.coef, dtype=np.float64)

    @cached_property
    def _word_indexes(self) -> _WordIndexes:
        return _WordIndexes(self)

    @cached_property
    def _gram_indexes(self) -> dict[str, bytes]:
        """Word n-gram -> its vocabulary index as int32 bytes."""
        return {g: np.int32(i).tobytes() for g, i in self.vocabulary.items()}

    def _indexes(self, text: str) -> bytes:
        """Vocabulary indexes of the text's n-grams (int32 bytes), one per occurrence."""
        if self.analyzer == "char_wb":
            # scikit-learn collapses white space, then splits on it: the same words.
            return b"".join(map(self._word_indexes.__getitem__, text.split()))
        if self.lowercase:
            text = text.lower()
        grams = word_grams(text, self.ngram_range)
        return b"".join(map(self._gram_indexes.get, grams, repeat(b"")))

    def decisions(self, texts: Sequence[str]) -> FloatArray:
        """The linear model's output on each text: intercept + coef . tfidf(text)."""
        size = len(self.idf)
        found = [self._indexes(text) for text in texts]
        out = np.full(len(texts), self.intercept, dtype=np.float64)
        keys = np.frombuffer(b"".join(found), dtype=np.int32).astype(np.int64)
        if not keys.size:
            return out
        if len(texts) > 1:  # one key per (text, gram) occurrence
            lengths = [len(indexes) // 4 for indexes in found]
            keys += np.repeat(np.arange(len(texts), dtype=np.int64) * size, lengths)
        grams, counts = _distinct_counts(keys, len(texts) * size)
        owner, index = np.divmod(grams, size)
        idf, coef = self._weights
        weight = (1.0 + np.log(counts)) * idf[index]
        norm2 = np.bincount(owner, weights=weight * weight, minlength=len(texts))
        dot = np.bincount(owner, weights=weight * coef[index], minlength=len(texts))
        scored = norm2 > 0
        out[scored] += dot[scored] / np.sqrt(norm2[scored])
        return out

    def decision(self, text: str) -> float:
        """The linear model's output on one text."""
        return float(self.decisions([text])[0])

    def value(self, doc: Document) -> float:
        """The model's number for one article."""
        if self.unit == "title":
            return self.decision(doc.title)
        if self.unit == "article":
            return self.decision("\n".join(doc.slice(line) for line in doc.lines))
        if not doc.sentences:
            return 0.0
        return float(np.mean(self._probabilities(doc)))

    def _probabilities(self, doc: Document) -> FloatArray:
        decisions = self.decisions([doc.slice(span) for span in doc.sentences])
        return 1.0 / (1.0 + np.exp(-np.clip(decisions, -50.0, 50.0)))

    def sentence_probabilities(self, doc: Document) -> list[float]:
        """Per-sentence probabilities of a ``sentences`` model, in sentence order."""
        probabilities: list[float] = self._probabilities(doc).tolist()
        return probabilities

    def to_dict(self) -> dict[str, Any]:
        grams = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "name": self.name,
            "description": self.description,
            "unit": self.unit,
            "analyzer": self.analyzer,
            "ngram_range": list(self.ngram_range),
            "lowercase": self.lowercase,
            "intercept": self.intercept,
            # One row per n-gram: [gram, idf, coefficient].
            "vocabulary": [
                [g, round(self.idf[i], 6), round(self.coef[i], 6)]
                for g, i in ((g, self.vocabulary[g]) for g in grams)
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TextModel:
        rows = data["vocabulary"]
        low, high = data["ngram_range"]
        if data["unit"] not in ("article", "title", "sentences"):
            raise ValueError(f"unknown unit {data['unit']!r}")
        if data["analyzer"] not in ("char_wb", "word"):
            raise ValueError(f"unknown analyzer {data['analyzer']!r}")
        return cls(
            name=str(data["name"]),
            unit=data["unit"],
            analyzer=data["analyzer"],
            ngram_range=(int(low), int(high)),
            lowercase=bool(data["lowercase"]),
            vocabulary={str(row[0]): i for i, row in enumerate(rows)},
            idf=tuple(float(row[1]) for row in rows),
            coef=tuple(float(row[2]) for row in rows),
            intercept=float(data["intercept"]),
            description=str(data.get("description", "")),
        )
