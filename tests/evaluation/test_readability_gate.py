"""The readability score ranks OneStopEnglish's reading levels of the same stories."""

import os
from pathlib import Path

import pytest

from scorer.evaluation.readability import DEFAULT_PATH, evaluate, read_graded, score_graded

# scripts/convert_onestop.py output; SCORER_ONESTOP overrides where it is looked for.
PATH = Path(os.environ.get("SCORER_ONESTOP", DEFAULT_PATH))
# The bar for held-out graded text is |Spearman| >= 0.62. On OneStopEnglish the
# composite measures 0.672 held out by story (5-fold GroupKFold, scripts/fit_readability.py)
# and 0.677 fitted on it all, so the in-sample figure here gates at the bar, with room.
SPEARMAN_FLOOR = 0.62
ORDERING_FLOOR = 0.90


@pytest.mark.skipif(not PATH.exists(), reason=f"{PATH} absent (scripts/convert_onestop.py)")
def test_readability_ranks_graded_levels() -> None:
    records = read_graded(PATH)
    score = evaluate(records, score_graded(records))[0]
    assert score.abs_spearman >= SPEARMAN_FLOOR and score.spearman < 0
    assert score.ordering_share >= ORDERING_FLOOR
