"""How well scores track a labelled target: AUC, accuracy or Spearman, with bootstrap intervals.

``scorer evaluate LABELED.jsonl --target FIELD`` scores every article and compares each score
with the target: a two-valued target (true/false, 0/1) gets ROC AUC and accuracy (a score of
50 or more predicts the true class); any other numeric target gets Spearman's rank
correlation. The 95% intervals come from 1,000 bootstrap resamples of the articles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from scorer.errors import ScorerError

Array = npt.NDArray[np.float64]
RESAMPLES = 1000
SEED = 0


@dataclass(frozen=True)
class Metric:
    score: str
    metric: str
    value: float
    low: float
    high: float
    n: int

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def target_values(records: Sequence[dict[str, Any]], target: str, origin: str) -> Array:
    """The target of every record as floats; a clear error when missing or not numeric."""
    values = []
    for i, record in enumerate(records):
        value = record.get(target)
        if isinstance(value, bool):
            value = float(value)
        if not isinstance(value, int | float):
            raise ScorerError(f"{origin}: record {i + 1} has no numeric or true/false {target!r}")
        values.append(float(value))
    return np.array(values)


def is_binary(values: Array) -> bool:
    return set(np.unique(values)) <= {0.0, 1.0}


def auc(labels: Array, scores: Array) -> float:
    """ROC AUC by the rank formula (ties share ranks)."""
    from scipy.stats import rankdata

    positive = labels > 0
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if not n_pos or not n_neg:
        return float("nan")
    ranks = rankdata(scores)
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def accuracy(labels: Array, scores: Array) -> float:
    return float(((scores >= 50) == (labels > 0)).mean())


def spearman(target: Array, scores: Array) -> float:
    from scipy.stats import spearmanr

    if np.ptp(scores) == 0 or np.ptp(target) == 0:
        return float("nan")
    return float(spearmanr(target, scores).statistic)


def with_interval(
    name: str, metric: str, fn: Callable[[Array, Array], float], target: Array, scores: Array
) -> Metric:
    """The metric and its 95% percentile bootstrap interval."""
    rng = np.random.default_rng(SEED)
    n = len(target)
    samples = []
    for _ in range(RESAMPLES):
        index = rng.integers(0, n, n)
        value = fn(target[index], scores[index])
        if np.isfinite(value):
            samples.append(value)
    low, high = np.percentile(samples, [2.5, 97.5]) if samples else (np.nan, np.nan)
    return Metric(name, metric, fn(target, scores), float(low), float(high), n)


def evaluate_scores(target: Array, scores: dict[str, Array]) -> list[Metric]:
    """Every score against the target."""
    metrics = []
    binary = is_binary(target)
    for name, values in scores.items():
        if binary:
            metrics.append(with_interval(name, "auc", auc, target, values))
            metrics.append(with_interval(name, "accuracy", accuracy, target, values))
        else:
            metrics.append(with_interval(name, "spearman", spearman, target, values))
    return metrics


def corpus_scores(corpus: Any, model: Any) -> dict[str, Array]:
    """Every score of the model over a ``scorer.training.Corpus``, as one array per score."""
    columns: dict[str, list[float]] = {name: [] for name in model.scores}
    for features, prose in zip(corpus.features, corpus.prose, strict=True):
        scores, _ = model.apply({**features, **model.text_features(prose)})
        for name, value in scores.items():
            columns[name].append(value)
    return {name: np.array(values) for name, values in columns.items()}
