"""How well scores track a labelled target: AUC, accuracy or Spearman, with bootstrap intervals.

``scorer evaluate LABELED.jsonl --target FIELD`` scores every article and compares each score
with the target: a two-valued target (true/false, 0/1) gets ROC AUC and accuracy (a score of
50 or more predicts the true class); any other numeric target gets Spearman's rank
correlation. The 95% intervals come from 1,000 bootstrap resamples of the articles
(``scipy.stats.bootstrap``, percentile method).
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


def auc(labels: Array | Sequence[bool], scores: Array | Sequence[float]) -> float:
    """ROC AUC (scikit-learn's) of ``scores`` for labels above 0; NaN when a class is absent."""
    from sklearn.metrics import roc_auc_score

    positive = np.asarray(labels) > 0
    if positive.all() or not positive.any():
        return float("nan")
    return float(roc_auc_score(positive, scores))


def resampled_auc(labels: Array, scores: Array, axis: int = -1) -> Array:
    """ROC AUC along ``axis`` by the rank formula (ties share ranks), for bootstrap batches.

    Kept beside ``auc`` for a measured reason: ``roc_auc_score`` checks its input on every
    call (1.1 ms against 0.1 ms at 645 articles), so 1,000 resamples of one score took 1.1 s
    where this, vectorized over the batch, takes a few milliseconds; ``scorer evaluate``
    bootstraps every score. tests/test_scores.py pins it equal to ``roc_auc_score``.
    """
    from scipy.stats import rankdata

    positive = np.moveaxis(labels, axis, -1) > 0
    ranks = rankdata(np.moveaxis(scores, axis, -1), axis=-1)
    n_pos = positive.sum(axis=-1)
    n_neg = positive.shape[-1] - n_pos
    with np.errstate(invalid="ignore", divide="ignore"):
        u = (ranks * positive).sum(axis=-1) - n_pos * (n_pos + 1) / 2
        return np.asarray(u / (n_pos * n_neg), dtype=np.float64)


def accuracy(labels: Array, scores: Array, axis: int = -1) -> Array:
    """Share of articles on the right side of 50 (50 or more predicts the true class)."""
    return np.asarray(((scores >= 50) == (labels > 0)).mean(axis=axis))


def spearman(target: Array | Sequence[float], scores: Array | Sequence[float]) -> float:
    """Spearman's rank correlation (SciPy's); NaN when either side is constant."""
    from scipy.stats import spearmanr

    if np.ptp(scores) == 0 or np.ptp(target) == 0:
        return float("nan")
    return float(spearmanr(target, scores).statistic)


def with_interval(
    name: str,
    metric: str,
    statistic: Callable[..., Any],
    target: Array,
    scores: Array,
    vectorized: bool = True,
) -> Metric:
    """The metric and its 95% percentile bootstrap interval (SciPy's, articles resampled in
    pairs); no interval when the metric itself is undefined or any resample's is."""
    from scipy.stats import bootstrap

    value = float(statistic(target, scores))
    if not np.isfinite(value):
        return Metric(name, metric, value, float("nan"), float("nan"), len(target))
    result = bootstrap(
        (target, scores),
        statistic,
        paired=True,
        vectorized=vectorized,
        n_resamples=RESAMPLES,
        method="percentile",
        random_state=np.random.default_rng(SEED),
    )
    interval = result.confidence_interval
    return Metric(name, metric, value, float(interval.low), float(interval.high), len(target))


def evaluate_scores(target: Array, scores: dict[str, Array]) -> list[Metric]:
    """Every score against the target."""
    metrics = []
    binary = is_binary(target)
    for name, values in scores.items():
        if binary:
            metrics.append(with_interval(name, "auc", resampled_auc, target, values))
            metrics.append(with_interval(name, "accuracy", accuracy, target, values))
        else:
            metrics.append(with_interval(name, "spearman", spearman, target, values, False))
    return metrics


def corpus_scores(corpus: Any, model: Any) -> dict[str, Array]:
    """Every score of the model over a ``scorer.training.Corpus``, as one array per score."""
    columns: dict[str, list[float]] = {name: [] for name in model.scores}
    for features, prose in zip(corpus.features, corpus.prose, strict=True):
        scores, _ = model.apply({**features, **model.text_features(prose)})
        for name, value in scores.items():
            columns[name].append(value)
    return {name: np.array(values) for name, values in columns.items()}
