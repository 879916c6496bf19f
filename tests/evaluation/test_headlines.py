import json
from pathlib import Path

import pytest

from scorer.evaluation.headlines import auc, evaluate_headlines, read_headlines

# The shared data sits next to the clone: <clone>/../shared/data.
DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "clickbait_train.jsonl"


def test_auc_ranks_and_counts() -> None:
    perfect = auc([False, False, True, True], [0.1, 0.2, 0.3, 0.9])
    assert (perfect.auc, perfect.n, perfect.n_clickbait) == (1.0, 4, 2)
    assert auc([False, True], [0.9, 0.1]).auc == 0.0
    assert auc([False, True, False, True], [0.5, 0.5, 0.5, 0.5]).auc == 0.5


def test_read_headlines_keeps_order_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    rows = [{"title": "A", "clickbait": True, "text": ""}, {"title": "B", "clickbait": False}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    assert list(read_headlines(path)) == [("A", True), ("B", False)]


@pytest.mark.skipif(not DATA.exists(), reason="labelled data (../shared/data) not available")
def test_clickbait_score_ranks_clickbait_above_news() -> None:
    scores = evaluate_headlines(DATA)
    # Measured: 0.9781 on the even records (where the rules were designed), 0.9800 on the odd
    # records (held out from design), 0.9791 on all 16,000, 0.9556 on all lower-cased.
    # Floors are the measured figures less 0.02.
    assert scores["designed on (even records)"].auc >= 0.958
    assert scores["held out (odd records)"].auc >= 0.960
    assert scores["all"].auc >= 0.959
    assert scores["all, lower-cased"].auc >= 0.935
    assert scores["all"].n == 16_000
