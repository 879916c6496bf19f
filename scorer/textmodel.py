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
from collections.abc import Sequence
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
def word_grams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """scikit-learn's ``word`` analyzer (default token pattern, no stop words)."""
    tokens = _TOKEN.findall(text)
    min_n, max_n = ngram_range
    grams = list(tokens) if min_n == 1 else []
    for n in range(max(min_n, 2), min(max_n, len(tokens)) + 1):
        # n shifted copies of the tokens, zipped: every run of n tokens (the shortest copy
        # ends the zip, so no strict).
        grams.extend(map(" ".join, zip(*(tokens[i:] for i in range(n)), strict=False)))
    return grams


class _CharGrams:
    """A ``char_wb`` vocabulary as integer keys, to find an article's n-grams in NumPy.

    scikit-learn pads each white-space-separated word with one space on each side and
    takes every window of n characters (n in the n-gram range) of the padded word. Here
    the words of all texts are joined into one stream, " w1 w2 w3 " per text, in which the
    padded words overlap on their spaces: a window of the stream is a window of one padded
    word exactly when no space lies strictly inside it and it is not two spaces. Each
    character becomes its rank in the vocabulary's alphabet (0: in no vocabulary n-gram),
    each window the base-(alphabet + 1) number of its characters, found among the
    vocabulary's numbers by binary search. Two cases the stream cannot show are added
    apart: single-character n-grams count each word's two pad spaces, and a word too short
    for the smallest n counts once as its whole padded self (scikit-learn's rule).
    """

    def __init__(self, vocabulary: dict[str, int], ngram_range: tuple[int, int]) -> None:
        self.vocabulary = vocabulary
        self.min_n, self.max_n = ngram_range
        alphabet = sorted(set("".join(vocabulary)))
        self.base = len(alphabet) + 1
        longest = max(map(len, vocabulary), default=0)
        if self.base**longest >= 2**63:
            raise ValueError(f"char_wb n-grams of {longest} characters over {len(alphabet)}")
        # Code point -> rank; the last slot (0) stands for every code point beyond the table.
        self.table = np.zeros(max(map(ord, alphabet), default=0) + 2, dtype=np.int64)
        self.table[[ord(c) for c in alphabet]] = np.arange(1, self.base)
        self.keys: dict[int, tuple[IndexArray, IndexArray]] = {}
        for n in range(1, longest + 1):
            grams = [g for g in vocabulary if len(g) == n]
            if grams:
                numbers = self._numbers(self._ranks("".join(grams)).reshape(-1, n))
                order = np.argsort(numbers)
                indexes = np.array([vocabulary[g] for g in grams], dtype=np.int64)
                self.keys[n] = numbers[order], indexes[order]

    def _ranks(self, text: str) -> IndexArray:
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        ranks: IndexArray = self.table[np.minimum(codes, self.table.size - 1)]
        return ranks

    def _numbers(self, ranks: IndexArray) -> IndexArray:
        """Row by row, the base-``self.base`` number whose digits are the row's ranks."""
        numbers = np.zeros(ranks.shape[0], dtype=np.int64)
        for column in ranks.T:
            numbers = numbers * self.base + column
        return numbers

    def _find(self, n: int, numbers: IndexArray) -> IndexArray:
        """Vocabulary index of each n-character window number, -1 where none."""
        keys, indexes = self.keys.get(n, (np.zeros(0, np.int64), np.zeros(0, np.int64)))
        if not keys.size:
            return np.full(numbers.size, -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(keys, numbers), keys.size - 1)
        found: IndexArray = np.where(keys[at] == numbers, indexes[at], -1)
        return found

    def occurrences(self, texts: Sequence[str]) -> tuple[IndexArray, IndexArray]:
        """``(text, vocabulary index)`` of each n-gram occurrence in ``texts``."""
        words = [text.split() for text in texts]
        padded = [f" {' '.join(w)} " for w in words]
        ranks = self._ranks("".join(padded))
        text_of = np.repeat(np.arange(len(texts), dtype=np.int64), list(map(len, padded)))
        space = ranks == self.table[ord(" ")] if " " in self.vocabulary or True else ranks
        space = self._spaces("".join(padded))
        spaces_before = np.concatenate(([0], np.cumsum(space)))
        owners: list[IndexArray] = []
        found: list[IndexArray] = []
        numbers = ranks
        for n in range(1, self.max_n + 1):
            if n > 1:
                numbers = numbers[:-1] * self.base + ranks[n - 1 :]
            if n < self.min_n:
                continue
            start = np.arange(numbers.size)
            if n == 1:
                valid = ~space
            else:
                valid = spaces_before[start + n - 1] == spaces_before[start + 1]
                if n == 2:
                    valid &= ~(space[:-1] & space[1:])
            index = self._find(n, numbers[valid])
            hit = index >= 0
            owners.append(text_of[start[valid][hit]])
            found.append(index[hit])
        self._add_whole_words(words, owners, found)
        if not owners:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(owners), np.concatenate(found)

    def _spaces(self, stream: str) -> npt.NDArray[np.bool_]:
        codes = np.frombuffer(stream.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        spaces: npt.NDArray[np.bool_] = codes == ord(" ")
        return spaces

    def _add_whole_words(
        self, words: list[list[str]], owners: list[IndexArray], found: list[IndexArray]
    ) -> None:
        """What the stream cannot show: pad spaces as 1-grams, and words shorter than the
        smallest n (padded, under ``min_n`` characters), which count once whole."""
        extra: list[tuple[int, int]] = []
        space = self.vocabulary.get(" ") if self.min_n == 1 else None
        for owner, text_words in enumerate(words):
            if space is not None:
                extra.extend([(owner, space)] * (2 * len(text_words)))
            if self.min_n > 3:
                for word in text_words:
                    index = self.vocabulary.get(f" {word} ")
                    if len(word) + 2 < self.min_n and index is not None:
                        extra.append((owner, index))
        if extra:
            pairs = np.array(extra, dtype=np.int64)
            owners.append(pairs[:, 0])
            found.append(pairs[:, 1])


def _distinct_counts(keys: IndexArray, bins: int) -> tuple[IndexArray, IndexArray]:
    """The distinct keys (in ``range(bins)``) and how often each occurs.

    Counting into bins is linear but touches every bin; sorting wins when the keys are few
    next to the bins (a title, an article's sentences). Keys arrive text by text, in runs
    that a stable sort (timsort) merges quickly.
    """
    if bins <= 8 * keys.size:
        counts = np.bincount(keys, minlength=bins)
        distinct = np.flatnonzero(counts)
        return distinct, counts[distinct]
    ordered = np.sort(keys, kind="stable")
    first = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[first], np.diff(np.append(first, ordered.size))


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
        packed = np.arange(len(self.vocabulary), dtype=np.int32).tobytes()
        return {g: packed[4 * i : 4 * i + 4] for g, i in self.vocabulary.items()}

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
        # Columns by transposing the rows, converted by C-level maps: a shipped model holds
        # tens of thousands of rows, and loading them is part of every run's start-up.
        grams, idf, coef = zip(*rows, strict=True) if rows else ((), (), ())
        return cls(
            name=str(data["name"]),
            unit=data["unit"],
            analyzer=data["analyzer"],
            ngram_range=(int(low), int(high)),
            lowercase=bool(data["lowercase"]),
            vocabulary=dict(zip(map(str, grams), range(len(grams)), strict=True)),
            idf=tuple(map(float, idf)),
            coef=tuple(map(float, coef)),
            intercept=float(data["intercept"]),
            description=str(data.get("description", "")),
        )
