"""Per-sentence scores against the PTC's marked loaded wording, cross-fitted."""

import pytest

from scorer.evaluation.sentences import sentence_spearman
from scorer.evaluation.spans import DEFAULT_PATH

# Measured with `python -m scorer.evaluation.sentences` (16,239 sentences, 5 folds grouped
# by shared sentences): loaded_wording 0.332, propaganda 0.237. Floors are those less 0.03,
# rounded down: a regression gate.
FLOORS = {"loaded_wording": 0.30, "propaganda": 0.20}


@pytest.mark.skipif(not DEFAULT_PATH.exists(), reason=f"{DEFAULT_PATH} absent")
def test_sentence_scores_rank_loaded_wording() -> None:
    figures, n = sentence_spearman(DEFAULT_PATH)
    assert n > 10_000
    assert {name: figures[name] >= floor for name, floor in FLOORS.items()} == dict.fromkeys(
        FLOORS, True
    ), figures
    # The loaded-wording model was trained for this; the any-technique one only in part.
    assert figures["loaded_wording"] > figures["propaganda"]
