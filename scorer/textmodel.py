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

A model may read its texts with names and numbers masked (``mask_names``): a capitalized word
inside a sentence becomes "Xx" and every digit "0", so it learns wording rather than the
people, places and figures of the outlets and weeks it was trained on.

Speed: the texts of one article (its sentences, say) are scored together, in NumPy: the
vocabulary is a trie walked from every character (``char_wb``) or token (``word``) of the
texts at once, so finding, counting and weighting the n-grams costs a few array operations
per article and no per-word Python, and no cache grows with the corpus. ``TextModels`` scores
a model's text models together: those reading the same texts with the same analyzer share
one walk, over the union of their vocabularies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, count, repeat
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from scorer.document import Document

Analyzer = Literal["char_wb", "word"]
Unit = Literal["article", "title", "sentences"]
# What an analyzer walks for a unit: the title, the sentences, or the lines joined.
Source = Literal["title", "sentences"]
# An article's n-grams are its sentences' n-grams, counted together: a char_wb n-gram lies
# within one word, and a word n-gram is counted only within one sentence, as training counts
# them (scorer.training); so every model of a sentence-read article shares one walk.
_READS: dict[Unit, Source] = {"title": "title", "sentences": "sentences", "article": "sentences"}
FloatArray = npt.NDArray[np.float64]
IndexArray = npt.NDArray[np.int64]
CodeArray = npt.NDArray[np.uint32]
# (text, vocabulary index, count) of the distinct n-grams found in some texts.
Counts = tuple[IndexArray, IndexArray, IndexArray]

# scikit-learn's default token_pattern, r"(?u)\b\w\w+\b", without the word boundaries: a
# greedy run of word characters found left to right is whole, so they change no match.
_TOKEN = re.compile(r"\w\w+")
_WORD = re.compile(r"\S+")
# The characters str.split() splits on (str.isspace(); a test checks the list).
WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


# A capitalized word that does not open its text (a sentence) or follow a sentence end,
# with the capitalized words after it: "Donald Trump", "Freedom Outpost". ASCII letters only,
# whole words ("Viganò" stays); words in capitals ("TRAITORS") are not names and stay.
# The capital comes first and the look-behinds test what precedes it (not a word character,
# not a sentence end, not the text's start), so the scan skips from capital to capital: a
# third of the time of look-behinds tested at every position.
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])(?<![.!?]\s[A-Z])(?<!^[A-Z])[a-z]+\b(?:\s+[A-Z][a-z]+\b)*")
_DIGIT = re.compile(r"\d")
NAME_MASK = "Xx"


def mask_names(text: str) -> str:
    """``text`` with names and numbers masked (see the module docstring)."""
    return _NAME.sub(NAME_MASK, _DIGIT.sub("0", text))


class _Texts:
    """Some texts joined by line breaks into one string, lower-cased and masked if asked.

    An analyzer reads all the texts of an article in one pass. Lower-casing the joined string
    equals lower-casing each text: a line break is neither cased nor case-ignorable, so it
    bounds a final sigma's context as a text's end does.
    """

    def __init__(self, texts: Sequence[str], lowercase: bool, masked: bool = False) -> None:
        if masked:
            texts = [mask_names(t) for t in texts]
        joined = "\n".join(texts)
        self.joined = joined.lower() if lowercase else joined
        # Lower-casing lengthens a few characters ("İ"), never shortens one.
        changed = len(self.joined) != len(joined)
        self.lengths = [len(t.lower()) for t in texts] if changed else list(map(len, texts))

    @property
    def size(self) -> int:
        return len(self.lengths)

    def bounds(self) -> Iterator[tuple[int, int]]:
        """Where each text lies in ``joined``."""
        start = 0
        for length in self.lengths:
            yield start, start + length
            start += length + 1


@dataclass(frozen=True)
class _Found:
    """Every n-gram occurrence in some texts: its vocabulary index, and where it starts
    (a position in the analyzer's stream) with the stream's position -> text table.

    An n-gram's occurrences come in stream order (``_count`` relies on it).
    """

    index: IndexArray
    at: IndexArray
    text_of: IndexArray

    def owners(self) -> IndexArray:
        owners: IndexArray = self.text_of[self.at]
        return owners


