"""The output record: one scored article, as DESIGN.md's output contract states it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from scorer.features.base import Evidence

# The last contribution of every explanation: the raw value of a typical article, which the
# features' effects are measured from (see scorer.model).
BASELINE = "(typical article)"


class Contribution(NamedTuple):
    """How much one feature moved a score, in the score's logit units (signed).

    A named tuple rather than a dataclass: a model makes one per term of every score for
    every article, and a tuple is several times cheaper to create.
    """

    feature: str
    effect: float


@dataclass(frozen=True)
class SentenceScores:
    """The sentences of an article's prose and the sentence models' numbers for each: the
    probability that the sentence holds what the model was trained to find
    (``scorer.pipeline.SENTENCE_SCORES``). Unlike the article scores these are not
    percentiles of typical news, and a text too short for article scores still has them: a
    sentence is their unit. Kept as columns, built into dicts only when written."""

    text: str  # the article text the spans point into
    spans: tuple[tuple[int, int], ...]
    scores: dict[str, list[float]]  # name -> one probability (0-1) per sentence

    def to_list(self) -> list[dict[str, Any]]:
        """One dict per sentence: offsets, text, and each score in percent."""
        columns = [
            (name, [round(100 * p, 1) for p in values]) for name, values in self.scores.items()
        ]
        return [
            {"start": a, "end": b, "text": self.text[a:b], **{n: c[i] for n, c in columns}}
            for i, (a, b) in enumerate(self.spans)
        ]


@dataclass
class ScoreRecord:
    """Scores (0-100; None where there is nothing to score), features, explanations and
    evidence of one article."""

    id: str | int | None
    path: str | None
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    scores: dict[str, float | None]
    features: dict[str, float]
    explanations: dict[str, list[Contribution]]
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    model: str = ""
    sentences: SentenceScores | None = None

    def to_dict(
        self, *, evidence: bool = True, explanations: bool = True, sentences: bool = True
    ) -> dict[str, Any]:
        """The JSON-ready record; ``evidence=False`` leaves the (long) span list out,
        ``explanations=False`` every score's terms (40 or so each: most of a record) and
        ``sentences=False`` the per-sentence scores."""
        out: dict[str, Any] = {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "published": self.published,
            "url": self.url,
            "scores": {k: None if v is None else round(v, 1) for k, v in self.scores.items()},
            "features": {k: round(v, 6) for k, v in self.features.items()},
        }
        if explanations:  # effects to 4 decimals; built inline, as there are hundreds
            out["explanations"] = {
                score: [{"feature": f, "effect": round(e, 4)} for f, e in contributions]
                for score, contributions in self.explanations.items()
            }
        if evidence:
            out["evidence"] = [e.to_dict() for e in self.evidence]
        if sentences:
            out["sentences"] = self.sentences.to_list() if self.sentences else []
        out["warnings"] = list(self.warnings)
        out["model"] = self.model
        return out
