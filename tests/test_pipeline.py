from scorer.article import Article
from scorer.model import default_model
from scorer.pipeline import analyze, score_article
from scorer.registry import FAMILIES, feature_specs

PROSE = (
    "Officials said on Monday that the talks would resume in Geneva. "
    "The delegation will arrive on Tuesday, according to the foreign ministry."
)
JUNK = "SPREAD THE WORD\nBA WORRIED ABOUT 5G FB BANNER 728X90\nLeave a Reply"


def test_every_declared_feature_is_computed_once() -> None:
    features = analyze(Article(text=PROSE)).features
    assert list(features) == list(feature_specs())


def test_junk_lines_are_hygiene_evidence_and_not_scored_as_prose() -> None:
    clean = analyze(Article(text=PROSE))
    dirty = analyze(Article(text=f"{PROSE}\n\n{JUNK}"))
    hygiene = [e.text for e in dirty.evidence if e.family == "hygiene"]
    assert "SPREAD THE WORD" in hygiene and "Leave a Reply" in hygiene
    # The shouted junk line does not count as all-caps emphasis, and the prose families see
    # the same text as without the junk.
    assert not [e for e in dirty.evidence if e.family == "sensationalism" and "SPREAD" in e.text]
    for name, value in clean.features.items():
        if not name.startswith("hygiene."):
            assert dirty.features[name] == value, name
    assert dirty.features["hygiene.boilerplate_line_share"] > 0


def test_evidence_is_sorted_and_slices_the_text() -> None:
    text = f"{PROSE} It is clearly the worst crisis ever!\n\n{JUNK}"
    evidence = analyze(Article(text=text)).evidence
    assert evidence == sorted(evidence, key=lambda e: (e.start, e.end, e.family, e.kind))
    assert {e.family for e in evidence} >= {"hedging", "sensationalism", "hygiene"}
    assert all(text[e.start : e.end] == e.text for e in evidence)


def test_record_carries_metadata_model_and_reader_warnings() -> None:
    article = Article(
        text=PROSE,
        id="x1",
        title="Talks resume",
        source="Wire",
        published="2023-08-14",
        url="https://example.com/a",
        warnings=("w",),
    )
    record = score_article(article)
    assert (record.id, record.title, record.source, record.published) == (
        "x1",
        "Talks resume",
        "Wire",
        "2023-08-14",
    )
    assert record.warnings[0] == "w"
    assert record.model == default_model().label
    assert len(FAMILIES) == len({f.name for f in FAMILIES})


SIXTY_WORDS = " ".join(
    [
        "The city council approved the new budget on Tuesday after a long debate.",
        "Officials said the plan adds funding for schools, roads and public libraries.",
        "Several residents spoke at the meeting, and most supported the proposal.",
        "The mayor said she expected the first projects to begin next spring.",
        "Critics asked for more detail on costs, and the council agreed to publish them.",
    ]
)


def test_text_too_short_to_judge_gets_null_body_scores_and_says_why() -> None:
    from scorer import score_text

    for text, why in [
        ("", "0 words; at least 50 needed"),
        ("Hello.", "1 word; at least 50 needed"),
        ("Spam spam, spam. " * 20, "one word repeated 60 times"),
    ]:
        record = score_text(text)
        assert set(record.scores.values()) == {None}, text
        assert all(record.explanations[name] == [] for name in record.scores)
        assert f"text too short to score ({why})" in record.warnings
        assert record.to_dict()["scores"]["quality"] is None
        assert record.features  # features stay as computed


def test_sixty_words_are_scored_and_a_missing_headline_is_null() -> None:
    untitled = score_article(Article(text=SIXTY_WORDS))
    assert len(SIXTY_WORDS.split()) >= 60
    assert untitled.scores["headline"] is None and untitled.explanations["headline"] == []
    body = {k: v for k, v in untitled.scores.items() if k != "headline"}
    assert all(isinstance(v, float) for v in body.values())
    assert not any("too short" in w for w in untitled.warnings)
    titled = score_article(Article(text=SIXTY_WORDS, title="Council approves budget"))
    assert isinstance(titled.scores["headline"], float)