class _CharGrams:
    """A ``char_wb`` vocabulary as a trie of NumPy tables, to find an article's n-grams.

    scikit-learn pads each white-space-separated word with one space on each side and
    takes every window of n characters (n in the n-gram range) of the padded word. Here the
    stream is the texts as they are, a line break apart, with a space before and after, and
    every white-space character reads as a space. A window of the stream that spells a
    window of a padded word (white space at most at its ends, and not only white space) is
    one exactly, of the word it overlaps; the trie holds only such n-grams, so no other
    window of the stream is found.

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
        codes = _code_points("".join(vocabulary))
        lengths = np.fromiter(map(len, vocabulary), dtype=np.int64, count=len(vocabulary))
        indexes = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(vocabulary))
        # Only windows of a padded word go in the trie: white space only as a space at
        # either end, and more than the pad. The walk would find others where none belongs.
        gram = np.repeat(np.arange(lengths.size), lengths)
        offset = np.arange(codes.size) - (np.cumsum(lengths) - lengths)[gram]
        pad = ((offset == 0) | (offset == lengths[gram] - 1)) & (codes == ord(" "))
        is_white = np.zeros(max(map(ord, WHITE_SPACE)) + 2, dtype=np.bool_)
        is_white[_code_points(WHITE_SPACE)] = True
        white = is_white[np.minimum(codes, is_white.size - 1)]
        stray = np.bincount(gram, weights=white & ~pad, minlength=lengths.size)
        window = (stray == 0) & (np.bincount(gram, weights=~white, minlength=lengths.size) > 0)
        codes, lengths, indexes = codes[window[gram]], lengths[window], indexes[window]
        # (Sorted and deduplicated by hand: a plain np.unique imports numpy.ma, 10 ms.)
        alphabet = np.sort(codes)
        alphabet = alphabet[np.concatenate(([True], alphabet[1:] != alphabet[:-1]))]
        self.base = alphabet.size + 1
        # Code point -> rank; the last slot (0) stands for every code point beyond the table.
        top = max(int(alphabet.max(initial=0)), max(map(ord, WHITE_SPACE)))
        self.ranks = np.zeros(top + 2, dtype=np.int64)
        self.ranks[alphabet] = np.arange(1, self.base)
        if self.ranks[ord(" ")]:
            self.ranks[_code_points(WHITE_SPACE)] = self.ranks[ord(" ")]
        children, self.hits = _trie(self._rank(codes), lengths, indexes, self.base)
        # Each depth's children as a dense table (parent node * base + rank -> child node),
        # in the smallest type that holds the node numbers: the tables stay in cache.
        self.steps: list[IndexArray] = []
        for parents, distinct in zip(self.hits, children, strict=False):
            table = np.zeros(parents.size * self.base, dtype=np.min_scalar_type(distinct.size))
            table[distinct] = np.arange(1, distinct.size + 1)
            self.steps.append(table)

    def _rank(self, codes: CodeArray) -> IndexArray:
        ranks: IndexArray = self.ranks[np.minimum(codes, self.ranks.size - 1)]
        return ranks

    def find(self, texts: _Texts) -> _Found:
        """Every occurrence of a vocabulary n-gram in ``texts``."""
        stream = f" {texts.joined} "
        ranks = self._rank(_code_points(stream))
        # A position belongs to the text it lies in; a line break before a text, to that
        # text (a window starting there is the pad before its first word).
        text_of = np.repeat(
            np.arange(texts.size, dtype=np.int64), np.array(texts.lengths, dtype=np.int64) + 1
        )
        at: list[IndexArray] = []
        found: list[IndexArray] = []
        node = ranks
        for n in range(1, min(self.max_n, len(self.hits)) + 1):
            if n > 1:
                node = self.steps[n - 2][node[:-1].astype(np.int64) * self.base + ranks[n - 1 :]]
            if n < self.min_n:
                continue
            index = self.hits[n - 1][node]
            start = np.flatnonzero(index >= 0)
            at.append(start)
            found.append(index[start])
        self._add_pads_and_short_words(stream, at, found)
        return _Found(_concatenate(found), _concatenate(at), text_of)

    def _add_pads_and_short_words(
        self, stream: str, at: list[IndexArray], found: list[IndexArray]
    ) -> None:
        pad = self.vocabulary.get(" ") if self.min_n == 1 else None
        if pad is None and self.min_n <= 3:
            return
        extra: list[tuple[int, int]] = []
        for word in _WORD.finditer(stream):
            if pad is not None:  # " w " holds two 1-gram spaces, the walk finds none
                extra.extend([(word.start(), pad)] * 2)
            # A padded word shorter than min_n is one n-gram, whole.
            index = self.vocabulary.get(f" {word.group()} ")
            if len(word.group()) + 2 < self.min_n and index is not None:
                extra.append((word.start(), index))
        if extra:
            pairs = np.array(extra, dtype=np.int64)
            at.append(pairs[:, 0])
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
        self.steps, self.hits = _trie(tokens, lengths, indexes, self.width)

    def find(self, texts: _Texts) -> _Found:
        """Every occurrence of a vocabulary n-gram in ``texts``."""
        tokens = [_TOKEN.findall(texts.joined, a, b) for a, b in texts.bounds()]
        text_of = np.repeat(np.arange(texts.size, dtype=np.int64), list(map(len, tokens)))
        ids = np.fromiter(
            map(self.ids.get, chain.from_iterable(tokens), repeat(0)),
            dtype=np.int64,
            count=text_of.size,
        )
        at: list[IndexArray] = []
        found: list[IndexArray] = []
        node = ids
        for n in range(1, min(self.max_n, len(self.hits)) + 1):
            if n > 1:
                steps = self.steps[n - 2]
                step = node[:-1] * self.width + ids[n - 1 :]
                at_step = np.minimum(np.searchsorted(steps, step), steps.size - 1)
                node = np.where(steps[at_step] == step, at_step + 1, 0)
            if n < self.min_n:
                continue
            index = self.hits[n - 1][node]
            start = np.flatnonzero(index >= 0)
            start = start[text_of[start] == text_of[start + n - 1]]  # within one text
            at.append(start)
            found.append(index[start])
        return _Found(_concatenate(found), _concatenate(at), text_of)


def _trie(
    symbols: IndexArray, lengths: IndexArray, indexes: IndexArray, width: int
) -> tuple[list[IndexArray], list[IndexArray]]:
    """The trie of a vocabulary's grams, given as symbol numbers below ``width`` (``symbols``
    concatenated, ``lengths`` per gram, ``indexes`` their vocabulary indexes).

    Nodes are numbered per depth from 1; at depth 1 a node is its symbol. Returns, for each
    depth from 2, the sorted distinct ``parent node * width + symbol`` steps (the k-th is
    child node k + 1), and for each depth from 1 the hit table (``_hit_table``).
    """
    starts = np.cumsum(lengths) - lengths
    node = symbols[starts]
    steps: list[IndexArray] = []
    hits = [_hit_table(width, node, lengths == 1, indexes)]
    for depth in range(2, int(lengths.max(initial=0)) + 1):
        longer = lengths >= depth
        lengths, indexes, starts = lengths[longer], indexes[longer], starts[longer]
        distinct, inverse = np.unique(
            node[longer] * width + symbols[starts + depth - 1], return_inverse=True
        )
        node = inverse.reshape(-1) + 1
        steps.append(distinct)
        hits.append(_hit_table(distinct.size + 1, node, lengths == depth, indexes))
    return steps, hits


def _hit_table(
    nodes: int, node: IndexArray, ends: npt.NDArray[np.bool_], indexes: IndexArray
) -> IndexArray:
    """Node -> vocabulary index of the n-gram ending there, -1 for a prefix only."""
    hits = np.full(
        nodes, -1, dtype=np.result_type(np.int8, np.min_scalar_type(indexes.max(initial=0)))
    )
    hits[node[ends]] = indexes[ends]
    return hits


def _concatenate(arrays: list[IndexArray]) -> IndexArray:
    joined: IndexArray = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)
    return joined


def _count(owner: IndexArray | None, index: IndexArray, texts: int, size: int) -> Counts:
    """``(text, vocabulary index, count)`` of the distinct pairs among the occurrences.

    ``owner`` None: all occurrences are of one text. Otherwise the occurrences of each
    n-gram come in text order (as a walk finds them), so one stable sort by index orders
    the pairs by (index, text): each text's pairs, taken in order, rise by index, and sums
    over them add in the same order as over pairs ordered by (text, index).
    """
    if owner is None or texts == 1:  # one text: count into the vocabulary's bins
        counts = np.bincount(index, minlength=size)
        distinct = np.flatnonzero(counts.astype(np.bool_))
        return np.zeros(distinct.size, dtype=np.int64), distinct, counts[distinct]
    # On the smallest unsigned type that holds the values, NumPy sorts 16-bit values by
    # radix, in linear time.
    order = np.argsort(index.astype(np.min_scalar_type(size)), kind="stable")
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
    label: str = ""  # plain English, for readers of explanations
    masked: bool = False  # reads its texts through mask_names

    @cached_property
    def _weights(self) -> tuple[FloatArray, FloatArray]:
        return np.array(self.idf, dtype=np.float64), np.array(self.coef, dtype=np.float64)

    @cached_property
    def _grams(self) -> _CharGrams | _WordGrams:
        return _grams(self.analyzer, self.vocabulary, self.ngram_range)

    @property
    def source(self) -> Source:
        """What the model's analyzer walks for its unit."""
        return _READS[self.unit]

    def _decisions(self, found: _Found, own: IndexArray | None, texts: int) -> FloatArray:
        """The linear model's output on each of ``texts`` texts, from the n-grams found.

        ``own`` maps the finder's vocabulary to the model's (-1: not the model's; None: the
        same); ``texts`` 1 counts all occurrences as of one text.
        """
        out = np.full(texts, self.intercept, dtype=np.float64)
        index = found.index if own is None else own[found.index]
        owner = found.owners() if texts > 1 else None
        if own is not None:
            mine = index >= 0
            index = index[mine]
            owner = None if owner is None else owner[mine]
        if not index.size:
            return out
        owner, index, count = _count(owner, index, texts, len(self.vocabulary))
        idf, coef = self._weights
        weight = (1.0 + np.log(count)) * idf[index]
        norm2 = np.bincount(owner, weights=weight * weight, minlength=texts)
        dot = np.bincount(owner, weights=weight * coef[index], minlength=texts)
        scored = norm2 > 0
        out[scored] += dot[scored] / np.sqrt(norm2[scored])
        return out

    def decisions(self, texts: Sequence[str]) -> FloatArray:
        """The linear model's output on each text: intercept + coef . tfidf(text)."""
        found = self._grams.find(_Texts(texts, self.lowercase, self.masked))
        return self._decisions(found, None, len(texts))

    def decision(self, text: str) -> float:
        """The linear model's output on one text."""
        return float(self.decisions([text])[0])

    def value(self, doc: Document) -> float:
        """The model's number for one article (an article model counts its sentences'
        n-grams as those of one text)."""
        texts = _Texts(_source_texts(doc, self.source), self.lowercase, self.masked)
        units = texts.size if self.unit == "sentences" else 1
        return self._value(self._decisions(self._grams.find(texts), None, units))

    def _value(self, decisions: FloatArray) -> float:
        """The article's number from the decisions on the texts of its unit."""
        if self.unit != "sentences":
            return float(decisions[0])
        return float(np.mean(_probabilities(decisions))) if decisions.size else 0.0

    def sentence_probabilities(self, doc: Document) -> list[float]:
        """Per-sentence probabilities of a ``sentences`` model, in sentence order."""
        decisions = self.decisions([doc.slice(span) for span in doc.sentences])
        probabilities: list[float] = _probabilities(decisions).tolist()
        return probabilities

    def to_dict(self) -> dict[str, Any]:
        grams = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "name": self.name,
            "description": self.description,
            "label": self.label,
            "unit": self.unit,
            "analyzer": self.analyzer,
            "ngram_range": list(self.ngram_range),
            "lowercase": self.lowercase,
            "masked": self.masked,
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
            label=str(data.get("label", "")),
            masked=bool(data.get("masked", False)),
        )


