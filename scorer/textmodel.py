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

Speed: the texts of one article (its sentences, say) are scored together, in NumPy: the
vocabulary is a trie walked from every character (``char_wb``) or token (``word``) of the
texts at once, so finding, counting and weighting the n-grams costs a few array operations
per article and no per-word Python, and no cache grows with the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, count, repeat
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from scorer.document import Document

Analyzer = Literal["char_wb", "word"]
Unit = Literal["article", "title", "sentences"]
FloatArray = npt.NDArray[np.float64]
IndexArray = npt.NDArray[np.int64]
CodeArray = npt.NDArray[np.uint32]
# (text, vocabulary index, count) of the distinct n-grams found in some texts.
Counts = tuple[IndexArray, IndexArray, IndexArray]

# scikit-learn's default token_pattern, r"(?u)\b\w\w+\b", without the word boundaries: a
# greedy run of word characters found left to right is whole, so they change no match.
_TOKEN = re.compile(r"\w\w+")


class _CharGrams:
    """A ``char_wb`` vocabulary as a trie of NumPy tables, to find an article's n-grams.

    scikit-learn pads each white-space-separated word with one space on each side and
    takes every window of n characters (n in the n-gram range) of the padded word. Here
    the words of all texts are joined into one stream, " w1 w2 w3 " per text, in which the
    padded words overlap on their spaces: a window of the stream is a window of one padded
    word exactly when no space lies strictly inside it and it is not two spaces.

    Each character becomes its rank in the vocabulary's alphabet (0: in no vocabulary
    n-gram). The vocabulary's n-grams and their prefixes are the nodes of a trie, numbered
    per depth (0: no such prefix); ``steps[k]`` maps (node at depth k + 1, next rank) to the
    node at depth k + 2, and ``hits[k]`` a node at depth k + 1 to the vocabulary index of
    the n-gram it spells (-1: a prefix only). Walking the trie from every position of the
    stream at once, one table lookup per depth, finds every window's n-gram.

    Two cases the stream cannot show are added apart: single-character n-grams count each
    word's two pad spaces, and a word too short for the smallest n counts once as its whole
    padded self (scikit-learn's rule).
    """

    def __init__(self, vocabulary: dict[str, int], ngram_range: tuple[int, int]) -> None:
        self.vocabulary = vocabulary
        self.min_n, self.max_n = ngram_range
        alphabet = sorted(set("".join(vocabulary)))
        self.base = len(alphabet) + 1
        # Code point -> rank; the last slot (0) stands for every code point beyond the table.
        self.ranks = np.zeros(max(map(ord, alphabet), default=0) + 2, dtype=np.int64)
        self.ranks[[ord(c) for c in alphabet]] = np.arange(1, self.base)
        lengths = np.fromiter(map(len, vocabulary), dtype=np.int64, count=len(vocabulary))
        indexes = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(vocabulary))
        letters = self._rank(_code_points("".join(vocabulary)))
        starts = np.cumsum(lengths) - lengths
        node = letters[starts]  # depth 1: the first character's rank
        self.steps: list[IndexArray] = []
        self.hits = [_hit_table(self.base, node, lengths == 1, indexes)]
        for depth in range(2, int(lengths.max(initial=0)) + 1):
            longer = lengths >= depth
            lengths, indexes, starts = lengths[longer], indexes[longer], starts[longer]
            step = node[longer] * self.base + letters[starts + depth - 1]
            distinct, inverse = np.unique(step, return_inverse=True)
            # The smallest type that holds the node numbers: the tables stay in cache.
            table = np.zeros(
                self.hits[-1].size * self.base, dtype=np.min_scalar_type(distinct.size)
            )
            table[distinct] = np.arange(1, distinct.size + 1)
            node = inverse.reshape(-1) + 1
            self.steps.append(table)
            self.hits.append(_hit_table(distinct.size + 1, node, lengths == depth, indexes))

    def _rank(self, codes: CodeArray) -> IndexArray:
        ranks: IndexArray = self.ranks[np.minimum(codes, self.ranks.size - 1)]
        return ranks

    def counts(self, texts: Sequence[str]) -> Counts:
        """``(text, vocabulary index, count)`` of each n-gram found in ``texts``."""
        words = [text.split() for text in texts]
        padded = [f" {' '.join(w)} " for w in words]
        codes = _code_points("".join(padded))
        ranks = self._rank(codes)
        space = codes == ord(" ")
        spaces_before = np.concatenate(([0], np.cumsum(space)))
        text_of = np.repeat(np.arange(len(texts), dtype=np.int64), list(map(len, padded)))
        owners: list[IndexArray] = []
        found: list[IndexArray] = []
        node = ranks
        for n in range(1, min(self.max_n, len(self.hits)) + 1):
            if n > 1:
                node = self.steps[n - 2][node[:-1].astype(np.int64) * self.base + ranks[n - 1 :]]
            if n < self.min_n:
                continue
            index = self.hits[n - 1][node]
            start = np.flatnonzero(index >= 0)
            if n == 1:
                start = start[~space[start]]
            else:  # no space strictly inside; two spaces are the gap between two texts
                start = start[spaces_before[start + n - 1] == spaces_before[start + 1]]
                if n == 2:
                    start = start[~(space[start] & space[start + 1])]
            owners.append(text_of[start])
            found.append(index[start])
        self._add_pads_and_short_words(words, owners, found)
        return _count(owners, found, len(texts), len(self.vocabulary))

    def _add_pads_and_short_words(
        self, words: list[list[str]], owners: list[IndexArray], found: list[IndexArray]
    ) -> None:
        extra: list[tuple[int, int]] = []
        pad = self.vocabulary.get(" ") if self.min_n == 1 else None
        for owner, text_words in enumerate(words):
            if pad is not None:  # " w " holds two 1-gram spaces; the stream shares them
                extra.extend([(owner, pad)] * (2 * len(text_words)))
            if self.min_n > 3:  # a padded word shorter than min_n is one n-gram, whole
                for word in text_words:
                    index = self.vocabulary.get(f" {word} ")
                    if len(word) + 2 < self.min_n and index is not None:
                        extra.append((owner, index))
        if extra:
            pairs = np.array(extra, dtype=np.int64)
            owners.append(pairs[:, 0])
            found.append(pairs[:, 1])


