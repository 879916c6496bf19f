"""scorer.evaluation.scores: the metrics of ``scorer evaluate`` and their bootstrap intervals."""

import math

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from scorer.evaluation.scores import (
    accuracy,
    auc,
    evaluate_scores,
    resampled_auc,
    spearman,
    with_interval,
)


def sample(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = (rng.random(n) < 0.4).astype(float)
    # rounded, so that ties occur and must share ranks as roc_auc_score shares them
    scores = np.round(labels * 10 + rng.normal(50, 15, n))
    return labels, scores


def test_the_batched_auc_equals_scikit_learns_row_by_row() -> None:
    batch = [sample(60, seed) for seed in range(8)]
    labels = np.stack([b[0] for b in batch])
    scores = np.stack([b[1] for b in batch])
    expected = [roc_auc_score(y > 0, x) for y, x in batch]
    assert resampled_auc(labels, scores) == pytest.approx(expected, abs=1e-12)
    assert resampled_auc(labels.T, scores.T, axis=0) == pytest.approx(expected, abs=1e-12)
    assert auc(*batch[0]) == pytest.approx(expected[0])


def test_auc_is_undefined_without_both_classes() -> None:
    assert math.isnan(auc(np.ones(5), np.arange(5.0)))
    assert math.isnan(float(resampled_auc(np.zeros(5), np.arange(5.0))))


def test_spearman_ranks_ties_and_is_undefined_for_a_constant_side() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 1, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486832980505138)
    assert math.isnan(spearman([5, 5, 5], [1, 2, 3]))


def test_accuracy_reads_50_or_more_as_the_true_class() -> None:
    assert float(accuracy(np.array([1.0, 0.0, 1.0]), np.array([50.0, 49.9, 10.0]))) == 2 / 3


def test_intervals_hold_the_value_and_narrow_with_more_articles() -> None:
    small = with_interval("p", "auc", resampled_auc, *sample(80, 1))
    large = with_interval("p", "auc", resampled_auc, *sample(2000, 1))
    for metric in (small, large):
        assert metric.low <= metric.value <= metric.high
    assert large.high - large.low < small.high - small.low


def test_an_undefined_metric_gets_no_interval() -> None:
    metric = with_interval("p", "auc", resampled_auc, np.ones(30), np.arange(30.0))
    assert math.isnan(metric.value) and math.isnan(metric.low) and math.isnan(metric.high)


def test_binary_targets_get_auc_and_accuracy_others_spearman() -> None:
    labels, scores = sample(100, 2)
    binary = evaluate_scores(labels, {"propaganda": scores})
    assert [m.metric for m in binary] == ["auc", "accuracy"]
    graded = evaluate_scores(scores / 100, {"propaganda": scores})
    assert [m.metric for m in graded] == ["spearman"]
    assert graded[0].value == pytest.approx(1.0) and graded[0].low == pytest.approx(1.0)
    assert graded[0].n == 100
