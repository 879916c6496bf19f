"""The readability score ranks OneStopEnglish's reading levels of the same stories."""

import os
from pathlib import Path

import pytest

from scorer.evaluation.readability import DEFAULT_PATH, evaluate, read_graded, score_graded

# scripts/convert_onestop.py output; SCORER_ONESTOP overrides where it is looked for.
PATH = Path(os.environ.get("SCORER_ONESTOP", DEFAULT_PATH))
# The composite is fitted on CLEAR, so OneStopEnglish is held out of fitting: measured 0.650
# |Spearman|, 96.3% of stories ranked right (scripts/fit_readability.py; the composite before
# this one, 0.615 and 95.8%, had floors 0.58 and 0.92). Floors are those figures minus 0.03,
# rounded down: a regression gate.
SPEARMAN_FLOOR = 0.62
ORDERING_FLOOR = 0.93


@pytest.mark.skipif(not PATH.exists(), reason=f"{PATH} absent (scripts/convert_onestop.py)")
def test_readability_ranks_graded_levels() -> None:
    records = read_graded(PATH)
    score = evaluate(records, score_graded(records))[0]
    assert score.abs_spearman >= SPEARMAN_FLOOR and score.spearman < 0
    assert score.ordering_share >= ORDERING_FLOOR
