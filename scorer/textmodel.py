"""Learned text features: TF-IDF n-gram linear models, applied without scikit-learn.

A score model may carry small text models fitted with scikit-learn's ``TfidfVectorizer`` and a
linear estimator. Shipping them as a vocabulary, IDF weights and coefficients (plain JSON)
keeps the artifact inspectable and lets scoring run on NumPy-free pure Python; the analyzers
below reproduce scikit-learn's ``char_wb`` and ``word`` analyzers exactly (a test checks it),
so a shipped model scores a text as it did in training.

A text model reads one unit of an article and gives one number:

- ``article``: the article's lines (the prose the Document was given); the value is the
  linear model's output (a logit or a regression value).
- ``title``: the article's title.
- ``sentences``: each sentence; the value is the mean probability over sentences, so an
  article's value reads "how propaganda-like its sentences are on average".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from scorer.document import Document

Analyzer = Literal["char_wb", "word"]
Unit = Literal["article", "title", "sentences"]

_WHITE_SPACES = re.compile(r"\s\s+")
# scikit-learn's default token_pattern.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@lru_cache(maxsize=300_000)
def _word_char_grams(word: str, min_n: int, max_n: int) -> tuple[str, ...]:
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
    return tuple(grams)


def char_wb_grams(text: str, ngram_range: tuple[int, int]) -> Iterable[str]:
    min_n, max_n = ngram_range
    for word in _WHITE_SPACES.sub(" ", text).split():
        yield from _word_char_grams(word, min_n, max_n)


def word_grams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """scikit-learn's ``word`` analyzer (default token pattern, no stop words)."""
    tokens = _TOKEN.findall(text)
    min_n, max_n = ngram_range
    grams = list(tokens) if min_n == 1 else []
    for n in range(max(min_n, 2), min(max_n, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


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

    def grams(self, text: str) -> Iterable[str]:
        if self.lowercase:
            text = text.lower()
        if self.analyzer == "char_wb":
            return char_wb_grams(text, self.ngram_range)
        return word_grams(text, self.ngram_range)

    def decision(self, text: str) -> float:
        """The linear model's output on one text: intercept + coef . tfidf(text)."""
        counts = Counter(self.grams(text))
        vocabulary, idf, coef = self.vocabulary, self.idf, self.coef
        norm2 = dot = 0.0
        for gram, count in counts.items():
            index = vocabulary.get(gram)
            if index is None:
                continue
            weight = (1.0 + math.log(count)) * idf[index]
            norm2 += weight * weight
            dot += weight * coef[index]
        return self.intercept + (dot / math.sqrt(norm2) if norm2 else 0.0)

    def value(self, doc: Document) -> float:
        """The model's number for one article."""
        if self.unit == "title":
            return self.decision(doc.title)
        if self.unit == "article":
            return self.decision("\n".join(doc.slice(line) for line in doc.lines))
        sentences = [doc.slice(span) for span in doc.sentences]
        if not sentences:
            return 0.0
        return sum(_sigmoid(self.decision(s)) for s in sentences) / len(sentences)

    def sentence_probabilities(self, doc: Document) -> list[float]:
        """Per-sentence probabilities of a ``sentences`` model, in sentence order."""
        return [_sigmoid(self.decision(doc.slice(span))) for span in doc.sentences]

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


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))
