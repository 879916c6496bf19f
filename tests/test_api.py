import json
import sys
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
    assert len(list(score_file(SEEDS))) == 5
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": 7, "text": "A short text."}\n{"id": "b", "title": "Only a headline"}\n'
    )
    records = score_file(corpus)
    assert [r.id for r in records] == [7, "b"]  # ids echoed unchanged


def test_score_file_yields_records_before_reading_the_rest(tmp_path: Path) -> None:
    # The second line is broken: a list-building score_file would raise before returning.
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": 1, "text": "A short text."}\n{not json\n')
    records = score_file(corpus)
    assert next(records).id == 1
    with pytest.raises(ScorerError, match=r"c\.jsonl:2: malformed JSON"):
        next(records)


def test_dir_shows_the_api_and_not_typing_helpers() -> None:
    names = dir(scorer)
    assert {"score_text", "score_file", "to_dataframe", "ScoreRecord"} <= set(names)
    assert not {"Any", "TYPE_CHECKING", "annotations"} & set(names)
    assert all(callable(getattr(scorer, name)) for name in names if name != "__version__")


def test_a_bad_published_date_is_left_empty_with_a_warning(tmp_path: Path) -> None:
    record = score_text("Officials said the talks would resume.", published="not a date")
    assert record.published is None
    assert any("'not a date' not understood" in w for w in record.warnings)
    assert score_text("Talks resume.", published="14 Aug 2023").published == "2023-08-14"
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": 1, "text": "Talks resume.", "published": "soon"}\n')
    (from_file,) = score_file(corpus)
    assert from_file.published is None
    assert any("'soon' not understood" in w for w in from_file.warnings)


def test_to_dataframe_has_the_csv_columns() -> None:
    pandas = pytest.importorskip("pandas")
    frame = scorer.to_dataframe(score_file(SEEDS))
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 5
    columns = {"id", "title", "published", "score.quality", "feature.hedging.hedge_density"}
    assert columns <= set(frame)
    assert frame["score.quality"].between(0, 100).all()


def test_to_dataframe_without_pandas_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match=r"pip install 'scorer\[pandas\]'"):
        scorer.to_dataframe([])


def test_headline_alone_is_scored() -> None:
    bait = score_text("", title="You Won't Believe What This Celebrity Did Next")
    plain = score_text("", title="Senate passes budget bill after long debate")
    assert bait.scores["headline"] > plain.scores["headline"]


def test_unreadable_input_raises_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ScorerError, match=r"missing\.txt"):
        list(score_file(tmp_path / "missing.txt"))


def test_api_takes_a_model_path(tmp_path: Path) -> None:
    with pytest.raises(ScorerError):
        score_text("Text.", model=tmp_path / "none.json")
    with pytest.raises(ScorerError):  # at the call, not at the first record
        score_file(SEEDS, model=tmp_path / "none.json")
