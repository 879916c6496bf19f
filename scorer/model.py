"""Scoring models: features in, 0-100 scores with exact per-feature contributions out.

A model is plain JSON data (never a pickle). For each score it holds an intercept and linear
terms over standardized features::

    raw = intercept + sum(weight * (x - center) / scale)

then a calibration maps ``raw`` to 0-100: ``logistic`` (``100 / (1 + exp(-raw))``, for
scores that are probabilities, such as a headline being clickbait) or ``quantile`` (the
percentile of ``raw`` among a reference corpus of news articles, so 50 reads "typical news
article" and the number means the same across model versions).

Explanations are measured from a typical article, as SHAP's values of a linear model are
measured from its expected value: each term's ``typical`` is the feature's median over the
reference corpus, its contribution is ``weight * (x - typical) / scale``, and the baseline
is the raw value of an article with every feature at its typical value. Baseline plus
contributions is exactly ``raw``, the value before the final squashing, so a feature an
article shares with typical news (no slogans, say) contributes nothing, and the effects say
why the score sits above or below the typical article's.

Features are the registry's (``family.name``) or the model's own learned text features
(``text.name``, see ``scorer.textmodel``). A model names the registry features it uses; its
``feature_hash`` covers their declarations, and a model whose features no longer match the
registry's refuses to load instead of silently scoring garbage.
"""

from __future__ import annotations

import hashlib
import json
import math
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from scorer.document import Document
from scorer.errors import ScorerError
from scorer.record import BASELINE, Contribution
from scorer.registry import feature_specs
from scorer.textmodel import TextAnalysis, TextModel, TextModels

TEXT_PREFIX = "text."
SHIPPED = "models/scorer.json"


@dataclass(frozen=True)
class Term:
    feature: str
    center: float
    scale: float
    weight: float
    typical: float  # the feature's median over the reference corpus (``center`` if unknown)


# Quantile points are stored to 6 significant digits (scorer.training._r), so an article that
# ties the reference exactly (no junk line at all, say) lands within this relative distance of
# the stored point, not on it; without the tolerance it fell just inside the run's edge.
TIE_TOLERANCE = 1e-5


def percentile_of(points: tuple[float, ...], raw: float) -> float:
    """Where ``raw`` falls among ascending quantile ``points`` (0th..100th), 0-100.

    Between two quantiles the percentile is interpolated linearly. A value tied with a run of
    quantiles inside the distribution gets the middle of that run (a tie neither flatters nor
    punishes); a run that reaches the 0th or 100th percentile gives that extreme, because a
    tie there means "as little/as much as any reference article": an article with no scraper
    junk at all, like half the reference corpus, reads 100 on hygiene, not a middling 49.
    """
    step = 100.0 / (len(points) - 1)
    tolerance = TIE_TOLERANCE * max(1.0, abs(raw))
    low, high = bisect_left(points, raw - tolerance), bisect_right(points, raw + tolerance)
    if low < high:
        if high == len(points):
            return 100.0
        if low == 0:
            return 0.0
        return step * (low + high - 1) / 2
    if low == 0:
        return 0.0
    if low == len(points):
        return 100.0
    a, b = points[low - 1], points[low]
    return step * (low - 1 + (raw - a) / (b - a))


@dataclass(frozen=True)
class Calibration:
    """Maps a raw linear value to 0-100."""

    kind: str  # "logistic" or "quantile"
    # For "quantile": the raw values at the 0th..100th percentile of the reference corpus.
    points: tuple[float, ...] = ()

    def __call__(self, raw: float) -> float:
        if self.kind == "logistic":
            return 100.0 / (1.0 + math.exp(-max(min(raw, 50.0), -50.0)))
        return percentile_of(self.points, raw)


