"""Scoring models: features in, 0-100 scores with exact per-feature contributions out.

A model is plain JSON data (never a pickle): for each score, an intercept and linear terms
over standardized features, squashed by the logistic function::

    logit = intercept + sum(weight * (x - center) / scale)     score = 100 / (1 + exp(-logit))

Each term's ``weight * (x - center) / scale`` is its contribution, so the explanations add
up exactly to the logit. A model names the features it uses together with their declared
ranges; its ``feature_hash`` covers them, and a model whose features no longer match the
registry's refuses to load instead of silently scoring garbage.
"""

from __future__ import annotations

import hashlib
import json
import math
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from scorer.errors import ScorerError
from scorer.record import Contribution
from scorer.registry import feature_specs

INTERCEPT = "(intercept)"


@dataclass(frozen=True)
class Term:
    feature: str
    center: float
    scale: float
    weight: float


@dataclass(frozen=True)
class ScoreModel:
    """One score's linear model."""

    intercept: float
    terms: tuple[Term, ...]

    def explain(self, features: Mapping[str, float]) -> tuple[float, list[Contribution]]:
        """The 0-100 score and its contributions, largest first, intercept last."""
        contributions = [
            Contribution(t.feature, t.weight * (features[t.feature] - t.center) / t.scale)
            for t in self.terms
        ]
        logit = self.intercept + sum(c.effect for c in contributions)
        contributions.sort(key=lambda c: -abs(c.effect))
        contributions.append(Contribution(INTERCEPT, self.intercept))
        return 100.0 / (1.0 + math.exp(-max(min(logit, 50.0), -50.0))), contributions


@dataclass(frozen=True)
class Reference:
    """Where typical news falls on each score: 101 quantiles (0th..100th percentile) of each
    score over a reference corpus of news articles, so any score can be read against it."""

    corpus: str
    quantiles: dict[str, tuple[float, ...]]

    def percentile(self, score: str, value: float) -> float | None:
        """The share (0-100) of reference articles scoring at or below ``value``."""
        points = self.quantiles.get(score)
        if not points:
            return None
        return 100.0 * bisect_right(points, value) / len(points)


@dataclass(frozen=True)
class Model:
    name: str
    version: str
    scores: dict[str, ScoreModel]
    reference: Reference | None = None

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"

    def apply(
        self, features: Mapping[str, float]
    ) -> tuple[dict[str, float], dict[str, list[Contribution]]]:
        scores: dict[str, float] = {}
        explanations: dict[str, list[Contribution]] = {}
        for score, model in self.scores.items():
            scores[score], explanations[score] = model.explain(features)
        return scores, explanations


def feature_hash(names: list[str]) -> str:
    """Hash of the named features' declarations (name and range), order-independent."""
    specs = feature_specs()
    lines = sorted(f"{n}:{specs[n].low}:{specs[n].high}" for n in names)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def model_from_dict(data: dict[str, Any], origin: str) -> Model:
    """Validate and build a model; a clear ScorerError on anything that does not fit."""
    try:
        used = sorted({t["feature"] for s in data["scores"].values() for t in s["terms"]})
        unknown = [n for n in used if n not in feature_specs()]
        if unknown:
            raise ScorerError(
                f"{origin}: model uses features this scorer lacks: {', '.join(unknown)}"
            )
        if data["feature_hash"] != feature_hash(used):
            raise ScorerError(
                f"{origin}: model was built for other feature definitions "
                f"(hash {data['feature_hash']}, this scorer has {feature_hash(used)}); retrain it"
            )
        scores = {
            name: ScoreModel(
                float(s["intercept"]),
                tuple(
                    Term(t["feature"], float(t["center"]), float(t["scale"]), float(t["weight"]))
                    for t in s["terms"]
                ),
            )
            for name, s in data["scores"].items()
        }
        reference = None
        if data.get("reference"):
            ref = data["reference"]
            reference = Reference(
                str(ref["corpus"]),
                {k: tuple(float(x) for x in v) for k, v in ref["quantiles"].items()},
            )
        return Model(str(data["name"]), str(data["version"]), scores, reference)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ScorerError(
            f"{origin}: not a scorer model ({exc.__class__.__name__}: {exc})"
        ) from None


def load_model(path: str | Path) -> Model:
    """A model from a JSON file given by the user."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScorerError(f"{path}: cannot read model ({exc.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ScorerError(f"{path}: model is not valid JSON ({exc})") from None
    return model_from_dict(data, str(path))


@cache
def default_model() -> Model:
    """The model shipped inside the package."""
    text = resources.files("scorer").joinpath("models/interim.json").read_text(encoding="utf-8")
    return model_from_dict(json.loads(text), "scorer/models/interim.json")
