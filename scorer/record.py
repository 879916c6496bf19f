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

    def to_dict(self, *, evidence: bool = True, explanations: bool = True) -> dict[str, Any]:
        """The JSON-ready record; ``evidence=False`` leaves the (long) span list out and
        ``explanations=False`` every score's terms (40 or so each: most of a record)."""
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
        out["warnings"] = list(self.warnings)
        out["model"] = self.model
        return out