@dataclass(frozen=True)
class ScoreModel:
    """One score's linear model and its calibration."""

    intercept: float
    terms: tuple[Term, ...]
    calibration: Calibration = field(default_factory=lambda: Calibration("logistic"))

    @cached_property
    def baseline(self) -> float:
        """The raw value of a typical article: every feature at its ``typical`` value."""
        return self.intercept + sum(t.weight * (t.typical - t.center) / t.scale for t in self.terms)

    def raw(self, features: Mapping[str, float]) -> tuple[float, list[Contribution]]:
        contributions = [
            Contribution(t.feature, t.weight * (features[t.feature] - t.typical) / t.scale)
            for t in self.terms
        ]
        return self.baseline + sum(c.effect for c in contributions), contributions

    def explain(self, features: Mapping[str, float]) -> tuple[float, list[Contribution]]:
        """The 0-100 score and its contributions, largest first, the baseline last."""
        raw, contributions = self.raw(features)
        contributions.sort(key=lambda c: -abs(c.effect))
        contributions.append(Contribution(BASELINE, self.baseline))
        return self.calibration(raw), contributions


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
    text_models: tuple[TextModel, ...] = ()
    # (file name, SHA-256) of each file the model was fitted on, so an evaluation on one of
    # them can say its figures are not held-out.
    training_files: tuple[tuple[str, str], ...] = ()

    def trained_on(self, sha256: str) -> str | None:
        """The name of the training file with this SHA-256, if the model was fitted on it."""
        return next((name for name, digest in self.training_files if digest == sha256), None)

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"

    def text_features(self, prose: Document) -> dict[str, float]:
        """The model's learned text features of one article (its prose, without junk lines)."""
        return self._text_models.values(prose)

    def text_analysis(self, prose: Document) -> TextAnalysis:
        """The learned text features and the sentence models' per-sentence probabilities."""
        return self._text_models.analyze(prose)

    @cached_property
    def _text_models(self) -> TextModels:
        return TextModels(self.text_models)

    def apply(
        self, features: Mapping[str, float]
    ) -> tuple[dict[str, float], dict[str, list[Contribution]]]:
        scores: dict[str, float] = {}
        explanations: dict[str, list[Contribution]] = {}
        for score, model in self.scores.items():
            scores[score], explanations[score] = model.explain(features)
        return scores, explanations


def feature_hash(names: list[str]) -> str:
    """Hash of the named registry features' declarations (name and range), order-free."""
    specs = feature_specs()
    lines = sorted(f"{n}:{specs[n].low}:{specs[n].high}" for n in names)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def registry_features_used(data: Mapping[str, Any]) -> list[str]:
    """The registry features a model dict's terms read (text features excluded)."""
    names = {t["feature"] for s in data["scores"].values() for t in s["terms"]}
    return sorted(n for n in names if not n.startswith(TEXT_PREFIX))


def model_from_dict(data: dict[str, Any], origin: str) -> Model:
    """Validate and build a model; a clear ScorerError on anything that does not fit."""
    try:
        text_models = tuple(TextModel.from_dict(t) for t in data.get("text_models", []))
        known = set(feature_specs()) | {m.name for m in text_models}
        used = {t["feature"] for s in data["scores"].values() for t in s["terms"]}
        unknown = sorted(used - known)
        if unknown:
            raise ScorerError(
                f"{origin}: model uses features this scorer lacks: {', '.join(unknown)}"
            )
        expected = feature_hash(registry_features_used(data))
        if data["feature_hash"] != expected:
            raise ScorerError(
                f"{origin}: model was built for other feature definitions "
                f"(hash {data['feature_hash']}, this scorer has {expected}); retrain it"
            )
        scores = {name: _score_model(s) for name, s in data["scores"].items()}
        reference = None
        if data.get("reference"):
            ref = data["reference"]
            reference = Reference(
                str(ref["corpus"]),
                {k: tuple(float(x) for x in v) for k, v in ref["quantiles"].items()},
            )
        training_files = tuple(
            (str(t["file"]), str(t["sha256"])) for t in data.get("training_data", [])
        )
        return Model(
            str(data["name"]),
            str(data["version"]),
            scores,
            reference,
            text_models,
            training_files,
        )
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise ScorerError(
            f"{origin}: not a scorer model ({exc.__class__.__name__}: {exc})"
        ) from None


def _score_model(data: Mapping[str, Any]) -> ScoreModel:
    terms = tuple(
        Term(
            t["feature"],
            float(t["center"]),
            float(t["scale"]),
            float(t["weight"]),
            float(t.get("typical", t["center"])),
        )
        for t in data["terms"]
    )
    if any(t.scale <= 0 for t in terms):
        raise ValueError("a term's scale must be positive")
    calibration = data.get("calibration", {"kind": "logistic"})
    if calibration["kind"] == "logistic":
        return ScoreModel(float(data["intercept"]), terms, Calibration("logistic"))
    if calibration["kind"] != "quantile":
        raise ValueError(f"unknown calibration {calibration['kind']!r}")
    points = tuple(float(x) for x in calibration["points"])
    if len(points) < 2 or list(points) != sorted(points):
        raise ValueError("quantile calibration needs at least two non-decreasing points")
    return ScoreModel(float(data["intercept"]), terms, Calibration("quantile", points))


def load_model(path: str | Path) -> Model:
    """A model from a JSON file given by the user."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScorerError(f"{path}: cannot read model ({exc.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ScorerError(f"{path}: model is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ScorerError(f"{path}: not a scorer model (expected a JSON object)")
    return model_from_dict(data, str(path))


@cache
def default_model() -> Model:
    """The model shipped inside the package."""
    text = resources.files("scorer").joinpath(SHIPPED).read_text(encoding="utf-8")
    return model_from_dict(json.loads(text), f"scorer/{SHIPPED}")
