"""The hedging cue detector measured on gold uncertainty cues (WikiWeasel, sentence level)."""

import json
from pathlib import Path

import pytest

from scorer.evaluation.hedging import (
    DEFAULT_PATH,
    evaluate_hedge_cues,
    predicts_cue,
    read_documents,
    score,
)

# Held out from tuning: documents with odd index (rules were tuned on even ones). Measured
# with `python -m scorer.evaluation.hedging`: held-out F1 0.849, all documents F1 0.857. The
# floors are those figures minus 0.03, rounded down: a gate against regressions, not a target.
HELD_OUT_F1_FLOOR = 0.81
OVERALL_F1_FLOOR = 0.82


@pytest.mark.skipif(not DEFAULT_PATH.exists(), reason="../shared/data/wikiweasel.jsonl absent")
def test_detector_finds_gold_uncertainty_cues() -> None:
    scores = evaluate_hedge_cues(DEFAULT_PATH)
    held_out, overall = scores["held out (odd documents)"], scores["all"]
    assert held_out.f1 >= HELD_OUT_F1_FLOOR
    assert overall.f1 >= OVERALL_F1_FLOOR
    assert overall.n_sentences > 10_000 and 0 < overall.n_positive < overall.n_sentences


def test_score_counts_sentences_not_cues() -> None:
    s = score([(True, True), (True, False), (False, True), (False, False)])
    assert (s.precision, s.recall, s.f1) == (0.5, 0.5, 0.5)
    assert (s.n_sentences, s.n_positive) == (4, 2)
    assert score([(False, False)]).f1 == 0.0


def test_read_documents_and_predict(tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    record = {
        "id": "x",
        "sentences": [
            {"text": "The fossil may be older than thought.", "cues": [[11, 14, "modal"]]},
            {"text": "The museum opened in May 1990.", "cues": []},
        ],
    }
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    (document,) = read_documents(path)
    assert [gold for _, gold in document] == [True, False]
    assert [predicts_cue(text) for text, _ in document] == [True, False]
    assert evaluate_hedge_cues(path)["all"].f1 == 1.0
