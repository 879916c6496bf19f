"""One article through the pipeline: Article -> Document -> families -> model -> record."""

from __future__ import annotations

from dataclasses import dataclass

from scorer.article import Article
from scorer.document import Document
from scorer.features.base import Evidence
from scorer.features.headline import locate
from scorer.features.hygiene import boilerplate_lines
from scorer.model import Model, default_model
from scorer.phrases import phrase_evidence
from scorer.record import ScoreRecord, SentenceScores
from scorer.registry import FAMILIES
from scorer.techniques import (
    SENTENCE_FAMILY,
    SENTENCE_KIND,
    SENTENCE_MODEL,
    SENTENCE_TECHNIQUE,
    SENTENCE_THRESHOLD,
)
from scorer.textmodel import TextAnalysis

# Below this many words of prose, rates per sentence and per word swing on one token and a
# fitted score says more about the model's intercept than the text ("" scored 96.9 quality).
# 50 words is about two or three news sentences: the least a reader judges tone from.
MIN_WORDS = 50
# The score of the headline alone: null when there is no headline, whatever the body.
HEADLINE_SCORE = "headline"
# Per-sentence scores (``scorer score --sentences``): output name -> the sentence model whose
# probability it is. Measured per sentence on the PTC, cross-fitted with its grouped folds,
# against the share of the sentence inside loaded language or name calling (Spearman over
# 16,239 sentences; python -m scorer.evaluation.sentences): loaded_wording 0.33, propaganda
# 0.24 (any technique, not only loaded wording, is what it was trained on).
SENTENCE_SCORES = {"propaganda": SENTENCE_MODEL, "loaded_wording": "text.loaded_sentences"}


@dataclass(frozen=True)
class Analysis:
    """Every family's output for one article, before any model."""

    features: dict[str, float]
    evidence: list[Evidence]
    warnings: list[str]
    prose: Document


def documents(article: Article) -> tuple[Document, Document]:
    """The article's Document, and the same without scraper junk lines (its prose)."""
    doc = Document.parse(article.text, article.title)
    junk = set(boilerplate_lines(doc))
    return doc, (doc.without_lines(junk) if junk else doc)


def analyze(article: Article) -> Analysis:
    doc, prose = documents(article)
    features: dict[str, float] = {}
    found: list[Evidence] = []
    warnings = list(article.warnings)
    for family in FAMILIES:
        result = family.run(doc if family.reads_junk else prose)
        for name, value in result.values.items():
            features[f"{family.name}.{name}"] = value
        found.extend(result.evidence)
        warnings.extend(result.warnings)
    found.sort(key=_order)
    return Analysis(features, found, warnings, prose)


def _order(e: Evidence) -> tuple[int, int, str, str]:
    return (e.start, e.end, e.family, e.kind)


def sentence_evidence(prose: Document, text: TextAnalysis) -> list[Evidence]:
    """The sentences the learned propaganda-sentence model flags (see scorer.techniques)."""
    probabilities = text.sentence_probabilities.get(SENTENCE_MODEL)
    if probabilities is None:  # a model without that text model
        return []
    return [
        Evidence(
            SENTENCE_FAMILY, SENTENCE_KIND, start, end, prose.text[start:end], SENTENCE_TECHNIQUE
        )
        for (start, end), p in zip(prose.sentences, probabilities, strict=True)
        if p >= SENTENCE_THRESHOLD
    ]


def sentence_scores(prose: Document, text: TextAnalysis) -> SentenceScores | None:
    """The prose's sentences with ``SENTENCE_SCORES`` (None: the model has none of them)."""
    probabilities = text.sentence_probabilities
    columns = {
        name: probabilities[model].tolist()
        for name, model in SENTENCE_SCORES.items()
        if model in probabilities
    }
    return SentenceScores(prose.text, prose.sentences, columns) if columns else None


def too_short(prose: Document) -> str | None:
    """Why the body is too little text to score, or None when it can be scored."""
    words = prose.lower_words
    if len(words) < MIN_WORDS:
        counted = f"{len(words)} word{'' if len(words) == 1 else 's'}"
        return f"text too short to score ({counted}; at least {MIN_WORDS} needed)"
    if len(set(words)) == 1:
        return f"text too short to score (one word repeated {len(words)} times)"
    return None


def score_article(article: Article, model: Model | None = None) -> ScoreRecord:
    """Score one article; scores with nothing to judge are None, with no explanation."""
    model = model or default_model()
    analysis = analyze(article)
    text = model.text_analysis(analysis.prose)
    features = {**analysis.features, **text.values}
    computed, explanations = model.apply(features)
    scores: dict[str, float | None] = dict(computed)
    warnings = list(analysis.warnings)
    unscored = set()
    if locate(analysis.prose) is None:
        unscored.add(HEADLINE_SCORE)
    reason = too_short(analysis.prose)
    if reason:
        warnings.append(reason)
        unscored.update(name for name in scores if name != HEADLINE_SCORE)
    for name in unscored.intersection(scores):
        scores[name] = None
        explanations[name] = []
    return ScoreRecord(
        id=article.id,
        path=article.path,
        title=article.title,
        source=article.source,
        published=article.published,
        url=article.url,
        scores=scores,
        features=features,
        explanations=explanations,
        evidence=sorted(
            [
                *analysis.evidence,
                *sentence_evidence(analysis.prose, text),
                *phrase_evidence(analysis.prose),
            ],
            key=_order,
        ),
        warnings=warnings,
        model=model.label,
        sentences=sentence_scores(analysis.prose, text),
    )