def _grams(
    analyzer: Analyzer, vocabulary: dict[str, int], ngram_range: tuple[int, int]
) -> _CharGrams | _WordGrams:
    if analyzer == "char_wb":
        return _CharGrams(vocabulary, ngram_range)
    return _WordGrams(vocabulary, ngram_range)


def _probabilities(decisions: FloatArray) -> FloatArray:
    probabilities: FloatArray = 1.0 / (1.0 + np.exp(-np.clip(decisions, -50.0, 50.0)))
    return probabilities


class _Group:
    """Text models that walk the same texts with the same analyzer: one walk finds the
    n-grams of the union of their vocabularies, and each model keeps its own."""

    def __init__(self, models: list[TextModel]) -> None:
        self.models = models
        first = models[0]
        self.source, self.lowercase, self.masked = first.source, first.lowercase, first.masked
        if len(models) == 1:
            self.grams = first._grams
            self.own: list[IndexArray | None] = [None]
            return
        union = dict(zip(dict.fromkeys(chain.from_iterable(m.vocabulary for m in models)), count()))
        self.grams = _grams(first.analyzer, union, first.ngram_range)
        self.own = []
        for model in models:
            own = np.full(len(union), -1, dtype=np.int64)
            grams = np.fromiter(map(union.__getitem__, model.vocabulary), dtype=np.int64)
            own[grams] = np.fromiter(model.vocabulary.values(), dtype=np.int64)
            self.own.append(own)

    def decisions(self, texts: _Texts) -> Iterator[tuple[TextModel, FloatArray]]:
        """Each model with its decisions: one per sentence for ``sentences`` models."""
        found = self.grams.find(texts)
        for model, own in zip(self.models, self.own, strict=True):
            unit_texts = texts.size if model.unit == "sentences" else 1
            yield model, model._decisions(found, own, unit_texts)


