"""The readability evaluation on a tiny synthetic graded sample."""

import json
import math
from pathlib import Path

import pytest

from scorer.evaluation import readability as ev

# Every text has over 50 words: a shorter one gets no score.
EASY = (
    "The cat sat on the bed. It was a good day. We all went home. The sun was out. "
    "My dog ran in the park. Then he came back to me. We had some bread and tea. "
    "It was warm. The kids played with a red ball. Then it was time to go to bed. "
    "We went to sleep."
)
MIDDLE = (
    "The committee met on Tuesday to discuss the proposal, which several members had "
    "criticised before the meeting began in the main hall. It was long. They voted to "
    "delay a decision until the next month, when more information about the costs and "
    "the schedule would be available to everyone involved."
)
HARD = (
    "Notwithstanding the ostensibly unanimous endorsement, the subcommittee's deliberations "
    "revealed considerable apprehension regarding the jurisdictional ramifications of the "
    "proposed amendments, particularly insofar as they would circumscribe the prerogatives "
    "of municipal authorities and engender protracted, acrimonious and extraordinarily "
    "expensive litigation across numerous jurisdictions. Commentators subsequently "
    "characterised the outcome as an equivocal compromise whose implementation would "
    "necessitate unprecedented intergovernmental coordination and considerable expenditure."
)


def graded(stories: int = 3) -> list[dict[str, object]]:
    return [
        {"id": f"s{i}-{level}", "story": f"s{i}", "level": level, "text": text}
        for i in range(stories)
        for level, text in enumerate((EASY, MIDDLE, HARD))
    ]


def test_ordering_share_counts_stories_ranked_right() -> None:
    stories = ["a", "a", "a", "b", "b", "b", "c"]
    levels = [0, 1, 2, 0, 1, 2, 0]
    values = [3.0, 2.0, 1.0, 3.0, 1.0, 2.0, 9.0]  # a right; b swaps its two harder levels
    assert ev.ordering_share(stories, levels, values) == (0.5, 2)  # c has one level only
    assert ev.ordering_share(["a", "a"], [0, 1], [1.0, 1.0]) == (0.0, 1)  # a tie is wrong
    share, n = ev.ordering_share(["a"], [0], [1.0])
    assert math.isnan(share) and n == 0


def test_figures_orient_and_summarize() -> None:
    stories, levels = ["a", "a", "b", "b"], [0, 1, 0, 1]
    right = ev.figures("x", stories, levels, [2.0, 1.0, 4.0, 3.0])
    wrong = ev.figures("x", stories, levels, [1.0, 2.0, 3.0, 4.0])
    assert right.spearman < 0 and right.ordering_share == 1.0
    assert wrong.spearman > 0 and wrong.ordering_share == 0.0
    assert right.median_by_level == {0: 3.0, 1: 2.0}


def test_easier_versions_score_as_easier() -> None:
    records = graded()
    results = {r.name: r for r in ev.evaluate(records, ev.score_graded(records))}
    score = results["readability score"]
    assert score.n_texts == 9 and score.n_stories_ordered == 3
    assert score.spearman < -0.8 and score.ordering_share == 1.0
    assert score.median_by_level[0] > score.median_by_level[2]
    for feature in ("words_per_sentence", "uncommon_word_share", "mean_zipf"):
        assert results[f"readability.{feature}"].spearman < -0.8


def test_main_prints_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "graded.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in graded(2)), encoding="utf-8")
    assert ev.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "6 texts, 6 scored, 2 stories" in out and "readability score" in out
    assert ev.main([str(path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures[0]["name"] == "readability score" and figures[0]["ordering_share"] == 1.0


def test_a_record_without_a_level_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "x", "story": "s", "text": "t"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1: missing level"):
        ev.read_graded(path)