class _WordGrams:
    """A ``word`` vocabulary as a trie over token ids, to find the texts' n-grams in NumPy.

    Tokens are scikit-learn's (``_TOKEN``); an n-gram is n consecutive tokens of one text,
    joined by spaces. Each token of some vocabulary n-gram has an id from 1 (0: in none).
    The vocabulary's n-grams and their prefixes are trie nodes, numbered per depth from 1;
    ``steps[k]`` holds, sorted, ``node * width + id`` for each node at depth k + 2 (its
    parent at depth k + 1 and its last token), so a binary search finds a child, and
    ``hits[k]`` maps a node at depth k + 1 to its vocabulary index (-1: a prefix only).
    """

    def __init__(self, vocabulary: dict[str, int], ngram_range: tuple[int, int]) -> None:
        self.size = len(vocabulary)
        self.min_n, self.max_n = ngram_range
        grams = [g.split(" ") for g in vocabulary]
        self.ids = dict(zip(dict.fromkeys(chain.from_iterable(grams)), count(1)))
        self.width = len(self.ids) + 1
        indexes = np.fromiter(vocabulary.values(), dtype=np.int64, count=self.size)
        lengths = np.fromiter(map(len, grams), dtype=np.int64, count=self.size)
        tokens = np.fromiter(map(self.ids.__getitem__, chain.from_iterable(grams)), dtype=np.int64)
        starts = np.cumsum(lengths) - lengths
        node = tokens[starts]  # depth 1: the first token's id
        self.steps: list[IndexArray] = []
        self.hits = [_hit_table(self.width, node, lengths == 1, indexes)]
        for depth in range(2, int(lengths.max(initial=0)) + 1):
            longer = lengths >= depth
            lengths, indexes, starts = lengths[longer], indexes[longer], starts[longer]
            step = node[longer] * self.width + tokens[starts + depth - 1]
            distinct, inverse = np.unique(step, return_inverse=True)
            node = inverse.reshape(-1) + 1
            self.steps.append(distinct)
            self.hits.append(_hit_table(distinct.size + 1, node, lengths == depth, indexes))

    def counts(self, texts: Sequence[str]) -> Counts:
        """``(text, vocabulary index, count)`` of each n-gram found in ``texts``."""
        tokens = [_TOKEN.findall(text) for text in texts]
        text_of = np.repeat(np.arange(len(texts), dtype=np.int64), list(map(len, tokens)))
        ids = np.fromiter(
            map(self.ids.get, chain.from_iterable(tokens), repeat(0)),
            dtype=np.int64,
            count=text_of.size,
        )
        owners: list[IndexArray] = []
        found: list[IndexArray] = []
        node = ids
        for n in range(1, min(self.max_n, len(self.hits)) + 1):
            if n > 1:
                steps = self.steps[n - 2]
                step = node[:-1] * self.width + ids[n - 1 :]
                at = np.minimum(np.searchsorted(steps, step), steps.size - 1)
                node = np.where(steps[at] == step, at + 1, 0)
            if n < self.min_n:
                continue
            index = self.hits[n - 1][node]
            start = np.flatnonzero(index >= 0)
            start = start[text_of[start] == text_of[start + n - 1]]  # within one text
            owners.append(text_of[start])
            found.append(index[start])
        return _count(owners, found, len(texts), self.size)


