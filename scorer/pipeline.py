"""One article through the pipeline: Article -> Document -> families -> model -> record."""

from __future__ import annotations

from dataclasses import dataclass

from scorer.article import Article
from scorer.document import Document
from scorer.features.base import Evidence
from scorer.features.hygiene import boilerplate_lines
from scorer.model import Model, default_model
from scorer.record import ScoreRecord
from scorer.registry import FAMILIES


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
    found.sort(key=lambda e: (e.start, e.end, e.family, e.kind))
    return Analysis(features, found, warnings, prose)


def score_article(article: Article, model: Model | None = None) -> ScoreRecord:
    model = model or default_model()
    analysis = analyze(article)
    features = {**analysis.features, **model.text_features(analysis.prose)}
    scores, explanations = model.apply(features)
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
        evidence=analysis.evidence,
        warnings=analysis.warnings,
        model=model.label,
    )
