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
