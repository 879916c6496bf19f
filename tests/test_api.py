import json
from pathlib import Path

import pytest

import scorer
from scorer import ScorerError, score_file, score_text

SEEDS = Path(__file__).parents[1] / "seeds"


def test_score_text_returns_a_typed_record_with_the_json_shape() -> None:
    record = score_text(
        # Seven sentences: enough words (pipeline.MIN_WORDS) for the body to be scored.
        "Officials said the talks would resume on Monday. " * 7,
        title="Talks resume",
        source="Wire",
        published="2023-08-14",
    )
    assert isinstance(record, scorer.ScoreRecord)
    data = record.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["title"] == "Talks resume" and data["source"] == "Wire"
    assert 0 <= record.scores["quality"] <= 100
    assert "evidence" not in record.to_dict(evidence=False)


def test_score_file_reads_directories_and_corpora(tmp_path: Path) -> None:
    assert len(score_file(SEEDS)) == 5
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": 7, "text": "A short text."}\n{"id": "b", "title": "Only a headline"}\n'
    )
    records = score_file(corpus)
    assert [r.id for r in records] == [7, "b"]  # ids echoed unchanged


def test_headline_alone_is_scored() -> None:
    bait = score_text("", title="You Won't Believe What This Celebrity Did Next")
    plain = score_text("", title="Senate passes budget bill after long debate")
    assert bait.scores["headline"] > plain.scores["headline"]


def test_unreadable_input_raises_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ScorerError, match=r"missing\.txt"):
        score_file(tmp_path / "missing.txt")


def test_api_takes_a_model_path(tmp_path: Path) -> None:
    with pytest.raises(ScorerError):
        score_text("Text.", model=tmp_path / "none.json")
