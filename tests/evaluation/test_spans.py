"""The SemEval-2020 SI span metric, and technique evidence measured with it on the PTC."""

from pathlib import Path

import pytest

from scorer.evaluation.spans import (
    ANY,
    DEFAULT_PATH,
    combined,
    cross_fitted_phrase_spans,
    cross_fitted_rule_spans,
    cross_fitted_sentence_spans,
    merged,
    read_gold,
    rule_spans,
    span_f1,
    technique_f1,
)

# Measured with `python -m scorer.evaluation.spans` (5 folds grouped by shared sentences,
# learned sentences cross-fitted): rule evidence alone any-technique F1 0.256, technique must
# match 0.135; with the learned sentences 0.349 and 0.162; with the learned phrases too
# (cross-fitted alike) 0.354 and 0.168; as shipped, without the unmarked rule cues (learned
# per fold alike), 0.368 and 0.187. Floors were set at 0.352 / 0.163 and 0.357 / 0.169
# (before the sentence model read names masked) and at the last figures less 0.03, rounded
# down: a regression gate (phrases' match stays 0.14, set when folds by record gave 0.170).
FLOORS = {
    ("rules", ANY): 0.22,
    ("rules", "match"): 0.10,
    ("both", ANY): 0.32,
    ("both", "match"): 0.13,
    ("phrases", ANY): 0.32,
    ("phrases", "match"): 0.14,
    ("shipped", ANY): 0.33,
    ("shipped", "match"): 0.15,
}


def test_exact_spans_score_one_and_disjoint_spans_zero() -> None:
    gold = {"a": [(0, 10), (20, 30)]}
    assert span_f1(gold, gold).f1 == 1.0
    assert span_f1({"a": [(10, 20)]}, gold).f1 == 0.0


def test_partial_overlap_earns_partial_credit() -> None:
    # predicted 0-20 over gold 0-10: half of the prediction is right, all of the gold found
    scores = span_f1({"a": [(0, 20)]}, {"a": [(0, 10)]})
    assert (scores.precision, scores.recall) == (0.5, 1.0)
    assert scores.f1 == pytest.approx(2 / 3)


def test_overlapping_spans_are_merged_before_scoring() -> None:
    assert merged([(5, 9), (0, 6), (12, 14), (14, 15), (3, 3)]) == [(0, 9), (12, 14), (14, 15)]
    doubled = span_f1({"a": [(0, 10), (0, 10)]}, {"a": [(0, 10)]})
    assert doubled.n_predicted == 1 and doubled.f1 == 1.0


def test_articles_without_predictions_count_against_recall() -> None:
    scores = span_f1({"a": [(0, 10)]}, {"a": [(0, 10)], "b": [(0, 10)]})
    assert scores.precision == 1.0 and scores.recall == 0.5


def test_technique_must_match_for_matched_credit() -> None:
    gold = {"a": [("Doubt", 0, 10), ("Loaded_Language", 20, 25)]}
    predicted = {"a": [("Doubt", 0, 10), ("Doubt", 20, 25)]}
    table = technique_f1(predicted, gold)
    assert table[ANY].f1 == 1.0
    matched = table["technique must match"]
    assert matched.precision == 0.5 and matched.recall == 0.5
    assert table["Doubt"].precision == 0.5 and table["Loaded_Language"].recall == 0.0


@pytest.mark.skipif(not DEFAULT_PATH.exists(), reason="../shared/data/ptc_train.jsonl absent")
def test_technique_evidence_finds_marked_spans_on_held_out_articles() -> None:
    records, gold = read_gold(DEFAULT_PATH)
    rules = rule_spans(records)
    learned = cross_fitted_sentence_spans(Path(DEFAULT_PATH))
    phrases = cross_fitted_phrase_spans(Path(DEFAULT_PATH))
    both = combined(rules, learned)
    with_phrases = combined(rules, learned, phrases)
    shipped = combined(cross_fitted_rule_spans(Path(DEFAULT_PATH)), learned, phrases)
    matched = {}
    for name, predicted in (
        ("rules", rules),
        ("both", both),
        ("phrases", with_phrases),
        ("shipped", shipped),
    ):
        table = technique_f1(predicted, gold)
        assert table[ANY].f1 >= FLOORS[(name, ANY)], name
        assert table["technique must match"].f1 >= FLOORS[(name, "match")], name
        matched[name] = table["technique must match"].f1
    # the learned phrases add matched credit, not only spans; unmarking cues adds more
    assert matched["both"] < matched["phrases"] < matched["shipped"]


def test_combined_joins_predictions_article_by_article() -> None:
    joined = combined({"a": [("Doubt", 0, 4)]}, {"a": [("Slogans", 5, 9)], "b": []})
    assert joined == {"a": [("Doubt", 0, 4), ("Slogans", 5, 9)], "b": []}