class TextModels:
    """Text models scored together on an article, each giving what its ``value`` gives.

    Models whose analyzers (kind, n-gram range, case) walk the same texts share one walk;
    the sentences (or title, or lines) are sliced, joined and lower-cased once per article.
    """

    def __init__(self, models: Sequence[TextModel]) -> None:
        self.names = [m.name for m in models]
        groups: dict[tuple[object, ...], list[TextModel]] = {}
        for m in models:
            key = (m.source, m.analyzer, m.ngram_range, m.lowercase, m.masked)
            groups.setdefault(key, []).append(m)
        self.groups = [_Group(members) for members in groups.values()]

    def values(self, doc: Document) -> dict[str, float]:
        """Each model's number for one article, by model name, in the models' order."""
        return self.analyze(doc).values

    def analyze(self, doc: Document) -> TextAnalysis:
        """Each model's number for one article, and the sentence models' probability of
        each of ``doc.sentences`` (the numbers are their means: one walk gives both)."""
        texts: dict[tuple[Source, bool, bool], _Texts] = {}
        values: dict[str, float] = {}
        sentences: dict[str, FloatArray] = {}
        for group in self.groups:
            key = (group.source, group.lowercase, group.masked)
            if key not in texts:
                texts[key] = _Texts(_source_texts(doc, group.source), group.lowercase, group.masked)
            for model, decisions in group.decisions(texts[key]):
                values[model.name] = model._value(decisions)
                if model.unit == "sentences":
                    sentences[model.name] = _probabilities(decisions)
        return TextAnalysis({name: values[name] for name in self.names}, sentences)


@dataclass(frozen=True)
class TextAnalysis:
    """The text models' numbers for one article, and per-sentence probabilities."""

    values: dict[str, float]
    sentence_probabilities: dict[str, FloatArray]


def _source_texts(doc: Document, source: Source) -> list[str]:
    if source == "title":
        return [doc.title]
    return [doc.slice(span) for span in doc.sentences]
