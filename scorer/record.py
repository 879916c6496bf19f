"""The output record: one scored article, as DESIGN.md's output contract states it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scorer.features.base import Evidence


@dataclass(frozen=True)
class Contribution:
    """How much one feature moved a score, in the score's logit units (signed)."""

    feature: str
    effect: float

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "effect": round(self.effect, 4)}


@dataclass
class ScoreRecord:
    """Scores (0-100), features, explanations and evidence of one article."""

    id: str | int | None
    path: str | None
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    scores: dict[str, float]
    features: dict[str, float]
    explanations: dict[str, list[Contribution]]
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    model: str = ""

    def to_dict(self, *, evidence: bool = True) -> dict[str, Any]:
        """The JSON-ready record; ``evidence=False`` leaves the (long) span list out."""
        out: dict[str, Any] = {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "published": self.published,
            "url": self.url,
            "scores": {k: round(v, 1) for k, v in self.scores.items()},
            "features": {k: round(v, 6) for k, v in self.features.items()},
            "explanations": {
                score: [c.to_dict() for c in contributions]
                for score, contributions in self.explanations.items()
            },
        }
        if evidence:
            out["evidence"] = [e.to_dict() for e in self.evidence]
        out["warnings"] = list(self.warnings)
        out["model"] = self.model
        return out