def _hit_table(
    nodes: int, node: IndexArray, ends: npt.NDArray[np.bool_], indexes: IndexArray
) -> IndexArray:
    """Node -> vocabulary index of the n-gram ending there, -1 for a prefix only."""
    hits = np.full(
        nodes, -1, dtype=np.result_type(np.int8, np.min_scalar_type(indexes.max(initial=0)))
    )
    hits[node[ends]] = indexes[ends]
    return hits


def _count(owners: list[IndexArray], found: list[IndexArray], texts: int, size: int) -> Counts:
    """``(text, vocabulary index, count)`` of the distinct pairs among the occurrences."""
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    index = np.concatenate(found)
    if texts == 1:  # one text: count into the vocabulary's bins
        counts = np.bincount(index, minlength=size)
        distinct = np.flatnonzero(counts)
        return np.zeros(distinct.size, dtype=np.int64), distinct, counts[distinct]
    owner = np.concatenate(owners)
    # Order by (text, index): two stable sorts, least significant first. On the smallest
    # unsigned type that holds the values, NumPy sorts 16-bit values by radix, in linear time.
    order = np.argsort(index.astype(np.min_scalar_type(size)), kind="stable")
    order = order[np.argsort(owner[order].astype(np.min_scalar_type(texts)), kind="stable")]
    owner, index = owner[order], index[order]
    changes = (owner[1:] != owner[:-1]) | (index[1:] != index[:-1])
    # (The slice: no occurrence at all leaves the leading True alone, and no pair.)
    first = np.flatnonzero(np.concatenate(([True], changes)))[: index.size]
    return owner[first], index[first], np.diff(np.append(first, index.size))


def _code_points(text: str) -> CodeArray:
    codes: CodeArray = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return codes


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
    def _char_grams(self) -> _CharGrams:
        return _CharGrams(self.vocabulary, self.ngram_range)

    @cached_property
    def _word_grams(self) -> _WordGrams:
        return _WordGrams(self.vocabulary, self.ngram_range)

    def _counts(self, texts: Sequence[str]) -> Counts:
        """``(text, vocabulary index, count)`` of each n-gram found in ``texts``."""
        if self.lowercase:
            texts = [text.lower() for text in texts]
        if self.analyzer == "char_wb":
            return self._char_grams.counts(texts)
        return self._word_grams.counts(texts)

    def decisions(self, texts: Sequence[str]) -> FloatArray:
        """The linear model's output on each text: intercept + coef . tfidf(text)."""
        out = np.full(len(texts), self.intercept, dtype=np.float64)
        owner, index, count = self._counts(texts)
        if not index.size:
            return out
        idf, coef = self._weights
        weight = (1.0 + np.log(count)) * idf[index]
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
            # Three parallel columns, one entry per n-gram: columns of plain numbers parse
            # in a third less time than rows, and loading is part of every run's start-up.
            "grams": grams,
            "idf": [round(self.idf[self.vocabulary[g]], 6) for g in grams],
            "coef": [round(self.coef[self.vocabulary[g]], 6) for g in grams],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TextModel:
        grams, idf, coef = data["grams"], data["idf"], data["coef"]
        low, high = data["ngram_range"]
        if data["unit"] not in ("article", "title", "sentences"):
            raise ValueError(f"unknown unit {data['unit']!r}")
        if data["analyzer"] not in ("char_wb", "word"):
            raise ValueError(f"unknown analyzer {data['analyzer']!r}")
        if not len(grams) == len(idf) == len(coef):
            raise ValueError("grams, idf and coef differ in length")
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
