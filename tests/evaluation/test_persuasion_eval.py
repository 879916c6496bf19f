"""Persuasion cues measured against the PTC's marked techniques, by 5-fold CV over articles."""

import json
from pathlib import Path

import pytest

from scorer.evaluation.persuasion import (
    ANY,
    CURATED_UNSEEN,
    DEFAULT_PATH,
    MIN_ARTICLES,
    NgramCounts,
    Prediction,
    cross_validate,
    hyperpartisan_auc,
    labeled,
    learn_cues,
    read_articles,
    report,
)

# Measured with `python -m scorer.evaluation.persuasion`: learned cues (learned on the
# training folds only) any-technique F1 0.262, density Spearman 0.377; curated lists
# any-technique F1 0.332, Spearman 0.415, flag-waving F1 0.381, name calling F1 0.269, doubt
# F1 0.232; curated on the fold not used for pruning any-technique F1 0.327, Spearman 0.366.
# The floors are those figures minus 0.03, rounded down: a gate against regressions.
FLOORS = {
    ("learned", ANY): 0.23,
    ("curated", ANY): 0.30,
    ("curated", "flag_waving"): 0.35,
    ("curated", "name_calling"): 0.23,
    ("curated", "doubt"): 0.20,
    (CURATED_UNSEEN, ANY): 0.29,
}
SPEARMAN_FLOORS = {"learned": 0.34, "curated": 0.38, CURATED_UNSEEN: 0.33}


@pytest.mark.skipif(not DEFAULT_PATH.exists(), reason="../shared/data/ptc_train.jsonl absent")
def test_cues_find_marked_techniques_on_held_out_articles() -> None:
    reports = cross_validate(read_articles(DEFAULT_PATH))
    for (detector, kind), floor in FLOORS.items():
        assert reports[detector].scores[kind].f1 >= floor, (detector, kind)
    for detector, floor in SPEARMAN_FLOORS.items():
        assert reports[detector].spearman >= floor, detector
    overall = reports["curated"].scores[ANY]
    assert overall.n_sentences > 10_000 and 0 < overall.n_positive < overall.n_sentences


def record(text: str, spans: list[list[object]], fraction: float = 0.0) -> dict[str, object]:
    return {"id": "x", "text": text, "spans": spans, "propaganda_fraction": fraction}


def test_gold_spans_project_onto_overlapped_sentences_and_covered_words() -> None:
    text = "Officials met today. The radical left wants chaos. Rain is likely."
    start = text.index("radical")
    article = labeled(
        record(text, [["Name_Calling,Labeling", start, start + 12], ["Loaded_Language", 0, 9]])
    )
    assert article.sentence_kinds == (frozenset(), frozenset({"name_calling"}), frozenset())
    marked = [w for w, k in zip(article.doc.word_texts, article.word_kinds, strict=True) if k]
    assert marked == ["radical", "left"]


def test_a_phrase_is_learned_only_from_enough_articles() -> None:
    # Thirty articles of distinct filler; the marked label recurs in all of them, the other
    # marked word in one article only (however often).
    articles = []
    for i in range(30):
        filler = " ".join(f"w{i}x{j}" for j in range(150))
        text = f"{filler}. They are swamp creatures, all of them."
        start = text.index("swamp")
        spans: list[list[object]] = [["Name_Calling,Labeling", start, start + 15]]
        if i == 0:
            text += " Bloodsuckers. Bloodsuckers. Bloodsuckers. Bloodsuckers."
            spans += [["Name_Calling,Labeling", m, m + 12] for m in _find(text, "Bloodsuckers")]
        articles.append(labeled(record(text, spans)))
    learned = learn_cues(NgramCounts.of(articles))["name_calling"]
    assert "swamp creatures" in learned
    assert MIN_ARTICLES > 1 and "bloodsuckers" not in learned


def _find(text: str, word: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def test_report_scores_sentences_and_correlates_density() -> None:
    first = labeled(record("Our nation first. Rain today.", [["Flag-Waving", 0, 10]], 0.5))
    second = labeled(record("Rain today. Sun tomorrow.", [], 0.0))
    predictions = [
        Prediction([frozenset({"flag_waving"}), frozenset()], 20.0),
        Prediction([frozenset(), frozenset({"doubt"})], 10.0),
    ]
    result = report([first, second], predictions)
    flag, doubt, any_kind = (result.scores[k] for k in ("flag_waving", "doubt", ANY))
    assert (flag.precision, flag.recall, flag.n_positive) == (1.0, 1.0, 1)
    assert (doubt.precision, doubt.n_positive) == (0.0, 0)
    assert (any_kind.precision, any_kind.recall) == (0.5, 1.0)
    assert result.spearman == pytest.approx(1.0)


def test_read_and_cross_validate_a_tiny_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    lines = []
    for i in range(10):
        text = f"Story {i}. The American people want answers. Nothing else happened."
        start = text.index("American")
        spans = [["Flag-Waving", start - 4, start + 15]] if i % 2 else []
        lines.append(json.dumps(record(text, spans, 0.2 if spans else 0.0)))
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    articles = read_articles(path)
    assert len(articles) == 10
    reports = cross_validate(articles)
    assert set(reports) == {"learned", "curated", CURATED_UNSEEN}
    # The shipped list knows "american people": every one is found, half are marked.
    curated = reports["curated"].scores["flag_waving"]
    assert (curated.recall, curated.precision) == (1.0, 0.5)


def test_hyperpartisan_auc_ranks_cue_dense_articles_first(tmp_path: Path) -> None:
    path = tmp_path / "partisan.jsonl"
    texts = [
        ("The radical left will destroy our way of life. Wake up, patriots!", True),
        ("Why did the leftist media cover up the truth? Drain the swamp.", True),
        ("The council met on Tuesday and approved the budget.", False),
        ("Rain is expected on Friday, the weather service said.", False),
    ]
    path.write_text(
        "\n".join(json.dumps({"text": t, "hyperpartisan": h}) for t, h in texts),
        encoding="utf-8",
    )
    assert hyperpartisan_auc([], path)["curated"] == 1.0
